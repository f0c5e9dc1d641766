package service_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// A booking changed to another time: the old reminders go and the new
// ones come (the 24 h one with Change, the 1 h one, past the cutoff,
// without); the course it was for goes with it; the person waiting for the
// old seat takes it; the mentor gets one message with both times.
func TestMentoring_Change(t *testing.T) {
	m, s := newMentoring(t)
	from := publishSlot(t, m, s, aulabot.SlotGroup, 1)
	var to aulabot.Slot
	update(t, s, func(tx *store.Tx) (err error) {
		to, _, err = m.CreateSlot(tx, mentorOne, "unma", aulabot.NewSlot{Start: now.Add(72 * time.Hour), Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 3})
		return err
	})
	var booked, waiting service.Booked
	var course aulabot.Course
	update(t, s, func(tx *store.Tx) (err error) {
		if booked, err = m.Book(tx, anaUser, aulabot.State{}, from.ID, false); err != nil {
			return err
		}
		if waiting, err = m.Book(tx, benUser, aulabot.State{}, from.ID, true); err != nil {
			return err
		}
		course, err = tx.CreateCourse(aulabot.Course{University: "unma", Teacher: ana, Name: "Cálculo I", Term: "2027-I", Modality: aulabot.ModalityOnline})
		if err != nil {
			return err
		}
		_, err = tx.LinkCourseBooking(course.ID, booked.Booking.ID, ana)
		return err
	})
	var offered []aulabot.Slot
	update(t, s, func(tx *store.Tx) (err error) {
		_, offered, err = m.ChangeFrom(tx, anaUser, booked.Booking.ID)
		return err
	})
	if len(offered) != 1 || offered[0].ID != to.ID {
		t.Fatalf("offered %+v, want only the other slot %d", offered, to.ID)
	}
	told := len(pending(t, s, mentorID))
	var res service.Changed
	update(t, s, func(tx *store.Tx) (err error) { res, err = m.Change(tx, anaUser, booked.Booking.ID, to.ID); return err })
	nb := res.Booking.ID
	k := keys(t, s)
	if k[service.ReminderKey(booked.Booking.ID, "24h")] || k[service.ReminderKey(booked.Booking.ID, "1h")] ||
		!k[service.ReminderKey(nb, "24h")] || !k[service.ReminderKey(nb, "1h")] {
		t.Errorf("reminders %v: want the new booking's (%d), not the old one's (%d)", k, nb, booked.Booking.ID)
	}
	for _, msg := range pending(t, s, ana) {
		if msg.Key == "" || !strings.HasPrefix(msg.Key, "remind:") {
			continue
		}
		change := slices.ContainsFunc(msg.Inline, func(row []aulabot.Button) bool {
			return slices.ContainsFunc(row, func(b aulabot.Button) bool { return b.Data == fmt.Sprintf("change %d", nb) })
		})
		if want := strings.HasSuffix(msg.Key, ":24h"); change != want {
			t.Errorf("reminder %s offers Change: %v, want %v", msg.Key, change, want)
		}
	}
	if c, tied, err := tiedCourse(s, nb); err != nil || !tied || c.ID != course.ID {
		t.Errorf("new booking's course %d (tied %v, %v), want %d", c.ID, tied, err, course.ID)
	}
	if got, _, _ := s.Booking(waiting.Booking.ID); got.Status != aulabot.BookingActive {
		t.Errorf("the person waiting for the old seat is %s, want active", got.Status)
	}
	mentor := pending(t, s, mentorID)[told:]
	var changed, cancelled int
	for _, msg := range mentor {
		if strings.Contains(msg.Text, "Ana changed their booking") {
			changed++
		}
		if strings.Contains(msg.Text, "Ana cancelled") {
			cancelled++
		}
	}
	if changed != 1 || cancelled != 0 {
		t.Errorf("mentor got %d change and %d cancellation messages, want 1 and 0: %+v", changed, cancelled, mentor)
	}
}

// Another mentor's slot: the old mentor hears of a cancellation, the new
// one of a booking.
func TestMentoring_ChangeToAnotherMentor(t *testing.T) {
	m, s := newMentoring(t)
	from := publishSlot(t, m, s, aulabot.SlotPersonal, 1)
	const other = 4009
	var to aulabot.Slot
	update(t, s, func(tx *store.Tx) (err error) {
		if err := tx.PutUser(aulabot.User{ID: other, Name: "Olga", University: "unma", Role: aulabot.RoleTeacher, Lang: "es", ConsentAt: now}); err != nil {
			return err
		}
		to, _, err = m.CreateSlot(tx, service.Mentor{ID: other, Name: "Olga", Lang: "es"}, "unma",
			aulabot.NewSlot{Start: now.Add(96 * time.Hour), Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1})
		return err
	})
	var booked service.Booked
	update(t, s, func(tx *store.Tx) (err error) {
		booked, err = m.Book(tx, anaUser, aulabot.State{}, from.ID, false)
		return err
	})
	told, toldOther := len(pending(t, s, mentorID)), len(pending(t, s, other))
	update(t, s, func(tx *store.Tx) error { _, err := m.Change(tx, anaUser, booked.Booking.ID, to.ID); return err })
	if ms := pending(t, s, mentorID)[told:]; len(ms) != 1 || !strings.Contains(ms[0].Text, "Ana cancelled") {
		t.Errorf("old mentor got %+v, want one cancellation", ms)
	}
	if ms := pending(t, s, other)[toldOther:]; len(ms) != 1 || !strings.Contains(ms[0].Text, "Ana reservó") {
		t.Errorf("new mentor got %+v, want one booking, in Spanish", ms)
	}
}

// Within the cutoff a booking can no longer be changed, and says so in
// words of a change, not of a cancellation.
func TestMentoring_ChangeCutoff(t *testing.T) {
	m, s := newMentoring(t)
	var from, to aulabot.Slot
	update(t, s, func(tx *store.Tx) (err error) {
		if from, _, err = m.CreateSlot(tx, mentorOne, "unma", aulabot.NewSlot{Start: now.Add(3 * time.Hour), Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 3}); err != nil {
			return err
		}
		to, _, err = m.CreateSlot(tx, mentorOne, "unma", aulabot.NewSlot{Start: now.Add(48 * time.Hour), Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 3})
		return err
	})
	var booked service.Booked
	update(t, s, func(tx *store.Tx) (err error) {
		booked, err = m.Book(tx, anaUser, aulabot.State{}, from.ID, false)
		return err
	})
	s.Now = func() time.Time { return now.Add(90 * time.Minute) }
	err := s.Update(func(tx *store.Tx) error { _, _, err := m.ChangeFrom(tx, anaUser, booked.Booking.ID); return err })
	if key := aulabot.ErrorKey(err); key != "booking.err_change_cutoff" {
		t.Errorf("ChangeFrom within the cutoff: %v, want booking.err_change_cutoff", err)
	}
	err = s.Update(func(tx *store.Tx) error { _, err := m.Change(tx, anaUser, booked.Booking.ID, to.ID); return err })
	if key := aulabot.ErrorKey(err); key != "booking.err_change_cutoff" {
		t.Errorf("Change within the cutoff: %v, want booking.err_change_cutoff", err)
	}
	if got, _, _ := s.Booking(booked.Booking.ID); got.Status != aulabot.BookingActive {
		t.Errorf("booking is %s after a refused change, want active", got.Status)
	}
}

func tiedCourse(s *store.Store, booking uint64) (c aulabot.Course, tied bool, err error) {
	err = s.View(func(tx *store.Tx) error { c, tied, err = tx.CourseOfBooking(booking); return err })
	return c, tied, err
}
