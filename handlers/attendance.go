package handlers

import (
	"slices"

	"github.com/aulabot/aulabot"
)

// markAttendance records, after the start, whether a person came; those
// who came are asked to rate the session (service.Mentoring). The panel
// pressed shows the mark at once (✅ or ❌ before the name, on the page of
// the person): a mentor marking a group had only the press's passing
// notice, and no way to see who was marked but open the panel again.
func (h *Handlers) markAttendance(c *Ctx, id uint64, came bool) error {
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Mentoring.MarkAttendance(tx, c.U.From.ID, id, came)
		if err != nil {
			return err
		}
		pn, err := h.svc.Mentoring.Panel(tx, c.U.From.ID, res.Booking.Slot)
		if err != nil {
			return err
		}
		courses, err := h.panelCourses(c, tx, pn)
		if err != nil {
			return err
		}
		at := slices.IndexFunc(pn.People, func(b aulabot.Booking) bool { return b.ID == id })
		h.showPanel(c, pn, courses, max(at, 0)/peoplePerPage, true)
		name := h.personName(c.Lang, res.Booking.Name)
		switch {
		case came:
			c.Answer(c.T("slot.marked_came", "name", name))
		case res.Booking.User != 0:
			c.Answer(c.T("slot.marked_missed", "name", name, "n", res.NoShows))
		default:
			c.Answer(c.T("slot.marked_missed_anonymous", "name", name))
		}
		return nil
	})
}

// markAllCame marks as come everyone booked in session slot and not
// marked yet (✅ Everyone came), as their ✅ would one by one; those
// marked missed stay so.
func (h *Handlers) markAllCame(c *Ctx, slot uint64) error {
	return c.Commit(func(tx Tx) error {
		pn, err := h.svc.Mentoring.Panel(tx, c.U.From.ID, slot)
		if err != nil {
			return err
		}
		n := 0
		for _, b := range pn.People {
			if isUnmarked(b) {
				if _, err := h.svc.Mentoring.MarkAttendance(tx, c.U.From.ID, b.ID, true); err != nil {
					return err
				}
				n++
			}
		}
		if pn, err = h.svc.Mentoring.Panel(tx, c.U.From.ID, slot); err != nil {
			return err
		}
		courses, err := h.panelCourses(c, tx, pn)
		if err != nil {
			return err
		}
		h.showPanel(c, pn, courses, 0, true)
		c.Answer(c.N("slot.marked_all_came", n))
		return nil
	})
}

// isUnmarked reports whether b is a seat booked and not yet marked as
// come or missed.
func isUnmarked(b aulabot.Booking) bool {
	return b.Status == aulabot.BookingActive && b.Attendance == ""
}

// unmarked counts the seats of people not yet marked (isUnmarked).
func unmarked(people []aulabot.Booking) int {
	n := 0
	for _, b := range people {
		if isUnmarked(b) {
			n++
		}
	}
	return n
}

// onRate records a rating and offers to add a comment.
func (h *Handlers) onRate(c *Ctx) error {
	b, err := pressed[rateSessionButton](c)
	if err != nil {
		return err
	}
	return c.Commit(func(tx Tx) error {
		st, mentor, err := h.svc.Mentoring.Rate(tx, c.U.From.ID, b.Booking, b.Stars)
		if err != nil {
			return err
		}
		c.SetState(st)
		c.Answer(c.T("booking.rated_short"))
		// The stars go; ✉️ Write to the mentor stays, and ↩️ brings them
		// back for a mistaken tap.
		c.EditPressed(c.T("booking.rated", "stars", b.Stars), [][]aulabot.Button{h.svc.Mentoring.WriteRow(c.Lang, b.Booking, mentor),
			{{Text: c.T("booking.button_rerate"), Data: rerateButton{b.Booking}.Encode()}}})
		return nil
	})
}

// onRerate turns the rating said into the stars again: a press changes
// it (onRate), keeping the comment.
func (h *Handlers) onRerate(c *Ctx) error {
	b, err := pressed[rerateButton](c)
	if err != nil {
		return err
	}
	return c.view(func(tx Tx) error {
		m, err := h.svc.Mentoring.RerateAsk(tx, c.U.From.ID, b.Booking, c.Lang)
		if err != nil {
			return err
		}
		c.Answer("")
		c.EditPressed(m.Text, m.Inline)
		return nil
	})
}

// onRateComment keeps the optional comment of a rating.
func (h *Handlers) onRateComment(c *Ctx) error {
	st := c.State
	c.ClearState()
	if aulabot.TypedNone(c.U.Text) {
		c.Reply(c.T("booking.comment_none")) // "no gracias": no comment (it was kept as one, seen in the sandbox)
		return nil
	}
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Mentoring.Comment(tx, st, c.U.From.ID, c.U.Text); err != nil {
			return err
		}
		c.Reply(c.T("booking.comment_thanks"))
		return nil
	})
}
