package bot

import (
	"context"
	"errors"
	"log/slog"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// OffsetStore keeps the polling offset.
type OffsetStore interface {
	Offset() (int64, error)
	RaiseOffset(offset int64) error
}

// Poller is our long-polling loop on getUpdates. The offset it starts from
// is the stored one; each update's handler stores the safe offset with its
// effects, and the poller raises it after each batch, so a crash never
// applies an update twice (the store marks applied updates) nor skips one.
type Poller struct {
	Client     *Client
	Store      OffsetStore
	Dispatcher *Dispatcher
	Log        *slog.Logger
	// Timeout is the long-poll timeout (default 30 s).
	Timeout int
	// Sleep waits between failed polls; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxBackoff caps the wait after errors (default 1 minute).
	MaxBackoff time.Duration
}

// Run polls until ctx ends.
func (p *Poller) Run(ctx context.Context) error {
	if p.Timeout == 0 {
		p.Timeout = 30
	}
	if p.Sleep == nil {
		p.Sleep = sleep
	}
	if p.MaxBackoff == 0 {
		p.MaxBackoff = time.Minute
	}
	p.Client.pollWith(ctx)
	off, err := p.Store.Offset()
	if err != nil {
		return err
	}
	if err := p.Client.DeleteWebhook(); err != nil && ctx.Err() == nil {
		p.Log.Warn("deleteWebhook failed; polling anyway", "err", err)
	}
	wait := time.Second
	stored := off
	for ctx.Err() == nil {
		cfg := tgbotapi.NewUpdate(int(off))
		cfg.Timeout, cfg.Limit = p.Timeout, 100
		cfg.AllowedUpdates = []string{"message", "callback_query"}
		ups, err := p.Client.poll.GetUpdates(cfg)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			var te *tgbotapi.Error
			if errors.As(err, &te) && te.Code == 401 {
				return errors.New("the Telegram Bot API refused the token (401 Unauthorized): check TELEGRAM_BOT_TOKEN")
			}
			if errors.As(err, &te) && te.RetryAfter > 0 {
				wait = max(wait, time.Duration(te.RetryAfter)*time.Second)
			}
			p.Log.Warn("getUpdates failed", "err", err, "retry_in", wait)
			if p.Sleep(ctx, wait) != nil {
				break
			}
			wait = min(wait*2, p.MaxBackoff)
			continue
		}
		wait = time.Second
		for _, u := range ups {
			if int64(u.UpdateID) < off {
				continue
			}
			if _, err := p.Dispatcher.Dispatch(ctx, u); err != nil {
				return nil // shutting down: not confirmed, so fetched again next time
			}
			off = int64(u.UpdateID) + 1
		}
		if safe := p.Dispatcher.SafeOffset(); safe > stored {
			if err := p.Store.RaiseOffset(safe); err != nil {
				p.Log.Error("store offset", "err", err)
			} else {
				stored = safe
			}
		}
	}
	return nil
}
