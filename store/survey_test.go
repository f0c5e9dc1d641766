package store_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// surveyPair is a baseline and an endline of series "s", anonymous or
// not: a Likert item, a choice that shows a follow-up, and a text.
func surveyPair(t testing.TB, anonymous bool) (*survey.Survey, *survey.Survey) {
	t.Helper()
	src := `id: s-%s
series: s
wave: %s
title: {es: S, en: S}
audience: all
anonymous: %v
questions:
  - {id: quality, type: likert, text: {es: C, en: Q}}
  - id: device
    type: single
    text: {es: D, en: D}
    options: [{id: pc, es: PC, en: PC}, {id: phone, es: Cel, en: Phone}]
  - id: why
    type: single
    show_if: {question: device, equals: phone}
    text: {es: P, en: W}
    options: [{id: cost, es: Costo, en: Cost}, {id: habit, es: Hábito, en: Habit}]
  - {id: comments, type: text, optional: true, text: {es: C, en: C}}
`
	var out []*survey.Survey
	for _, w := range []string{survey.Baseline, survey.Endline} {
		s, probs := survey.Parse("surveys/"+w+".yaml", fmt.Appendf(nil, src, w, w, anonymous))
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		out = append(out, s)
	}
	return out[0], out[1]
}

func onboard(t testing.TB, s *store.Store, id int64, uni, role string) {
	t.Helper()
	err := s.Update(func(tx *store.Tx) error {
		return tx.PutUser(userOf(id, uni, role, tx.Now()))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func answer(s *store.Store, sv *survey.Survey, user int64, q string, a survey.Answer) (p survey.Progress, err error) {
	err = s.Update(func(tx *store.Tx) error {
		p, err = tx.AnswerSurvey(sv, user, q, a, time.UTC)
		return err
	})
	return p, err
}

func mustAnswer(t testing.TB, s *store.Store, sv *survey.Survey, user int64, q string, a survey.Answer) survey.Progress {
	t.Helper()
	p, err := answer(s, sv, user, q, a)
	if err != nil {
		t.Fatalf("answer %s: %v", q, err)
	}
	return p
}

func progress(t *testing.T, s *store.Store, sv *survey.Survey, user int64) (p survey.Progress) {
	t.Helper()
	err := s.View(func(tx *store.Tx) (err error) { p, err = tx.SurveyProgress(sv, user); return err })
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Answers are stored as they are given; someone who comes back days
// later, after a restart, continues at the first unanswered question.
func TestStore_AnswerSurvey_ComeBackLater(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	base, _ := surveyPair(t, true)
	onboard(t, s, 7, "unsa", "teacher")
	if p := progress(t, s, base, 7); p.Next.ID != "quality" || p.Position != 1 || p.Total != 3 {
		t.Fatalf("before any answer: %+v", p)
	}
	mustAnswer(t, s, base, 7, "quality", survey.Answer{Number: 4})
	p := mustAnswer(t, s, base, 7, "device", survey.Answer{Choices: []string{"phone"}})
	if p.Next.ID != "why" || p.Position != 3 || p.Total != 4 {
		t.Fatalf("after device: %+v", p)
	}
	s.Close()

	s, err = store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return time.Now().Add(72 * time.Hour) }
	if p := progress(t, s, base, 7); p.Next.ID != "why" || p.Answered != 2 {
		t.Fatalf("three days later: %+v", p)
	}
	var prev *survey.Question
	s.View(func(tx *store.Tx) (err error) { prev, err = tx.SurveyPrevious(base, 7, "why"); return err })
	if prev == nil || prev.ID != "device" {
		t.Errorf("Back from why = %v", prev)
	}
	mustAnswer(t, s, base, 7, "why", survey.Answer{Choices: []string{"cost"}})
	var p2 survey.Progress
	err = s.Update(func(tx *store.Tx) (err error) {
		p2, err = tx.SkipSurveyQuestion(base, 7, "comments", time.UTC)
		return err
	})
	if err != nil || !p2.Done {
		t.Fatalf("skip the last: %+v %v", p2, err)
	}
	rs, _ := s.SurveyResponses(base.ID)
	if len(rs) != 1 || len(rs[0].Answers) != 3 || rs[0].Completed.IsZero() || rs[0].University != "unsa" || rs[0].Role != "teacher" {
		t.Errorf("responses = %+v", rs)
	}
}

// Bad input changes nothing: an answer to an unknown or hidden question,
// a text over 1,000 characters, a closed survey, someone who has not
// finished /start; each is a typed error the chat can show.
func TestStore_AnswerSurvey_BadInput(t *testing.T) {
	s, now := open(t)
	base, _ := surveyPair(t, false)
	onboard(t, s, 7, "unsa", "student")
	mustAnswer(t, s, base, 7, "quality", survey.Answer{Number: 2})
	closed := *base
	closed.Closes = survey.Date{Year: 2026, Month: 3, Day: 9}
	for _, tc := range []struct {
		name string
		sv   *survey.Survey
		user int64
		q    string
		a    survey.Answer
		code string
		key  string
	}{
		{"unknown question", base, 7, "removed", survey.Answer{Number: 3}, aulabot.ENOTFOUND, "survey.question_unknown"},
		{"hidden question", base, 7, "why", survey.Answer{Choices: []string{"cost"}}, aulabot.ECONFLICT, "survey.question_hidden"},
		{"text too long", base, 7, "comments", survey.Answer{Text: strings.Repeat("x", 1001)}, aulabot.EINVALID, "survey.text_too_long"},
		{"out of range", base, 7, "quality", survey.Answer{Number: 9}, aulabot.EINVALID, "survey.bad_answer"},
		{"closed", &closed, 7, "quality", survey.Answer{Number: 5}, aulabot.ECONFLICT, "survey.closed"},
		{"not onboarded", base, 8, "quality", survey.Answer{Number: 5}, aulabot.EFORBIDDEN, "error.start_first"},
	} {
		_, err := answer(s, tc.sv, tc.user, tc.q, tc.a)
		if aulabot.ErrorCode(err) != tc.code || aulabot.ErrorKey(err) != tc.key {
			t.Errorf("%s: %v, want %s %s", tc.name, err, tc.code, tc.key)
		}
	}
	rs, _ := s.SurveyResponses(base.ID)
	if len(rs) != 1 || len(rs[0].Answers) != 1 || rs[0].Answers["quality"].Number != 2 {
		t.Errorf("after bad input: %+v", rs)
	}
	_ = now
}

// One response per person and survey, however many answers arrive at
// once: presses repeated, the same update delivered again, people
// answering concurrently (the series' secret is made once).
func TestStore_AnswerSurvey_Once(t *testing.T) {
	s, _ := open(t)
	base, _ := surveyPair(t, true)
	for id := int64(1); id <= 20; id++ {
		onboard(t, s, id, "unsa", "teacher")
	}
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for id := int64(1); id <= 20; id++ {
		for k := range 10 {
			wg.Go(func() {
				// Update ids repeat: each is delivered twice.
				err := s.Apply(context.Background(), id*100+int64(k%5), 0, func(tx *store.Tx) error {
					_, err := tx.AnswerSurvey(base, id, "quality", survey.Answer{Number: 1 + k%5}, time.UTC)
					return err
				})
				if err != nil && !errors.Is(err, store.ErrDuplicate) {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	rs, _ := s.SurveyResponses(base.ID)
	keys := map[string]bool{}
	for _, r := range rs {
		keys[r.Key] = true
	}
	if len(rs) != 20 || len(keys) != 20 {
		t.Errorf("%d responses under %d keys, want 20", len(rs), len(keys))
	}
	people, _ := s.SurveyPeople("s")
	for _, p := range people {
		if !keys[p.Key] {
			t.Errorf("person %+v has no response under their key: the secret changed", p)
		}
	}
}

// An anonymous response holds nothing of the person: not their id, not
// the time of day; the same person has the same key in both waves.
func TestStore_AnswerSurvey_Anonymous(t *testing.T) {
	s, _ := open(t)
	base, end := surveyPair(t, true)
	const id = 987654321
	onboard(t, s, id, "unsa", "teacher")
	mustAnswer(t, s, base, id, "comments", survey.Answer{Text: "escríbeme a ana@example.org"})
	mustAnswer(t, s, end, id, "quality", survey.Answer{Number: 5})
	b, _ := s.SurveyResponses(base.ID)
	e, _ := s.SurveyResponses(end.ID)
	if len(b) != 1 || len(e) != 1 || b[0].Key != e[0].Key || b[0].User != 0 {
		t.Fatalf("baseline %+v, endline %+v", b, e)
	}
	if b[0].Started != survey.Day(b[0].Started) || strings.Contains(b[0].Answers["comments"].Text, "ana@example.org") {
		t.Errorf("response = %+v: a time of day or the e-mail kept", b[0])
	}
	noTrace(t, s, id, "survey")
	s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(id) })
	noTrace(t, s, id, "")
	if b, _ := s.SurveyResponses(base.ID); len(b) != 1 {
		t.Error("/deletemydata removed an anonymous response")
	}
}

// noTrace checks that nothing in the database (in the buckets whose names
// start with prefix) names person id.
func noTrace(t *testing.T, s *store.Store, id int64, prefix string) {
	t.Helper()
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	key := make([]byte, 8)
	binary.BigEndian.PutUint64(key, uint64(id)^(1<<63))
	for k, v := range snap {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		for _, what := range []string{fmt.Sprint(id), string(key)} {
			if strings.Contains(k, what) || strings.Contains(v, what) {
				t.Errorf("%q left at %q: %q", what, k, v)
			}
		}
	}
}

// /deletemydata unlinks the person from a response that named them: it
// stays, anonymous, counted; nothing else of theirs changes, and answering
// again does not link it back.
func TestStore_DeleteUserData_Survey(t *testing.T) {
	s, _ := open(t)
	base, _ := surveyPair(t, false)
	const id, other = 987654321, 55
	onboard(t, s, id, "unsa", "teacher")
	onboard(t, s, other, "unsa", "teacher")
	mustAnswer(t, s, base, id, "quality", survey.Answer{Number: 4})
	mustAnswer(t, s, base, id, "comments", survey.Answer{Text: "llámame al 987 654 321"})
	mustAnswer(t, s, base, other, "quality", survey.Answer{Number: 2})
	rs, _ := s.SurveyResponses(base.ID)
	named := 0
	for _, r := range rs {
		if r.User == id {
			named++
		}
	}
	if named != 1 {
		t.Fatalf("the response does not name its person: %+v", rs)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(id) }); err != nil {
		t.Fatal(err)
	}
	noTrace(t, s, id, "")
	rs, _ = s.SurveyResponses(base.ID)
	if len(rs) != 2 {
		t.Fatalf("responses = %+v", rs)
	}
	var mine, theirs survey.Response
	for _, r := range rs {
		if r.User == other {
			theirs = r
		} else {
			mine = r
		}
	}
	if !mine.Unlinked || mine.Answers["quality"].Number != 4 || mine.Started != survey.Day(mine.Started) || theirs.User != other || theirs.Unlinked {
		t.Errorf("after deletion: mine %+v, theirs %+v", mine, theirs)
	}
	// Back again, the person continues the same response, unnamed.
	onboard(t, s, id, "unsa", "teacher")
	mustAnswer(t, s, base, id, "device", survey.Answer{Choices: []string{"pc"}})
	rs, _ = s.SurveyResponses(base.ID)
	for _, r := range rs {
		if r.User == id {
			t.Errorf("the response names the person again: %+v", r)
		}
	}
	if len(rs) != 2 {
		t.Errorf("%d responses, want 2", len(rs))
	}
}

// At start-up: anonymity cannot be switched off once a series has
// anonymous responses, nor a survey moved to another series (one line
// naming the file and the survey); a series made anonymous is sealed; a
// question removed or changed is named.
func TestStore_CheckSurveys(t *testing.T) {
	s, _ := open(t)
	base, end := surveyPair(t, true)
	onboard(t, s, 7, "unsa", "teacher")
	if w, err := s.CheckSurveys([]*survey.Survey{base, end}); err != nil || len(w) != 0 {
		t.Fatalf("before any response: %v %v", w, err)
	}
	mustAnswer(t, s, base, 7, "quality", survey.Answer{Number: 4})

	named, namedEnd := surveyPair(t, false)
	_, err := s.CheckSurveys([]*survey.Survey{named, namedEnd})
	want := "surveys/baseline.yaml:1: survey s-baseline: anonymous cannot be switched off: series s already has anonymous responses"
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Errorf("anonymity off: %v\nwant %q", err, want)
	}
	// A new survey that is not anonymous in the series is refused too,
	// and so is answering it whatever loaded it.
	_, err = s.CheckSurveys([]*survey.Survey{base, namedEnd})
	if err == nil || !strings.Contains(err.Error(), "survey s-endline: anonymous cannot be switched off") {
		t.Errorf("a named wave: %v", err)
	}
	if _, err := answer(s, namedEnd, 7, "quality", survey.Answer{Number: 5}); err == nil || !strings.Contains(err.Error(), "anonymous cannot be switched off") {
		t.Errorf("answering a named wave of an anonymous series: %v", err)
	}
	moved := *base
	moved.SeriesID = "other"
	_, err = s.CheckSurveys([]*survey.Survey{&moved})
	if err == nil || err.Error() != "surveys/baseline.yaml:1: survey s-baseline: its responses belong to series s; it cannot move to series other (put back series: s, or give the survey a new id)" {
		t.Errorf("moved: %v", err)
	}

	changed := *base
	changed.Questions = []*survey.Question{base.Questions[0], {ID: "device", Type: survey.Scale, Min: 0, Max: 10, Line: 9, Text: base.Questions[1].Text, Audience: survey.ForAll}}
	w, err := s.CheckSurveys([]*survey.Survey{&changed, end})
	if err != nil || len(w) != 3 ||
		w[0] != "surveys/baseline.yaml:1: survey s-baseline: question comments was removed; the answers given to it are kept and no longer counted" ||
		!strings.HasPrefix(w[1], "surveys/baseline.yaml:9: survey s-baseline: question device changed kind") ||
		!strings.HasPrefix(w[2], "surveys/baseline.yaml:1: survey s-baseline: question why was removed") {
		t.Errorf("changed: %q %v", w, err)
	}
}

// A series that answered under its people's names and is then made
// anonymous loses every name at start-up.
func TestStore_CheckSurveys_Seal(t *testing.T) {
	s, _ := open(t)
	named, namedEnd := surveyPair(t, false)
	const id = 987654321
	onboard(t, s, id, "unsa", "teacher")
	mustAnswer(t, s, named, id, "quality", survey.Answer{Number: 3})
	mustAnswer(t, s, namedEnd, id, "quality", survey.Answer{Number: 4})
	base, end := surveyPair(t, true)
	w, err := s.CheckSurveys([]*survey.Survey{base, end})
	if err != nil || len(w) != 1 || w[0] != "surveys/baseline.yaml:1: survey s-baseline: series s is anonymous now: 2 responses no longer name their person" {
		t.Fatalf("seal: %q %v", w, err)
	}
	noTrace(t, s, id, "survey")
	for _, sv := range []*survey.Survey{base, end} {
		if rs, _ := s.SurveyResponses(sv.ID); len(rs) != 1 || rs[0].User != 0 {
			t.Errorf("%s: %+v", sv.ID, rs)
		}
	}
	// Anonymous now for good.
	if _, err := s.CheckSurveys([]*survey.Survey{named}); err == nil {
		t.Error("switched back off")
	}
}

// The audience of results: everyone onboarded, keyed under the series'
// secret once it exists.
func TestStore_SurveyPeople(t *testing.T) {
	s, _ := open(t)
	base, _ := surveyPair(t, true)
	onboard(t, s, 1, "unsa", "teacher")
	onboard(t, s, 2, "unma", "student")
	s.Update(func(tx *store.Tx) error { return tx.PutUser(aulabot.User{ID: 3, Name: "Sin terminar"}) })
	ps, _ := s.SurveyPeople("s")
	if len(ps) != 2 || ps[0].Key != "" || ps[1].Key != "" {
		t.Fatalf("before the series has a secret: %+v", ps)
	}
	mustAnswer(t, s, base, 1, "quality", survey.Answer{Number: 4})
	ps, _ = s.SurveyPeople("s")
	rs, _ := s.SurveyResponses(base.ID)
	if len(ps) != 2 || ps[0].Key != rs[0].Key || ps[1].Key == "" || ps[1].Key == ps[0].Key || ps[1].University != "unma" {
		t.Errorf("people = %+v, response key %s", ps, rs[0].Key)
	}
}

func userOf(id int64, uni, role string, at time.Time) aulabot.User {
	return aulabot.User{ID: id, Name: "Persona", University: uni, Role: role, ConsentAt: at}
}
