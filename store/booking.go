package store

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

const (
	bBookings     = "bookings"      // id -> aulabot.Booking
	bBookingsSlot = "bookings_slot" // slot, booking -> nil (booking order = waitlist order)
	bBookingsUser = "bookings_user" // user, booking -> nil
	bSeats        = "booking_seats" // slot, user -> booking id of the live booking
)

// MaxComment is the longest rating comment.
const MaxComment = 1000

func seatKey(slot uint64, user int64) []byte { return append(u64(slot), i64(user)...) }

func noShowKey(user int64) string { return fmt.Sprintf("noshow:%d", user) }

// Booking returns booking id; false if there is none.
func (tx *Tx) Booking(id uint64) (aulabot.Booking, bool, error) {
	var b aulabot.Booking
	ok, err := tx.get(bBookings, u64(id), &b)
	return b, ok, err
}

func (tx *Tx) putBooking(b aulabot.Booking) error { return tx.put(bBookings, u64(b.ID), b) }

// SlotBookings returns every booking of a slot (any state), oldest first.
func (tx *Tx) SlotBookings(slot uint64) ([]aulabot.Booking, error) {
	return tx.bookingsIndexed(bBookingsSlot, u64(slot))
}

// UserBookings returns every booking of a person (any state), oldest first.
func (tx *Tx) UserBookings(user int64) ([]aulabot.Booking, error) {
	return tx.bookingsIndexed(bBookingsUser, i64(user))
}

// liveBookings returns the slot's active and waiting bookings, oldest
// first.
func (tx *Tx) liveBookings(slot uint64) ([]aulabot.Booking, error) {
	bs, err := tx.SlotBookings(slot)
	live := bs[:0]
	for _, b := range bs {
		if b.Status != aulabot.BookingCancelled {
			live = append(live, b)
		}
	}
	return live, err
}

// bookingsIndexed reads the bookings an index bucket lists under prefix
// (keys are prefix + booking id).
func (tx *Tx) bookingsIndexed(index string, prefix []byte) ([]aulabot.Booking, error) {
	var out []aulabot.Booking
	c := tx.bucket(index).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		b, ok, err := tx.Booking(fromU64(k[len(prefix):]))
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, b)
		}
	}
	return out, nil
}

// bookable checks the slot is one the person may still take a seat in:
// their university's, live, within notice and horizon.
func (tx *Tx) bookable(s aulabot.Slot, ok bool, uni string, rules aulabot.BookingRules) error {
	switch {
	case !ok || s.University != uni:
		return aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_no_slot")
	case s.Cancelled:
		return aulabot.Errorf(aulabot.ECONFLICT, "booking.err_slot_cancelled")
	case !s.Start.After(tx.now):
		return aulabot.Errorf(aulabot.ECONFLICT, "booking.err_past")
	case s.Start.Before(tx.now.Add(rules.Notice())):
		return aulabot.Errorf(aulabot.ECONFLICT, "booking.err_notice", "hours", rules.Notice().Hours())
	case s.Start.After(tx.now.Add(rules.Ahead())):
		return aulabot.Errorf(aulabot.ECONFLICT, "booking.err_horizon", "days", int(rules.Ahead().Hours()/24))
	}
	return nil
}

// MayBook makes the checks of the person that BookSlot and JoinWaitlist
// make for slot s, without booking: it is not their own, and they hold no
// active booking overlapping it and fewer than the maximum of active
// future bookings. A slot's view offers Confirm only when they pass, so
// that nobody types a topic for a booking they cannot make. Errors:
// ECONFLICT booking.err_own_slot, err_overlap, err_max.
func (tx *Tx) MayBook(s aulabot.Slot, user int64, rules aulabot.BookingRules) error {
	return tx.personFree(s, user, rules)
}

// personFree checks that user holds no active booking overlapping s and
// fewer than the maximum of active future bookings.
func (tx *Tx) personFree(s aulabot.Slot, user int64, rules aulabot.BookingRules) error {
	if s.Mentor == user {
		return aulabot.Errorf(aulabot.ECONFLICT, "booking.err_own_slot")
	}
	bs, err := tx.UserBookings(user)
	if err != nil {
		return err
	}
	active := 0
	for _, b := range bs {
		if b.Status != aulabot.BookingActive || b.Slot == s.ID {
			continue
		}
		o, ok, err := tx.Slot(b.Slot)
		if err != nil {
			return err
		}
		if !ok || !o.End().After(tx.now) {
			continue
		}
		active++
		if o.Overlaps(s.Start, s.End()) {
			return aulabot.Errorf(aulabot.ECONFLICT, "booking.err_overlap")
		}
	}
	if active >= rules.Max() {
		return aulabot.Errorf(aulabot.ECONFLICT, "booking.err_max", "max", rules.Max())
	}
	return nil
}

// BookSlot gives person u a seat in slot id. It holds only if the slot is
// of u's university, live, starts between the minimum notice and the
// horizon, has a free seat, and u holds no other seat in it, no
// overlapping booking and fewer than the maximum of active bookings.
// Errors (*aulabot.Error): booking.err_no_slot, err_slot_cancelled,
// err_past, err_notice, err_horizon, err_already, err_full, err_own_slot,
// err_overlap, err_max.
func (tx *Tx) BookSlot(id uint64, u aulabot.User, rules aulabot.BookingRules) (aulabot.Booking, error) {
	return tx.take(id, u, rules, false)
}

// JoinWaitlist puts u on the waitlist of a full slot; the same rules as
// BookSlot apply when a seat frees. Errors: those of BookSlot, and
// booking.err_not_full when a seat is free (book it instead).
func (tx *Tx) JoinWaitlist(id uint64, u aulabot.User, rules aulabot.BookingRules) (aulabot.Booking, error) {
	return tx.take(id, u, rules, true)
}

func (tx *Tx) take(id uint64, u aulabot.User, rules aulabot.BookingRules, wait bool) (aulabot.Booking, error) {
	s, ok, err := tx.Slot(id)
	if err != nil {
		return aulabot.Booking{}, err
	}
	if err := tx.bookable(s, ok, u.University, rules); err != nil {
		return aulabot.Booking{}, err
	}
	if old := tx.bucket(bSeats).Get(seatKey(id, u.ID)); old != nil {
		b, _, err := tx.Booking(fromU64(old))
		if err != nil {
			return b, err
		}
		if b.Status == aulabot.BookingWaiting && !wait && s.Booked < s.Capacity {
			// A seat is free and nobody was promoted to it (the one who
			// left erased their data): the waiting person takes it.
			if err := tx.personFree(s, u.ID, rules); err != nil {
				return aulabot.Booking{}, err
			}
			b.Status, b.Updated = aulabot.BookingActive, tx.now
			b.Sequence++
			s.Booked++
			s.Waiting--
			if err := tx.putBooking(b); err != nil {
				return b, err
			}
			return b, tx.putSlot(s)
		}
		if b.Status == aulabot.BookingWaiting {
			return b, aulabot.Errorf(aulabot.ECONFLICT, "booking.err_already_waiting")
		}
		return b, aulabot.Errorf(aulabot.ECONFLICT, "booking.err_already")
	}
	full := s.Booked >= s.Capacity
	if full && !wait {
		return aulabot.Booking{}, aulabot.Errorf(aulabot.ECONFLICT, "booking.err_full")
	}
	if !full && wait {
		return aulabot.Booking{}, aulabot.Errorf(aulabot.ECONFLICT, "booking.err_not_full")
	}
	if err := tx.personFree(s, u.ID, rules); err != nil {
		return aulabot.Booking{}, err
	}
	bid, err := tx.nextID(bBookings)
	if err != nil {
		return aulabot.Booking{}, err
	}
	b := aulabot.Booking{ID: bid, Slot: id, University: s.University, User: u.ID, Name: aulabot.CleanText(u.Name),
		Status: aulabot.BookingActive, Created: tx.now, Updated: tx.now}
	if wait {
		b.Status = aulabot.BookingWaiting
		s.Waiting++
	} else {
		s.Booked++
	}
	if err := tx.putBooking(b); err != nil {
		return b, err
	}
	if err := tx.bucket(bBookingsSlot).Put(append(u64(id), u64(bid)...), nil); err != nil {
		return b, err
	}
	if err := tx.bucket(bBookingsUser).Put(append(i64(u.ID), u64(bid)...), nil); err != nil {
		return b, err
	}
	if err := tx.bucket(bSeats).Put(seatKey(id, u.ID), u64(bid)); err != nil {
		return b, err
	}
	return b, tx.putSlot(s)
}

// setCancelled marks b cancelled and frees its seat key (not the slot's
// counters: the caller's).
func (tx *Tx) setCancelled(b *aulabot.Booking) error {
	b.Status, b.Updated = aulabot.BookingCancelled, tx.now
	b.Sequence++
	if err := tx.bucket(bSeats).Delete(seatKey(b.Slot, b.User)); err != nil {
		return err
	}
	return tx.putBooking(*b)
}

// promote moves the first waiting person who still satisfies the rules
// into a free seat of s (s is updated, not stored); nil if nobody can.
func (tx *Tx) promote(s *aulabot.Slot, rules aulabot.BookingRules) (*aulabot.Booking, error) {
	if s.Waiting <= 0 || s.Booked >= s.Capacity {
		return nil, nil
	}
	bs, err := tx.SlotBookings(s.ID)
	if err != nil {
		return nil, err
	}
	if tx.bookable(*s, true, s.University, rules) != nil {
		return nil, nil
	}
	for _, b := range bs {
		if b.Status != aulabot.BookingWaiting {
			continue
		}
		if err := tx.personFree(*s, b.User, rules); aulabot.ErrorCode(err) == aulabot.EINTERNAL {
			return nil, err
		} else if err != nil {
			continue
		}
		b.Status, b.Updated = aulabot.BookingActive, tx.now
		b.Sequence++
		s.Booked++
		s.Waiting--
		return &b, tx.putBooking(b)
	}
	return nil, nil
}

// CancelBooking cancels booking id on behalf of by: its owner, up to the
// cancellation cutoff, or (override) the slot's mentor or a coordinator,
// whose rights the caller checked. The seat is freed at once and the first
// waiting person who still satisfies the rules is promoted to it.
// Errors: booking.err_not_found, err_not_yours, err_already_cancelled,
// err_cutoff.
func (tx *Tx) CancelBooking(id uint64, by int64, override bool, rules aulabot.BookingRules) (aulabot.Cancellation, error) {
	var c aulabot.Cancellation
	b, ok, err := tx.Booking(id)
	if err != nil {
		return c, err
	}
	if !ok {
		return c, aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_not_found")
	}
	if b.User != by && !override {
		return c, aulabot.Errorf(aulabot.EFORBIDDEN, "booking.err_not_yours")
	}
	if b.Status == aulabot.BookingCancelled {
		return c, aulabot.Errorf(aulabot.ECONFLICT, "booking.err_already_cancelled")
	}
	s, _, err := tx.Slot(b.Slot)
	if err != nil {
		return c, err
	}
	if !override && b.Status == aulabot.BookingActive && rules.PastCutoff(s.Start, tx.now) {
		return c, aulabot.Errorf(aulabot.ECONFLICT, "booking.err_cutoff", "hours", rules.Cutoff().Hours())
	}
	was := b.Status
	b.GaveUp = b.User == by && was == aulabot.BookingActive
	if err := tx.setCancelled(&b); err != nil {
		return c, err
	}
	if was == aulabot.BookingWaiting {
		s.Waiting--
	} else {
		s.Booked--
		if c.Promoted, err = tx.promote(&s, rules); err != nil {
			return c, err
		}
	}
	c.Booking, c.Slot = b, s
	return c, tx.putSlot(s)
}

// ChangeBooking moves person u's seat of booking id to slot to: the old
// seat is freed (and goes to the first person waiting who may take it) and
// a seat in slot to is taken, both or neither. It holds when booking id is
// u's and holds a seat, may still be cancelled (the cutoff), and u may
// take a seat in slot to as BookSlot allows with the old booking aside (at
// the maximum of bookings, or overlapping the old session, one may still
// change). The new booking keeps the old one's topic and calendar event
// (From, Sequence). Errors: those of CancelBooking and BookSlot;
// booking.err_already when to is the booking's own slot,
// booking.err_not_found when it holds no seat (a waitlist place).
func (tx *Tx) ChangeBooking(id, to uint64, u aulabot.User, rules aulabot.BookingRules) (aulabot.Cancellation, aulabot.Booking, error) {
	old, ok, err := tx.Booking(id)
	switch {
	case err != nil:
		return aulabot.Cancellation{}, old, err
	case !ok || old.Status != aulabot.BookingActive:
		return aulabot.Cancellation{}, old, aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_not_found")
	case old.User != u.ID:
		return aulabot.Cancellation{}, old, aulabot.Errorf(aulabot.EFORBIDDEN, "booking.err_not_yours")
	case old.Slot == to:
		return aulabot.Cancellation{}, old, aulabot.Errorf(aulabot.ECONFLICT, "booking.err_already")
	}
	c, err := tx.CancelBooking(id, u.ID, false, rules)
	if err != nil {
		return c, old, err
	}
	c.Booking.GaveUp = false // moved, not given up
	if err := tx.putBooking(c.Booking); err != nil {
		return c, old, err
	}
	b, err := tx.BookSlot(to, u, rules)
	if err != nil {
		return c, b, err
	}
	b.From = c.Booking.CalendarID()
	b.Sequence = c.Booking.Sequence + 1
	if b.Topic == "" {
		b.Topic = c.Booking.Topic
	}
	return c, b, tx.putBooking(b)
}

// SetBookingTopic records what the owner of booking id wants to talk
// about. Errors: booking.err_not_found, err_not_yours, slot.err_topic.
func (tx *Tx) SetBookingTopic(id uint64, by int64, topic string) (aulabot.Booking, error) {
	b, ok, err := tx.Booking(id)
	switch {
	case err != nil:
		return b, err
	case !ok || b.Status == aulabot.BookingCancelled:
		return b, aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_not_found")
	case b.User != by:
		return b, aulabot.Errorf(aulabot.EFORBIDDEN, "booking.err_not_yours")
	case utf8.RuneCountInString(topic) > aulabot.SlotMaxTopic || !utf8.ValidString(topic):
		return b, aulabot.Errorf(aulabot.EINVALID, "slot.err_topic", "max", aulabot.SlotMaxTopic)
	}
	b.Topic, b.Updated = aulabot.CleanText(topic), tx.now
	return b, tx.putBooking(b)
}

// eraseBookings is /deletemydata for mentoring: future bookings and
// waitlist places are cancelled (their seats freed; their reminders are
// dropped by the mentoring service's eraser, and with every message
// waiting for the person's chat;
// nobody is promoted silently, as nobody could be told here: waiting
// people take the free seat with Book),
// past ones are kept anonymous (no person, name or comment) so that
// attendance figures stay, and the no-show count goes.
func eraseBookings(tx *Tx, user int64) error {
	bs, err := tx.UserBookings(user)
	if err != nil {
		return err
	}
	for _, b := range bs {
		s, _, err := tx.Slot(b.Slot)
		if err != nil {
			return err
		}
		if b.Status != aulabot.BookingCancelled && s.Start.After(tx.now) {
			if b.Status == aulabot.BookingActive {
				s.Booked--
			} else {
				s.Waiting--
			}
			if err := tx.putSlot(s); err != nil {
				return err
			}
			b.Status = aulabot.BookingCancelled
		}
		if err := tx.bucket(bSeats).Delete(seatKey(b.Slot, user)); err != nil {
			return err
		}
		b.User, b.Name, b.Comment, b.Topic = 0, "", "", ""
		if err := tx.putBooking(b); err != nil {
			return err
		}
		if err := tx.bucket(bBookingsUser).Delete(append(i64(user), u64(b.ID)...)); err != nil {
			return err
		}
	}
	return tx.bucket(bStats).Delete([]byte(noShowKey(user)))
}

// BookSlot is Tx.BookSlot in its own transaction.
func (s *Store) BookSlot(id uint64, u aulabot.User, rules aulabot.BookingRules) (b aulabot.Booking, err error) {
	err = s.Update(func(tx *Tx) error { b, err = tx.BookSlot(id, u, rules); return err })
	return b, err
}

// JoinWaitlist is Tx.JoinWaitlist in its own transaction.
func (s *Store) JoinWaitlist(id uint64, u aulabot.User, rules aulabot.BookingRules) (b aulabot.Booking, err error) {
	err = s.Update(func(tx *Tx) error { b, err = tx.JoinWaitlist(id, u, rules); return err })
	return b, err
}

// CancelBooking is Tx.CancelBooking in its own transaction.
func (s *Store) CancelBooking(id uint64, by int64, override bool, rules aulabot.BookingRules) (c aulabot.Cancellation, err error) {
	err = s.Update(func(tx *Tx) error { c, err = tx.CancelBooking(id, by, override, rules); return err })
	return c, err
}

// ChangeBooking is Tx.ChangeBooking in its own transaction.
func (s *Store) ChangeBooking(id, to uint64, u aulabot.User, rules aulabot.BookingRules) (c aulabot.Cancellation, b aulabot.Booking, err error) {
	err = s.Update(func(tx *Tx) error { c, b, err = tx.ChangeBooking(id, to, u, rules); return err })
	return c, b, err
}

// Booking returns booking id; false if there is none.
func (s *Store) Booking(id uint64) (b aulabot.Booking, ok bool, err error) {
	err = s.View(func(tx *Tx) error { b, ok, err = tx.Booking(id); return err })
	return b, ok, err
}

// UserBookings returns every booking of a person.
func (s *Store) UserBookings(user int64) (bs []aulabot.Booking, err error) {
	err = s.View(func(tx *Tx) error { bs, err = tx.UserBookings(user); return err })
	return bs, err
}
