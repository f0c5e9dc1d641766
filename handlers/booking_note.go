package handlers

import (
	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// A person holding a seat writes to the session's mentor (✉️), and the
// mentor answers that person (↩️): one message each way per press
// (service/mentoring_note.go).

// askWriteMentor asks for the person's message to the mentor of booking id.
func (h *Handlers) askWriteMentor(c *Ctx, id uint64) error {
	if d, ok := service.FlowToldNote.Data(c.State); ok && d.Text != "" {
		// The words told in the request, the booking picked: held for its
		// mentor, shown, to confirm (they were asked for again).
		c.ClearState()
		c.Answer("")
		c.U.Text, c.U.MessageID, c.said = d.Text, d.Source, d.Text
		return h.holdNote(c, id, false)
	}
	var st aulabot.State
	var n service.Upcoming
	err := c.view(func(tx Tx) (err error) { st, n, err = h.svc.Mentoring.AskWriteMentor(tx, c.User, id); return err })
	if err != nil {
		return err
	}
	c.SetState(st)
	c.Answer("")
	c.Reply(c.T("booking.write_mentor_ask", "mentor", h.personName(c.Lang, n.Slot.MentorName), "slot", i18n.HTML(h.slotLine(c.Lang, n.Slot))))
	return nil
}

// onWriteMentorText sends the person's words (or file) to the mentor.
func (h *Handlers) onWriteMentorText(c *Ctx) error {
	return h.sendNote(c, func(tx Tx, file *aulabot.CopyOf) (string, error) {
		n, err := h.svc.Mentoring.WriteMentor(tx, c.State, c.User, c.U.Text, file)
		return c.T("booking.wrote_mentor", "mentor", h.personName(c.Lang, n.Slot.MentorName)), err
	})
}

// askAnswerBooked asks for the mentor's answer to the person of booking id.
func (h *Handlers) askAnswerBooked(c *Ctx, id uint64) error {
	var st aulabot.State
	var n service.Upcoming
	err := c.view(func(tx Tx) (err error) { st, n, err = h.svc.Mentoring.AskAnswerBooked(tx, c.U.From.ID, id); return err })
	if err != nil {
		return err
	}
	c.SetState(st)
	c.Answer("")
	c.Reply(c.T("slot.answer_person_ask", "name", h.personName(c.Lang, n.Booking.Name)))
	return nil
}

// onAnswerBookedText sends the mentor's words (or file) to the person.
func (h *Handlers) onAnswerBookedText(c *Ctx) error {
	return h.sendNote(c, func(tx Tx, file *aulabot.CopyOf) (string, error) {
		n, err := h.svc.Mentoring.AnswerBooked(tx, c.State, c.U.From.ID, c.U.Text, file)
		return c.T("slot.answered_person", "name", h.personName(c.Lang, n.Booking.Name)), err
	})
}

// sendNote sends the update's words, or its file, with send, and says it
// went (the text send returns); words refused (nothing, too long) leave
// the flow waiting for others, any other refusal ends it.
func (h *Handlers) sendNote(c *Ctx, send func(tx Tx, file *aulabot.CopyOf) (string, error)) error {
	var file *aulabot.CopyOf
	if c.U.File != nil {
		file = &aulabot.CopyOf{ChatID: c.U.ChatID, MessageID: c.U.MessageID}
	}
	err := c.Commit(func(tx Tx) error {
		sent, err := send(tx, file)
		if err != nil {
			return err
		}
		c.ClearState()
		c.Reply(sent)
		return nil
	})
	if err != nil && aulabot.ErrorCode(err) != aulabot.EINVALID {
		c.ClearState()
	}
	return err
}
