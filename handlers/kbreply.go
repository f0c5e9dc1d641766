package handlers

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
)

// reply is an answer to a question, prepared before the commit that
// records the question: the texts and the buttons, in which the
// question's id (known only inside the commit) is filled in by send.
type reply struct {
	parts []string // Telegram messages; the buttons go under the last
	rows  [][]kbButton
}

// kbButton is an inline button whose data is made with the question's id
// (known only inside the commit that records the question).
type kbButton struct {
	text string
	data func(question uint64) button.Data
}

// sum is a fingerprint of r as the asker reads it: its messages and its
// buttons' labels (Question.AnswerSum); never 0.
func (r reply) sum() uint64 {
	h := fnv.New64a()
	for _, p := range r.parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	for _, row := range r.rows {
		for _, b := range row {
			h.Write([]byte(b.text))
			h.Write([]byte{1})
		}
	}
	return max(h.Sum64(), 1)
}

// send queues the reply for the chat, with id as the question's id.
func (r reply) send(c *Ctx, id uint64) { r.sendTo(c, id, 0) }

// sendTo is send with the reply's first message a reply to message
// replyTo of the chat (0: none).
func (r reply) sendTo(c *Ctx, id uint64, replyTo int) {
	for _, p := range r.parts[:len(r.parts)-1] {
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: p, ReplyTo: replyTo})
		replyTo = 0
	}
	var rows [][]aulabot.Button
	for _, row := range r.rows {
		var out []aulabot.Button
		for _, b := range row {
			out = append(out, aulabot.Button{Text: b.text, Data: b.data(id).Encode()})
		}
		if len(out) > 0 {
			rows = append(rows, out)
		}
	}
	c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: r.parts[len(r.parts)-1], Inline: rows, ReplyTo: replyTo})
}

// articleRow opens article a; on question (the reply's question when
// onQuestion, else none: a related article). An article whose id does not
// fit in a button gets none.
func articleRow(a aulabot.KBArticle, onQuestion bool) [][]kbButton {
	if !articleFits(a.ID) {
		return nil
	}
	return [][]kbButton{{{text: "📄 " + a.Title, data: func(q uint64) button.Data {
		if !onQuestion {
			q = 0
		}
		return kbArticleButton{Q: q, Article: a.ID}
	}}}}
}

// feedbackRow is Helpful / Not helpful.
func feedbackRow(c *Ctx) []kbButton {
	return []kbButton{
		{text: c.T("button.helpful"), data: func(q uint64) button.Data { return kbFeedbackButton{Q: q, Helpful: true} }},
		{text: c.T("button.not_helpful"), data: func(q uint64) button.Data { return kbFeedbackButton{Q: q} }},
	}
}

// articleReply shows an article (split to Telegram's size) with feedback
// buttons and up to two related articles the asker may see.
func (h *Handlers) articleReply(c *Ctx, a aulabot.KBArticle) reply {
	kb := c.kb()
	body := fmt.Sprintf("<b>%s</b>\n\n%s\n\n%s", i18n.Escape(a.Title), h.fillPlaces(c, a.HTML), c.T("kb.source", "title", a.Title))
	rows := [][]kbButton{feedbackRow(c)}
	for _, r := range kb.Related(a.ID, 2, c.query("")) {
		rows = append(rows, articleRow(r, false)...)
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
		rows = append(rows, articleRow(a, true)...)
	}
	return reply{parts: c.kb().Split(body, aulabot.MaxMessageText), rows: rows}
}

// suggestReply offers two or three articles ("Did you mean…").
func (h *Handlers) suggestReply(c *Ctx, arts []aulabot.KBArticle) reply {
	var rows [][]kbButton
	for _, a := range arts[:min(3, len(arts))] {
		rows = append(rows, articleRow(a, true)...)
	}
	rows = append(rows, []kbButton{{text: c.T("button.none_of_these"), data: func(q uint64) button.Data { return kbNoneButton{q} }}})
	return reply{parts: []string{c.T("kb.suggest")}, rows: rows}
}

// unknownReply says honestly that the base has no answer, and offers the
// next steps: the university's help desk contacts (when the base has them),
// a mentor or the technical team.
func (h *Handlers) unknownReply(c *Ctx, res aulabot.KBResult) reply {
	var rows [][]kbButton
	if res.HelpDesk != nil {
		rows = append(rows, articleRow(*res.HelpDesk, true)...)
	}
	// Ask a mentor carries the question into the booking (bk:q:ID).
	rows = append(rows, []kbButton{{text: c.T("button.ask_mentor"), data: askMentor}},
		[]kbButton{{text: c.T("button.report_problem"), data: reportProblem}})
	return reply{parts: []string{unknownText(c)}, rows: rows}
}

// unknownText is the honest "I don't know that yet": for a coordinator or
// an admin, that the question is among those /gaps lists, where they
// curate it; for anyone else, that the coordination will review it (a
// coordinator was told their question was saved "for the coordination to
// review", seen in the sandbox), and for a technician or a mentor, their
// own commands too.
func unknownText(c *Ctx) string {
	if c.Roles.Admin || len(c.Roles.Coordinator) > 0 {
		return c.T("kb.unknown_curator")
	}
	var own []string // a technician's or a mentor's own commands, which they may have meant
	if len(c.Roles.Tech) > 0 {
		own = append(own, "/queue")
	}
	if len(c.Roles.Mentor) > 0 {
		own = append(own, "/slots", "/today")
	}
	if len(own) > 0 {
		// A technician's "¿qué tickets están vencidos?" got the teachers'
		// words alone (seen in the sandbox).
		return c.T("kb.unknown_staff", "commands", strings.Join(own, ", "))
	}
	return c.T("kb.unknown")
}

// outOfScopeReply answers a phrasing coordinators marked out of scope:
// politely, with the university's help desk contacts when the base has
// them.
func (h *Handlers) outOfScopeReply(c *Ctx, res aulabot.KBResult) reply {
	var rows [][]kbButton
	if res.HelpDesk != nil {
		rows = append(rows, articleRow(*res.HelpDesk, true)...)
	}
	return reply{parts: []string{c.T("kb.out_of_scope")}, rows: rows}
}

// nextSteps are Ask a mentor, which carries question (0: none) into the
// booking as its topic, and Report a problem, which carries it into the
// report as its first words.
func nextSteps(c *Ctx, question uint64) [][]aulabot.Button {
	return [][]aulabot.Button{
		{{Text: c.T("button.ask_mentor"), Data: askMentor(question).Encode()}},
		{{Text: c.T("button.report_problem"), Data: reportProblem(question).Encode()}},
	}
}
