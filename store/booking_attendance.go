package store

import (
	"fmt"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// MarkAttendance records, after the slot's start, whether the person of
// booking id came; only the slot's mentor (by) may. No-shows are counted
// per person; a person who deleted their data is marked on the anonymous
// booking and counted nowhere. Errors: booking.err_not_found, slot.err_not_yours,
// slot.err_not_started.
func (tx *Tx) MarkAttendance(id uint64, by int64, attended bool) (aulabot.Booking, error) {
	b, ok, err := tx.Booking(id)
	if err != nil {
		return b, err
	}
	if !ok || b.Status != aulabot.BookingActive {
		return b, aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_not_found")
	}
	s, _, err := tx.Slot(b.Slot)
	if err != nil {
		return b, err
	}
	if s.Mentor != by {
		return b, aulabot.Errorf(aulabot.EFORBIDDEN, "slot.err_not_yours")
	}
	if tx.now.Before(s.Start) {
		return b, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_not_started")
	}
	mark := aulabot.NoShow
	if attended {
		mark = aulabot.Attended
	}
	if b.Attendance == mark {
		return b, nil
	}
	delta := int64(0)
	if mark == aulabot.NoShow {
		delta = 1
	} else if b.Attendance == aulabot.NoShow {
		delta = -1
	}
	if delta != 0 && b.User != 0 {
		if err := tx.Count(noShowKey(b.User), delta); err != nil {
			return b, err
		}
	}
	b.Attendance, b.Updated = mark, tx.now
	return b, tx.putBooking(b)
}

// NoShows is how many sessions the person booked and missed.
func (tx *Tx) NoShows(user int64) int64 { return tx.Counter(noShowKey(user)) }

// RatableBooking reads booking id for by to rate its session. Errors:
// booking.err_not_found, booking.err_not_yours, booking.err_not_attended.
func (tx *Tx) RatableBooking(id uint64, by int64) (aulabot.Booking, error) {
	b, ok, err := tx.Booking(id)
	switch {
	case err != nil:
		return b, err
	case !ok:
		return b, aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_not_found")
	case b.User != by:
		return b, aulabot.Errorf(aulabot.EFORBIDDEN, "booking.err_not_yours")
	case b.Attendance != aulabot.Attended:
		return b, aulabot.Errorf(aulabot.ECONFLICT, "booking.err_not_attended")
	}
	return b, nil
}

// RateBooking records the owner's 1-5 rating and optional comment of a
// session they attended. A new rating replaces the old one (the counter
// of ratings by stars moves with it) and keeps the comment written
// before unless another is given. Errors: booking.err_not_found,
// err_not_yours, booking.err_not_attended, booking.err_rating,
// booking.err_comment.
func (tx *Tx) RateBooking(id uint64, by int64, stars int, comment string) (aulabot.Booking, error) {
	b, err := tx.RatableBooking(id, by)
	if err != nil {
		return b, err
	}
	switch {
	case stars < 1 || stars > 5:
		return b, aulabot.Errorf(aulabot.EINVALID, "booking.err_rating")
	case utf8.RuneCountInString(comment) > MaxComment || !utf8.ValidString(comment):
		return b, aulabot.Errorf(aulabot.EINVALID, "booking.err_comment", "max", MaxComment)
	}
	if b.Rating != stars {
		if b.Rating != 0 {
			if err := tx.Count(fmt.Sprintf("rating:%s:%d", b.University, b.Rating), -1); err != nil {
				return b, err
			}
		}
		if err := tx.Count(fmt.Sprintf("rating:%s:%d", b.University, stars), 1); err != nil {
			return b, err
		}
	}
	if comment != "" {
		b.Comment = aulabot.CleanText(comment)
	}
	b.Rating, b.Updated = stars, tx.now
	return b, tx.putBooking(b)
}

// MarkAttendance is Tx.MarkAttendance in its own transaction.
func (s *Store) MarkAttendance(id uint64, by int64, attended bool) (b aulabot.Booking, err error) {
	err = s.Update(func(tx *Tx) error { b, err = tx.MarkAttendance(id, by, attended); return err })
	return b, err
}

// RateBooking is Tx.RateBooking in its own transaction.
func (s *Store) RateBooking(id uint64, by int64, stars int, comment string) (b aulabot.Booking, err error) {
	err = s.Update(func(tx *Tx) error { b, err = tx.RateBooking(id, by, stars, comment); return err })
	return b, err
}

// NoShows is Tx.NoShows.
func (s *Store) NoShows(user int64) (n int64) {
	_ = s.View(func(tx *Tx) error { n = tx.NoShows(user); return nil })
	return n
}
