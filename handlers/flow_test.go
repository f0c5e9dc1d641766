package handlers_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
)

func stateOf(t *testing.T, e *htest.Env, p aulabot.Person) aulabot.State {
	t.Helper()
	var st aulabot.State
	if err := e.Store.View(func(tx *storeTx) (err error) { st, err = tx.State(p.ID, p.ID); return err }); err != nil {
		t.Fatal(err)
	}
	return st
}

func ticketsOf(t *testing.T, e *htest.Env, p aulabot.Person) int {
	t.Helper()
	var n int
	e.Store.View(func(tx *storeTx) error { ts, err := tx.TicketsOf(p.ID); n = len(ts); return err })
	return n
}

// A /problem left at the description step does not turn a question asked
// later into a ticket: past FlowIdle the flow is dropped, the question is
// answered, and the person is told the unfinished step was discarded, in
// the answer's message (a second message would come a second later).
// Within FlowIdle the step still takes the text.
func TestFlow_Expires(t *testing.T) {
	e := newEnv(t)
	p := htest.Person(7001, "en")
	e.Onboard(p, "unma", "teacher")

	e.Text(p, 0, "/problem")
	e.Press(p, 0, 0, "tk:cat:lms")
	e.Advance(handlers.FlowIdle + time.Second)
	out := e.Text(p, 0, "how do I grade an assignment?")
	told := said(to(out, p.ID))
	if len(told) != 1 || !strings.HasPrefix(told[0].Text, "ℹ️ The step you left unfinished more than 30 minutes ago was discarded") ||
		!strings.Contains(told[0].Text, "Moodle") || !slices.ContainsFunc(slices.Collect(maps.Values(htest.Buttons(told))), func(d string) bool { return strings.HasPrefix(d, "kb:h:") }) {
		t.Fatalf("question after the flow expired: %q %v, want the notice at the start of the answer", texts(told), htest.Buttons(told))
	}
	if len(to(out, groupMA)) != 0 || ticketsOf(t, e, p) != 0 {
		t.Errorf("the question became a ticket: %q", texts(out))
	}
	if strings.Contains(texts(out), "UNMA-") || questionsOf(t, e, p.ID) != 1 {
		t.Errorf("the question was not answered as a question: %q", texts(out))
	}
	if st := stateOf(t, e, p); st.Flow != "" {
		t.Errorf("state after expiry = %+v", st)
	}
	if out := e.Text(p, 0, "how do I grade an assignment?"); strings.Contains(texts(out), "discarded") {
		t.Errorf("told twice: %q", texts(out))
	}

	// Within the idle time the description is taken.
	e.Text(p, 0, "/problem")
	e.Press(p, 0, 0, "tk:cat:lms")
	e.Advance(handlers.FlowIdle - time.Minute)
	out = e.Text(p, 0, "I cannot log in to the virtual classroom since Monday")
	offered := false
	for _, d := range htest.Buttons(out) {
		offered = offered || d == "tk:kb:still"
	}
	if ticketsOf(t, e, p) != 1 && !offered {
		t.Errorf("description within the idle time was not taken: %q", texts(out))
	}
	if strings.Contains(texts(out), "discarded") {
		t.Errorf("a live flow was reported discarded: %q", texts(out))
	}

	// An expired flow meets a command: the command acts, without the notice.
	e.Text(p, 0, "/problem")
	e.Advance(handlers.FlowIdle + time.Second)
	if out := e.Text(p, 0, "/help"); strings.Contains(texts(out), "discarded") || !strings.Contains(texts(out), "What I can do") {
		t.Errorf("/help after expiry: %q", texts(out))
	}
}

// A main-menu button always wins over an open flow: the flow is left and
// the button's action is done, not taken as the flow's text.
func TestFlow_MenuWins(t *testing.T) {
	e := newEnv(t)
	mentor := htest.Person(4001, "en")
	s := publish(t, e, mentor, "2026-03-12 15:00 60 personal")
	p := htest.Person(7001, "en")
	e.Onboard(p, "unma", "teacher")
	e.Onboard(mentor, "unma", "teacher")
	tests := []struct {
		name  string
		who   aulabot.Person
		start func()
		tap   string
		want  string
	}{
		{"BookTopic", p, func() { e.Press(p, 0, 0, fmt.Sprintf("bk:t:%d", s.ID)) }, "📅 Mentoring", "Which kind of session"},
		{"NewSlotTopic", mentor, func() {
			out := e.Text(mentor, 0, "/newslot")
			out = e.Press(mentor, 0, 0, buttonWith(t, out, "Thu 12 Mar"))
			out = e.Press(mentor, 0, 0, "ns:t:10:00")
			out = e.Press(mentor, 0, 0, "ns:m:30")
			e.Press(mentor, 0, 0, "ns:k:p")
		}, "🗓 My bookings", "no upcoming bookings"},
		{"SlotNote", mentor, func() { e.Press(mentor, 0, 0, fmt.Sprintf("sl:n:%d", s.ID)) }, "❔ Help", "What I can do"},
		{"SlotCancelReason", mentor, func() { e.Press(mentor, 0, 0, fmt.Sprintf("sl:x:%d", s.ID)) }, "🧑‍🏫 My slots", "Your upcoming slots"},
		{"SlotMove", mentor, func() { e.Press(mentor, 0, 0, fmt.Sprintf("sl:m:%d", s.ID)) }, "🌐 Language", "Choose your language"},
		{"Ticket", p, func() { e.Text(p, 0, "/problem"); e.Press(p, 0, 0, "tk:cat:lms") }, "🎫 My tickets", "tickets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.start()
			if st := stateOf(t, e, tt.who); st.Flow == "" {
				t.Fatalf("no flow open")
			}
			out := e.Text(tt.who, 0, tt.tap)
			if !strings.Contains(texts(out), tt.want) {
				t.Errorf("%s tapped: %q, want %q", tt.tap, texts(out), tt.want)
			}
			if st := stateOf(t, e, tt.who); st.Flow != "" {
				t.Errorf("flow still open: %+v", st)
			}
		})
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Note != "" || got.Cancelled || !got.Start.Equal(s.Start) {
		t.Errorf("a menu tap changed the slot: %+v", got)
	}
}
