package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// OutboxStore is what the outbox worker needs of the database.
type OutboxStore interface {
	Refs
	ScanOutbox(c store.OutboxCursor, now time.Time) (store.OutboxScan, error)
	OutboxMessage(id uint64) (aulabot.Message, bool, error)
	Delivered(d store.Delivery) error
	Failed(id uint64, next time.Time, why string, cap store.RetryCap) (dead bool, err error)
	Dead(id uint64, reason, desc string) error
	Drop(id uint64) error
	Unreachable(chat int64, desc string) ([]uint64, error)
	RecentSends(since time.Time) ([]store.SentRecord, error)
}

// DefaultRetryCap: a message that failed 30 times (about two hours of
// retries, the backoff capped at 5 minutes) or has been failing for a day
// is dead.
var DefaultRetryCap = store.RetryCap{Attempts: 30, Age: 24 * time.Hour}

// Outbox delivers stored messages at least once, and never twice from one
// process. One goroutine (Run) owns the picture of what is pending, in
// flight and done; deliveries run concurrently and report back to it. It
// serves the chats round-robin, those the rate limits allow now, and a
// chat's lanes round-robin too; within a lane messages go in order, and a
// message waiting for a retry holds only its lane.
type Outbox struct {
	Store  OutboxStore
	Sender *Sender
	Log    *slog.Logger
	// Now is the clock of due times (NotBefore); the rate limits run on
	// Sender.Now.
	Now func() time.Time
	// WentAt, if set, is when a message due at its NotBefore would have
	// gone out, the time its NotAfter is judged against (nil: now). The
	// sandbox sets it: its clock jumps, and a reminder that fell due
	// during a jump would have gone then, not expired at once.
	WentAt func(due time.Time) time.Time
	// Concurrency bounds the messages in flight at once.
	Concurrency int
	// Cap bounds retries (DefaultRetryCap if zero).
	Cap store.RetryCap
	// Forbidden, if set, is told of a group that refused a message with
	// 403 (the bot was removed, or may not write there), after the
	// message went to the dead letters; it runs in the delivering
	// goroutine.
	Forbidden func(chat int64)
	// Unreached, if set, is told of a private chat that refused a message
	// with 403 (the person blocked the bot, or never opened a chat with
	// it), once it is marked unreachable; it runs in the delivering
	// goroutine.
	Unreached func(chat int64)
	// Shown, if set, is told of each message Telegram took, as read from
	// the store (with its Created and NotBefore), before it is marked
	// sent; it runs in the delivering goroutine. The handlers read the
	// words typed under a message's buttons by it (Handlers.Shown).
	Shown func(m aulabot.Message)

	wake chan struct{}
	once sync.Once
}

func (o *Outbox) init() {
	o.once.Do(func() {
		o.wake = make(chan struct{}, 1)
		if o.Concurrency == 0 {
			o.Concurrency = 32
		}
		if o.Now == nil {
			o.Now = time.Now
		}
		if o.Cap == (store.RetryCap{}) {
			o.Cap = DefaultRetryCap
		}
	})
}

// Kick wakes the worker: new messages were stored or the clock moved.
func (o *Outbox) Kick() {
	o.init()
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// result is a delivery's report to the worker.
type result struct {
	e *entry
	// next is when to try again (business clock), or hold (rate clock)
	// for an edit waiting for its ref; both zero: the message is settled.
	next, hold time.Time
	keep       bool     // still pending (429, shutdown): try again when allowed
	delivered  bool     // Telegram took it: edits of its chat waiting for a ref may look again
	textSent   bool     // a Leave's text is out
	buried     []uint64 // other messages of the chat that died with it
	// lost: settling it in the store failed; it must never be picked again
	// by this process, whatever the store still says.
	lost bool
}

// safetyNet bounds every wait, in case a kick was missed.
const safetyNet = time.Minute

// Run delivers until ctx ends, then waits for the sends in progress. It
// first rebuilds the rate limits from the sends of the last minutes.
func (o *Outbox) Run(ctx context.Context) error {
	o.init()
	o.restoreLimits()
	p := newPicture()
	// Concurrency workers deliver; at most that many messages are in
	// flight, so neither channel ever blocks. Long-lived workers keep
	// the stacks the HTTP calls grow, where a goroutine per message
	// would grow a new one each time.
	jobs := make(chan *entry, o.Concurrency)
	results := make(chan result, o.Concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(jobs)
	for range o.Concurrency {
		wg.Go(func() {
			for e := range jobs {
				results <- o.deliver(ctx, e)
			}
		})
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	scan, scanAt := true, time.Time{}
	for {
		if scan {
			o.scan(p)
			scan, scanAt = false, o.Now().Add(safetyNet)
			if !p.nextDue.IsZero() && p.nextDue.Before(scanAt) {
				scanAt = p.nextDue
			}
		}
		wait := min(o.dispatch(p, jobs), scanAt.Sub(o.Now()))
		timer.Reset(max(wait, time.Millisecond))
		select {
		case <-ctx.Done():
			return nil
		case r := <-results:
			o.settle(p, r)
			for more := true; more; { // the other reports waiting, before dispatching again
				select {
				case r := <-results:
					o.settle(p, r)
				default:
					more = false
				}
			}
		case <-o.wake:
			scan = true
		case <-timer.C:
			scan = !o.Now().Before(scanAt)
		}
	}
}

// restoreLimits replays the sends logged by earlier processes.
func (o *Outbox) restoreLimits() {
	sends, err := o.Store.RecentSends(o.Sender.Now().Add(-store.SentLogKeep))
	if err != nil {
		o.Log.Error("read sent log: rate limits start empty", "err", err)
	}
	for _, r := range sends {
		o.Sender.Limiter.Take(r.Chat, r.At)
	}
}

// scan adds what the store has that the picture lacks.
func (o *Outbox) scan(p *picture) {
	s, err := o.Store.ScanOutbox(p.cursor, o.Now())
	if err != nil {
		o.Log.Error("read outbox", "err", err)
		return
	}
	p.cursor, p.nextDue = s.Cursor, s.Next
	for _, e := range s.Entries {
		p.add(e)
	}
}

// dispatch starts as many deliveries as the limits allow now and returns
// how long to wait before trying again.
func (o *Outbox) dispatch(p *picture, jobs chan<- *entry) time.Duration {
	lim := o.Sender.Limiter
	for p.inflight < o.Concurrency {
		now := o.Sender.Now()
		if g := lim.GlobalReady(now); g.After(now) {
			return g.Sub(now)
		}
		e, wait := p.pick(o.Now(), now, lim)
		if e == nil {
			return wait
		}
		slot, ok, _ := lim.Book(e.Chat, now)
		if !ok {
			continue // a delivery's second call took the slot
		}
		e.slot = slot
		p.start(e)
		jobs <- e
	}
	return safetyNet
}

// wentAt is when a message due at due goes out, for its NotAfter: now,
// unless WentAt says otherwise.
func (o *Outbox) wentAt(due time.Time) time.Time {
	if o.WentAt != nil {
		return o.WentAt(due)
	}
	return o.Now()
}

// deliver sends one message and settles it in the store.
func (o *Outbox) deliver(ctx context.Context, e *entry) result {
	r := result{e: e}
	b := &booking{slot: e.slot, chat: e.Chat}
	defer func() {
		if !b.used { // nothing went: the slot is free at once
			o.Sender.Limiter.Done(b.slot, b.slot.at)
		}
	}()
	m, ok, err := o.Store.OutboxMessage(e.ID)
	if err != nil {
		o.Log.Error("read outbox message", "outbox", e.ID, "err", err)
		r.next = o.Now().Add(time.Second)
		return r
	}
	if !ok {
		return r // cancelled since it was read
	}
	if !m.NotAfter.IsZero() && o.wentAt(m.NotBefore).After(m.NotAfter) {
		o.Log.Info("expired message dropped", "outbox", m.ID, "chat", m.ChatID, "key", m.Key, "not_after", m.NotAfter)
		o.Sender.Metrics.dropped(dropExpired)
		r.lost = !o.must(o.Store.Drop(m.ID), "drop", m.ID)
		return r
	}
	if e.textSent {
		m.Text = ""
	}
	d := o.Sender.deliver(ctx, m, o.Store, b)
	r.textSent = d.textSent
	var se *SendError
	switch {
	case d.wait:
		o.Log.Debug("edit waits for the message it edits", "outbox", m.ID, "ref", m.EditRef)
		r.hold = o.Sender.Now().Add(2 * time.Second)
	case d.drop != "":
		o.Log.Info("edit dropped", "outbox", m.ID, "chat", m.ChatID, "method", Method(m), "why", d.drop)
		o.Sender.Metrics.dropped(dropGone)
		r.lost = !o.must(o.Store.Drop(m.ID), "drop", m.ID)
	case d.err == nil:
		if o.Shown != nil {
			o.Shown(m) // before it leaves the outbox: once it has, the handlers know
		}
		r.lost = !o.must(o.Store.Delivered(d.Delivery), "mark sent", m.ID)
		r.delivered = true
	case ctx.Err() != nil:
		r.keep = true
	case !errors.As(d.err, &se):
		o.Log.Error("send", "outbox", m.ID, "err", d.err)
		r.next = o.Now().Add(backoff(m.Attempts))
	default:
		o.refused(m, se, &r)
	}
	return r
}

// refused applies the rule for Telegram's answer se to m.
func (o *Outbox) refused(m aulabot.Message, se *SendError, r *result) {
	switch se.kind {
	case tooMany:
		r.keep = true // the limiter holds the chat for retry_after
	case moved:
		if o.Sender.Moves != nil && o.Sender.Moves.Moved(se.Chat, se.MovedTo) {
			o.Log.Warn("group became a supergroup; sending there", "outbox", m.ID, "chat", se.Chat, "now", se.MovedTo)
			r.next = o.Now() // at once, to the new chat
			return
		}
		r.lost = !o.bury(m, store.DeadRefused, se)
	case retry:
		wait := backoff(m.Attempts)
		next := o.Now().Add(wait) // one reading: the picture and the store agree
		dead, err := o.Store.Failed(m.ID, next, se.answer(), o.Cap)
		switch {
		case err != nil:
			o.Log.Error("retry", "outbox", m.ID, "err", err)
			r.next = next // tried again all the same
		case dead:
			o.Log.Error("message dead after its retries", "outbox", m.ID, "chat", m.ChatID, "attempts", m.Attempts+1, "err", se)
			o.Sender.Metrics.dead(store.DeadRetries)
		default:
			o.Log.Warn("send failed, will retry", "outbox", m.ID, "chat", m.ChatID, "in", wait, "err", se)
			r.next = next
		}
	case blocked:
		ids, err := o.Store.Unreachable(m.ChatID, se.answer())
		r.lost = !o.must(err, "mark unreachable", m.ID)
		if err == nil && o.Unreached != nil {
			// Told before the line is logged: whoever reads the log
			// reads a mark that was acted upon.
			o.Unreached(m.ChatID)
		}
		o.Log.Warn("person unreachable; their messages are dead", "chat", m.ChatID, "messages", len(ids), "err", se)
		for range ids {
			o.Sender.Metrics.dead(store.DeadUnreachable)
		}
		r.buried = ids
	case forbidden:
		o.Log.Error("bot may not write to the group; message dead", "outbox", m.ID, "chat", m.ChatID, "err", se)
		r.lost = !o.bury(m, store.DeadForbidden, se)
		if o.Forbidden != nil {
			o.Forbidden(m.ChatID)
		}
	default: // refused, or gone for a new message
		o.Log.Warn("message refused; dead", "outbox", m.ID, "chat", m.ChatID, "err", se)
		r.lost = !o.bury(m, store.DeadRefused, se)
	}
}

func (o *Outbox) bury(m aulabot.Message, reason string, se *SendError) bool {
	o.Sender.Metrics.dead(reason)
	return o.must(o.Store.Dead(m.ID, reason, se.answer()), "dead letter", m.ID)
}

// must logs a failure to settle a message in the store and reports
// success. The worker forgets the message all the same, so this process
// never sends it again; the next one will (at least once).
func (o *Outbox) must(err error, what string, id uint64) bool {
	if err != nil {
		o.Log.Error(what, "outbox", id, "err", err)
	}
	return err == nil
}

// settle applies a delivery's report to the picture.
func (o *Outbox) settle(p *picture, r result) {
	p.finish(r.e)
	r.e.textSent = r.e.textSent || r.textSent
	switch {
	case r.keep:
	case !r.hold.IsZero():
		p.hold(r.e, r.hold)
	case !r.next.IsZero():
		r.e.At = r.next
	default:
		p.remove(r.e)
	}
	if r.delivered {
		p.unhold(r.e.Chat)
	}
	if r.lost {
		p.lost[r.e.ID] = true
	}
	for _, id := range r.buried {
		if e, ok := p.known[id]; ok && !e.busy {
			p.remove(e)
		}
	}
}

// backoff is 1 s doubling per attempt, at most 5 minutes.
func backoff(attempts int) time.Duration {
	d := time.Second
	for i := 0; i < attempts && d < 5*time.Minute; i++ {
		d *= 2
	}
	return min(d, 5*time.Minute)
}
