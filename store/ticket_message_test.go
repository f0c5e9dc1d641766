package store_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	// One message read alone is the one the list has; past the last, none.
	s.View(func(tx *store.Tx) error {
		for _, n := range []int{1, 50, 51, 0} {
			m, ok, err := tx.TicketMessage(tk.ID, n)
			if want := n >= 1 && n <= 50; err != nil || ok != want || (want && m.Text != ms[n-1].Text) {
				t.Errorf("message %d alone: %.10q %v %v", n, m.Text, ok, err)
			}
		}
		return nil
	})
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

// TestStore_ReplaceTicketFile: a file replaced by its sender is kept in
// place of the old one, among the ticket's own files (n 0) or a
// message's, and the edit dated; a file of another chat or message, a
// ticket whose requester's data is erased, and a closed ticket refuse,
// changing nothing.
func TestStore_ReplaceTicketFile(t *testing.T) {
	s, now := open(t)
	shot := aulabot.TicketFile{File: aulabot.File{ID: "a", UniqueID: "ua", Kind: "photo"}, ChatID: 7, MessageID: 40}
	nt := newTicket("unma", 7)
	nt.Files = []aulabot.TicketFile{{File: aulabot.File{ID: "z", Kind: "photo"}, ChatID: 7, MessageID: 39}, shot}
	tk, err := s.CreateTicket(nt, 0)
	if err != nil {
		t.Fatal(err)
	}
	addMessage(t, s, tk.ID, aulabot.TicketMessage{From: 7, Files: []aulabot.TicketFile{{File: shot.File, ChatID: 7, MessageID: 41}}, Source: 41})
	replace := func(n int, chat int64, msg int, f aulabot.File) (aulabot.Ticket, int, error) {
		var got aulabot.Ticket
		var i int
		err := s.Update(func(tx *store.Tx) (err error) { got, i, err = tx.ReplaceTicketFile(tk.ID, n, chat, msg, f); return err })
		return got, i, err
	}
	*now = now.Add(time.Minute)
	b := aulabot.File{ID: "b", UniqueID: "ub", Kind: "document", Name: "right.pdf"}
	if got, i, err := replace(0, 7, 40, b); err != nil || i != 1 || got.Files[1].File != b || got.Files[0].File.ID != "z" || !got.DescriptionEdited.Equal(*now) {
		t.Errorf("the description's file replaced: %+v, %d, %v", got.Files, i, err)
	}
	if _, i, err := replace(1, 7, 41, b); err != nil || i != 0 {
		t.Errorf("a message's file replaced: %d, %v", i, err)
	}
	ms, _ := s.TicketMessages(tk.ID)
	if ms[0].Files[0].File != b || !ms[0].Edited.Equal(*now) {
		t.Errorf("the message keeps %+v, edited %v", ms[0].Files, ms[0].Edited)
	}
	for _, c := range []struct {
		name     string
		n        int
		chat     int64
		msg      int
		wantCode string
	}{
		{"another chat", 0, 8, 40, aulabot.ENOTFOUND},
		{"another message", 1, 7, 40, aulabot.ENOTFOUND},
		{"no such message", 2, 7, 41, aulabot.ENOTFOUND},
	} {
		if _, _, err := replace(c.n, c.chat, c.msg, aulabot.File{ID: "c"}); aulabot.ErrorCode(err) != c.wantCode {
			t.Errorf("%s: %v, want %s", c.name, err, c.wantCode)
		}
	}
	if got, _, _ := s.Ticket(tk.ID); got.Files[1].File != b {
		t.Errorf("a refused replacement changed the ticket's files: %+v", got.Files)
	}
	if err := s.Update(func(tx *store.Tx) error { _, err := tx.EraseTicketsOf(7); return err }); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1} {
		if _, _, err := replace(n, 7, 40+n, aulabot.File{ID: "c"}); aulabot.ErrorCode(err) != aulabot.ENOTFOUND {
			t.Errorf("erased, file of message %d: %v, want %s", n, err, aulabot.ENOTFOUND)
		}
	}

	nt.Requester = 9
	closed, err := s.CreateTicket(nt, 0)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *store.Tx) error {
		if _, err := tx.CloseTicket(closed.ID, 9, ""); err != nil {
			return err
		}
		_, _, err := tx.ReplaceTicketFile(closed.ID, 0, 7, 40, b)
		return err
	})
	if aulabot.ErrorCode(err) != aulabot.ECONFLICT {
		t.Errorf("a closed ticket's file replaced: %v, want %s", err, aulabot.ECONFLICT)
	}
}
