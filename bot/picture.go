package bot

import (
	"github.com/aulabot/aulabot"
	"slices"
	"time"

	"github.com/aulabot/aulabot/store"
)

// entry is one pending message in the outbox worker's picture.
type entry struct {
	store.OutboxEntry
	// hold is when an edit waiting for its ref is looked at again (rate
	// clock).
	hold     time.Time
	busy     bool // in flight
	slot     Slot // the limits' slot its delivery booked
	textSent bool // a Leave whose text is out
	// gen is its chat's deliveries when it was started: an edit told to
	// wait for its ref does not wait if one was delivered since.
	gen uint64
}

// lane is a chat's messages of one Message.Lane, by id: they go in order.
// urgent counts those that do not yield (Message.Yield): a lane without
// one gives way to the chat's other lanes.
type lane struct {
	name   string
	q      []*entry
	urgent int
}

// chatQueue is one chat's lanes, served round-robin.
type chatQueue struct {
	id    int64
	lanes []*lane
	next  int    // the lane to try first
	busy  int    // messages in flight
	n     int    // entries
	gen   uint64 // deliveries so far
}

// picture is what the outbox worker knows is pending: every message due
// and every one waiting for a retry, by chat and lane. Only Run's
// goroutine touches it. A message leaves it only once its delivery
// reported back, after the store settled it, so a scan can never bring
// back a message in flight or sent.
type picture struct {
	chats    map[int64]*chatQueue
	ring     []*chatQueue // chats with messages, served round-robin
	next     int          // the chat to try first
	known    map[uint64]*entry
	lost     map[uint64]bool // settled here but not in the store: never again
	cursor   store.OutboxCursor
	nextDue  time.Time // when the next scheduled message falls due
	inflight int
	bulk     int // messages of aulabot.BulkLane in flight: at most one
}

func newPicture() *picture {
	return &picture{chats: map[int64]*chatQueue{}, known: map[uint64]*entry{}, lost: map[uint64]bool{}}
}

// add puts a scanned message in its lane, unless it is known already.
func (p *picture) add(se store.OutboxEntry) {
	if _, ok := p.known[se.ID]; ok || p.lost[se.ID] {
		return
	}
	e := &entry{OutboxEntry: se}
	p.known[e.ID] = e
	c, ok := p.chats[e.Chat]
	if !ok {
		c = &chatQueue{id: e.Chat}
		p.chats[e.Chat] = c
		// A new chat joins the end of the current round, just before the
		// cursor: appended after it, a stream of new chats would keep the
		// cursor from ever coming back to a chat it passed over (one its
		// own limit held), however long the stream.
		p.ring = slices.Insert(p.ring, p.next, c)
		p.next++
	}
	c.n++
	i := slices.IndexFunc(c.lanes, func(l *lane) bool { return l.name == e.Lane })
	if i < 0 {
		c.lanes = append(c.lanes, &lane{name: e.Lane})
		i = len(c.lanes) - 1
	}
	l := c.lanes[i]
	at, _ := slices.BinarySearchFunc(l.q, e.ID, func(x *entry, id uint64) int {
		switch {
		case x.ID < id:
			return -1
		case x.ID > id:
			return 1
		}
		return 0
	})
	l.q = slices.Insert(l.q, at, e)
	if !e.Yield {
		l.urgent++
	}
}

func (p *picture) start(e *entry) {
	c := p.chats[e.Chat]
	e.busy, e.gen = true, c.gen
	c.busy++
	p.inflight++
	if e.Lane == aulabot.BulkLane {
		p.bulk++
	}
}

func (p *picture) finish(e *entry) {
	e.busy = false
	p.chats[e.Chat].busy--
	p.inflight--
	if e.Lane == aulabot.BulkLane {
		p.bulk--
	}
}

// remove forgets a settled message, and its lane and chat once empty.
func (p *picture) remove(e *entry) {
	delete(p.known, e.ID)
	c := p.chats[e.Chat]
	li := slices.IndexFunc(c.lanes, func(l *lane) bool { return l.name == e.Lane })
	l := c.lanes[li]
	l.q = slices.DeleteFunc(l.q, func(x *entry) bool { return x == e })
	if !e.Yield {
		l.urgent--
	}
	c.n--
	if len(l.q) == 0 {
		c.lanes = slices.Delete(c.lanes, li, li+1)
		if li < c.next {
			c.next--
		}
	}
	if c.n > 0 || c.busy > 0 {
		return
	}
	delete(p.chats, c.id)
	ci := slices.Index(p.ring, c)
	p.ring = slices.Delete(p.ring, ci, ci+1)
	if ci < p.next {
		p.next--
	}
}

// unhold lets the edits of chat that wait for their ref look again: a
// message just delivered there may have created it.
func (p *picture) unhold(chat int64) {
	if c, ok := p.chats[chat]; ok {
		c.gen++
		for _, l := range c.lanes {
			l.q[0].hold = time.Time{}
		}
	}
}

// hold makes an edit wait for its ref until at, unless a message of its
// chat was delivered since it started.
func (p *picture) hold(e *entry, at time.Time) {
	if p.chats[e.Chat].gen == e.gen {
		e.hold = at
	}
}

// pick chooses the next message to send: round-robin over the chats the
// limiter allows now, and over their lanes, the head of a lane that is
// not in flight, is due (bizNow, the due-time clock) and not held (now,
// the rate clock). A Leave waits until it is the oldest of its chat and
// nothing of the chat is in flight. With nothing to send it returns how
// long until something may be.
func (p *picture) pick(bizNow, now time.Time, lim *Limiter) (*entry, time.Duration) {
	wait := safetyNet
	n := len(p.ring)
	for i := range n {
		ci := (p.next + i) % n
		c := p.ring[ci]
		li, w := c.pickLane(bizNow, now, p.bulk == 0)
		if li < 0 {
			wait = min(wait, w)
			continue
		}
		// A lane may go, once the chat's limit allows: the wait is the
		// limit's (until 7 December pickLane's 0 was kept, and the worker
		// looked again every millisecond while a chat waited for its
		// slot, a group's three seconds).
		if r := lim.ChatReady(c.id, now); r.After(now) {
			wait = min(wait, r.Sub(now))
			continue
		}
		c.next = (li + 1) % len(c.lanes)
		p.next = (ci + 1) % n
		return c.lanes[li].q[0], 0
	}
	return nil, wait
}

// pickLane returns the next lane whose head may go, or -1 and how long
// until one may: of the lanes with a message that does not yield, and
// only if none of them may, of those whose every message yields.
func (c *chatQueue) pickLane(bizNow, now time.Time, bulkFree bool) (int, time.Duration) {
	wait := safetyNet
	k := len(c.lanes)
	for pass := range 2 {
		for j := range k {
			li := (c.next + j) % k
			if (c.lanes[li].urgent > 0) != (pass == 0) {
				continue
			}
			ready, w := c.ready(li, bizNow, now, bulkFree)
			if ready {
				return li, 0
			}
			wait = min(wait, w)
		}
	}
	return -1, wait
}

// ready reports whether the head of lane li may go, or how long until it
// may (safetyNet: nothing it waits for has a time).
func (c *chatQueue) ready(li int, bizNow, now time.Time, bulkFree bool) (bool, time.Duration) {
	h := c.lanes[li].q[0]
	switch {
	case h.busy:
	case h.Lane == aulabot.BulkLane && !bulkFree:
		// One announcement in flight at a time: a crash can then send
		// at most one of them twice (Telegram took it, the process died
		// before it was marked sent). The next goes once it settles.
	case h.At.After(bizNow):
		return false, h.At.Sub(bizNow)
	case h.hold.After(now):
		return false, h.hold.Sub(now)
	case h.Leave && (c.busy > 0 || h.ID != c.oldest()):
	default:
		return true, 0
	}
	return false, safetyNet
}

// oldest is the lowest id the chat holds.
func (c *chatQueue) oldest() uint64 {
	var id uint64
	for _, l := range c.lanes {
		if h := l.q[0].ID; id == 0 || h < id {
			id = h
		}
	}
	return id
}
