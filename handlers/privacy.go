package handlers

import (
	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// privacy says what is stored and how to delete it and, with an LLM,
// which server questions are sent to.
func (h *Handlers) privacy(c *Ctx) error {
	text := c.T("privacy.text")
	if kb := c.kb(); kb != nil {
		if server, embeddings := kb.Remote(); server != "" {
			sent := "privacy.sent_model"
			if embeddings {
				sent = "privacy.sent_model_embeddings"
			}
			text = c.T("privacy.text_llm", "sent", i18n.HTML(c.T(sent, "server", server)))
		}
	}
	c.Reply(text)
	return nil
}

// deleteMyData asks for confirmation before deleting.
func (h *Handlers) deleteMyData(c *Ctx) error {
	c.ReplyButtons(c.T("delete.confirm"), [][]aulabot.Button{{
		{Text: c.T("button.delete_yes"), Data: deleteButton{Confirm: true}.Encode()},
		{Text: c.T("button.cancel"), Data: deleteButton{Confirm: false}.Encode()},
	}})
	return nil
}

// Eraser is one domain's part of /deletemydata kept in the handlers: what
// the bot showed of the person in other chats (team posts, relays) is
// edited away, in the deletion's transaction, before the onboarding
// service deletes their data. A domain adds its eraser in its route
// function (r.erasers = append(r.erasers, h.eraseX)).
//
// TEMPORARY (issue 13, phase B): only the helpdesk's is left; it becomes
// the helpdesk service's, wired into service.Onboarding.Erasers by
// service.New, and then Eraser and the router's erasers go.
type Eraser func(tx Tx, user int64) error

// onDelete removes the user's personal data (anonymous counts stay) with
// the onboarding service's DeleteMyData, then confirms.
func (h *Handlers) onDelete(c *Ctx) error {
	b, err := pressed[deleteButton](c)
	if err != nil {
		return err
	}
	if !b.Confirm {
		c.Answer(c.T("cancel.done"))
		c.Reply(c.T("delete.kept"))
		return nil
	}
	c.newState = nil // the state goes with the data
	return c.Commit(func(tx Tx) error {
		for _, erase := range h.router.erasers { // TEMPORARY: see Eraser
			if err := erase(tx, c.U.From.ID); err != nil {
				return err
			}
		}
		if err := h.svc.Onboarding.DeleteMyData(tx, c.U.From.ID); err != nil {
			return err
		}
		c.Answer(c.T("delete.done_short"))
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("delete.done"), RemoveKeyboard: true})
		return nil
	})
}
