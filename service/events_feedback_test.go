package service_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// feedbackJob is the job at event 1's end, summaryJob its figures'.
var (
	feedbackJob = aulabot.Job{Key: "evfb:1", Kind: service.JobEventFeedback, Data: map[string]string{"event": "1"}}
	summaryJob  = aulabot.Job{Key: "evsum:1", Kind: service.JobEventSummary, Data: map[string]string{"event": "1"}}
)

// At a training's end those who had a place, and only they, are asked
// how it went, once (the job run again after a crash asks nobody twice),
// in their language; what they say is counted once, and the organiser's
// figures a day after say it.
func TestEvents_Feedback(t *testing.T) {
	ev, s := newEvents(t)
	students(t, s, 5)
	e := createEvent(t, ev, s, 0)
	for user, attend := range map[int64]bool{8000: true, 8001: true, 8002: true, 8003: true, 8004: false} {
		update(t, s, func(tx *store.Tx) error { _, err := ev.Answer(tx, user, e.ID, attend); return err })
	}
	feedback := func(user int64, n int) error {
		return s.Update(func(tx *store.Tx) error { _, err := ev.Feedback(tx, user, e.ID, n); return err })
	}
	if err := feedback(8000, 5); errKey(err) != "event.err_not_ended" {
		t.Errorf("stars before the end: %v", err)
	}
	s.Now = func() time.Time { return e.End() }
	for range 2 {
		update(t, s, func(tx *store.Tx) error { return ev.AskFeedback(tx, feedbackJob) })
	}
	for _, p := range []int64{8000, 8001, 8002, 8003} {
		got := pending(t, s, p)
		if len(got) != 1 || len(got[0].Inline) != 2 || len(got[0].Inline[0]) != 5 || got[0].Inline[0][3].Data != "feedback 1 4" || got[0].Inline[1][0].Data != "feedback 1 0" {
			t.Fatalf("%d, who had a place, got %+v, want one question with 5 stars and I could not attend", p, got)
		}
		if want := map[bool]string{true: "¿Qué tal le pareció?", false: "How was it?"}[p%2 == 0]; !strings.Contains(got[0].Text, want) {
			t.Errorf("%d got %q, want it in their language (%q)", p, got[0].Text, want)
		}
	}
	if got := pending(t, s, 8004); len(got) != 0 {
		t.Errorf("someone who declined was asked: %+v", got)
	}
	for user, n := range map[int64]int{8000: 5, 8001: 4, 8002: aulabot.EventMissed} {
		if err := feedback(user, n); err != nil {
			t.Fatalf("%d says %d: %v", user, n, err)
		}
	}
	if err := feedback(8000, 1); errKey(err) != "event.err_feedback_given" {
		t.Errorf("a second answer: %v", err)
	}
	if err := feedback(8004, 3); errKey(err) != "event.err_feedback_no_place" {
		t.Errorf("stars from someone who declined: %v", err)
	}
	_ = s.View(func(tx *store.Tx) error {
		got, _, _ := tx.Event(e.ID)
		if n := got.Counts; n.Asked != 4 || n.Came() != 2 || n.Missed != 1 || n.Unsaid() != 1 || n.Stars != [5]int{0, 0, 0, 1, 1} {
			t.Errorf("counts = %+v, want 4 asked, 2 came (a 4 and a 5), 1 could not, 1 silent", n)
		}
		if said, ok := tx.EventFeedback(e.ID, 8000); !ok || said != 5 {
			t.Errorf("8000's feedback = %d %v, want 5 (not the second)", said, ok)
		}
		return nil
	})
	update(t, s, func(tx *store.Tx) error {
		return ev.Summary(tx, summaryJob)
	})
	sum := pending(t, s, coordMA)
	if len(sum) != 1 || !strings.HasSuffix(sum[0].Text, "\n📝 After it: said they came: 2 · ⭐ mean: 4.5 · could not come: 1 · no answer yet: 1.") {
		t.Errorf("summary = %+v", sum)
	}
	if got := ev.FeedbackLine("es", aulabot.EventCounts{Asked: 3, Stars: [5]int{0, 1, 0, 0, 1}}); !strings.Contains(got, "⭐ media: 3,5") || !strings.Contains(got, "sin responder aún: 1") {
		t.Errorf("Spanish line = %q, want the mean with a comma", got)
	}
	if got := ev.FeedbackLine("en", aulabot.EventCounts{Asked: 3, Missed: 3}); !strings.Contains(got, "⭐ mean: –") {
		t.Errorf("a line without stars = %q, want no mean", got)
	}
}

// A cancelled training asks nobody at its time: its job is unscheduled,
// and one already running finds it cancelled; a press after is refused.
func TestEvents_FeedbackNotForCancelled(t *testing.T) {
	ev, s := newEvents(t)
	students(t, s, 1)
	e := createEvent(t, ev, s, 0)
	update(t, s, func(tx *store.Tx) error { _, err := ev.Answer(tx, 8000, e.ID, true); return err })
	update(t, s, func(tx *store.Tx) error { _, err := ev.Cancel(tx, aulabot.Roles{Admin: true}, e.ID); return err })
	for _, j := range dueJobs(t, s) {
		if strings.HasPrefix(j.Key, "evfb:") {
			t.Errorf("the question is still scheduled: %+v", j)
		}
	}
	s.Now = func() time.Time { return e.End() }
	update(t, s, func(tx *store.Tx) error { return ev.AskFeedback(tx, feedbackJob) })
	for _, m := range pending(t, s, 8000) {
		if strings.Contains(m.Text, "How was it?") || strings.Contains(m.Text, "¿Qué tal") {
			t.Errorf("asked about a cancelled training: %q", m.Text)
		}
	}
	err := s.Update(func(tx *store.Tx) error { _, err := ev.Feedback(tx, 8000, e.ID, 4); return err })
	if errKey(err) != "event.err_cancelled" {
		t.Errorf("stars for a cancelled training: %v", err)
	}
}

// ended creates a training at which people students (8000 on) said they
// would attend, and moves the clock a minute past its end.
func ended(t *testing.T, ev *service.Events, s *store.Store, people int) aulabot.Event {
	t.Helper()
	students(t, s, people)
	e := createEvent(t, ev, s, 0)
	for i := range people {
		update(t, s, func(tx *store.Tx) error { _, err := ev.Answer(tx, int64(8000+i), e.ID, true); return err })
	}
	s.Now = func() time.Time { return e.End().Add(time.Minute) }
	return e
}

// Many presses at once, as from two phones and a double tap, count each
// person once.
func TestEvents_FeedbackUnderConcurrency(t *testing.T) {
	ev, s := newEvents(t)
	const people, presses = 10, 4
	e := ended(t, ev, s, people)
	given := 0
	for _, err := range atOnce(s, people*presses, func(i int, tx *store.Tx) error {
		_, err := ev.Feedback(tx, int64(8000+i%people), e.ID, 1+i%5)
		return err
	}) {
		switch {
		case err == nil:
			given++
		case errKey(err) != "event.err_feedback_given":
			t.Fatal(err)
		}
	}
	_ = s.View(func(tx *store.Tx) error {
		got, _, _ := tx.Event(e.ID)
		if given != people || got.Counts.Came() != people {
			t.Errorf("%d presses taken, %d counted, want %d", given, got.Counts.Came(), people)
		}
		return nil
	})
}

// Changes of what was said, pressed at once from several phones: each
// person's answer is counted once, where it is stored, whatever the
// order; the comment stays; past the follow-up week a change is refused.
func TestEvents_FeedbackChangedUnderConcurrency(t *testing.T) {
	ev, s := newEvents(t)
	const people, presses = 10, 6
	e := ended(t, ev, s, people)
	for i := range people {
		update(t, s, func(tx *store.Tx) error { _, err := ev.Feedback(tx, int64(8000+i), e.ID, 5); return err })
	}
	update(t, s, func(tx *store.Tx) error {
		st, _, err := ev.StartComment(tx, 8000, e.ID, "es")
		if err != nil {
			return err
		}
		_, err = ev.Comment(tx, st, 8000, "Muy útil")
		return err
	})
	for _, err := range atOnce(s, people*presses, func(i int, tx *store.Tx) error {
		_, err := ev.ChangeFeedback(tx, int64(8000+i%people), e.ID, i%6)
		return err
	}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	_ = s.View(func(tx *store.Tx) error {
		got, _, _ := tx.Event(e.ID)
		var want aulabot.EventCounts
		for i := range people {
			f, ok := tx.EventFeedback(e.ID, int64(8000+i))
			if !ok {
				t.Fatalf("%d's answer is gone", 8000+i)
			}
			if f == aulabot.EventMissed {
				want.Missed++
			} else {
				want.Stars[f-1]++
			}
		}
		if got.Counts.Stars != want.Stars || got.Counts.Missed != want.Missed || got.Counts.Came()+got.Counts.Missed != people {
			t.Errorf("counts %+v, the answers stored give stars %v and %d missed", got.Counts, want.Stars, want.Missed)
		}
		if c := tx.EventComment(e.ID, 8000); c != "Muy útil" {
			t.Errorf("the comment after the changes: %q", c)
		}
		return nil
	})
	s.Now = func() time.Time { return e.End().Add(service.EventFollowUp) }
	err := s.Update(func(tx *store.Tx) error { _, err := ev.ChangeFeedback(tx, 8001, e.ID, 3); return err })
	if errKey(err) != "event.err_feedback_closed" {
		t.Errorf("a change past the follow-up week: %v", err)
	}
}

// After saying how it went, someone may write a comment to its
// organisers: not before, not empty, not over the limit; a second
// replaces the first and the count counts the writers; the organisers
// (and nobody else) read them without names, and the figures carry a
// button to; a deletion takes the comment with the answer.
func TestEvents_Comment(t *testing.T) {
	svc := service.New(config.Demo())
	svc.Events.Buttons = eventButtons{}
	ev, s := svc.Events, newStore(t)
	students(t, s, 3)
	e := createEvent(t, ev, s, 0)
	for _, p := range []int64{8000, 8001, 8002} {
		update(t, s, func(tx *store.Tx) error { _, err := ev.Answer(tx, p, e.ID, true); return err })
	}
	s.Now = func() time.Time { return e.End() }
	start := func(user int64) (aulabot.State, error) {
		var st aulabot.State
		err := s.Update(func(tx *store.Tx) (err error) { st, _, err = ev.StartComment(tx, user, e.ID, "en"); return err })
		return st, err
	}
	if _, err := start(8000); errKey(err) != "event.err_comment_first" {
		t.Errorf("a comment before saying how it went: %v", err)
	}
	for user, n := range map[int64]int{8000: 4, 8001: aulabot.EventMissed, 8002: 2} {
		update(t, s, func(tx *store.Tx) error { _, err := ev.Feedback(tx, user, e.ID, n); return err })
	}
	comment := func(user int64, text string) error {
		st, err := start(user)
		if err != nil {
			return err
		}
		return s.Update(func(tx *store.Tx) error { _, err := ev.Comment(tx, st, user, text); return err })
	}
	for text, key := range map[string]string{"   ": "event.err_comment", "👍 !!": "event.err_comment", strings.Repeat("a", service.MaxEventComment+1): "event.err_comment_long"} {
		if err := comment(8000, text); errKey(err) != key {
			t.Errorf("comment %.20q: %v, want %s", text, err, key)
		}
	}
	for user, text := range map[int64]string{8000: "Muy útil", 8001: " Se cruzó con mi clase; ¿la graban? "} {
		if err := comment(user, text); err != nil {
			t.Fatal(err)
		}
	}
	if err := comment(8000, "Muy útil, <b>gracias</b>"); err != nil { // replaces the first
		t.Fatal(err)
	}
	var comments []aulabot.EventComment
	update(t, s, func(tx *store.Tx) (err error) {
		_, comments, err = ev.Comments(tx, aulabot.Roles{Coordinator: []string{"unma"}}, e.ID)
		return err
	})
	slices.SortFunc(comments, func(a, b aulabot.EventComment) int { return strings.Compare(a.Text, b.Text) })
	want := []aulabot.EventComment{{Feedback: 4, Text: "Muy útil, <b>gracias</b>"}, {Feedback: aulabot.EventMissed, Text: "Se cruzó con mi clase; ¿la graban?"}}
	if !slices.Equal(comments, want) {
		t.Errorf("comments = %+v, want %+v", comments, want)
	}
	err := s.Update(func(tx *store.Tx) error {
		_, _, err := ev.Comments(tx, aulabot.Roles{Coordinator: []string{"unvs"}}, e.ID)
		return err
	})
	if errKey(err) != "event.err_not_found" {
		t.Errorf("another university's coordinator read them: %v", err)
	}
	update(t, s, func(tx *store.Tx) error {
		return ev.Summary(tx, summaryJob)
	})
	if sum := pending(t, s, coordMA); len(sum) != 1 || len(sum[0].Inline) != 2 || sum[0].Inline[0][0].Text != "📝 Read the comments (2)" || sum[0].Inline[0][0].Data != "comments 1" ||
		sum[0].Inline[1][0].Text != "💬 Write to the person who could not come (1)" || sum[0].Inline[1][0].Data != "missed 1" {
		t.Errorf("figures = %+v, want the comments' button and the one to write to who could not come", sum)
	}
	update(t, s, func(tx *store.Tx) error { return svc.Events.Erase(tx, 8001) })
	_ = s.View(func(tx *store.Tx) error {
		got, _, _ := tx.Event(e.ID)
		if n := len(tx.EventComments(e.ID)); n != 1 || got.Counts.Comments != 2 {
			t.Errorf("after a deletion: %d comments stored, %d counted; want 1 and 2 (counts keep it)", n, got.Counts.Comments)
		}
		return nil
	})
}

// The Trainings list asks again only about a training whose question
// went: one that ended before there was a question (its job never ran)
// is not listed; once asked, it is, until said.
func TestEvents_UnsaidOnlyOnceAsked(t *testing.T) {
	ev, s := newEvents(t)
	students(t, s, 1)
	e := createEvent(t, ev, s, 0)
	update(t, s, func(tx *store.Tx) error { _, err := ev.Answer(tx, 8000, e.ID, true); return err })
	s.Now = func() time.Time { return e.End().Add(time.Hour) }
	u := aulabot.User{ID: 8000, University: "unma", Role: aulabot.RoleStudent, ConsentAt: now}
	unsaid := func() int {
		var n int
		update(t, s, func(tx *store.Tx) error { es, err := ev.Unsaid(tx, u); n = len(es); return err })
		return n
	}
	if n := unsaid(); n != 0 {
		t.Errorf("never asked, listed %d", n)
	}
	update(t, s, func(tx *store.Tx) error { return ev.AskFeedback(tx, feedbackJob) })
	if n := unsaid(); n != 1 {
		t.Errorf("asked, listed %d, want 1", n)
	}
	update(t, s, func(tx *store.Tx) error { _, err := ev.Feedback(tx, 8000, e.ID, 3); return err })
	if n := unsaid(); n != 0 {
		t.Errorf("said, listed %d", n)
	}
}
