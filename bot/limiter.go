package bot

import (
	"sync"
	"time"

	"github.com/aulabot/aulabot"
)

// Rate is one of Telegram's limits as a token bucket: a message every
// Every, and at most Burst at once after a quiet spell (1: evenly paced).
// Slack lets a message go that much before its time, so that a sender
// woken late (a busy machine, a pause) catches up instead of losing that
// time for good; after a quiet spell 1+Slack/Every messages may go at once.
type Rate struct {
	Every time.Duration
	Burst int
	Slack time.Duration
}

// Telegram's limits for one bot, evenly paced: 30 messages a second
// overall (with 100 ms of slack, and never more than 30 in any second: see
// Limiter.PerSecond), one a second in any chat, and in a group never more
// than GroupPerMinute in any minute (GroupWindow).
var (
	GlobalRate  = Rate{Every: (time.Second + 29) / 30, Burst: 1, Slack: 100 * time.Millisecond}
	PrivateRate = Rate{Every: time.Second, Burst: 1}
	GroupRate   = Rate{Every: time.Second, Burst: 1}
)

// GlobalPerSecond is Telegram's overall limit.
const GlobalPerSecond = 30

// GroupPerMinute is Telegram's limit per group; GroupWindow is the span
// it is counted over: a minute and a second, so that a message that
// reached Telegram a little late does not make 21 in its minute.
const (
	GroupPerMinute = 20
	GroupWindow    = time.Minute + time.Second
)

// bucket is a token bucket kept as its theoretical arrival time (GCRA):
// the time at which it would be full again.
type bucket struct{ tat time.Time }

// ready is the earliest time at or after now a message may take a token.
func (r Rate) ready(b bucket, now time.Time) time.Time {
	if t := b.tat.Add(-time.Duration(r.Burst-1)*r.Every - r.Slack); t.After(now) {
		return t
	}
	return now
}

// take spends a token at at.
func (r Rate) take(b *bucket, at time.Time) {
	if b.tat.Before(at) {
		b.tat = at
	}
	b.tat = b.tat.Add(r.Every)
}

// window is a sliding log: at most n events in any span of per.
type window struct {
	n    int
	per  time.Duration
	last []stamp // the last n events, in the order they were booked
}

// stamp is an event of a window: when it counts from, and its booking.
type stamp struct {
	at  time.Time
	seq uint64
}

// next is the earliest time at or after t an event is allowed.
func (w *window) next(t time.Time) time.Time {
	if w.n == 0 || len(w.last) < w.n {
		return t
	}
	if at := w.last[0].at.Add(w.per); at.After(t) {
		return at
	}
	return t
}

func (w *window) add(t time.Time, seq uint64) {
	if w.n == 0 {
		return
	}
	w.last = append(w.last, stamp{t, seq})
	if len(w.last) > w.n {
		w.last = w.last[len(w.last)-w.n:]
	}
}

// arrived moves booking seq's event back to t, if it is still in the
// window and counted from later.
func (w *window) arrived(seq uint64, t time.Time) {
	for i := range w.last {
		if w.last[i].seq == seq && t.Before(w.last[i].at) {
			w.last[i].at = t
		}
	}
}

type chatLimit struct {
	b       bucket
	recent  window    // a group's messages in the last GroupWindow
	blocked time.Time // retry_after: not before
	seq     uint64    // the chat's last booking
}

// Slot is a message's place in the limits, from Book until Done.
type Slot struct {
	chat int64
	seq  uint64 // 0: nothing booked
	at   time.Time
}

// Limiter keeps the bot within Telegram's limits, as token buckets that
// release one message every 1/30 s overall and one a second per chat,
// with at most 20 in any minute per group (a group's messages go a second
// apart until its minute is used, so a ticket's post, claim and replies
// show within seconds), and keeps each chat's 429 retry_after. It
// works on the times it is given, so tests drive it with a fake clock. It
// is safe for concurrent use.
//
// Telegram counts a message when it arrives, which is some time after the
// bot booked it: two messages booked a second apart can arrive closer
// when the first was slow on its way. So the second in a chat, and the
// 31st overall, wait a second from when the call of the one before them
// ended (Done), which is after it arrived; until it ends, and when it
// ends later than that, from its booking plus Transit: on a slow network
// the limits cost at most Transit a second, not the round trip.
type Limiter struct {
	// Off lets every message through at once, retry_after excepted: only
	// for tests against an emulator that does not enforce limits either.
	Off bool
	// Global, Private and Group are the limits (NewLimiter sets Telegram's).
	Global, Private, Group Rate
	// Transit is the longest a call is taken to need to reach Telegram
	// (NewLimiter: DefaultTransit).
	Transit time.Duration

	mu     sync.Mutex
	global bucket
	// perSecond caps the messages in any second whatever the slack.
	perSecond window
	chats     map[int64]*chatLimit
	seq       uint64 // bookings so far
}

// DefaultTransit is Limiter.Transit by default: on a machine next to the
// server a call ends in a few milliseconds and the limits cost that; over
// a round trip longer than Transit they cost at most Transit a second (a
// chat's next message and the 31st wait at most 1.1 s), by construction.
const DefaultTransit = 100 * time.Millisecond

// NewLimiter returns a limiter with Telegram's limits.
func NewLimiter() *Limiter {
	return &Limiter{Global: GlobalRate, Private: PrivateRate, Group: GroupRate, Transit: DefaultTransit,
		perSecond: window{n: GlobalPerSecond, per: time.Second}, chats: map[int64]*chatLimit{}}
}

func (l *Limiter) rate(chat int64) Rate {
	if aulabot.Group(chat) {
		return l.Group
	}
	return l.Private
}

func (l *Limiter) chat(id int64) *chatLimit {
	c, ok := l.chats[id]
	if !ok {
		c = &chatLimit{}
		if aulabot.Group(id) {
			c.recent = window{n: GroupPerMinute, per: GroupWindow}
		}
		l.chats[id] = c
	}
	return c
}

// ChatReady is the earliest time at or after now that chat's own limit
// and retry_after allow a message (the overall limit aside).
func (l *Limiter) ChatReady(chat int64, now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.chatReady(chat, now)
}

func (l *Limiter) chatReady(chat int64, now time.Time) time.Time {
	c, ok := l.chats[chat]
	if !ok {
		return now
	}
	at := now
	if c.blocked.After(at) {
		at = c.blocked
	}
	if l.Off {
		return at
	}
	return c.recent.next(l.rate(chat).ready(c.b, at))
}

// GlobalReady is the earliest time at or after now the overall limit
// allows a message.
func (l *Limiter) GlobalReady(now time.Time) time.Time {
	if l.Off {
		return now
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.globalReady(now)
}

func (l *Limiter) globalReady(now time.Time) time.Time {
	return l.perSecond.next(l.Global.ready(l.global, now))
}

// Take counts a message that reached chat at at. Replaying the sends of a
// previous process through Take restores its buckets.
func (l *Limiter) Take(chat int64, at time.Time) {
	if l.Off {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.take(chat, at, 0)
}

// take counts a message to chat booked at at, as arriving up to transit
// later.
func (l *Limiter) take(chat int64, at time.Time, transit time.Duration) Slot {
	l.seq++
	c := l.chat(chat)
	l.rate(chat).take(&c.b, at)
	c.b.tat = c.b.tat.Add(transit)
	c.seq = l.seq
	c.recent.add(at, l.seq)
	l.Global.take(&l.global, at)
	l.perSecond.add(at.Add(transit), l.seq)
	if len(l.chats) > 10000 {
		l.prune(at)
	}
	return Slot{chat: chat, seq: l.seq, at: at}
}

// Book books a message to chat at now if the limits allow it then;
// otherwise it returns false and when to try again. Nothing is booked
// ahead: a slot promised for later would hold back every chat until then.
// The caller tells Done when the message's call ended.
func (l *Limiter) Book(chat int64, now time.Time) (Slot, bool, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	at := l.chatReady(chat, now)
	if g := l.globalReady(now); !l.Off && g.After(at) {
		at = g
	}
	if at.After(now) {
		return Slot{}, false, at
	}
	if l.Off {
		return Slot{}, true, now
	}
	return l.take(chat, now, l.Transit), true, now
}

// Done says that slot's call ended at end (whatever Telegram answered):
// the message reached Telegram by then, and the next ones count from
// there rather than from its booking plus Transit.
func (l *Limiter) Done(slot Slot, end time.Time) {
	if slot.seq == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	assumed := slot.at.Add(l.Transit) // when it counted from until now
	if !end.Before(assumed) {
		return
	}
	if end.Before(slot.at) {
		end = slot.at // a clock set back
	}
	l.perSecond.arrived(slot.seq, end)
	if c, ok := l.chats[slot.chat]; ok && c.seq == slot.seq {
		c.b.tat = c.b.tat.Add(end.Sub(assumed)) // booked last in its chat: nothing built on it
	}
}

// Penalise makes chat wait until at (after a 429 retry_after).
func (l *Limiter) Penalise(chat int64, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c := l.chat(chat); at.After(c.blocked) {
		c.blocked = at
	}
}

// prune forgets chats whose buckets are full and that wait for nothing.
func (l *Limiter) prune(now time.Time) {
	for id, c := range l.chats {
		if !c.b.tat.After(now) && !c.blocked.After(now) && !c.recent.next(now).After(now) {
			delete(l.chats, id)
		}
	}
}
