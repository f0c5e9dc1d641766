package store_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// personBytes are the ways a person's id and words can appear in the
// file: the id in decimal and as a store key (big-endian, sign bit
// flipped), and each text.
func personBytes(id int64, texts ...string) [][]byte {
	key := make([]byte, 8)
	binary.BigEndian.PutUint64(key, uint64(id)^(1<<63))
	out := [][]byte{[]byte(strconv.FormatInt(id, 10)), key}
	for _, t := range texts {
		out = append(out, []byte(t))
	}
	return out
}

func findAny(b []byte, needles [][]byte) []string {
	var found []string
	for _, n := range needles {
		if c := bytes.Count(b, n); c > 0 {
			found = append(found, fmt.Sprintf("%q ×%d", n, c))
		}
	}
	return found
}

// After a person's data is deleted, neither a backup nor the database
// file holds their id, name or texts, not even in the pages bbolt freed.
func TestStore_DeleteLeavesNoBytes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := store.Open(p, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	const ana = 987654321
	secret := []string{"Zacarías Quispe", "mi DNI es 40404040", "la clave nueva es Girasol-77"}
	s.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: ana, Name: secret[0], University: "unma", Role: "teacher"})
	})
	for i := range 3 {
		in := newTicket("unma", ana)
		in.RequesterName, in.Description = secret[0], secret[1]
		tk, err := s.CreateTicket(in, 0)
		if err != nil {
			t.Fatal(err)
		}
		for range 20 {
			addMessage(t, s, tk.ID, aulabot.TicketMessage{From: ana, FromName: secret[0], Text: secret[2]})
		}
		// Other people's tickets around them.
		s.CreateTicket(newTicket("unma", int64(100+i)), 0)
	}
	// The deletion confirms itself to the person: that message must carry
	// their chat id until it is sent, and no longer.
	err = s.Update(func(tx *store.Tx) error {
		if err := tx.DeleteUserData(ana); err != nil {
			return err
		}
		_, err := tx.Enqueue(aulabot.Message{ChatID: ana, Text: "Your data has been deleted."})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	backup := func() []byte {
		var b bytes.Buffer
		if _, err := s.Backup(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if found := findAny(backup(), personBytes(0, secret...)[2:]); len(found) > 0 {
		t.Errorf("the backup holds %v", found)
	}
	due, _, _ := s.Due(time.Now(), 10)
	if len(due) != 1 || due[0].ChatID != ana {
		t.Fatalf("due = %+v, want the confirmation", due)
	}
	if err := s.Sent(due[0].ID, ana, 77); err != nil {
		t.Fatal(err)
	}
	if found := findAny(backup(), personBytes(ana, secret...)); len(found) > 0 {
		t.Errorf("the backup holds %v", found)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if ts, _ := s.Tickets("unma", false); len(ts) != 6 {
		t.Errorf("%d tickets after the deletion, want 6", len(ts))
	}
	s.Close()
	file, _ := os.ReadFile(p)
	if found := findAny(file, personBytes(ana, secret...)); len(found) > 0 {
		t.Errorf("the database file holds %v", found)
	}
}

// A confirmation that Telegram refuses for good (the person blocked the
// bot) is scrubbed when it is dropped.
func TestStore_DeleteScrubsDroppedConfirmation(t *testing.T) {
	s, _ := open(t)
	const ana = 987654321
	s.Update(func(tx *store.Tx) error { return tx.PutUser(aulabot.User{ID: ana, Name: "Zacarías Quispe"}) })
	s.Update(func(tx *store.Tx) error {
		if err := tx.DeleteUserData(ana); err != nil {
			return err
		}
		_, err := tx.Enqueue(aulabot.Message{ChatID: ana, Text: "Your data has been deleted."})
		return err
	})
	due, _, _ := s.Due(time.Now().Add(time.Hour), 10)
	if len(due) != 1 {
		t.Fatalf("due = %+v", due)
	}
	if err := s.Drop(due[0].ID); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	s.Backup(&b)
	if found := findAny(b.Bytes(), personBytes(ana, "Zacarías")); len(found) > 0 {
		t.Errorf("the backup holds %v", found)
	}
}
