package report

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
)

// Service builds reports from the store and the configuration.
type Service struct {
	Config *aulabot.Config
	// Surveys gives the surveys area; nil: reports have none yet (see
	// SurveySource).
	Surveys SurveySource
}

// Build computes the report q asks for, as reader (their configured
// roles) may see it, reading src inside the caller's read transaction.
//
// Who may read what: a university's report, its coordinators, its
// technical team (for the team's digest) and the admins; the report of
// all universities, the admins only. Names: the rows and the per-mentor
// lines carry people's names (mentors, people who booked) only for a
// reader who coordinates the university (admins coordinate every
// university); the name of the team member who owns a ticket also for
// that university's technical team. Anybody else gets the same figures
// without names, and so does everybody with Query.NoNames. Who asked a
// question is never in a report.
//
// Errors: EINVALID report.err_order, report.err_too_long; ENOTFOUND
// report.err_university, report.err_empty (nothing happened in the
// period); EFORBIDDEN report.err_forbidden; anything else is internal.
func (s *Service) Build(src Source, q Query, reader aulabot.Roles) (*Report, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	unis, err := s.universities(q.University, reader)
	if err != nil {
		return nil, err
	}
	now := q.Now
	if now.IsZero() {
		now = time.Now()
	}
	roles := map[int64]string{} // of the people met, read as met
	var roleErr error           // the first person who could not be read
	roleOf := func(id int64) string {
		r, ok := roles[id]
		if !ok {
			u, _, err := src.User(id) // unknown (deleted their data): no role
			if err != nil && roleErr == nil {
				roleErr = fmt.Errorf("report: person %d: %w", id, err)
			}
			r, roles[id] = u.Role, u.Role
		}
		return r
	}
	days := q.From.Days(q.To)
	r := &Report{University: q.University, From: q.From, To: q.To, Built: now, Weeks: newWeeks(q.From, days)}
	r.Zone = s.Config.Loc("")
	if q.University != All {
		r.Name, r.Zone = unis[0].Name, s.Config.Loc(unis[0].ID)
	}
	if q.NoNames {
		reader = aulabot.Roles{} // access was checked: now nobody's names
	}
	r.Names = true
	var each []uniFigures
	prevFrom, prevTo := Before(q.From, q.To)
	for _, u := range unis {
		cur := s.period(u, q.From, q.To, now, roleOf, reader, true)
		prev := s.period(u, prevFrom, prevTo, now, roleOf, reader, false)
		for _, p := range []*period{cur, prev} {
			if err := p.collect(src); err != nil {
				return nil, err
			}
		}
		if roleErr != nil {
			return nil, roleErr
		}
		r.Names = r.Names && cur.names
		r.Current.add(&cur.fig)
		r.Previous.add(&prev.fig)
		for i := range r.Weeks {
			r.Weeks[i].add(&cur.weeks[i])
		}
		r.Questions = append(r.Questions, cur.rows.Questions...)
		r.Tickets = append(r.Tickets, cur.rows.Tickets...)
		r.Bookings = append(r.Bookings, cur.rows.Bookings...)
		if q.University == All {
			cur.fig.finish()
			prev.fig.finish()
			each = append(each, uniFigures{u, cur.fig})
		}
	}
	r.Current.finish()
	r.Previous.finish()
	for i, l := range levelLimits(unis) {
		r.Current.Helpdesk.Levels[i].Limit, r.Previous.Helpdesk.Levels[i].Limit = l, l
	}
	for i := range r.Weeks {
		r.Weeks[i].Resolution.finish()
	}
	if r.Current.Empty() {
		return nil, aulabot.Errorf(aulabot.ENOTFOUND, "report.err_empty", "from", q.From.String(), "to", q.To.AddDays(-1).String())
	}
	if q.University == All {
		r.Universities = compare(each)
	}
	if r.Courses, err = courses(src, unis, q.To.In(r.Zone)); err != nil {
		return nil, err
	}
	if s.Surveys != nil {
		if r.Surveys, err = s.Surveys.SurveyFigures(src, q.University, q.From.In(r.Zone), q.To.In(r.Zone)); err != nil {
			return nil, fmt.Errorf("report: surveys: %w", err)
		}
	}
	return r, nil
}

// universities are the universities of a report of id, checking that
// reader may read it.
func (s *Service) universities(id string, reader aulabot.Roles) ([]*aulabot.University, error) {
	if id == All {
		if !reader.Admin {
			return nil, aulabot.Errorf(aulabot.EFORBIDDEN, "report.err_forbidden", "university", id)
		}
		var out []*aulabot.University
		for i := range s.Config.Universities {
			out = append(out, &s.Config.Universities[i])
		}
		return out, nil
	}
	u, ok := s.Config.University(id)
	if !ok {
		return nil, aulabot.Errorf(aulabot.ENOTFOUND, "report.err_university", "university", id)
	}
	if !reader.IsCoordinator(id) && !reader.IsTech(id) {
		return nil, aulabot.Errorf(aulabot.EFORBIDDEN, "report.err_forbidden", "university", id)
	}
	return []*aulabot.University{u}, nil
}

// period is one university's figures over the days [from, to) while
// they are read.
type period struct {
	cfg *aulabot.Config
	uni *aulabot.University
	loc *time.Location
	// from is the first day; start and end the instants the period
	// starts and ends in the university's zone; cut is end, or now if
	// the period has not ended: events at or after cut do not count.
	from                 Date
	start, end, cut, now time.Time
	roleOf               func(user int64) string // a person's role, "" for someone unknown
	detail               bool                    // weeks and rows too
	names, teamNames     bool                    // the reader may see names (see Build)
	fig                  Figures
	weeks                []Week
	rows                 struct {
		Questions []QuestionRow
		Tickets   []TicketRow
		Bookings  []BookingRow
	}
}

func (s *Service) period(u *aulabot.University, from, to Date, now time.Time, roleOf func(int64) string, reader aulabot.Roles, detail bool) *period {
	loc := u.Location
	if loc == nil {
		loc = s.Config.Loc(u.ID)
	}
	p := &period{cfg: s.Config, uni: u, loc: loc, from: from, start: from.In(loc), end: to.In(loc), now: now, roleOf: roleOf, detail: detail,
		names: reader.IsCoordinator(u.ID), teamNames: reader.IsCoordinator(u.ID) || reader.IsTech(u.ID)}
	p.cut = p.end
	if now.Before(p.cut) {
		p.cut = now
	}
	if detail {
		p.weeks = newWeeks(from, from.Days(to))
	}
	return p
}

// collect reads the period's events.
func (p *period) collect(src Source) error {
	if err := p.questions(src); err != nil {
		return fmt.Errorf("report: questions of %s: %w", p.uni.ID, err)
	}
	if err := p.tickets(src); err != nil {
		return fmt.Errorf("report: tickets of %s: %w", p.uni.ID, err)
	}
	if err := p.mentoring(src); err != nil {
		return err
	}
	if err := p.events(src); err != nil {
		return err
	}
	if err := p.incidents(src); err != nil {
		return err
	}
	if err := p.onboarding(src); err != nil {
		return fmt.Errorf("report: people of %s: %w", p.uni.ID, err)
	}
	return p.unreachable(src)
}

// week is the index of the week of the period that holds t; -1 if none.
func (p *period) week(t time.Time) int {
	if t.IsZero() || t.Before(p.start) || !t.Before(p.end) {
		return -1
	}
	return p.from.Days(DateOf(t.In(p.loc))) / 7
}

// Week is one week of the period (From and the 6 days after it; the last
// week may be shorter), for the charts.
type Week struct {
	From Date
	Days int
	// Tickets are the tickets opened in the week by their state at the
	// end of the period, in the order of TicketStates.
	Tickets [4]int
	// Resolution is the business time to the first resolution of the
	// tickets first resolved in the week.
	Resolution Durations
	// Answered, Suggested and Unknown are the questions asked in the
	// week by how they were answered.
	Answered, Suggested, Unknown int
	// Booked is the seats taken in sessions starting in the week,
	// Attended and NoShow how they were marked.
	Booked, Attended, NoShow int
}

func newWeeks(from Date, days int) []Week {
	var ws []Week
	for d := 0; d < days; d += 7 {
		ws = append(ws, Week{From: from.AddDays(d), Days: min(7, days-d)})
	}
	return ws
}

func (w *Week) add(o *Week) {
	for i := range w.Tickets {
		w.Tickets[i] += o.Tickets[i]
	}
	w.Resolution.merge(&o.Resolution)
	w.Answered += o.Answered
	w.Suggested += o.Suggested
	w.Unknown += o.Unknown
	w.Booked += o.Booked
	w.Attended += o.Attended
	w.NoShow += o.NoShow
}
