package report

import (
	"time"

	"github.com/aulabot/aulabot"
)

// The periods a coordinator picks in chat (the codes travel in button
// data), in the order the buttons show them.
const (
	ThisWeek  = "tw" // Monday of this week to today
	LastWeek  = "lw" // the seven days from last week's Monday
	ThisMonth = "tm" // the first of this month to today
	Term      = "term"
)

// Periods are the period codes in button order.
var Periods = []string{ThisWeek, LastWeek, ThisMonth, Term}

// TermWeeks is how long "the term" is in chat: this week and the 15
// weeks before it (a semester of the programme's universities).
const TermWeeks = 16

// Monday is the Monday of d's week (weeks start on Monday).
func Monday(d Date) Date {
	wd := int(d.In(time.UTC).Weekday()+6) % 7 // Monday 0 .. Sunday 6
	return d.AddDays(-wd)
}

// PeriodDays are the days [from, to) of period code as of today, each
// period ending with today (last week ends with Sunday). Errors: EINVALID
// report.err_period for a code that is not one of Periods.
func PeriodDays(code string, today Date) (from, to Date, err error) {
	to = today.AddDays(1)
	switch code {
	case ThisWeek:
		from = Monday(today)
	case LastWeek:
		to = Monday(today)
		from = to.AddDays(-7)
	case ThisMonth:
		from = Date{today.Year, today.Month, 1}
	case Term:
		from = Monday(today).AddDays(-7 * (TermWeeks - 1))
	default:
		return from, to, aulabot.Errorf(aulabot.EINVALID, "report.err_period")
	}
	return from, to, nil
}

// The weekly digest: every Monday at DigestHour in each university's
// zone, about the seven days before. A bot that was down at that hour
// sends it when it is back, up to DigestLate later; after that the week's
// digest is skipped (old news), never sent twice.
const (
	DigestHour = 8
	DigestLate = 48 * time.Hour
)

// DigestWeek is the Monday of the digest due at now in loc — it covers
// the seven days before that Monday — and whether it is due: at or after
// that Monday's DigestHour and less than DigestLate later.
func DigestWeek(now time.Time, loc *time.Location) (Date, bool) {
	local := now.In(loc)
	mon := Monday(DateOf(local))
	at := time.Date(mon.Year, mon.Month, mon.Day, DigestHour, 0, 0, 0, loc)
	return mon, !local.Before(at) && local.Sub(at) < DigestLate
}
