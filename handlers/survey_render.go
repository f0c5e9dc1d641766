package handlers

import (
	"slices"
	"strconv"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/survey"
)

// renderSurvey shows a survey's page after a step: the thanks, a refusal
// of a press on a survey finished already, or the question (after the
// intro, on a fresh message to someone who has answered nothing yet).
// fresh sends a new message rather than editing the pressed one.
func (h *Handlers) renderSurvey(c *Ctx, s *survey.Survey, p service.SurveyPage, fresh bool) {
	switch {
	case p.Finished:
		c.Alert(c.T("survey.already_done"))
		return
	case p.Done:
		c.ClearState()
		// The results are promised only where the close will send them:
		// the built-in surveys have no close day, and the thanks said
		// "when the survey closes I'll tell you" all the same.
		text := c.T("survey.thanks", "title", s.Title.In(c.Lang))
		if p.Told {
			text += " " + c.T("survey.thanks_told", "day", h.day(c.Lang, c.User.University, s.Closes.Start(h.Config.Loc(c.User.University))))
		}
		c.showLivePage(pageSurvey, !fresh, text, nil) // the question before loses its buttons
		return
	}
	if fresh && p.First && s.Intro.In(c.Lang) != "" {
		c.Reply("<b>" + i18n.Escape(s.Title.In(c.Lang)) + "</b>\n" + i18n.Escape(s.Intro.In(c.Lang)))
	}
	h.renderQuestion(c, s, p, fresh)
}

// renderQuestion shows page p's question of s with its buttons, the
// person's answer (if any) marked, the progress line, Back and Skip. A
// text question also waits for the next message.
func (h *Handlers) renderQuestion(c *Ctx, s *survey.Survey, p service.SurveyPage, fresh bool) {
	q, a, answered, pos := p.Question, p.Answer, p.Answered, p.Pos
	c.offerChoices(nil) // answers typed are the survey's own to read (surveyTyped)
	text := c.T("survey.progress", "title", s.Title.In(c.Lang), "n", pos, "total", p.Total) + "\n\n<b>" + i18n.Escape(q.Text.In(c.Lang)) + "</b>"
	var rows [][]aulabot.Button
	mark := func(on bool, label string) string {
		if on {
			return "✅ " + label
		}
		return label
	}
	switch q.Type {
	case survey.Likert:
		for i, l := range q.LikertLabels() {
			n := i + 1
			rows = append(rows, []aulabot.Button{{Text: mark(answered && a.Number == n, strconv.Itoa(n)+" · "+l.In(c.Lang)), Data: svData(svAnswer, s.ID, q.ID, strconv.Itoa(n))}})
		}
	case survey.Scale:
		var row []aulabot.Button
		for n := q.Min; n <= q.Max; n++ {
			row = append(row, aulabot.Button{Text: mark(answered && a.Number == n, strconv.Itoa(n)), Data: svData(svAnswer, s.ID, q.ID, strconv.Itoa(n))})
			if len(row) == 6 {
				rows, row = append(rows, row), nil
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
		if len(q.Labels) == 2 {
			text += "\n" + c.T("survey.scale_ends", "min", q.Min, "low", q.Labels[0].In(c.Lang), "max", q.Max, "high", q.Labels[1].In(c.Lang))
		} else {
			text += "\n" + c.T("survey.scale_hint", "min", q.Min, "max", q.Max)
		}
	case survey.Single:
		for _, o := range q.Options {
			rows = append(rows, []aulabot.Button{{Text: mark(answered && slices.Contains(a.Choices, o.ID), o.Text.In(c.Lang)), Data: svData(svAnswer, s.ID, q.ID, o.ID)}})
		}
	case survey.Multiple:
		for _, o := range q.Options {
			box := "☐ "
			if answered && slices.Contains(a.Choices, o.ID) {
				box = "☑️ "
			}
			rows = append(rows, []aulabot.Button{{Text: box + o.Text.In(c.Lang), Data: svData(svToggle, s.ID, q.ID, o.ID)}})
		}
		if answered {
			text += "\n" + c.T("survey.multiple_hint")
			rows = append(rows, []aulabot.Button{{Text: c.T("survey.next"), Data: svData(svNext, s.ID, q.ID)}})
		} else {
			text += "\n" + c.T("survey.multiple_hint_first") // no Next to tap yet
		}
	case survey.Text:
		text += "\n" + c.T("survey.text_hint", "max", survey.MaxText)
		if answered {
			text += "\n" + c.T("survey.your_answer", "answer", a.Text)
			rows = append(rows, []aulabot.Button{{Text: c.T("survey.keep"), Data: svData(svNext, s.ID, q.ID)}})
		}
		c.SetState(p.State(s))
	}
	var nav []aulabot.Button
	if pos > 1 {
		nav = append(nav, aulabot.Button{Text: c.T("survey.back"), Data: svData(svBack, s.ID, q.ID)})
	}
	if q.Optional {
		nav = append(nav, aulabot.Button{Text: c.T("survey.skip"), Data: svData(svSkip, s.ID, q.ID)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	if q.Type != survey.Text && service.FlowSurvey.In(c.State) {
		c.ClearState()
	}
	c.showLivePage(pageSurvey, !fresh, text, rows) // a press edits its message; /survey or a typed answer sends one
}

// pageSurvey is the live page of a survey's question: one per person,
// whichever survey.
const pageSurvey = "survey"
