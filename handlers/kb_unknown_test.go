package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestAsk_UnknownOffersHelpDesk: a question the base does not cover gets
// "I don't know" and no unrelated article; the next steps start with the
// asker's university's help desk article when the base has one, and that
// button opens it.
func TestAsk_UnknownOffersHelpDesk(t *testing.T) {
	e := htest.New(t, nil)
	unma := htest.Person(120, "es")
	unvs := htest.Person(121, "es")
	e.Onboard(unma, "unma", "student")
	e.Onboard(unvs, "unvs", "student")
	out := e.Text(unma, 0, "resultados del partido de futbol")
	if !strings.Contains(texts(out), "Todavía no sé responder eso") {
		t.Fatalf("got %q", texts(out))
	}
	last := out[len(out)-1]
	if len(last.Inline) < 3 || !strings.HasPrefix(last.Inline[0][0].Text, "📄 Mesa de ayuda") {
		t.Fatalf("buttons %+v, want the help desk first, then a mentor and the team", last.Inline)
	}
	b := htest.Buttons(out)
	if !strings.HasPrefix(b["🧑‍🏫 Preguntar a un mentor"], "bk:q:") || !strings.HasPrefix(b["🛠 Reportar un problema técnico"], "tk:nq:") {
		t.Errorf("next steps = %v", b)
	}
	opened := texts(e.Press(unma, 0, int(last.ID), last.Inline[0][0].Data))
	if !strings.Contains(opened, "<b>Mesa de ayuda del aula virtual de la Universidad Nacional de Montealto</b>") {
		t.Errorf("help desk button opened %q", opened)
	}
	out = e.Text(unvs, 0, "resultados del partido de futbol")
	for text := range htest.Buttons(out) {
		if strings.HasPrefix(text, "📄") {
			t.Errorf("unvs got an article button %q: %v", text, htest.Buttons([]aulabot.Message{out[len(out)-1]}))
		}
	}
}
