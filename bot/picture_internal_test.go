package bot

import (
	"testing"
	"time"

	"github.com/aulabot/aulabot/store"
)

// A chat passed over because its own limit did not allow it yet is served
// once it does, within one round of the chats already waiting, even while
// new chats keep arriving (an announcement feeding the outbox 30 people a
// second). Before the fix new chats were appended after the round's
// cursor, so a chat behind it waited until no new chat came: a person's
// answer waited for the whole campaign.
func TestPicture_NewChatsDoNotStarveOne(t *testing.T) {
	lim := NewLimiter()
	p := newPicture()
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	const person = 7
	lim.Take(person, now) // just got a message: its next one may go in a second
	next := uint64(1)
	add := func(chat int64) {
		p.add(store.OutboxEntry{ID: next, Chat: chat})
		next++
	}
	for c := range int64(30) {
		add(1000 + c) // the campaign's first recipients
	}
	add(person) // the person's answer, behind them
	ready := now.Add(time.Second)
	step := time.Second / 30
	for i := range 3000 {
		add(2000 + int64(i)) // one more recipient for each one sent
		e, _ := p.pick(now, now, lim)
		if e == nil {
			t.Fatalf("step %d: nothing to send", i)
		}
		lim.Take(e.Chat, now)
		p.start(e)
		p.finish(e)
		p.remove(e)
		if e.Chat == person {
			if late := now.Sub(ready); late > 2*time.Second {
				t.Errorf("the person's answer went %v after their chat allowed it", late)
			}
			return
		}
		now = now.Add(step)
	}
	t.Fatal("the person's answer never went while new chats kept arriving")
}

// With nothing to send but a chat's next message, held by the chat's
// limit, pick says how long until the limit allows it. It said 0 (a lane
// was ready), and the outbox's worker looked again every millisecond
// while a group waited for its next slot.
func TestPicture_WaitsForTheChatsLimit(t *testing.T) {
	lim := NewLimiter()
	p := newPicture()
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	for id, chat := range []int64{-100, -100, 7, 7} {
		p.add(store.OutboxEntry{ID: uint64(id + 1), Chat: chat})
	}
	for range 2 { // one message to each chat
		e, _ := p.pick(now, now, lim)
		if e == nil {
			t.Fatal("nothing to send")
		}
		lim.Take(e.Chat, now)
		p.start(e)
		p.finish(e)
		p.remove(e)
	}
	e, wait := p.pick(now, now, lim)
	want := min(lim.ChatReady(-100, now).Sub(now), lim.ChatReady(7, now).Sub(now))
	if e != nil || wait <= 0 || wait != want {
		t.Errorf("pick = %v, %v; want nothing until the first chat's limit allows it, in %v", e, wait, want)
	}
}
