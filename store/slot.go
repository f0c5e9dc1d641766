package store

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

const (
	bSlots       = "slots"        // id -> aulabot.Slot
	bSlotsMentor = "slots_mentor" // mentor, start, id -> nil (overlaps, /slots)
	bSlotsTime   = "slots_time"   // university, 0, start, id -> nil (what to offer)
)

// eraseSlots is /deletemydata for a mentor: their name and private notes
// go from every slot they published. The slots stay (people booked them),
// under the mentor's id, which the configuration names anyway.
func eraseSlots(tx *Tx, mentor int64) error {
	prefix := i64(mentor)
	var ids []uint64
	c := tx.bucket(bSlotsMentor).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, fromU64(k[16:]))
	}
	for _, id := range ids {
		s, ok, err := tx.Slot(id)
		if err != nil {
			return err
		}
		if ok && (s.MentorName != "" || s.Note != "") {
			s.MentorName, s.Note = "", ""
			if err := tx.putSlot(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// SlotMaxAhead is how far ahead a mentor may publish a slot.
const SlotMaxAhead = 365 * 24 * time.Hour

// MaxNote is the longest private note a mentor may keep on a slot.
const MaxNote = 2000

func mentorKey(mentor int64, start time.Time, id uint64) []byte {
	return append(append(i64(mentor), i64(start.Unix())...), u64(id)...)
}

func timeKey(uni string, start time.Time, id uint64) []byte {
	k := append([]byte(uni), 0)
	return append(append(k, i64(start.Unix())...), u64(id)...)
}

// Slot returns slot id; false if there is none.
func (tx *Tx) Slot(id uint64) (aulabot.Slot, bool, error) {
	var s aulabot.Slot
	ok, err := tx.get(bSlots, u64(id), &s)
	return s, ok, err
}

func (tx *Tx) putSlot(s aulabot.Slot) error { return tx.put(bSlots, u64(s.ID), s) }

// CreateSlot stores a slot of mentor for university uni. It checks the
// slot's limits, that it starts in the future (within a year) and that it
// overlaps none of the mentor's slots. Whether the person mentors for uni
// is the caller's check. Errors: *aulabot.Error slot.err_* (EINVALID, or
// ECONFLICT slot.err_overlap).
func (tx *Tx) CreateSlot(uni string, mentor int64, mentorName string, n aulabot.NewSlot) (aulabot.Slot, error) {
	if err := n.Validate(); err != nil {
		return aulabot.Slot{}, err
	}
	// What others see of the slot is cleaned of characters that could
	// make it display as something else.
	mentorName, n.Topic, n.Link = aulabot.CleanText(mentorName), aulabot.CleanText(n.Topic), aulabot.CleanText(n.Link)
	if !n.Start.After(tx.now) {
		return aulabot.Slot{}, aulabot.Errorf(aulabot.EINVALID, "slot.err_past")
	}
	if n.Start.After(tx.now.Add(SlotMaxAhead)) {
		return aulabot.Slot{}, aulabot.Errorf(aulabot.EINVALID, "slot.err_far")
	}
	s := aulabot.Slot{University: uni, Mentor: mentor, MentorName: mentorName, Start: n.Start.UTC(),
		Minutes: n.Minutes, Kind: n.Kind, Capacity: n.Capacity, Topic: n.Topic, Link: n.Link, Created: tx.now}
	other, err := tx.mentorOverlap(mentor, s.Start, s.End(), 0)
	if err != nil {
		return aulabot.Slot{}, err
	}
	if other != nil {
		return aulabot.Slot{}, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_overlap")
	}
	id, err := tx.nextID(bSlots)
	if err != nil {
		return aulabot.Slot{}, err
	}
	s.ID = id
	if err := tx.putSlot(s); err != nil {
		return aulabot.Slot{}, err
	}
	if err := tx.bucket(bSlotsMentor).Put(mentorKey(mentor, s.Start, id), nil); err != nil {
		return aulabot.Slot{}, err
	}
	return s, tx.bucket(bSlotsTime).Put(timeKey(uni, s.Start, id), nil)
}

// MentorOverlap returns the mentor's live slot, other than except, that
// overlaps [start, end), if any.
func (tx *Tx) MentorOverlap(mentor int64, start, end time.Time, except uint64) (aulabot.Slot, bool, error) {
	s, err := tx.mentorOverlap(mentor, start, end, except)
	if s == nil {
		return aulabot.Slot{}, false, err
	}
	return *s, true, err
}

// mentorOverlap returns a live slot of mentor, other than slot except,
// sharing time with [start, end).
func (tx *Tx) mentorOverlap(mentor int64, start, end time.Time, except uint64) (*aulabot.Slot, error) {
	from := start.Add(-aulabot.SlotMaxMinutes * time.Minute)
	var found *aulabot.Slot
	err := tx.scanMentor(mentor, from, end, func(s aulabot.Slot) bool {
		if s.ID != except && s.Overlaps(start, end) {
			found = &s
			return false
		}
		return true
	})
	return found, err
}

// scanMentor calls fn for the mentor's live slots starting in [from, to),
// in start order, until fn returns false.
func (tx *Tx) scanMentor(mentor int64, from, to time.Time, fn func(aulabot.Slot) bool) error {
	prefix := i64(mentor)
	c := tx.bucket(bSlotsMentor).Cursor()
	end := append(i64(mentor), i64(to.Unix())...)
	for k, _ := c.Seek(append(i64(mentor), i64(from.Unix())...)); k != nil && bytes.HasPrefix(k, prefix) && bytes.Compare(k[:16], end) < 0; k, _ = c.Next() {
		s, ok, err := tx.Slot(fromU64(k[16:]))
		if err != nil {
			return err
		}
		if ok && !s.Cancelled && !fn(s) {
			return nil
		}
	}
	return nil
}

// MentorSlots returns the mentor's live slots starting in [from, to).
func (tx *Tx) MentorSlots(mentor int64, from, to time.Time) ([]aulabot.Slot, error) {
	var out []aulabot.Slot
	err := tx.scanMentor(mentor, from, to, func(s aulabot.Slot) bool { out = append(out, s); return true })
	return out, err
}

// UniversitySlots returns the live slots of university uni starting in
// [from, to), in start order.
func (tx *Tx) UniversitySlots(uni string, from, to time.Time) ([]aulabot.Slot, error) {
	var out []aulabot.Slot
	prefix := append([]byte(uni), 0)
	end := append(append([]byte(uni), 0), i64(to.Unix())...)
	c := tx.bucket(bSlotsTime).Cursor()
	for k, _ := c.Seek(append(append([]byte(uni), 0), i64(from.Unix())...)); k != nil && bytes.HasPrefix(k, prefix) && bytes.Compare(k[:len(end)], end) < 0; k, _ = c.Next() {
		s, ok, err := tx.Slot(fromU64(k[len(k)-8:]))
		if err != nil {
			return nil, err
		}
		if ok && !s.Cancelled {
			out = append(out, s)
		}
	}
	return out, nil
}

// CreateSlots creates several slots of one mentor (weekly availability);
// those overlapping an existing slot are skipped and counted, any other
// problem creates nothing.
func (tx *Tx) CreateSlots(uni string, mentor int64, mentorName string, ns []aulabot.NewSlot) (created []aulabot.Slot, skipped int, err error) {
	for _, n := range ns {
		s, err := tx.CreateSlot(uni, mentor, mentorName, n)
		if aulabot.ErrorKey(err) == "slot.err_overlap" {
			skipped++
			continue
		} else if err != nil {
			return nil, 0, err
		}
		created = append(created, s)
	}
	return created, skipped, nil
}

// ownSlot loads slot id for a change by mentor by: ENOTFOUND if it does not
// exist or is cancelled, EFORBIDDEN if it is someone else's.
func (tx *Tx) ownSlot(id uint64, by int64) (aulabot.Slot, error) {
	s, ok, err := tx.Slot(id)
	if err != nil {
		return s, err
	}
	if !ok || s.Cancelled {
		return s, aulabot.Errorf(aulabot.ENOTFOUND, "slot.err_not_found")
	}
	if s.Mentor != by {
		return s, aulabot.Errorf(aulabot.EFORBIDDEN, "slot.err_not_yours")
	}
	return s, nil
}

// CancelSlot cancels mentor by's future slot with a reason: every booking
// and waitlist place in it is cancelled, and returned so that each person
// can be told. Errors: slot.err_not_found, slot.err_not_yours,
// slot.err_started.
func (tx *Tx) CancelSlot(id uint64, by int64, reason string) (aulabot.Slot, []aulabot.Booking, error) {
	s, err := tx.ownSlot(id, by)
	if err != nil {
		return s, nil, err
	}
	if !s.Start.After(tx.now) {
		return s, nil, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_started")
	}
	if utf8.RuneCountInString(reason) > aulabot.SlotMaxTopic {
		return s, nil, aulabot.Errorf(aulabot.EINVALID, "slot.err_topic", "max", aulabot.SlotMaxTopic)
	}
	reason = aulabot.CleanText(reason)
	bs, err := tx.liveBookings(id)
	if err != nil {
		return s, nil, err
	}
	var told []aulabot.Booking
	for _, b := range bs {
		if err := tx.setCancelled(&b); err != nil {
			return s, nil, err
		}
		told = append(told, b)
	}
	s.Cancelled, s.CancelReason, s.Booked, s.Waiting = true, reason, 0, 0
	if err := tx.bucket(bSlotsMentor).Delete(mentorKey(s.Mentor, s.Start, s.ID)); err != nil {
		return s, nil, err
	}
	if err := tx.bucket(bSlotsTime).Delete(timeKey(s.University, s.Start, s.ID)); err != nil {
		return s, nil, err
	}
	return s, told, tx.putSlot(s)
}

// SetCapacity changes the capacity of mentor by's future group slot; never
// below its active bookings. Raising it promotes waiting people into the
// new seats (returned, to be told). Errors: slot.err_capacity,
// slot.err_capacity_below, slot.err_personal_capacity, slot.err_started.
func (tx *Tx) SetCapacity(id uint64, by int64, capacity int, rules aulabot.BookingRules) (aulabot.Slot, []aulabot.Booking, error) {
	s, err := tx.ownSlot(id, by)
	if err != nil {
		return s, nil, err
	}
	switch {
	case !s.Start.After(tx.now):
		return s, nil, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_started")
	case s.Kind != aulabot.SlotGroup:
		return s, nil, aulabot.Errorf(aulabot.EINVALID, "slot.err_personal_capacity")
	case capacity < 1 || capacity > aulabot.SlotMaxCapacity:
		return s, nil, aulabot.Errorf(aulabot.EINVALID, "slot.err_capacity", "max", aulabot.SlotMaxCapacity)
	case capacity < s.Booked:
		return s, nil, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_capacity_below", "booked", s.Booked)
	}
	s.Capacity = capacity
	var promoted []aulabot.Booking
	for s.Booked < s.Capacity && s.Waiting > 0 {
		p, err := tx.promote(&s, rules)
		if err != nil {
			return s, nil, err
		}
		if p == nil {
			break
		}
		promoted = append(promoted, *p)
	}
	return s, promoted, tx.putSlot(s)
}

// MoveSlot moves mentor by's future slot to start. The mentor's other
// slots and every booked or waiting person's other bookings must leave
// room. It returns the slot and its live bookings (each one change more,
// for calendars), so that people can be told and reminders moved.
// Errors: slot.err_not_found, slot.err_not_yours, slot.err_started,
// slot.err_past, slot.err_far, slot.err_overlap, slot.err_move_overlap.
func (tx *Tx) MoveSlot(id uint64, by int64, start time.Time) (aulabot.Slot, []aulabot.Booking, error) {
	s, err := tx.ownSlot(id, by)
	if err != nil {
		return s, nil, err
	}
	switch {
	case !s.Start.After(tx.now):
		return s, nil, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_started")
	case !start.After(tx.now):
		return s, nil, aulabot.Errorf(aulabot.EINVALID, "slot.err_past")
	case start.After(tx.now.Add(SlotMaxAhead)):
		return s, nil, aulabot.Errorf(aulabot.EINVALID, "slot.err_far")
	}
	old := s
	s.Start = start.UTC()
	if other, err := tx.mentorOverlap(s.Mentor, s.Start, s.End(), s.ID); err != nil {
		return s, nil, err
	} else if other != nil {
		return s, nil, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_overlap")
	}
	bs, err := tx.liveBookings(id)
	if err != nil {
		return s, nil, err
	}
	var live []aulabot.Booking
	for _, b := range bs {
		// personFree skips this slot's own booking, so only other
		// bookings count; the maximum cannot be newly exceeded. Waiting
		// people are checked when a seat comes to them.
		if b.Status != aulabot.BookingActive {
			live = append(live, b)
			continue
		}
		if err := tx.personFree(s, b.User, aulabot.BookingRules{MaxActive: 1 << 30}); aulabot.ErrorCode(err) == aulabot.EINTERNAL {
			return s, nil, err
		} else if err != nil {
			return s, nil, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_move_overlap", "name", b.Name)
		}
		b.Sequence++
		b.Updated = tx.now
		if err := tx.putBooking(b); err != nil {
			return s, nil, err
		}
		live = append(live, b)
	}
	if err := tx.bucket(bSlotsMentor).Delete(mentorKey(old.Mentor, old.Start, id)); err != nil {
		return s, nil, err
	}
	if err := tx.bucket(bSlotsTime).Delete(timeKey(old.University, old.Start, id)); err != nil {
		return s, nil, err
	}
	if err := tx.bucket(bSlotsMentor).Put(mentorKey(s.Mentor, s.Start, id), nil); err != nil {
		return s, nil, err
	}
	if err := tx.bucket(bSlotsTime).Put(timeKey(s.University, s.Start, id), nil); err != nil {
		return s, nil, err
	}
	return s, live, tx.putSlot(s)
}

// SetSlotNote keeps mentor by's private note on a slot.
func (tx *Tx) SetSlotNote(id uint64, by int64, note string) (aulabot.Slot, error) {
	s, err := tx.ownSlot(id, by)
	if err != nil {
		return s, err
	}
	if utf8.RuneCountInString(note) > MaxNote || !utf8.ValidString(note) {
		return s, aulabot.Errorf(aulabot.EINVALID, "slot.err_note", "max", MaxNote)
	}
	s.Note = aulabot.CleanText(note)
	return s, tx.putSlot(s)
}

// SetSlotTopic makes topic the topic of mentor by's slot id, cleaned as
// CreateSlot cleans one. Errors: ownSlot's; EINVALID slot.err_topic
// (longer than aulabot.SlotMaxTopic) or slot.err_topic_empty (nothing
// left once cleaned).
func (tx *Tx) SetSlotTopic(id uint64, by int64, topic string) (aulabot.Slot, error) {
	s, err := tx.ownSlot(id, by)
	if err != nil {
		return s, err
	}
	if utf8.RuneCountInString(topic) > aulabot.SlotMaxTopic || !utf8.ValidString(topic) {
		return s, aulabot.Errorf(aulabot.EINVALID, "slot.err_topic", "max", aulabot.SlotMaxTopic)
	}
	if topic = strings.TrimSpace(aulabot.CleanText(topic)); topic == "" {
		return s, aulabot.Errorf(aulabot.EINVALID, "slot.err_topic_empty")
	}
	s.Topic = topic
	return s, tx.putSlot(s)
}

// CreateSlot is Tx.CreateSlot in its own transaction.
func (s *Store) CreateSlot(uni string, mentor int64, mentorName string, n aulabot.NewSlot) (sl aulabot.Slot, err error) {
	err = s.Update(func(tx *Tx) error { sl, err = tx.CreateSlot(uni, mentor, mentorName, n); return err })
	return sl, err
}

// Slot returns slot id; false if there is none.
func (s *Store) Slot(id uint64) (sl aulabot.Slot, ok bool, err error) {
	err = s.View(func(tx *Tx) error { sl, ok, err = tx.Slot(id); return err })
	return sl, ok, err
}

// CancelSlot is Tx.CancelSlot in its own transaction.
func (s *Store) CancelSlot(id uint64, by int64, reason string) (sl aulabot.Slot, told []aulabot.Booking, err error) {
	err = s.Update(func(tx *Tx) error { sl, told, err = tx.CancelSlot(id, by, reason); return err })
	return sl, told, err
}

// MoveSlot is Tx.MoveSlot in its own transaction.
func (s *Store) MoveSlot(id uint64, by int64, start time.Time) (sl aulabot.Slot, live []aulabot.Booking, err error) {
	err = s.Update(func(tx *Tx) error { sl, live, err = tx.MoveSlot(id, by, start); return err })
	return sl, live, err
}

// SetCapacity is Tx.SetCapacity in its own transaction.
func (s *Store) SetCapacity(id uint64, by int64, capacity int, rules aulabot.BookingRules) (sl aulabot.Slot, promoted []aulabot.Booking, err error) {
	err = s.Update(func(tx *Tx) error { sl, promoted, err = tx.SetCapacity(id, by, capacity, rules); return err })
	return sl, promoted, err
}

func fromU64(b []byte) uint64 {
	if len(b) != 8 {
		panic(fmt.Sprintf("store: key of %d bytes", len(b)))
	}
	return uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
		uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
}
