package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

var rules = aulabot.BookingRules{} // the defaults: 2h notice, 21d horizon, 2h cutoff, 3 active

const mentorA = 4001

func person(id int64) aulabot.User {
	return aulabot.User{ID: id, Name: fmt.Sprintf("P%d", id), University: "unma", Role: aulabot.RoleTeacher}
}

// slotAt creates a slot of mentor starting d from now.
func slotAt(t testing.TB, s *store.Store, mentor int64, d time.Duration, kind string, capacity int) aulabot.Slot {
	t.Helper()
	sl, err := s.CreateSlot("unma", mentor, "Mentor", aulabot.NewSlot{Start: s.Now().Add(d), Minutes: 60, Kind: kind, Capacity: capacity})
	if err != nil {
		t.Fatalf("create slot: %v", err)
	}
	return sl
}

func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	if got := aulabot.ErrorKey(err); got != key {
		t.Fatalf("err = %v (key %q), want key %q", err, got, key)
	}
}

func TestStore_CreateSlot(t *testing.T) {
	s, _ := open(t)
	now := s.Now()
	ok := aulabot.NewSlot{Start: now.Add(24 * time.Hour), Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1}
	if _, err := s.CreateSlot("unma", mentorA, "A", ok); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		n    aulabot.NewSlot
		key  string
	}{
		{"ErrOverlap", aulabot.NewSlot{Start: now.Add(24*time.Hour + 30*time.Minute), Minutes: 60, Kind: "personal", Capacity: 1}, "slot.err_overlap"},
		{"ErrOverlapInside", aulabot.NewSlot{Start: now.Add(23 * time.Hour), Minutes: 240, Kind: "personal", Capacity: 1}, "slot.err_overlap"},
		{"ErrPast", aulabot.NewSlot{Start: now.Add(-time.Minute), Minutes: 60, Kind: "personal", Capacity: 1}, "slot.err_past"},
		{"ErrMinutes", aulabot.NewSlot{Start: now.Add(48 * time.Hour), Minutes: 10000, Kind: "group", Capacity: 5}, "slot.err_minutes"},
		{"ErrCapacityZero", aulabot.NewSlot{Start: now.Add(48 * time.Hour), Minutes: 60, Kind: "group", Capacity: 0}, "slot.err_capacity"},
		{"ErrCapacityNegative", aulabot.NewSlot{Start: now.Add(48 * time.Hour), Minutes: 60, Kind: "group", Capacity: -3}, "slot.err_capacity"},
		{"ErrFar", aulabot.NewSlot{Start: now.Add(400 * 24 * time.Hour), Minutes: 60, Kind: "personal", Capacity: 1}, "slot.err_far"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateSlot("unma", mentorA, "A", tt.n)
			wantKey(t, err, tt.key)
		})
	}
	t.Run("BackToBack", func(t *testing.T) {
		n := ok
		n.Start = now.Add(25 * time.Hour)
		if _, err := s.CreateSlot("unma", mentorA, "A", n); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("OtherUniversitySameMentor", func(t *testing.T) {
		if _, err := s.CreateSlot("unvs", mentorA, "A", ok); aulabot.ErrorKey(err) != "slot.err_overlap" {
			t.Fatalf("err = %v, want overlap across universities", err)
		}
	})
}

func TestStore_BookSlot(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 2)
		b, err := s.BookSlot(sl.ID, person(1), rules)
		if err != nil || b.Status != aulabot.BookingActive {
			t.Fatalf("book = %+v, %v", b, err)
		}
		if got, _, _ := s.Slot(sl.ID); got.Booked != 1 {
			t.Errorf("booked = %d, want 1", got.Booked)
		}
	})
	t.Run("ErrAlready", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 5)
		s.BookSlot(sl.ID, person(1), rules)
		_, err := s.BookSlot(sl.ID, person(1), rules)
		wantKey(t, err, "booking.err_already")
		if got, _, _ := s.Slot(sl.ID); got.Booked != 1 {
			t.Errorf("booked = %d, want 1", got.Booked)
		}
	})
	t.Run("ErrFull", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
		s.BookSlot(sl.ID, person(1), rules)
		_, err := s.BookSlot(sl.ID, person(2), rules)
		wantKey(t, err, "booking.err_full")
	})
	t.Run("ErrOverlap", func(t *testing.T) {
		s, _ := open(t)
		a := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
		b := slotAt(t, s, 4002, 24*time.Hour+30*time.Minute, aulabot.SlotPersonal, 1)
		if _, err := s.BookSlot(a.ID, person(1), rules); err != nil {
			t.Fatal(err)
		}
		_, err := s.BookSlot(b.ID, person(1), rules)
		wantKey(t, err, "booking.err_overlap")
	})
	t.Run("ErrNotice", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 90*time.Minute, aulabot.SlotPersonal, 1)
		_, err := s.BookSlot(sl.ID, person(1), rules)
		wantKey(t, err, "booking.err_notice")
	})
	t.Run("ErrHorizon", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 22*24*time.Hour, aulabot.SlotPersonal, 1)
		_, err := s.BookSlot(sl.ID, person(1), rules)
		wantKey(t, err, "booking.err_horizon")
	})
	t.Run("ErrPast", func(t *testing.T) {
		s, now := open(t)
		sl := slotAt(t, s, mentorA, 3*time.Hour, aulabot.SlotPersonal, 1)
		*now = now.Add(4 * time.Hour)
		_, err := s.BookSlot(sl.ID, person(1), rules)
		wantKey(t, err, "booking.err_past")
	})
	t.Run("ErrMax", func(t *testing.T) {
		s, _ := open(t)
		for i := range 3 {
			sl := slotAt(t, s, mentorA, time.Duration(24+2*i)*time.Hour, aulabot.SlotPersonal, 1)
			if _, err := s.BookSlot(sl.ID, person(1), rules); err != nil {
				t.Fatal(err)
			}
		}
		sl := slotAt(t, s, mentorA, 48*time.Hour, aulabot.SlotPersonal, 1)
		_, err := s.BookSlot(sl.ID, person(1), rules)
		wantKey(t, err, "booking.err_max")
	})
	t.Run("ErrOtherUniversity", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
		p := person(1)
		p.University = "unvs"
		_, err := s.BookSlot(sl.ID, p, rules)
		wantKey(t, err, "booking.err_no_slot")
	})
	t.Run("ErrOwnSlot", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
		_, err := s.BookSlot(sl.ID, person(mentorA), rules)
		wantKey(t, err, "booking.err_own_slot")
	})
}

func TestStore_CancelBooking(t *testing.T) {
	t.Run("PromotesFirstEligible", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 1)
		b1, _ := s.BookSlot(sl.ID, person(1), rules)
		w2, err := s.JoinWaitlist(sl.ID, person(2), rules)
		if err != nil {
			t.Fatal(err)
		}
		w3, _ := s.JoinWaitlist(sl.ID, person(3), rules)
		// Person 2 meanwhile books an overlapping slot: no longer eligible.
		other := slotAt(t, s, 4002, 24*time.Hour, aulabot.SlotPersonal, 1)
		if _, err := s.BookSlot(other.ID, person(2), rules); err != nil {
			t.Fatal(err)
		}
		c, err := s.CancelBooking(b1.ID, 1, false, rules)
		if err != nil {
			t.Fatal(err)
		}
		if c.Promoted == nil || c.Promoted.ID != w3.ID {
			t.Fatalf("promoted = %+v, want booking %d of person 3", c.Promoted, w3.ID)
		}
		if got, _, _ := s.Booking(w2.ID); got.Status != aulabot.BookingWaiting {
			t.Errorf("person 2 = %s, want still waiting", got.Status)
		}
		if got, _, _ := s.Slot(sl.ID); got.Booked != 1 || got.Waiting != 1 {
			t.Errorf("slot booked %d waiting %d, want 1 and 1", got.Booked, got.Waiting)
		}
	})
	t.Run("FreesSeat", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
		b, _ := s.BookSlot(sl.ID, person(1), rules)
		if _, err := s.CancelBooking(b.ID, 1, false, rules); err != nil {
			t.Fatal(err)
		}
		if _, err := s.BookSlot(sl.ID, person(2), rules); err != nil {
			t.Fatalf("seat not freed: %v", err)
		}
	})
	t.Run("ErrCutoff", func(t *testing.T) {
		s, now := open(t)
		sl := slotAt(t, s, mentorA, 3*time.Hour, aulabot.SlotPersonal, 1)
		b, _ := s.BookSlot(sl.ID, person(1), rules)
		*now = now.Add(90 * time.Minute)
		_, err := s.CancelBooking(b.ID, 1, false, rules)
		wantKey(t, err, "booking.err_cutoff")
		if _, err := s.CancelBooking(b.ID, mentorA, true, rules); err != nil {
			t.Fatalf("mentor override: %v", err)
		}
	})
	t.Run("ErrNotYours", func(t *testing.T) {
		s, _ := open(t)
		sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
		b, _ := s.BookSlot(sl.ID, person(1), rules)
		_, err := s.CancelBooking(b.ID, 2, false, rules)
		wantKey(t, err, "booking.err_not_yours")
	})
}

func TestStore_SetCapacity(t *testing.T) {
	s, _ := open(t)
	sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 2)
	s.BookSlot(sl.ID, person(1), rules)
	s.BookSlot(sl.ID, person(2), rules)
	w, _ := s.JoinWaitlist(sl.ID, person(3), rules)
	_, _, err := s.SetCapacity(sl.ID, mentorA, 1, rules)
	wantKey(t, err, "slot.err_capacity_below")
	_, _, err = s.SetCapacity(sl.ID, 4002, 5, rules)
	wantKey(t, err, "slot.err_not_yours")
	_, _, err = s.SetCapacity(sl.ID, mentorA, 0, rules)
	wantKey(t, err, "slot.err_capacity")
	got, promoted, err := s.SetCapacity(sl.ID, mentorA, 3, rules)
	if err != nil || len(promoted) != 1 || promoted[0].ID != w.ID || got.Booked != 3 {
		t.Fatalf("raise: slot %+v promoted %+v err %v", got, promoted, err)
	}
}

func TestStore_CancelSlot(t *testing.T) {
	s, _ := open(t)
	sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 2)
	s.BookSlot(sl.ID, person(1), rules)
	s.BookSlot(sl.ID, person(2), rules)
	_, _, err := s.CancelSlot(sl.ID, 4002, "x")
	wantKey(t, err, "slot.err_not_yours")
	got, told, err := s.CancelSlot(sl.ID, mentorA, "ill")
	if err != nil || len(told) != 2 || !got.Cancelled || got.CancelReason != "ill" {
		t.Fatalf("cancel slot = %+v, told %d, %v", got, len(told), err)
	}
	// The mentor's time is free again.
	if _, err := s.CreateSlot("unma", mentorA, "A", aulabot.NewSlot{Start: sl.Start, Minutes: 60, Kind: "personal", Capacity: 1}); err != nil {
		t.Fatalf("recreate: %v", err)
	}
	if bs, _ := s.UserBookings(1); bs[0].Status != aulabot.BookingCancelled {
		t.Errorf("booking = %s, want cancelled", bs[0].Status)
	}
}

func TestStore_MarkAttendance(t *testing.T) {
	s, now := open(t)
	sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 5)
	b, _ := s.BookSlot(sl.ID, person(1), rules)
	_, err := s.MarkAttendance(b.ID, mentorA, false)
	wantKey(t, err, "slot.err_not_started")
	*now = now.Add(24*time.Hour + time.Minute)
	_, err = s.MarkAttendance(b.ID, 4002, false)
	wantKey(t, err, "slot.err_not_yours")
	if _, err := s.MarkAttendance(b.ID, mentorA, false); err != nil {
		t.Fatal(err)
	}
	s.MarkAttendance(b.ID, mentorA, false) // twice: counted once
	if n := s.NoShows(1); n != 1 {
		t.Errorf("no-shows = %d, want 1", n)
	}
	_, err = s.RateBooking(b.ID, 1, 5, "")
	wantKey(t, err, "booking.err_not_attended")
	s.MarkAttendance(b.ID, mentorA, true)
	if n := s.NoShows(1); n != 0 {
		t.Errorf("no-shows after correction = %d, want 0", n)
	}
	for _, stars := range []int{0, 6, -1} {
		_, err = s.RateBooking(b.ID, 1, stars, "")
		wantKey(t, err, "booking.err_rating")
	}
	_, err = s.RateBooking(b.ID, 2, 5, "")
	wantKey(t, err, "booking.err_not_yours")
	if got, err := s.RateBooking(b.ID, 1, 4, "useful"); err != nil || got.Rating != 4 || got.Comment != "useful" {
		t.Fatalf("rate = %+v, %v", got, err)
	}
	// A changed rating keeps the comment and moves the counter by stars.
	if got, err := s.RateBooking(b.ID, 1, 2, ""); err != nil || got.Rating != 2 || got.Comment != "useful" {
		t.Fatalf("a changed rating = %+v, %v", got, err)
	}
	s.RateBooking(b.ID, 1, 2, "") // the same again
	_ = s.View(func(tx *store.Tx) error {
		if four, two := tx.Counter("rating:"+sl.University+":4"), tx.Counter("rating:"+sl.University+":2"); four != 0 || two != 1 {
			t.Errorf("ratings counted: 4 stars %d, 2 stars %d; want 0 and 1", four, two)
		}
		return nil
	})
}

func TestStore_EraseBookings(t *testing.T) {
	s, now := open(t)
	past := slotAt(t, s, mentorA, 3*time.Hour, aulabot.SlotGroup, 5)
	future := slotAt(t, s, mentorA, 48*time.Hour, aulabot.SlotGroup, 5)
	pb, _ := s.BookSlot(past.ID, person(1), rules)
	fb, _ := s.BookSlot(future.ID, person(1), rules)
	*now = now.Add(5 * time.Hour)
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(1) }); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Booking(fb.ID); got.Status != aulabot.BookingCancelled || got.User != 0 {
		t.Errorf("future booking = %+v, want cancelled and anonymous", got)
	}
	if got, _, _ := s.Booking(pb.ID); got.Status != aulabot.BookingActive || got.User != 0 || got.Name != "" {
		t.Errorf("past booking = %+v, want kept anonymous", got)
	}
	if got, _, _ := s.Slot(future.ID); got.Booked != 0 {
		t.Errorf("future slot booked = %d, want 0", got.Booked)
	}
	if bs, _ := s.UserBookings(1); len(bs) != 0 {
		t.Errorf("user still has %d bookings", len(bs))
	}
}

// A seat freed by a data deletion is free for the waitlist to take.
func TestStore_BookSlot_FromWaitlist(t *testing.T) {
	s, _ := open(t)
	sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 1)
	s.BookSlot(sl.ID, person(1), rules)
	w, _ := s.JoinWaitlist(sl.ID, person(2), rules)
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(1) }); err != nil {
		t.Fatal(err)
	}
	b, err := s.BookSlot(sl.ID, person(2), rules)
	if err != nil || b.ID != w.ID || b.Status != aulabot.BookingActive {
		t.Fatalf("book from the waitlist = %+v, %v", b, err)
	}
	if got, _, _ := s.Slot(sl.ID); got.Booked != 1 || got.Waiting != 0 {
		t.Errorf("slot booked %d waiting %d", got.Booked, got.Waiting)
	}
}

// TestStore_BookSlot_Concurrent: 200 people take the last seats of one slot
// at once; exactly the capacity get one, everyone else is told it is full
// or (asking for the waitlist) waits.
func TestStore_BookSlot_Concurrent(t *testing.T) {
	s, _ := open(t)
	const capacity = 7
	sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, capacity)
	var (
		wg                          sync.WaitGroup
		mu                          sync.Mutex
		booked, full, waited, other int
	)
	for i := range 200 {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			_, err := s.BookSlot(sl.ID, person(id), rules)
			if aulabot.ErrorKey(err) == "booking.err_full" && id%2 == 0 {
				_, err = s.JoinWaitlist(sl.ID, person(id), rules)
				if err == nil {
					mu.Lock()
					waited++
					mu.Unlock()
					return
				}
			}
			mu.Lock()
			defer mu.Unlock()
			switch aulabot.ErrorKey(err) {
			case "":
				if err != nil {
					other++
				} else {
					booked++
				}
			case "booking.err_full":
				full++
			default:
				other++
			}
		}(int64(100 + i))
	}
	wg.Wait()
	if booked != capacity || other != 0 || booked+full+waited != 200 {
		t.Fatalf("booked %d full %d waited %d other %d, want %d booked", booked, full, waited, other, capacity)
	}
	got, _, _ := s.Slot(sl.ID)
	if got.Booked != capacity || got.Waiting != waited {
		t.Errorf("slot booked %d waiting %d, want %d and %d", got.Booked, got.Waiting, capacity, waited)
	}
}

func TestStore_MoveSlot(t *testing.T) {
	s, _ := open(t)
	sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 3)
	b, _ := s.BookSlot(sl.ID, person(1), rules)
	busy := slotAt(t, s, 4002, 48*time.Hour, aulabot.SlotPersonal, 1)
	if _, err := s.BookSlot(busy.ID, person(1), rules); err != nil {
		t.Fatal(err)
	}
	mine := slotAt(t, s, mentorA, 72*time.Hour, aulabot.SlotPersonal, 1)
	now := s.Now()
	_, _, err := s.MoveSlot(sl.ID, mentorA, now.Add(48*time.Hour))
	wantKey(t, err, "slot.err_move_overlap")
	_, _, err = s.MoveSlot(sl.ID, mentorA, mine.Start.Add(30*time.Minute))
	wantKey(t, err, "slot.err_overlap")
	_, _, err = s.MoveSlot(sl.ID, 4002, now.Add(30*time.Hour))
	wantKey(t, err, "slot.err_not_yours")
	_, _, err = s.MoveSlot(sl.ID, mentorA, now.Add(-time.Hour))
	wantKey(t, err, "slot.err_past")
	got, live, err := s.MoveSlot(sl.ID, mentorA, now.Add(24*time.Hour+30*time.Minute)) // overlaps its old self: fine
	if err != nil || len(live) != 1 || live[0].ID != b.ID || live[0].Sequence != 1 || !got.Start.Equal(now.Add(24*time.Hour+30*time.Minute)) {
		t.Fatalf("move = %+v, %+v, %v", got, live, err)
	}
	// The old time is free for the mentor, the new one taken.
	if _, err := s.CreateSlot("unma", mentorA, "A", aulabot.NewSlot{Start: now.Add(23*time.Hour + 30*time.Minute), Minutes: 60, Kind: "personal", Capacity: 1}); err != nil {
		t.Errorf("old time still taken: %v", err)
	}
	_, err = s.CreateSlot("unma", mentorA, "A", aulabot.NewSlot{Start: now.Add(25 * time.Hour), Minutes: 60, Kind: "personal", Capacity: 1})
	wantKey(t, err, "slot.err_overlap")
}

// A mentor who deletes their data: their name and private notes go from
// every slot; the slots stay, with the people booked.
func TestStore_DeleteUserData_Mentor(t *testing.T) {
	s, _ := open(t)
	sl := slotAt(t, s, mentorA, 48*time.Hour, aulabot.SlotGroup, 3)
	if _, err := s.BookSlot(sl.ID, person(7), rules); err != nil {
		t.Fatal(err)
	}
	err := s.Update(func(tx *store.Tx) error {
		if _, err := tx.SetSlotNote(sl.ID, mentorA, "Ana always late"); err != nil {
			return err
		}
		return tx.DeleteUserData(mentorA)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, ok, _ := s.Slot(sl.ID)
	if !ok || got.MentorName != "" || got.Note != "" || got.Booked != 1 || got.Mentor != mentorA {
		t.Errorf("slot after the mentor's deletion = %+v", got)
	}
}

// Attendance of a person who deleted their data is marked on the
// anonymous booking and counted in nobody's no-shows.
func TestStore_MarkAttendance_Anonymous(t *testing.T) {
	s, now := open(t)
	sl := slotAt(t, s, mentorA, 3*time.Hour, aulabot.SlotGroup, 3)
	var ids []uint64
	for _, p := range []int64{7, 8} {
		b, err := s.BookSlot(sl.ID, person(p), rules)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	*now = now.Add(3*time.Hour + time.Minute)
	for _, p := range []int64{7, 8} {
		if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(p) }); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range ids {
		b, err := s.MarkAttendance(id, mentorA, false)
		if err != nil || b.Attendance != aulabot.NoShow || b.User != 0 {
			t.Fatalf("mark %d: %+v, %v", id, b, err)
		}
	}
	if n := s.NoShows(0); n != 0 {
		t.Errorf("no-shows of user 0 = %d: deleted people share a counter", n)
	}
}

// TestStore_SetSlotTopic: a mentor's own session's topic is replaced,
// cleaned; another's, one too long and one of nothing are refused and
// change nothing.
func TestStore_SetSlotTopic(t *testing.T) {
	s, _ := open(t)
	sl, err := s.CreateSlot("unma", mentorA, "Ana", aulabot.NewSlot{Start: s.Now().Add(3 * time.Hour), Minutes: 60,
		Kind: aulabot.SlotGroup, Capacity: 5, Topic: "Rubrics"})
	if err != nil {
		t.Fatal(err)
	}
	set := func(by int64, topic string) error {
		return s.Update(func(tx *store.Tx) error { _, err := tx.SetSlotTopic(sl.ID, by, topic); return err })
	}
	for _, c := range []struct {
		by    int64
		topic string
		code  string
	}{
		{mentorA + 1, "Forums", aulabot.EFORBIDDEN},
		{mentorA, strings.Repeat("x", aulabot.SlotMaxTopic+1), aulabot.EINVALID},
		{mentorA, " \u202e\x00 ", aulabot.EINVALID},
	} {
		if err := set(c.by, c.topic); aulabot.ErrorCode(err) != c.code {
			t.Errorf("topic %q by %d: %v, want %s", c.topic, c.by, err, c.code)
		}
		if got, _, _ := s.Slot(sl.ID); got.Topic != "Rubrics" {
			t.Errorf("after a refusal the topic is %q", got.Topic)
		}
	}
	if err := set(mentorA, " Forums\u202e "); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Slot(sl.ID); got.Topic != "Forums" {
		t.Errorf("topic = %q, want \"Forums\"", got.Topic)
	}
}

// Names, topics, notes, reasons and comments are stored without the
// characters that make a text display as something else.
func TestStore_CleanText(t *testing.T) {
	s, now := open(t)
	const dirty = "Ana\u202e\x00 <b>"
	const clean = "Ana <b>"
	sl, err := s.CreateSlot("unma", mentorA, dirty, aulabot.NewSlot{Start: s.Now().Add(3 * time.Hour), Minutes: 60,
		Kind: aulabot.SlotPersonal, Capacity: 1, Topic: dirty})
	if err != nil {
		t.Fatal(err)
	}
	u := person(7)
	u.Name = dirty
	var b aulabot.Booking
	err = s.Update(func(tx *store.Tx) error {
		if err := tx.PutUser(u); err != nil {
			return err
		}
		if b, err = tx.BookSlot(sl.ID, u, rules); err != nil {
			return err
		}
		if b, err = tx.SetBookingTopic(b.ID, 7, dirty); err != nil {
			return err
		}
		_, err = tx.SetSlotNote(sl.ID, mentorA, dirty)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _, _ := s.Slot(sl.ID)
	stored, _, _ := s.User(7)
	for what, v := range map[string]string{"mentor name": got.MentorName, "slot topic": got.Topic, "note": got.Note,
		"booking name": b.Name, "booking topic": b.Topic, "user name": stored.Name} {
		if v != clean {
			t.Errorf("%s = %q, want %q", what, v, clean)
		}
	}
	*now = now.Add(time.Hour)
	err = s.Update(func(tx *store.Tx) error {
		_, _, err := tx.CancelSlot(sl.ID, mentorA, dirty)
		return err
	})
	if got, _, _ := s.Slot(sl.ID); err != nil || got.CancelReason != clean {
		t.Errorf("cancel reason = %q, %v", got.CancelReason, err)
	}
}

// TestStore_ChangeBooking: a seat moves to another slot in one
// transaction; whatever refuses the new seat leaves the old one as it was.
func TestStore_ChangeBooking(t *testing.T) {
	t.Run("Moves", func(t *testing.T) {
		s, _ := open(t)
		from := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
		to := slotAt(t, s, 4002, 48*time.Hour, aulabot.SlotPersonal, 1)
		b, _ := s.BookSlot(from.ID, person(1), rules)
		if err := s.Update(func(tx *store.Tx) error { _, err := tx.SetBookingTopic(b.ID, 1, "rúbricas"); return err }); err != nil {
			t.Fatal(err)
		}
		c, nb, err := s.ChangeBooking(b.ID, to.ID, person(1), rules)
		if err != nil {
			t.Fatal(err)
		}
		if c.Booking.Status != aulabot.BookingCancelled || nb.Status != aulabot.BookingActive || nb.Slot != to.ID {
			t.Fatalf("old %s, new %s in slot %d; want cancelled, active in %d", c.Booking.Status, nb.Status, nb.Slot, to.ID)
		}
		stored, _, _ := s.Booking(nb.ID)
		if stored.From != b.ID || stored.Topic != "rúbricas" || stored.Sequence <= c.Booking.Sequence {
			t.Errorf("new booking from %d topic %q seq %d (old seq %d); want from %d, the topic, a later seq",
				stored.From, stored.Topic, stored.Sequence, c.Booking.Sequence, b.ID)
		}
		if got, _, _ := s.Slot(from.ID); got.Booked != 0 {
			t.Errorf("old slot booked %d, want 0", got.Booked)
		}
		if got, _, _ := s.Slot(to.ID); got.Booked != 1 {
			t.Errorf("new slot booked %d, want 1", got.Booked)
		}
		if _, err := s.BookSlot(from.ID, person(2), rules); err != nil {
			t.Errorf("old seat not freed: %v", err)
		}
		// Changed again: still the first booking's calendar event.
		back := slotAt(t, s, mentorA, 72*time.Hour, aulabot.SlotPersonal, 1)
		_, again, err := s.ChangeBooking(nb.ID, back.ID, person(1), rules)
		if err != nil || again.From != b.ID || again.Sequence <= stored.Sequence {
			t.Errorf("changed again: from %d seq %d err %v; want from %d, seq after %d", again.From, again.Sequence, err, b.ID, stored.Sequence)
		}
	})
	t.Run("AtMaxAndOverlappingTheOld", func(t *testing.T) {
		s, _ := open(t)
		var first aulabot.Booking
		for i := range rules.Max() {
			sl := slotAt(t, s, mentorA, time.Duration(24*(i+1))*time.Hour, aulabot.SlotGroup, 5)
			b, err := s.BookSlot(sl.ID, person(1), rules)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = b
			}
		}
		// Another mentor at the same hour as the first session.
		same := slotAt(t, s, 4002, 24*time.Hour+30*time.Minute, aulabot.SlotGroup, 5)
		if _, err := s.BookSlot(same.ID, person(1), rules); aulabot.ErrorKey(err) == "" {
			t.Fatal("a fourth booking was taken: the test needs the maximum")
		}
		if _, _, err := s.ChangeBooking(first.ID, same.ID, person(1), rules); err != nil {
			t.Fatalf("change at the maximum, overlapping the old session: %v", err)
		}
	})
	t.Run("PromotesWaiting", func(t *testing.T) {
		s, _ := open(t)
		from := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 1)
		to := slotAt(t, s, mentorA, 48*time.Hour, aulabot.SlotGroup, 1)
		b, _ := s.BookSlot(from.ID, person(1), rules)
		w, err := s.JoinWaitlist(from.ID, person(2), rules)
		if err != nil {
			t.Fatal(err)
		}
		c, _, err := s.ChangeBooking(b.ID, to.ID, person(1), rules)
		if err != nil {
			t.Fatal(err)
		}
		if c.Promoted == nil || c.Promoted.ID != w.ID {
			t.Fatalf("promoted %+v, want person 2's booking %d", c.Promoted, w.ID)
		}
	})
	refused := []struct {
		name, key string
		// setup returns the booking to change, the slot to change it to
		// and the person changing it.
		setup func(t *testing.T, s *store.Store, now *time.Time) (uint64, uint64, aulabot.User)
	}{
		{"Full", "booking.err_full", func(t *testing.T, s *store.Store, _ *time.Time) (uint64, uint64, aulabot.User) {
			from := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
			to := slotAt(t, s, 4002, 48*time.Hour, aulabot.SlotPersonal, 1)
			b, _ := s.BookSlot(from.ID, person(1), rules)
			if _, err := s.BookSlot(to.ID, person(2), rules); err != nil {
				t.Fatal(err)
			}
			return b.ID, to.ID, person(1)
		}},
		{"Cutoff", "booking.err_cutoff", func(t *testing.T, s *store.Store, now *time.Time) (uint64, uint64, aulabot.User) {
			from := slotAt(t, s, mentorA, 3*time.Hour, aulabot.SlotPersonal, 1)
			to := slotAt(t, s, 4002, 48*time.Hour, aulabot.SlotPersonal, 1)
			b, _ := s.BookSlot(from.ID, person(1), rules)
			*now = now.Add(90 * time.Minute)
			return b.ID, to.ID, person(1)
		}},
		{"Notice", "booking.err_notice", func(t *testing.T, s *store.Store, now *time.Time) (uint64, uint64, aulabot.User) {
			to := slotAt(t, s, 4002, 3*time.Hour, aulabot.SlotPersonal, 1)
			from := slotAt(t, s, mentorA, 48*time.Hour, aulabot.SlotPersonal, 1)
			b, _ := s.BookSlot(from.ID, person(1), rules)
			*now = now.Add(90 * time.Minute)
			return b.ID, to.ID, person(1)
		}},
		{"OverlapsAnother", "booking.err_overlap", func(t *testing.T, s *store.Store, _ *time.Time) (uint64, uint64, aulabot.User) {
			from := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
			busy := slotAt(t, s, mentorA, 48*time.Hour, aulabot.SlotPersonal, 1)
			to := slotAt(t, s, 4002, 48*time.Hour, aulabot.SlotPersonal, 1)
			b, _ := s.BookSlot(from.ID, person(1), rules)
			if _, err := s.BookSlot(busy.ID, person(1), rules); err != nil {
				t.Fatal(err)
			}
			return b.ID, to.ID, person(1)
		}},
		{"SameSlot", "booking.err_already", func(t *testing.T, s *store.Store, _ *time.Time) (uint64, uint64, aulabot.User) {
			from := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 3)
			b, _ := s.BookSlot(from.ID, person(1), rules)
			return b.ID, from.ID, person(1)
		}},
		{"NotYours", "booking.err_not_yours", func(t *testing.T, s *store.Store, _ *time.Time) (uint64, uint64, aulabot.User) {
			from := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotPersonal, 1)
			to := slotAt(t, s, 4002, 48*time.Hour, aulabot.SlotPersonal, 1)
			b, _ := s.BookSlot(from.ID, person(1), rules)
			return b.ID, to.ID, person(2)
		}},
		{"Waitlisted", "booking.err_not_found", func(t *testing.T, s *store.Store, _ *time.Time) (uint64, uint64, aulabot.User) {
			from := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 1)
			to := slotAt(t, s, 4002, 48*time.Hour, aulabot.SlotGroup, 3)
			if _, err := s.BookSlot(from.ID, person(2), rules); err != nil {
				t.Fatal(err)
			}
			w, err := s.JoinWaitlist(from.ID, person(1), rules)
			if err != nil {
				t.Fatal(err)
			}
			return w.ID, to.ID, person(1)
		}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			s, now := open(t)
			id, to, u := tt.setup(t, s, now)
			before, _, _ := s.Booking(id)
			was, _ := s.UserBookings(u.ID)
			_, _, err := s.ChangeBooking(id, to, u, rules)
			wantKey(t, err, tt.key)
			after, _, _ := s.Booking(id)
			if after != before {
				t.Errorf("booking changed by a refused change:\n%+v\n%+v", before, after)
			}
			if now, _ := s.UserBookings(u.ID); len(now) != len(was) {
				t.Errorf("%d bookings after a refused change, %d before", len(now), len(was))
			}
			for _, sl := range []uint64{before.Slot, to} {
				got, _, _ := s.Slot(sl)
				var live int
				var bs []aulabot.Booking
				if err := s.View(func(tx *store.Tx) (err error) { bs, err = tx.SlotBookings(sl); return err }); err != nil {
					t.Fatal(err)
				}
				for _, b := range bs {
					if b.Status == aulabot.BookingActive {
						live++
					}
				}
				if got.Booked != live {
					t.Errorf("slot %d counts %d booked, holds %d", sl, got.Booked, live)
				}
			}
		})
	}
}

// TestStore_ChangeBooking_Concurrent: 30 people with seats elsewhere change
// to the last 3 seats of one slot while 30 others book them: 3 seats are
// taken in all, and everyone whose change was refused still holds their
// seat.
func TestStore_ChangeBooking_Concurrent(t *testing.T) {
	s, _ := open(t)
	const seats = 3
	target := slotAt(t, s, mentorA, 72*time.Hour, aulabot.SlotGroup, seats)
	elsewhere := slotAt(t, s, 4002, 24*time.Hour, aulabot.SlotGroup, 30)
	had := map[int64]uint64{}
	for i := range int64(30) {
		b, err := s.BookSlot(elsewhere.ID, person(100+i), rules)
		if err != nil {
			t.Fatal(err)
		}
		had[100+i] = b.ID
	}
	var (
		wg                sync.WaitGroup
		mu                sync.Mutex
		moved, booked, no int
	)
	for i := range int64(60) {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			var err error
			if old, ok := had[id]; ok {
				_, _, err = s.ChangeBooking(old, target.ID, person(id), rules)
			} else {
				_, err = s.BookSlot(target.ID, person(id), rules)
			}
			mu.Lock()
			defer mu.Unlock()
			switch key := aulabot.ErrorKey(err); {
			case err == nil && id < 130:
				moved++
			case err == nil:
				booked++
			case key == "booking.err_full":
				no++
			default:
				t.Errorf("person %d: %v", id, err)
			}
		}(100 + i)
	}
	wg.Wait()
	if moved+booked != seats || no != 60-seats {
		t.Fatalf("moved %d, booked %d, refused %d; want %d seats taken", moved, booked, no, seats)
	}
	if got, _, _ := s.Slot(target.ID); got.Booked != seats {
		t.Errorf("target slot counts %d booked, want %d", got.Booked, seats)
	}
	if got, _, _ := s.Slot(elsewhere.ID); got.Booked != 30-moved {
		t.Errorf("the other slot counts %d booked, want %d (30 less the %d who moved)", got.Booked, 30-moved, moved)
	}
	for id, old := range had {
		b, _, _ := s.Booking(old)
		bs, _ := s.UserBookings(id)
		var active int
		for _, x := range bs {
			if x.Status == aulabot.BookingActive {
				active++
			}
		}
		if active != 1 {
			t.Errorf("person %d holds %d seats (old booking %s), want exactly 1", id, active, b.Status)
		}
	}
}

// TestTx_Backdated: a slot of yesterday is published under a clock set
// before it (as the demo seeds a session that ended), and the clock is
// back afterwards: the same slot now is refused.
func TestTx_Backdated(t *testing.T) {
	s, _ := open(t)
	now := s.Now()
	past := aulabot.NewSlot{Start: now.Add(-24 * time.Hour), Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1}
	err := s.Update(func(tx *store.Tx) error {
		if err := tx.Backdated(now.Add(-72*time.Hour), func() error {
			_, err := tx.CreateSlot("unma", mentorA, "A", past)
			return err
		}); err != nil {
			return err
		}
		if !tx.Now().Equal(now) {
			t.Errorf("the clock stayed at %v", tx.Now())
		}
		past.Start = past.Start.Add(-3 * time.Hour)
		_, err := tx.CreateSlot("unma", mentorA, "A", past)
		wantKey(t, err, "slot.err_past")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A booking its person cancelled while it held a seat says it was given
// up (the mentor's notice of several lists those); a waitlist place, the
// mentor's cancellation and a move to another slot do not.
func TestStore_BookingGivenUp(t *testing.T) {
	s, _ := open(t)
	sl := slotAt(t, s, mentorA, 24*time.Hour, aulabot.SlotGroup, 2)
	other := slotAt(t, s, 4002, 48*time.Hour, aulabot.SlotGroup, 2)
	var bs []aulabot.Booking
	for i := range int64(3) {
		b, err := s.BookSlot(sl.ID, person(1+i), rules)
		if aulabot.ErrorKey(err) == "booking.err_full" {
			b, err = s.JoinWaitlist(sl.ID, person(1+i), rules)
		}
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, b)
	}
	if bs[2].Status != aulabot.BookingWaiting {
		t.Fatalf("the third = %+v, want on the waitlist", bs[2])
	}
	var moved aulabot.Cancellation
	err := s.Update(func(tx *store.Tx) (err error) {
		moved, _, err = tx.ChangeBooking(bs[1].ID, other.ID, person(2), rules)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CancelBooking(bs[2].ID, 3, false, rules); err != nil { // promoted by the move: holds a seat
		t.Fatal(err)
	}
	if _, err := s.CancelBooking(bs[0].ID, mentorA, true, rules); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{false, false, true} {
		if got, _, _ := s.Booking(bs[i].ID); got.GaveUp != want || got.Status != aulabot.BookingCancelled {
			t.Errorf("booking %d: %s, given up %v, want cancelled, %v", i+1, got.Status, got.GaveUp, want)
		}
	}
	if moved.Booking.GaveUp {
		t.Error("the move's cancellation says it was given up")
	}
	for _, p := range []int64{10, 11} { // the seats taken again
		if _, err := s.BookSlot(sl.ID, person(p), rules); err != nil {
			t.Fatal(err)
		}
	}
	waiting, err := s.JoinWaitlist(sl.ID, person(9), rules)
	if err != nil || waiting.Status != aulabot.BookingWaiting {
		t.Fatalf("joining the waitlist: %+v %v", waiting, err)
	}
	if _, err := s.CancelBooking(waiting.ID, 9, false, rules); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Booking(waiting.ID); got.GaveUp {
		t.Error("a waitlist place given up says a seat was")
	}
}
