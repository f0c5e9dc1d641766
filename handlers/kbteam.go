package handlers

import (
	"slices"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/service"
)

// teamFirst puts Report to the technical team first in r's buttons
// (kb:t:QID: the question becomes the ticket's description), in place of
// the generic Report a technical problem.
func teamFirst(c *Ctx, r reply) reply {
	rows := slices.DeleteFunc(slices.Clone(r.rows), func(row []kbButton) bool {
		return len(row) == 1 && row[0].data(0).Encode() == reportProblem(0).Encode()
	})
	r.rows = append([][]kbButton{{{text: c.T("button.report_team"), data: func(q uint64) button.Data { return kbTeamButton{q} }}}}, rows...)
	return r
}

// onReportTeam (kb:t:QID) starts a report from the asker's question: the
// categories, each of which creates the ticket with the question as its
// description (kb:c:QID:CATEGORY).
func (h *Handlers) onReportTeam(c *Ctx, id uint64) error {
	q, err := h.ownQuestion(c, id)
	if err != nil {
		return err
	}
	if q.Ticket != "" {
		return h.reportedAlready(c, q, false)
	}
	if err := h.openLimit(c); err != nil {
		return err
	}
	var rows [][]aulabot.Button
	for _, cat := range aulabot.Categories {
		rows = append(rows, []aulabot.Button{{Text: requesterCategory(c, cat), Data: kbCategoryButton{Q: id, Category: cat}.Encode()}})
	}
	c.ReplyButtons(c.T("kb.team_category"), rows)
	return nil
}

// onReportCategory (kb:c:QID:CATEGORY) creates the ticket, its description
// the question as the asker typed it, with the file the question came with
// (a screenshot's caption) attached.
func (h *Handlers) onReportCategory(c *Ctx, id uint64, cat string) error {
	if !aulabot.ValidCategory(cat) {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.err_category")
	}
	q, err := h.ownQuestion(c, id)
	if err != nil {
		return err
	}
	if q.Ticket != "" {
		return h.reportedAlready(c, q, true)
	}
	if err := h.openLimit(c); err != nil {
		return err
	}
	if err := aulabot.ValidTicketText(q.Text); err != nil {
		return err
	}
	files, err := h.questionFiles(c, q)
	if err != nil {
		return err
	}
	c.Answer(requesterCategory(c, cat))
	return h.createTicket(c, service.Report{Category: cat, Description: q.Text, Files: files, Question: id}, nil)
}

// reportedAlready answers a press of 🛠 Report to the technical team, or
// of a category under it, for question q, already a ticket: a second
// press (an old message, a double tap) made a second ticket of the same
// words (seen in the sandbox). It names the ticket, with its view, and
// takes the buttons off the category question pressed (category).
func (h *Handlers) reportedAlready(c *Ctx, q aulabot.Question, category bool) error {
	if category {
		c.EditButtons(nil)
	}
	c.Answer("")
	c.ReplyButtons(c.T("kb.team_reported", "id", q.Ticket),
		[][]aulabot.Button{{{Text: c.T("ticket.button_view_mine", "id", q.Ticket), Data: viewMineButton{q.Ticket}.Encode()}}})
	return nil
}

// openLimit refuses a report from someone with as many open tickets as
// the configuration allows (the helpdesk's rule for starting a report).
func (h *Handlers) openLimit(c *Ctx) error {
	return c.view(func(tx Tx) error {
		_, err := h.svc.Helpdesk.StartReport(tx, c.U.From.ID, "")
		return err
	})
}

// ownQuestion reads question id, which must be the asker's (the id comes
// from a button, that is from the client).
func (h *Handlers) ownQuestion(c *Ctx, id uint64) (aulabot.Question, error) {
	var q aulabot.Question
	err := c.view(func(tx Tx) (err error) {
		q, err = h.svc.Questions.Own(tx, id, c.U.From.ID)
		return err
	})
	return q, err
}
