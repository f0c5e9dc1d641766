package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestStaffUnreachable_TellsOnceADay: a member of staff the bot cannot
// write to (403 in their private chat) is named to the coordinators of
// their university and the admins, each in their language, once a day;
// nobody else, and nothing for someone the configuration does not name.
func TestStaffUnreachable_TellsOnceADay(t *testing.T) {
	e := newEnv(t)
	coordEs := htest.Person(5001, "es")
	for _, p := range []aulabot.Person{coordEs, admin, tec1, htest.Person(5101, "en")} {
		e.Text(p, 0, "/start") // staff are known once they have written
	}
	e.Text(htest.Person(4002, "es"), 0, "/start")
	e.Deliver()
	told := func() map[int64]string {
		out := map[int64]string{}
		for _, m := range e.Deliver() {
			out[m.ChatID] += m.Text
		}
		return out
	}
	ctx := context.Background()
	for range 3 {
		if err := e.H.StaffUnreachable(ctx, 4002); err != nil {
			t.Fatal(err)
		}
	}
	got := told()
	if s := got[coordEs.ID]; strings.Count(s, "⚠️") != 1 || !strings.Contains(s, "No puedo escribirle a User4002 (id 4002)") ||
		!strings.Contains(s, "Mentoría: <b>Universidad Nacional de Montealto</b>") || !strings.Contains(s, "pulse Iniciar") {
		t.Errorf("the coordinator was told %q", s)
	}
	if s := got[admin.ID]; strings.Count(s, "⚠️") != 1 || !strings.Contains(s, "I can't write to User4002 (id 4002)") {
		t.Errorf("the admin was told %q", s)
	}
	if len(got) != 2 {
		t.Errorf("told %d people (%v), want the university's coordinator and the admin", len(got), got)
	}
	for _, nobody := range []int64{7001, -2001, 3999} {
		if err := e.H.StaffUnreachable(ctx, nobody); err != nil {
			t.Fatal(err)
		}
	}
	if got := told(); len(got) != 0 {
		t.Errorf("someone the configuration does not name: told %v", got)
	}
	if err := e.H.StaffUnreachable(ctx, tec1.ID); err != nil {
		t.Fatal(err)
	}
	if got := told(); !strings.Contains(got[admin.ID], "Technical team: <b>Universidad Nacional de Montealto</b>") {
		t.Errorf("another member the same day: told %v", got)
	}
	e.Advance(24 * time.Hour)
	if err := e.H.StaffUnreachable(ctx, 4002); err != nil {
		t.Fatal(err)
	}
	if got := told(); len(got) != 2 {
		t.Errorf("the next day: told %d people, want 2 again", len(got))
	}
}

// TestStaffUnreachable_NamedAsSeen: a member who never pressed Start is
// named as their work shows them: a mentor by the name their sessions
// carry, a technician by the name on a ticket they claimed in the team
// group. The notice named "the person with id 4001".
func TestStaffUnreachable_NamedAsSeen(t *testing.T) {
	e := newEnv(t)
	e.Text(admin, 0, "/start")
	mentor := aulabot.Person{ID: 4002, FirstName: "Lucía", LastName: "Paz", LanguageCode: "en"}
	publish(t, e, mentor, "2026-03-12 15:00 30 personal")
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	tec := aulabot.Person{ID: 3002, FirstName: "Raúl", LanguageCode: "es"}
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")
	e.Press(tec, groupMA, int(p.ID), "tk:c:UNMA-1")
	e.Deliver()
	for _, who := range []struct {
		id   int64
		want string
	}{{mentor.ID, "I can't write to Lucía Paz (id 4002)"}, {tec.ID, "I can't write to Raúl (id 3002)"}} {
		if u, ok, _ := e.Store.User(who.id); ok && u.Name != "" {
			t.Fatalf("%d has a stored name %q: the test needs one who never pressed Start", who.id, u.Name)
		}
		if err := e.H.StaffUnreachable(context.Background(), who.id); err != nil {
			t.Fatal(err)
		}
		var told string
		for _, m := range e.Deliver() {
			if m.ChatID == admin.ID {
				told += m.Text
			}
		}
		if !strings.Contains(told, who.want) {
			t.Errorf("the admin was told %q, want %q", told, who.want)
		}
	}
}
