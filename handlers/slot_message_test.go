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

// TestSlotPanel_WriteToThoseBooked: a session with people booked has 💬
// Write to those booked on its panel. Words too long are refused and the
// flow waits; a menu button leaves it, sending nothing; the words reach
// everyone holding a seat, each with the mentor's name and the session in
// their own language, and nobody waiting; a file goes as sent, its
// caption with it. Another mentor finds nothing; after the session,
// nothing is sent.
func TestSlotPanel_WriteToThoseBooked(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 2 Rubrics")
	view := fmt.Sprintf("sl:v:%d", s.ID)
	if _, ok := htest.Buttons(e.Press(mentorP, 0, 0, view))["💬 Write to those booked"]; ok {
		t.Errorf("Write to those booked with nobody booked")
	}
	ana, ben, eva := htest.Person(31, "es"), htest.Person(32, "en"), htest.Person(33, "en")
	for _, p := range []aulabot.Person{ana, ben, eva} {
		e.Onboard(p, "unma", aulabot.RoleTeacher)
	}
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Press(ben, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Press(eva, 0, 0, fmt.Sprintf("bk:w:%d", s.ID))

	write := htest.Buttons(e.Press(mentorP, 0, 0, view))["💬 Write to those booked"]
	if write != fmt.Sprintf("sl:w:%d", s.ID) {
		t.Fatalf("panel buttons %v", htest.Buttons(e.Press(mentorP, 0, 0, view)))
	}
	e.Press(htest.Person(4002, "en"), 0, 0, write)
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "does not exist") {
		t.Errorf("another mentor's press: %+v", a)
	}
	has(t, "asked", e.Press(mentorP, 0, 0, write), "the 2 people booked in")
	has(t, "too long", e.Text(mentorP, 0, strings.Repeat("a", 3001)), "up to 3000 characters")
	if out := e.Text(mentorP, 0, "📅 Mentoring"); len(to(out, ana.ID))+len(to(out, ben.ID)) != 0 {
		t.Fatalf("a menu button was sent to those booked: %q", texts(out))
	}
	e.Press(mentorP, 0, 0, write)
	// As typed, in Telegram's HTML: "<dudas>" unescaped made Telegram
	// refuse the message, and nobody got it.
	out := e.Text(mentorP, 0, "I'll be five minutes late, sorry: bring your <dudas> & rubrics")
	has(t, "mentor", to(out, mentorP.ID), "Message sent to 2 people")
	const typed = "I&#39;ll be five minutes late, sorry: bring your &lt;dudas&gt; &amp; rubrics"
	has(t, "ana", to(out, ana.ID), "Mensaje de User4001 sobre su mentoría", "jue 12 mar", typed)
	has(t, "ben", to(out, ben.ID), "A message from User4001 about your mentoring session", "Thu 12 Mar, 15:00", typed)
	if n := len(to(out, eva.ID)); n != 0 {
		t.Errorf("the person waiting got %d messages", n)
	}
	// Each can answer the mentor from it (bk:wm, as in /mybookings).
	if b := htest.Buttons(to(out, ben.ID)); b["✉️ Write to User4001"] != "bk:wm:2" {
		t.Errorf("ben's copy has the buttons %v, want ✉️ to answer the mentor", b)
	}
	// The flow is over: the next words are the mentor's own.
	if out := e.Text(mentorP, 0, "how do I create a quiz"); len(to(out, ana.ID)) != 0 {
		t.Errorf("a second message went to those booked: %q", texts(out))
	}

	e.Press(mentorP, 0, 0, write)
	out = e.Handle(aulabot.Update{ChatID: mentorP.ID, From: mentorP, MessageID: 880, Text: "read this before",
		File: &aulabot.File{ID: "rubric", Kind: "document", Name: "rubric.pdf", Size: 1000}})
	if n := len(copiesOf(out, ben.ID, mentorP.ID)); n != 1 || !strings.Contains(texts(to(out, ben.ID)), "A message from User4001") {
		t.Errorf("the file reached ben %d times: %q", n, texts(to(out, ben.ID)))
	}

	// After the session (the slides, thanks), for a week.
	e.Advance(72 * time.Hour)
	e.Press(mentorP, 0, 0, buttonWith(t, e.Press(mentorP, 0, 0, view), "💬 Write to those booked"))
	if out := e.Text(mentorP, 0, "thanks for coming"); len(to(out, ben.ID)) != 1 {
		t.Errorf("after the session: %q", texts(out))
	}
	e.Advance(service.SlotFollowUp)
	if _, ok := htest.Buttons(e.Press(mentorP, 0, 0, view))["💬 Write to those booked"]; ok {
		t.Errorf("Write to those booked a week after the session")
	}
	e.Press(mentorP, 0, 0, write)
	if out := e.Text(mentorP, 0, "see you"); len(to(out, ben.ID)) != 0 || !strings.Contains(texts(out), "That session ended more than 7 days ago") {
		t.Errorf("a week after the session: %q", texts(out))
	}
}

// TestSlots_LastWeek: /slots has 🕘 Sessions of the last week, which lists
// the sessions that ended and may still be written to (the latest first),
// each opening its panel with 💬; a session over for more than the week
// leaves the list.
func TestSlots_LastWeek(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	first := publish(t, e, mentorP, "2026-03-11 15:00 60 group 2 Rubrics")
	second := publish(t, e, mentorP, "2026-03-12 15:00 60 group 2 Forums")
	ana := htest.Person(31, "es")
	e.Onboard(ana, "unma", aulabot.RoleTeacher)
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", first.ID))
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", second.ID))
	personal := publish(t, e, mentorP, "2026-03-12 10:00 30 personal")
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", personal.ID))

	recent := buttonWith(t, e.Text(mentorP, 0, "/slots"), "🕘 Sessions of the last week")
	has(t, "none yet", e.Press(mentorP, 0, 0, recent), "You had no sessions in the last week.")
	e.Advance(4 * 24 * time.Hour) // both are over: Sat 14 Mar
	out := e.Text(mentorP, 0, "/slots")
	has(t, "nothing upcoming", out, "You have no upcoming slots")
	out = e.Press(mentorP, 0, 0, buttonWith(t, out, "🕘 Sessions of the last week"))
	all := texts(out)
	if f, s := strings.Index(all, "Rubrics"), strings.Index(all, "Forums"); !strings.Contains(all, "Your sessions of the last week") || f < 0 || s < 0 || s > f {
		t.Fatalf("the last week: %q", all)
	}
	panel := e.Press(mentorP, 0, 0, buttonWith(t, out, "Wed 11 Mar"))
	if htest.Buttons(panel)["💬 Write to those booked"] != fmt.Sprintf("sl:w:%d", first.ID) {
		t.Errorf("the panel of a session of the last week: %v", htest.Buttons(panel))
	}
	// A personal session that ended without a link: nothing to send any
	// more, and no promise to send it before the session.
	panel = e.Press(mentorP, 0, 0, fmt.Sprintf("sl:v:%d", personal.ID))
	if all := texts(panel); strings.Contains(all, "before the session") || strings.Contains(all, "No meeting link") ||
		htest.Buttons(panel)["🔗 Send the link"] != "" || htest.Buttons(panel)["💬 Write to those booked"] == "" {
		t.Errorf("an ended personal session's panel: %q %v", all, htest.Buttons(panel))
	}
	e.Advance(5 * 24 * time.Hour) // Thu 19 Mar: the first ended more than a week ago
	all = texts(e.Press(mentorP, 0, 0, recent))
	if strings.Contains(all, "Rubrics") || !strings.Contains(all, "Forums") {
		t.Errorf("after a week: %q", all)
	}
}
