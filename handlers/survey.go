package handlers

import (
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/survey"
)

// Surveys is what the survey handlers need besides the database.
type Surveys struct {
	// Set is the surveys loaded at start-up; nil: there are none.
	Set *survey.Set
	// Results computes a series' results (the same computation as
	// "aulabot survey results"); university "" is every university.
	Results func(series, university string) (*survey.Results, error)
}

// surveyTx is what the survey handlers need of a transaction; the store
// keeps the rules (one response per person and survey, who a campaign
// invites and reminds, once).
type surveyTx interface {
	survey.Source // the reports' surveys area reads results in their transaction
	SurveyResponse(s *survey.Survey, user int64) (survey.Response, bool, error)
	SurveyProgress(s *survey.Survey, user int64) (survey.Progress, error)
	SurveyPrevious(s *survey.Survey, user int64, id string) (*survey.Question, error)
	AnswerSurvey(s *survey.Survey, user int64, id string, a survey.Answer, loc *time.Location) (survey.Progress, error)
	SkipSurveyQuestion(s *survey.Survey, user int64, id string, loc *time.Location) (survey.Progress, error)
	SurveyCampaign(s *survey.Survey, university string) (survey.Campaign, bool, error)
	SurveyCampaigns() ([]survey.Campaign, error)
	SurveyAudience(s *survey.Survey, university string) ([]survey.Invitee, error)
	StartSurveyCampaign(s *survey.Survey, university string, by int64, lang string, loc *time.Location) (survey.Campaign, []survey.Invitee, error)
	InviteSurvey(s *survey.Survey, university string, max int, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error)
	RemindSurvey(s *survey.Survey, university string, max int, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error)
	CloseSurveyCampaign(s *survey.Survey, university string, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error)
}

// flowSurvey waits for the answer to a text question.
const flowSurvey = "survey"

// surveyButton is the prefix of every survey button's data.
const surveyButton = "sv"

// Survey button operations (survey_buttons.go).
const (
	svOpen    = "o" // open (or continue) a survey
	svAnswer  = "a" // answer: a number or an option id
	svToggle  = "t" // tick or untick an option of a multiple-choice question
	svNext    = "n" // done with a multiple-choice question
	svSkip    = "s" // skip an optional question
	svBack    = "b" // back to the question before
	svStart   = "c" // ask to start a campaign (coordinators)
	svConfirm = "k" // start it
	svCancel  = "x" // do not
	svStatus  = "p" // a campaign's progress
	svResults = "r" // a series' results: sv:r:SERIES
)

func (h *Handlers) routeSurveys(r *router) {
	r.commands["survey"] = with(h.survey, private)
	r.callbacks[surveyButton] = with(h.onSurvey, private)
	r.flows[flowSurvey] = with(h.onSurveyText, private, onboarded)
	r.menu["menu.survey"] = "survey"
	r.commands["surveys"] = with(h.surveyPanel, private, coordinator)
	r.menu["menu.surveys"] = "surveys"
}

// survey handles /survey: "start ID" and "results [SERIES]" for
// coordinators, otherwise the person's open survey.
func (h *Handlers) survey(c *Ctx) error {
	verb, arg, _ := strings.Cut(strings.TrimSpace(c.U.Text), " ")
	switch strings.ToLower(verb) {
	case "start":
		return with(h.surveyStart, coordinator)(svWithText(c, arg))
	case "results":
		return with(h.surveyResults, coordinator)(svWithText(c, arg))
	case "":
		if (c.Roles.Admin || len(c.Roles.Coordinator) > 0) && !c.User.Onboarded() {
			return h.surveyPanel(c) // staff who do not answer surveys themselves
		}
		return with(h.surveyOpen, onboarded)(c)
	}
	return aulabot.Errorf(aulabot.EINVALID, "survey.usage")
}

// svWithText returns c with the command's argument text replaced.
func svWithText(c *Ctx, text string) *Ctx { c.U.Text = strings.TrimSpace(text); return c }

// surveyLoc is the time zone of the person's university.
func (h *Handlers) surveyLoc(university string) *time.Location { return h.Config.Loc(university) }

// openSurveys are the surveys open now for the person and not finished
// by them (with a nil tx: not looked up).
func (h *Handlers) openSurveys(tx Tx, u aulabot.User) ([]*survey.Survey, error) {
	if h.Survey.Set == nil || !u.Onboarded() {
		return nil, nil
	}
	var out []*survey.Survey
	for _, s := range h.Survey.Set.All() {
		if s.CanAnswer(u.University, u.Role, h.Now(), h.surveyLoc(u.University)) != nil {
			continue
		}
		if tx == nil {
			out = append(out, s)
			continue
		}
		r, ok, err := tx.SurveyResponse(s, u.ID)
		if err != nil {
			return nil, err
		}
		if !ok || r.Completed.IsZero() {
			out = append(out, s)
		}
	}
	return out, nil
}

// surveyOpen shows the person's open survey at their first unanswered
// question, or lets them pick one when several are open.
func (h *Handlers) surveyOpen(c *Ctx) error {
	return c.Commit(func(tx Tx) error {
		open, err := h.openSurveys(tx, c.User)
		if err != nil {
			return err
		}
		switch len(open) {
		case 0:
			c.Reply(c.T("survey.none_open"))
			return nil
		case 1:
			return h.showNext(c, tx, open[0], true)
		}
		var rows [][]aulabot.Button
		for _, s := range open {
			rows = append(rows, []aulabot.Button{{Text: s.Title.In(c.Lang), Data: svData(svOpen, s.ID)}})
		}
		c.ReplyButtons(c.T("survey.pick"), rows)
		return nil
	})
}

// onSurvey handles a survey button.
func (h *Handlers) onSurvey(c *Ctx) error {
	b, err := pressed[svButton](c)
	if err != nil {
		return err
	}
	if b.Op == svResults {
		return with(h.surveyResults, coordinator)(svWithText(c, b.Survey))
	}
	s, err := h.surveyByID(b.Survey)
	if err != nil {
		return err
	}
	switch b.Op {
	case svStart:
		return with(func(c *Ctx) error { return h.confirmCampaign(c, s) }, coordinator)(c)
	case svConfirm:
		return with(func(c *Ctx) error { return h.startSurveyCampaign(c, s) }, coordinator)(c)
	case svCancel:
		c.showPage(true, c.T("survey.start_cancelled"), nil)
		return nil
	case svStatus:
		return with(func(c *Ctx) error { return h.campaignStatus(c, s, true) }, coordinator)(c)
	}
	return with(func(c *Ctx) error { return h.onSurveyStep(c, s, b.Op, b.Question, b.Value) }, onboarded)(c)
}

// surveyByID returns a loaded survey. Errors: ENOTFOUND survey.unknown.
func (h *Handlers) surveyByID(id string) (*survey.Survey, error) {
	if h.Survey.Set == nil {
		return nil, aulabot.Errorf(aulabot.ENOTFOUND, "survey.unknown")
	}
	return h.Survey.Set.Get(id)
}

// onSurveyStep applies one press on a question's buttons and shows what
// comes next, in one transaction with the answer.
func (h *Handlers) onSurveyStep(c *Ctx, s *survey.Survey, op, qid, val string) error {
	loc := h.surveyLoc(c.User.University)
	return c.Commit(func(tx Tx) error {
		if op != svOpen {
			if done, err := h.finished(c, tx, s); done || err != nil {
				return err
			}
		}
		switch op {
		case svOpen: // from an invitation, a reminder or the list: a new message, the invitation stays
			return h.showNext(c, tx, s, true)
		case svAnswer:
			a, err := svButtonAnswer(s, qid, val)
			if err != nil {
				return err
			}
			if _, err := tx.AnswerSurvey(s, c.User.ID, qid, a, loc); err != nil {
				return err
			}
			return h.showNext(c, tx, s, false)
		case svToggle:
			r, _, err := tx.SurveyResponse(s, c.User.ID)
			if err != nil {
				return err
			}
			a := survey.Answer{Choices: svToggleChoice(r.Answers[qid].Choices, val)}
			if _, err := tx.AnswerSurvey(s, c.User.ID, qid, a, loc); err != nil {
				return err
			}
			return h.renderQuestion(c, tx, s, s.Question(qid), false)
		case svNext:
			return h.showNext(c, tx, s, false)
		case svSkip:
			if _, err := tx.SkipSurveyQuestion(s, c.User.ID, qid, loc); err != nil {
				return err
			}
			return h.showNext(c, tx, s, false)
		case svBack:
			q, err := tx.SurveyPrevious(s, c.User.ID, qid)
			if err != nil {
				return err
			}
			if q == nil {
				return h.showNext(c, tx, s, false)
			}
			return h.renderQuestion(c, tx, s, q, false)
		}
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	})
}

// finished tells someone who pressed a button of a survey they have
// finished that their response is complete: a press twice, or a button
// left on an old message, never changes or adds a response.
func (h *Handlers) finished(c *Ctx, tx Tx, s *survey.Survey) (bool, error) {
	r, ok, err := tx.SurveyResponse(s, c.User.ID)
	if err != nil || !ok || r.Completed.IsZero() {
		return false, err
	}
	c.Alert(c.T("survey.already_done"))
	return true, nil
}

// svButtonAnswer reads a button's value for question qid: a number for a
// Likert or scale question, an option id otherwise. A question the survey
// does not have is left to the store to refuse.
func svButtonAnswer(s *survey.Survey, qid, val string) (survey.Answer, error) {
	q := s.Question(qid)
	if q == nil || !q.Numeric() {
		return survey.Answer{Choices: []string{val}}, nil
	}
	n, ok := svSmallInt(val)
	if !ok {
		return survey.Answer{}, aulabot.Errorf(aulabot.EINVALID, "survey.bad_answer")
	}
	return survey.Answer{Number: n}, nil
}

// svSmallInt parses a number of at most two digits.
func svSmallInt(s string) (int, bool) {
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

// svToggleChoice adds id to choices, or removes it if it is there.
func svToggleChoice(choices []string, id string) []string {
	out := make([]string, 0, len(choices)+1)
	found := false
	for _, c := range choices {
		if c == id {
			found = true
			continue
		}
		out = append(out, c)
	}
	if !found {
		out = append(out, id)
	}
	return out
}

// onSurveyText takes a text message as the answer to the open text
// question.
func (h *Handlers) onSurveyText(c *Ctx) error {
	s, err := h.surveyByID(c.State.Get("survey"))
	if err != nil {
		c.ClearState()
		return err
	}
	qid := c.State.Get("question")
	return c.Commit(func(tx Tx) error {
		if done, err := h.finished(c, tx, s); done || err != nil {
			c.ClearState()
			return err
		}
		if _, err := tx.AnswerSurvey(s, c.User.ID, qid, survey.Answer{Text: c.U.Text}, h.surveyLoc(c.User.University)); err != nil {
			if aulabot.ErrorCode(err) != aulabot.EINVALID {
				c.ClearState() // written by the commit after the error is shown
			}
			return err // nothing else written; a bad text leaves the question waiting
		}
		c.ClearState()
		return h.showNext(c, tx, s, true)
	})
}

// showNext shows the person's first unanswered question of s, or the
// thank-you when nothing is left; fresh sends a new message rather than
// editing the pressed one.
func (h *Handlers) showNext(c *Ctx, tx Tx, s *survey.Survey, fresh bool) error {
	if err := s.CanAnswer(c.User.University, c.User.Role, h.Now(), h.surveyLoc(c.User.University)); err != nil {
		return err
	}
	p, err := tx.SurveyProgress(s, c.User.ID)
	if err != nil {
		return err
	}
	if p.Done {
		c.ClearState()
		c.showPage(!fresh, c.T("survey.thanks", "title", s.Title.In(c.Lang)), nil)
		return nil
	}
	if fresh && p.Answered == 0 && s.Intro.In(c.Lang) != "" {
		c.Reply("<b>" + i18n.Escape(s.Title.In(c.Lang)) + "</b>\n" + i18n.Escape(s.Intro.In(c.Lang)))
	}
	return h.renderQuestion(c, tx, s, p.Next, fresh)
}

// surveyMenuButton is the main-menu button while a survey is open for the
// person and not finished by them ("" when none is). A menu built inside
// the update's write transaction does not open a read one (bbolt's rule):
// there the button shows for any survey open to the person's university
// and role, and /survey says if nothing is left to answer.
func (h *Handlers) surveyMenuButton(c *Ctx) string {
	var open []*survey.Survey
	var err error
	if c.inCommit.Load() {
		open, err = h.openSurveys(nil, c.User)
	} else {
		err = c.view(func(tx Tx) (err error) { open, err = h.openSurveys(tx, c.User); return err })
	}
	if err != nil {
		h.Log.Warn("open surveys for the menu", "user", c.User.ID, "err", err)
		return ""
	}
	if len(open) == 0 {
		return ""
	}
	return c.T("menu.survey")
}
