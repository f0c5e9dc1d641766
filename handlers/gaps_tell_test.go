package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
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
	has(t, "for whom", done, "Ese artículo no es para docentes") // Rosa asked too
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
	toldAt := e.Now()
	e.Advance(time.Minute)
	again := e.Press(coord, 0, 0, tell)
	if len(to(again, ana.ID))+len(to(again, luis.ID)) != 0 || !strings.Contains(e.LastAnswer().Text, "ya lo habían recibido") {
		t.Errorf("a second press: %q %+v", texts(again), e.LastAnswer())
	}
	// The askings told are marked answered late (the report counts them),
	// at the first telling: each person's latest, nobody else's.
	late := map[string]time.Time{}
	if err := e.Store.View(func(tx *store.Tx) error {
		return tx.Questions("unma", time.Time{}, func(q aulabot.Question) error {
			if !q.Late.IsZero() {
				late[fmt.Sprintf("%d %s", q.UserID, q.Text)] = q.Late
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if len(late) != 2 || !late[fmt.Sprintf("%d %s?", ana.ID, asked)].Equal(toldAt) || !late[fmt.Sprintf("%d %s", luis.ID, asked)].Equal(toldAt) {
		t.Errorf("answered late: %v, want ana's latest and luis's at %v", late, toldAt)
	}
	// Eva found the article no help: her question is a gap again. Linked
	// to the same article once more, it is not offered to her.
	gaps := e.Text(coord, 0, "/gaps")
	has(t, "a gap again", gaps, "1×</b> "+asked)
	pressIn(t, e, coord, gaps, "🔗 1")
	relinked := pressIn(t, e, coord, e.Text(coord, 0, "ayuda del profesor"), "📄 ¿Cómo pido ayuda a mi docente de forma efectiva?")
	if all := texts(relinked); strings.Contains(all, "📬") || len(to(relinked, eva.ID)) != 0 {
		t.Errorf("linked again to the article eva found no help: %q", all)
	}
}

// TestGaps_AnswerInWords: ✍️ on a gap asks for the words, shows what the
// askers will get, and sends them only on 📬 Send: to each person who
// asked and got no answer, once, in their language, in a reply to their
// latest asking; the gap stays in /gaps. ✖️ Don't send sends nothing, and
// words that are too long change nothing.
func TestGaps_AnswerInWords(t *testing.T) {
	e := htest.New(t, nil)
	ana, luis := htest.Person(130, "es"), htest.Person(131, "en")
	for _, p := range []aulabot.Person{ana, luis} {
		e.Onboard(p, "unma", "student")
	}
	const asked = "hay becas para estudiantes a distancia"
	// "I don't know" says an answer may come later, and where.
	has(t, "unknown", e.Text(ana, 0, asked), "Guardé su pregunta para que la coordinación la revise: si la responde, le llegará aquí.")
	e.Text(luis, 0, asked+"?")
	coord := htest.Person(5001, "es")
	// A coordinator's own unanswered question is among those they curate:
	// they are the coordination (they were told it was saved for it).
	if got := texts(e.Text(coord, 0, "hay becas de posgrado en el extranjero")); !strings.Contains(got, "Su pregunta queda entre las que lista /gaps") || strings.Contains(got, "Guardé su pregunta") {
		t.Errorf("a coordinator's unanswered question: %q", got)
	}
	list := e.Text(coord, 0, "/gaps")
	has(t, "legend", list, "✍️ responder con sus palabras a quienes preguntaron")
	has(t, "ask", pressIn(t, e, coord, list, "✍️ 1"), "Escriba la respuesta para las 2 personas que preguntaron")
	// Send before any words (a forged or old button) sends nothing.
	if out := e.Press(coord, 0, 0, strings.Replace(buttonWith(t, list, "✍️ 1"), "gp:w:", "gp:ws:", 1)); len(to(out, ana.ID))+len(to(out, luis.ID)) != 0 || !e.LastAnswer().Alert {
		t.Fatalf("send before the words: %q %+v", texts(out), e.LastAnswer())
	}
	if out := e.Text(coord, 0, strings.Repeat("a", 3001)); len(to(out, ana.ID)) != 0 || !strings.Contains(texts(out), "hasta 3000 caracteres") {
		t.Fatalf("too long: %q", texts(out))
	}
	const words = "Sí: la oficina de Bienestar abre la convocatoria en marzo; escriba a bienestar@unma.edu.pe."
	preview := e.Text(coord, 0, words)
	has(t, "preview", preview, "Esto recibirán 2 personas", "La coordinación de Universidad Nacional de Montealto responde:", words)
	if n := len(to(preview, ana.ID)) + len(to(preview, luis.ID)); n != 0 {
		t.Fatalf("%d messages went before Send", n)
	}
	has(t, "dropped", pressIn(t, e, coord, preview, "✖️ No enviar"), "No se envió nada.")
	if out := e.Text(coord, 0, "hola"); strings.Contains(texts(out), "Esto recibirán") {
		t.Fatalf("the flow went on after Don't send: %q", texts(out))
	}

	before := e.Text(coord, 0, "/gaps")
	if strings.Contains(texts(before), "📬 N:") {
		t.Errorf("the late answers' legend before any: %q", texts(before))
	}
	pressIn(t, e, coord, before, "✍️ 1")
	// Words typed at the preview replace the first ones.
	has(t, "first words", e.Text(coord, 0, "Sí, hay becas."), "Sí, hay becas.")
	out := pressIn(t, e, coord, e.Text(coord, 0, words), "📬 Enviar")
	if strings.Contains(texts(out), "Sí, hay becas.") {
		t.Errorf("the replaced words went: %q", texts(out))
	}
	has(t, "sent", to(out, coord.ID), "📬 Respuesta enviada a 2 personas. La pregunta sigue en /gaps")
	// The coordinator gets the words as a draft article, for the next
	// person who asks (knowledge's TestDraft_AnswersTheGapOnceAdded: the
	// folder takes it and answers the question with it).
	var draft *aulabot.OutFile
	for _, m := range to(out, coord.ID) {
		if m.File != nil {
			draft = m.File
			has(t, "draft caption", []aulabot.Message{m}, "➕ agrega su respuesta a la base de conocimiento: este borrador de artículo")
		}
	}
	if draft == nil || draft.Name != "becas-estudiantes-distancia.md" {
		t.Fatalf("no draft article: %+v", to(out, coord.ID))
	}
	for _, line := range []string{"title: ¿Hay becas para estudiantes a distancia?\n", "lang: es\n", "audience: student\n", "university: unma\n",
		"questions:\n    - hay becas para estudiantes a distancia\n---\n" + words + "\n"} {
		if !strings.Contains(string(draft.Data), line) {
			t.Errorf("the draft lacks %q:\n%s", line, draft.Data)
		}
	}
	toAna := to(out, ana.ID)
	if len(toAna) != 1 || toAna[0].ReplyTo == 0 || !strings.Contains(toAna[0].Text, "preguntó «hay becas para estudiantes a distancia» y no tenía la respuesta") ||
		!strings.Contains(toAna[0].Text, words) {
		t.Errorf("to ana: %+v", toAna)
	}
	if got := texts(to(out, luis.ID)); !strings.Contains(got, "you asked “hay becas para estudiantes a distancia?” and I had no answer. Universidad Nacional de Montealto's coordination answers:") {
		t.Errorf("to luis: %q", got)
	}
	// The same words again reach nobody; the gap is still listed, and the
	// coordinator gets the draft again (with its ➕, if the first was
	// lost).
	pressIn(t, e, coord, e.Text(coord, 0, "/gaps"), "✍️ 1")
	again := pressIn(t, e, coord, e.Text(coord, 0, words), "📬 Enviar")
	if len(to(again, ana.ID))+len(to(again, luis.ID)) != 0 || !strings.Contains(e.LastAnswer().Text, "ya habían recibido esa respuesta") ||
		!strings.Contains(texts(again), "borrador") {
		t.Errorf("the same words again: %q %+v", texts(again), e.LastAnswer())
	}
	// /gaps counts the late answers of its university (2, the second press
	// sent none), and another university's counts none.
	has(t, "still a gap", e.Text(coord, 0, "/gaps"), asked+")</i> · 📬 2\n",
		"📬 N: preguntas del grupo que ya recibieron respuesta después",
		"📬 Respuestas que llegaron tarde a quienes habían preguntado (un artículo enlazado o sus palabras): 2.")
	if all := texts(e.Text(htest.Person(5101, "es"), 0, "/gaps")); strings.Contains(all, "llegaron tarde") {
		t.Errorf("another university's /gaps: %q", all)
	}
}

// TestGaps_LinkMixedRoles: a group of a teacher's question and a
// student's, the teacher's the newest, is searched as both: the student
// article is offered, linked, and sent to the student alone.
func TestGaps_LinkMixedRoles(t *testing.T) {
	e := htest.New(t, nil)
	ana, rosa := htest.Person(130, "es"), htest.Person(135, "es")
	e.Onboard(ana, "unma", "student")
	e.Onboard(rosa, "unma", "teacher")
	const asked = "cuando abren las becas de comedor"
	e.Text(ana, 0, asked)
	e.Advance(time.Minute)
	e.Text(rosa, 0, asked+"?")
	coord := htest.Person(5001, "es")
	pressIn(t, e, coord, e.Text(coord, 0, "/gaps"), "🔗 1")
	found := e.Text(coord, 0, "ayuda del profesor")
	done := pressIn(t, e, coord, found, "📄 ¿Cómo pido ayuda a mi docente de forma efectiva?")
	has(t, "linked", done, "enlazada a «¿Cómo pido ayuda a mi docente de forma efectiva?»", "📬 1 persona hizo esa pregunta",
		"Ese artículo no es para docentes: un docente que pregunte lo mismo sigue recibiendo la respuesta de la búsqueda.")
	if strings.Contains(texts(done), "no es para estudiantes") {
		t.Errorf("the students may read it: %q", texts(done))
	}
	out := pressIn(t, e, coord, done, "📬 Enviar el artículo (1)")
	if len(to(out, ana.ID)) != 1 || len(to(out, rosa.ID)) != 0 {
		t.Errorf("sent to ana %d, to rosa %d: %q", len(to(out, ana.ID)), len(to(out, rosa.ID)), texts(out))
	}
}

// TestAsk_UnknownStaffCommands: a technician's or a mentor's unanswered
// question names their own commands beside the teachers' words (a
// technician's "¿qué tickets están vencidos?" got those words alone, seen
// in the sandbox); a teacher's does not.
func TestAsk_UnknownStaffCommands(t *testing.T) {
	e := htest.New(t, nil)
	const asked = "hay becas de posgrado en el extranjero"
	for _, c := range []struct {
		who       aulabot.Person
		want, not string
	}{
		{tec1, "/queue", "/slots"},
		{htest.Person(4001, "es"), "/slots, /today", "/queue"},
	} {
		e.Text(c.who, 0, "/start") // the configuration's greeting
		if got := texts(e.Text(c.who, 0, asked)); !strings.Contains(got, "I've saved your question") && !strings.Contains(got, "Guardé su pregunta") ||
			!strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("%d: %q", c.who.ID, got)
		}
	}
	ana := htest.Person(132, "es")
	e.Onboard(ana, "unma", "teacher")
	if got := texts(e.Text(ana, 0, asked)); strings.Contains(got, "/queue") || strings.Contains(got, "/slots") {
		t.Errorf("a teacher's: %q", got)
	}
}
