package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/aulabot/aulabot"
)

// Handler handles one update; it is the handlers package's job. When
// Handle returns, the update has committed (its marker is stored) or has
// been given up and logged: the dispatcher then counts it as finished.
type Handler interface {
	Handle(ctx context.Context, u aulabot.Update) error
}

// ErrStopped is returned by Dispatch once Stop was called, and sent as the
// result of queued updates that Stop abandoned: they were not handled, so
// Telegram must deliver them again.
var ErrStopped = errors.New("dispatcher stopped")

// Dispatcher runs updates on a bounded pool of workers. Each chat has its
// own queue (in a group, each member: queueOf), served by at most one
// worker at a time and in order; queues with work are served round-robin,
// so one chat's backlog never delays another chat. It knows which updates
// are in flight, so the polling offset below which every update has
// finished is known, and it applies the per-person input limit before
// anything is queued.
type Dispatcher struct {
	Handler Handler
	Log     *slog.Logger
	Metrics *Metrics
	// Workers is how many updates are handled at once (default
	// DefaultWorkers).
	Workers int
	// MaxQueued bounds the updates waiting for a worker (default 1,000);
	// beyond it Dispatch blocks, which slows the poller or the webhook down.
	MaxQueued int
	// PerPersonPerMinute is the input limit of one sender (0: none); see
	// throttle.
	PerPersonPerMinute int
	// Staff reports whether a sender has StaffPerMinute as their limit
	// instead (the configured staff: a technician working the queue
	// presses and replies faster than anyone asks); nil: nobody does.
	Staff func(userID int64) bool
	// StaffPerMinute is the input limit of one of the staff (0: none).
	StaffPerMinute int
	// NoOffset is for webhook mode: Telegram may push updates out of order,
	// so no polling offset is stored with them.
	NoOffset bool
	// HandleTimeout bounds one update (default 2 minutes).
	HandleTimeout time.Duration
	// Now is the clock of the input limit and of the wait for a worker
	// (default time.Now).
	Now func() time.Time
	// Moves learns of groups upgraded to supergroups from the service
	// messages Telegram sends (nil: ignored).
	Moves Moves
	// Skew, if set, is how far Telegram's clock is ahead of Now
	// (Client.Skew): an update's Received is on Telegram's clock, as its
	// Date is.
	Skew func() time.Duration

	slots   chan struct{} // one per queued update
	workers sync.WaitGroup
	base    context.Context // handlers' context; cancelled when Stop gives up
	cancel  context.CancelFunc
	counted counters

	mu       sync.Mutex
	wake     *sync.Cond
	chats    map[queueKey]*updateQueue
	ready    fifo[*updateQueue] // queues with updates and no worker
	flight   inflight
	limit    throttle
	staff    throttle      // the staff's limit
	stopping bool          // Dispatch refuses, workers take nothing new
	closed   bool          // Stop returned: late finishes confirm nothing
	stopped  chan struct{} // closed when stopping starts
	done     chan struct{} // closed when Stop returns
	finished chan struct{} // closed and replaced when an update finishes
}

// updateQueue is one chat's (or group member's) updates waiting for a
// worker, in order.
type updateQueue struct {
	id      queueKey
	jobs    fifo[job]
	running bool
}

type job struct {
	u      tgbotapi.Update
	notice bool       // the first update beyond the sender's limit
	result chan error // receives the outcome once (buffered)
	queued time.Time  // when Dispatch queued it (d.Now)
}

// DefaultWorkers is how many updates a Dispatcher handles at once unless
// told otherwise. A handler waits for its transaction's commit, which
// takes the disk's time; while a commit is slow, the updates that arrive
// meanwhile need free workers to be handled and join the next commit
// rather than queue. 48 instead of 16 shortened the p99 of every kind of
// update at 1,000 updates/s (BenchmarkTerm/paced, interleaved pairs on the
// 2-core machine, README "Measured performance").
const DefaultWorkers = 48

// Start starts the workers; they stop when Stop is called.
func (d *Dispatcher) Start() {
	if d.Workers <= 0 {
		d.Workers = DefaultWorkers
	}
	if d.MaxQueued <= 0 {
		d.MaxQueued = 1000
	}
	if d.HandleTimeout <= 0 {
		d.HandleTimeout = 2 * time.Minute
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	d.slots = make(chan struct{}, d.MaxQueued)
	d.base, d.cancel = context.WithCancel(context.Background())
	d.counted = newCounters(d.Metrics)
	d.wake = sync.NewCond(&d.mu)
	d.chats = map[queueKey]*updateQueue{}
	d.limit = throttle{perMinute: d.PerPersonPerMinute}
	d.staff = throttle{perMinute: d.StaffPerMinute}
	d.stopped, d.done = make(chan struct{}), make(chan struct{})
	d.finished = make(chan struct{})
	for range d.Workers {
		d.workers.Add(1)
		go d.work()
	}
}

// Dispatch queues u on its chat's queue and returns a channel that
// receives the outcome: nil once u was handled (or dropped by the input
// limit), the handler's error, or ErrStopped if Stop abandoned it. It
// blocks while MaxQueued updates wait; it returns ctx's error if ctx ends
// first, and ErrStopped once Stop was called. It never panics.
func (d *Dispatcher) Dispatch(ctx context.Context, u tgbotapi.Update) (<-chan error, error) {
	select {
	case d.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-d.stopped:
		return nil, ErrStopped
	}
	id := int64(u.UpdateID)
	res := make(chan error, 1)
	// A group's move is known before any later update of it is handled,
	// whichever member's queue that update waits in.
	noteMove(d.Moves, u)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopping {
		<-d.slots
		return nil, ErrStopped
	}
	d.flight.seen(id)
	var notice bool
	if from := senderOf(u); from != 0 {
		limit := &d.limit
		if d.Staff != nil && d.Staff(from) {
			limit = &d.staff
		}
		switch limit.check(from, d.Now()) {
		case limitDrop:
			<-d.slots
			d.counted.throttled()
			res <- nil
			return res, nil
		case limitNotice:
			notice = true
		}
	}
	d.flight.add(id)
	key := queueOf(u)
	c := d.chats[key]
	if c == nil {
		c = &updateQueue{id: key}
		d.chats[key] = c
	}
	c.jobs.push(job{u: u, notice: notice, result: res, queued: d.Now()})
	if !c.running && c.jobs.len() == 1 {
		d.ready.push(c)
		d.wake.Signal()
	}
	return res, nil
}

// Stop refuses new updates, abandons the queued ones that did not start
// (they stay unconfirmed, so Telegram delivers them again) and waits, at
// most timeout, for the running ones. It reports whether all finished;
// those that did not are not confirmed either, and their context ends.
func (d *Dispatcher) Stop(timeout time.Duration) bool {
	d.mu.Lock()
	if !d.stopping {
		d.stopping = true
		close(d.stopped)
		for _, c := range d.chats {
			for j, ok := c.jobs.pop(); ok; j, ok = c.jobs.pop() {
				j.result <- ErrStopped
			}
		}
		d.ready = fifo[*updateQueue]{}
		d.wake.Broadcast()
	}
	d.mu.Unlock()
	done := make(chan struct{})
	go func() { d.workers.Wait(); close(done) }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	ok := true
	select {
	case <-done:
	case <-t.C:
		ok = false
	}
	d.mu.Lock()
	if !d.closed {
		d.closed = true // before the contexts end: what finishes now is not confirmed
		close(d.done)
	}
	d.mu.Unlock()
	if !ok {
		d.cancel()
	}
	return ok
}

// Done returns a channel closed when Stop has returned: an update still
// running then will not be confirmed.
func (d *Dispatcher) Done() <-chan struct{} { return d.done }

// SafeOffset is the polling offset below which every update has finished
// (0 before the first update).
func (d *Dispatcher) SafeOffset() int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.flight.safe(0)
}

// InFlight is how many updates are queued or running.
func (d *Dispatcher) InFlight() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.flight.n
}

// Finished returns a channel that is closed when the next update finishes.
func (d *Dispatcher) Finished() <-chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.finished
}

func (d *Dispatcher) work() {
	defer d.workers.Done()
	for {
		d.mu.Lock()
		for d.ready.len() == 0 && !d.stopping {
			d.wake.Wait()
		}
		if d.stopping {
			d.mu.Unlock()
			return
		}
		c, _ := d.ready.pop()
		j, _ := c.jobs.pop()
		c.running = true
		off := int64(0)
		if !d.NoOffset {
			off = d.flight.safe(int64(j.u.UpdateID))
		}
		d.mu.Unlock()
		<-d.slots
		d.Metrics.waited(d.Now().Sub(j.queued))

		err := d.handle(j, off)

		d.mu.Lock()
		if !d.closed {
			d.flight.done(int64(j.u.UpdateID))
			close(d.finished)
			d.finished = make(chan struct{})
		}
		c.running = false
		if c.jobs.len() > 0 {
			d.ready.push(c)
			d.wake.Signal()
		} else {
			delete(d.chats, c.id)
		}
		d.mu.Unlock()
		j.result <- err
	}
}

type queuedKey struct{}

// Queued is when the dispatcher queued the update ctx is handling, by its
// clock: the time before a handler starts is the wait for a worker,
// behind the chat's earlier updates or for one to be free.
func Queued(ctx context.Context) (time.Time, bool) {
	t, ok := ctx.Value(queuedKey{}).(time.Time)
	return t, ok
}

// handle runs one update with its safe offset. The handler's context is
// not the poller's: an update that started finishes during shutdown,
// unless Stop gives up waiting.
func (d *Dispatcher) handle(j job, offset int64) (err error) {
	id := int64(j.u.UpdateID)
	start := time.Now()
	result := "ok"
	defer func() {
		if p := recover(); p != nil {
			result = "panic"
			err = fmt.Errorf("panic handling update %d: %v", id, p)
			d.Log.Error("panic handling update", "update", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
		d.Metrics.handled(result, time.Since(start))
	}()
	u, ok := toUpdate(j.u)
	if !ok {
		result = "ignored"
		u = aulabot.Update{ID: id} // still marked applied, so it is not fetched again
	}
	u.Offset, u.Throttled, u.Received = offset, j.notice, j.queued
	if d.Skew != nil {
		u.Received = u.Received.Add(d.Skew())
	}
	ctx, cancel := context.WithTimeout(context.WithValue(d.base, queuedKey{}, j.queued), d.HandleTimeout)
	defer cancel()
	if err = d.Handler.Handle(ctx, u); err != nil {
		result = "error"
	}
	return err
}
