package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func TestStore_ReviseQueued(t *testing.T) {
	s, now := open(t)
	s.Update(func(tx *store.Tx) error {
		tx.Enqueue(aulabot.Message{ChatID: -2001, Key: "ticket:UNMA-1", Ref: "ticket:UNMA-1", Lane: "UNMA-1", Text: "Ana: my code is 12345"})
		tx.Enqueue(aulabot.Message{ChatID: -2001, Lane: "UNMA-2", Text: "Luis: my code is 12345"})
		tx.Enqueue(aulabot.Message{ChatID: -2001, Lane: "UNMA-1", Text: "Ana: later", NotBefore: now.Add(time.Hour)})
		_, err := tx.Enqueue(aulabot.Message{ChatID: -2002, Lane: "UNMA-1", Text: "Ana elsewhere"})
		return err
	})
	revise := func() int {
		var n int
		err := s.Update(func(tx *store.Tx) (err error) {
			n, err = tx.ReviseQueued(-2001, "UNMA-1", func(m *aulabot.Message) bool {
				if !strings.HasPrefix(m.Text, "Ana") {
					return false
				}
				m.Text, m.ChatID, m.Lane, m.NotBefore = "(data deleted)", 7, "", time.Time{}
				return true
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := revise(); n != 2 {
		t.Fatalf("revised %d messages, want 2", n)
	}
	due, _, _ := s.Due(*now, 10)
	var got []string
	for _, m := range due {
		got = append(got, m.Lane+"@"+m.Text)
	}
	if strings.Join(got, "|") != "UNMA-1@(data deleted)|UNMA-2@Luis: my code is 12345|UNMA-1@Ana elsewhere" || due[0].Ref != "ticket:UNMA-1" || due[0].ChatID != -2001 {
		t.Fatalf("due after revising = %q", got)
	}
	if later, _, _ := s.Due(now.Add(2*time.Hour), 10); len(later) != 4 || later[3].Text != "(data deleted)" {
		t.Errorf("the later message: %+v", later)
	}
	for _, m := range due {
		s.Sent(m.ID, m.ChatID, 50)
	}
	if n := revise(); n != 0 {
		t.Errorf("revised %d messages already sent or already revised", n)
	}
}
