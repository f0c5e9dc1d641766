package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
)

// TestBooking_WriteToMentor: past the time to cancel, Cancel says so and
// offers ✉️ Write to the mentor (the bot used to answer "too late to
// cancel, tell your mentor" with no way to); the words reach the mentor
// with ↩️ Answer, whose words reach the person with ✉️ again, each in
// their language. Nobody else's press finds the booking, and after the
// session nothing is sent.
func TestBooking_WriteToMentor(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-10 15:00 60 personal") // 5 h from now
	ana := htest.Person(41, "es")
	e.Onboard(ana, "unma", aulabot.RoleTeacher)
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	pending, _ := e.Store.Pending()
	reminded := 0
	for _, m := range pending {
		if strings.HasPrefix(m.Key, "remind:") && htest.Buttons([]aulabot.Message{m})["✉️ Escribir a User4001"] == "bk:wm:1" {
			reminded++
		}
	}
	if reminded != 1 { // the 24 h reminder is already past: only the 1 h one
		t.Errorf("%d reminders offer ✉️, want 1", reminded)
	}

	e.Advance(4 * time.Hour)
	out := e.Press(ana, 0, 0, "bk:x:1")
	has(t, "too late", out, "Ya no se puede cancelar", "avise a la persona mentora")
	if d := htest.Buttons(out)["✉️ Escribir a User4001"]; d != "bk:wm:1" {
		t.Fatalf("too late to cancel: buttons %v", htest.Buttons(out))
	}
	for _, other := range []aulabot.Person{htest.Person(42, "es"), htest.Person(4002, "en")} {
		e.Onboard(other, "unma", aulabot.RoleTeacher)
		if out := e.Press(other, 0, 0, "bk:wm:1"); len(out) != 0 {
			t.Errorf("person %d wrote on ana's booking: %q", other.ID, texts(out))
		}
		if out := e.Press(other, 0, 0, "sl:rp:1"); len(out) != 0 {
			t.Errorf("person %d answered on ana's booking: %q", other.ID, texts(out))
		}
	}
	has(t, "asked", e.Press(ana, 0, 0, "bk:wm:1"), "Escriba su mensaje para User4001")
	out = e.Text(ana, 0, "Llego 10 minutos tarde, disculpe")
	has(t, "sent", to(out, ana.ID), "Enviado a User4001")
	has(t, "mentor", to(out, mentorP.ID), "A message from User41 about their booking", "Tue 10 Mar, 15:00", "Llego 10 minutos tarde, disculpe")
	if d := htest.Buttons(to(out, mentorP.ID))["↩️ Answer User41"]; d != "sl:rp:1" {
		t.Fatalf("the mentor's buttons %v", htest.Buttons(out))
	}
	if out := e.Text(ana, 0, "gracias"); len(to(out, mentorP.ID)) != 0 {
		t.Errorf("a second message went to the mentor: %q", texts(out))
	}
	has(t, "mentor asked", e.Press(mentorP, 0, 0, "sl:rp:1"), "Type your answer to User41")
	out = e.Text(mentorP, 0, "No problem, I'll wait <3")
	has(t, "answered", to(out, mentorP.ID), "Sent to User41")
	has(t, "ana", to(out, ana.ID), "Mensaje de User4001 sobre su mentoría", "No problem, I&#39;ll wait &lt;3") // as typed, in Telegram's HTML
	if d := htest.Buttons(to(out, ana.ID))["✉️ Escribir a User4001"]; d != "bk:wm:1" {
		t.Errorf("ana's buttons %v", htest.Buttons(out))
	}

	// After the session, thanks and questions about it still go, for a
	// week (service.SlotFollowUp).
	e.Advance(2 * time.Hour)
	e.Press(ana, 0, 0, "bk:wm:1")
	out = e.Text(ana, 0, "Gracias por la sesión")
	has(t, "after the session", to(out, mentorP.ID), "A message from User41", "Gracias por la sesión")
	e.Advance(service.SlotFollowUp)
	e.Press(ana, 0, 0, "bk:wm:1")
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "Esa sesión terminó hace más de 7 días") {
		t.Errorf("a week after the session: %+v", a)
	}
	e.Press(mentorP, 0, 0, "sl:rp:1")
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "That session ended more than 7 days ago") {
		t.Errorf("the mentor, a week after the session: %+v", a)
	}
}
