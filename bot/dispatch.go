package bot

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/aulabot/aulabot"
)

// Handler handles one update; it is the handlers package's job.
type Handler interface {
	Handle(ctx context.Context, u aulabot.Update) error
}

// Dispatcher runs updates on a bounded pool of workers: all updates of a
// chat go to the same worker, in order, and different chats run
// concurrently. It tracks which updates are in flight, so the polling
// offset that is safe to store is known.
type Dispatcher struct {
	Handler Handler
	Log     *slog.Logger
	Metrics *Metrics
	Workers int

	queues []chan job
	wg     sync.WaitGroup

	mu       sync.Mutex
	inflight map[int64]bool
	maxSeen  int64
}

type job struct {
	u    tgbotapi.Update
	done chan struct{} // closed when handled (webhook mode waits)
}

// Start starts the workers; they stop when Stop is called.
func (d *Dispatcher) Start() {
	if d.Workers <= 0 {
		d.Workers = 16
	}
	d.inflight = map[int64]bool{}
	d.queues = make([]chan job, d.Workers)
	for i := range d.queues {
		d.queues[i] = make(chan job, 64)
		d.wg.Add(1)
		go d.work(d.queues[i])
	}
}

// Dispatch queues u on its chat's worker; it blocks while that worker's
// queue is full, and returns a channel closed once u is handled.
func (d *Dispatcher) Dispatch(ctx context.Context, u tgbotapi.Update) (<-chan struct{}, error) {
	d.mu.Lock()
	id := int64(u.UpdateID)
	d.inflight[id] = true
	if id > d.maxSeen {
		d.maxSeen = id
	}
	d.mu.Unlock()
	chat := chatOf(u)
	if chat < 0 {
		chat = -chat
	}
	j := job{u: u, done: make(chan struct{})}
	select {
	case d.queues[chat%int64(len(d.queues))] <- j:
		return j.done, nil
	case <-ctx.Done():
		d.finish(id)
		return nil, ctx.Err()
	}
}

// Stop waits, at most timeout, for queued and running updates to finish.
// It reports whether all did.
func (d *Dispatcher) Stop(timeout time.Duration) bool {
	for _, q := range d.queues {
		close(q)
	}
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// SafeOffset is the polling offset below which every update was handled.
func (d *Dispatcher) SafeOffset() int64 { return d.offsetExcluding(-1) }

func (d *Dispatcher) offsetExcluding(self int64) int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	low := d.maxSeen + 1
	for id := range d.inflight {
		if id != self && id < low {
			low = id
		}
	}
	if d.maxSeen == 0 {
		return 0
	}
	return low
}

func (d *Dispatcher) finish(id int64) {
	d.mu.Lock()
	delete(d.inflight, id)
	d.mu.Unlock()
}

func (d *Dispatcher) work(q chan job) {
	defer d.wg.Done()
	for j := range q {
		d.handle(j)
	}
}

// handle runs one update. The handler's context is not the polling one:
// an update that started finishes even during shutdown.
func (d *Dispatcher) handle(j job) {
	id := int64(j.u.UpdateID)
	start := time.Now()
	result := "ok"
	defer func() {
		if p := recover(); p != nil {
			result = "panic"
			d.Log.Error("panic handling update", "update", id, "panic", fmt.Sprint(p))
		}
		d.finish(id)
		d.Metrics.handled(result, time.Since(start))
		close(j.done)
	}()
	u, ok := toUpdate(j.u)
	if !ok {
		result = "ignored"
		u = aulabot.Update{ID: id} // still marked applied, so it is not fetched again
	}
	u.Offset = d.offsetExcluding(id)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := d.Handler.Handle(ctx, u); err != nil {
		result = "error"
	}
}
