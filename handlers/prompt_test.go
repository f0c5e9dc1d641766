package handlers_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// editsOf counts the messages of out that edit message id.
func editsOf(out []aulabot.Message, id uint64) int {
	n := 0
	for _, m := range out {
		if m.EditMessageID == int(id) {
			n++
		}
	}
	return n
}

// A step answered by typing takes its prompt's buttons off, whether the
// prompt was sent as a new message or a press turned the message into
// it; an answer the step refuses leaves them, since the step still waits.
func TestPrompt_TypedAnswerTakesButtons(t *testing.T) {
	e := htest.New(t, nil)
	days := lastTo(t, e.Text(mentorP, 0, "/newslot"), mentorP.ID)
	e.PressOn(mentorP, days, buttonWith(t, []aulabot.Message{days}, "Thu 12 Mar"))
	if out := e.Text(mentorP, 0, "24:61"); find(out, "not a valid time") == nil || editsOf(out, days.ID) != 0 {
		t.Fatalf("a time refused: %q, with %d edits of the hours' message, want none", texts(out), editsOf(out, days.ID))
	}
	out := e.Text(mentorP, 0, "15:30")
	if !buttonsOff(out, days.ID) {
		t.Errorf("the hours' buttons stay after a typed time (the message a press turned into the prompt): %+v", out)
	}
	minutes := lastTo(t, out, mentorP.ID)
	kind := lastTo(t, e.PressOn(mentorP, minutes, buttonWith(t, []aulabot.Message{minutes}, "90 min")), mentorP.ID)
	e.PressOn(mentorP, kind, buttonWith(t, []aulabot.Message{kind}, "Group"))
	out = e.Text(mentorP, 0, "12")
	if !buttonsOff(out, minutes.ID) {
		t.Errorf("the capacity's buttons stay after a typed number: %+v", out)
	}
	topic := lastTo(t, out, mentorP.ID)
	if htest.Buttons([]aulabot.Message{topic})["⏭ Skip"] != "ns:skip" {
		t.Fatalf("the topic's question has no Skip: %+v", topic)
	}
	out = e.Text(mentorP, 0, "Rubrics")
	if !buttonsOff(out, topic.ID) {
		t.Errorf("Skip stays under the topic's question (sent as a new message) after a typed topic: %+v", out)
	}
	if editsOf(out, topic.ID) != 1 {
		t.Errorf("the topic's question edited %d times, want once", editsOf(out, topic.ID))
	}
}

// Leaving a flow takes its prompt's buttons off however it is left: a
// command, or a message after the flow's idle time. A press on the prompt
// edits it once (its handler's edit, not a second one).
func TestPrompt_LeavingTakesButtons(t *testing.T) {
	e, _ := announceEnv(t)
	aud := lastTo(t, e.Text(coordUNMA, 0, "/announce"), coordUNMA.ID)
	if out := e.Text(coordUNMA, 0, "/cancel"); !buttonsOff(out, aud.ID) {
		t.Errorf("the audience's buttons stay after /cancel: %+v", out)
	}

	aud = lastTo(t, e.Text(coordUNMA, 0, "/announce"), coordUNMA.ID)
	e.Advance(31 * time.Minute)
	if out := e.Text(coordUNMA, 0, "hello"); !buttonsOff(out, aud.ID) {
		t.Errorf("the audience's buttons stay after the flow's idle time: %+v", out)
	}

	aud = lastTo(t, e.Text(coordUNMA, 0, "/announce"), coordUNMA.ID)
	if out := e.PressOn(coordUNMA, aud, "ann:a:teachers"); editsOf(out, aud.ID) != 1 || !buttonsOff(out, aud.ID) {
		t.Errorf("the pressed audience question edited %d times, want once, without buttons: %+v", editsOf(out, aud.ID), out)
	}
	link := lastTo(t, e.Text(coordUNMA, 0, "Workshop on Friday"), coordUNMA.ID)
	if htest.Buttons([]aulabot.Message{link})["No button"] != "ann:nolink" {
		t.Fatalf("the link question has no No button: %+v", link)
	}
	if out := e.Text(coordUNMA, 0, "ftp://example.edu/x"); editsOf(out, link.ID) != 0 {
		t.Errorf("a refused link took the link question's buttons: %+v", out)
	}
	if out := e.Text(coordUNMA, 0, "https://aula.example.edu/taller Sign up"); !buttonsOff(out, link.ID) {
		t.Errorf("No button stays under the link question after a typed link: %+v", out)
	}
}

// A step that takes more than one message keeps its prompt's buttons
// while it waits: a screenshot sent at the description step leaves "Send
// what I wrote" to press; the description typed after it takes it off.
func TestPrompt_ButtonsStayWhileTheStepWaits(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(7330, "es")
	e.Onboard(p, "unma", "teacher")
	cats := lastTo(t, e.Text(p, 0, "/problem la plataforma no carga los videos"), p.ID)
	out := e.PressOn(p, cats, "tk:cat:video")
	desc := lastNew(t, out, p.ID)
	if htest.Buttons([]aulabot.Message{desc})["📨 Enviar lo que escribí"] != "tk:said" {
		t.Fatalf("the description step: %+v", desc)
	}
	// The categories' message keeps the choice under its words.
	if m := edited(t, out, int(cats.ID)); m.Text != cats.Text+"\n\n👉 🎥 Videoconferencia" || len(m.Inline) != 0 {
		t.Errorf("the categories once one is pressed: %+v", m)
	}
	if out := e.Handle(aulabot.Update{ChatID: p.ID, From: p, File: &aulabot.File{ID: "ph1", Kind: "photo", Size: 1000}}); editsOf(out, desc.ID) != 0 {
		t.Errorf("a screenshot at the description step took its buttons: %+v", out)
	}
	if out := e.Text(p, 0, "desde el lunes, en todas las clases"); !buttonsOff(out, desc.ID) {
		t.Errorf("Send what I wrote stays after the typed description: %+v", out)
	}
}

// A step answered before its prompt reached the person (the outbox still
// had it) takes the buttons off that prompt once it is sent, and never off
// the step's next prompt. A press while the prompt is not yet recorded as
// sent leaves it to the press's own edit: the person pressed a message
// Telegram showed them, most likely that one.
func TestPrompt_AnsweredBeforeItsPromptWasSent(t *testing.T) {
	e, _ := announceEnv(t)
	e.Held = func(m aulabot.Message) bool { return m.ChatID == coordUNMA.ID }
	e.Text(coordUNMA, 0, "/announce")
	e.Press(coordUNMA, 0, 9999, "ann:a:teachers")
	e.Text(coordUNMA, 0, "Workshop on Friday")
	e.Text(coordUNMA, 0, "https://aula.example.edu/taller Sign up")
	e.Held = nil
	out := e.Deliver()
	prompt := func(data string) int {
		return slices.IndexFunc(out, func(m aulabot.Message) bool {
			return m.Ref != "" && slices.Contains(slices.Collect(maps.Values(htest.Buttons([]aulabot.Message{m}))), data)
		})
	}
	aud, link, preview := prompt("ann:a:teachers"), prompt("ann:nolink"), prompt("ann:send")
	if aud < 0 || link < 0 || preview < 0 {
		t.Fatalf("the audience and link questions and the preview, sent late: %+v", out)
	}
	if !buttonsOff(out, out[link].ID) {
		t.Errorf("the link question's buttons stay after a typed link, sent late: %+v", out)
	}
	if buttonsOff(out, out[aud].ID) || buttonsOff(out, out[preview].ID) {
		t.Errorf("a late edit took the buttons of the audience question (pressed: its handler edits it) or of the preview: %+v", out)
	}
}

// What outlasts a step stays when the step is left: the knowledge base's
// answer to a report keeps its articles when the report is cancelled,
// and loses That solved it / I still need help.
func TestPrompt_ArticlesOutlastTheStep(t *testing.T) {
	e := newEnv(t)
	ana := onboardDirect(t, e, 7002, "unma")
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:lms")
	answer := lastTo(t, e.Text(ana, 0, "i forgot my password and cannot log in"), ana.ID)
	var articles [][]aulabot.Button
	for _, row := range answer.Inline {
		if strings.HasPrefix(row[0].Data, "kb:a:") {
			articles = append(articles, row)
		}
	}
	if len(articles) == 0 || len(articles) == len(answer.Inline) {
		t.Fatalf("the answer's buttons: %+v, want articles and the step's", answer.Inline)
	}
	out := e.Text(ana, 0, "/cancel")
	i := slices.IndexFunc(out, func(m aulabot.Message) bool { return m.ButtonsOnly() && m.EditMessageID == int(answer.ID) })
	if i < 0 || !slices.EqualFunc(out[i].Inline, articles, slices.Equal) {
		t.Errorf("after /cancel the answer's buttons are edited by %+v, want its articles %+v", out, articles)
	}
}

// A press that leaves the person's step as it was (another domain's
// button, here a full training's I'll attend while a report waits for
// its description) sends no prompt of that step: the step's prompt keeps
// its buttons, and the message the press brought keeps its own when the
// step is answered. The training's offer was taken for the report's
// prompt: "Send what I wrote" lost its button at the press, and the offer
// its Join the waitlist at the description.
func TestPrompt_AnotherPressKeepsTheStep(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "1")
	run(t, e, a)
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:a:1:y")
	p := htest.Person(7100, "es")
	cats := lastTo(t, e.Text(p, 0, "/problem la plataforma no carga los videos"), p.ID)
	desc := lastNew(t, e.PressOn(p, cats, "tk:cat:video"), p.ID)
	if htest.Buttons([]aulabot.Message{desc})["📨 Enviar lo que escribí"] != "tk:said" {
		t.Fatalf("the description step: %+v", desc)
	}
	out := e.Press(p, 0, 0, "ev:a:1:y")
	offer := lastTo(t, out, p.ID)
	if htest.Buttons(out)["⏳ Unirse a la lista de espera"] != "ev:w:1" || editsOf(out, desc.ID) != 0 {
		t.Fatalf("I'll attend while the report waits: %+v", out)
	}
	out = e.Text(p, 0, "desde el lunes, en todas las clases")
	if !buttonsOff(out, desc.ID) || editsOf(out, offer.ID) != 0 {
		t.Errorf("the description typed: %+v", out)
	}
	out = e.PressOn(p, offer, "ev:w:1")
	if i := slices.IndexFunc(out, func(m aulabot.Message) bool { return m.EditMessageID == int(offer.ID) }); i < 0 ||
		!strings.Contains(out[i].Text, "lista de espera de <b>Moodle quizzes</b> (lugar 1)") {
		t.Errorf("the offer pressed after the report: %+v", out)
	}
}
