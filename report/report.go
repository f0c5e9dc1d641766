// Package report computes the figures programme coordinators read — the
// knowledge base, the helpdesk, mentoring and people of a university (or
// of all) over a period — from the events the store keeps (questions,
// tickets with their audit trail and messages, slots and bookings,
// people), never from counters alone, and renders them as Markdown, CSV,
// an xlsx workbook and a PNG of charts.
//
// Build reads the store through Source, inside the caller's read
// transaction, and returns a Report; the renderers take the Report and a
// catalogue of texts (Texts) and run outside any transaction.
package report

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// All is the University of a report over every university.
const All = "all"

// MaxDays is the longest period a report covers.
const MaxDays = 366

// Source is what a report reads of the store, in one read transaction.
// *store.Tx implements it.
type Source interface {
	// QuestionsBetween calls fn for the questions of university asked
	// in [from, to), oldest first.
	QuestionsBetween(university string, from, to time.Time, fn func(aulabot.Question) error) error
	// TicketsTouched calls fn for the tickets of university created
	// before before that changed at or after since, or are still open or
	// claimed, oldest first.
	TicketsTouched(university string, since, before time.Time, fn func(aulabot.Ticket) error) error
	// FirstTeamReply returns when the team first wrote to the requester
	// of ticket id.
	FirstTeamReply(id string) (time.Time, bool, error)
	// UniversitySlots returns the live slots of university starting in
	// [from, to), in start order.
	UniversitySlots(university string, from, to time.Time) ([]aulabot.Slot, error)
	// SlotBookings returns every booking of a slot.
	SlotBookings(slot uint64) ([]aulabot.Booking, error)
	// User reads person id; false if unknown (deleted their data).
	User(id int64) (aulabot.User, bool, error)
	// OnboardedBefore calls fn with how many people of university had
	// finished /start before t, by role.
	OnboardedBefore(university string, t time.Time, fn func(role string, n int)) error
	// OnboardedBetween calls fn with the role of each person of
	// university who finished /start from since to before.
	OnboardedBetween(university string, since, before time.Time, fn func(role string) error) error
	// UnreachablePeople calls fn for each person who blocked the bot.
	UnreachablePeople(fn func(user int64) error) error
	// UniversityEvents returns the training events of university that
	// start in [from, to), cancelled ones included.
	UniversityEvents(university string, from, to time.Time) ([]aulabot.Event, error)
	// IncidentsSince returns the LMS incidents of university not closed
	// before since, oldest first.
	IncidentsSince(university string, since time.Time) ([]aulabot.Incident, error)
	// SlotWaits counts the waits for new slots (🔔 on "no slots") asked
	// for and told at university in [from, to).
	SlotWaits(university string, from, to time.Time) (asked, told int, err error)
}

// Date is a day of the calendar, read in a university's time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD. Errors: EINVALID report.err_date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, aulabot.Errorf(aulabot.EINVALID, "report.err_date", "value", s)
	}
	return DateOf(t), nil
}

// DateOf is the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// In is the instant the date starts in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays is the date n days later (earlier for n < 0).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Days is how many days lie from d to e.
func (d Date) Days(e Date) int {
	return int(e.In(time.UTC).Sub(d.In(time.UTC)) / (24 * time.Hour))
}

// String is YYYY-MM-DD: the form files and typed commands use.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Span is the days [from, to) as people read them in lang, for messages:
// "lun 30 nov" and "dom 6 dic" (to's day before), each with its year when
// the two lie in different years.
func Span(lang string, from, to Date) (first, last string) {
	to = to.AddDays(-1)
	first, last = i18n.Day(lang, from.In(time.UTC)), i18n.Day(lang, to.In(time.UTC))
	if from.Year != to.Year {
		first, last = fmt.Sprintf("%s %d", first, from.Year), fmt.Sprintf("%s %d", last, to.Year)
	}
	return first, last
}

// Query asks for a report: of University (an id, or All) over the days
// [From, To), each day read in the university's time zone.
type Query struct {
	University string
	From, To   Date
	// Now is the clock: the report is built as of then (zero: time.Now).
	// Events of the period that have not happened yet do not exist.
	Now time.Time
	// NoNames leaves every name out, whoever reads (a report to pass
	// on).
	NoNames bool
}

// Validate checks the period: To after From, at most MaxDays days.
// Errors: EINVALID report.err_order, report.err_too_long.
func (q Query) Validate() error {
	n := q.From.Days(q.To)
	switch {
	case n <= 0:
		return aulabot.Errorf(aulabot.EINVALID, "report.err_order", "from", q.From.String(), "to", q.To.String())
	case n > MaxDays:
		return aulabot.Errorf(aulabot.EINVALID, "report.err_too_long", "days", n, "max", MaxDays)
	}
	return nil
}

// Report is every figure of one period, those of the period it is
// compared with (Before: for the changes), the weekly series the charts
// draw, and one row per question, ticket and booking for drill-down.
type Report struct {
	University string // an id, or All
	Name       string // the university's name; "" for All
	From, To   Date
	// Built is when the report was built (Query.Now).
	Built time.Time
	// Zone is the time zone of the period's days and of the rows' times:
	// the university's (for All, the configuration's; each university's
	// days are still read in its own zone).
	Zone *time.Location
	// Names tells whether the rows carry people's names (see Build).
	Names bool

	Current, Previous Figures
	// Weeks are the period cut in weeks from From (the last may be short).
	Weeks []Week
	// Universities is, for All, each university's headline figures
	// beside the median of the others'.
	Universities []Comparison

	Questions []QuestionRow
	Tickets   []TicketRow
	Bookings  []BookingRow

	// Surveys is the surveys area; nil until survey results are wired
	// in (see SurveySource).
	Surveys *Surveys
	// Courses are the counts of the courses moved online, per
	// university (report/course.go).
	Courses []CourseCounts
}

// Days is the length of the period.
func (r *Report) Days() int { return r.From.Days(r.To) }

// Before is the period the changes compare with: as long as [from, to)
// and on the same days of the week, whole weeks before it (the seven days
// just before a week; last week's Monday to Thursday before this week's).
// The days just before a partial week would put a weekend, when little
// happens, against working days.
func Before(from, to Date) (Date, Date) {
	back := -7 * ((from.Days(to) + 6) / 7)
	return from.AddDays(back), to.AddDays(back)
}

// PreviousDays is the period Previous covers, [from, to).
func (r *Report) PreviousDays() (Date, Date) { return Before(r.From, r.To) }
