package handlers

import (
	"slices"
	"strconv"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/survey"
)

// renderQuestion shows question q of s with its buttons, the person's
// answer (if any) marked, the progress line, Back and Skip. A text
// question also waits for the next message.
func (h *Handlers) renderQuestion(c *Ctx, tx Tx, s *survey.Survey, q *survey.Question, fresh bool) error {
	r, _, err := tx.SurveyResponse(s, c.User.ID)
	if err != nil {
		return err
	}
	if r.Answers == nil {
		r.Answers = map[string]survey.Answer{}
	}
	role := c.User.Role
	if r.Role != "" {
		role = r.Role
	}
	pos, total := svPosition(s, role, &r, q.ID)
	a, answered := r.Valid(q)
	text := c.T("survey.progress", "title", s.Title.In(c.Lang), "n", pos, "total", total) + "\n\n<b>" + i18n.Escape(q.Text.In(c.Lang)) + "</b>"
	var rows [][]aulabot.Button
	mark := func(on bool, label string) string {
		if on {
			return "✅ " + label
		}
		return label
	}
	switch q.Type {
	case survey.Likert:
		labels := q.Labels
		if len(labels) != 5 {
			labels = survey.DefaultLabels
		}
		for i, l := range labels {
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
		text += "\n" + c.T("survey.scale_hint", "min", q.Min, "max", q.Max)
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
		text += "\n" + c.T("survey.multiple_hint")
		if answered {
			rows = append(rows, []aulabot.Button{{Text: c.T("survey.next"), Data: svData(svNext, s.ID, q.ID)}})
		}
	case survey.Text:
		text += "\n" + c.T("survey.text_hint", "max", survey.MaxText)
		if answered {
			text += "\n" + c.T("survey.your_answer", "answer", a.Text)
			rows = append(rows, []aulabot.Button{{Text: c.T("survey.keep"), Data: svData(svNext, s.ID, q.ID)}})
		}
		c.SetState(aulabot.State{Flow: flowSurvey}.With("survey", s.ID).With("question", q.ID))
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
	if q.Type != survey.Text && c.State.Flow == flowSurvey {
		c.ClearState()
	}
	c.showPage(!fresh, text, rows) // a press edits its message; /survey sends one
	return nil
}

// svPosition is question id's place among the questions shown to a person
// with role (1-based) and how many are shown, as r's answers stand.
func svPosition(s *survey.Survey, role string, r *survey.Response, id string) (int, int) {
	pos, total := 0, 0
	for _, q := range s.Questions {
		if !s.Shown(q, role, r) {
			continue
		}
		total++
		if q.ID == id {
			pos = total
		}
	}
	return pos, total
}
