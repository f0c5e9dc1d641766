package bot_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
)

// failingPolls answers the first n getUpdates with 502, as a proxy in
// front of an unreachable Telegram would.
func failingPolls(n int32) func(http.Handler) http.Handler {
	var seen atomic.Int32
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/getUpdates") && seen.Add(1) <= n {
				http.Error(w, "502 Bad Gateway", http.StatusBadGateway)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

// gauge reads a metric without labels from m's registry (-1: not there).
func gauge(t *testing.T, m *bot.Metrics, name string) float64 {
	t.Helper()
	fams, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() == name && len(f.GetMetric()) == 1 {
			return f.GetMetric()[0].GetGauge().GetValue()
		}
	}
	return -1
}

// While getUpdates fails, aulabot_polls_failing_seconds says for how long
// (from the first failure, on the poller's clock), so that an alert can
// tell that nobody's messages reach the bot; the first poll that succeeds
// sets it back to 0.
func TestPoller_FailingPollsMetric(t *testing.T) {
	e := newEnvWith(t, sandbox.Options{}, failingPolls(3))
	rec := &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 10)}
	m := bot.NewMetrics(func() float64 { return 0 })
	var clock atomic.Int64
	clock.Store(time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC).UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	m.WatchPolls(now)
	d := &bot.Dispatcher{Handler: rec, Log: quiet, Workers: 2, Metrics: m}
	d.Start()
	defer d.Stop(time.Second)
	if g := gauge(t, m, "aulabot_polls_failing_seconds"); g != 0 {
		t.Fatalf("before any poll: %v", g)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var during []float64
	p := &bot.Poller{Client: e.client, Store: e.store, Dispatcher: d, Log: quiet, Timeout: 1, Metrics: m, Now: now,
		Sleep: func(ctx context.Context, d time.Duration) error {
			clock.Add(int64(10 * time.Second)) // each failed poll: 10 s more
			during = append(during, gauge(t, m, "aulabot_polls_failing_seconds"))
			if len(during) == 3 {
				e.sb.SendText(7, 7, "hi") // for the poll that gets through
			}
			return ctx.Err()
		}}
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	select {
	case <-rec.done:
	case <-time.After(time.Minute):
		t.Fatal("the message sent after the failures was not handled")
	}
	cancel()
	<-done
	if want := []float64{10, 20, 30}; len(during) < 3 || during[0] != want[0] || during[1] != want[1] || during[2] != want[2] {
		t.Errorf("aulabot_polls_failing_seconds during the failures = %v, want %v first", during, want)
	}
	if g := gauge(t, m, "aulabot_polls_failing_seconds"); g != 0 {
		t.Errorf("after a poll got through: %v, want 0", g)
	}
}

// A poll answered 429 waits the retry_after Telegram asks for, not the
// poller's own backoff of 1 s.
func TestPoller_WaitsTheRetryAfterOfA429(t *testing.T) {
	e := newEnv(t)
	e.sb.FailNext("getUpdates", 429, 7, 1)
	rec := &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 1)}
	d := &bot.Dispatcher{Handler: rec, Log: quiet, Workers: 1}
	d.Start()
	defer d.Stop(time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var waited []time.Duration
	p := &bot.Poller{Client: e.client, Store: e.store, Dispatcher: d, Log: quiet, Timeout: 1,
		Sleep: func(ctx context.Context, d time.Duration) error {
			waited = append(waited, d)
			cancel()
			return ctx.Err()
		}}
	p.Run(ctx)
	if len(waited) != 1 || waited[0] != 7*time.Second {
		t.Errorf("after a 429 with retry_after 7 the poller waited %v, want [7s]", waited)
	}
}
