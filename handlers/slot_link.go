package handlers

import (
	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// onSlotLinkText takes the meeting link the mentor typed or pasted after
// 🔗 Send the link, keeps it on the slot and sends it to whoever has a
// seat. A text that is not a link is refused and the flow waits for
// another (or /cancel); any other refusal ends it.
func (h *Handlers) onSlotLinkText(c *Ctx) error {
	id, err := service.FlowSlot(service.FlowSlotLink, c.State)
	if err != nil {
		c.ClearState()
		return err
	}
	err = c.Commit(func(tx Tx) error {
		res, err := h.svc.Mentoring.SendLink(tx, c.U.From.ID, id, c.U.Text, h.Now())
		if err != nil {
			return err
		}
		c.ClearState()
		if res.Told == 0 {
			c.Reply(c.T("slot.link_saved"))
		} else {
			c.Reply(c.N("slot.link_sent", res.Told))
		}
		return nil
	})
	if err != nil && aulabot.ErrorCode(err) != aulabot.EINVALID {
		c.ClearState()
	}
	return err
}

// onSlotMessageText takes what the mentor wrote (words, or a file with
// its caption) after 💬 Write to those booked and sends it to whoever has
// a seat (sendNote).
func (h *Handlers) onSlotMessageText(c *Ctx) error {
	id, err := service.FlowSlot(service.FlowSlotMessage, c.State)
	if err != nil {
		c.ClearState()
		return err
	}
	return h.sendNote(c, func(tx Tx, file *aulabot.CopyOf) (string, error) {
		res, err := h.svc.Mentoring.MessageBooked(tx, c.U.From.ID, id, c.U.Text, file, h.Now())
		return c.N("slot.message_sent", res.Told), err
	})
}
