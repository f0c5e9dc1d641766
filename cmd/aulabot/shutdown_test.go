package main

import (
	"context"
	"net"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/sandbox"
)

// stuckOn passes updates to the real handlers, except the update with
// text stuck, which never returns while the test runs (not even when its
// context ends): the worst an update in flight can do to a shutdown.
type stuckOn struct {
	next    bot.Handler
	text    string
	entered chan struct{}
	release chan struct{}
	once    sync.Once
}

func (s *stuckOn) Handle(ctx context.Context, u aulabot.Update) error {
	if u.Text == s.text {
		s.once.Do(func() { close(s.entered) })
		<-s.release
		return nil
	}
	return s.next.Handle(ctx, u)
}

// startMain opens a Main on the emulator and data and runs it; wrap, if
// set, wraps its handlers before it runs.
func startMain(t *testing.T, sb *sandbox.Server, url, data string, settings func(*Settings), wrap func(bot.Handler) bot.Handler) (m *Main, stop func() time.Duration) {
	t.Helper()
	s := Settings{Token: sb.Token(), Endpoint: sb.Endpoint(url), DataPath: data}
	if settings != nil {
		settings(&s)
	}
	m = NewMain(s, quietLog())
	m.Config = config.Demo()
	m.loadBuiltin = sharedBuiltin // loaded once for the test run: 2-4 s of CPU under -race at each start
	m.ShutdownTimeout = 2 * time.Second
	ctx, cancel := context.WithCancel(context.Background())
	if err := m.Open(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	m.Sender.Limiter.Off = true
	if wrap != nil {
		m.Dispatcher.Handler = wrap(m.Handlers)
	}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	select {
	case <-m.Ready:
	case err := <-done:
		t.Fatalf("bot stopped at start: %v", err)
	}
	var once sync.Once
	stop = func() (took time.Duration) {
		once.Do(func() {
			start := time.Now()
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(m.ShutdownTimeout + 10*time.Second):
				t.Fatalf("Run did not return %v after its context ended", m.ShutdownTimeout+10*time.Second)
			}
			took = time.Since(start)
			if err := m.Store.Check(); err != nil {
				t.Error(err)
			}
			m.Close()
		})
		return took
	}
	t.Cleanup(func() { stop() })
	return m, stop
}

// people make n people send /help each times, from a goroutine each;
// started is closed once all are writing, wait waits for the end.
func people(sb *sandbox.Server, n, each int) (started <-chan struct{}, wait func()) {
	var wg, busy sync.WaitGroup
	busy.Add(n)
	st := make(chan struct{})
	for p := range n {
		id := int64(20000 + p)
		sb.AddUser(sandbox.User{ID: id, FirstName: "P", LanguageCode: "en"})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if i == 2 {
					busy.Done()
				}
				sb.SendText(id, id, "/help")
			}
		}()
	}
	go func() { busy.Wait(); close(st) }()
	return st, wg.Wait
}

// checkAllApplied asserts that every update the emulator made, ids 1 to n,
// took effect (its marker is stored).
func checkAllApplied(t *testing.T, m *Main, n int) {
	t.Helper()
	for id := int64(1); id <= int64(n); id++ {
		if ok, err := m.Store.Applied(id); err != nil || !ok {
			t.Errorf("update %d never took effect (%v)", id, err)
		}
	}
}

// waitReplies waits until the bot wrote n messages in chat.
func waitReplies(t *testing.T, sb *sandbox.Server, chat int64, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	last := 0
	for i := range n {
		m, err := sb.WaitFor(ctx, chat, func(m sandbox.Message) bool { return m.FromBot && m.ID > last })
		if err != nil {
			t.Fatalf("chat %d: %d of %d replies: %v", chat, i, n, err)
		}
		last = m.ID
	}
}

// shutdownTest runs the bot, stops it while people keep writing and one
// update is stuck in its handler for good, checks Run returns, then runs a
// second bot on the same database and checks every update took effect.
func shutdownTest(t *testing.T, settings func(*Settings)) {
	sb := newSandbox(config.Demo(), false)
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(sb.Close)
	data := filepath.Join(t.TempDir(), "aulabot.db")
	stuck := &stuckOn{text: "stuck", entered: make(chan struct{}), release: make(chan struct{})}
	defer close(stuck.release)
	_, stop := startMain(t, sb, srv.URL, data, settings, func(h bot.Handler) bot.Handler { stuck.next = h; return stuck })
	sb.AddUser(sandbox.User{ID: 19999, FirstName: "S", LanguageCode: "en"})
	sb.SendText(19999, 19999, "stuck") // update 1
	<-stuck.entered
	started, wait := people(sb, 20, 10)
	<-started
	took := stop()
	wait()
	t.Logf("Run returned %v after its context ended", took)

	m2, _ := startMain(t, sb, srv.URL, data, settings, nil)
	waitReplies(t, sb, 19999, 1)
	for p := range int64(20) {
		waitReplies(t, sb, 20000+p, 10)
	}
	checkAllApplied(t, m2, 201)
}

// On SIGTERM (ctx ends) while updates keep arriving, Run returns within
// its shutdown timeout although an update never finishes; that update and
// every other one take effect, in this run or the next.
func TestMain_ShutdownPolling(t *testing.T) { shutdownTest(t, nil) }

// The same in webhook mode: what the stopping bot cannot apply gets 503
// and is delivered again to the next run.
func TestMain_ShutdownWebhook(t *testing.T) {
	shutdownTest(t, func(s *Settings) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		s.HTTPAddr, s.WebhookURL, s.WebhookSecret = addr, "http://"+addr+"/telegram", "0123456789abcdef"
	})
}
