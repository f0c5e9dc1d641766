package bot_test

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
)

// telegramBehind makes the emulator's clock, and the Date of its answers,
// run d behind this machine's: Telegram's clock as a machine whose own is
// d ahead sees it.
func telegramBehind(d time.Duration) (sandbox.Options, func(http.Handler) http.Handler) {
	now := func() time.Time { return time.Now().Add(-d) }
	return sandbox.Options{Now: now}, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Date", now().UTC().Format(http.TimeFormat))
			h.ServeHTTP(w, r)
		})
	}
}

// pollBehind polls the emulator, its clock and the Date of its answers
// behind this machine's by behind, while two messages are sent, and
// returns how long each waited as the handler saw it, the client's Skew
// and the poller's log.
func pollBehind(t *testing.T, behind time.Duration) (waits []time.Duration, skew time.Duration, log string) {
	t.Helper()
	opts, tap := telegramBehind(behind)
	e := newEnvWith(t, opts, tap)
	rec := &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 10)}
	d := &bot.Dispatcher{Handler: rec, Log: quiet, Workers: 2, Skew: e.client.Skew}
	d.Start()
	defer d.Stop(time.Second)
	var logs lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &bot.Poller{Client: e.client, Store: e.store, Dispatcher: d, Log: slog.New(slog.NewTextHandler(&logs, nil)), Timeout: 1}
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	for range 2 {
		e.sb.SendText(7, 7, "hola")
		select {
		case u := <-rec.done:
			waits = append(waits, u.Waited())
		case <-time.After(time.Minute):
			t.Fatal("the message was not handled")
		}
	}
	cancel()
	<-done
	return waits, e.client.Skew(), logs.String()
}

// On a machine whose clock is 10 minutes ahead of Telegram's, a message
// sent just now did not wait: the update's Received is put on Telegram's
// clock by the difference getUpdates' answers show (Client.Skew), and
// the poller logs the difference once, with what to do about it.
// Uncorrected, every message looked 10 minutes late.
func TestPoller_ClockAheadOfTelegram(t *testing.T) {
	waits, skew, log := pollBehind(t, 10*time.Minute)
	for i, w := range waits {
		if w > time.Minute {
			t.Errorf("message %d, sent just now, waited %v", i, w)
		}
	}
	if skew > -9*time.Minute || skew < -11*time.Minute {
		t.Errorf("Skew() = %v, want about -10m", skew)
	}
	if n := strings.Count(log, "this machine's clock differs from Telegram's"); n != 1 || !strings.Contains(log, "telegram_ahead_by=-10m0s") {
		t.Errorf("logged the difference %d times, want once with it:\n%s", n, log)
	}
}

// Clocks within 30 s of each other count as agreeing (an HTTP Date has
// whole seconds): no difference, and nothing logged.
func TestClient_SmallSkewIsNone(t *testing.T) {
	_, skew, log := pollBehind(t, 20*time.Second)
	if skew != 0 || strings.Contains(log, "clock differs") {
		t.Errorf("Skew() = %v with clocks 20 s apart, want 0; log:\n%s", skew, log)
	}
}
