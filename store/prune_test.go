package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// openInternal opens a store in a temporary directory for tests inside the
// package; the cleanup runs bbolt's consistency check.
func openInternal(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Check(); err != nil {
			tb.Error(err)
		}
		s.Close()
	})
	return s
}

// mark stores markers for ids applied at t, in one transaction.
func mark(tb testing.TB, s *Store, t time.Time, ids ...int64) {
	tb.Helper()
	err := s.Update(func(tx *Tx) error {
		tx.now = t
		for _, id := range ids {
			if err := tx.markApplied(id, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func span(from, to int64) []int64 {
	var out []int64
	for id := from; id <= to; id++ {
		out = append(out, id)
	}
	return out
}

// Old markers go, across several bounded transactions; recent ones stay,
// for updates (positive ids) and timer jobs (negative ids, the oldest job
// nearest to 0) alike. The walk stops at the first recent marker.
func TestStore_PruneUpdatesBounded(t *testing.T) {
	s := openInternal(t)
	old := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	recent := old.Add(72 * time.Hour)
	mark(t, s, old, span(1, 2*markerBatch+5)...)
	mark(t, s, recent, span(2*markerBatch+6, 2*markerBatch+9)...)
	mark(t, s, old, span(-5, -1)...)
	mark(t, s, recent, -6, -7)
	mark(t, s, old, -8) // older than job 7 but after it in id order: waits for it

	n, err := s.PruneUpdates(old.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want := 2*markerBatch + 5 + 5; n != want {
		t.Errorf("pruned %d, want %d", n, want)
	}
	for id, want := range map[int64]bool{1: false, 2*markerBatch + 5: false, 2*markerBatch + 6: true, -1: false, -5: false, -6: true, -8: true} {
		if got, _ := s.Applied(id); got != want {
			t.Errorf("Applied(%d) = %v after pruning, want %v", id, got, want)
		}
	}
	if n, _ := s.PruneUpdates(old.Add(time.Hour)); n != 0 {
		t.Errorf("a second prune removed %d, want 0", n)
	}
}

// Pruning costs what it deletes, not what the bucket holds: with nothing
// old to delete, 1,000 or 100,000 recent markers take the same time (the
// old PruneUpdates read them all inside its write transaction).
func BenchmarkPruneUpdates(b *testing.B) {
	for _, n := range []int64{1000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := openInternal(b)
			now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
			mark(b, s, now, span(1, n)...)
			b.ResetTimer()
			for range b.N {
				if _, err := s.PruneUpdates(now.Add(-time.Hour)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
