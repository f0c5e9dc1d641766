package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

func refCopies(t *testing.T, e *htest.Env, ref string) string {
	t.Helper()
	var got []string
	e.Store.View(func(tx *store.Tx) error {
		for _, l := range tx.RefCopies(ref) {
			got = append(got, fmt.Sprint(l.ChatID, "/", l.MessageID))
		}
		return nil
	})
	return fmt.Sprint(got)
}

// A post sent twice across a crash: Telegram kept the first copy (message
// 500, whose id the bot never stored) and the second is the known post. A
// press on the unknown copy acts on the ticket named in the button and
// brings that copy up to date with the others, even when the action is
// refused; a reply to it reaches the requester.
func TestTicket_PostCopies(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")
	const first = 500

	out := e.Press(tec1, groupMA, first, "tk:c:UNMA-1")
	if a := e.LastAnswer(); a.Alert || a.Text != "You claimed UNMA-1." {
		t.Errorf("claim on the first copy: %+v", a)
	}
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketClaimed || tk.Owner != tec1.ID {
		t.Fatalf("ticket = %s by %d", tk.State, tk.Owner)
	}
	if got := refCopies(t, e, "ticket:UNMA-1"); got != "[-2001/500]" {
		t.Errorf("copies = %s", got)
	}
	if ed := edit(t, to(out, groupMA), "UNMA-1"); ed.Lane != "UNMA-1" || !strings.Contains(ed.Text, "Claimed by User3001") {
		t.Errorf("edit of every copy = %+v", ed)
	}

	// A stale press on yet another unknown copy (still showing Claim): the
	// claim is refused, and that copy is learnt and edited all the same.
	out = e.Press(tec2, groupMA, 501, "tk:c:UNMA-1")
	alerted(t, e, "stale copy", "UNMA-1 is already claimed by User3001")
	if ed := edit(t, to(out, groupMA), "UNMA-1"); !strings.Contains(ed.Text, "Claimed by User3001") || htest.Buttons([]aulabot.Message{ed})["↩️ Unclaim"] != "tk:u:UNMA-1" {
		t.Errorf("stale copy edited to %+v", ed)
	}
	if got := refCopies(t, e, "ticket:UNMA-1"); got != "[-2001/500 -2001/501]" {
		t.Errorf("copies = %s", got)
	}
	// A press on the known post or a known copy adds nothing.
	e.Press(tec2, groupMA, int(p.ID), "tk:c:UNMA-1")
	e.Press(tec2, groupMA, first, "tk:c:UNMA-1")
	if got := refCopies(t, e, "ticket:UNMA-1"); got != "[-2001/500 -2001/501]" {
		t.Errorf("copies after known presses = %s", got)
	}
	// A refused press from someone who may not act changes nothing.
	e.Press(stranger, groupMA, 502, "tk:u:UNMA-1")
	alerted(t, e, "stranger", "Only the technical team")
	if got := refCopies(t, e, "ticket:UNMA-1"); got != "[-2001/500 -2001/501]" {
		t.Errorf("a stranger's press was learnt: %s", got)
	}

	// A reply to a learnt copy reaches the requester.
	has(t, "reply to copy", to(e.Reply(tec1, groupMA, first, "try now"), ana.ID), "try now")
	// So does a reply to a copy nobody pressed: the bot's post names its
	// ticket on the first line, in the ticket's own team group only.
	postText := "🎫 UNMA-1 · 🔐 LMS access\n👤 User7001 — teacher, Universidad Nacional de Montealto\n\ncannot log in"
	replyTo := func(chat int64, fromBot bool, text string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: chat, From: tec1, Text: text,
			ReplyTo: &aulabot.Replied{MessageID: 777, FromBot: fromBot, Text: postText}})
	}
	has(t, "reply to an unknown copy", to(replyTo(groupMA, true, "and now?"), ana.ID), "and now?")
	if got := to(replyTo(groupMA, false, "quoting a person"), ana.ID); len(got) != 0 {
		t.Errorf("a reply to a person's message reached the requester: %q", texts(got))
	}
	if got := to(replyTo(groupVS, true, "from unvs"), ana.ID); len(got) != 0 {
		t.Errorf("a reply in another university's group reached the requester: %q", texts(got))
	}
}
