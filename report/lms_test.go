package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

var lmsWatch = aulabot.LMSWatch{Failures: 3, Recovery: 3, Reports: 2, Window: aulabot.Duration(15 * time.Minute)}

// lmsData opens and closes unma's incidents: one by the checks on March 3
// (down 30 min), one by reports on March 10 (down 90 min, resolved by the
// team), and one by the checks on March 15 still open on the 16th; one of
// February, before the period. One person of unma blocked the bot.
func lmsData(e *env) {
	check := func(at time.Time, ok bool) {
		e.do(at, func(tx *store.Tx) error {
			_, _, err := tx.RecordLMSCheck("unma", aulabot.LMSCheck{At: at, OK: ok}, lmsWatch)
			return err
		})
	}
	// Three failed checks a minute apart open it at the third; three good
	// ones close it at the third.
	outage := func(opened, closed time.Time) {
		for i := range 3 {
			check(opened.Add(time.Duration(i-2)*time.Minute), false)
		}
		if closed.IsZero() {
			return
		}
		for i := range 3 {
			check(closed.Add(time.Duration(i-2)*time.Minute), true)
		}
	}
	outage(at(time.February, 5, 10, 0), at(time.February, 5, 11, 0))
	outage(at(time.March, 3, 10, 0), at(time.March, 3, 10, 30))
	for _, u := range []int64{901, 902} {
		e.do(at(time.March, 10, 9, 0), func(tx *store.Tx) error { _, _, err := tx.ReportLMS("unma", u, lmsWatch); return err })
	}
	e.do(at(time.March, 10, 10, 30), func(tx *store.Tx) error {
		incs, err := tx.IncidentsSince("unma", at(time.March, 10, 0, 0))
		if err == nil {
			_, _, err = tx.ResolveIncident(incs[len(incs)-1].ID)
		}
		return err
	})
	outage(at(time.March, 15, 22, 0), time.Time{})
	e.do(at(time.February, 1, 9, 0), func(tx *store.Tx) error {
		for _, id := range []int64{901, 902} {
			u := aulabot.User{ID: id, Name: "P", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: at(time.February, 1, 9, 0)}
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	if _, err := e.st.Unreachable(902, "Forbidden: bot was blocked by the user"); err != nil {
		e.t.Fatal(err)
	}
}

// The report counts the incidents opened in the period, which came first,
// how long the closed ones lasted and how many were open at its end, and
// the people who blocked the bot.
func TestReport_LMSIncidents(t *testing.T) {
	e := newEnv(t)
	lmsData(e)
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	l := r.Current.LMS
	if l.Incidents != 3 || l.ByChecks != 2 || l.ByReport != 1 || l.OpenAtEnd != 1 {
		t.Errorf("incidents = %+v, want 3 (2 by checks, 1 by reports), 1 open at the end", l)
	}
	if l.Duration.N != 2 || l.Duration.Median != time.Hour {
		t.Errorf("durations: %d closed, median %v; want 2 and 1h (30 and 90 min)", l.Duration.N, l.Duration.Median)
	}
	if r.Current.People.Unreachable != 1 {
		t.Errorf("unreachable = %d, want 1", r.Current.People.Unreachable)
	}
	if p := r.Previous.LMS; p.Incidents != 0 {
		t.Errorf("the two weeks before: %+v, want no incident (February 5th is earlier)", p)
	}
	c := loadCatalogue(t)
	md := string(render(t, r, c, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return Markdown(b, r, tr, l) }))
	for _, want := range []string{"## Virtual classroom", "| Incidents opened | 3 |", "| Incidents opened — people reported it first | 1 |",
		"| Incident duration — median | 1 h |", "| Incidents open at the end | 1 |", "| Have blocked the bot | 1 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	c.check(t)
}
