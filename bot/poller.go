package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// OffsetStore keeps the polling offset.
type OffsetStore interface {
	Offset() (int64, error)
	RaiseOffset(offset int64) error
}

// DefaultRepoll is the Poller's Repoll unless set: while a slow update
// runs, a poll every 200 ms (to Telegram, 5 a second at most, each
// bringing back the updates in flight) instead of a second's delay for
// whoever writes meanwhile.
const DefaultRepoll = 200 * time.Millisecond

// A long poll that comes back empty before half its timeout was not held
// by the server (a test server or a proxy that answers at once; Telegram
// holds an empty poll for its whole timeout). Polling again at once would
// make thousands of polls a second and burn a core, so the poller waits
// first: minIdlePause, doubling while the polls stay empty, up to
// maxIdlePause, and not at all once a poll brings an update.
const (
	minIdlePause = 2 * time.Millisecond
	maxIdlePause = 50 * time.Millisecond
)

// Poller is our long-polling loop on getUpdates. Telegram forgets every
// update below the offset a poll sends, so the poller only ever sends the
// dispatcher's safe offset: the lowest update still queued or being
// handled, or the next one when none is. Updates in flight therefore come
// back in each poll; the poller remembers the next id it has not
// dispatched and skips the others. A crash at any moment leaves every
// update that had not committed with Telegram, and the store's markers
// make the ones that had committed no-ops when they come again.
type Poller struct {
	Client     *Client
	Store      OffsetStore
	Dispatcher *Dispatcher
	Log        *slog.Logger
	// Timeout is the long-poll timeout (default 25 s), used when nothing
	// is in flight.
	Timeout int
	// Repoll bounds the wait before the next poll while updates are in
	// flight (default DefaultRepoll): each poll brings back every update
	// in flight, so the poller waits until no more are in flight than
	// there are workers, or until one finishes if the last poll brought
	// nothing new. Telegram answers a poll at once while an update is in
	// flight, so the poller cannot wait for new updates only: Repoll is
	// how long a slow update (a report with charts) can hold back the
	// fetching of everybody else's.
	Repoll time.Duration
	// Sleep waits between failed polls, and between empty polls that a
	// server did not hold; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// After is the Repoll timer (default time.After); tests replace it.
	After func(d time.Duration) <-chan time.Time
	// MaxBackoff caps the wait after errors (default 1 minute).
	MaxBackoff time.Duration
	// Now is the clock (default time.Now); tests move it.
	Now func() time.Time
	// Metrics, if set, learns each poll's outcome
	// (aulabot_polls_failing_seconds).
	Metrics *Metrics
}

// Run polls until ctx ends. A panic inside it is logged and returned as an
// error, never left to kill the process.
func (p *Poller) Run(ctx context.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			p.Log.Error("poller panic", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("polling stopped by an internal error: %v", r)
		}
	}()
	if p.Timeout == 0 {
		p.Timeout = 25
	}
	if p.Repoll == 0 {
		p.Repoll = DefaultRepoll
	}
	if p.Sleep == nil {
		p.Sleep = Sleep
	}
	if p.After == nil {
		p.After = time.After
	}
	if p.MaxBackoff == 0 {
		p.MaxBackoff = time.Minute
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	p.Client.pollWith(ctx)
	next, err := p.Store.Offset()
	if err != nil {
		return err
	}
	if err := p.Client.DeleteWebhook(); err != nil && ctx.Err() == nil {
		p.Log.Warn("deleteWebhook failed; polling anyway", "err", err)
	}
	wait, idle := time.Second, time.Duration(0)
	warnedSkew := false // the clocks' difference is logged once
	stored, storedAt := next, p.Now()
	// Each update stores the offset with its effects; this write is for
	// the updates that commit nothing (dropped by the input limit), so it
	// waits for a pause, a second or the end, not to compete with commits.
	raise := func(off int64) {
		if err := p.Store.RaiseOffset(off); err != nil {
			p.Log.Error("store offset", "err", err)
		} else {
			stored, storedAt = off, p.Now()
		}
	}
	defer func() {
		if off := p.offset(next); off > stored {
			raise(off)
		}
	}()
	for ctx.Err() == nil {
		// The channel first: an update that finishes from here on, even
		// while the offset below is read or stored, closes it, and await
		// does not wait for a finish that has already happened.
		finished := p.Dispatcher.Finished()
		off := p.offset(next)
		if off > stored && (off == next || p.Now().Sub(storedAt) >= time.Second) {
			raise(off)
		}
		cfg := tgbotapi.NewUpdate(int(off))
		cfg.Timeout, cfg.Limit = p.Timeout, 100
		if off < next {
			cfg.Timeout = 0 // the updates in flight come back at once
		}
		cfg.AllowedUpdates = allowedUpdates
		asked := p.Now()
		ups, err := p.Client.updates(cfg, next, p.Now)
		if err != nil && ctx.Err() != nil {
			break
		}
		p.Metrics.polled(p.Now(), err)
		if skew := p.Client.Skew(); err == nil && skew.Abs() >= time.Minute && !warnedSkew {
			warnedSkew = true
			p.Log.Warn("this machine's clock differs from Telegram's: set up time synchronisation (timedatectl set-ntp true); reminders, digests and every time the bot shows follow this machine's clock",
				"telegram_ahead_by", skew.Round(time.Second))
		}
		if err != nil {
			var te *tgbotapi.Error
			if errors.As(err, &te) && te.Code == 401 {
				return errors.New("the Telegram Bot API refused the token (401 Unauthorized): check TELEGRAM_BOT_TOKEN")
			}
			wait = max(wait, RetryAfter(err))
			p.Log.Warn("getUpdates failed", "err", err, "retry_in", wait)
			if p.Sleep(ctx, wait) != nil {
				break
			}
			wait = min(wait*2, p.MaxBackoff)
			continue
		}
		wait = time.Second
		fresh := false
		for _, u := range ups {
			if int64(u.UpdateID) < next {
				continue // in flight, or handled already
			}
			if _, err := p.Dispatcher.Dispatch(ctx, u); err != nil {
				return nil // shutting down: not confirmed, so fetched again next time
			}
			next, fresh = int64(u.UpdateID)+1, true
		}
		if held := time.Duration(cfg.Timeout) * time.Second / 2; cfg.Timeout > 0 && !fresh && p.Now().Sub(asked) < held {
			idle = min(max(2*idle, minIdlePause), maxIdlePause)
			if p.Sleep(ctx, idle) != nil {
				break
			}
			continue
		}
		idle = 0
		p.await(ctx, finished, !fresh && off < next)
	}
	return nil
}

// offset is the offset to poll with: the lowest update in flight, or
// next when none is.
func (p *Poller) offset(next int64) int64 {
	if safe := p.Dispatcher.SafeOffset(); safe > 0 && safe < next {
		return safe // not confirmed yet
	}
	return next
}

// await waits before the next poll, which brings back every update still
// in flight: until no more are in flight than there are workers (so that
// a poll brings mostly new updates while the workers still have work),
// and, if the last poll brought nothing new, until one finishes; at most
// Repoll, so that newer updates are fetched even while slow ones run.
// finished is the dispatcher's channel from before the last poll.
func (p *Poller) await(ctx context.Context, finished <-chan struct{}, needFinish bool) {
	low := max(1, p.Dispatcher.Workers)
	if !needFinish && p.Dispatcher.InFlight() <= low {
		return
	}
	repoll := p.After(p.Repoll)
	for needFinish || p.Dispatcher.InFlight() > low {
		select {
		case <-finished:
		case <-repoll:
			return
		case <-ctx.Done():
			return
		}
		needFinish = false
		finished = p.Dispatcher.Finished()
	}
}
