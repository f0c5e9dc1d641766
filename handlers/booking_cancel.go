package handlers

import (
	"fmt"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// cancelBooking cancels booking id: the owner before the cutoff, the
// slot's mentor or a coordinator at any time. The freed seat goes to the
// first waiting person who still may take it, told in the same commit.
func (h *Handlers) cancelBooking(c *Ctx, id uint64) error {
	return c.Commit(func(tx Tx) error {
		b, ok, err := tx.Booking(id)
		if err != nil {
			return err
		}
		if !ok {
			return aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_not_found")
		}
		s, _, err := tx.Slot(b.Slot)
		if err != nil {
			return err
		}
		override := b.User != c.U.From.ID && (s.Mentor == c.U.From.ID || c.Roles.IsCoordinator(s.University))
		res, err := tx.CancelBooking(id, c.U.From.ID, override, h.Config.Booking)
		if err != nil {
			return err
		}
		if _, err := tx.CancelOutbox(fmt.Sprintf("remind:b%d:", id)); err != nil {
			return err
		}
		c.Answer(c.T("booking.cancelled_short"))
		if override {
			if b.User != 0 {
				owner, _, err := tx.User(b.User)
				if err != nil {
					return err
				}
				lang := owner.Language(h.Config.Language)
				if _, err := tx.Enqueue(aulabot.Message{ChatID: b.User, Text: h.cat.T(lang, "booking.cancelled_by_mentor", "slot", i18n.HTML(h.slotLine(lang, s))),
					File: h.icsFile(lang, res.Booking, s, tx.Now())}); err != nil {
					return err
				}
			}
			c.Reply(c.T("booking.cancelled_for", "name", h.personName(c.Lang, b.Name)))
		} else {
			c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("booking.cancelled", "slot", i18n.HTML(h.slotLine(c.Lang, s))),
				File: h.icsFile(c.Lang, res.Booking, s, tx.Now())})
		}
		return h.promoted(tx, res.Promoted, res.Slot)
	})
}

// promoted tells a person promoted from the waitlist that they hold a seat.
func (h *Handlers) promoted(tx Tx, p *aulabot.Booking, s aulabot.Slot) error {
	if p == nil {
		return nil
	}
	u, ok, err := tx.User(p.User)
	if err != nil {
		return err
	}
	if !ok {
		u = aulabot.User{ID: p.User}
	}
	return h.confirmed(tx, u, *p, s, "booking.promoted")
}

// willAttend acknowledges "I'll attend" on a reminder.
func (h *Handlers) willAttend(c *Ctx, id uint64) error {
	return c.view(func(tx Tx) error {
		b, ok, err := tx.Booking(id)
		if err != nil {
			return err
		}
		if !ok || b.User != c.U.From.ID || b.Status != aulabot.BookingActive {
			return aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_not_found")
		}
		c.Answer(c.T("booking.attend_thanks"))
		return nil
	})
}

// bookingsPerPage is how many bookings a page of /mybookings lists.
const bookingsPerPage = 5

// myBookings lists the person's upcoming bookings with Cancel buttons.
func (h *Handlers) myBookings(c *Ctx) error { return h.bookingsPage(c, 0) }

// bookingsPage shows page of the person's upcoming bookings and waitlist
// places; bk:m:PAGE turns the page in place.
func (h *Handlers) bookingsPage(c *Ctx, page int) error {
	type item struct {
		b aulabot.Booking
		s aulabot.Slot
	}
	var items []item
	err := c.view(func(tx Tx) error {
		bs, err := tx.UserBookings(c.User.ID)
		if err != nil {
			return err
		}
		for _, b := range bs {
			if b.Status == aulabot.BookingCancelled {
				continue
			}
			s, ok, err := tx.Slot(b.Slot)
			if err != nil {
				return err
			}
			if ok && s.End().After(h.Now()) {
				items = append(items, item{b, s})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(items) == 0 {
		c.ReplyButtons(c.T("booking.mine_none"), [][]aulabot.Button{{{Text: c.T("booking.button_book"), Data: "bk:new"}}})
		return nil
	}
	p := paged(len(items), bookingsPerPage, page)
	from, to := p.items()
	var lines []string
	var rows [][]aulabot.Button
	for _, it := range items[from:to] {
		line := h.slotLine(c.Lang, it.s)
		if it.b.Status == aulabot.BookingWaiting {
			line += " " + c.T("booking.on_waitlist")
		}
		lines = append(lines, "• "+line)
		rows = append(rows, []aulabot.Button{{Text: c.T("booking.button_cancel_one", "when", h.when(c.Lang, it.s)), Data: fmt.Sprintf("bk:x:%d", it.b.ID)}})
	}
	if nav := p.nav(c, func(n int) string { return fmt.Sprintf("bk:m:%d", n) }); nav != nil {
		rows = append(rows, nav)
	}
	c.showPage(c.U.Callback != nil, c.T("booking.mine", "list", i18n.HTML(strings.Join(lines, "\n")))+p.footer(c), rows)
	return nil
}
