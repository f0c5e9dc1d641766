package report

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// Mentoring is the mentoring figures of the sessions (slots not
// cancelled) that start in the period — also those still to come when
// the report is built — with the bookings, attendance and ratings
// recorded for them up to then.
type Mentoring struct {
	// Slots is how many sessions were offered, Seats their capacity.
	Slots, Seats int
	// Booked is how many seats were taken; Waiting how many people
	// still wait for one; Cancelled how many bookings were cancelled.
	Booked, Waiting, Cancelled int
	// Of the seats taken in sessions that had started by the end of the
	// period: Attended and NoShow as the mentor marked them, Unmarked
	// not marked.
	Attended, NoShow, Unmarked int
	// Ratings are the ratings of attended sessions (Asked: attended).
	Ratings Ratings
	// WaitsAsked is how many times someone found no slot of a kind and
	// asked to be told of one (🔔); WaitsTold how many were told of one.
	// Both in the period, whatever the sessions'.
	WaitsAsked, WaitsTold int
	// Mentors are the figures per mentor, most sessions first.
	Mentors []MentorLine
}

// FillRate is the share of seats taken.
func (m Mentoring) FillRate() Share { return Share{m.Booked, m.Seats} }

// Attendance is the share of marked seats marked attended.
func (m Mentoring) Attendance() Share { return Share{m.Attended, m.Attended + m.NoShow} }

// NoShows is the share of marked seats marked no-show.
func (m Mentoring) NoShows() Share { return Share{m.NoShow, m.Attended + m.NoShow} }

// MentorLine is one mentor's sessions. Name is the mentor's name only
// when the reader coordinates the mentor's university (see Service.Build);
// else "", and renderers show "Mentor 1", "Mentor 2", ... in the order of
// the lines.
type MentorLine struct {
	University                             string
	Name                                   string
	Slots, Seats, Booked, Attended, NoShow int
	Ratings                                Ratings

	mentor int64
}

func (m *Mentoring) add(o *Mentoring) {
	m.Slots += o.Slots
	m.Seats += o.Seats
	m.Booked += o.Booked
	m.Waiting += o.Waiting
	m.Cancelled += o.Cancelled
	m.Attended += o.Attended
	m.NoShow += o.NoShow
	m.Unmarked += o.Unmarked
	m.Ratings.add(o.Ratings)
	m.WaitsAsked += o.WaitsAsked
	m.WaitsTold += o.WaitsTold
	m.Mentors = append(m.Mentors, o.Mentors...)
	sortMentors(m.Mentors)
}

func sortMentors(ms []MentorLine) {
	slices.SortStableFunc(ms, func(a, b MentorLine) int {
		return cmp.Or(-cmp.Compare(a.Slots, b.Slots), cmp.Compare(a.University, b.University), cmp.Compare(a.mentor, b.mentor))
	})
}

// BookingRow is one booking of a session that starts in the period, for
// drill-down.
type BookingRow struct {
	ID, Slot   uint64
	University string
	Start      time.Time // in the university's zone
	Minutes    int
	Kind       string // personal or group
	Topic      string // the session's, as the mentor published it
	// Mentor and Person are names, only when the reader coordinates the
	// university (see Service.Build); else "".
	Mentor, Person string
	Status         string // active, waiting, cancelled
	Attendance     string // attended, noshow or ""
	Rating         int
	Booked         time.Time // when the booking was made
}

// mentoring reads the sessions of p's university starting in the period,
// and the bookings made in the period: those are for sessions starting
// from the period's start until the booking horizon after its end.
func (p *period) mentoring(src Source) error {
	slots, err := src.UniversitySlots(p.uni.ID, p.start, p.end.Add(p.cfg.Booking.Ahead()))
	if err != nil {
		return fmt.Errorf("report: slots of %s: %w", p.uni.ID, err)
	}
	m := &p.fig.Mentoring
	if m.WaitsAsked, m.WaitsTold, err = src.SlotWaits(p.uni.ID, p.start, p.cut); err != nil {
		return fmt.Errorf("report: waits for slots of %s: %w", p.uni.ID, err)
	}
	mentors := map[int64]*MentorLine{}
	var order []int64
	for _, s := range slots {
		bs, err := src.SlotBookings(s.ID)
		if err != nil {
			return fmt.Errorf("report: bookings of slot %d: %w", s.ID, err)
		}
		for _, b := range bs {
			if !b.Created.Before(p.start) && b.Created.Before(p.cut) {
				p.person(b.User, &p.fig.People.booked)
			}
		}
		if !s.Start.Before(p.end) {
			continue // a session after the period, booked in it
		}
		ml, ok := mentors[s.Mentor]
		if !ok {
			ml = &MentorLine{University: p.uni.ID, mentor: s.Mentor}
			if p.names {
				ml.Name = s.MentorName
			}
			mentors[s.Mentor] = ml
			order = append(order, s.Mentor)
		}
		m.Slots++
		m.Seats += s.Capacity
		ml.Slots++
		ml.Seats += s.Capacity
		w := p.week(s.Start)
		for _, b := range bs {
			p.booking(s, b, ml, w)
		}
	}
	for _, id := range order {
		m.Mentors = append(m.Mentors, *mentors[id])
	}
	sortMentors(m.Mentors)
	return nil
}

// booking counts booking b of session s (of mentor line ml, week w).
func (p *period) booking(s aulabot.Slot, b aulabot.Booking, ml *MentorLine, w int) {
	m := &p.fig.Mentoring
	switch b.Status {
	case aulabot.BookingActive:
		m.Booked++
		ml.Booked++
		started := s.Start.Before(p.cut)
		switch {
		case b.Attendance == aulabot.Attended:
			m.Attended++
			ml.Attended++
			m.Ratings.Asked++
			ml.Ratings.Asked++
			m.Ratings.rate(b.Rating)
			ml.Ratings.rate(b.Rating)
		case b.Attendance == aulabot.NoShow:
			m.NoShow++
			ml.NoShow++
		case started:
			m.Unmarked++
		}
		if p.detail && w >= 0 {
			p.weeks[w].Booked++
			switch b.Attendance {
			case aulabot.Attended:
				p.weeks[w].Attended++
			case aulabot.NoShow:
				p.weeks[w].NoShow++
			}
		}
	case aulabot.BookingWaiting:
		m.Waiting++
	case aulabot.BookingCancelled:
		m.Cancelled++
	}
	if !p.detail {
		return
	}
	row := BookingRow{ID: b.ID, Slot: s.ID, University: s.University, Start: s.Start.In(p.loc), Minutes: s.Minutes,
		Kind: s.Kind, Topic: s.Topic, Status: b.Status, Attendance: b.Attendance, Rating: b.Rating, Booked: b.Created.In(p.loc)}
	if p.names {
		row.Mentor, row.Person = s.MentorName, b.Name
	}
	p.rows.Bookings = append(p.rows.Bookings, row)
}
