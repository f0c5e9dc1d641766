package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// TestAsk_ReportToTeamFirst: a message describing a failure only the team
// can fix offers Report to the technical team as its first button, next to
// whatever article the search found; it creates the ticket with the
// message as its description, and only its asker can press it; the
// category chosen stays in the message that offered the categories.
func TestAsk_ReportToTeamFirst(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7201, "en")
	e.Onboard(ana, "unma", "student")
	const msg = "moodle shows error 500 when I open my course"
	out := e.Text(ana, 0, msg)
	last := out[len(out)-1]
	if len(last.Inline) == 0 || last.Inline[0][0].Text != "🛠 Report to the technical team" {
		t.Fatalf("buttons %+v, want Report to the technical team first", last.Inline)
	}
	for text, d := range htest.Buttons(out) {
		if d == "tk:new" {
			t.Errorf("the generic %q is offered too", text)
		}
	}
	report := last.Inline[0][0].Data
	// Someone else's press is refused and creates nothing.
	other := htest.Person(7202, "en")
	e.Onboard(other, "unma", "student")
	if out := e.Press(other, 0, 0, report); len(to(out, groupMA)) != 0 || !e.LastAnswer().Alert {
		t.Errorf("another person's press: %q, answer %+v", texts(out), e.LastAnswer())
	}
	out = e.Press(ana, 0, 0, report)
	cats := htest.Buttons(out)
	if !strings.Contains(texts(out), "as you wrote it") || len(cats) != len(aulabot.Categories) {
		t.Fatalf("after Report: %q %v", texts(out), cats)
	}
	var lms string
	for _, row := range out[len(out)-1].Inline {
		if strings.HasSuffix(row[0].Data, ":"+aulabot.CategoryLMS) {
			lms = row[0].Data
			if row[0].Text != "🔐 Virtual classroom access" {
				t.Errorf("the requester reads %q, want the words of requesters, not the team's", row[0].Text)
			}
		}
	}
	catsMsg := out[len(out)-1]
	catsID := int(catsMsg.ID)
	out = e.PressOn(ana, catsMsg, lms)
	p := post(t, to(out, groupMA), "UNMA-1")
	if m := edited(t, out, catsID); !strings.Contains(m.Text, "as you wrote it") || !strings.HasSuffix(m.Text, "\n\n👉 🔐 Virtual classroom access") || len(m.Inline) != 0 {
		t.Errorf("the categories' message once one is chosen: %+v, want its buttons off and the choice shown", m)
	}
	if !strings.Contains(p.Text, msg) {
		t.Errorf("team post %q does not carry the description %q", p.Text, msg)
	}
	if !strings.Contains(texts(to(out, ana.ID)), "UNMA-1") {
		t.Errorf("requester told %q", texts(to(out, ana.ID)))
	}
	// Report pressed again, or a category of an old copy of the question,
	// names the ticket: the same words make no second one.
	for _, again := range []string{report, lms} {
		out = e.Press(ana, 0, 0, again)
		if len(to(out, groupMA)) != 0 || !strings.Contains(texts(out), "You already sent this message to the technical team: it is your ticket <b>UNMA-1</b>") ||
			htest.Buttons(out)["🔎 See UNMA-1"] == "" {
			t.Errorf("%s pressed again: %q %v", again, texts(out), htest.Buttons(out))
		}
	}
	// A question that is not a failure gets no such button.
	out = e.Text(ana, 0, "how do i submit homework")
	for text := range htest.Buttons(out) {
		if strings.Contains(text, "technical team") {
			t.Errorf("a plain question offers %q", text)
		}
	}
}

// TestAsk_UrgentTroubleTeamFirst: something that does not work and cannot
// wait ("my class starts in 10 minutes") offers Report to the technical
// team first, whatever the search found; the same words without the
// urgency do not. Until 6 December such a message got an article on
// designing a course and no way to the team (seen in the sandbox).
func TestAsk_UrgentTroubleTeamFirst(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7203, "es")
	e.Onboard(ana, "unma", "teacher")
	first := func(text string) string {
		out := e.Text(ana, 0, text)
		if last := out[len(out)-1]; len(last.Inline) > 0 {
			return last.Inline[0][0].Text
		}
		return ""
	}
	if got := first("urgente: el aula virtual no carga y mi clase empieza en 10 minutos"); got != "🛠 Reportar al equipo técnico" {
		t.Errorf("urgent: first button %q", got)
	}
	if got := first("el aula virtual no carga"); got == "🛠 Reportar al equipo técnico" {
		t.Error("not urgent: Report to the technical team first")
	}
}

// TestAsk_StuckCarriesTheQuestion: someone who says it is still not
// solved after a question of the last half hour is offered Report to the
// technical team with that question as the ticket's description, and Ask
// a mentor with it as the topic; later, or with no question, the generic
// buttons.
func TestAsk_StuckCarriesTheQuestion(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7211, "en")
	e.Onboard(ana, "unma", "teacher")
	if b := htest.Buttons(e.Text(ana, 0, "still not working")); b["🛠 Report a technical problem"] != "tk:new" {
		t.Errorf("stuck with no question: %v, want the generic report", b)
	}
	const msg = "how do i upload a video to my course"
	e.Text(ana, 0, msg)
	e.Advance(10 * time.Minute)
	out := e.Text(ana, 0, "i already tried that")
	b := htest.Buttons(out)
	report, mentor := b["🛠 Report to the technical team"], b["🧑‍🏫 Ask a mentor"]
	if !strings.HasPrefix(report, "kb:t:") || !strings.HasPrefix(mentor, "bk:q:") || len(b) != 2 {
		t.Fatalf("stuck after a question: %q %v", texts(out), b)
	}
	out = e.Press(ana, 0, 0, report)
	var cat string
	for _, row := range out[len(out)-1].Inline {
		if strings.HasSuffix(row[0].Data, ":"+aulabot.CategoryUpload) {
			cat = row[0].Data
		}
	}
	if p := post(t, to(e.Press(ana, 0, 0, cat), groupMA), "UNMA-1"); !strings.Contains(p.Text, msg) {
		t.Errorf("team post %q does not carry the question %q", p.Text, msg)
	}
	e.Advance(31 * time.Minute)
	if b := htest.Buttons(e.Text(ana, 0, "sigue sin funcionar")); b["🛠 Report a technical problem"] != "tk:new" {
		t.Errorf("stuck 41 minutes after the question: %v, want the generic report", b)
	}
}

// TestAsk_StuckWithOpenTicket: someone stuck, or asking for a person,
// while their ticket is open is offered to write on it first (a second
// ticket would split the conversation); what they write there reaches the
// team. Once the ticket is resolved, no longer.
func TestAsk_StuckWithOpenTicket(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7221, "en")
	e.Onboard(ana, "unma", "student")
	post(t, to(report(t, e, ana, "upload", "the upload button does nothing"), groupMA), "UNMA-1")
	for _, text := range []string{"still not working", "can i talk to a human"} {
		out := e.Text(ana, 0, text)
		last := out[len(out)-1]
		if len(last.Inline) < 3 || last.Inline[0][0].Data != "tk:r:UNMA-1" || !strings.Contains(last.Text, "Your ticket <b>UNMA-1</b> is still open") {
			t.Fatalf("%q with UNMA-1 open: %q %+v", text, last.Text, last.Inline)
		}
	}
	if out := e.Press(ana, 0, 0, "tk:r:UNMA-1"); !strings.Contains(texts(out), "Write your message to the technical team about <b>UNMA-1</b>") {
		t.Fatalf("reply pressed: %q", texts(out))
	}
	if out := e.Text(ana, 0, "i tried again with another browser, same thing"); !strings.Contains(texts(to(out, groupMA)), "another browser") {
		t.Errorf("the message did not reach the team: %q", texts(out))
	}
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	if b := htest.Buttons(e.Text(ana, 0, "still not working")); b["💬 Reply UNMA-1"] != "" {
		t.Errorf("resolved UNMA-1 still offered: %v", b)
	}
}

// TestAsk_TwoQuestions: a message with two questions that one search
// answers by one article offers the other question's article right under
// the answer's feedback buttons (kb:a:QID:ARTICLE), where it used to be
// lost; a message with one question has only the related articles there
// (kb:a:0:ARTICLE).
func TestAsk_TwoQuestions(t *testing.T) {
	e := newEnv(t)
	es := htest.Person(7231, "es")
	e.Onboard(es, "unma", "student")
	out := e.Text(es, 0, "¿cómo entrego la tarea? y ¿dónde veo mis notas?")
	rows := out[len(out)-1].Inline
	if !strings.Contains(texts(out), "<b>¿Dónde veo mis notas") || len(rows) < 2 ||
		!strings.HasPrefix(rows[1][0].Data, "kb:a:") || strings.HasPrefix(rows[1][0].Data, "kb:a:0:") || !strings.HasSuffix(rows[1][0].Data, ":moodle-entregar-tarea") {
		t.Fatalf("two questions: %q, buttons %+v", texts(out), rows)
	}
	out = e.Text(es, 0, "¿cómo entrego la tarea?")
	if rows := out[len(out)-1].Inline; len(rows) < 2 || !strings.HasPrefix(rows[1][0].Data, "kb:a:0:") {
		t.Errorf("one question: buttons %+v, want its related articles under the feedback", rows)
	}
}

// TestAsk_StuckMarksTheAnswer: someone who says they are still stuck
// right after an answer found it not helpful, and it is recorded so, as
// the Not helpful button would (the question shows in /gaps); read from
// words, a later press on the answer's buttons replaces it, once. Feedback
// pressed before stays as given, and a question with no article is not
// marked.
func TestAsk_StuckMarksTheAnswer(t *testing.T) {
	e := newEnv(t)
	ana, bob := htest.Person(7231, "en"), htest.Person(7232, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Onboard(bob, "unma", "teacher")
	question := func(p aulabot.Person) aulabot.Question { return lastQuestion(t, e, p) }
	out := e.Text(ana, 0, "how do i submit homework")
	helpful := htest.Buttons(out)["👍 Helpful"]
	if q := question(ana); q.ArticleID == "" || helpful == "" {
		t.Fatalf("the question got no article to judge: %+v %q", q, texts(out))
	}
	e.Text(ana, 0, "it didn't work")
	if q := question(ana); q.Feedback != aulabot.FeedbackNotHelpful || !q.Gap() {
		t.Errorf("stuck after the answer: feedback %q, want not helpful", q.Feedback)
	}
	e.Press(ana, 0, 0, helpful)
	if a := e.LastAnswer(); a.Alert || strings.Contains(a.Text, "I already have your feedback") {
		t.Errorf("Helpful pressed after saying it did not work: %+v", a)
	}
	if q := question(ana); q.Feedback != aulabot.FeedbackHelpful || q.FeedbackInferred {
		t.Errorf("after the press: feedback %q (inferred %v), want helpful, pressed", q.Feedback, q.FeedbackInferred)
	}
	e.Press(ana, 0, 0, strings.TrimSuffix(helpful, ":1")+":0")
	if a := e.LastAnswer(); !strings.Contains(a.Text, "I already have your feedback") {
		t.Errorf("a second press: %+v, want the feedback kept once pressed", a)
	}

	out = e.Text(bob, 0, "how do i submit homework")
	e.Press(bob, 0, 0, htest.Buttons(out)["👍 Helpful"])
	e.Text(bob, 0, "still not working")
	if q := question(bob); q.Feedback != aulabot.FeedbackHelpful {
		t.Errorf("feedback given before changed to %q", q.Feedback)
	}
	e.Text(bob, 0, "qzx vvwq plorf")
	e.Text(bob, 0, "still not working")
	if q := question(bob); q.Feedback != "" || q.ArticleID != "" {
		t.Errorf("a question with no article: %+v", q)
	}
	// The counts follow: ana's inferred Not helpful became Helpful.
	err := e.Store.View(func(tx *store.Tx) error {
		if h, n := tx.Counter("kb:"+aulabot.FeedbackHelpful), tx.Counter("kb:"+aulabot.FeedbackNotHelpful); h != 2 || n != 0 {
			t.Errorf("counts: %d helpful, %d not helpful; want 2 and 0", h, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// lastQuestion is the last question p asked, as stored.
func lastQuestion(t *testing.T, e *htest.Env, p aulabot.Person) aulabot.Question {
	t.Helper()
	var q aulabot.Question
	err := e.Store.View(func(tx *store.Tx) (err error) {
		q, _, err = tx.LastQuestion(p.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// The buttons of the last message an update shows, outside a flow, are
// typed too: "report to the technical team" under an answer is its
// button, and a category's words under the categories create the
// ticket; a question after an answer is still a question; a question
// that asks to confirm (deleting one's data) is not answered by its
// button's words. Before, "reportar al equipo técnico" typed under an
// answer got the help desk's article (seen in the sandbox).
func TestAsk_LastButtonsTyped(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7211, "en")
	e.Onboard(ana, "unma", "student")
	e.Text(ana, 0, "moodle shows error 500 when I open my course")
	out := e.Text(ana, 0, "Report to the technical team")
	if !strings.Contains(texts(out), "as you wrote it") || len(htest.Buttons(out)) != len(aulabot.Categories) {
		t.Fatalf("\"Report to the technical team\" typed under the answer: %q, want the categories", texts(out))
	}
	out = e.Text(ana, 0, "virtual classroom access")
	post(t, to(out, groupMA), "UNMA-1")
	if !strings.Contains(texts(to(out, ana.ID)), "UNMA-1") {
		t.Errorf("a category typed: %q, want the ticket told", texts(to(out, ana.ID)))
	}
	if out := e.Text(ana, 0, "how do I submit homework"); !strings.Contains(texts(out), "Source:") {
		t.Errorf("a question after the ticket: %q, want an answer", texts(out))
	}
	// "None of these" typed under suggestions gives the next steps, and
	// edits no message (there is none pressed to edit).
	lu := htest.Person(7212, "es")
	e.Onboard(lu, "unma", "student")
	if b := htest.Buttons(e.Text(lu, 0, "aula virtual")); b["🤷 Ninguna de estas"] == "" {
		t.Fatalf("\"aula virtual\" got no suggestions: %v", b)
	}
	out = e.Text(lu, 0, "ninguna de estas")
	if len(out) != 1 || out[0].EditMessageID != 0 || !strings.Contains(out[0].Text, "Todavía no sé responder eso") {
		t.Errorf("\"ninguna de estas\" typed: %+v, want the next steps alone", out)
	}
	e.Text(ana, 0, "/deletemydata")
	e.Text(ana, 0, "Yes, delete my data")
	if u, ok, _ := e.Store.User(ana.ID); !ok || !u.Onboarded() {
		t.Errorf("the deletion's button's words typed deleted the data: %+v %v", u, ok)
	}
}
