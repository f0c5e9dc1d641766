package handlers

import (
	"sync"
	"time"

	"github.com/aulabot/aulabot"
)

// Per-person limits of the helpdesk (Config.Limits): how many open or
// claimed tickets one requester may have (the store refuses the next one
// in the transaction that would create it), and how many messages one
// person may send to one ticket in an hour. Beyond the second, the
// person gets one polite notice and then silence on that ticket until the
// hour has passed; every refused message is counted (anonymously) in the
// store counter limitCounter.
const limitCounter = "limit:ticket_messages"

// checkOpenLimit refuses to start a report for someone who already has
// the most open tickets allowed. Errors: ECONFLICT ticket.err_open_limit.
func (h *Handlers) checkOpenLimit(c *Ctx) error {
	max := h.Config.Limits.OpenTickets
	var n int
	if err := c.view(func(tx Tx) error { n = tx.OpenTicketsOf(c.U.From.ID); return nil }); err != nil {
		return err
	}
	if max > 0 && n >= max {
		return aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_open_limit", "max", max)
	}
	return nil
}

// messageWindow counts one person's messages to one ticket in the hour
// that started with the first of them.
type messageWindow struct {
	start   time.Time
	n       int
	noticed bool
}

// messageLimiter keeps the windows in memory: a restart forgets them,
// which at worst lets a person send one more hour's worth.
type messageLimiter struct {
	mu    sync.Mutex
	win   map[messageKey]*messageWindow
	swept time.Time
}

type messageKey struct {
	ticket string
	person int64
}

// Verdicts of the message limiter.
const (
	messageAllowed = iota
	messageNotice  // the first one over the limit: tell the person once
	messageDropped // later ones in the same hour: silence
)

// take counts a message of person to ticket at now against max per hour.
func (l *messageLimiter) take(ticket string, person int64, now time.Time, max int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.win == nil {
		l.win = map[messageKey]*messageWindow{}
	}
	if now.Sub(l.swept) > time.Hour {
		for k, w := range l.win {
			if now.Sub(w.start) >= time.Hour {
				delete(l.win, k)
			}
		}
		l.swept = now
	}
	k := messageKey{ticket, person}
	w := l.win[k]
	if w == nil || now.Sub(w.start) >= time.Hour || now.Before(w.start) {
		w = &messageWindow{start: now}
		l.win[k] = w
	}
	switch {
	case max <= 0 || w.n < max:
		w.n++
		return messageAllowed
	case !w.noticed:
		w.noticed = true
		return messageNotice
	}
	return messageDropped
}

// forget drops person's windows (they deleted their data).
func (l *messageLimiter) forget(person int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k := range l.win {
		if k.person == person {
			delete(l.win, k)
		}
	}
}

// allowTicketMessage applies the limit of messages per person and ticket
// per hour. When it returns false the update is already committed: with
// the notice the first time over the limit, in silence after that, the
// refusal counted either way.
func (h *Handlers) allowTicketMessage(c *Ctx, id string) (bool, error) {
	max := h.Config.Limits.TicketMessagesPerHour
	verdict := h.ticketMessages.take(id, c.U.From.ID, h.Now(), max)
	if verdict == messageAllowed {
		return true, nil
	}
	return false, c.Commit(func(tx Tx) error {
		if err := tx.Count(limitCounter, 1); err != nil {
			return err
		}
		if verdict == messageNotice {
			h.teamAnswer(c, c.T("ticket.err_message_limit", "id", id, "max", max))
		}
		if c.State.Flow == flowTicketReply {
			c.ClearState()
		}
		return nil
	})
}
