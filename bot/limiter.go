package bot

import (
	"sync"
	"time"

	"github.com/aulabot/aulabot"
)

// Telegram's limits for one bot.
const (
	GlobalPerSecond = 30
	GroupPerMinute  = 20
)

// window is a sliding-window log: at most n events in any span of per.
type window struct {
	n    int
	per  time.Duration
	last []time.Time // the times of the last n events, oldest first
}

// next is the earliest time at or after t an event is allowed.
func (w *window) next(t time.Time) time.Time {
	if len(w.last) < w.n {
		return t
	}
	if at := w.last[0].Add(w.per); at.After(t) {
		return at
	}
	return t
}

func (w *window) add(t time.Time) {
	w.last = append(w.last, t)
	if len(w.last) > w.n {
		w.last = w.last[len(w.last)-w.n:]
	}
}

// Limiter keeps the bot within Telegram's limits: 30 messages per second
// overall, 1 per second per private chat and 20 per minute per group. It
// works on the times it is given, so tests drive it with a fake clock.
type Limiter struct {
	// Off lets every message through at once: only for tests against an
	// emulator that does not enforce limits either.
	Off bool

	mu      sync.Mutex
	global  window
	chats   map[int64]*window
	blocked map[int64]time.Time // chat -> not before (retry_after)
}

// NewLimiter returns a limiter with Telegram's limits.
func NewLimiter() *Limiter {
	return &Limiter{global: window{n: GlobalPerSecond, per: time.Second}, chats: map[int64]*window{}, blocked: map[int64]time.Time{}}
}

// Reserve books the earliest moment at or after now when a message to chat
// may be sent, and returns it; the caller waits until then.
func (l *Limiter) Reserve(chat int64, now time.Time) time.Time {
	if l.Off {
		return now
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	w, ok := l.chats[chat]
	if !ok {
		w = &window{n: 1, per: time.Second}
		if aulabot.Group(chat) {
			w = &window{n: GroupPerMinute, per: time.Minute}
		}
		l.chats[chat] = w
	}
	at := now
	if b, ok := l.blocked[chat]; ok {
		if b.After(at) {
			at = b
		} else {
			delete(l.blocked, chat)
		}
	}
	for {
		t := w.next(at)
		t = l.global.next(t)
		if t.Equal(at) {
			break
		}
		at = t
	}
	w.add(at)
	l.global.add(at)
	if len(l.chats) > 10000 {
		l.prune(now)
	}
	return at
}

// Penalise makes chat wait until at (after a 429 retry_after).
func (l *Limiter) Penalise(chat int64, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if at.After(l.blocked[chat]) {
		l.blocked[chat] = at
	}
}

// prune forgets chats idle for over a minute.
func (l *Limiter) prune(now time.Time) {
	for id, w := range l.chats {
		if len(w.last) == 0 || now.Sub(w.last[len(w.last)-1]) > time.Minute {
			delete(l.chats, id)
		}
	}
}
