package bot_test

import (
	"fmt"
	"sync"
	"testing"

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
