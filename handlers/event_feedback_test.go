package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// At a training's end, each one who had a place is asked how it went,
// with stars and "I could not attend": a press turns the question into
// what they said, without buttons; a second press, on the same message
// or another phone, and a press by someone who had no place, are refused
// with a message and change nothing; /events shows the organiser what
// was said, in their language. Until 5 December nobody was asked.
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
	if edit.EditMessageID != int(asked.ID) || !strings.Contains(edit.Text, "le dio 4 ⭐ de 5") || len(edit.Inline) != 0 {
		t.Errorf("after the press: %+v", edit)
	}
	msgs = e.PressOn(htest.Person(7100, "es"), asked, "ev:f:1:1")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "Ya respondió") || len(to(msgs, 7100)) != 0 {
		t.Errorf("a second press: %+v, %+v", got, msgs)
	}
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:f:1:0")
	if got := lastTo(t, e.Sent(7101), 7101); !strings.Contains(got.Text, "anotado que no pudo asistir") {
		t.Errorf("I could not attend: %+v", got)
	}
	e.Press(htest.Person(7200, "en"), 0, 0, "ev:f:1:5")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "You had no place") {
		t.Errorf("stars from someone with no place: %+v", got)
	}
	msgs = e.Text(coordUNMA, 0, "/events")
	if got := texts(msgs); !strings.Contains(got, "📝 After it: said they came: 1 · ⭐ mean: 4 · could not come: 1 · no answer yet: 1.") {
		t.Errorf("/events after the training: %q", got)
	}
}
