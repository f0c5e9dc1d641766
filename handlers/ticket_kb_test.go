package handlers_test

import (
	"strings"
	"testing"

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
