package report

import (
	"errors"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

func TestPeriodDays(t *testing.T) {
	wed := Date{2026, 3, 11} // a Wednesday
	tests := []struct {
		code     string
		today    Date
		from, to string
	}{
		{ThisWeek, wed, "2026-03-09", "2026-03-12"},
		{LastWeek, wed, "2026-03-02", "2026-03-09"},
		{ThisMonth, wed, "2026-03-01", "2026-03-12"},
		{Term, wed, "2025-11-24", "2026-03-12"},
		// On a Monday this week is one day, last week the seven before.
		{ThisWeek, Date{2026, 3, 9}, "2026-03-09", "2026-03-10"},
		{LastWeek, Date{2026, 3, 9}, "2026-03-02", "2026-03-09"},
		// On a Sunday the week is still the one that began on Monday.
		{ThisWeek, Date{2026, 3, 15}, "2026-03-09", "2026-03-16"},
		{ThisMonth, Date{2026, 1, 1}, "2026-01-01", "2026-01-02"},
		{LastWeek, Date{2026, 1, 1}, "2025-12-22", "2025-12-29"},
	}
	for _, tt := range tests {
		from, to, err := PeriodDays(tt.code, tt.today)
		if err != nil || from.String() != tt.from || to.String() != tt.to {
			t.Errorf("PeriodDays(%s, %s) = %s, %s, %v; want %s, %s", tt.code, tt.today, from, to, err, tt.from, tt.to)
		}
		if err := (Query{From: from, To: to}).Validate(); err != nil {
			t.Errorf("%s: %v", tt.code, err)
		}
	}
	for _, code := range []string{"", "nw", "TW", "term ", "lw:1"} {
		_, _, err := PeriodDays(code, wed)
		var e *aulabot.Error
		if !errors.As(err, &e) || e.Code != aulabot.EINVALID || e.Key != "report.err_period" {
			t.Errorf("PeriodDays(%q) = %v, want report.err_period", code, err)
		}
	}
}

// A period is compared with one as long on the same days of the week,
// whole weeks before it: a week with the seven days just before, this
// week so far (Monday to Wednesday) with last week's Monday to Wednesday,
// not with the Friday to Sunday before it.
func TestBefore(t *testing.T) {
	for _, tt := range []struct {
		from, to         Date
		prevFrom, prevTo string
	}{
		{Date{2026, 3, 9}, Date{2026, 3, 12}, "2026-03-02", "2026-03-05"},   // Mon-Wed
		{Date{2026, 3, 2}, Date{2026, 3, 9}, "2026-02-23", "2026-03-02"},    // a week
		{Date{2026, 3, 1}, Date{2026, 3, 12}, "2026-02-15", "2026-02-26"},   // this month: 11 days, two weeks back
		{Date{2025, 11, 24}, Date{2026, 3, 16}, "2025-08-04", "2025-11-24"}, // 16 weeks
		{Date{2026, 3, 9}, Date{2026, 3, 10}, "2026-03-02", "2026-03-03"},   // one Monday
	} {
		from, to := Before(tt.from, tt.to)
		if from.String() != tt.prevFrom || to.String() != tt.prevTo {
			t.Errorf("Before(%s, %s) = %s, %s; want %s, %s", tt.from, tt.to, from, to, tt.prevFrom, tt.prevTo)
		}
		if from.Days(to) != tt.from.Days(tt.to) || from.In(time.UTC).Weekday() != tt.from.In(time.UTC).Weekday() || tt.from.Days(to) > 0 {
			t.Errorf("Before(%s, %s) = %s, %s: not as long, not on the same weekday, or overlapping", tt.from, tt.to, from, to)
		}
	}
}

func TestDigestWeek(t *testing.T) {
	lima, _ := time.LoadLocation("America/Lima")
	madrid, _ := time.LoadLocation("Europe/Madrid")
	tests := []struct {
		name string
		now  time.Time
		loc  *time.Location
		week string
		due  bool
	}{
		{"Monday 07:59", time.Date(2026, 3, 9, 7, 59, 0, 0, lima), lima, "2026-03-09", false},
		{"Monday 08:00", time.Date(2026, 3, 9, 8, 0, 0, 0, lima), lima, "2026-03-09", true},
		{"Tuesday evening", time.Date(2026, 3, 10, 20, 0, 0, 0, lima), lima, "2026-03-09", true},
		{"Wednesday 07:59, 47h59m late", time.Date(2026, 3, 11, 7, 59, 0, 0, lima), lima, "2026-03-09", true},
		{"Wednesday 08:00, too late", time.Date(2026, 3, 11, 8, 0, 0, 0, lima), lima, "2026-03-09", false},
		{"Sunday", time.Date(2026, 3, 15, 23, 0, 0, 0, lima), lima, "2026-03-09", false},
		// 08:00 on Monday in Lima is 13:00 UTC: the university's zone
		// decides, not the clock's.
		{"Monday 07:00 Lima read from UTC", time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC), lima, "2026-03-09", false},
		{"Monday 08:00 Lima read from UTC", time.Date(2026, 3, 9, 13, 0, 0, 0, time.UTC), lima, "2026-03-09", true},
		// Sunday 23:00 in Lima is already Monday 04:00 in UTC.
		{"Sunday night in Lima", time.Date(2026, 3, 9, 4, 0, 0, 0, time.UTC), lima, "2026-03-02", false},
		// The day summer time starts in Madrid (Sunday 29 March 2026):
		// Monday's 08:00 is still 08:00 local.
		{"after summer time", time.Date(2026, 3, 30, 8, 0, 0, 0, madrid), madrid, "2026-03-30", true},
		{"after summer time, 07:30", time.Date(2026, 3, 30, 7, 30, 0, 0, madrid), madrid, "2026-03-30", false},
	}
	for _, tt := range tests {
		week, due := DigestWeek(tt.now, tt.loc)
		if week.String() != tt.week || due != tt.due {
			t.Errorf("%s: DigestWeek = %s, %v; want %s, %v", tt.name, week, due, tt.week, tt.due)
		}
	}
}

// A period reads as people say its days, the last one being the day
// before To; the year shows only when the period crosses into the next.
func TestSpan(t *testing.T) {
	for _, c := range []struct {
		lang     string
		from, to Date
		first    string
		last     string
	}{
		{"es", Date{2026, time.November, 30}, Date{2026, time.December, 7}, "lun 30 nov", "dom 6 dic"},
		{"en", Date{2026, time.November, 30}, Date{2026, time.December, 7}, "Mon 30 Nov", "Sun 6 Dec"},
		{"es", Date{2026, time.December, 28}, Date{2027, time.January, 4}, "lun 28 dic 2026", "dom 3 ene 2027"},
		// The week that ends on 31 December is still one year.
		{"en", Date{2026, time.December, 28}, Date{2027, time.January, 1}, "Mon 28 Dec", "Thu 31 Dec"},
	} {
		first, last := Span(c.lang, c.from, c.to)
		if first != c.first || last != c.last {
			t.Errorf("Span(%s, %v, %v) = %q, %q; want %q, %q", c.lang, c.from, c.to, first, last, c.first, c.last)
		}
	}
}
