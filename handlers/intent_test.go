package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestAsk_FeaturesAskedInWords: an onboarded person who asks in words for
// something the bot does ("quiero reservar una mentoría", "cancel my
// booking", "what can you do") gets what its command or menu button
// gives, where it used to get "I don't know" or an article; nothing is
// recorded as a question. Inside a flow the words are the flow's, but at
// a step that waits for a button they leave it; someone not yet
// onboarded is onboarded first.
func TestAsk_FeaturesAskedInWords(t *testing.T) {
	e := newEnv(t)
	es := htest.Person(7301, "es")
	en := htest.Person(7302, "en")
	e.Onboard(es, "unma", "student")
	e.Onboard(en, "unma", "teacher")
	for _, c := range []struct {
		who       aulabot.Person
		words, is string
	}{
		{es, "quiero reservar una mentoría", "/mentoring"},
		{es, "quiero cancelar mi reserva", "/mybookings"},
		{es, "cómo veo mis tickets", "/mytickets"},
		{es, "quiero cambiar el idioma", "/language"},
		{es, "borrar mis datos", "/deletemydata"},
		{es, "qué datos guardan de mí", "/privacy"},
		{es, "qué puedes hacer", "/help"},
		{en, "i want to book a mentor", "/mentoring"},
		{en, "cancel my booking", "/mybookings"},
		{en, "i want to report a problem", "/problem"},
		{en, "what can you do", "/help"},
	} {
		e.Text(c.who, 0, "/cancel")
		want := texts(e.Text(c.who, 0, c.is))
		e.Text(c.who, 0, "/cancel")
		got := texts(e.Text(c.who, 0, c.words))
		if got != want || got == "" {
			t.Errorf("%q got %q, want what %s gives: %q", c.words, got, c.is, want)
		}
	}
	e.Text(es, 0, "/cancel")
	if all := texts(e.Text(htest.Person(5001, "es"), 0, "/gaps")); !strings.Contains(all, "No hay preguntas sin respuesta") {
		t.Errorf("/gaps after words for features = %q, want none", all)
	}
	// At a step that waits for a button (the report's category), the
	// request leaves the flow, as a menu button does; "hola" there is
	// still refused.
	e.Text(es, 0, "/problem")
	if out := texts(e.Text(es, 0, "hola")); !strings.Contains(out, "elija una categoría") {
		t.Errorf("hola at the category step: %q", out)
	}
	mentoring := texts(e.Text(es, 0, "/mentoring"))
	e.Text(es, 0, "/problem")
	if out := texts(e.Text(es, 0, "quiero reservar una mentoría")); out != mentoring {
		t.Errorf("a request at the category step: %q, want the mentoring menu", out)
	}
	if out := texts(e.Text(es, 0, "hola")); strings.Contains(out, "elija una categoría") {
		t.Errorf("the report's flow was not left: %q", out)
	}
	// In the report's description the words are its description, not a
	// request.
	e.Text(en, 0, "/problem")
	e.Press(en, 0, 0, "tk:cat:upload")
	if out := e.Text(en, 0, "cancel my booking"); strings.Contains(texts(out), "upcoming bookings") {
		t.Errorf("inside the report's flow: %q", texts(out))
	}
	// Someone not yet onboarded is onboarded first; the words are not
	// kept as a question to answer after (the menu at the end offers
	// the feature).
	if out := texts(e.Text(htest.Person(7303, "es"), 0, "quiero reservar una mentoría")); !strings.Contains(out, "¿En qué idioma") || strings.Contains(out, "Guardé su pregunta") {
		t.Errorf("before onboarding: %q", out)
	}
}
