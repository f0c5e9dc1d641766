package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
)

func TestTicket_Claim(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")
	msg := int(p.ID)

	out := e.Press(stranger, groupMA, msg, "tk:c:UNMA-1")
	alerted(t, e, "stranger", "Only the technical team of Universidad Nacional de Montealto")
	if len(out) != 0 {
		t.Errorf("stranger's press sent %q", texts(out))
	}
	out = e.Press(tec1, groupMA, msg, "tk:c:UNMA-1")
	if a := e.LastAnswer(); a.Alert || !strings.Contains(a.Text, "You claimed UNMA-1") {
		t.Errorf("claim answer = %+v", a)
	}
	ed := edit(t, to(out, groupMA), "UNMA-1")
	if !strings.Contains(ed.Text, "Claimed by User3001") {
		t.Errorf("edited post = %q", ed.Text)
	}
	if b := htest.Buttons([]aulabot.Message{ed}); b["↩️ Unclaim"] != "tk:u:UNMA-1" || b["✅ Resolve"] != "tk:v:UNMA-1" {
		t.Errorf("buttons after claim = %v", b)
	}
	has(t, "requester told", to(out, ana.ID), "Someone from the technical team is now working on your ticket")

	out = e.Press(tec2, groupMA, msg, "tk:c:UNMA-1")
	alerted(t, e, "second claimant", "UNMA-1 is already claimed by User3001")
	if len(out) != 0 {
		t.Errorf("second claim sent %q", texts(out))
	}
	out = e.Press(tec2, groupMA, msg, "tk:u:UNMA-1")
	alerted(t, e, "unclaim by other", "only they (or a coordinator)")
	if len(out) != 0 {
		t.Errorf("unclaim by another member sent %q", texts(out))
	}

	// Forged data: other university's tech, nonexistent ids, garbage.
	for _, f := range []struct {
		who  aulabot.Person
		chat int64
		data string
		want string
	}{
		{tecVS, groupVS, "tk:c:UNMA-1", "can't find ticket UNMA-1"},
		{tecVS, 0, "tk:v:UNMA-1", "can't find ticket UNMA-1"},
		{tec1, groupMA, "tk:c:UNMA-99", "can't find ticket UNMA-99"},
		{tec1, groupMA, "tk:c:garbage", "can't find ticket garbage"},
		{tec1, groupMA, "tk:zz:UNMA-1", "no longer valid"},
		{tec1, groupMA, "tk:c:UNMA-1:1:2", "no longer valid"},
		{tec1, groupMA, "tk", "no longer valid"},
		{ana, 0, "tk:c:UNMA-1", "can't find ticket UNMA-1"},
		{tec1, 0, "tk:s:UNMA-1:5", "can't find ticket UNMA-1"},
		{ana, 0, "tk:s:UNMA-1:05", "no longer valid"},
		{ana, 0, "tk:cat:lms", "no longer valid"},
	} {
		out := e.Press(f.who, f.chat, msg, f.data)
		alerted(t, e, f.data, f.want)
		if len(out) != 0 {
			t.Errorf("%s by %d: sent %q", f.data, f.who.ID, texts(out))
		}
	}
	tk, _, _ := e.Store.Ticket("UNMA-1")
	if tk.State != aulabot.TicketClaimed || tk.Owner != tec1.ID || len(tk.Audit) != 2 {
		t.Errorf("after refusals ticket = %s owner %d, %d audit entries", tk.State, tk.Owner, len(tk.Audit))
	}
	// The owner unclaims: back in the queue with Claim.
	out = e.Press(tec1, groupMA, msg, "tk:u:UNMA-1")
	if b := htest.Buttons([]aulabot.Message{edit(t, out, "UNMA-1")}); b["🙋 Claim"] != "tk:c:UNMA-1" {
		t.Errorf("after unclaim buttons = %v", b)
	}
	// A coordinator may act too.
	e.Press(coordMA, groupMA, msg, "tk:c:UNMA-1")
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.Owner != coordMA.ID {
		t.Errorf("owner = %d, want the coordinator", tk.Owner)
	}
}

func TestTicket_Conversation(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")

	// A team member replies to the ticket's post in the group.
	out := e.Reply(tec1, groupMA, int(p.ID), "Please try again <now>")
	got := to(out, ana.ID)
	has(t, "relay", got, "UNMA-1", "Technical team of Universidad Nacional de Montealto", "Please try again &lt;now&gt;")
	if strings.Contains(texts(got), "User3001") {
		t.Errorf("unma does not sign with names: %q", texts(got))
	}
	if len(got) != 1 || htest.Buttons(got)["💬 Reply"] != "tk:r:UNMA-1" {
		t.Fatalf("relay = %+v", got)
	}
	has(t, "ack", to(out, groupMA), "UNMA-1 · sent to the requester")

	// The requester replies to the relayed message: threaded under the ticket.
	out = e.Reply(ana, ana.ID, int(got[0].ID), "still broken")
	team := to(out, groupMA)
	if len(team) != 1 || team[0].ReplyToRef != "ticket:UNMA-1" || !strings.Contains(team[0].Text, "still broken") {
		t.Fatalf("answer in group = %+v", team)
	}
	has(t, "ack", to(out, ana.ID), "Sent to the technical team")

	// A reply to that answer reaches the requester again; with a screenshot.
	out = e.Handle(aulabot.Update{ChatID: groupMA, From: tec2, MessageID: 777, Text: "see this",
		ReplyTo: &aulabot.Replied{MessageID: int(team[0].ID), FromBot: true},
		File:    &aulabot.File{ID: "p9", Kind: "photo", Size: 100}})
	got = to(out, ana.ID)
	if len(got) != 2 || got[1].Copy == nil || got[1].Copy.ChatID != groupMA || got[1].Copy.MessageID != 777 {
		t.Fatalf("text and photo to requester = %+v", got)
	}

	// The Reply button: a one-message flow.
	has(t, "reply button", e.Press(ana, 0, int(got[0].ID), "tk:r:UNMA-1"), "Write your message")
	out = e.Text(ana, 0, "it works now, thanks")
	has(t, "flow", to(out, groupMA), "it works now, thanks")
	// Plain text afterwards is a question again, not a relay.
	if out := e.Text(ana, 0, "how do I grade?"); len(to(out, groupMA)) != 0 {
		t.Errorf("plain text was relayed: %q", texts(out))
	}

	// /reply, privately; another university's ticket is "not found".
	has(t, "/reply", to(e.Text(tec2, 0, "/reply unma-1 one more thing"), ana.ID), "one more thing")
	has(t, "/reply other uni", e.Text(tecVS, 0, "/reply UNMA-1 hello"), "can't find ticket UNMA-1")
	has(t, "/reply usage", e.Text(tec1, groupMA, "/reply UNMA-1"), "Usage: /reply ID TEXT")
	has(t, "/reply by requester", e.Text(ana, 0, "/reply UNMA-1 hi"), "Only the university's technical team")

	tk, _, _ := e.Store.Ticket("UNMA-1")
	if ms, _ := e.Store.TicketMessages("UNMA-1"); tk.Messages != 5 || len(ms) != 5 {
		t.Errorf("%d messages kept (count %d), want 5: %+v", len(ms), tk.Messages, ms)
	}

	// unvs signs with the member's name.
	luis := htest.Person(7002, "en")
	e.Onboard(luis, "unvs", "student")
	report(t, e, luis, "upload", "upload fails")
	has(t, "signed", to(e.Text(tecVS, groupVS, "/reply UNVS-1 fixed"), luis.ID), "Technical team of Universidad Nacional del Valle Sur (User3101)")
}

func TestTicket_ResolveRateReopen(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")
	e.Press(tec1, groupMA, int(p.ID), "tk:c:UNMA-1")
	out := e.Press(tec1, groupMA, int(p.ID), "tk:v:UNMA-1")
	if !strings.Contains(edit(t, out, "UNMA-1").Text, "Resolved by User3001") {
		t.Errorf("edit = %q", edit(t, out, "UNMA-1").Text)
	}
	asked := to(out, ana.ID)
	has(t, "asked", asked, "marked your ticket <b>UNMA-1</b> as resolved", "Rate")
	b := htest.Buttons(asked)
	if b["⭐ 4"] != "tk:s:UNMA-1:4" || b["🔁 Not solved: reopen"] != "tk:o:UNMA-1" {
		t.Fatalf("rating buttons = %v", b)
	}
	out = e.Press(ana, 0, 0, "tk:s:UNMA-1:4")
	has(t, "rated", to(out, ana.ID), "closed with 4/5", "Skip")
	has(t, "team", to(out, groupMA), "Rating: 4/5", "confirmed and closed with 4/5")
	has(t, "why", to(e.Text(ana, 0, "quick and kind"), groupMA), "quick and kind")
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.Rating != 4 || tk.RatingNote != "quick and kind" || tk.State != aulabot.TicketClosed {
		t.Errorf("ticket = %+v", tk)
	}
	// Closed: the team can't write to it, nor the requester.
	has(t, "reply closed", e.Reply(tec1, groupMA, int(p.ID), "hello?"), "UNMA-1 is closed")
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	alerted(t, e, "reply button on closed", "UNMA-1 is closed")

	// Reopen from /mytickets within 7 days.
	if b := htest.Buttons(e.Text(ana, 0, "/mytickets")); b["🔁 Reopen UNMA-1"] != "tk:o:UNMA-1" {
		t.Fatalf("mytickets buttons = %v", b)
	}
	out = e.Press(ana, 0, 0, "tk:o:UNMA-1")
	has(t, "reopened", to(out, groupMA), "reopened by the requester")
	if b := htest.Buttons([]aulabot.Message{edit(t, out, "UNMA-1")}); b["🙋 Claim"] != "tk:c:UNMA-1" {
		t.Errorf("after reopen buttons = %v", b)
	}
	// Self-close.
	has(t, "close asks", to(e.Press(ana, 0, 0, "tk:x:UNMA-1"), ana.ID), "Close <b>UNMA-1</b>?")
	has(t, "self close", to(e.Press(ana, 0, 0, "tk:xy:UNMA-1"), groupMA), "closed by the requester")
	// Too late to reopen after 7 days.
	e.Advance(8 * 24 * 3600e9)
	e.Press(ana, 0, 0, "tk:o:UNMA-1")
	alerted(t, e, "late reopen", "more than 7 days")

	tk, _, _ := e.Store.Ticket("UNMA-1")
	var trail []string
	for _, a := range tk.Audit {
		trail = append(trail, string(a.To))
	}
	if got := strings.Join(trail, ","); got != "open,claimed,resolved,closed,open,closed" {
		t.Errorf("audit = %s", got)
	}
}

func TestTicket_DeleteMyData(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "cannot log in")
	e.Text(ana, 0, "/deletemydata")
	e.Press(ana, 0, 0, "del:yes")
	tk, _, _ := e.Store.Ticket("UNMA-1")
	if tk.Requester != 0 || tk.RequesterName != "" {
		t.Errorf("ticket keeps the requester: %+v", tk)
	}
	has(t, "reply", e.Text(tec1, groupMA, "/reply UNMA-1 hi"), "deleted their data")
	has(t, "queue still counts it", e.Text(tec1, groupMA, "/queue"), "UNMA-1")
}

// A member of the team who deletes their data is taken out of the tickets
// they worked: the one they held is open again for the rest of the team
// (its post with Claim, no name; the claim reminder set again), the one
// they resolved reads "(data deleted)" as its resolver, and the
// requester's view of the conversation signs their answer with the team's
// name alone (unvs signs with the member's).
func TestTicket_StaffDeleteMyData(t *testing.T) {
	e := newEnv(t)
	luis := htest.Person(7002, "en")
	e.Onboard(luis, "unvs", "student")
	for _, id := range []string{"UNVS-1", "UNVS-2"} {
		p := post(t, to(report(t, e, luis, "upload", "upload fails"), groupVS), id)
		e.Press(tecVS, groupVS, int(p.ID), "tk:c:"+id)
	}
	has(t, "signed", to(e.Text(tecVS, groupVS, "/reply UNVS-1 Which browser?"), luis.ID), "(User3101)")
	shot := e.Handle(aulabot.Update{ChatID: groupVS, From: tecVS, MessageID: 777, Text: "like this",
		ReplyTo: &aulabot.Replied{MessageID: int(post(t, e.Sent(groupVS), "UNVS-1").ID), FromBot: true},
		File:    &aulabot.File{ID: "p9", Kind: "photo", Size: 100}})
	has(t, "signed file", to(shot, luis.ID), "(User3101)")
	e.Press(tecVS, 0, 0, "tk:vw:UNVS-1")
	e.Press(tecVS, 0, 0, "tk:ar:UNVS-1")
	has(t, "signed article", to(e.Press(tecVS, 0, 0, "tk:as:0"), luis.ID), "(User3101)")
	e.Text(tecVS, groupVS, "/resolve UNVS-2")

	if ask := texts(e.Text(tecVS, 0, "/deletemydata")); !strings.Contains(ask, "You hold 1 ticket: it goes back to the rest of the team, unclaimed") {
		t.Errorf("the question before the deletion: %q", ask)
	}
	out := e.Press(tecVS, 0, 0, "del:yes")
	// Their answers in the requester's chat: the words and the photo's
	// caption, each signed with the team's name alone.
	var resigned []string
	for _, m := range to(out, luis.ID) {
		if strings.HasPrefix(m.EditRef, "relay:UNVS-1:") {
			resigned = append(resigned, m.EditRef)
			if strings.Contains(m.Text, "User3101") || !strings.Contains(m.Text, "Technical team of Universidad Nacional del Valle Sur") ||
				m.EditCaption != strings.HasSuffix(m.EditRef, ":f0") || strings.HasSuffix(m.EditRef, ":3") != strings.Contains(m.Text, "Here is an article") {
				t.Errorf("the answer %s edited to %q (as a caption: %v)", m.EditRef, m.Text, m.EditCaption)
			}
		}
	}
	if strings.Join(resigned, " ") != "relay:UNVS-1:1 relay:UNVS-1:2 relay:UNVS-1:2:f0 relay:UNVS-1:3" {
		t.Errorf("answers edited in the requester's chat: %v, want the words, the words and the photo, the article's line", resigned)
	}
	held, resolved := edit(t, out, "UNVS-1"), edit(t, out, "UNVS-2")
	if strings.Contains(held.Text, "User3101") || !strings.Contains(held.Text, "Open: nobody has claimed it") || htest.Buttons([]aulabot.Message{held})["🙋 Claim"] != "tk:c:UNVS-1" {
		t.Errorf("the post of the ticket they held: %q %+v", held.Text, held.Inline)
	}
	if !strings.Contains(resolved.Text, "Resolved by (data deleted)") {
		t.Errorf("the post of the ticket they resolved: %q", resolved.Text)
	}
	// The posts' edits give way to the group's other messages, but for
	// that of the ticket open again, which the team must see.
	if !resolved.Yield || held.Yield {
		t.Errorf("the posts' edits yield: resolved %v, held (open again) %v; want true, false", resolved.Yield, held.Yield)
	}
	if tk, _, _ := e.Store.Ticket("UNVS-1"); tk.State != aulabot.TicketOpen || tk.Owner != 0 {
		t.Errorf("the ticket they held: %+v", tk)
	}
	var remind bool
	e.Store.View(func(tx *storeTx) error {
		_, remind, _ = tx.ScheduledJob("tksla:UNVS-1:ticket.remind")
		return nil
	})
	if !remind {
		t.Error("the ticket open again has no claim reminder")
	}
	queue := texts(e.Text(htest.Person(5101, "en"), 0, "/queue"))
	if !strings.Contains(queue, "UNVS-1") || !strings.Contains(queue, "unclaimed · 💬 (data deleted) answered") || strings.Contains(queue, "User3101") {
		t.Errorf("the coordinator's /queue: %q", queue)
	}
	if ask := texts(e.Text(luis, 0, "/deletemydata")); strings.Contains(ask, "You hold") {
		t.Errorf("a requester asked as if they held tickets: %q", ask)
	}
	e.Text(luis, 0, "/cancel")
	view := texts(e.Press(luis, 0, 0, "tk:vm:UNVS-1"))
	if !strings.Contains(view, "Which browser?") || !strings.Contains(view, "Technical team of Universidad Nacional del Valle Sur</b>") || strings.Contains(view, "User3101") {
		t.Errorf("the requester's view: %q", view)
	}
}

// A reply that beats the stored ref is recognised by the ticket id the
// relayed text starts with, and only for the requester's own ticket.
func TestTicket_ReplyBeforeRef(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "cannot log in")
	reply := func(p aulabot.Person, text string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: p.ID, From: p, Text: "thanks",
			ReplyTo: &aulabot.Replied{MessageID: 99999, FromBot: true, Text: text}})
	}
	has(t, "own", to(reply(ana, "💬 UNMA-1 · Technical team of X:\n\nhi"), groupMA), "thanks")
	bob := htest.Person(7003, "en")
	e.Onboard(bob, "unma", "student")
	out := reply(bob, "💬 UNMA-1 · Technical team of X:\n\nhi")
	has(t, "not own", out, "can't find ticket UNMA-1")
	if len(to(out, groupMA)) != 0 {
		t.Errorf("someone else's reply reached the team: %q", texts(out))
	}
}

// TestTicket_StaffDeleteMyDataInParts: a technician who worked more
// tickets than one part (service.StaffErasePart) is taken out of them a
// part at a time: the press takes the first part, the ticket they held
// among it, open again at once, and leaves the rest to a job, which the
// timers run a part per transaction until no ticket names them. Each
// post is edited once; those of the tickets resolved give way to the
// group's other messages. All in one transaction, a technician who
// resolved 3,000 tickets held every chat for a quarter of a second.
func TestTicket_StaffDeleteMyDataInParts(t *testing.T) {
	e := newEnv(t)
	const n = 2*service.StaffErasePart + 30
	staffWorked(t, e, tec1.ID, n, 1) // the last one they hold
	naming := func() (left int) {
		for k := 1; k <= n; k++ {
			if tk, _, _ := e.Store.Ticket(fmt.Sprintf("UNMA-%d", k)); tk.Owner == tec1.ID || tk.OwnerName != "" {
				left++
			}
		}
		return left
	}
	edits := map[string]int{}
	held := fmt.Sprintf("ticket:UNMA-%d", n)
	count := func(out []aulabot.Message) (posts int) {
		for _, m := range out {
			if m.ChatID == groupMA && strings.HasPrefix(m.EditRef, "ticket:") {
				edits[m.EditRef]++
				posts++
				if m.Yield == (m.EditRef == held) {
					t.Errorf("%s: yields %v", m.EditRef, m.Yield)
				}
			}
		}
		return posts
	}
	e.Text(tec1, 0, "/deletemydata")
	if first := count(e.Press(tec1, 0, 0, "del:yes")); first != service.StaffErasePart {
		t.Errorf("the press edited %d posts, want a part, %d", first, service.StaffErasePart)
	}
	if tk, _, _ := e.Store.Ticket(fmt.Sprintf("UNMA-%d", n)); tk.State != aulabot.TicketOpen || tk.Owner != 0 {
		t.Errorf("the ticket they held, after the press: %+v, want it open again", tk)
	}
	if left := naming(); left != n-service.StaffErasePart {
		t.Errorf("after the press %d tickets name them, want the %d of the next parts", left, n-service.StaffErasePart)
	}
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	count(e.Deliver())
	if left := naming(); left != 0 {
		t.Errorf("after the timers' parts %d tickets still name them", left)
	}
	if len(edits) != n {
		t.Errorf("%d posts edited, want %d", len(edits), n)
	}
	for ref, k := range edits {
		if k != 1 {
			t.Errorf("%s edited %d times", ref, k)
		}
	}
	var pending bool
	e.Store.View(func(tx *storeTx) error { _, pending, _ = tx.ScheduledJob(aulabot.StaffEraseKey(tec1.ID)); return nil })
	if pending {
		t.Error("the erasure's job is still scheduled")
	}
	if _, ok, _ := e.Store.User(tec1.ID); ok {
		t.Error("their record is still stored")
	}
}
