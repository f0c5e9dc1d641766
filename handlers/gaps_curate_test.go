package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
)

// pressIn presses the button whose text is label among msgs' last message
// with buttons, failing when there is none.
func pressIn(t *testing.T, e *htest.Env, p aulabot.Person, msgs []aulabot.Message, label string) []aulabot.Message {
	t.Helper()
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Inline {
			for _, b := range row {
				if b.Text == label {
					return e.Press(p, 0, int(msgs[i].ID), b.Data)
				}
			}
		}
	}
	t.Fatalf("no button %q in %q", label, texts(msgs))
	return nil
}

// gapNumber returns the number /gaps gives the group whose first question
// is text.
func gapNumber(t *testing.T, out []aulabot.Message, text string) string {
	t.Helper()
	for _, line := range strings.Split(texts(out), "\n") {
		if n, rest, ok := strings.Cut(line, ". <b>"); ok && strings.HasSuffix(rest, "</b> "+text) {
			return n
		}
	}
	t.Fatalf("no group %q in %q", text, texts(out))
	return ""
}

// TestGaps_CurationLoop: a coordinator links a group of unanswered
// questions to an article (found by typing), marks another out of scope
// and dismisses a third; the linked phrasing is answered directly at once,
// the out-of-scope one gets the polite reply, none of them shows in /gaps
// again, and /gaps reports the effect of the link.
func TestGaps_CurationLoop(t *testing.T) {
	e := htest.New(t, nil)
	ana := htest.Person(130, "es")
	luis := htest.Person(131, "es")
	e.Onboard(ana, "unma", "student")
	e.Onboard(luis, "unma", "student")
	const linked = "cuando abren las becas de comedor"
	const away = "resultados del partido de futbol"
	const noise = "xqzt vbnm plokij"
	for _, q := range []string{linked, linked + "?", away, noise} {
		e.Advance(handlers.RepeatWindow + time.Second) // asked again later: not the same message sent twice
		if all := texts(e.Text(ana, 0, q)); !strings.Contains(all, "Todavía no sé responder eso") {
			t.Fatalf("%q got %q", q, all)
		}
	}
	coord := htest.Person(5001, "es")
	out := e.Text(coord, 0, "/gaps")
	if !strings.Contains(texts(out), "<b>2×</b> "+linked) {
		t.Fatalf("/gaps = %q", texts(out))
	}
	// Only a coordinator of the question's university may curate.
	for _, p := range []aulabot.Person{ana, htest.Person(5101, "es")} {
		pressIn(t, e, p, out, "🔗 1")
		if a := e.LastAnswer(); !a.Alert {
			t.Errorf("%d pressed 🔗: %+v, want a refusal", p.ID, a)
		}
	}
	// Link: candidates from the search, then typed words.
	picked := pressIn(t, e, coord, out, "🔗 1")
	if !strings.Contains(texts(picked), "No encontré artículos para «"+linked) { // the base has no answer: the search finds none
		t.Fatalf("link offers %q", texts(picked))
	}
	found := e.Text(coord, 0, "ayuda del profesor")
	done := pressIn(t, e, coord, found, "📄 ¿Cómo pido ayuda a mi docente de forma efectiva?")
	if !strings.Contains(texts(done), "1 forma de preguntar quedó enlazada a «¿Cómo pido ayuda") || strings.Contains(texts(done), "no es para") {
		t.Fatalf("after linking (students only asked, and may read it): %q", texts(done))
	}
	// The buttons of the list shown before the link change nothing: ✖
	// pressed on it replaced the link, and ✍️ would answer it again.
	for _, label := range []string{"✖ 1", "✍️ 1", "🚫 1", "🔗 1"} {
		if got := texts(pressIn(t, e, coord, out, label)); got != "" {
			t.Errorf("%s on the old list sent %q", label, got)
		}
		if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "ya quedó enlazada a «¿Cómo pido ayuda a mi docente de forma efectiva?»: no cambié nada") {
			t.Errorf("%s on the old list: %+v", label, a)
		}
	}
	// (The two questions differ only in "?": one phrasing.) The same
	// question is now answered directly, for anyone of unma.
	e.Advance(time.Minute)
	if all := texts(e.Text(luis, 0, "Cuándo abren las becas de comedor")); !strings.Contains(all, "<b>¿Cómo pido ayuda a mi docente de forma efectiva?</b>") || !strings.Contains(all, "Fuente:") {
		t.Errorf("linked question got %q", all)
	}
	// An English-profile student typing the same Spanish words gets the
	// link too, and /gaps counts it with the others.
	emma := htest.Person(132, "en")
	e.Onboard(emma, "unma", "student")
	if all := texts(e.Text(emma, 0, linked)); !strings.Contains(all, "<b>¿Cómo pido ayuda a mi docente de forma efectiva?</b>") {
		t.Errorf("the linked words from an English-profile asker got %q", all)
	}
	out = e.Text(coord, 0, "/gaps")
	if all := texts(out); strings.Contains(all, linked) || !strings.Contains(all, "Preguntadas después del enlace, en los últimos 30 días: 2; respondidas directamente: 2.") {
		t.Errorf("/gaps after the link = %q", all)
	}
	// Out of scope, then dismiss.
	if all := texts(pressIn(t, e, coord, out, "🚫 "+gapNumber(t, out, away))); !strings.Contains(all, "fuera de alcance") {
		t.Errorf("out of scope: %q", all)
	}
	reply := e.Text(luis, 0, away)
	if all := texts(reply); !strings.Contains(all, "Eso no es algo en lo que pueda ayudarle") ||
		htest.Buttons(reply)["📄 Mesa de ayuda del aula virtual de la Universidad Nacional de Montealto"] == "" {
		t.Errorf("out-of-scope question got %q %v", all, htest.Buttons(reply))
	}
	if pressIn(t, e, coord, out, "✖ "+gapNumber(t, out, away)); !strings.Contains(e.LastAnswer().Text, "ya quedó fuera de alcance") {
		t.Errorf("✖ after 🚫 on the same list: %+v", e.LastAnswer())
	}
	out = e.Text(coord, 0, "/gaps")
	if all := texts(pressIn(t, e, coord, out, "✖ "+gapNumber(t, out, noise))); !strings.Contains(all, "1 forma de preguntar descartada") {
		t.Errorf("dismiss: %q", all)
	}
	if pressIn(t, e, coord, out, "🚫 "+gapNumber(t, out, noise)); !strings.Contains(e.LastAnswer().Text, "ya se descartó") {
		t.Errorf("🚫 after ✖ on the same list: %+v", e.LastAnswer())
	}
	if all := texts(e.Text(coord, 0, "/gaps")); strings.Contains(all, away) || strings.Contains(all, noise) || !strings.Contains(all, "No hay preguntas sin respuesta") {
		t.Errorf("/gaps after curating everything = %q", all)
	}
}

// TestGaps_HelpfulSuggestionProposesAlias: an asker who picks a suggested
// article and marks it Helpful proposes the phrasing; nothing changes
// until a coordinator taps ✅, after which it is answered directly.
func TestGaps_HelpfulSuggestionProposesAlias(t *testing.T) {
	e := htest.New(t, nil)
	ana := htest.Person(140, "es")
	e.Onboard(ana, "unma", "student")
	const q = "donde veo cuanto saque en el examen"
	out := e.Text(ana, 0, q)
	if !strings.Contains(texts(out), "¿Se refiere a alguno de estos?") {
		t.Fatalf("%q got %q", q, texts(out))
	}
	out = pressIn(t, e, ana, out, "📄 ¿Dónde veo mis notas en el aula virtual?")
	pressIn(t, e, ana, out, "👍 Me sirvió")
	e.Advance(handlers.RepeatWindow + time.Second) // asked again later: not the same message sent twice
	if all := texts(e.Text(ana, 0, q)); !strings.Contains(all, "¿Se refiere a alguno de estos?") {
		t.Errorf("before a coordinator's tap the question got %q", all)
	}
	coord := htest.Person(5001, "es")
	out = e.Text(coord, 0, "/gaps")
	if !strings.Contains(texts(out), "Propuestas") || !strings.Contains(texts(out), q+" → <code>moodle-ver-mis-notas</code>") {
		t.Fatalf("/gaps = %q", texts(out))
	}
	pressIn(t, e, coord, out, "✅ 1")
	if all := texts(e.Text(ana, 0, q)); !strings.Contains(all, "<b>¿Dónde veo mis notas en el aula virtual?</b>") {
		t.Errorf("after ✅ the question got %q", all)
	}
}
