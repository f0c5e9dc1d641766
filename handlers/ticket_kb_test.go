package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A description the knowledge base answers is shown the answer first:
// "That solved it" creates no ticket, "I still need help" creates it with
// the description kept.
func TestTicket_KnowledgeFirst(t *testing.T) {
	e := newEnv(t)
	ana := onboardDirect(t, e, 7001, "unma")
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:lms")
	out := e.Text(ana, 0, "i forgot my password and cannot log in")
	b := htest.Buttons(out)
	if b["✅ That solved it"] != "tk:kb:solved" || b["🆘 I still need help"] != "tk:kb:still" || !strings.Contains(texts(out), "This may already help") {
		t.Fatalf("no knowledge-base answer first: %q %v", texts(out), b)
	}
	if len(to(out, groupMA)) != 0 {
		t.Fatal("ticket posted before the user chose")
	}
	out = e.Press(ana, 0, 0, "tk:kb:solved")
	if !strings.Contains(texts(out), "No ticket was created") || len(to(out, groupMA)) != 0 {
		t.Errorf("solved: %q", texts(out))
	}
	// The button of a finished flow does nothing.
	if out := e.Press(ana, 0, 0, "tk:kb:still"); len(to(out, groupMA)) != 0 || !e.LastAnswer().Alert {
		t.Errorf("stale 'still' created a ticket: %q", texts(out))
	}

	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:lms")
	e.Text(ana, 0, "i forgot my password and cannot log in")
	out = e.Press(ana, 0, 0, "tk:kb:still")
	p := post(t, to(out, groupMA), "UNMA-1")
	if !strings.Contains(p.Text, "i forgot my password and cannot log in") {
		t.Errorf("post = %q, want the kept description", p.Text)
	}
}

// A description edited while the knowledge base's answer waits for "I
// still need help" is the one the ticket carries; the person is told so.
// A bad edit (too long) changes nothing.
func TestTicket_KnowledgeFirstEditedDescription(t *testing.T) {
	e := newEnv(t)
	ana := onboardDirect(t, e, 7002, "unma")
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:lms")
	out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 700, Text: "i forgot my pasword and cannot log in"})
	if htest.Buttons(out)["🆘 I still need help"] != "tk:kb:still" {
		t.Fatalf("no knowledge-base answer first: %q", texts(out))
	}
	if out := e.Edit(ana, 0, 700, "i forgot my password and cannot log in from the library"); !strings.Contains(texts(out), "the technical team will see your corrected description") {
		t.Errorf("the edit got %q", texts(out))
	}
	if out := e.Edit(ana, 0, 700, strings.Repeat("x", aulabot.MaxDescription+1)); !strings.Contains(texts(out), "too long") {
		t.Errorf("a too long edit got %q", texts(out))
	}
	p := post(t, to(e.Press(ana, 0, 0, "tk:kb:still"), groupMA), "UNMA-1")
	if !strings.Contains(p.Text, "cannot log in from the library") {
		t.Errorf("post = %q, want the edited description", p.Text)
	}
}
