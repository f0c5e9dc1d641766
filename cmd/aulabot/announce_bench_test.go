package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// BenchmarkAnnounce sends an announcement to 3,000 teachers through the
// real bot, its outbox and sender, to the emulator with Telegram's limits
// on both sides (30 messages/s overall, 1/s per chat), while 10 students
// each ask the bot for /help every 1.5 s (once answered). It reports the
// time from Send now to the coordinator's final count (ideal at 30/s:
// 100 s), the 429s the bot got, and the students' wait for each answer
// (p50, p99, max; a question still unanswered at the end counts as
// waiting until then), and how long the coordinator waited for the
// progress message after pressing Send now.
// room is how many of the announcement's messages may wait in the outbox
// at once: the default (30), 60, and 3,000 (the whole campaign queued at
// once, as a naive broadcast would) for comparison. Run it with
// -benchtime=1x: each run takes about two minutes.
func BenchmarkAnnounce(b *testing.B) {
	for _, room := range []int{30, 60, 3000} {
		b.Run(fmt.Sprintf("people=3000/room=%d", room), func(b *testing.B) {
			for b.Loop() {
				benchAnnounce(b, 3000, room)
			}
		})
	}
}

func benchAnnounce(b *testing.B, people, room int) {
	h := &harness{t: b, Cfg: config.Demo(), Limits: true, BeforeRun: func(m *Main) { m.Announcer.Room = room }}
	h.SB = newSandbox(h.Cfg, true)
	h.startEmulator()
	const first = 100000
	h.addAudience(first, people)
	const askers, askerFirst = 10, 90000
	err := h.M.Store.Update(func(tx *store.Tx) error {
		for i := range int64(askers) {
			h.SB.AddUser(sandbox.User{ID: askerFirst + i, FirstName: "S", LanguageCode: "en"})
			if err := tx.PutUser(aulabot.User{ID: askerFirst + i, Name: "S", Lang: "en", University: "unma", Role: aulabot.RoleStudent, ConsentAt: h.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}

	start := h.pressSend("Taller de Moodle el viernes")
	ctx, stop := context.WithCancel(context.Background())
	var mu sync.Mutex
	var waits []time.Duration
	unanswered := 0
	var wg sync.WaitGroup
	for i := range int64(askers) {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			tick := time.NewTicker(1500 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
				before := h.lastBot(id)
				sent := time.Now()
				h.SB.SendText(id, id, "/help")
				wctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
				_, err := h.SB.WaitFor(wctx, id, func(m sandbox.Message) bool { return m.ID > before })
				cancel()
				mu.Lock()
				waits = append(waits, time.Since(sent)) // unanswered at the end: counted as waiting until then
				if err != nil {
					unanswered++
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}(askerFirst + i)
	}
	h.waitFinalWithin(5001, "Anuncio 1", 15*time.Minute)
	progress := time.Since(start)
	final := h.waitFinalWithin(5001, "Su anuncio 1 terminó", 15*time.Minute)
	took := time.Since(start)
	stop()
	wg.Wait()
	if !strings.Contains(final, fmt.Sprintf("%d de %d enviados", people, people)) {
		b.Errorf("final count = %q", final)
	}
	slices.Sort(waits)
	if len(waits) == 0 {
		b.Fatal("no student got an answer")
	}
	q := func(p float64) float64 { return waits[min(len(waits)-1, int(p*float64(len(waits))))].Seconds() }
	b.ReportMetric(took.Seconds(), "s_to_deliver")
	b.ReportMetric(counter(b, h.M.Metrics.Registry, "aulabot_telegram_429_total"), "429s")
	b.ReportMetric(progress.Seconds(), "progress_s")
	b.ReportMetric(q(0.5), "answer_p50_s")
	b.ReportMetric(q(0.99), "answer_p99_s")
	b.ReportMetric(waits[len(waits)-1].Seconds(), "answer_max_s")
	b.ReportMetric(float64(len(waits)), "questions")
	b.ReportMetric(float64(unanswered), "unanswered")
}

// waitFinalWithin is waitFinal with its own deadline.
func (h *harness) waitFinalWithin(chat int64, text string, d time.Duration) string {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	m, err := h.SB.WaitFor(ctx, chat, func(m sandbox.Message) bool { return strings.Contains(m.Text, text) })
	if err != nil {
		h.t.Fatalf("%v; chat %d has: %s", err, chat, dump(h.SB.Messages(chat)))
	}
	return m.Text
}

// counter reads a counter's total (all labels) from reg.
func counter(tb testing.TB, reg *prometheus.Registry, name string) float64 {
	tb.Helper()
	fams, err := reg.Gather()
	if err != nil {
		tb.Fatal(err)
	}
	var n float64
	for _, f := range fams {
		if f.GetName() == name {
			for _, m := range f.GetMetric() {
				n += m.GetCounter().GetValue()
			}
		}
	}
	return n
}
