package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/service"
)

// Words typed, without Reply, while the team waits on the person's answer
// on a ticket (service.Helpdesk.Awaiting): the bot asks whether they go to
// the team (service.FlowAnswerTeam), with two buttons, before anything is
// sent or answered.

// answerTeamButton chooses for the words held: "tk:an:send" sends them to
// the team, "tk:an:ask" answers them as a question.
type answerTeamButton struct{ Send bool }

func (b answerTeamButton) Encode() string {
	if b.Send {
		return button.Join("tk:an", "send")
	}
	return button.Join("tk:an", "ask")
}

// awaitedAnswer holds a person's words when a ticket of theirs waits on
// their answer, and asks where they go; any other words go on to next (a
// question). Words with a file, heard from a voice note, or in a group
// are not held.
func (h *Handlers) awaitedAnswer(next Handler) Handler {
	return func(c *Ctx) error {
		if !c.Private() || c.U.File != nil || c.U.Heard || strings.TrimSpace(c.U.Text) == "" {
			return next(c)
		}
		var t aulabot.Ticket
		var waiting bool
		err := c.view(func(tx Tx) (err error) {
			t, waiting, err = h.svc.Helpdesk.Awaiting(tx, c.U.From.ID, h.Now())
			return err
		})
		if err != nil {
			return err
		}
		if !waiting {
			return next(c)
		}
		return h.holdAnswer(c, t.ID)
	}
}

// holdAnswer keeps the person's words for ticket id and asks where they go.
func (h *Handlers) holdAnswer(c *Ctx, id string) error {
	st, err := h.svc.Helpdesk.HoldAnswer(c.State, id, c.U.Text, c.U.MessageID)
	if err != nil {
		return err
	}
	c.SetState(st)
	d, _ := service.FlowAnswerTeam.Data(st)
	c.Send(aulabot.Message{ChatID: c.U.ChatID, ReplyTo: c.U.MessageID, Text: c.N("ticket.answer_where", d.Messages, "id", id),
		Inline: [][]aulabot.Button{
			{{Text: c.T("ticket.button_answer_send", "id", id), Data: answerTeamButton{Send: true}.Encode()}},
			{{Text: c.T("ticket.button_answer_ask"), Data: answerTeamButton{}.Encode()}},
		}})
	return nil
}

// onAnswerTeamText: more words while the choice waits join those held;
// words asking for a feature leave the flow for it (as a menu button
// does, in the router).
func (h *Handlers) onAnswerTeamText(c *Ctx) error {
	if hd := h.router.intent(c); hd != nil {
		c.ClearState()
		c.asked, c.U.Text = c.U.Text, ""
		return hd(c)
	}
	d, _ := service.FlowAnswerTeam.Data(c.State)
	if c.U.File != nil || strings.TrimSpace(c.U.Text) == "" {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.answer_pick", "id", d.Ticket)
	}
	return h.holdAnswer(c, d.Ticket)
}

// onAnswerTeam is the choice for the words held: sent to the team, as if
// the person had pressed Reply first, or answered as a question.
func (h *Handlers) onAnswerTeam(c *Ctx, send bool) error {
	d, ok := service.FlowAnswerTeam.Data(c.State)
	if !ok {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	c.ClearState()
	c.EditButtons(nil)
	c.U.Text, c.U.MessageID = d.Text, d.Source
	if send {
		return h.relayToTeam(c, d.Ticket)
	}
	c.Answer("")
	return with(h.ask, h.questionLimit)(c)
}
