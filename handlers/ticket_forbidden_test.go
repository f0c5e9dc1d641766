package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A team group that refuses the bot (403: removed, or no right to write)
// is reported in private to the university's team, its coordinators and
// the admins, each in their language, once a day however many messages
// the group refuses; the other university's people hear nothing, and a
// chat that is no team group is nobody's business.
func TestGroupForbidden_TellsTheTeamOnceADay(t *testing.T) {
	e := newEnv(t)
	tecEs := htest.Person(3002, "es")
	for _, p := range []aulabot.Person{tec1, tecEs, coordMA, admin, tecVS} {
		e.Text(p, 0, "/start") // staff are known once they have written
	}
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
		if err := e.H.GroupForbidden(ctx, groupMA); err != nil {
			t.Fatal(err)
		}
	}
	got := told()
	for _, want := range []struct {
		who  aulabot.Person
		text string
	}{
		{tec1, "I can't write in Universidad Nacional de Montealto's technical team group"},
		{tecEs, "No puedo escribir en el grupo del equipo técnico de Universidad Nacional de Montealto"},
		{coordMA, "/queue in this private chat"},
		{admin, "a group admin needs to add me back"},
	} {
		if !strings.Contains(got[want.who.ID], want.text) {
			t.Errorf("%d was told %q, want %q", want.who.ID, got[want.who.ID], want.text)
		}
		if n := strings.Count(got[want.who.ID], "⚠️"); n != 1 {
			t.Errorf("%d was told %d times, want once", want.who.ID, n)
		}
	}
	if s, ok := got[tecVS.ID]; ok || len(got) != 4 {
		t.Errorf("told %d people, the other university's technician %q", len(got), s)
	}
	if err := e.H.GroupForbidden(ctx, -777); err != nil {
		t.Fatal(err)
	}
	if got := told(); len(got) != 0 {
		t.Errorf("a group that is no team group: told %v", got)
	}
	e.Advance(24 * time.Hour)
	if err := e.H.GroupForbidden(ctx, groupMA); err != nil {
		t.Fatal(err)
	}
	if got := told(); len(got) != 4 {
		t.Errorf("the next day: told %d people, want 4 again", len(got))
	}
}
