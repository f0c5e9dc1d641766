package handlers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// menuHas reports whether the reply keyboard of m has a button label.
func menuHas(m aulabot.Message, label string) bool {
	for _, row := range m.Keyboard {
		if slices.Contains(row, label) {
			return true
		}
	}
	return false
}

// Staff known from the configuration are greeted with their roles and
// universities and get their menu at once: never the language,
// university or teacher/student question.
func TestStart_Staff(t *testing.T) {
	tests := []struct {
		name      string
		id        int64
		lang      string
		want      []string
		menu      string // a button of their own menu
		notMenu   string // a staff button that is not theirs
		firstRow  string // their own row comes first
		wantUni   string
		wantLines int
	}{
		{"mentor", 4101, "en", []string{"Mentor: <b>Universidad Nacional del Valle Sur</b>", "/privacy"}, "🧑‍🏫 My slots", "📥 Ticket queue", "🧑‍🏫 My slots", "unvs", 1},
		{"tech", 3001, "es", []string{"Equipo técnico: <b>Universidad Nacional de Montealto</b>", "/privacy", "le reconoce"}, "📥 Cola de tickets", "🧑‍🏫 Mis horarios", "📥 Cola de tickets", "unma", 1},
		{"coordinator", 5101, "en", []string{"Coordinator: <b>Universidad Nacional del Valle Sur</b>"}, "🔎 Unanswered questions", "📥 Ticket queue", "🔎 Unanswered questions", "unvs", 1},
		{"admin", 1001, "en", []string{"Programme coordinator (every university)"}, "🔎 Unanswered questions", "🧑‍🏫 My slots", "🔎 Unanswered questions", "unma", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := htest.New(t, nil)
			p := htest.Person(tt.id, tt.lang)
			out := e.Text(p, 0, "/start")
			if len(out) != 1 {
				t.Fatalf("/start sent %d messages: %q", len(out), texts(out))
			}
			m := out[0]
			for _, w := range tt.want {
				if !strings.Contains(m.Text, w) {
					t.Errorf("greeting %q lacks %q", m.Text, w)
				}
			}
			if len(m.Inline) != 0 {
				t.Errorf("staff asked a question: buttons %v", htest.Buttons(out))
			}
			for _, asked := range []string{"teacher or a student", "docente o estudiante", "Which university", "qué universidad", "Which language", "qué idioma"} {
				if strings.Contains(m.Text, asked) {
					t.Errorf("greeting asks %q: %q", asked, m.Text)
				}
			}
			if !menuHas(m, tt.menu) || menuHas(m, tt.notMenu) {
				t.Errorf("menu %v: want %q, not %q", m.Keyboard, tt.menu, tt.notMenu)
			}
			if len(m.Keyboard) == 0 || !slices.Contains(m.Keyboard[0], tt.firstRow) {
				t.Errorf("menu %v: their own row is not first", m.Keyboard)
			}
			u, ok, _ := e.Store.User(tt.id)
			if !ok || !u.Onboarded() || u.Role != aulabot.RoleStaff || u.University != tt.wantUni {
				t.Fatalf("stored user = %+v, %v; want staff of %s", u, ok, tt.wantUni)
			}
			// Onboarded: everyone's commands work, and /start again greets
			// without the privacy line of the first time.
			if out := e.Text(p, 0, "/problem"); len(out) != 1 || len(out[0].Inline) == 0 {
				t.Errorf("/problem after the greeting: %q", texts(out))
			}
			e.Text(p, 0, "/cancel")
			out = e.Text(p, 0, "/start")
			if len(out) != 1 || strings.Contains(out[0].Text, "/privacy") || !strings.Contains(out[0].Text, tt.want[0]) {
				t.Errorf("second /start: %q", texts(out))
			}
		})
	}
}

// A mentor who had registered as a teacher keeps that role and is shown
// both: the mentor's menu and a teacher's.
func TestStart_MentorWhoTeaches(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(4001, "en")
	err := e.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 4001, Name: "Ana", Lang: "en", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: e.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	out := e.Text(p, 0, "/start")
	if len(out) != 1 {
		t.Fatalf("/start: %q", texts(out))
	}
	for _, w := range []string{"Mentor: <b>Universidad Nacional de Montealto</b>", "Teacher: <b>Universidad Nacional de Montealto</b>"} {
		if !strings.Contains(out[0].Text, w) {
			t.Errorf("greeting %q lacks %q", out[0].Text, w)
		}
	}
	for _, b := range []string{"🧑‍🏫 My slots", "📅 Mentoring", "🛠 Report a problem"} {
		if !menuHas(out[0], b) {
			t.Errorf("menu %v lacks %q", out[0].Keyboard, b)
		}
	}
	if u, _, _ := e.Store.User(4001); u.Role != aulabot.RoleTeacher {
		t.Errorf("role = %q, want teacher kept", u.Role)
	}
}

// A staff member's university is theirs even when a deep link names
// another: nobody is asked, nothing is preselected.
func TestStart_StaffDeepLink(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(3101, "es")
	out := e.Text(p, 0, "/start unma")
	if len(out) != 1 || len(out[0].Inline) != 0 {
		t.Fatalf("/start unma by staff: %q %v", texts(out), htest.Buttons(out))
	}
	if u, _, _ := e.Store.User(3101); u.University != "unvs" {
		t.Errorf("university = %q, want the configured unvs", u.University)
	}
}
