package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// Five open tickets per requester: the sixth report is refused at once,
// in the user's language, naming the limit and /mytickets; resolving one
// makes room.
func TestTicket_OpenLimit(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	for i := range 5 {
		has(t, "report", to(report(t, e, ana, "other", fmt.Sprintf("problem number %d with the projector", i+1)), ana.ID), fmt.Sprintf("UNMA-%d", i+1))
	}
	out := e.Text(ana, 0, "/problem")
	has(t, "sixth", out, "You already have the most open tickets allowed (5)", "/mytickets")
	if len(to(out, groupMA)) != 0 || htest.Buttons(out)["🔐 Virtual classroom access"] != "" {
		t.Errorf("the sixth report started: %q", texts(out))
	}
	// In Spanish for a Spanish speaker.
	luis := htest.Person(7002, "es")
	e.Onboard(luis, "unma", "student")
	for range 5 {
		report(t, e, luis, "other", "la impresora del laboratorio no imprime")
	}
	has(t, "es", e.Text(luis, 0, "/problem"), "Ya tiene el máximo de tickets abiertos (5)")

	// A report started before the limit was reached is refused when it
	// would create the ticket, and uses no number.
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:video")
	e.Store.Update(func(tx *store.Tx) error {
		_, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: ana.ID, Category: "lms", Description: "from elsewhere"}, 0)
		return err
	})
	out = e.Text(ana, 0, "the camera does not turn on in the meeting")
	if htest.Buttons(out)["🆘 I still need help"] != "tk:kb:still" {
		t.Fatalf("no knowledge-base answer first: %q", texts(out))
	}
	out = e.Press(ana, 0, 0, "tk:kb:still")
	alerted(t, e, "at creation", "You already have the most open tickets allowed (5)")
	if len(to(out, groupMA)) != 0 {
		t.Errorf("posted over the limit: %q", texts(to(out, groupMA)))
	}
	// After a resolution there is room again; the refused report used no number.
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-2")
	has(t, "room", to(report(t, e, ana, "video", "the camera does not turn on"), ana.ID), "UNMA-12")
}

// Thirty messages from one person to one ticket in an hour reach the
// team; the next gets one polite notice, later ones silence, each refusal
// counted; the hour over, messages flow again. Another person's ticket is
// not held up: it travels in its own lane of the team group.
func TestTicket_MessageLimit(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")
	relayed := 0
	for i := range 30 {
		got := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, Text: fmt.Sprint("more details ", i),
			ReplyTo: &aulabot.Replied{MessageID: 1, FromBot: true, Text: "💬 UNMA-1 · Technical team:\n\nhi"}})
		for _, m := range to(got, groupMA) {
			if m.Lane != "UNMA-1" {
				t.Fatalf("relay in lane %q, want UNMA-1", m.Lane)
			}
			relayed++
		}
	}
	if relayed != 30 {
		t.Fatalf("%d of 30 messages relayed", relayed)
	}
	reply := func(text string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, Text: text,
			ReplyTo: &aulabot.Replied{MessageID: 1, FromBot: true, Text: "💬 UNMA-1 · Technical team:\n\nhi"}})
	}
	out := reply("message 31")
	has(t, "notice", out, "You have sent 30 messages about UNMA-1 in the last hour")
	if len(to(out, groupMA)) != 0 {
		t.Errorf("message 31 reached the team")
	}
	for i := range 10 {
		if out := reply(fmt.Sprint("flood ", i)); len(out) != 0 {
			t.Fatalf("after the notice the bot answered %q", texts(out))
		}
	}
	if n := counter(e, "limit:ticket_messages"); n != 11 {
		t.Errorf("refusals counted %d, want 11", n)
	}
	// Another requester's ticket is posted at once, in its own lane.
	luis := htest.Person(7002, "en")
	e.Onboard(luis, "unma", "student")
	if p2 := post(t, to(report(t, e, luis, "upload", "upload fails"), groupMA), "UNMA-2"); p2.Lane != "UNMA-2" {
		t.Errorf("second ticket's post in lane %q", p2.Lane)
	}
	// The team is limited per person too, and not by the requester's count.
	for i := range 30 {
		if got := to(e.Reply(tec1, groupMA, int(p.ID), fmt.Sprint("answer ", i)), ana.ID); len(got) != 1 {
			t.Fatalf("team answer %d: %q", i, texts(got))
		}
	}
	has(t, "team notice", e.Reply(tec1, groupMA, int(p.ID), "answer 31"), "You have sent 30 messages about UNMA-1")
	if got := to(e.Reply(tec2, groupMA, int(p.ID), "another member"), ana.ID); len(got) != 1 {
		t.Errorf("another member's answer: %q", texts(got))
	}
	e.Advance(time.Hour)
	has(t, "an hour later", to(reply("better now?"), groupMA), "better now?")
}

// One team post per ticket message: the group's messages of a ticket all
// carry its lane (post, attachments, edits, events, reminders).
func TestTicket_TeamMessagesInTicketLane(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:upload")
	out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, Text: "upload fails",
		File: &aulabot.File{ID: "ph1", Kind: "photo", Size: 1000}})
	var team []aulabot.Message
	team = append(team, to(out, groupMA)...)
	p := post(t, team, "UNMA-1")
	team = append(team, to(e.Reply(tec1, groupMA, int(p.ID), "which browser?"), groupMA)...)
	team = append(team, to(tick(t, e, 31*time.Minute), groupMA)...) // the claim reminder
	team = append(team, to(e.Press(tec1, groupMA, int(p.ID), "tk:c:UNMA-1"), groupMA)...)
	team = append(team, to(e.Press(tec1, groupMA, int(p.ID), "tk:v:UNMA-1"), groupMA)...)
	team = append(team, to(e.Press(ana, 0, 0, "tk:s:UNMA-1:5"), groupMA)...)
	team = append(team, to(e.Text(ana, 0, "thanks"), groupMA)...)
	kinds := map[string]bool{}
	for _, m := range team {
		if strings.HasPrefix(m.Text, "✉️") {
			continue // an acknowledgement of a command, not a message of the ticket
		}
		if m.Lane != "UNMA-1" {
			t.Errorf("team message in lane %q: %q", m.Lane, m.Text)
		}
		switch {
		case m.Copy != nil:
			kinds["file"] = true
		case m.EditRef != "":
			kinds["edit"] = true
		default:
			kinds["line"] = true
		}
	}
	if len(kinds) != 3 || len(team) < 9 {
		t.Errorf("kinds seen: %v", kinds)
	}
}
