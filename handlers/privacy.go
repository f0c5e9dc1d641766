package handlers

import (
	"github.com/aulabot/aulabot"
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
			text = c.T("privacy.text_llm", "sent", HTML(c.T(sent, "server", server)))
		}
	}
	c.Reply(text)
	return nil
}

// deleteMyData asks for confirmation before deleting.
func (h *Handlers) deleteMyData(c *Ctx) error {
	c.ReplyButtons(c.T("delete.confirm"), [][]aulabot.Button{{
		{Text: c.T("button.delete_yes"), Data: "del:yes"},
		{Text: c.T("button.cancel"), Data: "del:no"},
	}})
	return nil
}

// Eraser is one domain's part of /deletemydata in the handlers: what the
// bot showed of the person in other chats (team posts, relays) is edited
// away, in the deletion's transaction, before the store removes their
// records. A domain adds its eraser in its route function
// (r.erasers = append(r.erasers, h.eraseX)).
type Eraser func(tx Tx, user int64) error

// onDelete removes the user's personal data (anonymous counts stay): each
// domain's eraser, then the store's part (Tx.DeleteUserData: the user,
// their states, bookings, tickets, questions, every ref naming their chat
// and every message still waiting for it), then the confirmation.
func (h *Handlers) onDelete(c *Ctx) error {
	switch c.U.Callback.Data {
	case "del:no":
		c.Answer(c.T("cancel.done"))
		c.Reply(c.T("delete.kept"))
		return nil
	case "del:yes":
	default:
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	c.newState = nil // the state goes with the data
	return c.Commit(func(tx Tx) error {
		for _, erase := range h.router.erasers {
			if err := erase(tx, c.U.From.ID); err != nil {
				return err
			}
		}
		if err := tx.DeleteUserData(c.U.From.ID); err != nil {
			return err
		}
		c.Answer(c.T("delete.done_short"))
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("delete.done"), RemoveKeyboard: true})
		return nil
	})
}
