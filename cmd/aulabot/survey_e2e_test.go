package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// TestE2E_SurveyCampaign runs the built-in baseline through the Bot API
// emulator: Montealto's coordinator starts it, the invitations reach the
// demo people (the two of Montealto, and three of its staff who also
// teach or study there), all five answer every question with the buttons (and
// the last one with a message), and the coordinator sees the progress
// and the results.
func TestE2E_SurveyCampaign(t *testing.T) {
	t.Parallel() // waits on the bot more than it computes (TestMain)
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Lima
	people := []struct {
		id   int64
		role string
	}{{9001, "teacher"}, {9002, "student"}, {3001, "teacher"}, {4001, "teacher"}, {4002, "student"}, {3002, "teacher"}}
	err := h.M.Store.Update(func(tx *store.Tx) error {
		for _, p := range people {
			if err := tx.PutUser(aulabot.User{ID: p.id, Name: fmt.Sprint("P", p.id), Lang: "es", University: "unma", Role: p.role, ConsentAt: h.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	m := h.say(5001, "/survey start percepciones-inicio")
	if !strings.Contains(m.Plain, "Invitadas: 6 · comenzaron: 0 · completaron: 0") {
		t.Fatalf("coordinator's progress: %q", m.Plain)
	}
	h.Advance(time.Second) // the paced invitations fall due

	for _, p := range people[:5] { // 3002 does not answer
		inv := h.waitText(p.id, 0, "Su universidad le invita")
		h.press(p.id, inv, "Responder la encuesta")
		labels := []string{"4 · ", "4 · ", "5 · ", "4 · ", "3 · ", "4 · "}
		if p.role == "student" {
			labels = append(labels, "4 · ", "5 · ")
		}
		labels = append(labels, "8", "Computadora", "Falta de tiempo", "Siguiente")
		q := h.waitText(p.id, 0, " · 1/")
		for i, label := range labels {
			h.press(p.id, q, label)
			if label == "Falta de tiempo" { // the tick edits the same question
				q = h.waitNew(p.id, q.ID-1, func(m sandbox.Message) bool { return m.ID == q.ID && strings.Contains(fmt.Sprint(m.Inline), "☑️") })
				continue
			}
			step := fmt.Sprintf(" · %d/", i+2)
			if label == "Siguiente" {
				step = fmt.Sprintf(" · %d/", i+1)
			}
			q = h.waitNew(p.id, q.ID-1, func(m sandbox.Message) bool { return strings.Contains(m.Plain, step) })
		}
		if !strings.Contains(q.Plain, "Escriba su respuesta") {
			t.Fatalf("%d: the last question is the text: %q", p.id, q.Plain)
		}
		before := h.lastBot(p.id)
		h.SB.SendText(p.id, p.id, "Más práctica con el aula virtual.")
		h.waitText(p.id, before, "gracias por responder")
	}

	// Progress and results for the coordinator, the same figures as the command.
	m = h.say(5001, "/survey start percepciones-inicio")
	if !strings.Contains(m.Plain, "ya se lanzó") {
		t.Fatalf("second start: %q", m.Plain)
	}
	status := h.waitText(5001, m.ID, "completaron: 5")
	if !strings.Contains(status.Plain, "Invitadas: 6 · comenzaron: 5 · completaron: 5") {
		t.Fatalf("progress: %q", status.Plain)
	}
	res := h.say(5001, "/survey results percepciones")
	for _, want := range []string{"Universidad Nacional de Montealto", "Inicio: 5 respondieron", "docentes", "estudiantes"} {
		if !strings.Contains(res.Plain, want) {
			t.Errorf("results lack %q: %s", want, res.Plain)
		}
	}
	if rs, err := h.M.Store.SurveyResponses("percepciones-inicio"); err != nil || len(rs) != 5 {
		t.Fatalf("%d responses (%v), want 5", len(rs), err)
	}

	// A restart: nobody is invited again; three days later the one who
	// has not answered gets one reminder, and nobody else.
	h.stop()
	h.start()
	h.Advance(survey.ReminderEvery)
	h.waitText(3002, 0, "Todavía no respondió")
	pending, err := h.M.Store.Pending()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pending {
		// The reminder just shown may still be settling.
		if m.Lane == "survey" && m.ChatID != 3002 {
			t.Errorf("still queued: %+v", m)
		}
	}
	h.stop()
	for _, p := range people {
		n := map[string]int{}
		for _, m := range h.SB.Messages(p.id) {
			for _, k := range []string{"le invita", "Todavía no", "a medias"} {
				if m.FromBot && strings.Contains(m.Plain, k) {
					n[k]++
				}
			}
		}
		want := map[string]int{"le invita": 1}
		if p.id == 3002 {
			want["Todavía no"] = 1
		}
		if fmt.Sprint(n) != fmt.Sprint(want) {
			t.Errorf("%d got %v, want %v", p.id, n, want)
		}
	}
}
