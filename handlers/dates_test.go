package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// Dates as people say them, in the reader's language and the university's
// time zone (the clock starts on Tuesday 10 March 2026, 10:00 in Lima):
// /status, an announcement's progress, a training's time.
func TestDates_AsPeopleSayThem(t *testing.T) {
	t.Run("Status", func(t *testing.T) {
		e := htest.New(t, nil)
		en, es := htest.Person(7100, "en"), htest.Person(7101, "es")
		e.Onboard(en, "unma", aulabot.RoleTeacher)
		e.Onboard(es, "unma", aulabot.RoleTeacher)
		checkLMS(t, e, true) // at 10:00 in Lima
		for _, tc := range []struct {
			p    aulabot.Person
			want string
		}{
			{en, "(checked Tue 10 Mar, 10:00; it answered in 80 ms)"},
			{es, "(comprobada el mar 10 mar, 10:00; respondió en 80 ms)"},
		} {
			if got := textsTo(e.Text(tc.p, 0, "/status"), tc.p.ID); !strings.Contains(got, tc.want) {
				t.Errorf("/status when up = %q, want %q", got, tc.want)
			}
		}
		checkLMS(t, e, false) // at 10:01
		if got := textsTo(e.Text(en, 0, "/status"), en.ID); !strings.Contains(got, "virtual classroom, Tue 10 Mar, 10:01, failed: 503 Service Unavailable") {
			t.Errorf("/status after a failed check = %q", got)
		}
		checkLMS(t, e, false)
		checkLMS(t, e, false) // the third failure, at 10:03, opens the incident
		if got := textsTo(e.Text(es, 0, "/status"), es.ID); !strings.Contains(got, "tiene problemas desde el mar 10 mar, 10:03.") {
			t.Errorf("/status when down = %q", got)
		}
	})

	t.Run("Announcement", func(t *testing.T) {
		e, a := announceEnv(t)
		draft(t, e, coordUNMA, aulabot.AudienceStudents, "Exam week", "")
		e.Press(coordUNMA, 0, 0, "ann:sched")
		loc := e.Config.Loc("unma")
		msgs := e.Text(coordUNMA, 0, e.Now().In(loc).Add(26*time.Hour).Format("2006-01-02 15:04"))
		if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "scheduled for Wed 11 Mar, 12:00,") {
			t.Errorf("scheduled = %q", got)
		}
		e.Advance(26 * time.Hour)
		if err := a.Step(); err != nil {
			t.Fatal(err)
		}
		sent := e.Deliver()
		if got := lastTo(t, sent, coordUNMA.ID).Text; !strings.Contains(got, "Expected end: Wed 11 Mar, 12:00") {
			t.Errorf("progress = %q", got)
		}
	})

	t.Run("Training", func(t *testing.T) {
		e, a := announceEnv(t)
		if got := lastTo(t, createTraining(t, e, ""), coordUNMA.ID).Text; !strings.Contains(got, "created") {
			t.Fatalf("created = %q", got)
		}
		run(t, e, a)
		if got, want := textsTo(e.Sent(7100), 7100), "🕒 jue 12 mar, 17:00–18:00 (hora de Lima)"; !strings.Contains(got, want) {
			t.Errorf("invitation = %q, want %q", got, want)
		}
		if got, want := textsTo(e.Sent(coordUNMA.ID), coordUNMA.ID), "🕒 Thu 12 Mar, 17:00–18:00 (Lima time)"; !strings.Contains(got, want) {
			t.Errorf("the coordinator's preview = %q, want %q", got, want)
		}
	})
}
