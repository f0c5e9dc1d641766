package store_test

import (
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func TestStore_ReviseQueued(t *testing.T) {
	s, now := open(t)
	s.Update(func(tx *store.Tx) error {
		tx.Enqueue(aulabot.Message{ChatID: -2001, Key: "ticket:UNMA-1", Ref: "ticket:UNMA-1", Lane: "UNMA-1", Text: "Ana: my code is 12345"})
		_, err := tx.Enqueue(aulabot.Message{ChatID: -2001, Key: "later", Text: "x", NotBefore: now.Add(time.Hour)})
		return err
	})
	revise := func(key string) bool {
		var ok bool
		err := s.Update(func(tx *store.Tx) (err error) {
			ok, err = tx.ReviseQueued(key, func(m *aulabot.Message) { m.Text, m.ChatID, m.Lane = "(data deleted)", 7, "" })
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !revise("ticket:UNMA-1") || revise("nothing") {
		t.Fatal("revised the wrong messages")
	}
	due, _, _ := s.Due(*now, 10)
	if len(due) != 1 || due[0].Text != "(data deleted)" || due[0].ChatID != -2001 || due[0].Lane != "UNMA-1" || due[0].Ref != "ticket:UNMA-1" {
		t.Fatalf("due after revising = %+v", due)
	}
	s.Sent(due[0].ID, -2001, 50)
	if revise("ticket:UNMA-1") {
		t.Error("a message already sent was revised")
	}
	if due, _, _ := s.Due(now.Add(2*time.Hour), 10); len(due) != 1 || due[0].Key != "later" {
		t.Errorf("later message = %+v", due)
	}
}
