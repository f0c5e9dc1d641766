package service

import (
	"sync"
	"time"
)

// The limit of messages one person may send to one ticket in an hour
// (Config.Limits.TicketMessagesPerHour). Beyond it the person gets one
// polite notice and then silence on that ticket until the hour has
// passed; every refused message is counted (anonymously) in
// MessageLimitCounter. The limit on open tickets per requester is the
// store's (CreateTicket) and StartReport's.

// Verdicts of TakeMessage.
const (
	MessageAllowed = iota
	MessageNotice  // the first one over the limit: tell the person once
	MessageDropped // later ones in the same hour: silence
)

// TakeMessage counts a message of person to ticket at now against the
// limit per hour, outside any transaction (the count is kept in memory:
// a restart forgets it, which at worst lets a person send one more hour's
// worth). It returns MessageAllowed, MessageNotice or MessageDropped.
func (s *Helpdesk) TakeMessage(ticket string, person int64, now time.Time) int {
	return s.messages.take(ticket, person, now, s.Config.Limits.TicketMessagesPerHour)
}

// RefuseMessage counts a message refused by TakeMessage, with its
// verdict. notice is true for MessageNotice: the person is told once
// (ticket.err_message_limit).
func (s *Helpdesk) RefuseMessage(tx HelpdeskTx, verdict int) (notice bool, err error) {
	return verdict == MessageNotice, tx.Count(MessageLimitCounter, 1)
}

// messageWindow counts one person's messages to one ticket in the hour
// that started with the first of them.
type messageWindow struct {
	start   time.Time
	n       int
	noticed bool
}

// messageLimiter keeps the windows in memory.
type messageLimiter struct {
	mu    sync.Mutex
	win   map[messageKey]*messageWindow
	swept time.Time
}

type messageKey struct {
	ticket string
	person int64
}

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
		return MessageAllowed
	case !w.noticed:
		w.noticed = true
		return MessageNotice
	}
	return MessageDropped
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
