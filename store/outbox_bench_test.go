package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// BenchmarkDue reads the due messages while many reminders wait for later,
// as the sender does after every commit.
func BenchmarkDue(b *testing.B) {
	for _, waiting := range []int{0, 2000, 20000} {
		b.Run(fmt.Sprintf("waiting=%d", waiting), func(b *testing.B) {
			s, now := open(b)
			s.Update(func(tx *store.Tx) error {
				for i := 0; i < waiting; i++ {
					tx.Enqueue(aulabot.Message{ChatID: int64(i%500 + 1), Text: "reminder", NotBefore: now.Add(time.Duration(i+1) * time.Minute)})
				}
				for i := 0; i < 10; i++ {
					tx.Enqueue(aulabot.Message{ChatID: int64(i + 1), Text: "reply"})
				}
				return nil
			})
			b.ResetTimer()
			for b.Loop() {
				due, _, err := s.Due(*now, 1000)
				if err != nil || len(due) != 10 {
					b.Fatalf("due = %d, %v", len(due), err)
				}
			}
		})
	}
}
