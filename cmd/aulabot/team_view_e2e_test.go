package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_TeamViewAndAnswer: through the real client, /queue's button for
// a ticket shows it in the team group as a reply to its post; privately
// a technician answers the requester from the ticket's view with a
// button, and the team group's thread under the post gets a copy.
func TestE2E_TeamViewAndAnswer(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC))
	const ana, tech, group = 9301, 3001, -2001
	h.teacher(ana, "Ana", "unma")
	h.report(ana, "Virtual classroom access", "I cannot open the virtual classroom", "UNMA-1")
	post := h.waitText(group, 0, "UNMA-1")

	before := h.lastBot(group)
	h.SB.SendText(tech, group, "/queue")
	queue := h.waitText(group, before, "UNMA-1")
	before = h.lastBot(group)
	h.press(tech, queue, "🔎 UNMA-1")
	if view := h.waitText(group, before, "I cannot open the virtual classroom"); view.ReplyTo != post.ID {
		t.Errorf("the view in the group replies to %d, want the post %d", view.ReplyTo, post.ID)
	}

	view := h.say(tech, "/queue")
	before = h.lastBot(tech)
	h.press(tech, view, "🔎 UNMA-1")
	view = h.waitText(tech, before, "I cannot open the virtual classroom")
	before = h.lastBot(tech)
	h.pressData(tech, tech, view.ID, "tk:ta:UNMA-1")
	h.waitText(tech, before, "UNMA-1")
	toAna, inGroup := h.lastBot(ana), h.lastBot(group)
	h.SB.SendText(tech, tech, "Which browser do you use?")
	h.waitText(ana, toAna, "Which browser do you use?")
	copied := h.waitNew(group, inGroup, func(m sandbox.Message) bool { return strings.Contains(m.Text, "Which browser do you use?") })
	if copied.ReplyTo != post.ID {
		t.Errorf("the group's copy replies to %d, want the post %d", copied.ReplyTo, post.ID)
	}
}

// TestE2E_ChangeBooking: through the real client, 🔁 on a booking's
// confirmation lists the other sessions, one is confirmed, the prompt
// becomes the new confirmation and the calendar file updates the old
// event.
func TestE2E_ChangeBooking(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC))
	const ana = 9302
	h.teacher(ana, "Ana", "unma")
	for _, at := range []string{"2026-03-12 15:00", "2026-03-13 16:00"} {
		if m := h.say(4001, fmt.Sprintf("/newslot %s 60 group 4 Moodle", at)); !strings.Contains(m.Text, "Slot published") && !strings.Contains(m.Text, "Horario publicado") {
			t.Fatalf("/newslot: %q", m.Text)
		}
	}
	m := h.say(ana, "/mentoring")
	h.press(ana, m, "Group")
	m = h.waitEdit(m, "Group sessions")
	h.press(ana, m, "Thu 12 Mar, 15:00")
	m = h.waitEdit(m, "Confirm the booking?")
	h.press(ana, m, "Confirm")
	conf := h.waitEdit(m, "Booked!")
	h.press(ana, conf, "Change the time")
	list := h.waitEdit(conf, "Choose the new time")
	h.press(ana, list, "Fri 13 Mar, 16:00")
	sure := h.waitEdit(list, "Change your booking?")
	before := h.lastBot(ana)
	h.press(ana, sure, "Yes, change it")
	if done := h.waitEdit(sure, "Booking changed"); !strings.Contains(done.Text, "Fri 13 Mar, 16:00") {
		t.Errorf("the new confirmation: %q", done.Text)
	}
	cal := h.waitText(ana, before, "updates it")
	if ics, _ := h.SB.FileData(cal.File.ID); !strings.Contains(string(ics), "UID:booking-1@aulabot") || !strings.Contains(string(ics), "DTSTART:20260313T210000Z") {
		t.Errorf(".ics = %q", ics)
	}
	if s, _, _ := h.M.Store.Slot(1); s.Booked != 0 {
		t.Errorf("the old session still counts %d booked", s.Booked)
	}
}
