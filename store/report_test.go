package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func TestStore_QuestionsBetween(t *testing.T) {
	s, _ := open(t)
	t0 := time.Date(2026, 3, 2, 5, 0, 0, 0, time.UTC)
	err := s.Update(func(tx *store.Tx) error {
		for i, q := range []aulabot.Question{
			{University: "unma", Text: "before", At: t0.Add(-time.Nanosecond)},
			{University: "unma", Text: "first", At: t0},
			{University: "unvs", Text: "other university", At: t0.Add(time.Hour)},
			{University: "unma", Text: "last", At: t0.Add(7*24*time.Hour - time.Nanosecond)},
			{University: "unma", Text: "after", At: t0.Add(7 * 24 * time.Hour)},
			{University: "unmax", Text: "a longer id", At: t0.Add(time.Hour)},
		} {
			q.UserID = int64(100 + i)
			if _, err := tx.AddQuestion(q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = s.View(func(tx *store.Tx) error {
		return tx.QuestionsBetween("unma", t0, t0.Add(7*24*time.Hour), func(q aulabot.Question) error {
			got = append(got, q.Text)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"first", "last"}; !slices.Equal(got, want) {
		t.Errorf("questions = %q, want %q", got, want)
	}
}

// The tickets a period may concern: created before its end, and changed
// since its start or still open; not one closed before the start, nor
// another university's, nor one created after the end.
func TestStore_TicketsTouched(t *testing.T) {
	s, now := open(t)
	start := *now
	for i := range 4 {
		*now = start.Add(time.Duration(i) * time.Hour)
		for _, uni := range []string{"unma", "unvs"} {
			if _, err := s.CreateTicket(newTicket(uni, int64(10+i)), 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	closeAt := func(id string, by int64, at time.Duration) {
		t.Helper()
		*now = start.Add(at)
		if err := s.Update(func(tx *store.Tx) error { _, err := tx.CloseTicket(id, by, ""); return err }); err != nil {
			t.Fatal(err)
		}
	}
	closeAt("UNMA-2", 11, 90*time.Minute) // before the period
	closeAt("UNMA-3", 12, 5*time.Hour)    // after it
	var got []string
	err := s.View(func(tx *store.Tx) error {
		return tx.TicketsTouched("unma", start.Add(2*time.Hour), start.Add(3*time.Hour), func(tk aulabot.Ticket) error {
			got = append(got, tk.ID)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"UNMA-1", "UNMA-3"}; !slices.Equal(got, want) {
		t.Errorf("tickets = %q, want %q (UNMA-1 still open, UNMA-3 closed after the start)", got, want)
	}
}

func TestStore_FirstTeamReply(t *testing.T) {
	s, now := open(t)
	tk, err := s.CreateTicket(newTicket("unma", 7), 0)
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.CreateTicket(newTicket("unma", 8), 0)
	if err != nil {
		t.Fatal(err)
	}
	reply := func(id string, m aulabot.TicketMessage) {
		t.Helper()
		if err := s.Update(func(tx *store.Tx) error { _, _, err := tx.AddTicketMessage(id, m); return err }); err != nil {
			t.Fatal(err)
		}
	}
	first := func(id string) (at time.Time, ok bool) {
		t.Helper()
		if err := s.View(func(tx *store.Tx) (err error) { at, ok, err = tx.FirstTeamReply(id); return err }); err != nil {
			t.Fatal(err)
		}
		return at, ok
	}
	reply(tk.ID, aulabot.TicketMessage{From: 7, Text: "any news?"})
	if _, ok := first(tk.ID); ok {
		t.Fatal("a requester's message counted as the team's reply")
	}
	*now = now.Add(time.Hour)
	want := *now
	reply(tk.ID, aulabot.TicketMessage{From: 3001, Team: true, Text: "looking at it"})
	*now = now.Add(time.Hour)
	reply(tk.ID, aulabot.TicketMessage{From: 3001, Team: true, Text: "fixed"})
	reply(other.ID, aulabot.TicketMessage{From: 3001, Team: true, Text: "other ticket"})
	if at, ok := first(tk.ID); !ok || !at.Equal(want) {
		t.Errorf("first reply = %v, %v; want %v", at, ok, want)
	}
	if _, ok := first("UNMA-99"); ok {
		t.Error("a reply to a ticket that does not exist")
	}
}
