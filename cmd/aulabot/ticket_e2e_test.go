package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_Ticket: a teacher reports a problem with a screenshot through the
// Bot API emulator; it appears in the university's team group with the
// screenshot; of two technicians pressing Claim one wins and the other is
// told; a reply to the post reaches the teacher, whose reply lands threaded
// under the post; another university's technician is refused.
func TestE2E_Ticket(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Lima
	const ana, group = 9201, -2001
	h.teacher(ana, "Ana", "unma")

	h.startReport(ana, "Virtual classroom access")
	before := h.lastBot(ana)
	h.SB.SendPhoto(ana, ana, "screen.png", []byte("\x89PNG fake"), "")
	h.waitText(ana, before, "Got 1 file.")
	before = h.lastBot(ana)
	h.SB.SendText(ana, ana, "I cannot open the virtual classroom")
	h.waitText(ana, before, "<b>UNMA-1</b>")

	post := h.waitText(group, 0, "UNMA-1")
	if !strings.Contains(post.Plain, "I cannot open the virtual classroom") || !strings.Contains(post.Plain, "Ana") {
		t.Errorf("team post = %q", post.Plain)
	}
	h.waitNew(group, post.ID, func(m sandbox.Message) bool { return m.File != nil && m.ReplyTo == post.ID })

	if a := h.press(3001, post, "Tomar"); a.ShowAlert {
		t.Fatalf("first claim refused: %+v", a)
	}
	if a := h.press(3002, post, "Tomar"); !a.ShowAlert || !strings.Contains(a.Text, "UNMA-1") {
		t.Errorf("second claim answer = %+v, want an alert naming the owner", a)
	}
	h.waitNew(group, post.ID-1, func(m sandbox.Message) bool {
		return m.ID == post.ID && m.Edited > 0 && strings.Contains(m.Plain, "Tec 1")
	})
	if a := h.pressData(3101, -2002, post.ID, "tk:v:UNMA-1"); !a.ShowAlert {
		t.Errorf("other university's tech: %+v, want a refusal", a)
	}

	before = h.lastBot(ana)
	h.SB.SendReply(3001, group, post.ID, "Please clear the cache and try again")
	relay := h.waitText(ana, before, "Please clear the cache and try again")
	if len(relay.Inline) == 0 || !strings.Contains(relay.Inline[0][0].Text, "Reply") {
		t.Errorf("relay without a Reply button: %+v", relay.Inline)
	}
	last := h.lastBot(group)
	h.SB.SendReply(ana, ana, relay.ID, "It works now, thank you")
	answer := h.waitText(group, last, "It works now, thank you")
	if answer.ReplyTo != post.ID {
		t.Errorf("answer replies to %d, want the post %d", answer.ReplyTo, post.ID)
	}
	tk, _, _ := h.M.Store.Ticket("UNMA-1")
	if tk.Owner != 3001 || tk.Messages != 2 {
		t.Errorf("ticket owner %d with %d messages, want 3001 with 2", tk.Owner, tk.Messages)
	}
}

// TestE2E_TicketDeleteMyData: a teacher with a ticket (a screenshot, a
// description, a conversation) deletes their data through the emulator;
// once the outbox has run, the team group shows neither their name nor
// their words nor their screenshot, and a backup of the database holds
// none of them. The lowest free pages hold other people until just
// before the deletion (htest.FillLowPages), so that the backup's free
// pages include those the deletion freed.
func TestE2E_TicketDeleteMyData(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC))
	fill := htest.FillLowPages(t, h.M.Store)
	const ana, group = 9202, -2001
	secrets := []string{"Zacarías", "my DNI is 40404040", "my password is Girasol-77"}
	h.teacher(ana, secrets[0], "unma")

	h.startReport(ana, "Virtual classroom access")
	before := h.lastBot(ana)
	h.SB.SendPhoto(ana, ana, "screen.png", []byte("\x89PNG fake"), "")
	h.waitText(ana, before, "Got 1 file.")
	before = h.lastBot(ana)
	h.SB.SendText(ana, ana, "I cannot log in, "+secrets[1])
	h.waitText(ana, before, "<b>UNMA-1</b>")
	post := h.waitText(group, 0, "UNMA-1")
	h.waitNew(group, post.ID, func(m sandbox.Message) bool { return m.File != nil && m.ReplyTo == post.ID })

	before = h.lastBot(ana)
	h.SB.SendReply(3001, group, post.ID, "What did you type?")
	relay := h.waitText(ana, before, "What did you type?")
	last := h.lastBot(group)
	h.SB.SendReply(ana, ana, relay.ID, secrets[2])
	answer := h.waitText(group, last, secrets[2])

	fill()
	confirm := h.say(ana, "/deletemydata")
	before = h.lastBot(ana)
	h.pressData(ana, ana, confirm.ID, "del:yes")
	h.waitText(ana, before, "Your personal data has been deleted")
	h.waitNew(group, answer.ID-1, func(m sandbox.Message) bool {
		return m.ID == answer.ID && strings.Contains(m.Plain, "(datos eliminados)") // the demo team reads Spanish
	})
	for _, m := range h.SB.Messages(group) {
		for _, s := range secrets {
			if strings.Contains(m.Plain, s) {
				t.Errorf("the group still shows %q in %q", s, m.Plain)
			}
		}
		if m.File != nil && m.ReplyTo == post.ID {
			t.Errorf("the screenshot is still in the group: %+v", m)
		}
	}
	// Her last messages (the confirmation, the edits) hold her chat until
	// Telegram took them and that is recorded; then nothing of her is
	// left, free pages included.
	h.drained()
	var b bytes.Buffer
	if _, err := h.M.Store.Backup(&b); err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(h.M.Store.Path()) // a backup writes free pages as zeros; the file's are the scrub's
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(secrets, strconv.Itoa(ana)) {
		if bytes.Contains(b.Bytes(), []byte(s)) {
			t.Errorf("the backup holds %q", s)
		}
		if bytes.Contains(file, []byte(s)) {
			t.Errorf("the database file holds %q", s)
		}
	}
}

// TestE2E_TeamGroupRemovedTheBot: while the bot is out of a team group
// (an admin removed it), a new ticket's post is refused with 403; the
// team and the coordinator hear it in private, once, and find the ticket
// with /queue there; once the bot is back, the next ticket is posted.
func TestE2E_TeamGroupRemovedTheBot(t *testing.T) {
	h := newHarness(t, nil)
	const ana, group, tech, coord = 9202, -2001, 3001, 5001
	h.teacher(ana, "Ana", "unma")
	for _, p := range []int64{tech, coord} {
		h.say(p, "/start")
	}

	h.SB.RemoveBot(group, true)
	h.report(ana, "Virtual classroom access", "I cannot open the virtual classroom", "UNMA-1")
	for _, p := range []int64{tech, coord} {
		if m := h.waitText(p, 0, "⚠️"); !strings.Contains(m.Text, "/queue") {
			t.Errorf("%d was told %q", p, m.Text)
		}
	}
	h.report(ana, "Virtual classroom access", "The classroom still does not open", "UNMA-2")
	// Both posts refused before the count below.
	refused := func() bool {
		r, err := h.M.Store.OutboxReport(h.Now(), 10)
		return err == nil && r.DeadTotal == 2
	}
	if !awaitSB(h.SB, wait, refused) {
		t.Fatal("the two posts were not refused")
	}
	if q := h.say(tech, "/queue"); !strings.Contains(q.Text, "UNMA-1") || !strings.Contains(q.Text, "UNMA-2") {
		t.Errorf("/queue in private while the group refuses: %q", q.Text)
	}
	for _, p := range []int64{tech, coord} {
		n := 0
		for _, m := range h.SB.Messages(p) {
			if m.FromBot && strings.Contains(m.Text, "⚠️") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d was told %d times that the group refuses the bot, want once", p, n)
		}
	}
	for _, m := range h.SB.Messages(group) {
		if m.FromBot {
			t.Errorf("a post reached the group the bot was removed from: %q", m.Plain)
		}
	}

	h.SB.RemoveBot(group, false)
	h.report(ana, "Virtual classroom access", "Now the quiz does not load", "UNMA-3")
	h.waitText(group, 0, "UNMA-3")
}
