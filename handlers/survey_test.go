package handlers_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// testSurvey has one question of each kind, an optional one and a
// show_if; it is open in March 2026 (htest.Start is 10 March).
const testSurvey = `id: pulso
series: pulso
wave: baseline
title: {es: Pulso, en: Pulse}
intro: {es: Unas preguntas., en: A few questions.}
audience: all
anonymous: true
opens: 2026-03-01
closes: 2026-03-31
questions:
  - {id: quality, type: likert, text: {es: Calidad, en: Quality}}
  - {id: overall, type: scale, min: 0, max: 10, text: {es: Nota, en: Score}}
  - id: device
    type: single
    text: {es: Equipo, en: Device}
    options: [{id: pc, es: PC, en: Computer}, {id: phone, es: Celular, en: Phone}]
  - id: phone_data
    type: likert
    show_if: {question: device, equals: phone}
    text: {es: Datos, en: Mobile data}
  - id: tools
    type: multiple
    text: {es: Herramientas, en: Tools}
    options: [{id: moodle, es: Moodle, en: Moodle}, {id: meet, es: Meet, en: Meet}, {id: zoom, es: Zoom, en: Zoom}]
  - {id: comments, type: text, optional: true, text: {es: Comentarios, en: Comments}}
`

// surveyEnv is a handler environment with the test survey loaded.
func surveyEnv(t *testing.T, files ...string) *htest.Env {
	t.Helper()
	e := htest.New(t, nil)
	loadSurveys(t, e, files...)
	return e
}

// loadSurveys gives e's handlers the surveys of files (the test survey
// if none).
func loadSurveys(t *testing.T, e *htest.Env, files ...string) {
	t.Helper()
	fsys := fstest.MapFS{}
	if len(files) == 0 {
		files = []string{testSurvey}
	}
	for i, f := range files {
		fsys[string(rune('a'+i))+".yaml"] = &fstest.MapFile{Data: []byte(f)}
	}
	set, probs, err := survey.Load(fsys, ".", nil)
	if err != nil || len(probs) > 0 {
		t.Fatalf("load: %v %v", err, probs)
	}
	e.H.Survey = handlers.Surveys{Set: set}
}

// svLast is the last message of msgs that says something (failing the test
// when there is none).
func svLast(t *testing.T, msgs []aulabot.Message) aulabot.Message {
	t.Helper()
	msgs = said(msgs)
	if len(msgs) == 0 {
		t.Fatal("no message")
	}
	return msgs[len(msgs)-1]
}

// svResponse is user's stored response to survey id.
func svResponse(t *testing.T, e *htest.Env, id string, user int64) (survey.Response, bool) {
	t.Helper()
	s, err := e.H.Survey.Set.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	var r survey.Response
	var ok bool
	if err := e.Store.View(func(tx *store.Tx) (err error) { r, ok, err = tx.SurveyResponse(s, user); return err }); err != nil {
		t.Fatal(err)
	}
	return r, ok
}

// svPress presses the button labelled with text (a substring) on msg.
func svPress(t *testing.T, e *htest.Env, p aulabot.Person, msg aulabot.Message, label string) []aulabot.Message {
	t.Helper()
	for _, row := range msg.Inline {
		for _, b := range row {
			if strings.Contains(b.Text, label) {
				return e.Press(p, 0, int(msg.ID), b.Data)
			}
		}
	}
	t.Fatalf("no button %q on %q (%v)", label, msg.Text, msg.Inline)
	return nil
}

// A number typed alone answers the Likert or scale question of a survey
// the person has begun, and an option's words (in either language, in
// any case, with or without accents and marks) its single-choice
// question: the next question comes as a new message. A number out of the
// question's range, one typed at another kind of question, one before the
// first answer (nothing begun), one typed more than FlowIdle after the
// question was shown, words that only contain an option's, and an
// option's words at a multiple-choice question are read as any message,
// with nothing stored in the survey.
func TestSurvey_TypedAnswers(t *testing.T) {
	e := surveyEnv(t)
	p := htest.Person(9102, "en")
	e.Onboard(p, "unma", "teacher")
	answers := func() int { r, _ := svResponse(t, e, "pulso", p.ID); return len(r.Answers) }
	noWords := func(text string) {
		t.Helper()
		before := answers()
		if out := e.Text(p, 0, text); strings.Contains(texts(out), "Pulse ·") || strings.Contains(texts(out), "isn't valid for this question") || answers() != before {
			t.Errorf("%q taken by the survey: %q", text, texts(out))
		}
	}
	noWords("4") // no survey shown
	e.Text(p, 0, "📝 Survey")
	noWords("totally") // two labels' words, neither's whole
	// The first question shown answers a Likert point's label typed, as
	// "4" (it was refused before the first answer: "4" then rated a
	// training, and "de acuerdo" got "I don't know", seen in the sandbox).
	if q := svLast(t, e.Text(p, 0, "De acuerdo")); !strings.Contains(q.Text, "Score") {
		t.Fatalf("second question after \"De acuerdo\": %q", q.Text)
	}
	noWords("11") // the score goes to 10
	next := svLast(t, e.Text(p, 0, "8"))
	if next.EditMessageID != 0 || !strings.Contains(next.Text, "3/5") || !strings.Contains(next.Text, "Device") {
		t.Fatalf("after a typed 8: %+v", next)
	}
	if r, _ := svResponse(t, e, "pulso", p.ID); r.Answers["overall"].Number != 8 || r.Answers["quality"].Number != 4 {
		t.Errorf("answers after a typed 8: %+v", r.Answers)
	}
	noWords("2")                          // the device is a choice of options
	noWords("mi celular no abre el aula") // an option's word in a question
	noWords("Computer please")
	next = svLast(t, e.Text(p, 0, "¡CELULAR!")) // the Spanish option, typed by someone who reads English
	if next.EditMessageID != 0 || !strings.Contains(next.Text, "4/6") || !strings.Contains(next.Text, "Mobile data") {
		t.Fatalf("after a typed celular: %+v", next)
	}
	if r, _ := svResponse(t, e, "pulso", p.ID); len(r.Answers["device"].Choices) != 1 || r.Answers["device"].Choices[0] != "phone" {
		t.Errorf("the device after a typed celular: %+v", r.Answers["device"])
	}
	e.Advance(handlers.FlowIdle + time.Minute)
	noWords("3") // the question shown more than half an hour ago
	e.Text(p, 0, "/survey")
	if next = svLast(t, e.Text(p, 0, "3")); !strings.Contains(next.Text, "Tools") {
		t.Fatalf("after a typed 3 at mobile data shown again: %q", next.Text)
	}
	noWords("moodle") // tick the options of a multiple-choice question
}

func TestSurvey_AnswerInChat(t *testing.T) {
	e := surveyEnv(t)
	p := htest.Person(9101, "en")
	e.Onboard(p, "unma", "teacher")

	// The main menu offers the open survey.
	menu := svLast(t, e.Text(p, 0, "/start"))
	if !strings.Contains(strings.Join(menu.Keyboard[0], " "), "Survey") {
		t.Fatalf("main menu without the survey button: %v", menu.Keyboard)
	}
	msgs := e.Text(p, 0, "📝 Survey")
	if len(msgs) != 2 || !strings.Contains(msgs[0].Text, "A few questions.") {
		t.Fatalf("intro then the first question, got %+v", msgs)
	}
	q := msgs[1]
	if !strings.Contains(q.Text, "Pulse · 1/5") || !strings.Contains(q.Text, "Quality") {
		t.Fatalf("first question: %q", q.Text)
	}
	if _, back := htest.Buttons([]aulabot.Message{q})["⬅️ Back"]; back {
		t.Error("Back on the first question")
	}
	// Each press edits the question's message into the next one.
	q = svLast(t, svPress(t, e, p, q, "4 · Agree"))
	if q.EditMessageID == 0 || !strings.Contains(q.Text, "2/5") || !strings.Contains(q.Text, "Score") {
		t.Fatalf("second question, edited in place: %+v", q)
	}
	q = svLast(t, svPress(t, e, p, q, "8"))
	q = svLast(t, svPress(t, e, p, q, "Phone"))
	// show_if: the phone question appears, and the total grows.
	if !strings.Contains(q.Text, "Mobile data") || !strings.Contains(q.Text, "4/6") {
		t.Fatalf("show_if question: %q", q.Text)
	}
	// Back shows the device question with the answer ticked.
	q = svLast(t, svPress(t, e, p, q, "Back"))
	if !strings.Contains(q.Text, "Device") || htest.Buttons([]aulabot.Message{q})["✅ Phone"] == "" {
		t.Fatalf("back to the device, phone ticked: %+v", q)
	}
	q = svLast(t, svPress(t, e, p, q, "Computer"))
	if !strings.Contains(q.Text, "Tools") || !strings.Contains(q.Text, "4/5") {
		t.Fatalf("after changing to a computer the phone question is gone: %q", q.Text)
	}
	q = svLast(t, svPress(t, e, p, q, "Moodle"))
	q = svLast(t, svPress(t, e, p, q, "Zoom"))
	q = svLast(t, svPress(t, e, p, q, "Moodle")) // untick
	if b := htest.Buttons([]aulabot.Message{q}); b["☑️ Zoom"] == "" || b["☐ Moodle"] == "" {
		t.Fatalf("ticks: %v", b)
	}
	q = svLast(t, svPress(t, e, p, q, "Next"))
	if !strings.Contains(q.Text, "Comments") || !strings.Contains(q.Text, "5/5") {
		t.Fatalf("text question: %q", q.Text)
	}
	// The text question takes the next message.
	done := svLast(t, e.Text(p, 0, "Más práctica con Moodle, escribir a ana@example.com"))
	if !strings.Contains(done.Text, "thank you") {
		t.Fatalf("thank-you: %q", done.Text)
	}
	r, ok := svResponse(t, e, "pulso", p.ID)
	if !ok || r.Completed.IsZero() || r.User != 0 {
		t.Fatalf("response: %+v", r)
	}
	if r.Answers["quality"].Number != 4 || r.Answers["overall"].Number != 8 || r.Answers["device"].Choices[0] != "pc" ||
		strings.Join(r.Answers["tools"].Choices, ",") != "zoom" || strings.Contains(r.Answers["comments"].Text, "ana@") {
		t.Fatalf("answers: %+v", r.Answers)
	}
	if _, ok := r.Answers["phone_data"]; ok {
		t.Error("an answer to a question never shown")
	}
	// A button of the finished survey changes nothing.
	e.Press(p, 0, 0, "sv:a:pulso:quality:1")
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "already completed") {
		t.Fatalf("press after the end: %+v", a)
	}
	if r2, _ := svResponse(t, e, "pulso", p.ID); r2.Answers["quality"].Number != 4 {
		t.Fatal("a finished response changed")
	}
	// The invitation's or the list's button, pressed again, says so too:
	// not the thanks again, as if the answers had just gone in.
	if out := e.Press(p, 0, 0, "sv:o:pulso"); len(out) != 0 || !e.LastAnswer().Alert || !strings.Contains(e.LastAnswer().Text, "already completed") {
		t.Fatalf("open after the end: %q, %+v", texts(out), e.LastAnswer())
	}
	// The menu no longer offers the survey, and /survey says so.
	if menu := svLast(t, e.Text(p, 0, "/start")); strings.Contains(strings.Join(menu.Keyboard[0], " "), "Survey") {
		t.Error("survey button after finishing")
	}
	if m := svLast(t, e.Text(p, 0, "/survey")); !strings.Contains(m.Text, "no survey") {
		t.Errorf("/survey after finishing: %q", m.Text)
	}
}

func TestSurvey_ContinueDaysLaterAndSkip(t *testing.T) {
	e := surveyEnv(t)
	p := htest.Person(9102, "es")
	e.Onboard(p, "unvs", "student")
	q := svLast(t, e.Text(p, 0, "/survey"))
	q = svLast(t, svPress(t, e, p, q, "5 · Totalmente"))
	svLast(t, svPress(t, e, p, q, "10"))
	e.Advance(9 * 24 * time.Hour) // 19 March: still open
	q = svLast(t, e.Text(p, 0, "/survey"))
	if !strings.Contains(q.Text, "3/5") || !strings.Contains(q.Text, "Equipo") {
		t.Fatalf("continues at the first unanswered question: %q", q.Text)
	}
	q = svLast(t, svPress(t, e, p, q, "PC"))
	q = svLast(t, svPress(t, e, p, q, "Meet"))
	q = svLast(t, svPress(t, e, p, q, "Siguiente"))
	done := svLast(t, svPress(t, e, p, q, "Omitir"))
	if !strings.Contains(done.Text, "gracias") {
		t.Fatalf("skip the optional last question ends the survey: %q", done.Text)
	}
	r, _ := svResponse(t, e, "pulso", p.ID)
	if r.Completed.IsZero() || len(r.Skipped) != 1 || r.Skipped[0] != "comments" {
		t.Fatalf("response: %+v", r)
	}
	// A text sent now is a question for the knowledge base, not an answer.
	e.Text(p, 0, "¿cómo subo una tarea?")
	if r2, _ := svResponse(t, e, "pulso", p.ID); len(r2.Answers) != len(r.Answers) {
		t.Fatal("a later message became an answer")
	}
}

func TestSurvey_OneResponseWhateverIsPressedTwice(t *testing.T) {
	e := surveyEnv(t)
	p := htest.Person(9103, "en")
	e.Onboard(p, "unma", "teacher")
	q := svLast(t, e.Text(p, 0, "/survey"))
	data := htest.Buttons([]aulabot.Message{q})["3 · Neither agree nor disagree"]
	// The same update delivered twice, and the same button pressed twice.
	u := aulabot.Update{ID: 777, ChatID: p.ID, From: p, Callback: &aulabot.Callback{ID: "x", Data: data, MessageID: int(q.ID)}}
	first := e.Handle(u)
	again := e.Handle(u)
	if len(first) != 1 || len(again) != 0 {
		t.Fatalf("redelivered update: %d then %d messages", len(first), len(again))
	}
	e.Press(p, 0, int(q.ID), data)
	r, ok := svResponse(t, e, "pulso", p.ID)
	if !ok || len(r.Answers) != 1 || r.Answers["quality"].Number != 3 {
		t.Fatalf("one answer in one response: %+v", r)
	}
	if rs, err := e.Store.SurveyResponses("pulso"); err != nil || len(rs) != 1 {
		t.Fatalf("%d responses (%v), want 1", len(rs), err)
	}
}

func TestSurvey_BadInput(t *testing.T) {
	e := surveyEnv(t)
	p := htest.Person(9104, "en")
	e.Onboard(p, "unma", "teacher")
	q := svLast(t, e.Text(p, 0, "/survey"))
	for _, tc := range []struct{ data, want string }{
		{"sv:a:pulso:quality:9", "isn't valid"},                      // out of range
		{"sv:a:pulso:quality:x", "isn't valid"},                      // not a number
		{"sv:a:pulso:nosuch:1", "no longer part"},                    // forged question
		{"sv:a:otra:quality:1", "no longer available"},               // forged survey
		{"sv:a:pulso:phone_data:1", "doesn't apply"},                 // hidden by show_if
		{"sv:s:pulso:quality", "can't be skipped"},                   // not optional
		{"sv:z:pulso:quality", "no longer valid"},                    // unknown operation
		{"sv:a:pulso:quality:1:2:3", "no longer valid"},              // too many parts
		{"sv:a:pulso:" + strings.Repeat("q", 60), "no longer valid"}, // over 64 bytes
	} {
		e.Press(p, 0, int(q.ID), tc.data)
		if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, tc.want) {
			t.Errorf("%s: answer %+v, want %q", tc.data, a, tc.want)
		}
	}
	if _, ok := svResponse(t, e, "pulso", p.ID); ok {
		t.Fatal("a bad press stored a response")
	}
	// A text over 1,000 characters is refused and the question still waits.
	q = svLast(t, svPress(t, e, p, q, "4 · Agree"))
	q = svLast(t, svPress(t, e, p, q, "7"))
	q = svLast(t, svPress(t, e, p, q, "Computer"))
	q = svLast(t, svPress(t, e, p, q, "Meet"))
	svLast(t, svPress(t, e, p, q, "Next"))
	m := svLast(t, e.Text(p, 0, strings.Repeat("a", 1001)))
	if !strings.Contains(m.Text, "1001 characters") {
		t.Fatalf("too long: %q", m.Text)
	}
	if r, _ := svResponse(t, e, "pulso", p.ID); r.Answers["comments"].Text != "" || !r.Completed.IsZero() {
		t.Fatal("a refused text was stored")
	}
	if done := svLast(t, e.Text(p, 0, "Bien")); !strings.Contains(done.Text, "thank you") {
		t.Fatalf("the next text is the answer: %q", done.Text)
	}
}

func TestSurvey_ClosedSurvey(t *testing.T) {
	e := surveyEnv(t)
	p := htest.Person(9105, "en")
	e.Onboard(p, "unma", "teacher")
	q := svLast(t, e.Text(p, 0, "/survey"))
	q = svLast(t, svPress(t, e, p, q, "4 · Agree"))
	e.Advance(30 * 24 * time.Hour) // 9 April: closed
	e.Press(p, 0, int(q.ID), htest.Buttons([]aulabot.Message{q})["5"])
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "closed") {
		t.Fatalf("answer to a closed survey: %+v", a)
	}
	r, _ := svResponse(t, e, "pulso", p.ID)
	if len(r.Answers) != 1 || r.Answers["quality"].Number != 4 {
		t.Fatalf("the answers given stay: %+v", r.Answers)
	}
	if m := svLast(t, e.Text(p, 0, "/survey")); !strings.Contains(m.Text, "no survey") {
		t.Errorf("/survey when closed: %q", m.Text)
	}
}

// TestSurvey_ButtonDataFits renders every question of a survey whose ids
// are as long as a file may give, and checks each button's data against
// Telegram's 64 bytes.
func TestSurvey_ButtonDataFits(t *testing.T) {
	long := strings.NewReplacer("id: pulso", "id: "+strings.Repeat("s", 24),
		"series: pulso", "series: "+strings.Repeat("s", 24),
		"id: quality", "id: "+strings.Repeat("q", 16),
		"id: overall", "id: "+strings.Repeat("o", 16),
		"id: device", "id: "+strings.Repeat("d", 16), "question: device", "question: "+strings.Repeat("d", 16),
		"id: tools", "id: "+strings.Repeat("t", 16),
		"id: phone,", "id: "+strings.Repeat("p", 16)+",", "equals: phone", "equals: "+strings.Repeat("p", 16),
		"id: zoom", "id: "+strings.Repeat("z", 16)).Replace(testSurvey)
	e := surveyEnv(t, long)
	p := htest.Person(9106, "en")
	e.Onboard(p, "unma", "teacher")
	seen := 0
	check := func(msgs []aulabot.Message) aulabot.Message {
		for _, m := range msgs {
			for _, row := range m.Inline {
				for _, b := range row {
					seen++
					if len(b.Data) > 64 {
						t.Errorf("%q: %d bytes", b.Data, len(b.Data))
					}
				}
			}
		}
		return svLast(t, msgs)
	}
	q := check(e.Text(p, 0, "/survey"))
	q = check(svPress(t, e, p, q, "1 · "))
	q = check(svPress(t, e, p, q, "0"))
	q = check(svPress(t, e, p, q, "Phone"))
	q = check(svPress(t, e, p, q, "2 · "))
	q = check(svPress(t, e, p, q, "Zoom"))
	q = check(svPress(t, e, p, q, "Next"))
	check(svPress(t, e, p, q, "Skip"))
	if seen < 30 {
		t.Fatalf("only %d buttons checked", seen)
	}
	if r, _ := svResponse(t, e, strings.Repeat("s", 24), p.ID); r.Completed.IsZero() {
		t.Fatal("the long-id survey was not completed through its buttons")
	}
}

// A scale question shows what its two ends mean: the names the survey
// gives them, in the person's language, or else "not at all" and
// "completely".
func TestSurvey_ScaleEnds(t *testing.T) {
	e := surveyEnv(t, `id: nota
title: {es: Nota, en: Score}
audience: all
anonymous: true
questions:
  - id: named
    type: scale
    text: {es: "¿Cómo califica el curso?", en: "How would you rate the course?"}
    labels: [{es: muy malo, en: very poor}, {es: excelente, en: excellent}]
  - {id: plain, type: scale, min: 1, max: 5, text: {es: "¿Cuánto lo usa?", en: "How much do you use it?"}}
`)
	for _, tc := range []struct {
		p            aulabot.Person
		named, plain string
	}{
		{htest.Person(9101, "es"), "De 0 (muy malo) a 10 (excelente).", "De 1 (nada) a 5 (totalmente)."},
		{htest.Person(9102, "en"), "From 0 (very poor) to 10 (excellent).", "From 1 (not at all) to 5 (completely)."},
	} {
		e.Onboard(tc.p, "unma", "teacher")
		q := svLast(t, e.Text(tc.p, 0, "/survey"))
		if !strings.Contains(q.Text, tc.named) {
			t.Errorf("%d: the named scale says %q, want %q", tc.p.ID, q.Text, tc.named)
		}
		q = svLast(t, svPress(t, e, tc.p, q, "7"))
		if !strings.Contains(q.Text, tc.plain) {
			t.Errorf("%d: the plain scale says %q, want %q", tc.p.ID, q.Text, tc.plain)
		}
	}
}

// An exclusive option of a multiple choice ("None") stands alone: ticking
// it unticks the others, and ticking another unticks it; the last tick
// can be taken off (until 4 December that was refused as "not valid for
// this question"); what is stored is what the ticks show.
func TestSurvey_ExclusiveOption(t *testing.T) {
	e := surveyEnv(t, `id: trabas
title: {es: Trabas, en: Hurdles}
audience: all
anonymous: true
questions:
  - id: hurdles
    type: multiple
    text: {es: Dificultades, en: Difficulties}
    options:
      - {id: net, es: Conexión, en: Connection}
      - {id: time, es: Tiempo, en: Time}
      - {id: none, es: Ninguna, en: None, exclusive: true}
  - {id: comments, type: text, optional: true, text: {es: Comentarios, en: Comments}}
`)
	p := htest.Person(9101, "en")
	e.Onboard(p, "unma", "teacher")
	q := svLast(t, e.Text(p, 0, "/survey"))
	ticks := func(want string) {
		t.Helper()
		var got []string
		for _, row := range q.Inline {
			for _, b := range row {
				if strings.HasPrefix(b.Text, "☑️ ") {
					got = append(got, strings.TrimPrefix(b.Text, "☑️ "))
				}
			}
		}
		if strings.Join(got, ",") != want {
			t.Errorf("ticked %q, want %q", got, want)
		}
	}
	q = svLast(t, svPress(t, e, p, q, "Connection"))
	q = svLast(t, svPress(t, e, p, q, "Time"))
	ticks("Connection,Time")
	q = svLast(t, svPress(t, e, p, q, "None"))
	ticks("None")
	q = svLast(t, svPress(t, e, p, q, "Time"))
	ticks("Time")
	q = svLast(t, svPress(t, e, p, q, "None"))
	q = svLast(t, svPress(t, e, p, q, "None")) // the last tick taken off: unanswered
	if _, next := htest.Buttons([]aulabot.Message{q})["Next ➡️"]; next || !strings.Contains(q.Text, "Next appears with the first tick") {
		t.Errorf("with nothing ticked: Next %v, %q (it should say Next comes with a tick)", next, q.Text)
	}
	if r, _ := svResponse(t, e, "trabas", p.ID); len(r.Answers) != 0 {
		t.Errorf("an answer stored with nothing ticked: %+v", r.Answers)
	}
	ticks("")
	q = svLast(t, svPress(t, e, p, q, "None"))
	if !strings.Contains(q.Text, "then tap Next") {
		t.Errorf("with a tick: %q", q.Text)
	}
	svPress(t, e, p, q, "Next")
	if r, _ := svResponse(t, e, "trabas", p.ID); strings.Join(r.Answers["hurdles"].Choices, ",") != "none" {
		t.Errorf("stored %v, want [none]", r.Answers["hurdles"].Choices)
	}
}

// One survey question keeps its buttons at a time: a question shown anew
// (after an answer typed, or the survey opened again) takes them off the
// one before, whether it was sent or turned in place by a press; a press
// on the live question turns it with nothing else edited, and the thanks
// shown anew leave no question with buttons above them.
func TestSurvey_OneQuestionLive(t *testing.T) {
	e := surveyEnv(t)
	p := htest.Person(9103, "en")
	e.Onboard(p, "unma", "teacher")
	stripped := func(out []aulabot.Message) []int {
		var ids []int
		for _, m := range out {
			if m.ChatID == p.ID && m.ButtonsOnly() && len(m.Inline) == 0 {
				ids = append(ids, m.EditMessageID)
			}
		}
		return ids
	}
	q1 := svLast(t, e.Text(p, 0, "📝 Survey"))
	out := svPress(t, e, p, q1, "4 · Agree")
	if got := stripped(out); len(got) != 0 {
		t.Errorf("a press on the live question took buttons off %v", got)
	}
	out = e.Text(p, 0, "8")
	q3 := svLast(t, out)
	if got := stripped(out); !slices.Equal(got, []int{int(q1.ID)}) || q3.EditMessageID != 0 || !strings.Contains(q3.Text, "Device") {
		t.Fatalf("a typed 8: %v stripped, then %+v", got, q3)
	}
	out = e.Text(p, 0, "/survey")
	q3again := svLast(t, out)
	if got := stripped(out); !slices.Equal(got, []int{int(q3.ID)}) || !strings.Contains(q3again.Text, "Device") {
		t.Fatalf("/survey again: %v stripped, then %q", got, q3again.Text)
	}
	q := svLast(t, svPress(t, e, p, q3again, "Computer"))
	q = svLast(t, svPress(t, e, p, q, "Zoom"))
	q = svLast(t, svPress(t, e, p, q, "Next"))
	if !strings.Contains(q.Text, "Comments") {
		t.Fatalf("the last question: %q", q.Text)
	}
	out = e.Text(p, 0, "It was fine")
	if got := stripped(out); !slices.Equal(got, []int{int(q3again.ID)}) || !strings.Contains(texts(out), "thank you for answering") {
		t.Errorf("the thanks after a typed comment: %v stripped, %q", got, texts(out))
	}
	if got := stripped(e.Text(p, 0, "/survey")); len(got) != 0 {
		t.Errorf("after the thanks, /survey took buttons off %v", got)
	}
}
