package bot

import (
	"fmt"
	"slices"
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

// Messages that yield (Message.Yield: a member of staff's deletion edits
// the post of every ticket they worked, a lane each) give way to a
// group's other lanes, the group's limit taken at each send: a new
// ticket's post, queued after sixty of them, goes first; a yielding lane
// that also holds a message that does not yield goes in its turn, in
// order; then the yielding lanes, round-robin. Before, each lane had its
// turn, and at a group's 20 messages a minute the post waited three
// minutes behind sixty edits (fifty behind a thousand).
func TestPicture_YieldingLanesGiveWay(t *testing.T) {
	lim := NewLimiter()
	p := newPicture()
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	const group = -100
	for i := range 60 {
		p.add(store.OutboxEntry{ID: uint64(i + 1), Chat: group, Lane: fmt.Sprintf("UNMA-%d", i+1), Yield: true})
	}
	p.add(store.OutboxEntry{ID: 61, Chat: group, Lane: "UNMA-30"}) // the ticket's news, behind its edit
	p.add(store.OutboxEntry{ID: 62, Chat: group, Lane: "UNMA-61"}) // a new ticket's post
	var got []uint64
	for len(got) < 6 {
		e, wait := p.pick(now, now, lim)
		if e == nil {
			now = now.Add(wait)
			continue
		}
		lim.Take(e.Chat, now)
		p.start(e)
		p.finish(e)
		p.remove(e)
		got = append(got, e.ID)
	}
	// UNMA-30's edit and news, in order, and the new post, before any
	// other edit; then the other edits, round-robin.
	first := slices.Clone(got[:3])
	slices.Sort(first)
	edits := !slices.ContainsFunc(got[3:], func(id uint64) bool { return id > 60 || id == 30 })
	if !slices.Equal(first, []uint64{30, 61, 62}) || slices.Index(got, 30) > slices.Index(got, 61) || !edits {
		t.Errorf("sent in the order %v, want 30 before 61 and 62 among the first three, then the other edits", got)
	}
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
