package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestMyStats: /mystats, and the words that ask for it, show a mentor the
// sessions they gave this month (a cancelled one left out, one still to
// come counted apart), the seats booked in them with who came, and the
// mean rating; a technician the tickets they claimed and resolved and
// those they hold, with the rating of those resolved; another period
// pressed edits the message in place. "¿cuántas sesiones di este mes?"
// got "I don't know" (seen in the sandbox). Others have none.
func TestMyStats(t *testing.T) {
	e := newEnv(t) // Tuesday 10 March 2026
	e.Onboard(mentorP, "unma", "teacher")
	personal := publish(t, e, mentorP, "2026-03-12 15:00 60 personal")
	group := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5")
	publish(t, e, mentorP, "2026-03-27 15:00 60 personal") // still to come
	dropped := publish(t, e, mentorP, "2026-03-20 15:00 60 personal")
	a, b, c := user(t, e, 7601, "unma"), user(t, e, 7602, "unma"), user(t, e, 7603, "unma")
	e.Press(a, 0, 0, fmt.Sprintf("bk:c:%d", personal.ID))
	e.Press(b, 0, 0, fmt.Sprintf("bk:c:%d", group.ID))
	e.Press(c, 0, 0, fmt.Sprintf("bk:c:%d", group.ID))
	e.Advance(4 * 24 * time.Hour) // Saturday 14 March: both sessions over
	err := e.Store.Update(func(tx *storeTx) error {
		if _, _, err := tx.CancelSlot(dropped.ID, mentorP.ID, "ill"); err != nil {
			return err
		}
		for _, p := range []struct {
			person aulabot.Person
			came   bool
			stars  int
		}{{a, true, 4}, {b, true, 5}, {c, false, 0}} {
			bs, err := tx.UserBookings(p.person.ID)
			if err != nil || len(bs) != 1 {
				return fmt.Errorf("bookings of %d: %v %v", p.person.ID, bs, err)
			}
			if _, err := tx.MarkAttendance(bs[0].ID, mentorP.ID, p.came); err != nil {
				return err
			}
			if p.stars > 0 {
				if _, err := tx.RateBooking(bs[0].ID, p.person.ID, p.stars, ""); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := e.Text(mentorP, 0, "¿cuántas sesiones di este mes?")
	got := texts(out)
	for _, want := range []string{"Your figures</b> · This month: Sun 1 Mar to Sat 14 Mar", "Sessions given: 2 (personal: 1, group: 1) · still to come in the period: 1",
		"Seats booked in them: 3 · attended: 2 · did not come: 1 · not marked: 0", "Mean: 4.5 out of 5 (2 ratings)"} {
		if !strings.Contains(got, want) {
			t.Errorf("a mentor's \"¿cuántas sesiones di este mes?\": %q, want %q", got, want)
		}
	}
	if strings.Contains(got, "Tickets") {
		t.Errorf("a mentor's figures name tickets: %q", got)
	}
	// One's rating and one's hours asked after (suggestions, the booking
	// article, seen in the sandbox).
	for _, asked := range []string{"¿cuál es mi calificación promedio?", "¿cuántas horas de mentoría di este mes?"} {
		if got := texts(e.Text(mentorP, 0, asked)); !strings.Contains(got, "Mean: 4.5 out of 5 (2 ratings)") {
			t.Errorf("%q: %q, want the mentor's figures", asked, got)
		}
	}
	// The term by another name than its button's ("este ciclo" showed
	// this month's, seen in the sandbox).
	if got := texts(e.Text(mentorP, 0, "mis estadísticas de este ciclo")); !strings.Contains(got, "The term (16 weeks)") {
		t.Errorf("\"mis estadísticas de este ciclo\": %q, want the term's figures", got)
	}
	week := e.PressOn(mentorP, out[0], htest.Buttons(out)["Last week"])
	if len(week) != 1 || week[0].EditMessageID == 0 || !strings.Contains(week[0].Text, "Sessions given: 0 (personal: 0, group: 0)\n") {
		t.Errorf("Last week pressed: %q, want last week's figures in place", texts(week))
	}

	ana := htest.Person(7604, "es")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "no puedo entrar al aula virtual desde ayer")
	report(t, e, ana, "other", "el proyector del aula 12 no enciende desde el lunes")
	e.Press(tec1, groupMA, 0, "tk:c:UNMA-1")
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	e.Press(ana, 0, 0, "tk:s:UNMA-1:5")
	e.Press(tec1, groupMA, 0, "tk:c:UNMA-2")
	got = texts(e.Text(tec1, 0, "/mystats"))
	for _, want := range []string{"Tickets: you claimed 2 · resolved 1 · hold now 1", "Mean: 5 out of 5 (1 rating)"} {
		if !strings.Contains(got, want) {
			t.Errorf("a technician's /mystats: %q, want %q", got, want)
		}
	}
	if got := texts(e.Text(tec2, 0, "my stats")); !strings.Contains(got, "Tickets: you claimed 0 · resolved 0 · hold now 0") {
		t.Errorf("a colleague's \"my stats\": %q, want none of tec1's", got)
	}
	if got := texts(e.Text(ana, 0, "/mystats")); !strings.Contains(got, "cifras propias") {
		t.Errorf("a teacher's /mystats: %q, want it refused", got)
	}
}
