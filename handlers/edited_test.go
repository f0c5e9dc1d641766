package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// TestEdit: an edit of the person's last question, with no flow under
// way, is that question asked anew: it gets what the corrected words get
// when sent, and it is the question recorded last. An edit that changes
// no word gets nothing more. Any other edit in a private chat (an older
// message, one made in the middle of a flow, onboarding included)
// changes nothing and the person is told, in their language, that the
// bot did not read it; the flow goes on. In a team group an edit gets no
// answer.
func TestEdit(t *testing.T) {
	e := newEnv(t)
	ana, bob := htest.Person(7301, "en"), htest.Person(7302, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Onboard(bob, "unma", "teacher")
	const fixed = "how do i upload a video to my course"
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 5000, Text: "hwo do i uplaod a vdeo to my cuorse"})
	got, want := e.Edit(ana, 0, 5000, fixed), e.Text(bob, 0, fixed)
	if texts(got) != texts(want) || len(htest.Buttons(got)) != len(htest.Buttons(want)) || len(got) == 0 {
		t.Fatalf("the edited question got %q, the same words sent get %q", texts(got), texts(want))
	}
	last := func() aulabot.Question {
		t.Helper()
		var q aulabot.Question
		err := e.Store.View(func(tx *store.Tx) (err error) {
			q, _, err = tx.LastQuestion(ana.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	if q := last(); q.Text != fixed || q.MessageID != 5000 {
		t.Errorf("last question recorded: %q (message %d), want the edit's words of message 5000", q.Text, q.MessageID)
	}
	if out := e.Edit(ana, 0, 5000, "  "+fixed+" "); len(out) != 0 {
		t.Errorf("an edit with the same words got %q", texts(out))
	}

	const notRead = "I only read changes to your last question"
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 5001, Text: "how do i create a quiz"})
	before := last()
	if out := e.Edit(ana, 0, 5000, "how do i grade an assignment"); len(out) != 1 || !strings.Contains(out[0].Text, notRead) {
		t.Errorf("an edit of an older question got %q", texts(out))
	}
	if q := last(); q.ID != before.ID {
		t.Errorf("an edit of an older question was recorded as question %d %q", q.ID, q.Text)
	}

	e.Text(ana, 0, "/problem")
	if out := e.Edit(ana, 0, 5001, "how do i create a quiz in moodle"); len(out) != 1 || !strings.Contains(out[0].Text, "in the middle of a step") {
		t.Errorf("an edit during a report got %q", texts(out))
	}
	if out := e.Press(ana, 0, 0, "tk:cat:upload"); !strings.Contains(texts(out), "Tell me about the problem in one message") {
		t.Errorf("the report did not go on after the edit: %q", texts(out))
	}

	if out := e.Edit(tec1, groupMA, 77, "fixed it, sorry"); len(out) != 0 {
		t.Errorf("an edit in the team group got %q", texts(out))
	}
	lucia := htest.Person(7303, "es")
	e.Handle(aulabot.Update{ChatID: lucia.ID, From: lucia, MessageID: 6000, Text: "hola"})
	if out := e.Edit(lucia, 0, 6000, "hola, buenas"); len(out) != 1 || !strings.Contains(out[0].Text, "no leo cambios a mitad de un paso") {
		t.Errorf("an edit during onboarding got %q", texts(out))
	}
}
