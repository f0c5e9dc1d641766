package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// A campaign with a message per language sends each person the one in
// their language: the one they picked, else Telegram's if the bot speaks
// it, else the campaign's Message (the events service makes it the
// configuration's language).
func TestStore_CampaignLocalized(t *testing.T) {
	s, now := open(t)
	people := []aulabot.User{
		{ID: 1, Lang: "es"},
		{ID: 2, TGLang: "en-GB"},
		{ID: 3, TGLang: "de"}, // neither: the campaign's Message
	}
	err := s.Update(func(tx *store.Tx) error {
		for _, u := range people {
			u.Name, u.University, u.Role, u.ConsentAt = "P", "unma", aulabot.RoleTeacher, *now
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		c := aulabot.Campaign{University: "unma", Audience: aulabot.AudienceTeachers, State: aulabot.CampaignRunning, At: *now, Lang: "en",
			Owner: "event:1", Message: aulabot.Message{Text: "fallback"},
			Localized: map[string]aulabot.Message{"es": {Text: "hola"}, "en": {Text: "hello"}}}
		if _, err := tx.CreateCampaign(c); err != nil {
			return err
		}
		_, err := tx.FeedCampaigns(10)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.Pending()
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	for _, m := range ms {
		got[m.ChatID] = m.Text
	}
	if want := map[int64]string{1: "hola", 2: "hello", 3: "fallback"}; len(got) != 3 || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Errorf("sent %v, want %v", got, want)
	}
}

// A training's waitlist is in the order people joined it, whatever their
// ids; joining again keeps one's place, another answer leaves it, and
// another training's waitlist is its own.
func TestStore_EventWaitlistOrder(t *testing.T) {
	s, _ := open(t)
	set := func(event uint64, user int64, answer string) {
		t.Helper()
		if err := s.Update(func(tx *store.Tx) error { return tx.SetEventAnswer(event, user, answer) }); err != nil {
			t.Fatal(err)
		}
	}
	waitlist := func(event uint64) (people []int64, answer string) {
		_ = s.View(func(tx *store.Tx) (err error) {
			people, err = tx.EventWaitlist(event)
			answer = tx.EventAnswer(event, 30)
			return err
		})
		return people, answer
	}
	set(1, 30, aulabot.EventWait)
	set(1, 10, aulabot.EventWait)
	set(1, 20, aulabot.EventAttend)
	set(2, 5, aulabot.EventWait)
	set(1, 5, aulabot.EventWait)
	set(1, 30, aulabot.EventWait) // again: keeps the first place
	if got, answer := waitlist(1); !slices.Equal(got, []int64{30, 10, 5}) || answer != aulabot.EventWait {
		t.Errorf("waitlist %v (30 answered %q), want [30 10 5] (wait)", got, answer)
	}
	set(1, 30, aulabot.EventDecline)
	set(1, 10, aulabot.EventAttend)
	if got, answer := waitlist(1); !slices.Equal(got, []int64{5}) || answer != aulabot.EventDecline {
		t.Errorf("after two left it: %v (30 answered %q), want [5] (no)", got, answer)
	}
	if got, _ := waitlist(2); !slices.Equal(got, []int64{5}) {
		t.Errorf("the other training's waitlist: %v", got)
	}
}

// What someone with a place says after a training is kept beside their
// answer: they still attend (for the organiser's messages), their answer
// reads the same, nobody else can be given feedback, and removing their
// answer (a deletion) removes it.
func TestStore_EventFeedback(t *testing.T) {
	s, _ := open(t)
	err := s.Update(func(tx *store.Tx) error {
		for user, answer := range map[int64]string{1: aulabot.EventAttend, 2: aulabot.EventAttend, 3: aulabot.EventDecline, 4: aulabot.EventWait} {
			if err := tx.SetEventAnswer(7, user, answer); err != nil {
				return err
			}
		}
		if err := tx.SetEventFeedback(7, 1, 4); err != nil {
			return err
		}
		if err := tx.SetEventFeedback(7, 2, aulabot.EventMissed); err != nil {
			return err
		}
		for _, user := range []int64{3, 4, 5} {
			if tx.SetEventFeedback(7, user, 5) == nil {
				t.Errorf("feedback stored for %d, who had no place", user)
			}
		}
		if tx.SetEventFeedback(7, 1, 6) == nil {
			t.Error("6 stars stored")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *store.Tx) error {
		att, _ := tx.EventAttendees(7)
		if !slices.Equal(att, []int64{1, 2}) || tx.EventAnswer(7, 1) != aulabot.EventAttend || tx.EventAnswer(7, 3) != aulabot.EventDecline {
			t.Errorf("attending %v, answers %q %q: feedback changed the answers", att, tx.EventAnswer(7, 1), tx.EventAnswer(7, 3))
		}
		for user, want := range map[int64]int{1: 4, 2: aulabot.EventMissed} {
			if got, ok := tx.EventFeedback(7, user); !ok || got != want {
				t.Errorf("%d's feedback = %d %v, want %d", user, got, ok, want)
			}
		}
		for _, user := range []int64{3, 4, 5} {
			if _, ok := tx.EventFeedback(7, user); ok {
				t.Errorf("%d has feedback", user)
			}
		}
		return nil
	})
	if err := s.Update(func(tx *store.Tx) error { return tx.SetEventAnswer(7, 1, "") }); err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *store.Tx) error {
		if _, ok := tx.EventFeedback(7, 1); ok || tx.EventAnswer(7, 1) != "" {
			t.Error("the answer's removal left the feedback")
		}
		return nil
	})
}

// The events are indexed by their end, so that those to come are read
// without the past ones, and a new time moves an event in the index; the
// answers are indexed by person, and an answer removed leaves the index.
func TestStore_EventIndexes(t *testing.T) {
	s, _ := open(t)
	at := time.Date(2026, 12, 10, 22, 0, 0, 0, time.UTC)
	var ids []uint64
	err := s.Update(func(tx *store.Tx) error {
		for _, e := range []aulabot.Event{
			{Title: "past", At: at.Add(-48 * time.Hour)},
			{Title: "long", At: at, Minutes: 180},
			{Title: "short", At: at.Add(time.Hour), Minutes: 30},
		} {
			e, err := tx.CreateEvent(e)
			if err != nil {
				return err
			}
			ids = append(ids, e.ID)
		}
		for _, id := range ids[:2] {
			if err := tx.SetEventAnswer(id, 77, aulabot.EventAttend); err != nil {
				return err
			}
		}
		return tx.SetEventAnswer(ids[2], 78, aulabot.EventWait)
	})
	if err != nil {
		t.Fatal(err)
	}
	titles := func(after time.Time) []string {
		var out []string
		_ = s.View(func(tx *store.Tx) error {
			es, err := tx.EventsEndingAfter(after)
			for _, e := range es {
				out = append(out, e.Title)
			}
			return err
		})
		return out
	}
	if got := titles(at.Add(-time.Minute)); !slices.Equal(got, []string{"short", "long"}) {
		t.Errorf("ending after the start of long: %v, want short then long", got)
	}
	if got := titles(at.Add(90 * time.Minute)); !slices.Equal(got, []string{"long"}) {
		t.Errorf("ending after short's end: %v", got)
	}
	err = s.Update(func(tx *store.Tx) error { // short moves to the day after
		e, _, _ := tx.Event(ids[2])
		e.At = e.At.Add(24 * time.Hour)
		return tx.PutEvent(e)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(at.Add(-time.Minute)); !slices.Equal(got, []string{"long", "short"}) {
		t.Errorf("after short moved: %v, want long then short, once each", got)
	}
	_ = s.View(func(tx *store.Tx) error {
		if got := tx.AnsweredEvents(77); !slices.Equal(got, ids[:2]) {
			t.Errorf("77 answered %v, want %v", got, ids[:2])
		}
		return nil
	})
	if err := s.Update(func(tx *store.Tx) error { return tx.SetEventAnswer(ids[0], 77, "") }); err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *store.Tx) error {
		if got := tx.AnsweredEvents(77); !slices.Equal(got, ids[1:2]) {
			t.Errorf("after an answer removed: %v", got)
		}
		if got := tx.AnsweredEvents(78); !slices.Equal(got, ids[2:]) {
			t.Errorf("78 (waiting) answered %v", got)
		}
		return nil
	})
}

// A period's events are read by their end: those that start in it, of
// its university, the longest and one that starts at its first instant
// included, one that ends in it but started before, one that starts at
// its end and another university's left out.
func TestStore_UniversityEvents(t *testing.T) {
	s, _ := open(t)
	from := time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC)
	to := from.Add(7 * 24 * time.Hour)
	err := s.Update(func(tx *store.Tx) error {
		for _, e := range []aulabot.Event{
			{Title: "before, into it", University: "unma", At: from.Add(-time.Hour), Minutes: 120},
			{Title: "first instant", University: "unma", At: from, Minutes: aulabot.EventMinMinutes},
			{Title: "longest, last minute", University: "unma", At: to.Add(-time.Minute), Minutes: aulabot.EventMaxMinutes},
			{Title: "no length", University: "unma", At: from.Add(48 * time.Hour)},
			{Title: "other university", University: "unvs", At: from.Add(time.Hour)},
			{Title: "at its end", University: "unma", At: to, Minutes: 30},
			{Title: "cancelled", University: "unma", At: from.Add(3 * time.Hour), Cancelled: from},
		} {
			if _, err := tx.CreateEvent(e); err != nil {
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
		es, err := tx.UniversityEvents("unma", from, to)
		for _, e := range es {
			got = append(got, e.Title)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"first instant", "cancelled", "no length", "longest, last minute"}; !slices.Equal(got, want) {
		t.Errorf("the week's events of unma: %q, want %q (by their end)", got, want)
	}
}
