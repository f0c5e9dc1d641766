package service

import (
	"slices"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
)

// SurveysAnswerTx is what answering a survey needs of the update's
// transaction: the store keeps the rule of one response per person and
// survey.
type SurveysAnswerTx interface {
	SurveyResponse(s *survey.Survey, user int64) (survey.Response, bool, error)
	SurveyProgress(s *survey.Survey, user int64) (survey.Progress, error)
	SurveyPrevious(s *survey.Survey, user int64, id string) (*survey.Question, error)
	AnswerSurvey(s *survey.Survey, user int64, id string, a survey.Answer, loc *time.Location) (survey.Progress, error)
	SkipSurveyQuestion(s *survey.Survey, user int64, id string, loc *time.Location) (survey.Progress, error)
	ClearSurveyAnswer(s *survey.Survey, user int64, id string, loc *time.Location) (survey.Progress, error)
	SurveyCampaign(s *survey.Survey, university string) (survey.Campaign, bool, error)
}

// FlowSurvey waits for the answer to a survey's text question. It keeps
// the JSON keys of the string map it replaces, so that a state stored
// before the upgrade still continues.
var FlowSurvey = aulabot.Flow[SurveyText]{Name: "survey"}

// SurveyText is what FlowSurvey keeps: the survey and its text question.
type SurveyText struct {
	Survey   string `json:"survey"`
	Question string `json:"question"`
}

// SurveyPage is what a person sees of a survey after a step: the thanks
// (Done), a press on a survey they had finished already (Finished:
// nothing changed), or Question with their answer to it (if Answered)
// and its place among the questions shown to them. First: they have
// answered nothing yet (the intro goes first).
type SurveyPage struct {
	Done, Finished bool
	// Told is, when Done, whether the close will tell the person what
	// their university said: the survey has a close day and a campaign
	// runs at their university (the close tells only its campaigns'
	// people).
	Told       bool
	First      bool
	Question   *survey.Question
	Answer     survey.Answer
	Answered   bool
	Pos, Total int
}

// State is the conversation a page goes on with: FlowSurvey at a text
// question, else no flow.
func (p SurveyPage) State(sv *survey.Survey) aulabot.State {
	if p.Question != nil && p.Question.Type == survey.Text && !p.Done && !p.Finished {
		return FlowSurvey.At("", SurveyText{Survey: sv.ID, Question: p.Question.ID})
	}
	return aulabot.State{}
}

// OpenTo are the surveys of all open at now to u and not finished by
// them (with a nil tx: not looked up).
func (s *Surveys) OpenTo(tx SurveysAnswerTx, all []*survey.Survey, u aulabot.User, now time.Time) ([]*survey.Survey, error) {
	if !u.Onboarded() {
		return nil, nil
	}
	var out []*survey.Survey
	for _, sv := range all {
		if sv.CanAnswer(u.University, u.Role, now, s.Config.Loc(u.University)) != nil {
			continue
		}
		if tx == nil {
			out = append(out, sv)
			continue
		}
		closed, err := s.shut(tx, sv, u.University, now)
		if err != nil {
			return nil, err
		}
		if closed {
			continue
		}
		r, ok, err := tx.SurveyResponse(sv, u.ID)
		if err != nil {
			return nil, err
		}
		if !ok || r.Completed.IsZero() {
			out = append(out, sv)
		}
	}
	return out, nil
}

// Open is u's first unanswered question of sv (an invitation, a
// reminder, the list or /survey), or Finished when u completed it: the
// button of an invitation pressed again said the thanks again, as if the
// answers had just gone in.
func (s *Surveys) Open(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, now time.Time) (SurveyPage, error) {
	return s.step(tx, sv, u, now, func() (*survey.Question, error) { return nil, nil })
}

// Answer records u's answer to question qid of sv, a button's value (a
// number for a Likert or scale question, an option id otherwise), and
// returns what comes next.
func (s *Surveys) Answer(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, qid, val string, now time.Time) (SurveyPage, error) {
	return s.step(tx, sv, u, now, func() (*survey.Question, error) {
		a, err := buttonAnswer(sv, qid, val)
		if err != nil {
			return nil, err
		}
		_, err = tx.AnswerSurvey(sv, u.ID, qid, a, s.Config.Loc(u.University))
		return nil, err
	})
}

// AnswerText records u's text answer to question qid of sv (FlowSurvey)
// and returns what comes next. Errors are the store's: a bad text
// (EINVALID) leaves the question waiting.
func (s *Surveys) AnswerText(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, qid, text string, now time.Time) (SurveyPage, error) {
	return s.step(tx, sv, u, now, func() (*survey.Question, error) {
		_, err := tx.AnswerSurvey(sv, u.ID, qid, survey.Answer{Text: text}, s.Config.Loc(u.University))
		return nil, err
	})
}

// buttonAnswer reads a button's value for question qid: a number for a
// Likert or scale question, an option id otherwise. A question the survey
// does not have is left to the store to refuse.
func buttonAnswer(sv *survey.Survey, qid, val string) (survey.Answer, error) {
	q := sv.Question(qid)
	if q == nil || !q.Numeric() {
		return survey.Answer{Choices: []string{val}}, nil
	}
	n, ok := smallInt(val)
	if !ok {
		return survey.Answer{}, aulabot.Errorf(aulabot.EINVALID, "survey.bad_answer")
	}
	return survey.Answer{Number: n}, nil
}

// smallInt parses a number of at most two digits.
func smallInt(s string) (int, bool) {
	if len(s) == 0 || len(s) > 2 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

// Toggle ticks option id of multiple-choice question qid, or unticks it
// (the last one unticked leaves it unanswered), and returns the question
// again.
func (s *Surveys) Toggle(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, qid, id string, now time.Time) (SurveyPage, error) {
	return s.step(tx, sv, u, now, func() (*survey.Question, error) {
		r, _, err := tx.SurveyResponse(sv, u.ID)
		if err != nil {
			return nil, err
		}
		loc := s.Config.Loc(u.University)
		a := survey.Answer{Choices: toggleChoice(sv.Question(qid), r.Answers[qid].Choices, id)}
		if len(a.Choices) == 0 { // the last tick taken off: unanswered again
			_, err = tx.ClearSurveyAnswer(sv, u.ID, qid, loc)
		} else {
			_, err = tx.AnswerSurvey(sv, u.ID, qid, a, loc)
		}
		if err != nil {
			return nil, err
		}
		return sv.Question(qid), nil
	})
}

// Next goes on from a multiple-choice or text question kept as it is.
func (s *Surveys) Next(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, now time.Time) (SurveyPage, error) {
	return s.step(tx, sv, u, now, func() (*survey.Question, error) { return nil, nil })
}

// Skip records that u skipped optional question qid.
func (s *Surveys) Skip(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, qid string, now time.Time) (SurveyPage, error) {
	return s.step(tx, sv, u, now, func() (*survey.Question, error) {
		_, err := tx.SkipSurveyQuestion(sv, u.ID, qid, s.Config.Loc(u.University))
		return nil, err
	})
}

// Back returns the question shown before qid (the next unanswered one if
// there is none).
func (s *Surveys) Back(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, qid string, now time.Time) (SurveyPage, error) {
	return s.step(tx, sv, u, now, func() (*survey.Question, error) { return tx.SurveyPrevious(sv, u.ID, qid) })
}

// step runs change for a press on a question's buttons, unless u has
// finished sv (a press twice, or a button left on an old message, never
// changes or adds a response), and returns the question change names or,
// if none, the next one.
func (s *Surveys) step(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, now time.Time, change func() (*survey.Question, error)) (SurveyPage, error) {
	r, ok, err := tx.SurveyResponse(sv, u.ID)
	if err != nil {
		return SurveyPage{}, err
	}
	if ok && !r.Completed.IsZero() {
		return SurveyPage{Finished: true}, nil
	}
	q, err := change()
	if err != nil {
		return SurveyPage{}, err
	}
	if q == nil {
		return s.next(tx, sv, u, now)
	}
	return s.page(tx, sv, u, q)
}

// next is u's first unanswered question of sv, or the thanks.
func (s *Surveys) next(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, now time.Time) (SurveyPage, error) {
	if err := sv.CanAnswer(u.University, u.Role, now, s.Config.Loc(u.University)); err != nil {
		return SurveyPage{}, err
	}
	closed, err := s.shut(tx, sv, u.University, now)
	if err != nil {
		return SurveyPage{}, err
	}
	if closed {
		return SurveyPage{}, aulabot.Errorf(aulabot.ECONFLICT, "survey.closed")
	}
	p, err := tx.SurveyProgress(sv, u.ID)
	if err != nil {
		return SurveyPage{}, err
	}
	if p.Done {
		page := SurveyPage{Done: true}
		if !sv.Closes.IsZero() {
			_, page.Told, err = tx.SurveyCampaign(sv, u.University)
		}
		return page, err
	}
	page, err := s.page(tx, sv, u, p.Next)
	page.First = p.Answered == 0
	return page, err
}

// page is question q of sv as u stands.
func (s *Surveys) page(tx SurveysAnswerTx, sv *survey.Survey, u aulabot.User, q *survey.Question) (SurveyPage, error) {
	r, _, err := tx.SurveyResponse(sv, u.ID)
	if err != nil {
		return SurveyPage{}, err
	}
	if r.Answers == nil {
		r.Answers = map[string]survey.Answer{}
	}
	role := u.Role
	if r.Role != "" {
		role = r.Role
	}
	page := SurveyPage{Question: q}
	page.Pos, page.Total = position(sv, role, &r, q.ID)
	page.Answer, page.Answered = r.Valid(q)
	return page, nil
}

// position is question id's place among the questions shown to a person
// with role (1-based) and how many are shown, as r's answers stand.
func position(sv *survey.Survey, role string, r *survey.Response, id string) (int, int) {
	pos, total := 0, 0
	for _, q := range sv.Questions {
		if !sv.Shown(q, role, r) {
			continue
		}
		total++
		if q.ID == id {
			pos = total
		}
	}
	return pos, total
}

// toggleChoice adds id to choices, or removes it if it is there; an
// exclusive option of question q (None) added leaves only itself, and
// another option added removes it.
func toggleChoice(q *survey.Question, choices []string, id string) []string {
	exclusive := func(c string) bool {
		if q == nil {
			return false
		}
		o, ok := q.Option(c)
		return ok && o.Exclusive
	}
	out := make([]string, 0, len(choices)+1)
	found := false
	for _, c := range choices {
		if c == id {
			found = true
			continue
		}
		out = append(out, c)
	}
	if found {
		return out
	}
	// Ticked: an exclusive option stands alone, and another one unticks it.
	if exclusive(id) {
		return []string{id}
	}
	return append(slices.DeleteFunc(out, exclusive), id)
}

// shut reports whether sv is shut at university whatever its
// days: its campaign there was closed by a coordinator before its close
// day (survey.Campaign.CloseAsked), and the university answers no more;
// or sv is a later wave of its series (a midline, an endline) with no
// opening day and no campaign there yet (awaitsCampaign).
func (s *Surveys) shut(tx SurveysAnswerTx, sv *survey.Survey, university string, now time.Time) (bool, error) {
	c, ok, err := tx.SurveyCampaign(sv, university)
	if !ok {
		return awaitsCampaign(sv), err
	}
	return c.ClosedAt(sv, now, s.Config.Loc(university)), err
}

// awaitsCampaign reports whether sv opens at a university only with its
// campaign there: a later wave of its series (a midline, an endline) whose
// file gives no opening day. Without a day it was open from the start
// of the term, beside the baseline, and a person could answer the
// endline's "after the support" first (seen in the sandbox with the
// built-in pair).
func awaitsCampaign(sv *survey.Survey) bool {
	return sv.Opens.IsZero() && (sv.Wave == survey.Midline || sv.Wave == survey.Endline)
}
