package handlers_test

import (
	"fmt"
	"html"
	"slices"
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
	answer := lastTo(t, e.Text(ana, 0, "i forgot my password and cannot log in"), ana.ID)
	// Words while the answer waits ask for its buttons, and change
	// nothing: no ticket, the buttons stay.
	for _, u := range []aulabot.Update{{Text: "it still does not work"}, {File: &aulabot.File{ID: "ph1", Kind: "photo", Size: 1000}}} {
		u.ChatID, u.From = ana.ID, ana
		out := e.Handle(u)
		if got := texts(out); !strings.Contains(got, "Did the answer above help? Tap “✅ That solved it” or “🆘 I still need help”") || len(to(out, groupMA)) != 0 || editsOf(out, answer.ID) != 0 {
			t.Errorf("%q while the answer waits: %q, %d to the team, %d edits of the answer", u.Text, got, len(to(out, groupMA)), editsOf(out, answer.ID))
		}
	}
	title := strings.TrimPrefix(answer.Inline[0][0].Text, "📄 ")
	out = e.Press(ana, 0, 0, "tk:kb:still")
	p := post(t, to(out, groupMA), "UNMA-1")
	if !strings.Contains(p.Text, "i forgot my password and cannot log in") {
		t.Errorf("post = %q, want the kept description", p.Text)
	}
	// The team reads which answer was not enough: no need to send it again.
	if want := "💡 Before the ticket I showed them “" + title + "”: it wasn't enough."; !strings.Contains(html.UnescapeString(p.Text), want) {
		t.Errorf("post = %q, want %q", p.Text, want)
	}
}

// TestTicket_KnowledgeFirstTyped: the answer to "does this solve your
// problem?" typed instead of pressed is taken as its button: "no", "no me
// sirvió", "it didn't help" or 🆘's words make the ticket, with the
// description kept; "sí", "me sirvió" or ✅'s words make none. "No" was
// refused with "tap a button" (seen in the sandbox). The answer's
// buttons go either way, its article staying.
func TestTicket_KnowledgeFirstTyped(t *testing.T) {
	e := newEnv(t)
	tickets := 0
	for i, c := range []struct {
		typed  string
		ticket bool
	}{
		{"no", true},
		{"No me sirvió", true},
		{"it didn't help", true},
		{"it didnt help", true},
		{"I still need help", true},
		{"sí", false},
		{"¡Me sirvió!", false},
		{"That solved it", false},
	} {
		ana := onboardDirect(t, e, int64(7010+i), "unma") // a person's open tickets are limited
		e.Text(ana, 0, "/problem")
		e.Press(ana, 0, 0, "tk:cat:other") // five reports of access would be an outage
		answer := lastTo(t, e.Text(ana, 0, "i forgot my password and cannot log in"), ana.ID)
		if htest.Buttons([]aulabot.Message{answer})["🆘 I still need help"] != "tk:kb:still" {
			t.Fatalf("%q: no knowledge-base answer first: %q", c.typed, answer.Text)
		}
		out := e.Text(ana, 0, c.typed)
		if c.ticket {
			tickets++
		}
		if team := to(out, groupMA); c.ticket != (len(team) == 1) {
			t.Errorf("%q: %d posts to the team, want a ticket: %v (%q)", c.typed, len(team), c.ticket, texts(out))
		} else if c.ticket {
			if p := post(t, team, fmt.Sprintf("UNMA-%d", tickets)); !strings.Contains(p.Text, "i forgot my password and cannot log in") {
				t.Errorf("%q: post = %q, want the kept description", c.typed, p.Text)
			}
		} else if !strings.Contains(texts(out), "No ticket was created") {
			t.Errorf("%q: %q, want no ticket", c.typed, texts(out))
		}
		kept := htest.Buttons(slices.DeleteFunc(slices.Clone(out), func(m aulabot.Message) bool { return uint64(m.EditMessageID) != answer.ID }))
		if kept["🆘 I still need help"] != "" || kept["✅ That solved it"] != "" || !strings.HasPrefix(kept[answer.Inline[0][0].Text], "kb:a:") {
			t.Errorf("%q: the answer's buttons became %v, want its article alone", c.typed, kept)
		}
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

// Each step of a report takes its buttons off the message pressed, so a
// small screen is left with the conversation rather than dead buttons:
// the categories once one is chosen (or Cancel), Send what I wrote once
// pressed, and That solved it / I still need help once either is pressed,
// the answer's article buttons staying. A stale press edits nothing.
func TestReport_PressedButtonsGo(t *testing.T) {
	e := newEnv(t)
	ana := onboardDirect(t, e, 7003, "unma")
	withButton := func(out []aulabot.Message, data string) aulabot.Message {
		t.Helper()
		for _, m := range out {
			for _, row := range m.Inline {
				for _, b := range row {
					if b.Data == data && m.EditMessageID == 0 {
						return m
					}
				}
			}
		}
		t.Fatalf("no message with %s in %q", data, texts(out))
		return aulabot.Message{}
	}
	// edit returns the edit of message id among out, failing if there is
	// none or it changes the text.
	edit := func(out []aulabot.Message, id uint64) aulabot.Message {
		t.Helper()
		m := edited(t, out, int(id))
		if m.Text != "" {
			t.Errorf("the edit of %d rewrites its text: %q", id, m.Text)
		}
		return m
	}
	cats := withButton(e.Text(ana, 0, "/problem i forgot my password and cannot log in"), "tk:cat:lms")
	out := e.Press(ana, 0, int(cats.ID), "tk:cat:lms")
	if m := edit(out, cats.ID); len(m.Inline) != 0 {
		t.Errorf("the categories stay after a choice: %+v", m.Inline)
	}
	prompt := withButton(out, "tk:said")
	out = e.Press(ana, 0, int(prompt.ID), "tk:said")
	if m := edit(out, prompt.ID); len(m.Inline) != 0 {
		t.Errorf("Send what I wrote stays after the press: %+v", m.Inline)
	}
	answer := withButton(out, "tk:kb:still")
	var articles [][]aulabot.Button
	for _, row := range answer.Inline {
		if !strings.HasPrefix(row[0].Data, "tk:") {
			articles = append(articles, row)
		}
	}
	if len(articles) == 0 {
		t.Fatalf("the knowledge base's answer has no article: %+v", answer.Inline)
	}
	out = e.Press(ana, 0, int(answer.ID), "tk:kb:still")
	post(t, to(out, groupMA), "UNMA-1")
	if m := edit(out, answer.ID); !slices.EqualFunc(m.Inline, articles, slices.Equal) {
		t.Errorf("after I still need help the answer's buttons are %+v, want its articles %+v", m.Inline, articles)
	}
	for _, press := range []struct {
		id   uint64
		data string
	}{{cats.ID, "tk:cat:video"}, {prompt.ID, "tk:said"}, {answer.ID, "tk:kb:still"}} {
		if out := e.Press(ana, 0, int(press.id), press.data); len(out) != 0 || !e.LastAnswer().Alert {
			t.Errorf("%s pressed again once the ticket exists: %+v (answer %+v)", press.data, out, e.LastAnswer())
		}
	}

	// That solved it: the same.
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:lms")
	answer = withButton(e.Text(ana, 0, "i forgot my password and cannot log in"), "tk:kb:solved")
	if m := edit(e.Press(ana, 0, int(answer.ID), "tk:kb:solved"), answer.ID); !slices.EqualFunc(m.Inline, articles, slices.Equal) {
		t.Errorf("after That solved it the answer's buttons are %+v, want its articles %+v", m.Inline, articles)
	}
	// Cancel at the categories.
	cats = withButton(e.Text(ana, 0, "/problem"), "tk:cat:cancel")
	out = e.Press(ana, 0, int(cats.ID), "tk:cat:cancel")
	if m := edit(out, cats.ID); len(m.Inline) != 0 || !strings.Contains(texts(out), "Cancelled") {
		t.Errorf("cancel: %q, the categories %+v", texts(out), m.Inline)
	}
}
