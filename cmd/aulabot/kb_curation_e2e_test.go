package main

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/sandbox"
)

// demoCoord is the demo's coordinator of Universidad Nacional de Montealto.
const demoCoord = 5001

// askedGap has a new student of Montealto (id student) ask q, which the
// base cannot answer, and returns the coordinator's /gaps that lists it.
func askedGap(h *harness, student int64, q string) sandbox.Message {
	h.t.Helper()
	h.onboard(student, "es", "Montealto", "Estudiante")
	if m := h.say(student, q); !strings.Contains(m.Text, "Todavía no sé responder eso") {
		h.t.Fatalf("%q got %q", q, m.Text)
	}
	before := h.lastBot(demoCoord)
	h.SB.SendText(demoCoord, demoCoord, "/gaps")
	gaps := h.waitNew(demoCoord, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	if !strings.Contains(gaps.Text, q) {
		h.t.Fatalf("/gaps = %q", gaps.Text)
	}
	return gaps
}

// TestE2E_CurationLoop: in the sandbox, a question the base cannot answer
// reaches /gaps; the demo coordinator links it to an article by typing
// words; the same question is then answered directly, and still after a
// restart (the alias is in the database).
func TestE2E_CurationLoop(t *testing.T) {
	h := newHarness(t, nil)
	const q = "cuando abren las becas de comedor"
	gaps := askedGap(h, 9011, q)
	before := h.lastBot(demoCoord)
	h.press(demoCoord, gaps, "🔗 1")
	h.waitNew(demoCoord, before, nil)
	before = h.lastBot(demoCoord)
	h.SB.SendText(demoCoord, demoCoord, "ayuda del profesor")
	cands := h.waitNew(demoCoord, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	before = h.lastBot(demoCoord)
	h.press(demoCoord, cands, "¿Cómo pido ayuda a mi docente de forma efectiva?")
	h.waitText(demoCoord, before, "quedó enlazada")

	h.Advance(time.Minute)
	want := "<b>¿Cómo pido ayuda a mi docente de forma efectiva?</b>"
	if m := h.say(9011, q); !strings.Contains(m.Text, want) {
		t.Errorf("after the link %q got %q", q, m.Text)
	}
	h.stop()
	h.start()
	h.Advance(handlers.RepeatWindow + time.Second) // asked again later: not the same message sent twice
	if m := h.say(9011, "¿Cuándo abren las becas de comedor?"); !strings.Contains(m.Text, want) {
		t.Errorf("after a restart %q got %q", q, m.Text)
	}
}

// TestE2E_AddToBase: in the sandbox, the demo coordinator answers a gap in
// words (✍️), gets the draft and adds it to the base (➕); the reload is
// told within seconds (the background workers are woken at the commit,
// not at their next look a minute later), the next student who asks is
// answered with the words, and still after a restart.
func TestE2E_AddToBase(t *testing.T) {
	h := newHarness(t, nil)
	const q = "cuando abren las becas de comedor"
	gaps := askedGap(h, 9012, q)
	before := h.lastBot(demoCoord)
	h.press(demoCoord, gaps, "✍️ 1")
	h.waitNew(demoCoord, before, nil)
	const words = "Las becas de comedor abren la primera semana de marzo, en la oficina de Bienestar."
	before = h.lastBot(demoCoord)
	h.SB.SendText(demoCoord, demoCoord, words)
	preview := h.waitNew(demoCoord, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	before = h.lastBot(demoCoord)
	asker := h.lastBot(9012)
	h.press(demoCoord, preview, "📬 Enviar")
	draft := h.waitNew(demoCoord, before, func(m sandbox.Message) bool { return m.File != nil })
	h.waitText(9012, asker, words)
	before = h.lastBot(demoCoord)
	h.press(demoCoord, draft, "➕ Agregar a la base")
	h.waitText(demoCoord, before, "se agregó a la base de conocimiento")
	h.waitText(demoCoord, before, "✅ Base de conocimiento recargada")

	h.onboard(9013, "es", "Montealto", "Estudiante")
	if m := h.say(9013, "¿Cuándo abren las becas de comedor?"); !strings.Contains(m.Text, words) {
		t.Errorf("after ➕ got %q", m.Text)
	}
	h.stop()
	h.start()
	h.Advance(handlers.RepeatWindow + time.Second) // asked again later: not the same message sent twice
	if m := h.say(9013, q); !strings.Contains(m.Text, words) {
		t.Errorf("after a restart got %q", m.Text)
	}
}
