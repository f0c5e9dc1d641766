package bot_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// offsets records the offset of every getUpdates call the emulator
// receives, in order, so a test can see what was confirmed to Telegram.
type offsets struct {
	mu      sync.Mutex
	got     []int
	changed chan struct{}
}

func (o *offsets) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(strings.ToLower(r.URL.Path), "/getupdates") {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			form, _ := url.ParseQuery(string(body))
			off, _ := strconv.Atoi(form.Get("offset"))
			o.mu.Lock()
			o.got = append(o.got, off)
			close(o.changed)
			o.changed = make(chan struct{})
			o.mu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
}

// calls returns how many getUpdates calls were seen and a channel closed
// at the next one.
func (o *offsets) calls() (int, <-chan struct{}) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.got), o.changed
}

func (o *offsets) max() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	m := 0
	for _, v := range o.got {
		m = max(m, v)
	}
	return m
}

// newEmulator starts the sandbox emulator behind a recorder of offsets and
// dials it with the real client.
func newEmulator(t *testing.T) (*sandbox.Server, *bot.Client, *offsets) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{})
	rec := &offsets{changed: make(chan struct{})}
	hs := httptest.NewServer(rec.wrap(sb.Handler()))
	t.Cleanup(hs.Close)
	t.Cleanup(sb.Close) // first: ends open long polls
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c, err := bot.Dial(ctx, sb.Token(), sb.Endpoint(hs.URL))
	if err != nil {
		t.Fatal(err)
	}
	return sb, c, rec
}

// openStore opens the store at path. The returned close runs bbolt's
// consistency check and closes it, once; the test's cleanup calls it too.
func openStore(t *testing.T, path string) (*store.Store, func()) {
	t.Helper()
	s, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	closeStore := func() {
		once.Do(func() {
			if err := s.Check(); err != nil {
				t.Error(err)
			}
			s.Close()
		})
	}
	t.Cleanup(closeStore)
	return s, closeStore
}

// applier commits each update's effect (a counter named after its text)
// with its marker and safe offset, as the handlers do. An update whose
// text is in block waits for release first; if release says so, or its
// context ends, it returns without committing, as a process killed
// mid-update would.
type applier struct {
	store   *store.Store
	block   string
	entered chan struct{}
	release chan bool // true: commit, false: die
	done    chan string
}

func (a *applier) Handle(ctx context.Context, u aulabot.Update) error {
	if u.Text == a.block {
		a.entered <- struct{}{}
		select {
		case ok := <-a.release:
			if !ok {
				return errors.New("killed")
			}
		case <-ctx.Done(): // the dispatcher gave up on it
			return ctx.Err()
		}
	}
	err := a.store.Apply(ctx, u.ID, u.Offset, func(tx *store.Tx) error { return tx.Count("effect:"+u.Text, 1) })
	if err != nil && !errors.Is(err, store.ErrDuplicate) {
		return err
	}
	a.done <- u.Text
	return nil
}

func (a *applier) waitDone(t *testing.T, texts ...string) {
	t.Helper()
	want := map[string]bool{}
	for _, s := range texts {
		want[s] = true
	}
	for len(want) > 0 {
		select {
		case s := <-a.done:
			delete(want, s)
		case <-time.After(10 * time.Second):
			t.Fatalf("updates %v not handled", want)
		}
	}
}

func counter(t *testing.T, s *store.Store, name string) int64 {
	t.Helper()
	var n int64
	if err := s.View(func(tx *store.Tx) error { n = tx.Counter(name); return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// serve starts 4 workers handling updates with a and a poller fetching
// them through client; both stop when the test ends.
func serve(t *testing.T, client *bot.Client, s *store.Store, a *applier) {
	d := &bot.Dispatcher{Handler: a, Log: quiet, Workers: 4}
	d.Start()
	stop := runPoller(&bot.Poller{Client: client, Store: s, Dispatcher: d, Log: quiet, Timeout: 1})
	t.Cleanup(func() { stop(); d.Stop(time.Second) })
}

// runPoller runs a poller until the returned stop is called.
func runPoller(p *bot.Poller) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

// Telegram is told only what has committed: while an update is in flight
// no offset above it reaches the emulator, even after later updates of
// other chats were handled; killed before it commits, it is fetched again
// by the next run and takes effect exactly once. (On the old poller, which
// asked for last id + 1, the emulator received offset 4 and the update was
// lost.)
func TestPoller_ConfirmsOnlyCommitted(t *testing.T) {
	sb, client, rec := newEmulator(t)
	data := filepath.Join(t.TempDir(), "aulabot.db")
	s1, close1 := openStore(t, data)
	a := &applier{store: s1, block: "slow", entered: make(chan struct{}, 1), release: make(chan bool, 1), done: make(chan string, 10)}
	sb.SendText(7, 7, "slow") // update 1
	sb.SendText(8, 8, "a")    // 2
	sb.SendText(9, 9, "b")    // 3

	d := &bot.Dispatcher{Handler: a, Log: quiet, Workers: 4}
	d.Start()
	stop := runPoller(&bot.Poller{Client: client, Store: s1, Dispatcher: d, Log: quiet, Timeout: 1})
	<-a.entered
	a.waitDone(t, "a", "b")
	// Let the poller ask again after a and b committed.
	_, next := rec.calls()
	select {
	case <-next:
	case <-time.After(10 * time.Second):
		t.Fatal("the poller stopped polling")
	}
	if got := rec.max(); got > 1 {
		t.Fatalf("the emulator received offset %d while update 1 was in flight", got)
	}

	// Kill: the runtime stops while update 1 has not committed.
	stop()
	if d.Stop(10 * time.Millisecond) {
		t.Fatal("Stop reported everything finished while update 1 was blocked")
	}
	a.release <- false
	if off, _ := s1.Offset(); off > 1 {
		t.Errorf("stored offset = %d, want at most 1", off)
	}
	close1()

	s2, _ := openStore(t, data)
	a2 := &applier{store: s2, done: make(chan string, 10)}
	d2 := &bot.Dispatcher{Handler: a2, Log: quiet, Workers: 4}
	d2.Start()
	stop2 := runPoller(&bot.Poller{Client: client, Store: s2, Dispatcher: d2, Log: quiet, Timeout: 1})
	a2.waitDone(t, "slow")
	for sb.Pending() > 0 { // confirmed once committed
		n, next := rec.calls()
		select {
		case <-next:
		case <-time.After(10 * time.Second):
			t.Fatalf("%d updates never confirmed (%d polls)", sb.Pending(), n)
		}
	}
	stop2()
	d2.Stop(time.Second)
	for _, text := range []string{"slow", "a", "b"} {
		if got := counter(t, s2, "effect:"+text); got != 1 {
			t.Errorf("update %q took effect %d times, want once", text, got)
		}
	}
}

// An update stuck in its handler does not stop newer updates of other
// chats from being fetched and handled, although the offset stays below it.
func TestPoller_SlowUpdateDelaysNobody(t *testing.T) {
	sb, client, rec := newEmulator(t)
	s, _ := openStore(t, filepath.Join(t.TempDir(), "aulabot.db"))
	a := &applier{store: s, block: "slow", entered: make(chan struct{}, 1), release: make(chan bool, 1), done: make(chan string, 10)}
	serve(t, client, s, a)
	sb.SendText(7, 7, "slow")
	<-a.entered
	sb.SendText(8, 8, "later") // sent while the slow one is in flight
	a.waitDone(t, "later")
	if got := rec.max(); got > 1 {
		t.Errorf("the emulator received offset %d while update 1 was in flight", got)
	}
	a.release <- true
	a.waitDone(t, "slow")
}

// withSlowUpdate runs 4 workers whose handler holds an update saying
// "slow" until the test releases it, and a poller whose Repoll timer is
// after; both stop when the test ends.
func withSlowUpdate(t *testing.T, after func(time.Duration) <-chan time.Time) (*sandbox.Server, *offsets, *applier) {
	sb, client, rec := newEmulator(t)
	s, _ := openStore(t, filepath.Join(t.TempDir(), "aulabot.db"))
	a := &applier{store: s, block: "slow", entered: make(chan struct{}, 1), release: make(chan bool, 1), done: make(chan string, 10)}
	d := &bot.Dispatcher{Handler: a, Log: quiet, Workers: 4}
	d.Start()
	t.Cleanup(func() { d.Stop(time.Second) })
	t.Cleanup(runPoller(&bot.Poller{Client: client, Store: s, Dispatcher: d, Log: quiet, Timeout: 1, After: after}))
	return sb, rec, a
}

// While a slow update runs, a message from someone else that reaches
// Telegram after the poller began to wait is fetched and handled when
// the wait ends, at most DefaultRepoll later (200 ms, as
// docs/reliability.md says), not at the slow update's end.
func TestPoller_SlowUpdateHoldsBackOthersAtMostRepoll(t *testing.T) {
	if bot.DefaultRepoll > 200*time.Millisecond {
		t.Fatalf("DefaultRepoll is %v; docs/reliability.md promises 200 ms", bot.DefaultRepoll)
	}
	waits := make(chan time.Duration, 100)
	sb, _, a := withSlowUpdate(t, func(d time.Duration) <-chan time.Time { waits <- d; return time.After(d) })
	sb.SendText(7, 7, "slow")
	<-a.entered
	var asked time.Duration
	select {
	case asked = <-waits: // nothing new came back: the poller waits
	case <-time.After(10 * time.Second):
		t.Fatal("the poller never waited")
	}
	if asked != bot.DefaultRepoll {
		t.Fatalf("the poller waits %v, want Repoll's default %v", asked, bot.DefaultRepoll)
	}
	sb.SendText(8, 8, "later")
	a.waitDone(t, "later") // the slow one is still in its handler
	a.release <- true
	a.waitDone(t, "slow")
}

// An update whose handler fails without committing anything (not even
// the apology the handlers commit when they can) is confirmed all the
// same and not delivered again: an update that always fails cannot hold
// its chat or the offset forever.
func TestPoller_ConfirmsFailedUpdate(t *testing.T) {
	sb, client, rec := newEmulator(t)
	s, _ := openStore(t, filepath.Join(t.TempDir(), "aulabot.db"))
	a := &applier{store: s, block: "bad", entered: make(chan struct{}, 4), release: make(chan bool, 4), done: make(chan string, 10)}
	for range 4 {
		a.release <- false // each time it comes, it fails
	}
	serve(t, client, s, a)
	sb.SendText(7, 7, "bad")
	sb.SendText(7, 7, "after")
	a.waitDone(t, "after")
	deadline := time.After(10 * time.Second)
	for sb.Pending() > 0 {
		n, next := rec.calls()
		select {
		case <-next:
		case <-deadline:
			t.Fatalf("%d updates not confirmed in 10 s (%d polls)", sb.Pending(), n)
		}
	}
	if n := len(a.entered); n != 1 {
		t.Errorf("the failing update was handled %d times, want once", n)
	}
	if got := counter(t, s, "effect:bad"); got != 0 {
		t.Errorf("the failing update took effect %d times", got)
	}
}

// While only updates in flight come back, the poller does not spin: it
// polls once, then waits for an update to finish or for Repoll.
func TestPoller_WaitsInsteadOfSpinning(t *testing.T) {
	waiting, repoll := make(chan struct{}), make(chan time.Time)
	sb, rec, a := withSlowUpdate(t, func(time.Duration) <-chan time.Time { waiting <- struct{}{}; return repoll })
	sb.SendText(7, 7, "slow")
	<-a.entered
	wait := func() {
		t.Helper()
		select {
		case <-waiting:
		case <-time.After(10 * time.Second):
			t.Fatal("the poller never waited")
		}
	}
	wait()
	for range 3 {
		before, _ := rec.calls()
		repoll <- time.Now()
		wait()
		if after, _ := rec.calls(); after != before+1 {
			t.Fatalf("%d polls between two waits, want 1", after-before)
		}
	}
	a.release <- true
	a.waitDone(t, "slow")
}

// offsetHook is the store as the poller's OffsetStore, running a
// function once before the next RaiseOffset.
type offsetHook struct {
	*store.Store
	mu     sync.Mutex
	before func()
}

func (h *offsetHook) arm(f func()) {
	h.mu.Lock()
	h.before = f
	h.mu.Unlock()
}

func (h *offsetHook) RaiseOffset(off int64) error {
	h.mu.Lock()
	f := h.before
	h.before = nil
	h.mu.Unlock()
	if f != nil {
		f()
	}
	return h.Store.RaiseOffset(off)
}

// The last update in flight that finishes while the poller stores the
// offset (once a second while updates are in flight) still wakes the
// poller: it polls again at once, not after Repoll. The poller used to
// take the channel that tells of the next finish only after storing the
// offset, and then waited the whole Repoll (a second) for a finish that
// had already happened, while new updates waited at Telegram:
// BenchmarkTerm's people waited up to a second now and then.
func TestPoller_FinishWhileStoringOffset(t *testing.T) {
	sb, client, rec := newEmulator(t)
	s, _ := openStore(t, filepath.Join(t.TempDir(), "aulabot.db"))
	offs := &offsetHook{Store: s}
	a := &applier{store: s, block: "slow", entered: make(chan struct{}, 1), release: make(chan bool, 1), done: make(chan string, 10)}
	d := &bot.Dispatcher{Handler: a, Log: quiet, Workers: 4}
	d.Start()
	defer d.Stop(time.Second)
	clock := &stepClock{t: epoch}
	waiting, repoll := make(chan struct{}, 1), make(chan time.Time)
	stop := runPoller(&bot.Poller{Client: client, Store: offs, Dispatcher: d, Log: quiet, Timeout: 1, Now: clock.Now,
		After: func(time.Duration) <-chan time.Time {
			select {
			case waiting <- struct{}{}:
			default:
			}
			return repoll
		}})
	defer stop()
	sb.SendText(7, 7, "slow")
	<-a.entered
	select {
	case <-waiting: // it polled, got only the slow update back, and waits for a finish
	case <-time.After(10 * time.Second):
		t.Fatal("the poller never waited")
	}
	// A second on, the next round stores the offset; the slow update
	// finishes meanwhile.
	clock.Advance(time.Second)
	offs.arm(func() {
		finished := d.Finished()
		a.release <- true
		<-finished
	})
	repoll <- clock.Now()
	a.waitDone(t, "slow")
	deadline := time.After(10 * time.Second)
	for rec.max() < 2 {
		_, next := rec.calls()
		select {
		case <-next:
		case <-deadline:
			t.Fatalf("update 1 finished, yet the poller has not polled past it (offsets up to %d): it waits for Repoll", rec.max())
		}
	}
}
