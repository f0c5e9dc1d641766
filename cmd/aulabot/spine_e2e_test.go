package main

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot/sandbox"
)

func TestE2E_Onboarding(t *testing.T) {
	h := newHarness(t, nil)
	for _, tt := range []struct {
		user              int64
		lang, role, done  string
		roleLabel, helloQ string
	}{
		{9001, "es", "Docente", "Le registré como docente", "Docente", "¿En qué idioma"},
		{9003, "en", "Student", "You're registered as a student", "Student", "Which language"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			m := h.say(tt.user, "/start")
			if !strings.Contains(m.Text, tt.helloQ) {
				t.Fatalf("/start said %q", m.Text)
			}
			// Each step asks on the same message, edited in place.
			h.press(tt.user, m, map[string]string{"es": "Español", "en": "English"}[tt.lang])
			m = h.waitEdited(tt.user, m)
			h.press(tt.user, m, "Montealto")
			m = h.waitEdited(tt.user, m)
			if !strings.Contains(m.Text, "/privacy") {
				t.Errorf("the last step says nothing of privacy: %q", m.Text)
			}
			before := h.lastBot(tt.user)
			h.press(tt.user, m, tt.roleLabel)
			if q := h.waitEdited(tt.user, m); len(q.Inline) != 0 || !strings.Contains(q.Text, tt.roleLabel) {
				t.Errorf("the role question after the choice: %q %v, want the choice and no buttons", q.Text, q.Inline)
			}
			m = h.waitText(tt.user, before, tt.done)
			if len(h.SB.ReplyKeyboard(tt.user)) == 0 {
				t.Error("no main menu keyboard after onboarding")
			}
			if !m.HTML || !strings.Contains(m.Text, "Universidad Nacional de Montealto") {
				t.Errorf("done message = %+v", m)
			}
		})
	}
}

// A restart in the middle of a flow keeps the flow's state.
func TestE2E_RestartMidFlow(t *testing.T) {
	h := newHarness(t, nil)
	m := h.say(9001, "/start unvs")
	h.press(9001, m, "Español")
	roleQ := h.waitEdited(9001, m)
	h.stop()
	h.start()
	before := h.lastBot(9001)
	h.press(9001, roleQ, "Estudiante")
	h.waitText(9001, before, "estudiante de <b>Universidad Nacional del Valle Sur</b>")
}

// An update delivered twice takes effect once.
func TestE2E_DuplicateDelivery(t *testing.T) {
	h := newHarness(t, nil)
	raw := []byte(`{"update_id":900,"message":{"message_id":5,"date":1700000000,"text":"/start",` +
		`"entities":[{"type":"bot_command","offset":0,"length":6}],` +
		`"from":{"id":9002,"is_bot":false,"first_name":"Diego","language_code":"es"},` +
		`"chat":{"id":9002,"type":"private","first_name":"Diego"}}}`)
	for i := 0; i < 2; i++ {
		if _, err := h.SB.InjectUpdate(raw); err != nil {
			t.Fatal(err)
		}
	}
	// A later message proves the repeated update was processed before it.
	h.SB.SendText(9002, 9002, "/privacy")
	h.waitText(9002, 0, "Sus datos")
	var hellos, total int
	for _, m := range h.SB.Messages(9002) {
		if m.FromBot {
			total++
			if strings.Contains(m.Text, "¿En qué idioma") {
				hellos++
			}
		}
	}
	if hellos != 1 || total != 2 {
		t.Errorf("bot sent %d hellos in %d messages, want 1 in 2: %s", hellos, total, dump(h.SB.Messages(9002)))
	}
}

// A forged callback is refused and changes nothing.
func TestE2E_ForgedCallback(t *testing.T) {
	h := newHarness(t, nil)
	m := h.say(9001, "/start")
	a := h.pressData(9001, 9001, m.ID, "role:admin")
	if !a.ShowAlert || !strings.Contains(a.Text, "ya no es válido") {
		t.Errorf("answer = %+v, want a refusal", a)
	}
	if n := len(h.SB.Messages(9001)); n != 2 {
		t.Errorf("chat has %d messages, want 2: %s", n, dump(h.SB.Messages(9001)))
	}
	_ = sandbox.Message{}
}
