package store_test

import (
	"math/rand/v2"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// benchStore opens a store that syncs to disk like production.
func benchStore(b *testing.B) *store.Store {
	s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	b.Cleanup(func() { s.Close() })
	return s
}

// benchBook books a seat for a new person and cancels it again (so the
// slot never fills): one booking transaction and one cancellation.
func benchBook(b *testing.B, s *store.Store, slots []aulabot.Slot) {
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := 1_000_000 + next.Add(1)
			sl := slots[rand.IntN(len(slots))]
			bk, err := s.BookSlot(sl.ID, person(id), rules)
			if err != nil {
				b.Error(err)
				return
			}
			if _, err := s.CancelBooking(bk.ID, id, false, rules); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "bookings/s")
}

// BenchmarkBookSlot_HotSlot: everyone books the same group slot.
func BenchmarkBookSlot_HotSlot(b *testing.B) {
	s := benchStore(b)
	sl := slotAt(b, s, mentorA, 24*time.Hour, aulabot.SlotGroup, aulabot.SlotMaxCapacity)
	b.SetParallelism(8)
	benchBook(b, s, []aulabot.Slot{sl})
}

// BenchmarkBookSlot_1000Slots: bookings spread over 1,000 personal slots.
func BenchmarkBookSlot_1000Slots(b *testing.B) {
	s := benchStore(b)
	slots := make([]aulabot.Slot, 1000)
	for i := range slots {
		slots[i] = slotAt(b, s, int64(10_000+i), time.Duration(24+i%48)*time.Hour, aulabot.SlotGroup, aulabot.SlotMaxCapacity)
	}
	b.SetParallelism(8)
	benchBook(b, s, slots)
}
