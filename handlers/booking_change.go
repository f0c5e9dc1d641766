package handlers

import (
	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// A person changes a booking to another time (🔁): the slots it may go
// to, the change to confirm, and the change (service.Mentoring.Change),
// which moves the seat in one transaction.

// changeList shows a page of the slots booking id may change to, under
// its time now; nothing changes until a change is confirmed.
func (h *Handlers) changeList(c *Ctx, id uint64, page int) error {
	var from service.Upcoming
	var to []aulabot.Slot
	err := c.view(func(tx Tx) (err error) { from, to, err = h.svc.Mentoring.ChangeFrom(tx, c.User, id); return err })
	if err != nil {
		return err
	}
	c.Answer("")
	line := i18n.HTML(h.slotLine(c.Lang, from.Slot))
	keep := []aulabot.Button{{Text: c.T("booking.button_keep"), Data: keepBookingButton{id}.Encode()}}
	if len(to) == 0 {
		c.EditPressed(c.T("booking.change_none_"+from.Slot.Kind, "slot", line), [][]aulabot.Button{keep})
		return nil
	}
	p := paged(len(to), slotsPerPage, page)
	first, last := p.items()
	var rows [][]aulabot.Button
	for _, s := range to[first:last] {
		rows = append(rows, []aulabot.Button{{Text: h.slotButton(c, s), Data: changeToButton{id, s.ID}.Encode()}})
	}
	if nav := p.nav(c, func(n int) string { return changeBookingButton{id, n}.Encode() }); nav != nil {
		rows = append(rows, nav)
	}
	c.EditPressed(c.T("booking.change_list", "slot", line, "footer", p.footer(c), "zone", h.svc.Mentoring.Zone(c.Lang, from.Slot.University)),
		append(rows, keep))
	return nil
}

// changeTo shows the change of booking id to slot, to confirm, with a way
// back to the list and one to keep the booking as it is.
func (h *Handlers) changeTo(c *Ctx, id, slot uint64) error {
	var from service.Upcoming
	var s aulabot.Slot
	err := c.view(func(tx Tx) (err error) {
		if from, _, err = h.svc.Mentoring.ChangeFrom(tx, c.User, id); err != nil {
			return err
		}
		s, err = h.svc.Mentoring.Visible(tx, c.User, slot)
		return err
	})
	if err != nil {
		return err
	}
	c.Answer("")
	c.EditPressed(c.T("booking.change_sure", "was", i18n.HTML(h.slotLine(c.Lang, from.Slot)), "slot", i18n.HTML(h.slotLine(c.Lang, s)),
		"zone", h.svc.Mentoring.Zone(c.Lang, s.University)), [][]aulabot.Button{
		{{Text: c.T("booking.button_change_sure"), Data: changeSureButton{id, slot}.Encode()}},
		{{Text: c.T("booking.button_change_other"), Data: changeBookingButton{id, 0}.Encode()}},
		{{Text: c.T("booking.button_keep"), Data: keepBookingButton{id}.Encode()}},
	})
	return nil
}

// changeBooking changes booking id to slot: the prompt becomes the new
// confirmation, and the calendar file, which updates the event of the
// old time, comes as a message of its own. Refused (the seat went
// meanwhile, the cutoff passed), nothing changes and the prompt stays.
func (h *Handlers) changeBooking(c *Ctx, id, slot uint64) error {
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Mentoring.Change(tx, c.User, id, slot)
		if err != nil {
			return err
		}
		c.Answer(c.T("booking.changed_short"))
		conf := h.svc.Mentoring.Confirmation(tx, c.Lang, "booking.changed", res.Booking, res.Slot, "was", i18n.HTML(h.slotLine(c.Lang, res.Was.Slot)))
		c.EditPressed(conf.Text, conf.Inline)
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("booking.ics_change_caption"), File: conf.File})
		return nil
	})
}

// bookingRows are the buttons under a booking of the person's own: Cancel
// (Leave the waitlist) and, for a seat, Change the time and Write to the
// mentor (named mentor).
func (h *Handlers) bookingRows(c *Ctx, b aulabot.Booking, mentor string) [][]aulabot.Button {
	if b.Status == aulabot.BookingWaiting {
		return [][]aulabot.Button{{{Text: c.T("booking.button_leave_waitlist"), Data: cancelBookingButton{b.ID}.Encode()}}}
	}
	return [][]aulabot.Button{
		{{Text: c.T("booking.button_cancel_booking"), Data: cancelBookingButton{b.ID}.Encode()}},
		{{Text: c.T("booking.button_change"), Data: changeBookingButton{b.ID, 0}.Encode()}},
		h.svc.Mentoring.WriteRow(c.Lang, b.ID, mentor),
	}
}
