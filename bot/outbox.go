package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/aulabot/aulabot"
)

// OutboxStore is what the outbox worker needs of the database.
type OutboxStore interface {
	Due(now time.Time, limit int) ([]aulabot.Message, time.Time, error)
	Sent(id uint64, chat int64, messageID int) error
	Retry(id uint64, notBefore time.Time) error
	Drop(id uint64) error
	Ref(ref string) (chat int64, messageID int, ok bool)
}

// Outbox delivers stored messages at least once: each chat's messages in
// order, chats concurrently, a message removed only once Telegram took it.
// A retryable failure holds the chat back with capped exponential backoff;
// a permanent one drops the message (and is counted).
type Outbox struct {
	Store  OutboxStore
	Sender *Sender
	Log    *slog.Logger
	Now    func() time.Time
	// Concurrency bounds the chats sent to at once.
	Concurrency int

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

// Run delivers until ctx ends, then waits for the sends in progress.
func (o *Outbox) Run(ctx context.Context) error {
	o.init()
	busy := map[int64]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	defer wg.Wait()
	sem := make(chan struct{}, o.Concurrency)
	for {
		due, next, err := o.Store.Due(o.Now(), 1000)
		if err != nil {
			o.Log.Error("read outbox", "err", err)
		}
		byChat := map[int64][]aulabot.Message{}
		var order []int64
		mu.Lock()
		for _, m := range due {
			if busy[m.ChatID] {
				continue
			}
			if _, ok := byChat[m.ChatID]; !ok {
				order = append(order, m.ChatID)
			}
			byChat[m.ChatID] = append(byChat[m.ChatID], m)
		}
		for _, chat := range order {
			busy[chat] = true
		}
		mu.Unlock()
		for _, chat := range order {
			msgs := byChat[chat]
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return nil
			}
			wg.Add(1)
			go func(chat int64) {
				defer wg.Done()
				o.deliver(ctx, msgs)
				mu.Lock()
				delete(busy, chat)
				mu.Unlock()
				<-sem
				o.Kick()
			}(chat)
		}
		wait := time.Minute // a safety net for a missed kick
		if !next.IsZero() {
			wait = min(wait, max(next.Sub(o.Now()), 10*time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-o.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// deliver sends one chat's messages in order; it stops at the first that
// must wait, so later ones never overtake it.
func (o *Outbox) deliver(ctx context.Context, msgs []aulabot.Message) {
	for _, m := range msgs {
		id, err := o.Sender.Send(ctx, m, o.Store)
		switch {
		case err == nil:
			chat := m.ChatID
			if m.EditRef != "" {
				chat, _, _ = o.Store.Ref(m.EditRef)
			}
			if err := o.Store.Sent(m.ID, chat, id); err != nil {
				o.Log.Error("mark sent", "outbox", m.ID, "err", err)
				return
			}
		case ctx.Err() != nil:
			return
		case errors.Is(err, ErrPermanent):
			o.Log.Warn("message refused, dropped", "outbox", m.ID, "chat", m.ChatID, "err", err)
			if err := o.Store.Drop(m.ID); err != nil {
				o.Log.Error("drop", "outbox", m.ID, "err", err)
			}
		default:
			wait := backoff(m.Attempts)
			o.Log.Warn("send failed, will retry", "outbox", m.ID, "chat", m.ChatID, "in", wait, "err", err)
			if err := o.Store.Retry(m.ID, o.Now().Add(wait)); err != nil {
				o.Log.Error("retry", "outbox", m.ID, "err", err)
			}
			return
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
