package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func TestStore_Questions(t *testing.T) {
	s, now := open(t)
	var id uint64
	err := s.Update(func(tx *store.Tx) (err error) {
		id, err = tx.AddQuestion(aulabot.Question{UserID: 7, University: "unma", Text: "x", Outcome: aulabot.OutcomeAnswer})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		err := s.Update(func(tx *store.Tx) error { return tx.SetFeedback(id, 8, aulabot.FeedbackHelpful, "") })
		if aulabot.ErrorCode(err) != aulabot.ENOTFOUND {
			t.Errorf("feedback by another person: %v", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		if err := s.Update(func(tx *store.Tx) error { return tx.SetFeedback(id, 7, aulabot.FeedbackNotHelpful, "") }); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		err := s.Update(func(tx *store.Tx) error { return tx.SetFeedback(id, 7, aulabot.FeedbackHelpful, "") })
		if aulabot.ErrorCode(err) != aulabot.ECONFLICT {
			t.Errorf("second feedback: %v", err)
		}
	})
	t.Run("Reported", func(t *testing.T) {
		if err := s.Update(func(tx *store.Tx) error { return tx.QuestionReported(id, "UNMA-3") }); err != nil {
			t.Fatal(err)
		}
		s.View(func(tx *store.Tx) error {
			if q, _, _ := tx.Question(id); q.Ticket != "UNMA-3" {
				t.Errorf("the question's ticket %q, want UNMA-3", q.Ticket)
			}
			return nil
		})
	})
	t.Run("ErasedKeepsGap", func(t *testing.T) {
		s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(7) })
		var got []aulabot.Question
		s.View(func(tx *store.Tx) error {
			return tx.Questions("unma", now.Add(-24*time.Hour), func(q aulabot.Question) error { got = append(got, q); return nil })
		})
		if len(got) != 1 || got[0].UserID != 0 || got[0].Text != "" || got[0].Ticket != "" || !got[0].Gap() {
			t.Errorf("questions after deletion = %+v, want one anonymous gap without text", got)
		}
		if y, m, d := now.Date(); len(got) == 1 && !got[0].At.Equal(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("erased question dated %v, want the day only", got[0].At)
		}
	})
}

func TestStore_Vectors(t *testing.T) {
	s, _ := open(t)
	if _, ok := s.GetVector("h1"); ok {
		t.Fatal("vector before put")
	}
	if err := s.PutVector("h1", []float32{1, 0.5}); err != nil {
		t.Fatal(err)
	}
	if v, ok := s.GetVector("h1"); !ok || len(v) != 2 || v[1] != 0.5 {
		t.Errorf("GetVector = %v, %v", v, ok)
	}
}

func TestStore_PruneVectors(t *testing.T) {
	s, _ := open(t)
	const n = 1234 // more than two pruning transactions
	for i := range n {
		if err := s.PutVector(fmt.Sprintf("h%05d", i), []float32{float32(i)}); err != nil {
			t.Fatal(err)
		}
	}
	keep := func(h string) bool { var i int; fmt.Sscanf(h, "h%d", &i); return i%3 == 0 }
	removed, err := s.PruneVectors(keep)
	if err != nil {
		t.Fatal(err)
	}
	if want := n - (n+2)/3; removed != want {
		t.Errorf("removed %d, want %d", removed, want)
	}
	for i := range n {
		h := fmt.Sprintf("h%05d", i)
		if _, ok := s.GetVector(h); ok != keep(h) {
			t.Fatalf("vector %s present = %v, want %v", h, ok, keep(h))
		}
	}
	if removed, err := s.PruneVectors(keep); err != nil || removed != 0 {
		t.Errorf("second prune removed %d, %v; want 0", removed, err)
	}
}

// questionsOf lists what Questions(university, since) reads.
func questionsOf(t *testing.T, s *store.Store, university string, since time.Time) []aulabot.Question {
	t.Helper()
	var got []aulabot.Question
	err := s.View(func(tx *store.Tx) error {
		return tx.Questions(university, since, func(q aulabot.Question) error { got = append(got, q); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func questionTexts(qs []aulabot.Question) string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Text)
	}
	return strings.Join(out, ",")
}

// TestStore_QuestionsIndex: Questions reads one university's questions
// from a time on, oldest first, and every university's for "".
func TestStore_QuestionsIndex(t *testing.T) {
	s, now := open(t)
	day := 24 * time.Hour
	add := func(uni, text string, ago time.Duration) {
		t.Helper()
		err := s.Update(func(tx *store.Tx) error {
			_, err := tx.AddQuestion(aulabot.Question{UserID: 7, University: uni, Text: text, Outcome: aulabot.OutcomeNone, At: now.Add(-ago)})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Added out of time order, in universities whose ids prefix each other.
	add("unma", "m2", 2*day)
	add("unm", "x1", 1*day)
	add("unma", "m-old", 40*day)
	add("unma", "m1", 3*day)
	add("unvs", "v1", 1*day)
	add("", "none", 1*day)
	add("unma", "m0", 0)
	since := now.Add(-30 * day)
	for uni, want := range map[string]string{"unma": "m1,m2,m0", "unm": "x1", "unvs": "v1", "nope": ""} {
		if got := questionTexts(questionsOf(t, s, uni, since)); got != want {
			t.Errorf("Questions(%q) = %s, want %s", uni, got, want)
		}
	}
	if got := questionTexts(questionsOf(t, s, "", since)); got != "none,x1,m1,m2,m0,v1" {
		t.Errorf("Questions(\"\") = %s, want every university's in the window", got)
	}
	if got := questionTexts(questionsOf(t, s, "unma", now.Add(-100*day))); got != "m-old,m1,m2,m0" {
		t.Errorf("Questions(unma, 100 days) = %s", got)
	}
}

func TestStore_AddQuestionMasks(t *testing.T) {
	s, now := open(t)
	err := s.Update(func(tx *store.Tx) error {
		_, err := tx.AddQuestion(aulabot.Question{UserID: 7, University: "unma", Text: "soy ana@unma.edu.pe, DNI 45871236, no entro", Outcome: aulabot.OutcomeNone})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := questionsOf(t, s, "unma", now.Add(-time.Hour))
	if want := "soy " + aulabot.MaskedEmail + ", DNI " + aulabot.MaskedNumber + ", no entro"; len(got) != 1 || got[0].Text != want {
		t.Errorf("stored %q, want %q", questionTexts(got), want)
	}
}

// TestStore_EraseQuestions: erasing a person takes the text and the link
// of their questions, their pending answers, and nobody else's.
func TestStore_EraseQuestions(t *testing.T) {
	s, now := open(t)
	err := s.Update(func(tx *store.Tx) error {
		for i, u := range []int64{7, 8, 7, 8, 7} {
			id, err := tx.AddQuestion(aulabot.Question{UserID: u, University: "unma", Text: fmt.Sprintf("q%d by %d", i, u), Outcome: aulabot.OutcomeNone})
			if err != nil {
				return err
			}
			if err := tx.AnswerLater(id, u); err != nil {
				return err
			}
		}
		return tx.ReloadLater(7, "es")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(7) }); err != nil {
		t.Fatal(err)
	}
	var anon, kept int
	for _, q := range questionsOf(t, s, "unma", now.Add(-24*time.Hour)) {
		switch {
		case q.UserID == 0 && q.Text == "":
			anon++
		case q.UserID == 8 && strings.HasSuffix(q.Text, "by 8"):
			kept++
		default:
			t.Errorf("after erasing 7: %+v", q)
		}
	}
	if anon != 3 || kept != 2 {
		t.Errorf("anonymous %d, kept %d; want 3 and 2", anon, kept)
	}
	var jobs []aulabot.Job
	s.View(func(tx *store.Tx) (err error) { jobs, err = tx.BackgroundJobs(100); return err })
	if len(jobs) != 2 {
		t.Fatalf("background jobs after erasing 7: %+v, want the 2 of person 8", jobs)
	}
	for _, j := range jobs {
		if strings.Contains(j.Key, ":7:") {
			t.Errorf("job %s of the erased person kept", j.Key)
		}
	}
}

func TestStore_BackgroundJobs(t *testing.T) {
	s, now := open(t)
	err := s.Update(func(tx *store.Tx) error {
		if err := tx.AnswerLater(1, 7); err != nil {
			return err
		}
		if err := tx.Schedule(aulabot.Job{Key: "timer", Kind: "x", Due: now.Add(time.Minute)}); err != nil {
			return err
		}
		if err := tx.ReloadLater(5001, "es"); err != nil {
			return err
		}
		return tx.ReloadLater(5001, "en") // replaces the first
	})
	if err != nil {
		t.Fatal(err)
	}
	var jobs []aulabot.Job
	s.View(func(tx *store.Tx) (err error) { jobs, err = tx.BackgroundJobs(10); return err })
	if len(jobs) != 2 || jobs[0].Kind != aulabot.JobAnswer || jobs[0].Data["question"] != "1" ||
		jobs[1].Kind != aulabot.JobReload || jobs[1].Data["chat"] != "5001" || jobs[1].Data["lang"] != "en" {
		t.Fatalf("background jobs = %+v", jobs)
	}
	// They never fall due: the timers leave them to the background workers.
	due, err := s.DueJobs(now.AddDate(200, 0, 0), 10)
	if err != nil || len(due) != 1 || due[0].Key != "timer" {
		t.Errorf("due in 200 years: %+v %v, want only the timer", due, err)
	}
	// Taking a job is how a worker finishes it, once.
	for i, want := range []bool{true, false} {
		var ok bool
		s.Update(func(tx *store.Tx) (err error) { ok, err = tx.TakeJob(jobs[0].Key, jobs[0].ID); return err })
		if ok != want {
			t.Errorf("take #%d = %v, want %v", i+1, ok, want)
		}
	}
}

// LastQuestion finds a person's last question among everyone's, whether
// their ids come first, in the middle or last in the index, and none for
// someone who asked nothing or whose data was erased.
func TestStore_LastQuestion(t *testing.T) {
	s, _ := open(t)
	users := map[int64]string{-5: "ana", 3: "bea", 7: "carlos", 1 << 40: "dora"}
	err := s.Update(func(tx *store.Tx) error {
		for i := range 3 {
			for _, u := range []int64{-5, 3, 7, 1 << 40} {
				if _, err := tx.AddQuestion(aulabot.Question{UserID: u, University: "unma", Text: fmt.Sprintf("q%d by %s", i, users[u])}); err != nil {
					return err
				}
			}
		}
		return tx.DeleteUserData(7)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		user int64
		want string
	}{{-5, "q2 by ana"}, {3, "q2 by bea"}, {1 << 40, "q2 by dora"}, {7, ""}, {4, ""}, {0, ""}, {1 << 41, ""}} {
		err := s.View(func(tx *store.Tx) error {
			q, ok, err := tx.LastQuestion(c.user)
			if ok != (c.want != "") || q.Text != c.want || (ok && q.UserID != c.user) {
				t.Errorf("user %d: %q %v, want %q", c.user, q.Text, ok, c.want)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// DropQuestion removes a question from the record and from both indexes:
// the person's last question is the one before it, the university's
// questions no longer list it; an unknown id changes nothing.
func TestStore_DropQuestion(t *testing.T) {
	s, _ := open(t)
	var ids []uint64
	err := s.Update(func(tx *store.Tx) error {
		for i := range 3 {
			id, err := tx.AddQuestion(aulabot.Question{UserID: 9, University: "unma", Text: fmt.Sprintf("q%d", i)})
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if err := tx.DropQuestion(ids[2]); err != nil {
			return err
		}
		return tx.DropQuestion(999)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(tx *store.Tx) error {
		if q, ok, err := tx.LastQuestion(9); err != nil || !ok || q.Text != "q1" {
			t.Errorf("last question after the drop: %q %v %v", q.Text, ok, err)
		}
		if _, ok, _ := tx.Question(ids[2]); ok {
			t.Error("the dropped question is still there")
		}
		var listed []string
		err := tx.Questions("unma", time.Time{}, func(q aulabot.Question) error { listed = append(listed, q.Text); return nil })
		if len(listed) != 2 || listed[0] != "q0" || listed[1] != "q1" {
			t.Errorf("the university's questions: %q", listed)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestStore_AnsweredLate: the first late answer's time stays (an article
// sent, then a coordinator's words); an unknown question is no error.
func TestStore_AnsweredLate(t *testing.T) {
	s, now := open(t)
	first := *now
	var id uint64
	err := s.Update(func(tx *store.Tx) (err error) {
		id, err = tx.AddQuestion(aulabot.Question{UserID: 7, University: "unma", Text: "x", Outcome: aulabot.OutcomeNone, At: first})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.Update(func(tx *store.Tx) error { return tx.AnsweredLate(id) }); err != nil {
			t.Fatal(err)
		}
		*now = now.Add(time.Hour)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.AnsweredLate(id + 100) }); err != nil {
		t.Errorf("an unknown question: %v", err)
	}
	var q aulabot.Question
	err = s.View(func(tx *store.Tx) (err error) { q, _, err = tx.Question(id); return err })
	if err != nil || !q.Late.Equal(first) {
		t.Errorf("late = %v (%v), want %v", q.Late, err, first)
	}
}
