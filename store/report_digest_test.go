package store_test

import (
	"sync"
	"testing"

	"github.com/aulabot/aulabot"
)

// EnqueueOnce stores a digest's messages once: a second call, or many at
// the same time, store nothing; the keys stay known once the messages are
// sent; another prefix is another digest.
func TestStore_EnqueueOnce(t *testing.T) {
	s, _ := open(t)
	msgs := func(prefix string) []aulabot.Message {
		return []aulabot.Message{{ChatID: 5001, Key: prefix + "5001", Text: "digest"}, {ChatID: -2001, Key: prefix + "team", Text: "team"}}
	}
	const prefix = "digest:unma:2026-03-09:"
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := 0
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.EnqueueOnce(prefix, msgs(prefix))
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				stored++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	pending, err := s.Pending()
	if err != nil {
		t.Fatal(err)
	}
	if stored != 1 || len(pending) != 2 {
		t.Fatalf("stored by %d calls, %d messages waiting; want 1 and 2", stored, len(pending))
	}
	for _, m := range pending {
		if err := s.Sent(m.ID, m.ChatID, 100); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := s.OutboxKeyed(prefix); !ok || err != nil {
		t.Errorf("after sending: OutboxKeyed = %v, %v; want the keys kept", ok, err)
	}
	if ok, err := s.EnqueueOnce(prefix, msgs(prefix)); ok || err != nil {
		t.Errorf("after sending: EnqueueOnce = %v, %v; want nothing stored", ok, err)
	}
	for _, other := range []string{"digest:unma:2026-03-16:", "digest:unvs:2026-03-09:", "digest:unma:2026-03-09:5002"} {
		if ok, _ := s.OutboxKeyed(other); ok {
			t.Errorf("OutboxKeyed(%q) is true", other)
		}
	}
	if ok, err := s.EnqueueOnce("digest:unma:2026-03-16:", msgs("digest:unma:2026-03-16:")); !ok || err != nil {
		t.Errorf("the next week: EnqueueOnce = %v, %v", ok, err)
	}
	// A message outside the prefix would not be found again: refused.
	if _, err := s.EnqueueOnce("digest:unvs:2026-03-09:", []aulabot.Message{{ChatID: 1, Key: "other", Text: "x"}}); err == nil {
		t.Error("a key outside the prefix was taken")
	}
}
