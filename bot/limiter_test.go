package bot

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

func TestLimiter_PrivateChat(t *testing.T) {
	l := NewLimiter()
	for i, want := range []time.Duration{0, time.Second, 2 * time.Second} {
		if got := l.Reserve(7, t0).Sub(t0); got != want {
			t.Errorf("message %d at +%v, want +%v", i, got, want)
		}
	}
	// Another chat is not held back by chat 7.
	if got := l.Reserve(8, t0).Sub(t0); got != 0 {
		t.Errorf("chat 8 waits %v, want 0", got)
	}
}

func TestLimiter_Group(t *testing.T) {
	l := NewLimiter()
	var last time.Time
	for i := 0; i < GroupPerMinute; i++ {
		last = l.Reserve(-100, t0.Add(time.Duration(i)*100*time.Millisecond))
		if last.Sub(t0) > 2*time.Second {
			t.Fatalf("message %d delayed to %v: a group takes 20 at once", i, last.Sub(t0))
		}
	}
	if got := l.Reserve(-100, t0.Add(2*time.Second)).Sub(t0); got != time.Minute {
		t.Errorf("21st group message at +%v, want +1m (20 per minute)", got)
	}
}

func TestLimiter_Global(t *testing.T) {
	l := NewLimiter()
	for chat := int64(1); chat <= GlobalPerSecond; chat++ {
		if got := l.Reserve(chat, t0); !got.Equal(t0) {
			t.Fatalf("chat %d waits %v", chat, got.Sub(t0))
		}
	}
	if got := l.Reserve(999, t0).Sub(t0); got != time.Second {
		t.Errorf("31st message in a second at +%v, want +1s", got)
	}
	// Over a minute of steady traffic to many chats, no second holds more
	// than 30 and no chat gets two within a second.
	l = NewLimiter()
	perSecond := map[int64]int{}
	lastByChat := map[int64]time.Time{}
	for i := 0; i < 1800; i++ {
		chat := int64(i % 90)
		at := l.Reserve(chat, t0.Add(time.Duration(i)*10*time.Millisecond))
		perSecond[at.Sub(t0).Milliseconds()/1000]++
		if prev, ok := lastByChat[chat]; ok && at.Sub(prev) < time.Second {
			t.Fatalf("chat %d got two messages %v apart", chat, at.Sub(prev))
		}
		lastByChat[chat] = at
	}
	for s, n := range perSecond {
		if n > GlobalPerSecond {
			t.Errorf("second %d has %d messages", s, n)
		}
	}
}

func TestLimiter_Penalise(t *testing.T) {
	l := NewLimiter()
	l.Reserve(7, t0)
	l.Penalise(7, t0.Add(5*time.Second))
	if got := l.Reserve(7, t0.Add(time.Second)).Sub(t0); got != 5*time.Second {
		t.Errorf("after retry_after 5s the next message is at +%v, want +5s", got)
	}
	if got := l.Reserve(8, t0.Add(time.Second)).Sub(t0); got != time.Second {
		t.Errorf("another chat waits until +%v, want +1s (not penalised)", got)
	}
}

func TestBackoff(t *testing.T) {
	for attempts, want := range map[int]time.Duration{0: time.Second, 1: 2 * time.Second, 3: 8 * time.Second, 20: 5 * time.Minute} {
		if got := backoff(attempts); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempts, got, want)
		}
	}
}
