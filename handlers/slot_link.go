package handlers

import (
	"strings"
	"unicode"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// onSlotLinkText takes the meeting link the mentor typed or pasted after
// 🔗 Send the link, keeps it on the slot and sends it to whoever has a
// seat. A text that is not a link is refused and the flow waits for
// another (or /cancel); any other refusal ends it. A link pasted without
// the button waits for its yes (askSendLink): another link then replaces
// it, and other words are not about it: the flow ends and they are read
// as any message.
func (h *Handlers) onSlotLinkText(c *Ctx) error {
	id, err := service.FlowSlot(service.FlowSlotLink, c.State)
	if err != nil {
		c.ClearState()
		return err
	}
	if c.State.Step == service.SlotLinkConfirm {
		if done, err := h.atConfirm(c, linkYes(c, id), linkNo(c, id)); done || err != nil {
			return err
		}
		if !oneLink(c) {
			c.ClearState()
			return ErrNotMine
		}
		return h.askSendLink(c, id)
	}
	return h.sendLink(c, id, c.U.Text)
}

// sendLink keeps link on slot id and sends it to whoever has a seat,
// saying so on the message pressed (Yes, send it) or below.
func (h *Handlers) sendLink(c *Ctx, id uint64, link string) error {
	return sendPlanned(c, func(tx Tx) (string, error) {
		res, err := h.svc.Mentoring.SendLink(tx, c.U.From.ID, id, link, h.Now())
		if res.Told == 0 {
			return c.T("slot.link_saved"), err
		}
		return c.N("slot.link_sent", res.Told), err
	})
}

// oneLink reports whether the update is a web address alone, typed or
// pasted ("meet.google.com/abc-defg-hij" too, as a link's step reads it).
func oneLink(c *Ctx) bool {
	text := strings.TrimSpace(c.U.Text)
	return c.U.File == nil && text != "" && !strings.ContainsFunc(text, unicode.IsSpace) && aulabot.ValidSlotLink(aulabot.TypedLink(text))
}

// pastedLink answers a web address pasted alone under a session's buttons
// that offer 🔗 Send the link (its panel, the hour's reminder to its
// mentor) as that button's press with the link: it asks whether to send
// it (askSendLink). Until 6 December it got "I got a link, but I don't
// know what you need with it" (seen in the sandbox). False when no such
// button is offered.
func (h *Handlers) pastedLink(c *Ctx) (bool, error) {
	b, ok := offeredKind[sendLinkButton](c)
	if !ok || !oneLink(c) {
		return false, nil
	}
	return true, h.askSendLink(c, b.Slot)
}

// askSendLink shows the link pasted for slot id, the session and how many
// people will get it, with Yes, send it and No: nothing is kept or sent
// before the mentor has seen which session it goes to
// (service.PlanLink).
func (h *Handlers) askSendLink(c *Ctx, id uint64) error {
	p, err := planned(c, func(tx Tx) (aulabot.State, service.LinkPlan, error) {
		return h.svc.Mentoring.PlanLink(tx, c.U.From.ID, id, c.U.Text, h.Now())
	})
	if err != nil {
		return err
	}
	c.ReplyButtons(c.N("slot.link_confirm", p.Told, "slot", i18n.HTML(h.slotLine(c.Lang, p.Slot)), "link", p.Link),
		[][]aulabot.Button{{linkYes(c, id)}, {linkNo(c, id)}})
	return nil
}

// askMessageBooked shows text, the message to those booked in slot id
// typed with the words that asked for it, the session and how many will
// get it, with Yes, send it and No: nothing is sent before the mentor has
// seen the session and the words read (service.PlanMessage). Other words
// typed then replace it (onSlotMessageText).
func (h *Handlers) askMessageBooked(c *Ctx, id uint64, text string) error {
	p, err := planned(c, func(tx Tx) (aulabot.State, service.MessagePlan, error) {
		return h.svc.Mentoring.PlanMessage(tx, c.U.From.ID, id, text, h.Now())
	})
	if err != nil {
		return err
	}
	c.ReplyButtons(c.N("slot.message_confirm", p.Told, "slot", i18n.HTML(h.slotLine(c.Lang, p.Slot)), "text", p.Text),
		[][]aulabot.Button{{messageYes(c, id)}, {messageNo(c, id)}})
	return nil
}

// messageYes and messageNo are the buttons that send the message read
// for slot id, and that do not.
func messageYes(c *Ctx, id uint64) aulabot.Button {
	return aulabot.Button{Text: c.T("slot.button_message_ok"), Data: messageOKButton{id}.Encode()}
}

func messageNo(c *Ctx, id uint64) aulabot.Button {
	return aulabot.Button{Text: c.T("slot.button_no"), Data: messageNoButton{id}.Encode()}
}

// linkYes and linkNo are the buttons that send the link pasted for slot
// id, and that do not.
func linkYes(c *Ctx, id uint64) aulabot.Button {
	return aulabot.Button{Text: c.T("slot.button_link_ok"), Data: sendLinkOKButton{id}.Encode()}
}

func linkNo(c *Ctx, id uint64) aulabot.Button {
	return aulabot.Button{Text: c.T("slot.button_no"), Data: keepLinkButton{id}.Encode()}
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
	if c.State.Step == service.SlotMessageConfirm {
		// The message read from the words that asked for it waits for its
		// yes: other words replace it; a file is read as any message.
		if done, err := h.atConfirm(c, messageYes(c, id), messageNo(c, id)); done || err != nil {
			return err
		}
		if c.U.File != nil {
			c.ClearState()
			return ErrNotMine
		}
		return h.askMessageBooked(c, id, c.U.Text)
	}
	return h.sendNote(c, func(tx Tx, file *aulabot.CopyOf) (string, error) {
		res, err := h.svc.Mentoring.MessageBooked(tx, c.U.From.ID, id, c.U.Text, file, h.Now())
		return c.N("slot.message_sent", res.Told), err
	})
}
