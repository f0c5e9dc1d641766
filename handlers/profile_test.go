package handlers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestProfile_Change: a teacher who picked the wrong university moves to
// another from /profile (or asks in words): her new reports go to the
// new university's team, her open ticket stays with the team that has it
// (she is told), and a change of role changes her menu; saying what she
// is ("I'm a teacher, not a student") opens it too. Before, the only way
// was /deletemydata and /start again. Staff are told the configuration
// sets their roles.
func TestProfile_Change(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7401, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "cannot log in")

	out := e.Text(ana, 0, "change my university") // as /profile
	has(t, "profile", out, "Your profile", "👩‍🏫 Teacher · Universidad Nacional de Montealto")
	list := e.Press(ana, 0, int(out[len(out)-1].ID), dataPrefixed(t, out, "pf:l"))
	if b := htest.Buttons(list); b["Universidad Nacional del Valle Sur"] != "pf:u:unvs" || b["Universidad Nacional de Montealto"] != "" {
		t.Fatalf("the universities to move to: %v", b)
	}
	out = e.Press(ana, 0, int(out[len(out)-1].ID), "pf:u:unvs")
	has(t, "moved", out, "✅ Done: 👩‍🏫 Teacher · <b>Universidad Nacional del Valle Sur</b>",
		"Your open ticket UNMA-1 stays with the technical team that has it.")
	if u, _, _ := e.Store.User(ana.ID); u.University != "unvs" || u.Role != aulabot.RoleTeacher {
		t.Errorf("stored: %+v", u)
	}
	if left, came := counter(e, "changed:unma:teacher"), counter(e, "onboarded:unvs:teacher"); left != 1 || came != 1 {
		t.Errorf("the anonymous counts: %d left unma's teachers, %d came to unvs's", left, came)
	}
	if out := report(t, e, ana, "video", "no sound"); len(to(out, groupVS)) == 0 || len(to(out, groupMA)) != 0 {
		t.Errorf("her next report went to %q, want unvs's team only", texts(out))
	}
	if tk, ok, _ := e.Store.Ticket("UNMA-1"); !ok || tk.State != aulabot.TicketOpen {
		t.Errorf("her open ticket at unma: %+v", tk)
	}

	// The role: a student's menu has no 📚 My courses.
	out = e.Press(ana, 0, 0, "pf:r:student")
	menu := out[len(out)-1].Keyboard
	if !strings.Contains(texts(out), "🎓 Student · <b>Universidad Nacional del Valle Sur</b>") ||
		slices.ContainsFunc(menu, func(row []string) bool { return slices.Contains(row, "📚 My courses") }) || len(menu) == 0 {
		t.Errorf("after I'm a student: %q, menu %v", texts(out), menu)
	}
	// The same again, or Leave it, changes nothing.
	has(t, "same", e.Press(ana, 0, 0, "pf:r:student"), "Your profile stays as it was.")
	has(t, "keep", e.Press(ana, 0, 0, "pf:k"), "Your profile stays as it was.")
	if u, _, _ := e.Store.User(ana.ID); u.University != "unvs" || u.Role != aulabot.RoleStudent {
		t.Errorf("stored: %+v", u)
	}

	// Saying what one is opens the profile, with the button that changes it.
	out = e.Text(ana, 0, "I'm a teacher, not a student")
	has(t, "said", out, "Your profile", "🎓 Student · Universidad Nacional del Valle Sur")
	if htest.Buttons(out)["🔁 I'm a teacher"] != "pf:r:teacher" {
		t.Errorf("after saying she is a teacher: %v", htest.Buttons(out))
	}

	coord := htest.Person(5001, "es")
	e.Text(coord, 0, "/start")
	has(t, "staff", e.Text(coord, 0, "/profile"), "Sus funciones las fija la configuración")
}
