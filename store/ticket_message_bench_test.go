package store_test

import (
	"os"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// BenchmarkStore_AddTicketMessage measures storing one 3,000-character
// message of a ticket's conversation (one transaction, no fsync): "first"
// is each ticket's first message, "at400" the 400th and later messages of
// a ticket that already holds 399. Storing a message must cost the same
// however long the conversation is. db-MB is the file's size at the end.
func BenchmarkStore_AddTicketMessage(b *testing.B) {
	msg := aulabot.TicketMessage{From: 7, FromName: "User7", Text: strings.Repeat("my code is 12345 ", 176)}
	add := func(b *testing.B, s *store.Store, id string) {
		err := s.Update(func(tx *store.Tx) error { _, _, err := tx.AddTicketMessage(id, msg); return err })
		if err != nil {
			b.Fatal(err)
		}
	}
	size := func(b *testing.B, s *store.Store) {
		if fi, err := os.Stat(s.Path()); err == nil {
			b.ReportMetric(float64(fi.Size())/(1<<20), "db-MB")
		}
	}
	b.Run("first", func(b *testing.B) {
		s, _ := open(b)
		var ids []string
		for range b.N {
			tk, err := s.CreateTicket(newTicket("unma", 7), 0)
			if err != nil {
				b.Fatal(err)
			}
			ids = append(ids, tk.ID)
		}
		b.ResetTimer()
		for i := range b.N {
			add(b, s, ids[i])
		}
		b.StopTimer()
		size(b, s)
	})
	b.Run("at400", func(b *testing.B) {
		s, _ := open(b)
		tk, err := s.CreateTicket(newTicket("unma", 7), 0)
		if err != nil {
			b.Fatal(err)
		}
		for range 399 {
			add(b, s, tk.ID)
		}
		b.ResetTimer()
		for range b.N {
			add(b, s, tk.ID)
		}
		b.StopTimer()
		size(b, s)
	})
}
