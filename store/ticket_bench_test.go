package store_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// createAndPost is what reporting a ticket writes: the ticket and its post
// in the outbox, in one transaction.
func createAndPost(tx *store.Tx, user int64) error {
	tk, err := tx.CreateTicket(newTicket("unma", user), 0)
	if err != nil {
		return err
	}
	_, err = tx.Enqueue(aulabot.Message{ChatID: -2001, Text: tk.Description, Ref: "ticket:" + tk.ID, Key: "ticket:" + tk.ID})
	return err
}

// BenchmarkStore_CreateTicket measures creating a ticket with its team post
// (one transaction), on one goroutine and on many (commits are batched),
// with and without fsync.
func BenchmarkStore_CreateTicket(b *testing.B) {
	for _, sync := range []bool{false, true} {
		name := "nosync"
		if sync {
			name = "fsync"
		}
		open := func(b *testing.B) *store.Store {
			s, err := store.Open(filepath.Join(b.TempDir(), "b.db"), store.Options{NoSync: !sync})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		}
		b.Run(name+"/serial", func(b *testing.B) {
			s := open(b)
			for i := 0; b.Loop(); i++ {
				if err := s.Update(func(tx *store.Tx) error { return createAndPost(tx, int64(i%500+1)) }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
		})
		b.Run(name+"/parallel", func(b *testing.B) {
			s := open(b)
			var id atomic.Int64
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n := id.Add(1)
					if err := s.Apply(context.Background(), n, 0, func(tx *store.Tx) error { return createAndPost(tx, n%500+1) }); err != nil {
						b.Error(err)
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
		})
	}
}

// BenchmarkStore_ClaimTicket measures the compare-and-set claim.
func BenchmarkStore_ClaimTicket(b *testing.B) {
	s, _ := open(b)
	for i := 0; b.Loop(); i++ {
		tk, err := s.CreateTicket(newTicket("unma", 7), 0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.ClaimTicket(tk.ID, 3001, "Tec"); err != nil {
			b.Fatal(err)
		}
	}
}
