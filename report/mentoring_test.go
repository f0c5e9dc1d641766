package report

import (
	"reflect"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func (e *env) slot(mentor int64, name string, kind string, capacity int, start time.Time) uint64 {
	e.t.Helper()
	var id uint64
	e.do(at(time.February, 20, 9, 0), func(tx *store.Tx) error {
		s, err := tx.CreateSlot("unma", mentor, name, aulabot.NewSlot{Start: start.UTC(), Minutes: 60, Kind: kind, Capacity: capacity, Topic: "Moodle"})
		id = s.ID
		return err
	})
	return id
}

// book books slot for person at when; wait joins its waitlist.
func (e *env) book(slot uint64, person int64, when time.Time, wait bool) uint64 {
	e.t.Helper()
	var id uint64
	u := aulabot.User{ID: person, Name: "Persona " + string(rune('A'+person%26)), University: "unma"}
	e.do(when, func(tx *store.Tx) error {
		var b aulabot.Booking
		var err error
		if wait {
			b, err = tx.JoinWaitlist(slot, u, e.cfg.Booking)
		} else {
			b, err = tx.BookSlot(slot, u, e.cfg.Booking)
		}
		id = b.ID
		return err
	})
	return id
}

func (e *env) mark(booking uint64, mentor int64, attended bool, when time.Time) {
	e.t.Helper()
	e.do(when, func(tx *store.Tx) error { _, err := tx.MarkAttendance(booking, mentor, attended); return err })
}

func (e *env) rate(booking uint64, person int64, stars int, when time.Time) {
	e.t.Helper()
	e.do(when, func(tx *store.Tx) error { _, err := tx.RateBooking(booking, person, stars, ""); return err })
}

// mentoringData stores the sessions of TestReport_Mentoring.
func mentoringData(e *env) {
	booked := at(time.February, 25, 9, 0)
	// Marta: a personal session on Tuesday 3 March, attended, rated 4.
	s1 := e.slot(4001, "Marta", aulabot.SlotPersonal, 1, at(time.March, 3, 15, 0))
	b := e.book(s1, 201, booked, false)
	e.mark(b, 4001, true, at(time.March, 3, 16, 0))
	e.rate(b, 201, 4, at(time.March, 3, 17, 0))
	// Marta: a group of 5 on Thursday 5 March: one attended and rated
	// 5, one no-show, one not marked, one cancelled.
	s2 := e.slot(4001, "Marta", aulabot.SlotGroup, 5, at(time.March, 5, 16, 0))
	b = e.book(s2, 202, booked, false)
	e.mark(b, 4001, true, at(time.March, 5, 17, 0))
	e.rate(b, 202, 5, at(time.March, 5, 18, 0))
	e.mark(e.book(s2, 203, booked, false), 4001, false, at(time.March, 5, 17, 0))
	e.book(s2, 204, booked, false)
	cancelled := e.book(s2, 205, booked, false)
	e.do(booked, func(tx *store.Tx) error { _, err := tx.CancelBooking(cancelled, 205, false, e.cfg.Booking); return err })
	// Nico: a full group of 3 on Tuesday 10 March with one waiting;
	// one attended (not rated), two not marked.
	s3 := e.slot(4002, "Nico", aulabot.SlotGroup, 3, at(time.March, 10, 10, 0))
	e.mark(e.book(s3, 206, booked, false), 4002, true, at(time.March, 10, 11, 0))
	e.book(s3, 207, booked, false)
	e.book(s3, 208, booked, false)
	e.book(s3, 209, booked, true)
	// Nico: a session after the period, booked during it.
	e.book(e.slot(4002, "Nico", aulabot.SlotPersonal, 1, at(time.March, 16, 10, 0)), 210, at(time.March, 10, 9, 0), false)
	// A session cancelled by its mentor.
	s5 := e.slot(4002, "Nico", aulabot.SlotGroup, 10, at(time.March, 12, 10, 0))
	e.do(booked, func(tx *store.Tx) error { _, _, err := tx.CancelSlot(s5, 4002, "enfermo"); return err })
	// Waits for new slots (🔔): two asked for in the period, one of them
	// told; one before it; one at another university.
	watch := func(uni, kind string, person int64, when time.Time) {
		e.do(when, func(tx *store.Tx) error { _, err := tx.WatchSlots(uni, kind, person, "es"); return err })
	}
	watch("unma", aulabot.SlotPersonal, 301, at(time.March, 4, 9, 0))
	watch("unma", aulabot.SlotGroup, 302, at(time.March, 6, 9, 0))
	watch("unma", aulabot.SlotPersonal, 303, at(time.February, 26, 9, 0))
	watch("unvs", aulabot.SlotPersonal, 304, at(time.March, 5, 9, 0))
	e.do(at(time.March, 8, 9, 0), func(tx *store.Tx) error { return tx.SlotWatchTold("unma", aulabot.SlotPersonal, 301) })
}

func stripMentors(ms []MentorLine) []MentorLine {
	out := append([]MentorLine(nil), ms...)
	for i := range out {
		out[i].mentor = 0
	}
	return out
}

// Slots, seats, bookings, fill rate, attendance, no-shows and ratings of
// the sessions starting in the period, in all and per mentor.
func TestReport_Mentoring(t *testing.T) {
	e := newEnv(t)
	mentoringData(e)
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	got := r.Current.Mentoring
	got.Mentors = stripMentors(got.Mentors)
	want := Mentoring{Slots: 3, Seats: 9, Booked: 7, Waiting: 1, Cancelled: 1, Attended: 3, NoShow: 1, Unmarked: 3,
		Ratings: Ratings{Counts: [5]int{0, 0, 0, 1, 1}, Asked: 3}, WaitsAsked: 2, WaitsTold: 1,
		Mentors: []MentorLine{
			{University: "unma", Name: "Marta", Slots: 2, Seats: 6, Booked: 4, Attended: 2, NoShow: 1, Ratings: Ratings{Counts: [5]int{0, 0, 0, 1, 1}, Asked: 2}},
			{University: "unma", Name: "Nico", Slots: 1, Seats: 3, Booked: 3, Attended: 1, Ratings: Ratings{Asked: 1}},
		}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mentoring =\n%+v, want\n%+v", got, want)
	}
	if s := got.FillRate(); s != (Share{7, 9}) {
		t.Errorf("fill rate = %v", s)
	}
	if s := got.Attendance(); s != (Share{3, 4}) {
		t.Errorf("attendance = %v", s)
	}
	if m, ok := got.Ratings.Mean(); !ok || m != 4.5 || got.Ratings.Response() != (Share{2, 3}) {
		t.Errorf("ratings mean %v, response %v", m, got.Ratings.Response())
	}
	if len(r.Bookings) != 9 {
		t.Errorf("%d booking rows, want 9 (4 + 1 + 4)", len(r.Bookings))
	}
	if w := r.Weeks; w[0].Booked != 4 || w[0].Attended != 2 || w[0].NoShow != 1 || w[1].Booked != 3 || w[1].Attended != 1 {
		t.Errorf("weeks = %+v", w)
	}
	// 210 booked during the period (a session after it); the others
	// before it.
	if p := r.Current.People; p.Booked != 1 || p.Active != 1 {
		t.Errorf("people who booked = %d, active %d; want 1", p.Booked, p.Active)
	}
	// 201 to 209 booked on 25 February (205 cancelled since, 209 joined
	// the waitlist): each made a booking.
	if p := r.Previous.People; p.Booked != 9 {
		t.Errorf("people who booked in the previous period = %d, want 9", p.Booked)
	}
	if m := r.Previous.Mentoring; m.WaitsAsked != 1 || m.WaitsTold != 0 {
		t.Errorf("waits in the previous period: asked %d, told %d; want 1 and 0", m.WaitsAsked, m.WaitsTold)
	}
}
