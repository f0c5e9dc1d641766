package bot

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

// send sends to chat as soon as l allows at or after now (a sender that
// waits as told, on a fake clock) and returns when.
func send(l *Limiter, chat int64, now time.Time) time.Time {
	for {
		ok, at := l.TryTake(chat, now)
		if ok {
			return now
		}
		if !at.After(now) {
			panic("TryTake refused without a later time")
		}
		now = at
	}
}

func TestLimiter_PrivateChat(t *testing.T) {
	l := NewLimiter()
	if got := send(l, 7, t0); !got.Equal(t0) {
		t.Errorf("first message at +%v, want at once", got.Sub(t0))
	}
	// Another chat is not held back by chat 7.
	if got := send(l, 8, t0); !got.Equal(t0) {
		t.Errorf("chat 8 waits %v, want none (the overall slack)", got.Sub(t0))
	}
	for i, want := range []time.Duration{time.Second, 2 * time.Second} {
		if got := send(l, 7, t0).Sub(t0); got != want {
			t.Errorf("message %d at +%v, want +%v", i+2, got, want)
		}
	}
}

// A group gets one message every 3 s: never more than 20 in a minute, and
// none at once.
func TestLimiter_Group(t *testing.T) {
	l := NewLimiter()
	var sent []time.Time
	for i := 0; i < 45; i++ {
		sent = append(sent, send(l, -100, latest(t0.Add(time.Duration(i)*100*time.Millisecond), sent)))
	}
	for i := 1; i < len(sent); i++ {
		if d := sent[i].Sub(sent[i-1]); d < 3*time.Second {
			t.Fatalf("messages %d and %d are %v apart, want 3 s", i-1, i, d)
		}
	}
	for i := range sent {
		n := 0
		for _, s := range sent[i:] {
			if s.Sub(sent[i]) < time.Minute {
				n++
			}
		}
		if n > 20 {
			t.Fatalf("%d messages in the minute from message %d", n, i)
		}
	}
}

// Overall, messages are released one every 1/30 s, never 30 at the same
// instant: a few at once after a quiet spell (the slack), no second holding
// more than 30, and no chat getting two within a second.
func TestLimiter_Global(t *testing.T) {
	l := NewLimiter()
	var all []time.Time
	for chat := int64(1); chat <= 90; chat++ {
		all = append(all, send(l, chat, latest(t0, all)))
	}
	atOnce := 1 + int(GlobalRate.Slack/GlobalRate.Every)
	for i := atOnce; i < len(all); i++ {
		if !all[i].After(all[i-atOnce]) {
			t.Fatalf("%d messages at +%v", atOnce+1, all[i].Sub(t0))
		}
	}
	if got := all[89].Sub(t0); got < 2800*time.Millisecond || got > 3*time.Second {
		t.Errorf("90th message at +%v, want about +3s (30 a second)", got)
	}
	checkPerSecond(t, all)

	l = NewLimiter()
	all = nil
	lastByChat := map[int64]time.Time{}
	for i := 0; i < 1800; i++ {
		chat := int64(i % 90)
		at := send(l, chat, latest(t0.Add(time.Duration(i)*10*time.Millisecond), all))
		if prev, ok := lastByChat[chat]; ok && at.Sub(prev) < time.Second {
			t.Fatalf("chat %d got two messages %v apart", chat, at.Sub(prev))
		}
		lastByChat[chat] = at
		all = append(all, at)
	}
	checkPerSecond(t, all)
}

// A sender that always wakes 20 ms late still sends 30 a second: the
// slack absorbs the lateness instead of drifting the pace.
func TestLimiter_LateSender(t *testing.T) {
	l := NewLimiter()
	var all []time.Time
	now := t0
	for chat := int64(1); chat <= 300; chat++ {
		at := send(l, chat, now)
		all = append(all, at)
		now = at.Add(20 * time.Millisecond)
	}
	if rate := 299 / all[299].Sub(all[0]).Seconds(); rate < 29.9 {
		t.Errorf("%.2f messages a second, want 30", rate)
	}
	checkPerSecond(t, all)
}

// checkPerSecond fails if any second holds more than 30 of sent.
func checkPerSecond(t *testing.T, sent []time.Time) {
	t.Helper()
	for i := range sent {
		n := 0
		for _, s := range sent[i:] {
			if s.Sub(sent[i]) < time.Second {
				n++
			}
		}
		if n > GlobalPerSecond {
			t.Fatalf("%d messages in the second from +%v", n, sent[i].Sub(t0))
		}
	}
}

// latest is the later of now and the last time in sent.
func latest(now time.Time, sent []time.Time) time.Time {
	if len(sent) > 0 && sent[len(sent)-1].After(now) {
		return sent[len(sent)-1]
	}
	return now
}

func TestLimiter_Penalise(t *testing.T) {
	l := NewLimiter()
	send(l, 7, t0)
	l.Penalise(7, t0.Add(5*time.Second))
	if got := send(l, 8, t0.Add(time.Second)).Sub(t0); got != time.Second {
		t.Errorf("another chat waits until +%v, want +1s (not penalised)", got)
	}
	if got := send(l, 7, t0.Add(time.Second)).Sub(t0); got != 5*time.Second {
		t.Errorf("after retry_after 5s the next message is at +%v, want +5s", got)
	}
	// retry_after holds even with the limits off.
	l = NewLimiter()
	l.Off = true
	l.Penalise(7, t0.Add(5*time.Second))
	if got := l.ChatReady(7, t0).Sub(t0); got != 5*time.Second {
		t.Errorf("limits off: chat 7 ready at +%v, want +5s", got)
	}
	if got := send(l, 8, t0); !got.Equal(t0) {
		t.Errorf("limits off: chat 8 at +%v, want at once", got.Sub(t0))
	}
}

// Replaying a previous process's sends restores its buckets: a group
// written to 1 s ago waits 2 s more.
func TestLimiter_Restore(t *testing.T) {
	l := NewLimiter()
	l.Take(-100, t0.Add(-time.Second))
	l.Take(7, t0.Add(-2*time.Second))
	if got := l.ChatReady(-100, t0).Sub(t0); got != 2*time.Second {
		t.Errorf("group ready at +%v, want +2s", got)
	}
	if got := l.ChatReady(7, t0); !got.Equal(t0) {
		t.Errorf("private chat ready at +%v, want now", got.Sub(t0))
	}
}

func TestBackoff(t *testing.T) {
	for attempts, want := range map[int]time.Duration{0: time.Second, 1: 2 * time.Second, 3: 8 * time.Second, 20: 5 * time.Minute} {
		if got := backoff(attempts); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempts, got, want)
		}
	}
}
