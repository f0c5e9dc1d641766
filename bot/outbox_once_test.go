package bot_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
)

// Every stored message reaches Telegram exactly once while the worker is
// kicked from many goroutines and deliveries finish concurrently (issue 10:
// a stale read of what is due sent a message that was just marked sent).
func TestOutbox_OnceUnderKicks(t *testing.T) {
	e := newEnv(t)
	const chats, perChat = 40, 12
	for c := int64(1); c <= chats; c++ {
		e.sb.AddUser(sandbox.User{ID: 1000 + c, FirstName: "U"})
	}
	halt := e.run()
	stop := make(chan struct{})
	var kickers sync.WaitGroup
	for range 8 {
		kickers.Add(1)
		go func() {
			defer kickers.Done()
			for {
				select {
				case <-stop:
					return
				default:
					e.outbox.Kick()
				}
			}
		}()
	}
	var writers sync.WaitGroup
	for c := int64(1); c <= chats; c++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := range perChat {
				e.enqueue(aulabot.Message{ChatID: 1000 + c, Text: fmt.Sprintf("m%d-%d", c, i)})
			}
		}()
	}
	writers.Wait()
	for c := int64(1); c <= chats; c++ {
		e.waitText(1000+c, fmt.Sprintf("m%d-%d", c, perChat-1))
	}
	close(stop)
	kickers.Wait()
	halt() // waits for every send in flight
	if d, _ := e.store.OutboxDepth(); d != 0 {
		t.Errorf("outbox depth = %d after every last message arrived, want 0", d)
	}
	for c := int64(1); c <= chats; c++ {
		seen := map[string]int{}
		for _, txt := range botTexts(e.sb, 1000+c) {
			seen[txt]++
		}
		for i := range perChat {
			if n := seen[fmt.Sprintf("m%d-%d", c, i)]; n != 1 {
				t.Errorf("chat %d message %d sent %d times, want once", 1000+c, i, n)
			}
		}
	}
}

// Outbox.Shown is told of each message Telegram took, once, as stored
// (its Created set), while the message is still in the outbox (so a
// message that has left it is known to the handlers), from the
// delivering goroutines at once; a message Telegram refused is not told.
func TestOutbox_ShownOnce(t *testing.T) {
	e := newEnv(t)
	const chats, perChat = 8, 5
	for c := int64(1); c <= chats; c++ {
		e.sb.AddUser(sandbox.User{ID: 1000 + c, FirstName: "U"})
	}
	var mu sync.Mutex
	shown := map[string]int{}
	e.outbox.Shown = func(m aulabot.Message) {
		_, held, err := e.store.OutboxMessage(m.ID)
		mu.Lock()
		defer mu.Unlock()
		if !held || err != nil || m.Created.IsZero() {
			t.Errorf("message %q told: in the outbox %v (%v), created %v", m.Text, held, err, m.Created)
		}
		shown[m.Text]++
	}
	halt := e.run()
	e.enqueue(aulabot.Message{ChatID: 999999, Text: "to nobody"})
	for c := int64(1); c <= chats; c++ {
		for i := range perChat {
			e.enqueue(aulabot.Message{ChatID: 1000 + c, Text: fmt.Sprintf("m%d-%d", c, i)})
		}
	}
	for c := int64(1); c <= chats; c++ {
		e.waitText(1000+c, fmt.Sprintf("m%d-%d", c, perChat-1))
	}
	tick, deadline := time.NewTicker(5*time.Millisecond), time.After(10*time.Second)
	defer tick.Stop()
	for n, err := e.store.OutboxDepth(); n > 0 || err != nil; n, err = e.store.OutboxDepth() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("%d messages still in the outbox (%v): the refused one not given up", n, err)
		}
	}
	halt()
	mu.Lock()
	defer mu.Unlock()
	for c := int64(1); c <= chats; c++ {
		for i := range perChat {
			if n := shown[fmt.Sprintf("m%d-%d", c, i)]; n != 1 {
				t.Errorf("chat %d message %d told %d times, want once", 1000+c, i, n)
			}
		}
	}
	if n := shown["to nobody"]; n != 0 {
		t.Errorf("a refused message was told %d times", n)
	}
}
