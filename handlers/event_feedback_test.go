package handlers_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// At a training's end, each one who had a place is asked how it went,
// with stars and "I could not attend": a press turns the question into
// what they said, without buttons; a second press, on the same message
// or another phone, and a press by someone who had no place, are refused
// with a message and change nothing; /events shows the organiser what
// was said, in their language. ✍️ under the answer takes a comment for
// the organisers, which they read from /events without the name.
// Until 5 December nobody was asked.
func TestEvents_FeedbackAfter(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	for _, id := range []int64{7100, 7101, 7102} {
		e.Press(htest.Person(id, "es"), 0, 0, "ev:a:1:y")
	}
	e.Press(htest.Person(7200, "en"), 0, 0, "ev:a:1:y") // a student: not invited, refused
	e.Deliver()
	if got := e.Press(htest.Person(7100, "es"), 0, 0, "ev:f:1:5"); e.LastAnswer().Text == "" || len(to(got, 7100)) != 0 {
		t.Errorf("stars before the end: %+v, answer %+v", got, e.LastAnswer())
	}
	e.Advance(time.Date(2026, 3, 12, 23, 0, 0, 0, time.UTC).Sub(e.Now())) // its end: 17:00 Lima for an hour
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	sent := e.Deliver()
	var asked aulabot.Message
	for _, m := range sent {
		if m.ChatID == 7100 && strings.Contains(m.Text, "¿Qué tal le pareció?") {
			asked = m
		}
	}
	if b := htest.Buttons([]aulabot.Message{asked}); b["4 ⭐"] != "ev:f:1:4" || b["🚫 No pude asistir"] != "ev:f:1:0" {
		t.Fatalf("the question = %+v, buttons %v", asked, b)
	}
	msgs := e.PressOn(htest.Person(7100, "es"), asked, "ev:f:1:4")
	edit := lastTo(t, msgs, 7100)
	if edit.EditMessageID != int(asked.ID) || !strings.Contains(edit.Text, "le dio 4 ⭐ de 5") || htest.Buttons(msgs)["✍️ Escribir un comentario a quienes la organizaron"] != "ev:fc:1" ||
		htest.Buttons(msgs)["↩️ Cambiar mi respuesta"] != "ev:fx:1" || len(edit.Inline) != 2 {
		t.Errorf("after the press: %+v, want the answer with only ✍️ and ↩️", edit)
	}
	msgs = e.PressOn(htest.Person(7100, "es"), asked, "ev:f:1:1")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "Ya respondió") || len(to(msgs, 7100)) != 0 {
		t.Errorf("a second press: %+v, %+v", got, msgs)
	}
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:f:1:0")
	if got := lastTo(t, e.Sent(7101), 7101); !strings.Contains(got.Text, "anotado que no pudo asistir") {
		t.Errorf("I could not attend: %+v", got)
	}
	// Someone who could not come is asked why, not what helped.
	if got := lastTo(t, e.Press(htest.Person(7101, "es"), 0, 0, "ev:fc:1"), 7101).Text; !strings.Contains(got, "qué le impidió venir") {
		t.Errorf("the comment asked of someone who could not come: %q", got)
	}
	e.Text(htest.Person(7101, "es"), 0, "/cancel")
	e.Press(htest.Person(7200, "en"), 0, 0, "ev:f:1:5")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "You had no place") {
		t.Errorf("stars from someone with no place: %+v", got)
	}
	// A comment: the ✍️ goes at the press, ↩️ stays; words refused keep
	// the step.
	msgs = e.PressOn(htest.Person(7100, "es"), aulabot.Message{ID: asked.ID, ChatID: 7100, Inline: edit.Inline}, "ev:fc:1")
	left := slices.IndexFunc(msgs, func(m aulabot.Message) bool { return m.EditMessageID == int(asked.ID) })
	if got := lastTo(t, msgs, 7100).Text; !strings.Contains(got, "Escriba su comentario sobre «Moodle quizzes»") || left < 0 ||
		len(htest.Buttons(msgs[left:left+1])) != 1 || htest.Buttons(msgs[left : left+1])["↩️ Cambiar mi respuesta"] != "ev:fx:1" {
		t.Errorf("✍️ pressed: %q, the message's buttons after: %+v", got, msgs)
	}
	if got := lastTo(t, e.Text(htest.Person(7100, "es"), 0, "👍"), 7100).Text; !strings.Contains(got, "con palabras") {
		t.Errorf("a comment without words: %q", got)
	}
	if got := lastTo(t, e.Text(htest.Person(7100, "es"), 0, "Útil & breve; <más> ejemplos"), 7100).Text; !strings.Contains(got, "su comentario sobre «Moodle quizzes» llega") {
		t.Errorf("the comment: %q", got)
	}
	msgs = e.Text(coordUNMA, 0, "/events")
	if got := texts(msgs); !strings.Contains(got, "📝 After it: said they came: 1 · ⭐ mean: 4 · could not come: 1 · no answer yet: 1.") {
		t.Errorf("/events after the training: %q", got)
	}
	if d := htest.Buttons(msgs)["📝 Comments on 1 (1)"]; d != "ev:cm:1" {
		t.Fatalf("/events' buttons: %v", htest.Buttons(msgs))
	}
	e.Press(coordUNVS, 0, 0, "ev:cm:1")
	if got := e.LastAnswer(); !got.Alert {
		t.Errorf("unvs's coordinator reading unma's comments: %+v", got)
	}
	if got := lastTo(t, e.Press(coordUNMA, 0, 0, "ev:cm:1"), coordUNMA.ID).Text; got != "📝 <b>Moodle quizzes</b>: 1 comment from those who had a place, without their names.\n\n1. 4 ⭐ · Útil &amp; breve; &lt;más&gt; ejemplos" {
		t.Errorf("the comments: %q", got)
	}
}

// TestEvents_FeedbackTyped: a rating typed under a training's "How was
// it? Rate it from 1 to 5" ("5", "⭐⭐⭐⭐") is said as its star is; once
// said, or a week after the end, the words are read as any message.
func TestEvents_FeedbackTyped(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	for _, id := range []int64{7100, 7101} {
		e.Press(htest.Person(id, "es"), 0, 0, "ev:a:1:y")
	}
	e.Advance(time.Date(2026, 3, 12, 23, 0, 0, 0, time.UTC).Sub(e.Now())) // its end
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	if got := texts(e.Text(htest.Person(7100, "es"), 0, "5")); !strings.Contains(got, "le dio 5 ⭐ de 5") {
		t.Errorf("\"5\" typed: %q", got)
	}
	if got := texts(e.Text(htest.Person(7100, "es"), 0, "4")); strings.Contains(got, "⭐ de 5") {
		t.Errorf("\"4\" typed once said: %q", got)
	}
	e.Advance(service.EventFollowUp)
	if got := texts(e.Text(htest.Person(7101, "es"), 0, "⭐⭐⭐⭐")); strings.Contains(got, "⭐ de 5") {
		t.Errorf("stars typed a week after the end: %q", got)
	}
}

// Comments that do not fit in one message reach the organiser whole, in a
// text file.
func TestEvents_CommentsInAFile(t *testing.T) {
	e, a := announceEnv(t)
	for i := range int64(3) {
		e.Onboard(htest.Person(7110+i, "es"), "unma", aulabot.RoleTeacher)
	}
	createTraining(t, e, "")
	run(t, e, a)
	people := []int64{7100, 7101, 7102, 7110, 7111, 7112}
	for _, id := range people {
		e.Press(htest.Person(id, "es"), 0, 0, "ev:a:1:y")
	}
	e.Advance(time.Date(2026, 3, 12, 23, 0, 0, 0, time.UTC).Sub(e.Now()))
	for i, id := range people {
		p := htest.Person(id, "es")
		e.Press(p, 0, 0, "ev:f:1:5")
		e.Press(p, 0, 0, "ev:fc:1")
		e.Text(p, 0, strings.Repeat("muy bien ", 100)[:900]+strings.Repeat("!", i))
	}
	msgs := e.Press(coordUNMA, 0, 0, "ev:cm:1")
	got := lastTo(t, msgs, coordUNMA.ID)
	if got.File == nil || got.File.Name != "training-1-comments.txt" || !strings.Contains(got.Text, "do not fit in one message") {
		t.Fatalf("the comments: %+v", got)
	}
	body := string(got.File.Data)
	if !strings.HasPrefix(body, "📝 Moodle quizzes: 6 comments") || strings.Count(body, "5 ⭐ · muy bien") != len(people) || !strings.Contains(body, "6. 5 ⭐ · ") {
		t.Errorf("the file:\n%.300s", body)
	}
}

// Whoever lost the question at a training's end among other messages
// finds it on the Trainings list for a week: the trainings they had a
// place at and said nothing of, each with ⭐ How was N?, which asks again;
// once said, or a week after, the list leaves it.
func TestEvents_TrainingsAskAgain(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	rosa, diego := htest.Person(7100, "es"), htest.Person(7101, "es")
	e.Press(rosa, 0, 0, "ev:a:1:y")
	e.Press(diego, 0, 0, "ev:a:1:y")
	e.Press(htest.Person(7102, "es"), 0, 0, "ev:a:1:n")
	e.Advance(time.Date(2026, 3, 12, 23, 5, 0, 0, time.UTC).Sub(e.Now()))
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	e.Press(diego, 0, 0, "ev:f:1:5")
	msgs := e.Text(rosa, 0, "/trainings")
	if got := texts(msgs); !strings.Contains(got, "¿Qué tal fueron?") || !strings.Contains(got, "1. Moodle quizzes") || htest.Buttons(msgs)["⭐ ¿Qué tal fue la 1?"] != "ev:fq:1" {
		t.Fatalf("Rosa's /trainings after the end: %q %v", got, htest.Buttons(msgs))
	}
	for _, p := range []aulabot.Person{diego, htest.Person(7102, "es")} { // said already; declined
		if got := texts(e.Text(p, 0, "/trainings")); strings.Contains(got, "¿Qué tal fueron?") {
			t.Errorf("%d's /trainings asks: %q", p.ID, got)
		}
	}
	msgs = e.Press(rosa, 0, 0, "ev:fq:1")
	if got := lastTo(t, msgs, rosa.ID); !strings.Contains(got.Text, "¿Qué tal le pareció?") || htest.Buttons(msgs)["3 ⭐"] != "ev:f:1:3" {
		t.Fatalf("asked again: %+v", got)
	}
	e.Press(diego, 0, 0, "ev:fq:1")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "Ya respondió") {
		t.Errorf("asked again after answering: %+v", got)
	}
	e.Advance(7 * 24 * time.Hour)
	if got := texts(e.Text(rosa, 0, "/trainings")); strings.Contains(got, "¿Qué tal fueron?") {
		t.Errorf("a week after, still listed: %q", got)
	}
	e.Press(rosa, 0, 0, "ev:f:1:3") // the question still counts a week after
	if got := lastTo(t, e.Sent(rosa.ID), rosa.ID); !strings.Contains(got.Text, "le dio 3 ⭐ de 5") {
		t.Errorf("stars a week after: %+v", got)
	}
}

// Someone who finishes /start after a training's invitations went, or
// joins its audience in /profile, is told of the upcoming trainings of
// their audience, with the Trainings button; someone outside it is not.
// Until 5 December they learnt of them only by opening the list.
func TestEvents_NewcomerToldOfTrainings(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	onboard := func(p aulabot.Person, role string) []aulabot.Message {
		e.Text(p, 0, "/start")
		e.Press(p, 0, 0, "lang:"+p.LanguageCode)
		e.Press(p, 0, 0, "uni:unma")
		return to(e.Press(p, 0, 0, "role:"+role), p.ID)
	}
	teacher := onboard(htest.Person(7150, "en"), aulabot.RoleTeacher)
	if got := lastTo(t, teacher, 7150); !strings.Contains(got.Text, "There is 1 upcoming live training for you: <b>Moodle quizzes</b>, 🕒 Thu 12 Mar, 17:00–18:00 (Lima time)") || htest.Buttons(teacher)["🎓 Trainings"] != "ev:l" {
		t.Errorf("a new teacher was told %q %v", got.Text, htest.Buttons(teacher))
	}
	if got := texts(onboard(htest.Person(7250, "en"), aulabot.RoleStudent)); strings.Contains(got, "upcoming live training") {
		t.Errorf("a new student, not invited, was told: %q", got)
	}
	// A student who says in /profile they teach is told too.
	moved := to(e.Press(htest.Person(7200, "en"), 0, 0, "pf:r:teacher"), 7200)
	if got := lastTo(t, moved, 7200); !strings.Contains(got.Text, "There is 1 upcoming live training for you") || htest.Buttons(moved)["🎓 Trainings"] != "ev:l" {
		t.Errorf("a student become a teacher was told %q", got.Text)
	}
}

// TestEvents_ProfileChangeWithinAudience: someone already in a training's
// audience (a student of a training for teachers and students) who
// changes role in /profile is not told of it again: they had its
// invitation. Until 6 December they were, at each change.
func TestEvents_ProfileChangeWithinAudience(t *testing.T) {
	e, a := announceEnv(t)
	eventSteps(e, coordUNMA, "/newevent", "Moodle quizzes", "2026-03-12 17:00", "ev:len:60", "https://meet.example.edu/quiz", "ev:aud:all", "ev:nolimit", "ev:ok")
	run(t, e, a)
	student := htest.Person(7200, "en")
	if n := countWith(e.Sent(student.ID), "Moodle quizzes"); n != 1 {
		t.Fatalf("the student got %d invitations", n)
	}
	for _, role := range []string{"pf:r:teacher", "pf:r:student"} {
		if got := texts(to(e.Press(student, 0, 0, role), student.ID)); strings.Contains(got, "upcoming live training") || !strings.Contains(got, "Done") {
			t.Errorf("%s: %q, want the change and no notice of the training they were invited to", role, got)
		}
	}
}

// A comment's step whose training is not there (a step left by another
// version, a store restored without it) says so and ends, so that the
// next words are not taken for the comment; words refused keep it.
func TestEvents_CommentStepEnds(t *testing.T) {
	e, _ := announceEnv(t)
	p := htest.Person(7100, "es")
	set := func(event uint64) {
		err := e.Store.Update(func(tx *store.Tx) error {
			return tx.SetState(p.ID, p.ID, service.FlowEventComment.At("", service.EventCommentDraft{Event: event}))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	state := func() aulabot.State {
		var st aulabot.State
		_ = e.Store.View(func(tx *store.Tx) (err error) { st, err = tx.State(p.ID, p.ID); return err })
		return st
	}
	set(99)
	if got := lastTo(t, e.Text(p, 0, "Muy útil"), p.ID).Text; !strings.Contains(got, "Esa formación no existe") {
		t.Errorf("a comment on a training not there: %q", got)
	}
	if st := state(); st.Flow != "" {
		t.Errorf("the step stays: %+v", st)
	}
}

// After a training, its organiser writes to those who said they could not
// come (the recording) from /events, or from the figures a day after:
// only they get it, in their language; another university's coordinator
// is refused, and with nobody who could not come the press says so. Until
// 6 December the organiser's message reached everyone who had a place.
func TestEvents_WriteToThoseWhoMissed(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	for _, id := range []int64{7100, 7101, 7102} {
		e.Press(htest.Person(id, "es"), 0, 0, "ev:a:1:y")
	}
	e.Advance(time.Date(2026, 3, 12, 23, 0, 0, 0, time.UTC).Sub(e.Now())) // its end
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	if msgs := e.Text(coordUNMA, 0, "/events"); htest.Buttons(msgs)["💬 To those who could not come to 1 (0)"] != "" {
		t.Errorf("/events offers to write to those who could not come before anyone said so: %v", htest.Buttons(msgs))
	}
	e.Press(coordUNMA, 0, 0, "ev:em:1")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "Nobody said they could not come") {
		t.Errorf("a press with nobody who could not come: %+v", got)
	}
	e.Press(htest.Person(7100, "es"), 0, 0, "ev:f:1:5")
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:f:1:0")
	e.Deliver()
	before := map[int64]int{}
	for _, id := range []int64{7100, 7101, 7102} {
		before[id] = len(e.Sent(id))
	}
	msgs := e.Text(coordUNMA, 0, "/events")
	if d := htest.Buttons(msgs)["💬 To those who could not come to 1 (1)"]; d != "ev:em:1" {
		t.Fatalf("/events' buttons: %v", htest.Buttons(msgs))
	}
	e.Press(coordUNVS, 0, 0, "ev:em:1")
	if got := e.LastAnswer(); !got.Alert {
		t.Errorf("unvs's coordinator writing to unma's training: %+v", got)
	}
	if got := lastTo(t, e.Press(coordUNMA, 0, 0, "ev:em:1"), coordUNMA.ID).Text; !strings.Contains(got, "Write the message for the person who said they could not come to “Moodle quizzes”") {
		t.Fatalf("asked: %q", got)
	}
	if got := lastTo(t, e.Text(coordUNMA, 0, "La grabación: https://example.edu/rec"), coordUNMA.ID).Text; !strings.Contains(got, "Sent to the person who said they could not come to “Moodle quizzes”") {
		t.Errorf("sent: %q", got)
	}
	e.Deliver()
	for id, want := range map[int64]int{7100: 0, 7101: 1, 7102: 0} {
		if n := countWith(e.Sent(id)[before[id]:], "La grabación"); n != want {
			t.Errorf("%d got the message %d times, want %d", id, n, want)
		}
	}
	// The figures a day after carry the same button.
	e.Advance(24 * time.Hour)
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	var figures []aulabot.Message
	for _, m := range e.Deliver() {
		if m.ChatID == coordUNMA.ID && strings.Contains(m.Text, "could not come: 1") {
			figures = append(figures, m)
		}
	}
	if d := htest.Buttons(figures)["💬 Write to the person who could not come (1)"]; d != "ev:em:1" {
		t.Errorf("the figures a day after: %+v", figures)
	}
}

// ↩️ under what someone said after a training asks again, with what they
// said; a press changes it, in the organisers' figures too, and keeps
// their comment; the same answer again changes nothing; someone else's
// press is refused. Until 6 December a mistaken tap stayed for good.
func TestEvents_FeedbackChanged(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	rosa := htest.Person(7100, "es")
	e.Press(rosa, 0, 0, "ev:a:1:y")
	e.Advance(time.Date(2026, 3, 12, 23, 0, 0, 0, time.UTC).Sub(e.Now())) // its end
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	said := lastTo(t, e.Press(rosa, 0, 0, "ev:f:1:1"), rosa.ID) // meant 5
	e.Press(rosa, 0, 0, "ev:fc:1")
	e.Text(rosa, 0, "Muy clara")
	msgs := e.PressOn(rosa, aulabot.Message{ID: uint64(said.EditMessageID), ChatID: rosa.ID, Inline: said.Inline}, "ev:fx:1")
	ask := lastTo(t, msgs, rosa.ID)
	if b := htest.Buttons(msgs); ask.EditMessageID != said.EditMessageID || !strings.Contains(ask.Text, "le dio 1 ⭐ de 5. Si se equivocó de botón") || b["5 ⭐"] != "ev:fr:1:5" || b["🚫 No pude asistir"] != "ev:fr:1:0" {
		t.Fatalf("↩️: %+v, buttons %v", ask, b)
	}
	msgs = e.PressOn(rosa, ask, "ev:fr:1:5")
	if got := lastTo(t, msgs, rosa.ID); !strings.Contains(got.Text, "le dio 5 ⭐ de 5") || htest.Buttons(msgs)["↩️ Cambiar mi respuesta"] != "ev:fx:1" || e.LastAnswer().Text != "✅ Respuesta cambiada" {
		t.Errorf("after the change: %+v, answer %+v", got, e.LastAnswer())
	}
	e.PressOn(rosa, ask, "ev:fr:1:5") // a double tap
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:fr:1:2")
	if got := e.LastAnswer(); !got.Alert {
		t.Errorf("a change by someone who said nothing: %+v", got)
	}
	if got := texts(e.Text(coordUNMA, 0, "/events")); !strings.Contains(got, "said they came: 1 · ⭐ mean: 5 ·") {
		t.Errorf("/events after the change: %q", got)
	}
	if got := lastTo(t, e.Press(coordUNMA, 0, 0, "ev:cm:1"), coordUNMA.ID).Text; !strings.Contains(got, "5 ⭐ · Muy clara") {
		t.Errorf("the comment after the change: %q", got)
	}
}
