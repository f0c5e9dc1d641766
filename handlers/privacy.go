package handlers

import (
	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// privacy says what is stored and how to delete it and, with an LLM,
// which server questions (and voice notes, if it hears them) are sent to.
func (h *Handlers) privacy(c *Ctx) error {
	who := i18n.HTML(c.T("privacy.who"))
	text := c.T("privacy.text", "who", who)
	if kb := c.kb(); kb != nil {
		if server, embeddings := kb.Remote(); server != "" {
			sent := "privacy.sent_model"
			if embeddings {
				sent = "privacy.sent_model_embeddings"
			}
			voice := ""
			if h.Voice != nil {
				voice = c.T("privacy.voice")
			}
			text = c.T("privacy.text_llm", "who", who, "sent", i18n.HTML(c.T(sent, "server", server)), "voice", i18n.HTML(voice))
		}
	}
	c.ReplyButtons(text, [][]aulabot.Button{{{Text: c.T("privacy.button_delete"), Data: deleteButton{Ask: true}.Encode()}}})
	return nil
}

// deleteMyData asks for confirmation before deleting. A mentor with
// upcoming sessions people booked is told that those stay, without the
// mentor's name (the programme's sessions), and how to call them off
// first; a member of staff holding tickets, that those go back to the
// rest of the team.
func (h *Handlers) deleteMyData(c *Ctx) error {
	text := c.T("delete.confirm")
	staff := len(c.Roles.Tech) > 0 || len(c.Roles.Coordinator) > 0 || c.Roles.Admin
	if len(c.Roles.Mentor) > 0 || staff {
		booked, held := 0, 0
		err := c.view(func(tx Tx) (err error) {
			if staff {
				held = h.svc.Helpdesk.Held(tx, c.U.From.ID)
			}
			if len(c.Roles.Mentor) > 0 {
				booked, err = h.svc.Mentoring.BookedAhead(tx, c.U.From.ID, h.Now())
			}
			return err
		})
		if err != nil {
			return err
		}
		if booked > 0 {
			text += "\n\n" + c.N("delete.confirm_slots", booked)
		}
		if held > 0 {
			text += "\n\n" + c.N("delete.confirm_tickets", held)
		}
	}
	yes := aulabot.Button{Text: c.T("button.delete_yes"), Data: deleteButton{Confirm: true}.Encode()}
	c.offerYes(&yes) // a "sí" typed below it deletes nothing: it is pointed to the button
	c.ReplyButtons(text, [][]aulabot.Button{{yes, {Text: c.T("button.cancel"), Data: deleteButton{Confirm: false}.Encode()}}})
	return nil
}

// onDelete removes the user's personal data (anonymous counts stay) with
// the onboarding service's DeleteMyData, then confirms.
func (h *Handlers) onDelete(c *Ctx) error {
	b, err := pressed[deleteButton](c)
	if err != nil {
		return err
	}
	if b.Ask {
		c.Answer("")
		return h.deleteMyData(c)
	}
	if !b.Confirm {
		c.offerYes(nil)
		c.Answer(c.T("cancel.done"))
		c.EditButtons(nil)
		c.Reply(c.T("delete.kept"))
		return nil
	}
	c.newState = nil // the state goes with the data
	c.forgetOffers() // and what the person was just asked, kept in memory
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Onboarding.DeleteMyData(tx, c.U.From.ID); err != nil {
			return err
		}
		c.Answer(c.T("delete.done_short"))
		c.EditButtons(nil)
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("delete.done"), RemoveKeyboard: true})
		return nil
	})
}
