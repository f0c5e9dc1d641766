package handlers

import (
	"sync"
	"sync/atomic"
	"testing"
)

// One holder per chat at a time, however many wait; other chats are not
// held up; nothing is kept once all are done.
func TestChatLocks(t *testing.T) {
	var l chatLocks
	var inside [3]atomic.Int32
	var wg sync.WaitGroup
	for g := range 30 {
		chat := int64(g % 3)
		wg.Go(func() {
			for range 200 {
				unlock := l.lock(chat)
				if n := inside[chat].Add(1); n != 1 {
					t.Errorf("chat %d held by %d at once", chat, n)
				}
				inside[chat].Add(-1)
				unlock()
			}
		})
	}
	wg.Wait()
	unlock := l.lock(1)
	done := make(chan struct{})
	go func() { l.lock(2)(); close(done) }()
	<-done // chat 2 is not held up by chat 1
	unlock()
	l.mu.Lock()
	n := len(l.chats)
	l.mu.Unlock()
	if n != 0 {
		t.Errorf("%d chats kept after every lock was released", n)
	}
}
