package service_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// pulse is open in March 2026 to everyone; its comment is optional.
const pulse = `id: pulso
series: pulso
wave: baseline
title: {es: Pulso, en: Pulse}
intro: {es: Unas preguntas., en: A few questions.}
audience: all
anonymous: true
opens: 2026-03-01
closes: 2026-03-31
questions:
  - {id: quality, type: likert, text: {es: Calidad, en: Quality}}
  - {id: comments, type: text, optional: true, text: {es: Comentarios, en: Comments}}
`

// opener is the handlers' codec as the survey service sees it.
type opener struct{}

func (opener) Open(id string) string { return "open:" + id }

func (opener) Results(series string) string { return "results:" + series }

func newSurveys(t *testing.T) (*service.Surveys, *survey.Survey) {
	t.Helper()
	set, probs, err := survey.Load(fstest.MapFS{"a.yaml": &fstest.MapFile{Data: []byte(pulse)}}, ".", nil)
	if err != nil || len(probs) > 0 {
		t.Fatalf("load: %v %v", err, probs)
	}
	sv, err := set.Get("pulso")
	if err != nil {
		t.Fatal(err)
	}
	s := service.New(config.Demo()).Surveys
	s.Buttons = opener{}
	return s, sv
}

// onboard stores people of university uni, onboarded, speaking lang.
func onboard(t *testing.T, s *store.Store, uni, lang string, ids ...int64) {
	t.Helper()
	update(t, s, func(tx *store.Tx) error {
		for _, id := range ids {
			u := aulabot.User{ID: id, University: uni, Role: aulabot.RoleTeacher, Lang: lang, ConsentAt: now}
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
}

// A campaign runs at the coordinator's university only: the start
// invites its audience, paced in the campaign's lane with the button that
// opens the survey; reminders come after ReminderEvery, once per marker;
// the close sends the final count to whoever started it and what their
// university said to those who took part, from the next morning.
func TestSurveys_CampaignStartRemindClose(t *testing.T) {
	svs, sv := newSurveys(t)
	s := newStore(t)
	clock := now
	s.Now = func() time.Time { return clock }
	const coord = 5001 // coordinator of unma in the demo configuration
	onboard(t, s, "unma", "es", 9001, 9002, 9003)
	onboard(t, s, "unvs", "es", 9101)

	unis := svs.Universities(aulabot.Roles{Coordinator: []string{"unma"}}, sv)
	if !slices.Equal(unis, []string{"unma"}) {
		t.Fatalf("coordinator of unma runs it at %v", unis)
	}
	if got := svs.Universities(aulabot.Roles{}, sv); len(got) != 0 {
		t.Fatalf("a teacher runs it at %v", got)
	}
	update(t, s, func(tx *store.Tx) error {
		if n, err := svs.ToInvite(tx, sv, unis); err != nil || n != 3 {
			t.Errorf("to invite: %d (%v), want 3", n, err)
		}
		n, err := svs.Start(tx, sv, unis, coord, "en")
		if err != nil || n != 1 {
			t.Errorf("started %d (%v), want 1", n, err)
		}
		// One person answers part of it.
		_, err = tx.SkipSurveyQuestion(sv, 9001, "comments", time.UTC)
		return err
	})
	var at []time.Time
	for _, id := range []int64{9001, 9002, 9003} {
		ms := pending(t, s, id)
		if len(ms) != 1 || ms[0].Lane != service.SurveyLane || !strings.Contains(ms[0].Text, "Su universidad le invita") ||
			len(ms[0].Inline) != 1 || ms[0].Inline[0][0].Data != "open:pulso" {
			t.Fatalf("invitation to %d: %+v", id, ms)
		}
		at = append(at, ms[0].NotBefore)
	}
	slices.SortFunc(at, time.Time.Compare)
	for i := range at {
		if want := survey.Paced(at[0], i); !at[i].Equal(want) || at[0].Before(now) {
			t.Errorf("invitations at %v, want paced %v a second from now", at, survey.CampaignRate)
		}
	}
	if ms := pending(t, s, 9101); len(ms) != 0 {
		t.Fatalf("another university's person was invited: %+v", ms)
	}
	update(t, s, func(tx *store.Tx) error {
		if n, err := svs.Start(tx, sv, unis, coord, "en"); err != nil || n != 0 {
			t.Errorf("second start: %d (%v), want none", n, err)
		}
		st, err := svs.Status(tx, sv, unis)
		if err != nil || len(st) != 1 || !st[0].Running || st[0].Campaign.Invited != 3 || st[0].Counts.Started != 1 {
			t.Errorf("status: %+v (%v)", st, err)
		}
		return nil
	})

	camp := campaign(t, s, sv)
	if step := svs.Due(sv, camp, clock); step.Kind != service.CampaignNone {
		t.Fatalf("a step due at the start: %+v", step)
	}
	clock = now.Add(survey.ReminderEvery)
	step := svs.Due(sv, camp, clock)
	if step.Kind != service.CampaignRemind {
		t.Fatalf("after %v: %+v, want the reminders", survey.ReminderEvery, step)
	}
	run := func(step service.CampaignStep, res *survey.Results) error {
		return s.Apply(context.Background(), step.Mark, 0, func(tx *store.Tx) error {
			return svs.Run(tx, sv, campaign(t, s, sv), step, res, clock)
		})
	}
	if err := run(step, nil); err != nil {
		t.Fatal(err)
	}
	if err := run(step, nil); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("the same round ran twice: %v", err)
	}
	if ms := pending(t, s, 9001); len(ms) != 2 || !strings.Contains(ms[1].Text, "a medias") {
		t.Fatalf("reminder to the one part way: %+v", ms)
	}
	if ms := pending(t, s, 9002); len(ms) != 2 || !strings.Contains(ms[1].Text, "Todavía no respondió") {
		t.Fatalf("reminder to one who has not started: %+v", ms)
	}

	// 1 April, 12:00 UTC is 07:00 in Lima: the survey has closed, and what
	// the university said goes out from 09:00 there.
	clock = time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
	camp = campaign(t, s, sv)
	step = svs.Due(sv, camp, clock)
	if step.Kind != service.CampaignClose {
		t.Fatalf("after the close: %+v", step)
	}
	if err := run(step, nil); err != nil {
		t.Fatal(err)
	}
	final := pending(t, s, coord)
	if len(final) != 1 || !strings.Contains(final[0].Text, "Invited: 3 · started: fewer than 5 · completed: 0") {
		t.Fatalf("final count: %+v", final)
	}
	said := pending(t, s, 9001)
	if len(said) != 3 || !strings.Contains(said[2].Text, "Esto respondió") ||
		!said[2].NotBefore.Equal(time.Date(2026, 4, 1, 14, 0, 0, 0, time.UTC)) {
		t.Fatalf("what the university said: %+v", said)
	}
	if ms := pending(t, s, 9002); len(ms) != 2 {
		t.Fatalf("one who never answered was told the results: %+v", ms)
	}
	if step := svs.Due(sv, campaign(t, s, sv), clock); step.Kind != service.CampaignNone {
		t.Fatalf("a closed campaign has a step due: %+v", step)
	}
	// A step the store finds not due writes nothing.
	if err := run(service.CampaignStep{Kind: service.CampaignClose, Mark: -1}, nil); err != service.ErrNotDue {
		t.Fatalf("closing twice: %v, want ErrNotDue", err)
	}
}

// campaign is pulse's campaign at unma.
func campaign(t *testing.T, s *store.Store, sv *survey.Survey) survey.Campaign {
	t.Helper()
	var c survey.Campaign
	err := s.View(func(tx *store.Tx) error {
		var ok bool
		var err error
		c, ok, err = tx.SurveyCampaign(sv, "unma")
		if err == nil && !ok {
			t.Fatal("no campaign")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Answering pulse: a person answers, goes back, skips the optional text
// question and is thanked; a press after that changes nothing; a forged
// value is refused and writes nothing.
func TestSurveys_AnswerBackSkip(t *testing.T) {
	svs, sv := newSurveys(t)
	s := newStore(t)
	onboard(t, s, "unma", "es", 9001)
	var u aulabot.User
	update(t, s, func(tx *store.Tx) (err error) { u, _, err = tx.User(9001); return err })

	update(t, s, func(tx *store.Tx) error {
		open, err := svs.OpenTo(tx, []*survey.Survey{sv}, u, now)
		if err != nil || len(open) != 1 {
			t.Fatalf("open to a teacher of unma: %v (%v)", open, err)
		}
		p, err := svs.Open(tx, sv, u, now)
		if err != nil || !p.First || p.Question.ID != "quality" || p.Pos != 1 || p.Total != 2 || p.Answered {
			t.Fatalf("opened: %+v (%v)", p, err)
		}
		if _, err := svs.Answer(tx, sv, u, "quality", "9", now); aulabot.ErrorKey(err) != "survey.bad_answer" {
			t.Fatalf("a forged Likert value: %v", err)
		}
		if p, err = svs.Answer(tx, sv, u, "quality", "4", now); err != nil || p.Question.ID != "comments" || p.First || p.Pos != 2 {
			t.Fatalf("after answering: %+v (%v)", p, err)
		}
		if st, ok := service.FlowSurvey.Data(p.State(sv)); !ok || st.Survey != "pulso" || st.Question != "comments" {
			t.Fatalf("the text question waits with %+v, %v", st, ok)
		}
		if p, err = svs.Back(tx, sv, u, "comments", now); err != nil || p.Question.ID != "quality" || !p.Answered || p.Answer.Number != 4 {
			t.Fatalf("back: %+v (%v)", p, err)
		}
		if p.State(sv).Flow != "" {
			t.Fatalf("a button question keeps a flow: %+v", p.State(sv))
		}
		if p, err = svs.Skip(tx, sv, u, "comments", now); err != nil || !p.Done {
			t.Fatalf("after skipping the last question: %+v (%v)", p, err)
		}
		return nil
	})
	update(t, s, func(tx *store.Tx) error {
		p, err := svs.Answer(tx, sv, u, "quality", "1", now)
		if err != nil || !p.Finished {
			t.Fatalf("a press on a finished survey: %+v (%v)", p, err)
		}
		r, _, err := tx.SurveyResponse(sv, u.ID)
		if err != nil || r.Answers["quality"].Number != 4 {
			t.Fatalf("the finished response changed: %+v (%v)", r, err)
		}
		if open, err := svs.OpenTo(tx, []*survey.Survey{sv}, u, now); err != nil || len(open) != 0 {
			t.Fatalf("a finished survey is still open: %v (%v)", open, err)
		}
		return nil
	})
}

// A text question's state stored by the string map before the flow was
// declared still continues.
func TestSurveys_OldTextStateContinues(t *testing.T) {
	old := aulabot.State{Flow: "survey"}.With("survey", "pulso").With("question", "comments")
	d, ok := service.FlowSurvey.Data(old)
	if !ok || d.Survey != "pulso" || d.Question != "comments" {
		t.Fatalf("old state reads as %+v, %v", d, ok)
	}
}
