package handlers

import (
	"github.com/aulabot/aulabot"
)

// privacy says what is stored and how to delete it.
func (h *Handlers) privacy(c *Ctx) error {
	c.Reply(c.T("privacy.text"))
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
		if err := h.svc.Onboarding.DeleteMyData(tx, c.U.From.ID); err != nil {
			return err
		}
		c.Answer(c.T("delete.done_short"))
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("delete.done"), RemoveKeyboard: true})
		return nil
	})
}
