package handlers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// reply is an answer to a question, prepared before the commit that
// records the question: the texts and the buttons, in which the
// question's id (known only inside the commit) is filled in by send.
type reply struct {
	parts []string // Telegram messages; the buttons go under the last
	rows  [][]kbButton
}

// kbButton is an inline button whose callback data is parts joined by
// ':', with qSlot standing for the question's id.
type kbButton struct {
	text  string
	parts []string
}

const qSlot = "\x00q"

// send queues the reply for the chat, with id as the question's id. A
// button whose data would not fit Telegram's 64 bytes is left out.
func (r reply) send(c *Ctx, id uint64) {
	for _, p := range r.parts[:len(r.parts)-1] {
		c.Reply(p)
	}
	var rows [][]aulabot.Button
	for _, row := range r.rows {
		var out []aulabot.Button
		for _, b := range row {
			parts := slices.Clone(b.parts)
			for i := range parts {
				if parts[i] == qSlot {
					parts[i] = qid(id)
				}
			}
			if d := data(parts...); d != "" {
				out = append(out, aulabot.Button{Text: b.text, Data: d})
			}
		}
		if len(out) > 0 {
			rows = append(rows, out)
		}
	}
	c.ReplyButtons(r.parts[len(r.parts)-1], rows)
}

func articleButton(a aulabot.KBArticle, question string) kbButton {
	return kbButton{text: "📄 " + a.Title, parts: []string{"kb", "a", question, a.ID}}
}

// feedbackRow is Helpful / Not helpful.
func feedbackRow(c *Ctx) []kbButton {
	return []kbButton{
		{text: c.T("button.helpful"), parts: []string{"kb", "h", qSlot, "1"}},
		{text: c.T("button.not_helpful"), parts: []string{"kb", "h", qSlot, "0"}},
	}
}

// articleReply shows an article (split to Telegram's size) with feedback
// buttons and up to two related articles the asker may see.
func (h *Handlers) articleReply(c *Ctx, a aulabot.KBArticle) reply {
	kb := c.kb()
	body := fmt.Sprintf("<b>%s</b>\n\n%s\n\n%s", i18n.Escape(a.Title), h.fillPlaces(c, a.HTML), c.T("kb.source", "title", a.Title))
	rows := [][]kbButton{feedbackRow(c)}
	for _, r := range kb.Related(a.ID, 2, c.query("")) {
		rows = append(rows, []kbButton{articleButton(r, "0")})
	}
	return reply{parts: kb.Split(body, aulabot.MaxMessageText), rows: rows}
}

// composedReply shows an LLM answer with its numbered sources.
func (h *Handlers) composedReply(c *Ctx, html string, shown, cited []aulabot.KBArticle) reply {
	var src []string
	for i, a := range shown {
		if slices.ContainsFunc(cited, func(x aulabot.KBArticle) bool { return x.ID == a.ID }) {
			src = append(src, fmt.Sprintf("[%d] %s", i+1, i18n.Escape(a.Title)))
		}
	}
	body := h.fillPlaces(c, html) + "\n\n" + c.T("kb.sources", "list", i18n.HTML(strings.Join(src, "\n")))
	rows := [][]kbButton{feedbackRow(c)}
	for _, a := range cited {
		rows = append(rows, []kbButton{articleButton(a, qSlot)})
	}
	return reply{parts: c.kb().Split(body, aulabot.MaxMessageText), rows: rows}
}

// suggestReply offers two or three articles ("Did you mean…").
func (h *Handlers) suggestReply(c *Ctx, arts []aulabot.KBArticle) reply {
	var rows [][]kbButton
	for _, a := range arts[:min(3, len(arts))] {
		rows = append(rows, []kbButton{articleButton(a, qSlot)})
	}
	rows = append(rows, []kbButton{{text: c.T("button.none_of_these"), parts: []string{"kb", "n", qSlot}}})
	return reply{parts: []string{c.T("kb.suggest")}, rows: rows}
}

// unknownReply says honestly that the base has no answer, and offers the
// next steps: the university's help desk contacts (when the base has them),
// a mentor or the technical team.
func (h *Handlers) unknownReply(c *Ctx, res aulabot.KBResult) reply {
	var rows [][]kbButton
	if res.HelpDesk != nil {
		rows = append(rows, []kbButton{articleButton(*res.HelpDesk, qSlot)})
	}
	for _, row := range nextSteps(c) {
		rows = append(rows, []kbButton{{text: row[0].Text, parts: []string{row[0].Data}}})
	}
	return reply{parts: []string{c.T("kb.unknown")}, rows: rows}
}

// outOfScopeReply answers a phrasing coordinators marked out of scope:
// politely, with the university's help desk contacts when the base has
// them.
func (h *Handlers) outOfScopeReply(c *Ctx, res aulabot.KBResult) reply {
	var rows [][]kbButton
	if res.HelpDesk != nil {
		rows = append(rows, []kbButton{articleButton(*res.HelpDesk, qSlot)})
	}
	return reply{parts: []string{c.T("kb.out_of_scope")}, rows: rows}
}

func nextSteps(c *Ctx) [][]aulabot.Button {
	return [][]aulabot.Button{
		{{Text: c.T("button.ask_mentor"), Data: "bk:new"}},
		{{Text: c.T("button.report_problem"), Data: "tk:new"}},
	}
}
