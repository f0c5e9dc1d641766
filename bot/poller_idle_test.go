package bot_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
)

// unheldPolls makes the emulator answer every getUpdates at once, as a
// server that does not hold long polls would: the poll's timeout is
// rewritten to 0 on its way in.
func unheldPolls(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getUpdates") {
			body, _ := io.ReadAll(r.Body)
			form, _ := url.ParseQuery(string(body))
			form.Set("timeout", "0")
			enc := form.Encode()
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader(enc)), int64(len(enc))
		}
		h.ServeHTTP(w, r)
	})
}

// Against a server that answers long polls at once, the poller waits
// before polling again after each empty answer: 2 ms, doubling to 50 ms
// while they stay empty, and from 2 ms again after a poll that brought an
// update. (It polled again at once: 5,000 polls a second and most of a
// core against such a server.)
func TestPoller_ServerThatDoesNotHoldPolls(t *testing.T) {
	e := newEnvWith(t, sandbox.Options{}, unheldPolls)
	rec := &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 10)}
	d := &bot.Dispatcher{Handler: rec, Log: quiet, Workers: 4}
	d.Start()
	defer d.Stop(time.Second)
	ms := time.Millisecond
	want := []time.Duration{2 * ms, 4 * ms, 8 * ms, 16 * ms, 32 * ms, 50 * ms, 50 * ms, 50 * ms, 2 * ms, 4 * ms, 8 * ms, 16 * ms}
	var paused []time.Duration
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &bot.Poller{Client: e.client, Store: e.store, Dispatcher: d, Log: quiet, Timeout: 25,
		Sleep: func(ctx context.Context, d time.Duration) error {
			paused = append(paused, d)
			switch len(paused) {
			case 8: // someone writes during the eighth pause
				e.sb.SendText(7, 7, "hi")
			case len(want):
				cancel()
			}
			return ctx.Err()
		}}
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		cancel()
		<-done
		t.Fatalf("the poller paused %d times in a minute, want %d", len(paused), len(want))
	}
	if !slices.Equal(paused, want) {
		t.Errorf("pauses between polls = %v, want %v", paused, want)
	}
	select {
	case u := <-rec.done:
		if u.Text != "hi" {
			t.Errorf("handled %q, want the message sent during a pause", u.Text)
		}
	default:
		t.Error("the message sent during a pause was not handled")
	}
}

// A server that holds an empty long poll for its timeout, as Telegram
// does, gets the next poll at once, without a pause.
func TestPoller_HeldPollsAreNotPaused(t *testing.T) {
	var polled atomic.Int32
	asked := make(chan struct{}, 1) // the second poll came
	count := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/getUpdates") && polled.Add(1) == 2 {
				asked <- struct{}{}
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnvWith(t, sandbox.Options{}, count)
	rec := &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 10)}
	d := &bot.Dispatcher{Handler: rec, Log: quiet, Workers: 4}
	d.Start()
	defer d.Stop(time.Second)
	var paused atomic.Int32
	stop := runPoller(&bot.Poller{Client: e.client, Store: e.store, Dispatcher: d, Log: quiet, Timeout: 1,
		Sleep: func(ctx context.Context, d time.Duration) error { paused.Add(1); return ctx.Err() }})
	<-asked // the first poll, held a second, came back empty, and the poller went on
	stop()
	if n := paused.Load(); n != 0 {
		t.Errorf("the poller paused %d times after a held poll, want none", n)
	}
}
