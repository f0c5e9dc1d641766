package handlers

import (
	"slices"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// mentorAbsent answers words that say the mentor has not come ("mi mentor
// no llegó a la sesión", "my mentor hasn't shown up"; the booking
// article, seen in the sandbox): for the person's session under way, the
// latest begun, whether to tell its mentor and the coordination (📣,
// tellAbsent) or to write to the mentor (✉️); with none under way, that,
// above the person's bookings.
func (h *Handlers) mentorAbsent(c *Ctx) error {
	var items []service.Upcoming
	if err := c.view(func(tx Tx) (err error) { items, err = h.svc.Mentoring.Upcoming(tx, c.User.ID); return err }); err != nil {
		return err
	}
	now := h.Now()
	items = slices.DeleteFunc(items, func(it service.Upcoming) bool {
		return it.Booking.Status != aulabot.BookingActive || it.Slot.Start.After(now)
	})
	if len(items) == 0 {
		c.notice, c.asked = c.T("booking.absent_none"), ""
		return h.bookingsPage(c, 0)
	}
	it := items[len(items)-1] // Upcoming is in order of start: the latest begun
	s := it.Slot
	mentor := h.svc.Mentoring.PersonName(c.Lang, s.MentorName)
	c.ReplyButtons(c.T("booking.absent_ask", "mentor", mentor, "time", s.Start.In(h.Config.Loc(s.University)).Format("15:04"), "line", i18n.HTML(h.slotLine(c.Lang, s))),
		[][]aulabot.Button{{{Text: c.T("booking.absent_button"), Data: absentButton{it.Booking.ID}.Encode()}},
			h.svc.Mentoring.WriteRow(c.Lang, it.Booking.ID, s.MentorName)})
	return nil
}

// tellAbsent is 📣 Yes, tell them pressed: the mentor of booking id's
// session under way hears the presser waits, the coordination that the
// mentor has not come (service.MentorAbsent), and the question becomes
// what was done, with ✉️ to write to the mentor.
func (h *Handlers) tellAbsent(c *Ctx, id uint64) error {
	return c.Commit(func(tx Tx) error {
		up, err := h.svc.Mentoring.MentorAbsent(tx, c.U.From.ID, id)
		if err != nil {
			return err
		}
		c.Answer("")
		c.EditPressed(c.T("booking.absent_told", "mentor", h.svc.Mentoring.PersonName(c.Lang, up.Slot.MentorName)),
			[][]aulabot.Button{h.svc.Mentoring.WriteRow(c.Lang, id, up.Slot.MentorName)})
		return nil
	})
}
