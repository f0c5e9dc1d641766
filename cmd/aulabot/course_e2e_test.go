package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// TestE2E_Courses: through the Bot API emulator a teacher adds a course
// with buttons; when a session with a mentor is confirmed the teacher
// ties it to the course with one tap; the mentor finds the course in
// /mycourses, ticks every step (the panel is edited in place) and marks
// it moved online with its link; the teacher is told; the coordinator's
// counts show it.
func TestE2E_Courses(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Lima
	const ana, mentor, coord = 9201, 4001, 5001
	h.teacher(ana, "Ana", "unma")

	m := h.say(ana, "/mycourses")
	before := h.lastBot(ana)
	h.press(ana, m, "Add a course")
	h.waitText(ana, before, "What is the course called")
	m = h.say(ana, "Cálculo I")
	before = h.lastBot(ana)
	h.press(ana, m, "Skip")
	m = h.waitText(ana, before, "In which term")
	before = h.lastBot(ana)
	h.press(ana, m, "2026-I")
	m = h.waitText(ana, before, "What are you moving it to")
	before = h.lastBot(ana)
	h.press(ana, m, "Fully online")
	h.waitText(ana, before, "Progress: 0 of 9 steps")

	// The booking confirmation's one call (wired where a booking is
	// confirmed): the teacher is asked which course the session is for.
	var b aulabot.Booking
	err := h.M.Store.Update(func(tx *store.Tx) error {
		sl, err := tx.CreateSlot("unma", mentor, "Mentor 1 unma", aulabot.NewSlot{Start: h.Now().Add(48 * time.Hour), Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1})
		if err != nil {
			return err
		}
		u, _, err := tx.User(ana)
		if err != nil {
			return err
		}
		if b, err = tx.BookSlot(sl.ID, u, h.Cfg.Booking); err != nil {
			return err
		}
		return h.M.Services.Courses.AskForBooking(tx, b)
	})
	if err != nil {
		t.Fatal(err)
	}
	ask := h.waitText(ana, before, "Which of your courses")
	h.press(ana, ask, "Cálculo I")
	h.waitNew(ana, ask.ID-1, func(m sandbox.Message) bool {
		return m.ID == ask.ID && m.Edited > 0 && strings.Contains(m.Text, "I noted the session") && len(m.Inline) == 0
	})

	m = h.say(mentor, "/mycourses")
	if !strings.Contains(m.Text, "Cursos con sesiones con usted") {
		t.Fatalf("mentor's /mycourses = %q", m.Text)
	}
	before = h.lastBot(mentor)
	h.press(mentor, m, "Cálculo I")
	panel := h.waitText(mentor, before, "Avance: 0 de 9 pasos")
	var id uint64
	if _, err := fmt.Sscanf(panel.Inline[0][0].Data, "crs:t:%d:", &id); err != nil {
		t.Fatalf("panel buttons %v: %v", panel.Inline, err)
	}
	for _, it := range aulabot.BuiltinChecklist {
		h.pressData(mentor, mentor, panel.ID, fmt.Sprintf("crs:t:%d:%s:1", id, it.ID))
	}
	panel = h.waitNew(mentor, panel.ID-1, func(m sandbox.Message) bool {
		return m.ID == panel.ID && strings.Contains(m.Text, "Avance: 9 de 9 pasos")
	})
	h.press(mentor, panel, "Pasado a virtual")
	h.waitText(mentor, panel.ID, "envíe el enlace del curso")
	before = h.lastBot(ana)
	h.SB.SendText(mentor, mentor, "https://aulavirtual.montealto.example.edu.pe/course/view.php?id=42")
	told := h.waitText(ana, before, "Congratulations! Your mentor marked <b>Cálculo I · 2026-I</b> as moved online")
	if len(told.Inline) == 0 || !strings.Contains(told.Inline[0][0].Text, "Open the course") {
		t.Errorf("the teacher's note has no Open button: %+v", told.Inline)
	}
	before = h.lastBot(coord)
	h.SB.SendText(coord, coord, "/mycourses")
	h.waitText(coord, before, "Total: registrados 1 · en curso 0 · pasados a virtual 1")
}
