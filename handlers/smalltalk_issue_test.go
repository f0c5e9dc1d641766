package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// Every example of small talk in issue 14 gets a short friendly reply:
// never an article, never buttons of an answer, never an entry in /gaps;
// a greeting comes with the main menu, where it helps most.
func TestSmallTalk_IssueExamples(t *testing.T) {
	e := htest.New(t, nil)
	es := htest.Person(131, "es")
	en := htest.Person(132, "en")
	e.Onboard(es, "unma", "teacher")
	e.Onboard(en, "unma", "student")
	for _, c := range []struct {
		who  aulabot.Person
		text string
		menu bool
	}{
		{es, "hola", true},
		{es, "gracias", false},
		{es, "ok", false},
		{es, "👍", false},
		{en, "thanks!", false},
		{es, "buenas noches profe", true},
	} {
		out := e.Text(c.who, 0, c.text)
		if len(out) != 1 {
			t.Errorf("%q got %d messages: %q", c.text, len(out), texts(out))
			continue
		}
		m := out[0]
		if strings.Contains(m.Text, "📚") || strings.Contains(m.Text, "Fuente") || strings.Contains(m.Text, "Source") || len(m.Inline) != 0 {
			t.Errorf("%q got an answer: %q %v", c.text, m.Text, htest.Buttons(out))
		}
		if n := len([]rune(m.Text)); n == 0 || n > 200 {
			t.Errorf("%q got %d characters, want a short reply: %q", c.text, n, m.Text)
		}
		if got := len(m.Keyboard) > 0; got != c.menu {
			t.Errorf("%q: menu shown = %v, want %v", c.text, got, c.menu)
		}
	}
	if all := texts(e.Text(htest.Person(5001, "es"), 0, "/gaps")); !strings.Contains(all, "No hay preguntas sin respuesta") {
		t.Errorf("/gaps after small talk = %q, want none", all)
	}
}
