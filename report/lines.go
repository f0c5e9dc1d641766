package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// Texts is the message catalogue the renderers take their labels from
// (i18n/locales/report.yaml; *i18n.Catalog implements it). Labels
// are plain text: no placeholders, no markup.
type Texts interface {
	T(lang, key string, args ...any) string
}

// Units of a figure's value in the flat list of figures (CSV, sheets).
const (
	unitCount   = "count"
	unitShare   = "share"   // a fraction in [0, 1]
	unitMinutes = "minutes" // business time
	unitRating  = "rating"  // a mean of 1-5
)

// num is a value that may be missing.
type num struct {
	v  float64
	ok bool
}

func count(n int) num { return num{float64(n), true} }

func shareNum(s Share) num { v, ok := s.Value(); return num{v, ok} }

func minutesNum(d Durations, p90 bool) num {
	v := d.Median
	if p90 {
		v = d.P90
	}
	return num{v.Minutes(), d.N > 0}
}

func meanNum(r Ratings) num { v, ok := r.Mean(); return num{v, ok} }

// line is one figure of an area in the flat list of figures: the figure
// (catalogue key report.l_KEY), the part of the whole it counts (a
// category, a role, a level, a star, a mentor; "" for the whole), its
// value this period and the period before.
type line struct {
	area, key, part, unit string
	now, before           num
}

// Areas of the figures, in the order they are shown; each has a label
// report.area_AREA.
var areas = []string{"kb", "helpdesk", "lms", "mentoring", "events", "people"}

// lines lists every figure of r, area by area.
func lines(r *Report) []line {
	var out []line
	cur, prev := &r.Current, &r.Previous
	add := func(area, key, part, unit string, f func(*Figures) num) {
		out = append(out, line{area, key, part, unit, f(cur), f(prev)})
	}
	c := func(area, key string, f func(*Figures) int) {
		add(area, key, "", unitCount, func(x *Figures) num { return count(f(x)) })
	}
	s := func(area, key string, f func(*Figures) Share) {
		add(area, key, "", unitShare, func(x *Figures) num { return shareNum(f(x)) })
	}

	c("kb", "asked", func(f *Figures) int { return f.KB.Asked })
	c("kb", "answered", func(f *Figures) int { return f.KB.Answered })
	s("kb", "answered_share", func(f *Figures) Share { return f.KB.AnsweredShare() })
	c("kb", "suggested", func(f *Figures) int { return f.KB.Suggested })
	c("kb", "unknown", func(f *Figures) int { return f.KB.Unknown })
	c("kb", "pending", func(f *Figures) int { return f.KB.Pending })
	c("kb", "helpful", func(f *Figures) int { return f.KB.Helpful })
	c("kb", "not_helpful", func(f *Figures) int { return f.KB.NotHelpful })
	s("kb", "helpful_share", func(f *Figures) Share { return f.KB.HelpfulShare() })
	c("kb", "gap_questions", func(f *Figures) int { return f.KB.GapQuestions })
	c("kb", "answered_late", func(f *Figures) int { return f.KB.AnsweredLate })

	c("helpdesk", "opened", func(f *Figures) int { return f.Helpdesk.Opened })
	for _, cat := range aulabot.Categories {
		add("helpdesk", "opened", cat, unitCount, func(f *Figures) num { return count(f.Helpdesk.Categories[cat]) })
	}
	c("helpdesk", "claimed", func(f *Figures) int { return f.Helpdesk.Claimed })
	c("helpdesk", "resolved", func(f *Figures) int { return f.Helpdesk.Resolved })
	c("helpdesk", "reopened", func(f *Figures) int { return f.Helpdesk.Reopened })
	c("helpdesk", "solved", func(f *Figures) int { return f.Helpdesk.Solved })
	for _, d := range []struct {
		key string
		f   func(*Figures) Durations
	}{
		{"to_claim", func(f *Figures) Durations { return f.Helpdesk.ToClaim }},
		{"to_reply", func(f *Figures) Durations { return f.Helpdesk.ToReply }},
		{"to_resolve", func(f *Figures) Durations { return f.Helpdesk.ToResolve }},
	} {
		add("helpdesk", d.key, "median", unitMinutes, func(f *Figures) num { return minutesNum(d.f(f), false) })
		add("helpdesk", d.key, "p90", unitMinutes, func(f *Figures) num { return minutesNum(d.f(f), true) })
		add("helpdesk", d.key, "n", unitCount, func(f *Figures) num { return count(d.f(f).N) })
	}
	for i, key := range []string{"within_reminder", "within_escalation"} {
		s("helpdesk", key, func(f *Figures) Share { return f.Helpdesk.Levels[i].Share() })
		add("helpdesk", key, "limit", unitMinutes, func(f *Figures) num {
			l := f.Helpdesk.Levels[i].Limit
			return num{l.Minutes(), l > 0}
		})
	}
	ratings(func(f *Figures) Ratings { return f.Helpdesk.Ratings }, "helpdesk", add)
	c("helpdesk", "open_end", func(f *Figures) int { return f.Helpdesk.OpenAtEnd })
	c("helpdesk", "at_risk", func(f *Figures) int { return f.Helpdesk.AtRisk })
	c("helpdesk", "breached", func(f *Figures) int { return f.Helpdesk.Breached })

	c("mentoring", "slots", func(f *Figures) int { return f.Mentoring.Slots })
	c("mentoring", "seats", func(f *Figures) int { return f.Mentoring.Seats })
	c("mentoring", "booked", func(f *Figures) int { return f.Mentoring.Booked })
	s("mentoring", "fill", func(f *Figures) Share { return f.Mentoring.FillRate() })
	c("mentoring", "waiting", func(f *Figures) int { return f.Mentoring.Waiting })
	c("mentoring", "waits_asked", func(f *Figures) int { return f.Mentoring.WaitsAsked })
	c("mentoring", "waits_told", func(f *Figures) int { return f.Mentoring.WaitsTold })
	c("mentoring", "cancelled", func(f *Figures) int { return f.Mentoring.Cancelled })
	c("mentoring", "attended", func(f *Figures) int { return f.Mentoring.Attended })
	c("mentoring", "noshow", func(f *Figures) int { return f.Mentoring.NoShow })
	c("mentoring", "unmarked", func(f *Figures) int { return f.Mentoring.Unmarked })
	s("mentoring", "attendance", func(f *Figures) Share { return f.Mentoring.Attendance() })
	ratings(func(f *Figures) Ratings { return f.Mentoring.Ratings }, "mentoring", add)
	eventLines(c, add)
	lmsLines(c, add)

	for _, k := range []struct {
		key string
		f   func(*Figures) Roles
	}{
		{"onboarded", func(f *Figures) Roles { return f.People.Onboarded }},
		{"known", func(f *Figures) Roles { return f.People.Known }},
		{"active", func(f *Figures) Roles { return f.People.ActiveRoles }},
	} {
		add("people", k.key, "", unitCount, func(f *Figures) num { return count(k.f(f).Total()) })
		for _, role := range []string{aulabot.RoleTeacher, aulabot.RoleStudent, "other"} {
			add("people", k.key, role, unitCount, func(f *Figures) num {
				r := k.f(f)
				return count(map[string]int{aulabot.RoleTeacher: r.Teacher, aulabot.RoleStudent: r.Student, "other": r.Other}[role])
			})
		}
	}
	s("people", "active_share", func(f *Figures) Share { return f.People.ActiveShare() })
	c("people", "asked", func(f *Figures) int { return f.People.Asked })
	c("people", "booked", func(f *Figures) int { return f.People.Booked })
	c("people", "reported", func(f *Figures) int { return f.People.Reported })
	c("people", "unreachable", func(f *Figures) int { return f.People.Unreachable })
	return out
}

// ratings adds the lines of a set of ratings: the mean, the response
// rate, how many of each star.
func ratings(f func(*Figures) Ratings, area string, add func(area, key, part, unit string, f func(*Figures) num)) {
	add(area, "rating_mean", "", unitRating, func(x *Figures) num { return meanNum(f(x)) })
	add(area, "rating_response", "", unitShare, func(x *Figures) num { return shareNum(f(x).Response()) })
	for i := range 5 {
		add(area, "rating_stars", strconv.Itoa(i+1), unitCount, func(x *Figures) num { return count(f(x).Counts[i]) })
	}
}

// label is a line's label in lang: the figure's, and the part's after it.
func (l line) label(tr Texts, lang string) string {
	s := tr.T(lang, "report.l_"+l.area+"_"+l.key)
	switch {
	case l.part == "":
	case l.key == "rating_stars":
		s += " " + l.part + "★"
	default:
		s += " — " + tr.T(lang, "report.part_"+l.part)
	}
	return s
}

// fmtNum renders v of unit for reading in lang; "—" when missing.
func fmtNum(v num, unit, lang string) string {
	if !v.ok {
		return "—"
	}
	switch unit {
	case unitShare:
		return fmt.Sprintf("%.0f%%", v.v*100)
	case unitMinutes:
		return fmtDuration(time.Duration(v.v * float64(time.Minute)))
	case unitRating:
		return decimal(v.v, 1, lang)
	}
	return decimal(v.v, -1, lang) // a median of counts may be a half
}

// decimal renders x with n decimals (-1: as many as needed), with a
// decimal comma in Spanish.
func decimal(x float64, n int, lang string) string {
	s := strconv.FormatFloat(x, 'f', n, 64)
	if lang == aulabot.LangES {
		s = replaceDot(s)
	}
	return s
}

func replaceDot(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '.' {
			b[i] = ','
		}
	}
	return string(b)
}

// fmtDuration renders business time to the minute: "45 min", "3 h",
// "49 h 5 min", in the units the chat's ages use ("30 min", "2 h"; until
// 5 December "45m", "3h 30m", and "0m" read as metres in Spanish).
func fmtDuration(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	var s string
	switch {
	case h == 0:
		s = fmt.Sprintf("%d min", m)
	case m == 0:
		s = fmt.Sprintf("%d h", h)
	default:
		s = fmt.Sprintf("%d h %d min", h, m)
	}
	if neg {
		s = "−" + s
	}
	return s
}

// change renders the change from before to now of a figure of unit:
// counts in numbers and per cent, shares in percentage points, times in
// time; "—" when either is missing, "=" when none.
func change(now, before num, unit, lang string) string {
	if !now.ok || !before.ok {
		return "—"
	}
	d := now.v - before.v
	sign, abs := "+", d
	if d < 0 {
		sign, abs = "−", -d
	}
	switch unit {
	case unitShare:
		if math.Round(abs*100) == 0 {
			return "="
		}
		return fmt.Sprintf("%s%.0f pp", sign, abs*100)
	case unitMinutes:
		if math.Round(abs) == 0 {
			return "="
		}
		return sign + fmtDuration(time.Duration(abs*float64(time.Minute)))
	case unitRating:
		if math.Round(abs*10) == 0 {
			return "="
		}
		return sign + decimal(abs, 1, lang)
	}
	if d == 0 {
		return "="
	}
	s := sign + strconv.FormatFloat(abs, 'f', -1, 64)
	if before.v != 0 {
		s += fmt.Sprintf(" (%s%.0f%%)", sign, abs/before.v*100)
	}
	return s
}

// changeInParens is change for a place already in parentheses, the chat's
// "5 (+4, +400%)": the per cent after a comma, not in parentheses of its
// own ("5 (+4 (+400%))" until 5 December, seen in the sandbox's weekly
// digest).
func changeInParens(now, before num, unit, lang string) string {
	s := change(now, before, unit, lang)
	if head, pct, ok := strings.Cut(s, " ("); ok {
		return head + ", " + strings.TrimSuffix(pct, ")")
	}
	return s
}

// num is the figure's value and unit as the flat list has them.
func (f Figure) num() (num, string) {
	switch f.Kind {
	case KindShare:
		return num{f.Value, f.OK}, unitShare
	case KindDuration:
		return num{f.Duration().Minutes(), f.OK}, unitMinutes
	}
	return num{f.Value, f.OK}, unitCount
}
