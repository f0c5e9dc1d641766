package main

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_CurationLoop: in the sandbox, a question the base cannot answer
// reaches /gaps; the demo coordinator links it to an article by typing
// words; the same question is then answered directly, and still after a
// restart (the alias is in the database).
func TestE2E_CurationLoop(t *testing.T) {
	h := newHarness(t, nil)
	h.onboard(9011, "es", "Montealto", "Estudiante")
	const q = "cuando abren las becas de comedor"
	if m := h.say(9011, q); !strings.Contains(m.Text, "Todavía no sé responder eso") {
		t.Fatalf("%q got %q", q, m.Text)
	}
	const coord = 5001
	before := h.lastBot(coord)
	h.SB.SendText(coord, coord, "/gaps")
	gaps := h.waitNew(coord, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	if !strings.Contains(gaps.Text, q) {
		t.Fatalf("/gaps = %q", gaps.Text)
	}
	before = h.lastBot(coord)
	h.press(coord, gaps, "🔗 1")
	h.waitNew(coord, before, nil)
	before = h.lastBot(coord)
	h.SB.SendText(coord, coord, "ayuda del profesor")
	cands := h.waitNew(coord, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	before = h.lastBot(coord)
	h.press(coord, cands, "¿Cómo pido ayuda a mi docente de forma efectiva?")
	h.waitText(coord, before, "quedó enlazada")

	h.Advance(time.Minute)
	want := "<b>¿Cómo pido ayuda a mi docente de forma efectiva?</b>"
	if m := h.say(9011, q); !strings.Contains(m.Text, want) {
		t.Errorf("after the link %q got %q", q, m.Text)
	}
	h.stop()
	h.start()
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
	h.onboard(9012, "es", "Montealto", "Estudiante")
	const q = "cuando abren las becas de comedor"
	if m := h.say(9012, q); !strings.Contains(m.Text, "Todavía no sé responder eso") {
		t.Fatalf("%q got %q", q, m.Text)
	}
	const coord = 5001
	before := h.lastBot(coord)
	h.SB.SendText(coord, coord, "/gaps")
	gaps := h.waitNew(coord, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	before = h.lastBot(coord)
	h.press(coord, gaps, "✍️ 1")
	h.waitNew(coord, before, nil)
	const words = "Las becas de comedor abren la primera semana de marzo, en la oficina de Bienestar."
	before = h.lastBot(coord)
	h.SB.SendText(coord, coord, words)
	preview := h.waitNew(coord, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	before = h.lastBot(coord)
	asker := h.lastBot(9012)
	h.press(coord, preview, "📬 Enviar")
	draft := h.waitNew(coord, before, func(m sandbox.Message) bool { return m.File != nil })
	h.waitText(9012, asker, words)
	before = h.lastBot(coord)
	h.press(coord, draft, "➕ Agregar a la base")
	h.waitText(coord, before, "se agregó a la base de conocimiento")
	h.waitText(coord, before, "✅ Base de conocimiento recargada")

	h.onboard(9013, "es", "Montealto", "Estudiante")
	if m := h.say(9013, "¿Cuándo abren las becas de comedor?"); !strings.Contains(m.Text, words) {
		t.Errorf("after ➕ got %q", m.Text)
	}
	h.stop()
	h.start()
	if m := h.say(9013, q); !strings.Contains(m.Text, words) {
		t.Errorf("after a restart got %q", m.Text)
	}
}
