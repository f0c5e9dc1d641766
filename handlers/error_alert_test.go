package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestShowError_Plural: an error that counts something is worded for its
// count (here in the dialog that answers a button press), in both
// languages.
func TestShowError_Plural(t *testing.T) {
	for _, tc := range []struct {
		lang     string
		unticked int
		want     string
	}{
		{aulabot.LangEN, 1, "1 required step is still unticked; tick it before"},
		{aulabot.LangEN, 2, "2 required steps are still unticked; tick them before"},
		{aulabot.LangES, 1, "Aún falta 1 paso obligatorio por marcar"},
		{aulabot.LangES, 9, "Aún faltan 9 pasos obligatorios por marcar"},
	} {
		t.Run(fmt.Sprintf("%s/%d", tc.lang, tc.unticked), func(t *testing.T) {
			e := newEnv(t)
			mentor := htest.Person(mentorMA.ID, tc.lang)
			e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
			c := addCourse(t, e, teacherMA, "Cálculo I")
			sessionForCourse(t, e, mentor.ID, c)
			for _, it := range aulabot.BuiltinChecklist[tc.unticked:] {
				e.Press(mentor, 0, 0, fmt.Sprintf("crs:t:%d:%s:1", c.ID, it.ID))
			}
			e.Press(mentor, 0, 0, fmt.Sprintf("crs:m:%d", c.ID))
			a := e.LastAnswer()
			if !a.Alert || !strings.Contains(a.Text, tc.want) {
				t.Fatalf("dialog = %+v, want it to say %q", a, tc.want)
			}
		})
	}
}
