package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A technician who reads English works in a team group of a Spanish
// configuration: the notes the bot writes to the group are in the group's
// language, the one of the ticket posts; the answer to their own press and
// their private replies are in their own.
func TestTeamNotes_GroupLanguage(t *testing.T) {
	cfg := config.Demo()
	if cfg.Language != aulabot.LangES {
		t.Fatalf("demo configuration speaks %q; the test needs Spanish", cfg.Language)
	}
	e := htest.New(t, cfg)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", aulabot.RoleTeacher)
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")

	e.Press(tec1, groupMA, int(p.ID), "tk:c:UNMA-1")
	if a := e.LastAnswer(); !strings.Contains(a.Text, "You claimed UNMA-1") {
		t.Errorf("the presser's own answer = %+v, want it in their English", a)
	}

	for _, tc := range []struct {
		name, text string
		chat       int64
		want       string
	}{
		{"reply in the group", "/reply UNMA-1 Try again now", groupMA, "UNMA-1 · enviado al solicitante"},
		{"reply in private", "/reply UNMA-1 And clear the cache", tec1.ID, "UNMA-1 · sent to the requester"},
		{"resolve in the group", "/resolve UNMA-1", groupMA, "UNMA-1 resuelto; le pedí confirmación"},
	} {
		if got := allText(to(e.Text(tec1, tc.chat, tc.text), tc.chat)); !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
