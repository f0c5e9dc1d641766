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
