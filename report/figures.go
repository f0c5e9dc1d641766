package report

import (
	"math"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// Figures are the figures of one period, by area.
type Figures struct {
	KB        KB
	Helpdesk  Helpdesk
	Mentoring Mentoring
	People    People
	Events    Events
	LMS       LMS
}

// Empty reports whether nothing happened in the period: nobody asked,
// reported, worked a ticket, offered a slot, waited for one or onboarded.
func (f *Figures) Empty() bool {
	h := f.Helpdesk
	return f.KB.Asked == 0 && h.Opened == 0 && h.Claimed == 0 && h.Resolved == 0 && h.Reopened == 0 &&
		h.OpenAtEnd == 0 && f.Mentoring.Slots == 0 && f.Mentoring.WaitsAsked == 0 && f.People.Active == 0 && f.People.Onboarded.Total() == 0 &&
		f.Events.Events == 0 && f.LMS.Incidents == 0 && f.LMS.OpenAtEnd == 0
}

// add merges o into f (the figures of another university).
func (f *Figures) add(o *Figures) {
	f.KB.add(&o.KB)
	f.Helpdesk.add(&o.Helpdesk)
	f.Mentoring.add(&o.Mentoring)
	f.People.add(&o.People)
	f.Events.add(&o.Events)
	f.LMS.add(&o.LMS)
}

// finish computes what is computed from the merged samples.
func (f *Figures) finish() {
	f.KB.finish()
	f.Helpdesk.finish()
	f.People.finish()
	f.LMS.Duration.finish()
}

// Share is a part of a whole; the whole may be 0 (no share).
type Share struct{ Part, Whole int }

// Value is the share in [0, 1]; false when the whole is 0.
func (s Share) Value() (float64, bool) {
	if s.Whole == 0 {
		return 0, false
	}
	return float64(s.Part) / float64(s.Whole), true
}

// Durations are times measured over several cases: how many, their
// median and 90th percentile. Percentiles are interpolated between the
// two nearest cases, as spreadsheets compute PERCENTILE.INC.
type Durations struct {
	N           int
	Median, P90 time.Duration
	samples     []time.Duration
}

func (d *Durations) add(x time.Duration) { d.samples = append(d.samples, x) }

func (d *Durations) merge(o *Durations) { d.samples = append(d.samples, o.samples...) }

func (d *Durations) finish() {
	slices.Sort(d.samples)
	d.N = len(d.samples)
	d.Median, d.P90 = percentile(d.samples, 0.5), percentile(d.samples, 0.9)
}

// percentile of sorted xs, interpolated (PERCENTILE.INC); 0 for none.
func percentile(xs []time.Duration, p float64) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	pos := p * float64(len(xs)-1)
	i := int(pos)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	frac := pos - float64(i)
	return xs[i] + time.Duration(math.Round(frac*float64(xs[i+1]-xs[i])))
}

// Ratings are 1-5 ratings of cases that could be rated: how many of each
// and how many cases were asked for one.
type Ratings struct {
	Counts [5]int // Counts[i] ratings of i+1
	Asked  int
}

func (r *Ratings) rate(stars int) {
	if stars >= 1 && stars <= 5 {
		r.Counts[stars-1]++
	}
}

func (r *Ratings) add(o Ratings) {
	for i := range r.Counts {
		r.Counts[i] += o.Counts[i]
	}
	r.Asked += o.Asked
}

// Rated is how many ratings were given.
func (r Ratings) Rated() int {
	n := 0
	for _, c := range r.Counts {
		n += c
	}
	return n
}

// Mean is the mean rating; false when none was given.
func (r Ratings) Mean() (float64, bool) {
	n, sum := 0, 0
	for i, c := range r.Counts {
		n += c
		sum += (i + 1) * c
	}
	if n == 0 {
		return 0, false
	}
	return float64(sum) / float64(n), true
}

// Response is the share of cases asked for a rating that got one.
func (r Ratings) Response() Share { return Share{r.Rated(), r.Asked} }

// Roles counts people by the role they picked (teacher, student, other:
// no role or a record gone).
type Roles struct{ Teacher, Student, Other int }

func (r *Roles) count(role string) { r.countN(role, 1) }

// countN counts n people of role.
func (r *Roles) countN(role string, n int) {
	switch role {
	case aulabot.RoleTeacher:
		r.Teacher += n
	case aulabot.RoleStudent:
		r.Student += n
	default:
		r.Other += n
	}
}

func (r *Roles) add(o Roles) {
	r.Teacher, r.Student, r.Other = r.Teacher+o.Teacher, r.Student+o.Student, r.Other+o.Other
}

// Total is everybody counted.
func (r Roles) Total() int { return r.Teacher + r.Student + r.Other }
