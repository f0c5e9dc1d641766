package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
)

// drainPaced sends per messages to each of chats private chats through
// the outbox, with Telegram's limits kept by both the bot and the emulator
// (30/s burst 30, 1/s burst 3 per private chat; strict: counted at
// arrival with no bursts, sandbox.Options.Strict), and returns the rate
// between the first and the last message as the emulator dated them, as a
// fraction of the ideal 30/s, and the number of 429 answers.
func drainPaced(tb testing.TB, chats, per int, strict bool) (ratio float64, tooMany int) {
	tb.Helper()
	e := newEnvWith(tb, sandbox.Options{Limits: true, Strict: strict}, nil)
	e.sender.Limiter = bot.NewLimiter()
	var msgs []aulabot.Message
	for c := range chats {
		id := int64(10000 + c)
		e.sb.AddUser(sandbox.User{ID: id, FirstName: "U"})
		for i := range per {
			msgs = append(msgs, aulabot.Message{ChatID: id, Text: fmt.Sprintf("m%d", i)})
		}
	}
	e.enqueue(msgs...)
	e.run()
	var first, last time.Time
	for c := range chats {
		id := int64(10000 + c)
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(chats*per)*time.Second)
		_, err := e.sb.WaitFor(ctx, id, func(m sandbox.Message) bool { return m.Text == fmt.Sprintf("m%d", per-1) })
		cancel()
		if err != nil {
			tb.Fatal(err)
		}
		for _, m := range e.sb.Messages(id) {
			if first.IsZero() || m.Date.Before(first) {
				first = m.Date
			}
			if m.Date.After(last) {
				last = m.Date
			}
		}
	}
	n := chats * per
	rate := float64(n-1) / last.Sub(first).Seconds()
	return rate / 30, e.sb.Calls("sendMessage") - n
}

// The paced sender gets no 429 from an emulator that enforces Telegram's
// limits, with bursts or strictly at arrival (a short run;
// BenchmarkOutbox_Paced runs the long ones). Until 4 December it paced
// from when each call started, and the strict emulator refused 3–6 of
// these 120 messages a run.
func TestOutbox_Paced(t *testing.T) {
	for _, strict := range []bool{false, true} {
		ratio, tooMany := drainPaced(t, 40, 3, strict)
		t.Logf("strict %v: %.1f%% of the ideal rate", strict, ratio*100)
		if tooMany != 0 {
			t.Errorf("strict %v: %d answers 429, want none", strict, tooMany)
		}
	}
}

// BenchmarkOutbox_Paced drains 500 chats (one message each) and 20,000
// messages (500 chats, 40 each) at Telegram's pace, against the emulator's
// limits with bursts and strict ones: run it with -benchtime=1x (20,000
// messages take 11 minutes). It reports the rate as a percentage of the
// ideal 30/s and fails on any 429.
func BenchmarkOutbox_Paced(b *testing.B) {
	for _, c := range []struct {
		name       string
		chats, per int
		strict     bool
	}{{"chats=500", 500, 1, false}, {"messages=20000", 500, 40, false},
		{"strict/chats=500", 500, 1, true}, {"strict/messages=20000", 500, 40, true}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				ratio, tooMany := drainPaced(b, c.chats, c.per, c.strict)
				b.ReportMetric(ratio*100, "%ideal")
				b.ReportMetric(float64(tooMany), "429s")
				if tooMany != 0 {
					b.Errorf("%d answers 429, want none", tooMany)
				}
			}
		})
	}
}

// BenchmarkOutbox_Throughput drains 3,000 messages over 100 chats with
// the limits off: the outbox's own cost (scheduling, store, HTTP to the
// emulator). It reports messages per second.
func BenchmarkOutbox_Throughput(b *testing.B) {
	const chats, per = 100, 30
	var sent int
	var draining time.Duration
	for b.Loop() {
		e := newEnvWith(b, sandbox.Options{}, nil)
		var msgs []aulabot.Message
		for c := range chats {
			id := int64(10000 + c)
			e.sb.AddUser(sandbox.User{ID: id, FirstName: "U"})
			for i := range per {
				msgs = append(msgs, aulabot.Message{ChatID: id, Text: fmt.Sprintf("m%d", i)})
			}
		}
		e.enqueue(msgs...)
		start := time.Now()
		stop := e.run()
		for c := range chats {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			_, err := e.sb.WaitFor(ctx, int64(10000+c), func(m sandbox.Message) bool { return m.Text == fmt.Sprintf("m%d", per-1) })
			cancel()
			if err != nil {
				b.Fatal(err)
			}
		}
		draining += time.Since(start)
		sent += chats * per
		stop()
	}
	b.ReportMetric(float64(sent)/draining.Seconds(), "msgs/s")
}
