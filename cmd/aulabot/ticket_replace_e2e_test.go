package main

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_TicketFileReplaced: a teacher replaces the screenshot of her
// report once the ticket is up, as Telegram lets people do; through the
// real outbox and the emulator, the team group's copy of the old
// screenshot goes, a copy of the new one comes under the post, marked as
// edited, and she is told.
func TestE2E_TicketFileReplaced(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC))
	const ana, group = 9203, -2001
	h.teacher(ana, "Ana", "unma")

	h.startReport(ana, "Virtual classroom access")
	before := h.lastBot(ana)
	shot := h.SB.SendPhoto(ana, ana, "wrong.png", []byte("\x89PNG wrong"), "")
	h.waitText(ana, before, "Got 1 file.")
	before = h.lastBot(ana)
	h.SB.SendText(ana, ana, "I cannot open the virtual classroom")
	h.waitText(ana, before, "<b>UNMA-1</b>")
	post := h.waitText(group, 0, "UNMA-1")
	old := h.waitNew(group, post.ID, func(m sandbox.Message) bool { return m.File != nil && m.ReplyTo == post.ID })
	if old.File.Name != "wrong.png" {
		t.Fatalf("the team got %+v", old.File)
	}

	before = h.lastBot(ana)
	if _, ok := h.SB.ReplaceFile(ana, ana, shot.ID, "right.png", []byte("\x89PNG right"), true); !ok {
		t.Fatal("the emulator did not replace the screenshot")
	}
	h.waitText(ana, before, "the technical team sees your corrected message (UNMA-1)")
	again := h.waitNew(group, old.ID, func(m sandbox.Message) bool { return m.File != nil && m.ReplyTo == post.ID })
	if again.File.Name != "right.png" || !strings.Contains(again.Plain, "editado") { // the demo team reads Spanish
		t.Errorf("the team's new copy: %q with %+v", again.Plain, again.File)
	}
	for _, m := range h.SB.Messages(group) { // the old copy went first, in the ticket's lane
		if m.ID == old.ID {
			t.Errorf("the old screenshot's copy is still in the group")
		}
	}
	if tk, _, _ := h.M.Store.Ticket("UNMA-1"); len(tk.Files) != 1 || tk.Files[0].File.UniqueID == "" || tk.Files[0].File.UniqueID == old.File.UniqueID {
		t.Errorf("the ticket keeps %+v", tk.Files)
	}
}
