package store_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func addMessage(t *testing.T, s *store.Store, id string, m aulabot.TicketMessage) (aulabot.Ticket, aulabot.TicketMessage) {
	t.Helper()
	var tk aulabot.Ticket
	err := s.Update(func(tx *store.Tx) (err error) { tk, m, err = tx.AddTicketMessage(id, m); return err })
	if err != nil {
		t.Fatal(err)
	}
	return tk, m
}

// rawTicket is the ticket's record as stored.
func rawTicket(t *testing.T, s *store.Store, uni string, n int) []byte {
	t.Helper()
	var raw []byte
	s.View(func(tx *store.Tx) error { raw = tx.RawTicket(uni, n); return nil })
	return raw
}

func TestStore_TicketMessages(t *testing.T) {
	s, _ := open(t)
	tk, _ := s.CreateTicket(newTicket("unma", 7), 0)
	before := len(rawTicket(t, s, "unma", 1))
	long := strings.Repeat("x", aulabot.MaxDescription)
	for i := 1; i <= 50; i++ {
		got, m := addMessage(t, s, tk.ID, aulabot.TicketMessage{From: 7, FromName: "Ana", Text: fmt.Sprint(i, long[:100])})
		if m.N != i || got.Messages != i || m.Ticket != tk.ID || m.At.IsZero() {
			t.Fatalf("message %d stored as n=%d (ticket says %d), ticket %q", i, m.N, got.Messages, m.Ticket)
		}
	}
	// The ticket's record does not grow with its conversation.
	if after := len(rawTicket(t, s, "unma", 1)); after > before+20 {
		t.Errorf("ticket record grew from %d to %d bytes with 50 messages", before, after)
	}
	ms, err := s.TicketMessages(tk.ID)
	if err != nil || len(ms) != 50 {
		t.Fatalf("%d messages, %v", len(ms), err)
	}
	for i, m := range ms {
		if m.N != i+1 || !strings.HasPrefix(m.Text, fmt.Sprint(i+1, "x")) {
			t.Fatalf("message %d = n %d %.10q", i+1, m.N, m.Text)
		}
	}
	// Another ticket's messages are its own, even when its key extends this one's.
	for range 9 {
		s.CreateTicket(newTicket("unma", 8), 0)
	}
	addMessage(t, s, "UNMA-10", aulabot.TicketMessage{From: 8, Text: "ten"})
	if ms, _ := s.TicketMessages("UNMA-1"); len(ms) != 50 {
		t.Errorf("UNMA-1 has %d messages after UNMA-10 got one", len(ms))
	}
	if ms, _ := s.TicketMessages("UNMA-10"); len(ms) != 1 || ms[0].Text != "ten" {
		t.Errorf("UNMA-10 messages = %+v", ms)
	}
	if ms, err := s.TicketMessages("garbage"); len(ms) != 0 || err != nil {
		t.Errorf("messages of garbage = %v, %v", ms, err)
	}
	t.Run("Cleaned", func(t *testing.T) {
		_, m := addMessage(t, s, tk.ID, aulabot.TicketMessage{From: 7, FromName: "Ana\u202Egnp.exe", Text: "code\x00 \u202Etxt.exe"})
		if m.FromName != "Anagnp.exe" || m.Text != "code txt.exe" {
			t.Errorf("stored %q: %q", m.FromName, m.Text)
		}
		err := s.Update(func(tx *store.Tx) error {
			_, _, err := tx.AddTicketMessage(tk.ID, aulabot.TicketMessage{From: 7, Text: "\u202E\x00\u200F"})
			return err
		})
		if aulabot.ErrorKey(err) != "ticket.err_empty" {
			t.Errorf("a text of control characters only: %v", err)
		}
	})
}

// A database whose tickets hold their messages (schema 2) is migrated at
// start-up: the messages move to their own bucket, in order, the ticket
// keeps their count, and the active tickets are indexed.
func TestMigrate_TicketMessages(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.db")
	s, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		s.CreateTicket(newTicket("unma", 7), 0)
	}
	s.Close()

	// Rewrite the tickets as the old version stored them: messages inside,
	// UNMA-2 closed, no active index.
	db, err := bolt.Open(p, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(btx *bolt.Tx) error {
		b := btx.Bucket([]byte("tickets"))
		for n := 1; n <= 3; n++ {
			k := append([]byte("unma\x00"), 0, 0, 0, 0, 0, 0, 0, byte(n))
			var rec map[string]any
			if err := json.Unmarshal(b.Get(k), &rec); err != nil {
				return err
			}
			var msgs []map[string]any
			for i := range n * 2 {
				msgs = append(msgs, map[string]any{"at": "2026-03-10T15:00:00Z", "from": 7, "text": fmt.Sprintf("UNMA-%d message %d", n, i+1)})
			}
			rec["msgs"] = msgs
			if n == 2 {
				rec["state"] = "closed"
			}
			v, _ := json.Marshal(rec)
			if err := b.Put(k, v); err != nil {
				return err
			}
		}
		for _, name := range []string{"tickets_active", "tickets_active_by_user", "ticket_messages"} {
			if err := btx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	setSchema(t, p, 2)

	s, err = store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for n := 1; n <= 3; n++ {
		id := fmt.Sprint("UNMA-", n)
		tk, _, _ := s.Ticket(id)
		ms, err := s.TicketMessages(id)
		if err != nil || tk.Messages != 2*n || len(ms) != 2*n {
			t.Fatalf("%s: count %d, %d messages, %v; want %d", id, tk.Messages, len(ms), err, 2*n)
		}
		for i, m := range ms {
			if m.N != i+1 || m.Text != fmt.Sprintf("%s message %d", id, i+1) {
				t.Errorf("%s message %d = %+v", id, i+1, m)
			}
		}
		if raw := rawTicket(t, s, "unma", n); strings.Contains(string(raw), `"msgs"`) {
			t.Errorf("%s still holds its messages: %s", id, raw)
		}
	}
	if got := activeIDs(t, s, "unma"); got != "UNMA-1 UNMA-3" {
		t.Errorf("active after migration = %q", got)
	}
	s.View(func(tx *store.Tx) error {
		if n := tx.OpenTicketsOf(7); n != 2 {
			t.Errorf("open tickets of 7 = %d, want 2", n)
		}
		return nil
	})
	// The next message continues the numbering.
	if _, m := addMessage(t, s, "UNMA-3", aulabot.TicketMessage{From: 7, Text: "next"}); m.N != 7 {
		t.Errorf("next message is %d, want 7", m.N)
	}
}
