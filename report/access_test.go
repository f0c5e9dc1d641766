package report

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/store"
)

// Who may read which report, and what bad queries get.
func TestReport_Errors(t *testing.T) {
	e := newEnv(t)
	helpdeskData(e)
	e.now = at(time.March, 20, 9, 0)
	tests := []struct {
		name     string
		uni      string
		from, to Date
		reader   aulabot.Roles
		code     string
		key      string
	}{
		{"OK", "unma", march2, march16, coordUNMA, "", ""},
		{"the team reads its university's", "unma", march2, march16, techUNMA, "", ""},
		{"admins read all", All, march2, march16, admin, "", ""},
		{"ErrForbidden another university", "unma", march2, march16, coordUNVS, aulabot.EFORBIDDEN, "report.err_forbidden"},
		{"ErrForbidden all for a coordinator", All, march2, march16, coordUNMA, aulabot.EFORBIDDEN, "report.err_forbidden"},
		{"ErrForbidden a mentor", "unma", march2, march16, aulabot.Roles{Mentor: []string{"unma"}}, aulabot.EFORBIDDEN, "report.err_forbidden"},
		{"ErrForbidden nobody", "unma", march2, march16, aulabot.Roles{}, aulabot.EFORBIDDEN, "report.err_forbidden"},
		{"ErrUniversity", "nope", march2, march16, admin, aulabot.ENOTFOUND, "report.err_university"},
		{"ErrOrder", "unma", march16, march2, coordUNMA, aulabot.EINVALID, "report.err_order"},
		{"ErrOrder same day", "unma", march2, march2, coordUNMA, aulabot.EINVALID, "report.err_order"},
		{"ErrTooLong", "unma", Date{2025, 1, 1}, Date{2026, 1, 3}, coordUNMA, aulabot.EINVALID, "report.err_too_long"},
		{"ErrEmpty", "unma", Date{2025, 1, 1}, Date{2025, 2, 1}, coordUNMA, aulabot.ENOTFOUND, "report.err_empty"},
		{"ErrEmpty another university", "unsa", march2, march16, admin, aulabot.ENOTFOUND, "report.err_empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := e.build(tt.uni, tt.from, tt.to, tt.reader)
			if aulabot.ErrorCode(err) != tt.code || aulabot.ErrorKey(err) != tt.key {
				t.Fatalf("err = %v (%s), want %s %s", err, aulabot.ErrorKey(err), tt.code, tt.key)
			}
			if err == nil && r == nil {
				t.Fatal("no report and no error")
			}
		})
	}
}

// Names: the university's coordinators (and admins) see mentors' and
// bookers' names and the tickets' owners; its technical team sees only
// the owners; nobody sees who asked a question.
func TestReport_Names(t *testing.T) {
	e := newEnv(t)
	helpdeskData(e)
	mentoringData(e)
	e.now = at(time.March, 20, 9, 0)
	for _, tt := range []struct {
		name          string
		reader        aulabot.Roles
		uni           string
		noNames       bool
		names, owners bool
	}{
		{"admin, no names asked", admin, "unma", true, false, false},
		{"coordinator", coordUNMA, "unma", false, true, true},
		{"admin", admin, "unma", false, true, true},
		{"admin, all", admin, All, false, true, true},
		{"team", techUNMA, "unma", false, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var r *Report
			err := e.st.View(func(tx *store.Tx) (err error) {
				r, err = e.svc.Build(tx, Query{University: tt.uni, From: march2, To: march16, Now: e.now, NoNames: tt.noNames}, tt.reader)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if r.Names != tt.names {
				t.Errorf("Names = %v, want %v", r.Names, tt.names)
			}
			for _, m := range r.Current.Mentoring.Mentors {
				if (m.Name != "") != tt.names {
					t.Errorf("mentor line %+v, want names %v", m, tt.names)
				}
			}
			for _, b := range r.Bookings {
				if (b.Mentor != "" && b.Person != "") != tt.names || (b.Mentor == "") != (b.Person == "") {
					t.Errorf("booking row %+v, want names %v", b, tt.names)
				}
			}
			owners := 0
			for _, row := range r.Tickets {
				if row.Owner != "" {
					owners++
				}
			}
			if (owners > 0) != tt.owners {
				t.Errorf("%d ticket rows name their owner, want owners %v", owners, tt.owners)
			}
		})
	}
}

// The report of all universities adds them up, and puts each beside the
// median of the others.
func TestReport_All(t *testing.T) {
	e := newEnv(t)
	// unma asks 4 questions, unvs 1, unsa 10; unvs answers none.
	for uni, n := range map[string]int{"unma": 4, "unvs": 1, "unsa": 10} {
		for i := range n {
			outcome := aulabot.OutcomeAnswer
			if uni == "unvs" {
				outcome = aulabot.OutcomeNone
			}
			e.question(aulabot.Question{UserID: int64(1000 + i), University: uni, Outcome: outcome, Text: "q", At: at(time.March, 4, 9, i)})
		}
	}
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild(All, march2, march16, admin)
	if r.Current.KB.Asked != 15 || r.Current.KB.Answered != 14 {
		t.Errorf("all: asked %d, answered %d; want 15, 14", r.Current.KB.Asked, r.Current.KB.Answered)
	}
	// Users 1000-1009 asked at several universities: each is one person.
	if r.Current.People.Active != 10 {
		t.Errorf("active = %d, want 10", r.Current.People.Active)
	}
	if len(r.Universities) != 3 {
		t.Fatalf("%d comparisons, want 3", len(r.Universities))
	}
	want := map[string]struct{ asked, others, answered, othersAnswered float64 }{
		"unma": {4, 5.5, 1, 0.5},
		"unvs": {1, 7, 0, 1},
		"unsa": {10, 2.5, 1, 0.5},
	}
	for _, c := range r.Universities {
		w := want[c.University]
		asked, others := c.Figures[1], c.Others[1]
		answered, othersAnswered := c.Figures[2], c.Others[2]
		if asked.Key != "kb_asked" || asked.Value != w.asked || !others.OK || others.Value != w.others ||
			answered.Value != w.answered || othersAnswered.Value != w.othersAnswered {
			t.Errorf("%s: asked %v beside %v, answered %v beside %v; want %+v", c.University, asked, others, answered, othersAnswered, w)
		}
		if fill := c.Others[6]; fill.Key != "mentoring_fill" || fill.OK {
			t.Errorf("%s: fill rate of others = %+v, want none (no sessions)", c.University, fill)
		}
	}
}

// The headline's figures and the previous period's, for the changes.
func TestReport_Headline(t *testing.T) {
	e := newEnv(t)
	helpdeskData(e)
	mentoringData(e)
	kbData(e)
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	got := r.Current.Headline()
	want := []Figure{
		{"people_active", KindCount, 12, true}, // 5 asked, 6 reported, 1 booked
		{"kb_asked", KindCount, 7, true},
		{"kb_answered", KindShare, 2.0 / 7, true},
		{"helpdesk_opened", KindCount, 6, true},
		{"helpdesk_within", KindShare, 2.0 / 5, true},
		{"helpdesk_resolution", KindDuration, float64(210 * time.Minute), true},
		{"mentoring_fill", KindShare, 7.0 / 9, true},
		{"mentoring_attendance", KindShare, 3.0 / 4, true},
	}
	if len(got) != len(want) {
		t.Fatalf("headline = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("headline %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	prev := r.Previous.Headline()
	if prev[3].Value != 1 || prev[5].OK || prev[6].OK {
		t.Errorf("previous headline = %+v", prev)
	}
}

func TestFmtNum(t *testing.T) {
	for _, tt := range []struct {
		v          num
		unit, lang string
		want       string
	}{
		{num{5.5, true}, unitCount, "es", "5,5"},
		{num{5.5, true}, unitCount, "en", "5.5"},
		{num{12, true}, unitCount, "es", "12"},
		{num{2.0 / 7, true}, unitShare, "es", "29%"},
		{num{97.5, true}, unitMinutes, "en", "1 h 38 min"},
		{num{120, true}, unitMinutes, "en", "2 h"},
		{num{4.26, true}, unitRating, "es", "4,3"},
		{num{0, false}, unitCount, "en", "—"},
	} {
		if got := fmtNum(tt.v, tt.unit, tt.lang); got != tt.want {
			t.Errorf("fmtNum(%v, %s, %s) = %q, want %q", tt.v, tt.unit, tt.lang, got, tt.want)
		}
	}
	for _, tt := range []struct {
		now, before num
		unit, want  string
	}{
		{num{6, true}, num{1, true}, unitCount, "+5 (+500%)"},
		{num{3, true}, num{4, true}, unitCount, "−1 (−25%)"},
		{num{3, true}, num{0, true}, unitCount, "+3"},
		{num{3, true}, num{3, true}, unitCount, "="},
		{num{0.4, true}, num{0.5, true}, unitShare, "−10 pp"},
		{num{90, true}, num{30, true}, unitMinutes, "+1 h"},
		{num{90, true}, num{0, false}, unitMinutes, "—"},
	} {
		if got := change(tt.now, tt.before, tt.unit, "en"); got != tt.want {
			t.Errorf("change(%v, %v, %s) = %q, want %q", tt.now, tt.before, tt.unit, got, tt.want)
		}
	}
}

func TestPercentile(t *testing.T) {
	d := func(ms ...int) []time.Duration {
		var out []time.Duration
		for _, m := range ms {
			out = append(out, time.Duration(m)*time.Minute)
		}
		return out
	}
	tests := []struct {
		xs          []time.Duration
		median, p90 time.Duration
	}{
		{nil, 0, 0},
		{d(7), 7 * time.Minute, 7 * time.Minute},
		{d(10, 20), 15 * time.Minute, 19 * time.Minute},
		{d(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), minutes(5.5), minutes(9.1)},
	}
	for _, tt := range tests {
		var ds Durations
		for _, x := range tt.xs {
			ds.add(x)
		}
		ds.finish()
		if ds.N != len(tt.xs) || ds.Median != tt.median || ds.P90 != tt.p90 {
			t.Errorf("%v: %+v, want median %v p90 %v", tt.xs, ds, tt.median, tt.p90)
		}
	}
}

func TestDate(t *testing.T) {
	d, err := ParseDate("2026-03-02")
	if err != nil || d != march2 || d.AddDays(14) != march16 || d.Days(march16) != 14 || d.String() != "2026-03-02" {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	for _, bad := range []string{"2026-3-2", "02/03/2026", "2026-02-30", "", "2026-03-02x"} {
		if _, err := ParseDate(bad); aulabot.ErrorKey(err) != "report.err_date" {
			t.Errorf("ParseDate(%q) = %v, want report.err_date", bad, err)
		}
	}
}

// A date either reads back as itself or is refused with report.err_date.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-02", "2026-02-29", "0000-01-01", "2026-13-01", "２０２６-03-02", "2026-03-02\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if aulabot.ErrorKey(err) != "report.err_date" {
				t.Fatalf("ParseDate(%q) = %v", s, err)
			}
			return
		}
		if d.String() != s || d.AddDays(1).Days(d) != -1 {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

// TestSummary_ChangeInParens: in the chat's summary a change already in
// parentheses carries its per cent after a comma, "5 (+4, +400%)", not
// "5 (+4 (+400%))".
func TestSummary_ChangeInParens(t *testing.T) {
	r := &Report{From: DateOf(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)), To: DateOf(time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)), Zone: time.UTC}
	r.Current.People.Active, r.Previous.People.Active = 5, 1
	r.Current.KB.Asked, r.Previous.KB.Asked = 3, 0
	got := Summary(r, i18n.Builtin(), "en")
	for _, want := range []string{": <b>5</b> (+4, +400%)", ": <b>3</b> (+3)"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "((") || strings.Contains(got, "%))") {
		t.Errorf("parentheses within parentheses:\n%s", got)
	}
}
