package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A technician's reply to the bot's "sent to the requester" note reaches
// the requester, as a reply to the post does: by the note's ref, and by
// the ticket named on its first line when the ref is not known.
func TestTicket_ReplyToSentNote(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")
	out := e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 501, Text: "Please try again",
		ReplyTo: &aulabot.Replied{MessageID: int(p.ID), FromBot: true}})
	notes := to(out, groupMA)
	if len(notes) != 1 || notes[0].ReplyTo != 501 || !strings.Contains(notes[0].Text, "UNMA-1") {
		t.Fatalf("note = %+v, want one reply to the technician's message naming the ticket", notes)
	}
	out = e.Reply(tec1, groupMA, int(notes[0].ID), "and clear the browser cache")
	has(t, "reply to the note", to(out, ana.ID), "UNMA-1", "and clear the browser cache")

	// A note whose ref the bot never stored (a quick reply beats it):
	// the ticket on its first line is enough.
	out = e.Handle(aulabot.Update{ChatID: groupMA, From: tec2, MessageID: 502, Text: "any luck?",
		ReplyTo: &aulabot.Replied{MessageID: 99999, FromBot: true, Text: "✉️ UNMA-1 · sent to the requester. Reply to this message to write again."}})
	has(t, "reply to an unknown note", to(out, ana.ID), "any luck?")
}

// Refusals in a team group reply to the message they refuse, so that in
// a busy group everyone sees what was refused.
func TestTicket_TeamRefusalIsAReply(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		what string
		from aulabot.Person
		text string
		want string
	}{
		{"stranger's /queue", stranger, "/queue", "Only the university's technical team"},
		{"private command", tec1, "/mentoring", ""},
		{"bad /reply", tec1, "/reply nothing", "Usage: /reply"},
	} {
		out := to(e.Handle(aulabot.Update{ChatID: groupMA, From: c.from, MessageID: 600, Text: c.text}), groupMA)
		if len(out) != 1 || out[0].ReplyTo != 600 || !strings.Contains(out[0].Text, c.want) {
			t.Errorf("%s: %+v, want one reply to message 600 saying %q", c.what, out, c.want)
		}
	}
}

// A refusal names the ticket's state in the reader's language: never
// "UNMA-1 está closed".
func TestTicket_StateInWords(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "es")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "video", "no se oye el audio")
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	if a := e.LastAnswer(); !a.Alert || a.Text != "UNMA-1 is already resolved: that can't be done any more." {
		t.Errorf("second Resolve = %+v", a)
	}
	e.Press(ana, 0, 0, "tk:s:UNMA-1:4")
	e.Press(ana, 0, 0, "tk:s:UNMA-1:5")
	if a := e.LastAnswer(); !a.Alert || a.Text != "UNMA-1 ya está cerrado: eso ya no se puede hacer." {
		t.Errorf("second rating = %+v", a)
	}
}

// Requesters read their words: the category "virtual classroom access"
// and "a technician is on it", never "LMS access" or "claimed".
func TestTicket_NoJargonToRequesters(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	out := e.Text(ana, 0, "/problem")
	if b := htest.Buttons(out); b["🔐 Virtual classroom access"] != "tk:cat:lms" {
		t.Errorf("category buttons = %v", b)
	}
	report(t, e, ana, "lms", "cannot log in")
	mine := texts(to(e.Press(tec1, groupMA, 0, "tk:c:UNMA-1"), ana.ID)) + texts(e.Text(ana, 0, "/mytickets"))
	for _, jargon := range []string{"LMS", "claimed", "Claim"} {
		if strings.Contains(mine, jargon) {
			t.Errorf("requester reads %q: %q", jargon, mine)
		}
	}
	if !strings.Contains(mine, "a technician is on it") {
		t.Errorf("requester's list = %q", mine)
	}
}

// Closing a ticket takes a second tap that says what will happen, with a
// way back; Close is never on Reply's row; a yes typed is pointed to the
// button. The question turns into the outcome in place.
func TestTicket_CloseAsksFirst(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "video", "no sound")
	list := e.Text(ana, 0, "/mytickets")
	for _, row := range list[0].Inline {
		for _, b := range row {
			if strings.HasPrefix(b.Data, "tk:x:") && len(row) > 1 {
				t.Errorf("Close shares its row in /mytickets: %v", row)
			}
		}
	}
	out := e.Press(ana, 0, int(list[0].ID), "tk:x:UNMA-1")
	if len(out) != 1 || !strings.Contains(out[0].Text, "Close <b>UNMA-1</b>? The technical team will stop working on it") {
		t.Fatalf("Close: %q, want the question", texts(out))
	}
	b := htest.Buttons(out)
	if b["🔒 Yes, close UNMA-1"] != "tk:xy:UNMA-1" || b["↩️ No, keep it open"] != "tk:xn:UNMA-1" {
		t.Fatalf("confirmation buttons = %v", b)
	}
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketOpen {
		t.Fatalf("the first tap changed the ticket: %s", tk.State)
	}
	// A yes typed, or the button's words, close nothing: the yes is
	// pointed to the button (it got "👍", seen in the sandbox).
	if out := e.Text(ana, 0, "yes"); !strings.Contains(texts(out), "tap the button") || htest.Buttons(out)["🔒 Yes, close UNMA-1"] != "tk:xy:UNMA-1" {
		t.Errorf("yes typed under the question: %q %v", texts(out), htest.Buttons(out))
	}
	e.Text(ana, 0, "yes, close UNMA-1")
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketOpen {
		t.Fatalf("typed words closed the ticket: %s", tk.State)
	}
	q := int(out[0].ID)
	out = e.Press(ana, 0, q, "tk:xn:UNMA-1")
	if len(out) != 1 || out[0].EditMessageID != q || len(out[0].Inline) != 0 || !strings.Contains(out[0].Text, "stays open") {
		t.Errorf("keep it open: %+v", out)
	}
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketOpen {
		t.Errorf("keep it open changed the ticket: %s", tk.State)
	}
	q = int(e.Press(ana, 0, int(list[0].ID), "tk:x:UNMA-1")[0].ID)
	out = e.Press(ana, 0, q, "tk:xy:UNMA-1")
	mine := to(out, ana.ID)
	if len(mine) != 1 || mine[0].EditMessageID != q || len(mine[0].Inline) != 0 || !strings.Contains(mine[0].Text, "You closed <b>UNMA-1</b>") {
		t.Errorf("yes, close: %+v", mine)
	}
	has(t, "team told", to(out, groupMA), "closed by the requester")
	e.Press(ana, 0, q, "tk:xy:UNMA-1")
	alerted(t, e, "second yes", "UNMA-1 is already closed")
	e.Press(ana, 0, 0, "tk:x:UNMA-1")
	alerted(t, e, "close a closed ticket", "UNMA-1 is already closed")
}

// Reopen asks what is still wrong and passes the answer to the team; the
// stars edit the rating request in place, and Skip drops its button.
func TestTicket_ReopenAsksWhatIsWrong(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "cannot log in")
	asked := to(e.Press(tec1, groupMA, 0, "tk:v:UNMA-1"), ana.ID)
	out := e.Press(ana, 0, int(asked[0].ID), "tk:o:UNMA-1")
	has(t, "reopened", to(out, ana.ID), "reopened", "What is still wrong?")
	out = e.Text(ana, 0, "the password reset link never arrives")
	team := to(out, groupMA)
	if len(team) != 1 || team[0].ReplyToRef != "ticket:UNMA-1" || !strings.Contains(team[0].Text, "the password reset link never arrives") {
		t.Fatalf("what is wrong, in the group: %+v", team)
	}
	has(t, "ack", to(out, ana.ID), "Sent to the technical team")

	asked = to(e.Press(tec1, groupMA, 0, "tk:v:UNMA-1"), ana.ID)
	rq := int(asked[0].ID)
	out = to(e.Press(ana, 0, rq, "tk:s:UNMA-1:5"), ana.ID)
	if len(out) != 1 || out[0].EditMessageID != rq || !strings.Contains(out[0].Text, "closed with 5/5") || htest.Buttons(out)["Skip"] == "" {
		t.Fatalf("rating: %+v, want the request edited into the result with Skip", out)
	}
	if htest.Buttons(out)["🔁 Not solved: reopen"] != "" {
		t.Errorf("5/5 offers to reopen: %v", htest.Buttons(out))
	}
	out = e.Press(ana, 0, rq, "tk:k:UNMA-1")
	if len(out) != 1 || out[0].EditMessageID != rq || len(out[0].Inline) != 0 {
		t.Errorf("skip: %+v, want Skip gone from the same message", out)
	}

	// A low rating is most often "it still fails": its result offers to
	// reopen, which reopens the closed ticket and asks what is wrong.
	e.Press(ana, 0, 0, "tk:o:UNMA-1")
	e.Text(ana, 0, "it happened again")
	asked = to(e.Press(tec1, groupMA, 0, "tk:v:UNMA-1"), ana.ID)
	out = to(e.Press(ana, 0, int(asked[0].ID), "tk:s:UNMA-1:2"), ana.ID)
	if len(out) != 1 || !strings.Contains(out[0].Text, "closed with 2/5") || !strings.Contains(out[0].Text, "Still not working?") ||
		htest.Buttons(out)["🔁 Not solved: reopen"] != "tk:o:UNMA-1" || htest.Buttons(out)["Skip"] == "" {
		t.Fatalf("a low rating: %+v", out)
	}
	has(t, "reopened after a low rating", to(e.Press(ana, 0, int(asked[0].ID), "tk:o:UNMA-1"), ana.ID), "What is still wrong?")
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketOpen {
		t.Errorf("reopened after a low rating, UNMA-1 is %s", tk.State)
	}
}

// TestTicket_TeamAnswerSolved: the team's words reach the requester with
// Reply and ✅ That solved it on one row; one tap on ✅ resolves the
// ticket, tells the team their answer solved it and asks the requester to
// rate the help, whose stars close it (the ticket can be reopened as after
// any resolution); once the team resolved it, ✅ points to the rating.
func TestTicket_TeamAnswerSolved(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7002, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "video", "no sound in the meeting"), groupMA), "UNMA-1")
	got := to(e.Reply(tec1, groupMA, int(p.ID), "Check that the meeting's audio is not muted in your browser"), ana.ID)
	if len(got) != 1 || len(got[0].Inline) != 1 || got[0].Inline[0][0].Data != "tk:r:UNMA-1" ||
		len(got[0].Inline[0]) != 2 || got[0].Inline[0][1].Text != "✅ That solved it" || got[0].Inline[0][1].Data != "tk:sv:UNMA-1" {
		t.Fatalf("the team's answer reached ana as %+v", got)
	}
	out := e.Press(ana, 0, int(got[0].ID), "tk:sv:UNMA-1")
	has(t, "asked to rate", to(out, ana.ID), "Glad it's solved! I told the technical team. Rate the help from 1 to 5 to close <b>UNMA-1</b>")
	if htest.Buttons(to(out, ana.ID))["⭐ 4"] != "tk:s:UNMA-1:4" {
		t.Errorf("the rating's stars: %v", htest.Buttons(to(out, ana.ID)))
	}
	has(t, "team told", to(out, groupMA), "the requester says it is solved")
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketResolved || tk.Owner != 0 {
		t.Errorf("UNMA-1 is %s, owner %d", tk.State, tk.Owner)
	}
	e.Press(ana, 0, 0, "tk:o:UNMA-1")
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketOpen {
		t.Errorf("reopened, UNMA-1 is %s", tk.State)
	}

	// Once the team resolved it, the ✅ of an earlier answer points to the
	// rating, which still closes it.
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	if out := e.Press(ana, 0, int(got[0].ID), "tk:sv:UNMA-1"); len(to(out, groupMA)) != 0 {
		t.Errorf("✅ on a resolved ticket told the team: %q", texts(out))
	}
	alerted(t, e, "✅ on a resolved ticket", "confirm it by rating the help")
	e.Press(ana, 0, 0, "tk:s:UNMA-1:5")
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketClosed || tk.Rating != 5 {
		t.Errorf("rated, UNMA-1 is %s (rating %d)", tk.State, tk.Rating)
	}
}
