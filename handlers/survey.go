package handlers

import (
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
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

// surveyTx is what the survey handlers need of a transaction besides the
// service's: the reports' surveys area reads results in their
// transaction.
type surveyTx interface {
	survey.Source
}

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
	svAskEnd  = "z" // ask to close the campaigns now (coordinators)
	svEnd     = "Z" // close them
)

func (h *Handlers) routeSurveys(r *router) {
	r.commands["survey"] = with(h.survey, private)
	r.callbacks[surveyButton] = with(h.onSurvey, private)
	r.flows[service.FlowSurvey.Name] = with(h.onSurveyText, private, onboarded)
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

// openSurveys are the surveys open now for the person and not finished
// by them (with a nil tx: not looked up).
func (h *Handlers) openSurveys(tx Tx, u aulabot.User) ([]*survey.Survey, error) {
	if h.Survey.Set == nil {
		return nil, nil
	}
	var atx service.SurveysAnswerTx
	if tx != nil {
		atx = tx
	}
	return h.svc.Surveys.OpenTo(atx, h.Survey.Set.All(), u, h.Now())
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
			page, err := h.svc.Surveys.Open(tx, open[0], c.User, h.Now())
			if err != nil {
				return err
			}
			h.renderSurvey(c, open[0], page, true)
			return nil
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
	case svAskEnd:
		return with(func(c *Ctx) error { return h.confirmClose(c, s) }, coordinator)(c)
	case svEnd:
		return with(func(c *Ctx) error { return h.closeCampaigns(c, s) }, coordinator)(c)
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
	sv, u, now := h.svc.Surveys, c.User, h.Now()
	return c.Commit(func(tx Tx) error {
		var page service.SurveyPage
		var err error
		switch op {
		case svOpen: // from an invitation, a reminder or the list: a new message, the invitation stays
			page, err = sv.Open(tx, s, u, now)
		case svAnswer:
			page, err = sv.Answer(tx, s, u, qid, val, now)
		case svToggle:
			page, err = sv.Toggle(tx, s, u, qid, val, now)
		case svNext:
			page, err = sv.Next(tx, s, u, now)
		case svSkip:
			page, err = sv.Skip(tx, s, u, qid, now)
		case svBack:
			page, err = sv.Back(tx, s, u, qid, now)
		default:
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		if err != nil {
			return err
		}
		h.renderSurvey(c, s, page, op == svOpen)
		return nil
	})
}

// onSurveyText takes a text message as the answer to the open text
// question (service.FlowSurvey).
func (h *Handlers) onSurveyText(c *Ctx) error {
	d, _ := service.FlowSurvey.Data(c.State)
	s, err := h.surveyByID(d.Survey)
	if err != nil {
		c.ClearState()
		return err
	}
	return c.Commit(func(tx Tx) error {
		page, err := h.svc.Surveys.AnswerText(tx, s, c.User, d.Question, c.U.Text, h.Now())
		if err != nil {
			if aulabot.ErrorCode(err) != aulabot.EINVALID {
				c.ClearState() // written by the commit after the error is shown
			}
			return err // nothing else written; a bad text leaves the question waiting
		}
		c.ClearState()
		h.renderSurvey(c, s, page, true)
		return nil
	})
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

// surveyTyped takes a message typed alone as the answer to the question
// that a survey of the person's waits on, shown within FlowIdle (the
// person's live survey page, recentPage: its first question too, since a
// later stop of 6 December, when "4" typed under it rated a training
// instead), when it can only be that: a number in the range of a Likert
// or scale question ("4", "8"), a Likert point's label ("de acuerdo"), or
// an option's words at a single-choice question ("celular" for 📱
// Celular, survey.Question.TypedOption). Its buttons are the way, and
// such a message is no question for the knowledge base.
// False, with nothing written, when no such question waits, when two
// surveys' do, or when text answers none; the message is then read as
// any other. Only a number of one or two digits or the words of some
// survey's option look (a read). words are text as aulabot.TypedWords
// reads it.
func (h *Handlers) surveyTyped(c *Ctx, text, words string) (bool, error) {
	n, err := strconv.Atoi(text)
	number := err == nil && len(text) <= 2
	if !number && (h.Survey.Set == nil || !h.Survey.Set.MayBeOption(words)) {
		return false, nil
	}
	var waiting *survey.Survey
	var qid, value string
	err = c.view(func(tx Tx) error {
		if recent, err := c.recentPage(tx, pageSurvey); err != nil || !recent {
			return err // no question shown lately: the words are not an answer
		}
		open, err := h.openSurveys(tx, c.User)
		if err != nil {
			return err
		}
		for _, s := range open {
			p, err := h.svc.Surveys.Open(tx, s, c.User, h.Now())
			if err != nil || p.Done || p.Finished || p.Question == nil {
				continue // one that cannot be answered now is not waiting
			}
			v, ok := typedAnswer(p.Question, text, n, number)
			if !ok {
				continue
			}
			if waiting != nil {
				waiting = nil // two wait: which one is not for the bot to guess
				break
			}
			waiting, qid, value = s, p.Question.ID, v
		}
		return nil
	})
	if err != nil || waiting == nil {
		return false, err
	}
	return true, c.Commit(func(tx Tx) error {
		page, err := h.svc.Surveys.Answer(tx, waiting, c.User, qid, value, h.Now())
		if err != nil {
			return err
		}
		h.renderSurvey(c, waiting, page, true)
		return nil
	})
}

// typedAnswer is the answer text gives to question q, if it can only be
// one (surveyTyped): n, if text is that number and in q's range, or the
// id of the option whose words text is.
func typedAnswer(q *survey.Question, text string, n int, number bool) (string, bool) {
	if q.Numeric() && number {
		lo, hi := q.Range()
		return strconv.Itoa(n), n >= lo && n <= hi
	}
	return q.TypedOption(text) // an option's words, or a Likert point's ("de acuerdo")
}
