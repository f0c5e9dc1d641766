package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// TestGaps_TellAskers: once a gap is linked, the coordinator is offered
// to send the article to the people who asked it, got no answer and may
// read it; each gets it once, in a reply to their latest asking, rendered for them; a
// second press sends nothing, and a coordinator of another university may
// not press it.
func TestGaps_TellAskers(t *testing.T) {
	e := htest.New(t, nil)
	ana, luis, eva := htest.Person(130, "es"), htest.Person(131, "en"), htest.Person(133, "es")
	for _, p := range []aulabot.Person{ana, luis, eva} {
		e.Onboard(p, "unma", "student")
	}
	const asked = "cuando abren las becas de comedor"
	// A teacher asked it first: the article is for students, so she is
	// neither counted nor sent it.
	rosa := htest.Person(135, "es")
	e.Onboard(rosa, "unma", "teacher")
	e.Text(rosa, 0, asked)
	e.Text(ana, 0, asked)
	e.Advance(time.Hour)
	e.Text(ana, 0, asked+"?")
	e.Text(luis, 0, asked)
	// Someone who asked and then deleted their data is not counted or told.
	gone := htest.Person(134, "es")
	e.Onboard(gone, "unma", "student")
	e.Text(gone, 0, asked)
	e.Press(gone, 0, 0, "del:yes")
	coord := htest.Person(5001, "es")
	out := e.Text(coord, 0, "/gaps")
	pressIn(t, e, coord, out, "🔗 1")
	found := e.Text(coord, 0, "ayuda del profesor")
	done := pressIn(t, e, coord, found, "📄 ¿Cómo pido ayuda a mi docente de forma efectiva?")
	has(t, "offer", done, "📬 2 personas hicieron esa pregunta y no recibieron respuesta")
	tell := buttonWith(t, done, "📬 Enviar el artículo (2)")

	// Asked after the link: answered directly with the article, which she
	// found no help; not one of those told (she has it).
	e.Advance(time.Minute)
	e.Press(eva, 0, 0, buttonWith(t, e.Text(eva, 0, asked), "👎 No me sirvió"))

	if out := e.Press(htest.Person(5101, "es"), 0, 0, tell); len(out) != 0 || !e.LastAnswer().Alert {
		t.Fatalf("another university's coordinator pressed it: %q %+v", texts(out), e.LastAnswer())
	}
	out = e.Press(coord, 0, 0, tell)
	has(t, "told", to(out, coord.ID), "📬 Artículo enviado a 2 personas que lo habían preguntado.")
	toAna := to(out, ana.ID)
	if len(toAna) != 1 || toAna[0].ReplyTo == 0 || !strings.Contains(toAna[0].Text, "preguntó «cuando abren las becas de comedor?» y no tenía la respuesta. La coordinación de Universidad Nacional de Montealto la encontró:") ||
		!strings.Contains(toAna[0].Text, "<b>¿Cómo pido ayuda a mi docente de forma efectiva?</b>") {
		t.Errorf("to ana: %+v", toAna)
	}
	// Luis reads English: the head is his; the article is the one linked.
	if got := texts(to(out, luis.ID)); !strings.Contains(got, "you asked “cuando abren las becas de comedor” and I had no answer") {
		t.Errorf("to luis: %q", got)
	}
	for _, p := range []aulabot.Person{eva, gone, rosa} {
		if n := len(to(out, p.ID)); n != 0 {
			t.Errorf("person %d got %d messages", p.ID, n)
		}
	}
	again := e.Press(coord, 0, 0, tell)
	if len(to(again, ana.ID))+len(to(again, luis.ID)) != 0 || !strings.Contains(e.LastAnswer().Text, "ya lo habían recibido") {
		t.Errorf("a second press: %q %+v", texts(again), e.LastAnswer())
	}
}
