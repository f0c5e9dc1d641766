package bot_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// crowd makes people write from many goroutines until they sent perPerson
// messages each; started is closed once each has sent a few. It returns
// the texts sent (all distinct) and a wait for the end.
func crowd(sb *sandbox.Server, people, perPerson int) (texts []string, started <-chan struct{}, wait func()) {
	for g := range people {
		for i := range perPerson {
			texts = append(texts, fmt.Sprintf("p%d-%d", g, i))
		}
	}
	var wg sync.WaitGroup
	var busy sync.WaitGroup
	busy.Add(people)
	st := make(chan struct{})
	for g := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perPerson {
				if i == 3 {
					busy.Done()
				}
				sb.SendText(int64(100+g), int64(100+g), fmt.Sprintf("p%d-%d", g, i))
			}
		}()
	}
	go func() { busy.Wait(); close(st) }()
	return texts, st, wg.Wait
}

// checkOnce asserts that every text took effect exactly once.
func checkOnce(t *testing.T, s *store.Store, texts []string) {
	t.Helper()
	for _, text := range texts {
		if got := counter(t, s, "effect:"+text); got != 1 {
			t.Errorf("%q took effect %d times, want once", text, got)
		}
	}
}

// A stop while people keep writing (polling): no panic, every update
// either took effect in the first run or is fetched again and takes effect
// in the next, once; none is lost. One update is stuck in its handler when
// the stop comes and never commits.
func TestShutdown_Polling(t *testing.T) {
	sb, client, rec := newEmulator(t)
	data := filepath.Join(t.TempDir(), "aulabot.db")
	s1, close1 := openStore(t, data)
	a := &applier{store: s1, block: "p0-5", entered: make(chan struct{}, 1), release: make(chan bool), done: make(chan string, 1000)}
	d := &bot.Dispatcher{Handler: a, Log: quiet, Workers: 4}
	d.Start()
	stop := runPoller(&bot.Poller{Client: client, Store: s1, Dispatcher: d, Log: quiet, Timeout: 1})
	texts, started, wait := crowd(sb, 10, 40)
	<-started
	<-a.entered
	stop()
	if d.Stop(20 * time.Millisecond) {
		t.Error("Stop reported all finished while p0-5 was stuck")
	}
	wait()
	close1()

	s2, _ := openStore(t, data)
	a2 := &applier{store: s2, done: make(chan string, 1000)}
	d2 := &bot.Dispatcher{Handler: a2, Log: quiet, Workers: 4}
	d2.Start()
	stop2 := runPoller(&bot.Poller{Client: client, Store: s2, Dispatcher: d2, Log: quiet, Timeout: 1})
	for sb.Pending() > 0 {
		n, next := rec.calls()
		select {
		case <-next:
		case <-time.After(10 * time.Second):
			t.Fatalf("%d updates never confirmed (%d polls)", sb.Pending(), n)
		}
	}
	stop2()
	d2.Stop(time.Second)
	checkOnce(t, s2, texts)
}

// A stop while people keep writing (webhook): updates that arrive after
// the stop get 503 and Telegram delivers them again to the next run; none
// is lost, none takes effect twice.
func TestShutdown_Webhook(t *testing.T) {
	sb, client, _ := newEmulator(t)
	var current atomic.Pointer[bot.Webhook]
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { current.Load().ServeHTTP(w, r) }))
	t.Cleanup(hs.Close)
	data := filepath.Join(t.TempDir(), "aulabot.db")
	s1, close1 := openStore(t, data)
	a := &applier{store: s1, block: "p0-5", entered: make(chan struct{}, 1), release: make(chan bool), done: make(chan string, 1000)}
	d := &bot.Dispatcher{Handler: a, Log: quiet, Workers: 4, NoOffset: true}
	d.Start()
	current.Store(&bot.Webhook{Secret: "s3cret", Dispatcher: d, Log: quiet})
	if err := client.SetWebhook(hs.URL, "s3cret"); err != nil {
		t.Fatal(err)
	}
	texts, started, wait := crowd(sb, 10, 40)
	<-started
	<-a.entered
	if d.Stop(20 * time.Millisecond) {
		t.Error("Stop reported all finished while p0-5 was stuck")
	}
	wait()
	close1()

	s2, _ := openStore(t, data)
	a2 := &applier{store: s2, done: make(chan string, 1000)}
	d2 := &bot.Dispatcher{Handler: a2, Log: quiet, Workers: 4, NoOffset: true}
	d2.Start()
	defer d2.Stop(time.Second)
	current.Store(&bot.Webhook{Secret: "s3cret", Dispatcher: d2, Log: quiet})
	seen := map[string]bool{}
	for len(seen) < len(texts) {
		select {
		case s := <-a.done:
			seen[s] = true
		case s := <-a2.done:
			seen[s] = true
		case <-time.After(20 * time.Second):
			t.Fatalf("%d of %d updates never took effect", len(texts)-len(seen), len(texts))
		}
	}
	checkOnce(t, s2, texts)
}
