package handlers

import (
	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// A ticket as a team member sees it from /queue (service.Helpdesk.View):
// privately, with Answer, whose next message goes to the requester; in
// the team group, as a reply to the ticket's post, so a tap on the quote
// goes to it.

// viewTicket sends ticket id's view: its post's lines and as many of its
// last messages as fit one message, with its buttons.
func (h *Handlers) viewTicket(c *Ctx, id string) error {
	var v service.TicketView
	err := c.view(func(tx Tx) (err error) { v, err = h.svc.Helpdesk.View(tx, actor(c), id); return err })
	if err != nil {
		return err
	}
	lang := c.Lang
	m := aulabot.Message{ChatID: c.U.ChatID}
	if c.Team != nil {
		// The group reads the configuration's language, as the post.
		lang, m.ReplyToRef = h.Config.Language, service.PostRef(v.Ticket.ID)
	}
	m.Inline = h.svc.Helpdesk.ViewButtons(lang, v, c.Private())
	for shown := len(v.Last); ; shown-- {
		m.Text = h.svc.Helpdesk.ViewText(lang, v, shown)
		if Fits(m) == nil || shown == 0 {
			break
		}
	}
	c.Answer("")
	c.Send(m)
	return nil
}

// onTeamAnswerButton is Answer on a ticket's view: the member's next
// message goes to the requester.
func (h *Handlers) onTeamAnswerButton(c *Ctx, id string) error {
	return c.Commit(func(tx Tx) error {
		t, st, err := h.svc.Helpdesk.AskTeamReply(tx, actor(c), id)
		if err != nil {
			return err
		}
		c.SetState(st)
		c.Answer(t.ID)
		c.Reply(c.T("ticket.team_answer_prompt", "id", t.ID, "name", service.ShortName(aulabot.CleanText(t.RequesterName))))
		return nil
	})
}

// onTeamReplyText is a team member's message after Answer: it goes to the
// requester as /reply would send it, and the flow is over, but for an
// album, whose other parts follow it.
func (h *Handlers) onTeamReplyText(c *Ctx) error {
	if hd, ok := h.menuTapped(c); ok {
		return hd(c)
	}
	d, _ := service.FlowTeamReply.Data(c.State)
	if d.Album != "" && c.U.Album != d.Album {
		c.ClearState() // the album is over: this message is one of its own
		return h.route(c)
	}
	if c.U.Album != "" {
		c.SetState(service.FlowTeamReply.At(service.TicketText, service.OnTicket{Ticket: d.Ticket, Album: c.U.Album}))
	} else {
		c.ClearState()
	}
	return h.teamRelay(c, d.Ticket, c.U.Text, d.Album != "")
}
