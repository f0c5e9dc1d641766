package service

import (
	"cmp"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// A person's change of a booking to another time: the seat moves in one
// transaction (store's Tx.ChangeBooking), so nobody loses their seat
// while looking for another, and someone at the maximum of bookings can
// still change one.

// ChangeFrom is booking id, which person u may change to another time
// (theirs, holding a seat, before the cancellation cutoff), with its slot
// and the slots they may change it to: those of its kind offered to them
// with a free seat where they hold none. Nothing changes. Errors:
// booking.err_not_found, booking.err_change_cutoff.
func (m *Mentoring) ChangeFrom(tx MentoringTx, u aulabot.User, id uint64) (Upcoming, []aulabot.Slot, error) {
	b, ok, err := tx.Booking(id)
	if err != nil {
		return Upcoming{}, nil, err
	}
	if !ok || b.User != u.ID || b.Status != aulabot.BookingActive {
		return Upcoming{}, nil, noBooking()
	}
	s, _, err := tx.Slot(b.Slot)
	if err != nil {
		return Upcoming{}, nil, err
	}
	if m.Config.Booking.PastCutoff(s.Start, tx.Now()) {
		return Upcoming{}, nil, changeCutoff(m.Config.Booking.Cutoff().Hours())
	}
	held := map[uint64]bool{}
	bs, err := tx.UserBookings(u.ID)
	for _, o := range bs {
		if o.Status == aulabot.BookingActive {
			held[o.Slot] = true
		}
	}
	all, err2 := m.Offered(tx, u, s.Kind)
	var to []aulabot.Slot
	for _, o := range all {
		if !held[o.ID] && o.SeatsLeft() > 0 {
			to = append(to, o)
		}
	}
	return Upcoming{b, s}, to, cmp.Or(err, err2)
}

func changeCutoff(hours float64) error {
	return aulabot.Errorf(aulabot.ECONFLICT, "booking.err_change_cutoff", "hours", hours)
}

// Changed is the result of Change: the booking as it was, cancelled, with
// its slot (and anyone promoted to the freed seat), and the booking that
// holds the seat now, with its slot.
type Changed struct {
	Was     aulabot.Cancellation
	Booking aulabot.Booking
	Slot    aulabot.Slot
}

// Change moves person u's booking id to slot to (store's
// Tx.ChangeBooking: both or neither). The old reminders go and the new
// ones are scheduled; a course the booking was for goes with it; the
// mentor is told of the change (each mentor of their part, when the
// mentor changes); the freed seat goes to the first person waiting, or
// to those waiting for a personal slot (tellFreed). The
// confirmation is the caller's to show (Confirmation, with the calendar
// file that updates the old event).
func (m *Mentoring) Change(tx Tx, u aulabot.User, id, to uint64) (Changed, error) {
	var res Changed
	was, b, err := tx.ChangeBooking(id, to, u, m.Config.Booking)
	if aulabot.ErrorKey(err) == "booking.err_cutoff" {
		return res, changeCutoff(m.Config.Booking.Cutoff().Hours())
	}
	if err != nil {
		return res, err
	}
	res.Was, res.Booking = was, b
	if res.Slot, _, err = tx.Slot(to); err != nil {
		return res, err
	}
	if _, err := tx.CancelOutbox(reminderPrefix(id)); err != nil {
		return res, err
	}
	if err := m.scheduleReminders(tx, u.Language(m.Config.Language), b, res.Slot); err != nil {
		return res, err
	}
	if c, tied, err := tx.CourseOfBooking(id); err != nil {
		return res, err
	} else if tied {
		if _, err := tx.LinkCourseBooking(c.ID, b.ID, u.ID); err != nil {
			return res, err
		}
	}
	if err := m.seated(tx, b); err != nil {
		return res, err
	}
	if err := m.tellChange(tx, u, res); err != nil {
		return res, err
	}
	if p := was.Promoted; p != nil {
		freedBy := "" // another mentor's slot: tellChange left its cancellation to the promotion
		if was.Slot.Mentor != res.Slot.Mentor {
			freedBy = was.Booking.Name
		}
		return res, m.promote(tx, *p, was.Slot, freedBy)
	}
	return res, m.tellFreed(tx, was)
}

// tellChange tells the mentors of a change: one message when the mentor
// is the same, else a cancellation to the old slot's mentor and a new
// booking to the new one's.
func (m *Mentoring) tellChange(tx Tx, u aulabot.User, c Changed) error {
	s := c.Slot
	if c.Was.Slot.Mentor != s.Mentor {
		if c.Was.Promoted == nil { // else the promotion tells of both (promote)
			if err := m.tellMentor(tx, c.Was.Slot, "slot.booking_cancelled", c.Was.Booking.Name); err != nil {
				return err
			}
		}
		return m.tellBooked(tx, u, c.Booking, s)
	}
	_, lang, err := m.person(tx, s.Mentor)
	if err != nil {
		return err
	}
	_, err = tx.Enqueue(aulabot.Message{ChatID: s.Mentor, Text: m.Cat.T(lang, "slot.booking_changed",
		"name", m.PersonName(lang, u.Name), "was", i18n.HTML(m.SlotLine(lang, c.Was.Slot)), "slot", i18n.HTML(m.SlotLine(lang, s)),
		"topic", i18n.HTML(m.TopicLine(lang, c.Booking.Topic))),
		Inline: [][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_view"), Data: m.Buttons.ViewSlot(s.ID)}}}})
	return err
}
