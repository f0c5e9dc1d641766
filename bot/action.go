package bot

import (
	"context"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxActions bounds the chat actions in flight; more are dropped.
const maxActions = 4

// actions are the chat actions ("typing…") on their way.
type actions struct {
	mu       sync.Mutex
	last     map[int64]time.Time // chat -> when its last action went
	inflight int
	// answering counts the answers to button presses on their way.
	answering int
	wg        sync.WaitGroup
}

// ChatAction shows "typing…" (handlers.Instant) without holding the
// handler: it returns at once and the call is made in the background,
// best-effort. An action for a chat that had one within ActionEvery, or
// while maxActions are on their way, is dropped; a failure is logged once.
func (s *Sender) ChatAction(ctx context.Context, chat int64, action string) error {
	a := &s.actions
	now := s.Now()
	a.mu.Lock()
	if a.last == nil {
		a.last = map[int64]time.Time{}
	}
	if t, ok := a.last[chat]; (ok && now.Sub(t) < s.ActionEvery) || a.inflight >= maxActions {
		a.mu.Unlock()
		return nil
	}
	if len(a.last) > 1000 {
		for c, t := range a.last {
			if now.Sub(t) >= s.ActionEvery {
				delete(a.last, c)
			}
		}
	}
	a.last[chat] = now
	a.inflight++
	a.wg.Add(1)
	a.mu.Unlock()
	go func() {
		defer a.wg.Done()
		if _, err := s.Client.send.Request(tgbotapi.NewChatAction(chat, action)); err != nil {
			s.warnOnce("sendChatAction", err)
		}
		a.mu.Lock()
		a.inflight--
		a.mu.Unlock()
	}()
	return nil
}

// WaitActions waits for the chat actions and the answers to presses on
// their way (they end with the client's context).
func (s *Sender) WaitActions() { s.actions.wg.Wait() }
