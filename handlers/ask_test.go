package handlers_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
)

func TestAsk_Answer(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(90, "es")
	e.Onboard(p, "unma", "student")
	out := e.Text(p, 0, "como entrego mi tarea")
	if len(out) == 0 {
		t.Fatal("no answer")
	}
	last := out[len(out)-1]
	all := texts(out)
	if !strings.Contains(all, "<b>¿Cómo entrego una tarea en Moodle?</b>") || !strings.Contains(all, "Fuente:") {
		t.Errorf("answer = %q", all)
	}
	b := htest.Buttons([]aulabot.Message{last})
	if b["👍 Me sirvió"] == "" || b["👎 No me sirvió"] == "" {
		t.Fatalf("feedback buttons missing: %v", b)
	}
	related := 0
	for text := range b {
		if strings.HasPrefix(text, "📄 ") {
			related++
		}
	}
	if related == 0 {
		t.Error("no related articles offered")
	}
	// Helpful once; the buttons go; a second press is told.
	out = e.Press(p, 0, int(last.ID), b["👍 Me sirvió"])
	if a := e.LastAnswer(); a.Text != "¡Gracias! 🙌" {
		t.Errorf("answer to Helpful = %+v", a)
	}
	if len(out) != 1 || out[0].EditMessageID != int(last.ID) || len(out[0].Inline) != 0 {
		t.Errorf("buttons not removed: %+v", out)
	}
	e.Press(p, 0, int(last.ID), b["👎 No me sirvió"])
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "Ya registré su opinión") {
		t.Errorf("second feedback = %+v", a)
	}
}

// TestAsk_InterjectionAround: Peru's "oe" (for "oye") before a question
// is courtesy, as "hola" is, and the question is answered ("oe como subo
// mi tarea xfa" got suggestions, seen in the sandbox on 8 December).
func TestAsk_InterjectionAround(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(92, "es")
	e.Onboard(p, "unma", "student")
	if all := texts(e.Text(p, 0, "oe como subo mi tarea xfa")); !strings.Contains(all, "<b>¿Cómo entrego una tarea en Moodle?</b>") {
		t.Errorf("answer = %q", all)
	}
}

func TestAsk_English(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(91, "en")
	e.Onboard(p, "unvs", "student")
	all := texts(e.Text(p, 0, "how do i submit homework"))
	if !strings.Contains(all, "Source:") || !strings.Contains(strings.ToLower(all), "assignment") {
		t.Errorf("answer = %q", all)
	}
}

func TestAsk_UnknownIsAGap(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(92, "es")
	e.Onboard(p, "unma", "teacher")
	for _, q := range []string{"xqzt vbnm plokij", "xqzt vbnm plokij?", "zzyzx wombat qwfp"} {
		e.Advance(handlers.RepeatWindow + time.Second) // asked again later: not the same message sent twice
		out := e.Text(p, 0, q)
		if !strings.Contains(texts(out), "Todavía no sé responder eso") {
			t.Fatalf("%q got %q", q, texts(out))
		}
		b := htest.Buttons(out)
		if !strings.HasPrefix(b["🧑‍🏫 Preguntar a un mentor"], "bk:q:") || !strings.HasPrefix(b["🛠 Reportar un problema técnico"], "tk:nq:") {
			t.Fatalf("next steps = %v", b)
		}
	}
	coord := htest.Person(5001, "es")
	out := e.Text(coord, 0, "/gaps")
	all := texts(out)
	if !strings.Contains(all, "Universidad Nacional de Montealto") || !strings.Contains(all, "<b>2×</b>") || !strings.Contains(all, "<b>1×</b>") {
		t.Errorf("/gaps = %q, want the two similar questions grouped", all)
	}
	// Another university's coordinator sees none of it, and cannot ask.
	if all := texts(e.Text(htest.Person(5101, "es"), 0, "/gaps")); !strings.Contains(all, "No hay preguntas sin respuesta") {
		t.Errorf("other coordinator /gaps = %q", all)
	}
	if all := texts(e.Text(htest.Person(5101, "es"), 0, "/gaps unma")); !strings.Contains(all, "No coordina ") {
		t.Errorf("/gaps unma by unvs coordinator = %q", all)
	}
	// Not a coordinator: refused.
	if all := texts(e.Text(p, 0, "/gaps")); !strings.Contains(all, "Solo los coordinadores") {
		t.Errorf("/gaps by a teacher = %q", all)
	}
}

func TestAsk_NotHelpfulOffersPeople(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(93, "en")
	e.Onboard(p, "unma", "student")
	out := e.Text(p, 0, "how do i submit homework")
	last := out[len(out)-1]
	out = e.Press(p, 0, int(last.ID), htest.Buttons(out)["👎 Not helpful"])
	if !strings.Contains(texts(out), "Sorry that didn't help") || !strings.HasPrefix(htest.Buttons(out)["🛠 Report a technical problem"], "tk:nq:") {
		t.Errorf("after Not helpful: %q %v", texts(out), htest.Buttons(out))
	}
	if all := texts(e.Text(htest.Person(1001, "en"), 0, "/gaps")); !strings.Contains(all, "how do i submit homework") {
		t.Errorf("admin /gaps = %q, want the not-helpful question", all)
	}
}

// "None of these" under suggestions takes itself off and leaves the
// suggested articles to open (until 6 December every button went, and
// "Did you mean one of these?" stood over none); the next steps follow.
func TestAsk_NoneOfTheseKeepsArticles(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(96, "en")
	e.Onboard(p, "unma", "student")
	out := e.Text(p, 0, "hi, my teacher hid the quiz and now i cant open it")
	sug := out[len(out)-1]
	b := htest.Buttons(out)
	none := b["🤷 None of these"]
	if !strings.Contains(sug.Text, "Did you mean one of these?") || none == "" || len(b) < 2 {
		t.Fatalf("not suggestions: %q %v", sug.Text, b)
	}
	out = e.PressOn(p, sug, none)
	var kept *aulabot.Message
	for i := range out {
		if out[i].EditMessageID == int(sug.ID) {
			kept = &out[i]
		}
	}
	if kept == nil {
		t.Fatalf("the suggestions were not edited: %+v", out)
	}
	left := htest.Buttons([]aulabot.Message{*kept})
	if _, ok := left["🤷 None of these"]; ok || len(left) != len(b)-1 {
		t.Errorf("the suggestions keep %v, want the articles of %v", left, b)
	}
	for text, data := range left {
		if !strings.HasPrefix(data, "kb:a:") {
			t.Errorf("%q (%s) is not an article", text, data)
		}
	}
	if !strings.Contains(texts(out), "I don't know that yet") || !strings.HasPrefix(htest.Buttons(out)["🛠 Report a technical problem"], "tk:nq:") {
		t.Errorf("after None of these: %q %v", texts(out), htest.Buttons(out))
	}
}

// Rating an answer takes Helpful / Not helpful off it and leaves its
// related articles to open (until 4 December every button went); a press
// whose message Telegram did not describe takes them all, as before.
func TestAsk_FeedbackKeepsArticles(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(96, "en")
	e.Onboard(p, "unma", "student")
	for _, helpful := range []string{"👍 Helpful", "👎 Not helpful"} {
		e.Advance(handlers.RepeatWindow + time.Second) // asked again later: not the same message sent twice
		out := e.Text(p, 0, "how do i submit homework")
		answer := out[len(out)-1]
		var related []string
		for _, row := range answer.Inline[1:] {
			related = append(related, row[0].Text)
		}
		if len(related) == 0 {
			t.Fatalf("the answer has no related articles: %+v", answer.Inline)
		}
		edit := e.PressOn(p, answer, htest.Buttons(out)[helpful])
		var kept aulabot.Message
		for _, m := range edit {
			if m.EditMessageID == int(answer.ID) {
				kept = m
			}
		}
		b := htest.Buttons([]aulabot.Message{kept})
		if _, ok := b[helpful]; ok || len(b) != len(related) {
			t.Errorf("after %s the answer has %v, want only its articles %q", helpful, b, related)
		}
		for _, r := range related {
			if !strings.HasPrefix(b[r], "kb:a:") {
				t.Errorf("after %s the article %q is gone: %v", helpful, r, b)
			}
		}
	}
	out := e.Text(p, 0, "how do i submit homework")
	answer := out[len(out)-1]
	for _, m := range e.Press(p, 0, int(answer.ID), htest.Buttons(out)["👍 Helpful"]) {
		if m.EditMessageID == int(answer.ID) && len(m.Inline) != 0 {
			t.Errorf("a press without the message's buttons kept %v", m.Inline)
		}
	}
}

func TestAsk_BadInput(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(94, "en")
	e.Onboard(p, "unma", "student")
	for q, want := range map[string]string{
		"?!? ...":                      "I found no words",
		strings.Repeat("moodle ", 300): "too long",
		"<script>alert(1)</script> how do i submit <b>": "",
	} {
		all := texts(e.Text(p, 0, q))
		if want != "" && !strings.Contains(all, want) {
			t.Errorf("%.30q got %q, want %q", q, all, want)
		}
		if strings.Contains(all, "<script>") {
			t.Errorf("%.30q echoed raw HTML: %q", q, all)
		}
	}
	// Forged callbacks: another person's question, garbage.
	other := htest.Person(95, "en")
	e.Onboard(other, "unma", "student")
	out := e.Text(other, 0, "how do i submit homework")
	data := htest.Buttons(out)["👍 Helpful"]
	for _, d := range []string{data, "kb:h:999999:1", "kb:a:1:no-such-article", "kb:x", "kb:h:abc:1"} {
		e.Press(p, 0, 0, d)
		if a := e.LastAnswer(); !a.Alert {
			t.Errorf("%s pressed by someone else: %+v, want a refusal", d, a)
		}
	}
	// The owner can still give feedback: nothing was changed.
	e.Press(other, 0, 0, data)
	if a := e.LastAnswer(); a.Alert {
		t.Errorf("owner's feedback refused after forgeries: %+v", a)
	}
}

func TestAsk_NeedsOnboarding(t *testing.T) {
	e := htest.New(t, nil)
	// Onboarding starts at once, as buttons; the question waits for it
	// (TestStart_FirstMessage answers it).
	out := e.Text(htest.Person(96, "en"), 0, "how do i submit homework")
	if all := texts(out); !strings.Contains(all, "kept your question") || htest.Buttons(out)["🇬🇧 English"] != "lang:en" {
		t.Errorf("a stranger's question got %q", all)
	}
}

func TestReload(t *testing.T) {
	e := htest.New(t, nil)
	coord := htest.Person(5001, "en")
	if all := texts(e.Text(coord, 0, "/reload")); !strings.Contains(all, "Reloading the knowledge base") {
		t.Errorf("/reload by a coordinator: %q", all)
	}
	// The reload itself is a background job: it runs outside the chat's
	// worker and tells the coordinator when done.
	if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	if all := texts(e.Deliver()); !strings.Contains(all, "Knowledge base reloaded") || !strings.Contains(all, " articles") {
		t.Errorf("after the reload job: %q", all)
	}
	p := htest.Person(97, "en")
	e.Onboard(p, "unma", "teacher")
	if all := texts(e.Text(p, 0, "/reload")); !strings.Contains(all, "Only coordinators") {
		t.Errorf("/reload by a teacher: %q", all)
	}
}

// A long message (here as a voice note's words would come, greeting and
// context first) is answered with the article directly when one of its
// clauses alone is sure of the same article (knowledge: focusLong), not
// with "Did you mean one of these?" and three buttons.
func TestAsk_LongMessageAnsweredDirectly(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(98, "es")
	e.Onboard(p, "unma", "student")
	out := e.Text(p, 0, "Buenos días, soy estudiante de segundo ciclo y desde ayer no puedo entrar al aula virtual, me dice que mi cuenta está bloqueada, ¿qué hago?")
	if all := texts(out); !strings.Contains(all, "Fuente:") || !strings.Contains(all, "bloqueada") || strings.Contains(all, "Se refiere a alguno") {
		t.Errorf("a long message with a sure clause: %q %v", all, htest.Buttons(out))
	}
}

// A person whose language is English and who asks in Spanish gets the
// Spanish article (the question's language decides the search) with the
// bot's own words and buttons in English; and the reverse.
func TestAsk_QuestionLanguage(t *testing.T) {
	e := htest.New(t, nil)
	emma := htest.Person(97, "en")
	e.Onboard(emma, "unma", "teacher")
	all := texts(e.Text(emma, 0, "¿Cómo agrego estudiantes a mi curso en Moodle?"))
	if !strings.Contains(all, "<b>¿Cómo agrego o matriculo estudiantes en mi curso de Moodle?</b>") || !strings.Contains(all, "Source:") {
		t.Errorf("a Spanish question from an English profile: %q", all)
	}
	ana := htest.Person(98, "es")
	e.Onboard(ana, "unma", "teacher")
	all = texts(e.Text(ana, 0, "how do I add students to my Moodle course"))
	if !strings.Contains(all, "<b>How do I add or enrol students in my Moodle course?</b>") || !strings.Contains(all, "Fuente:") {
		t.Errorf("an English question from a Spanish profile: %q", all)
	}
}

// TestAsk_ReportCarriesTheQuestion: Report a technical problem under an
// answer that did not help starts the report with the question's words
// (as kept: masked), so that the person need not type them again: one tap
// sends them, or they add the rest; pressed again, it names the ticket
// made. A button naming someone else's question, or one since erased,
// starts a report with nothing said.
func TestAsk_ReportCarriesTheQuestion(t *testing.T) {
	e := htest.New(t, nil)
	p, other := htest.Person(94, "es"), htest.Person(95, "es")
	e.Onboard(p, "unma", "student")
	e.Onboard(other, "unma", "student")
	const asked = "no puedo entrar al aula virtual con mi codigo 20201234 me dice contraseña incorrecta"
	out := e.Text(p, 0, asked)
	out = e.Press(p, 0, int(out[len(out)-1].ID), htest.Buttons(out)["👎 No me sirvió"])
	report := htest.Buttons(out)["🛠 Reportar un problema técnico"]
	if !strings.HasPrefix(report, "tk:nq:") {
		t.Fatalf("after Not helpful: %v", htest.Buttons(out))
	}

	e.Press(p, 0, 0, report)
	out = e.Press(p, 0, 0, "tk:cat:lms")
	masked := "no puedo entrar al aula virtual con mi codigo " + aulabot.MaskedNumber + " me dice contraseña incorrecta"
	if !strings.Contains(texts(out), "Lo que ya me escribió va al inicio del reporte: «"+masked+"»") || htest.Buttons(out)["📨 Enviar lo que escribí"] != "tk:said" {
		t.Fatalf("the description step: %q %v", texts(out), htest.Buttons(out))
	}
	out = stillNeedHelp(e, p, e.Press(p, 0, 0, "tk:said"))
	if tk, ok, _ := e.Store.Ticket("UNMA-1"); !ok || tk.Description != masked || tk.Category != aulabot.CategoryLMS {
		t.Errorf("the ticket: %+v (%q)", tk, texts(out))
	}
	// The button again names that ticket, with no second report.
	out = e.Press(p, 0, 0, report)
	if !strings.Contains(texts(out), "Ya envió este mensaje al equipo técnico: es su ticket <b>UNMA-1</b>") || htest.Buttons(out)["🔎 Ver UNMA-1"] == "" || stateOf(t, e, p).Flow != "" {
		t.Errorf("the button pressed again: %q %v", texts(out), htest.Buttons(out))
	}

	for _, who := range []aulabot.Person{other, p} {
		if who == p {
			e.Text(p, 0, "/deletemydata")
			e.Press(p, 0, 0, "del:yes")
			e.Onboard(p, "unma", "student")
		}
		e.Press(who, 0, 0, report)
		out = e.Press(who, 0, 0, "tk:cat:video")
		if all := texts(out); !strings.Contains(all, "Cuénteme el problema") || strings.Contains(all, "Lo que ya me escribió") {
			t.Errorf("%d pressed the button of a question not theirs (or erased): %q", who.ID, all)
		}
		e.Text(who, 0, "/cancel")
	}
}

// TestAsk_ReportCarriesTheScreenshot: a screenshot with words under it
// ("me sale este error") is answered as a question; when the answer does
// not solve it, Report a technical problem under it starts the report
// with the words and the screenshot, which the team gets with the ticket.
// It used to carry the words only, and the person sent the screenshot
// again. Deleting one's data takes the file off the question kept.
func TestAsk_ReportCarriesTheScreenshot(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(96, "es")
	e.Onboard(p, "unma", "teacher")
	const asked = "no puedo subir mi tarea, me sale este error"
	out := e.Handle(aulabot.Update{ChatID: p.ID, From: p, MessageID: 901, Text: asked,
		File: &aulabot.File{ID: "err-shot", Kind: "photo", Size: 1000}})
	if b := htest.Buttons(out)["👎 No me sirvió"]; b != "" {
		out = e.Press(p, 0, int(out[len(out)-1].ID), b)
	}
	e.Press(p, 0, 0, dataPrefixed(t, out, "tk:nq:"))
	out = e.Press(p, 0, 0, "tk:cat:upload")
	if all := texts(out); !strings.Contains(all, "El archivo que envió va con el reporte") || !strings.Contains(all, "«"+asked+"»") {
		t.Fatalf("the description step: %q", all)
	}
	out = stillNeedHelp(e, p, e.Press(p, 0, 0, "tk:said"))
	copied := slices.Equal(copiesOf(out, groupMA, p.ID), []int{901})
	if tk, ok, _ := e.Store.Ticket("UNMA-1"); !ok || tk.Description != asked || len(tk.Files) != 1 || tk.Files[0].File.ID != "err-shot" || !copied {
		t.Errorf("the ticket: %+v, the screenshot copied to the team: %v", tk, copied)
	}

	e.Text(p, 0, "/deletemydata")
	e.Press(p, 0, 0, "del:yes")
	err := e.Store.View(func(tx *storeTx) error {
		return tx.Questions("", time.Time{}, func(q aulabot.Question) error {
			if q.File != nil || q.AnswerSum != 0 {
				t.Errorf("question %d keeps its file or its answer's fingerprint after the deletion: %+v", q.ID, q)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAsk_ReportToTeamCarriesTheScreenshot: a screenshot whose words
// describe a failure only the team can fix is answered with Report to the
// technical team first; its category creates the ticket at once, with the
// words and the screenshot, which the team gets copied. The ticket used to
// carry the words only ("me sale este error" and no error to see).
func TestAsk_ReportToTeamCarriesTheScreenshot(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(97, "es")
	e.Onboard(p, "unma", "teacher")
	const asked = "no puedo entrar al aula virtual, me sale este error"
	out := reportToTeam(t, e, p, e.Handle(aulabot.Update{ChatID: p.ID, From: p, MessageID: 902, Text: asked,
		File: &aulabot.File{ID: "login-shot", Kind: "photo", Size: 1000}}), aulabot.CategoryLMS)
	copied := slices.Equal(copiesOf(out, groupMA, p.ID), []int{902})
	if tk, ok, _ := e.Store.Ticket("UNMA-1"); !ok || tk.Description != asked || len(tk.Files) != 1 || tk.Files[0].File.ID != "login-shot" || !copied {
		t.Errorf("the ticket: %+v, the screenshot copied to the team: %v", tk, copied)
	}
}

// TestAsk_ReportRefusedFileSaid: a question that came with a file the
// team cannot take (an Office document with macros) makes its ticket from
// the words alone, and the person is told why the file did not go with
// it; it went nowhere without a word.
func TestAsk_ReportRefusedFileSaid(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(99, "es")
	e.Onboard(p, "unma", "teacher")
	const asked = "no puedo entrar al aula virtual, me sale este error"
	out := reportToTeam(t, e, p, e.Handle(aulabot.Update{ChatID: p.ID, From: p, MessageID: 903, Text: asked,
		File: &aulabot.File{ID: "macro-doc", Kind: "document", Name: "error.docm", Size: 1000}}), aulabot.CategoryLMS)
	mine := texts(to(out, p.ID))
	if !strings.Contains(mine, "contiene macros") || !strings.Contains(mine, "UNMA-1") {
		t.Errorf("the person was told %q", mine)
	}
	if tk, ok, _ := e.Store.Ticket("UNMA-1"); !ok || tk.Description != asked || len(tk.Files) != 0 || len(copiesOf(out, groupMA, p.ID)) != 0 {
		t.Errorf("the ticket: %+v", tk)
	}
}

// TestAsk_ScreenshotReplacedByEdit: a question's screenshot replaced by an
// edit, its words the same, is asked anew, and the question kept holds the
// new file, the one a report from the answer takes; the same file again
// (only the words' format) gets nothing.
func TestAsk_ScreenshotReplacedByEdit(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(97, "es")
	e.Onboard(p, "unma", "teacher")
	const asked = "no puedo subir mi tarea, me sale este error"
	shot := func(id string, edited bool) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: p.ID, From: p, MessageID: 902, Text: asked, Edited: edited,
			File: &aulabot.File{ID: id, UniqueID: "u-" + id, Kind: "photo", Size: 1000}})
	}
	shot("shot-a", false)
	if out := shot("shot-a", true); len(out) != 0 {
		t.Errorf("the same words and file again: %q", texts(out))
	}
	if out := shot("shot-b", true); len(out) == 0 {
		t.Errorf("the screenshot replaced got nothing")
	}
	var files []string
	err := e.Store.View(func(tx *storeTx) error {
		return tx.Questions("", time.Time{}, func(q aulabot.Question) error {
			if q.UserID == p.ID && q.File != nil {
				files = append(files, q.File.ID)
			}
			return nil
		})
	})
	if err != nil || !slices.Equal(files, []string{"shot-b"}) {
		t.Errorf("the questions kept hold %v (%v), want the new screenshot only", files, err)
	}
}

// TestAsk_SameQuestionTwice: the same words typed again a moment later
// (a weak signal, the answer not arrived yet) get a short reply to the
// first message, not the article again, and are not a second question;
// other words, a file, or the same words after RepeatWindow are asked.
func TestAsk_SameQuestionTwice(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(98, "es")
	e.Onboard(p, "unma", "teacher")
	questions := func() int { t.Helper(); return questionsOf(t, e, p.ID) }
	const asked = 5001
	answer := texts(e.Handle(aulabot.Update{ChatID: p.ID, From: p, MessageID: asked, Text: "como subo un video a moodle"}))
	if !strings.Contains(answer, "Moodle") || questions() != 1 {
		t.Fatalf("the first time: %q, %d questions", answer, questions())
	}
	e.Advance(40 * time.Second)
	out := e.Text(p, 0, "¿Cómo subo un video a Moodle?")
	if len(out) != 1 || !strings.Contains(out[0].Text, "Esa misma pregunta ya la respondí") || out[0].ReplyTo != asked {
		t.Fatalf("the same words again: %q, want one reply to message %d", texts(out), asked)
	}
	if questions() != 1 {
		t.Errorf("the same words again made %d questions", questions())
	}
	if out := e.Text(p, 0, "como subo un pdf a moodle"); strings.Contains(texts(out), "Esa misma pregunta") || questions() != 2 {
		t.Errorf("other words: %q, %d questions", texts(out), questions())
	}
	e.Advance(10 * time.Second)
	out = e.Handle(aulabot.Update{ChatID: p.ID, From: p, Text: "como subo un pdf a moodle",
		File: &aulabot.File{ID: "shot", Kind: "photo", Size: 1000}})
	if strings.Contains(texts(out), "Esa misma pregunta") || questions() != 3 {
		t.Errorf("the same words with a screenshot: %q, %d questions", texts(out), questions())
	}
	e.Advance(handlers.RepeatWindow + time.Second)
	if out := e.Text(p, 0, "como subo un pdf a moodle"); strings.Contains(texts(out), "Esa misma pregunta") || questions() != 4 {
		t.Errorf("the same words after %v: %q, %d questions", handlers.RepeatWindow, texts(out), questions())
	}
}

// TestAsk_LinkAlone: a link pasted alone is no question: it was searched,
// got "I don't know that yet" and went to /gaps. It is asked for words
// and not recorded; with words it is a question.
func TestAsk_LinkAlone(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(99, "es")
	e.Onboard(p, "unma", "student")
	for _, link := range []string{"https://campus.unma.edu/mod/assign/view.php?id=123", " www.unma.edu/aula  HTTP://x.y "} {
		if out := e.Text(p, 0, link); !strings.Contains(texts(out), "Recibí un enlace, pero no sé qué necesita con él") || questionsOf(t, e, p.ID) != 0 {
			t.Errorf("%q alone: %q, %d questions", link, texts(out), questionsOf(t, e, p.ID))
		}
	}
	if out := e.Text(p, 0, "este enlace no abre https://campus.unma.edu/x"); strings.Contains(texts(out), "Recibí un enlace") || questionsOf(t, e, p.ID) != 1 {
		t.Errorf("a link with words: %q, %d questions", texts(out), questionsOf(t, e, p.ID))
	}
}

// TestGaps_PeriodNamed: /gaps looks back 30 days; a period named, as the
// command's argument or in the words that ask for it ("preguntas sin
// respuesta de esta semana"), shows that window's questions and says
// which. The words showed the last 30 days.
func TestGaps_PeriodNamed(t *testing.T) {
	e := htest.New(t, nil)
	p := htest.Person(94, "es")
	e.Onboard(p, "unma", "teacher")
	for _, q := range []struct {
		text  string
		after time.Duration
	}{{"xqzt vbnm plokij", 10 * 24 * time.Hour}, {"zzyzx wombat qwfp", 15 * 24 * time.Hour}, {"gruumf klatu barada", 2 * 24 * time.Hour}} {
		e.Text(p, 0, q.text)
		e.Advance(q.after) // asked 27, 17 and 2 days before now
	}
	coord := htest.Person(5001, "es")
	out := e.Text(coord, 0, "/gaps")
	if got := texts(out); !strings.Contains(got, "3 en los últimos 30 días") {
		t.Errorf("/gaps: %q, want the three of the last 30 days", got)
	}
	// The other windows as buttons under the list: the week's pressed.
	b := htest.Buttons(out)
	if b["📅 Últimas 24 horas"] != "gp:pd:unma:1" || b["📅 Últimos 7 días"] != "gp:pd:unma:7" || b["📅 Últimos 30 días"] != "" {
		t.Errorf("/gaps' period buttons: %v, want the last 24 hours and 7 days", b)
	}
	if got := texts(e.Press(coord, 0, 0, b["📅 Últimos 7 días"])); !strings.Contains(got, "1 en los últimos 7 días") || !strings.Contains(got, "gruumf") {
		t.Errorf("📅 Últimos 7 días pressed: %q, want the week's one", got)
	}
	for _, forged := range []string{"gp:pd:unma:5", "gp:pd:unma:-7", "gp:pd::7"} {
		if got := texts(e.Press(coord, 0, 0, forged)); got != "" || !strings.Contains(e.LastAnswer().Text, "ya no es válido") {
			t.Errorf("%s pressed: %q, answered %q, want the stale button's answer alone", forged, got, e.LastAnswer().Text)
		}
	}
	if got := texts(e.Press(htest.Person(5101, "es"), 0, 0, "gp:pd:unma:7")); got != "" || !strings.Contains(e.LastAnswer().Text, "No coordina") {
		t.Errorf("another university's coordinator pressed unma's week: %q, answered %q, want it refused", got, e.LastAnswer().Text)
	}
	if got := texts(e.Text(coord, 0, "/gaps semana")); !strings.Contains(got, "1 en los últimos 7 días") || !strings.Contains(got, "gruumf") || strings.Contains(got, "wombat") {
		t.Errorf("/gaps semana: %q, want the one of the last 7 days", got)
	}
	if got := texts(e.Text(coord, 0, "preguntas sin respuesta de esta semana")); !strings.Contains(got, "1 en los últimos 7 días") {
		t.Errorf("\"preguntas sin respuesta de esta semana\": %q, want the last 7 days", got)
	}
	if got := texts(e.Text(htest.Person(5001, "en"), 0, "/gaps today")); !strings.Contains(got, "No unanswered questions in the last 24 hours") {
		t.Errorf("/gaps today: %q, want none in the last 24 hours", got)
	}
	if got := texts(e.Text(coord, 0, "/gaps unma")); !strings.Contains(got, "en los últimos 30 días") {
		t.Errorf("/gaps unma: %q, want the university's 30 days, as before", got)
	}
}
