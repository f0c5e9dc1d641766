package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_TeamAnswerTyped: the team's answer, delivered by the outbox
// to the requester, offers its buttons' words: "that solved it" typed is
// ✅ That solved it's press, not words held for the team, which waits on
// the requester's answer.
func TestE2E_TeamAnswerTyped(t *testing.T) {
	h := newHarness(t, nil)
	start := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	h.SetNow(start)
	const ana, group = 9202, -2001
	h.teacher(ana, "Ana", "unma")
	h.report(ana, "Virtual classroom access", "I cannot open the virtual classroom", "UNMA-1")
	post := h.waitText(group, 0, "UNMA-1")
	h.SetNow(start.Add(time.Hour)) // the report's last step no longer waits
	before := h.lastBot(ana)
	h.SB.SendReply(3001, group, post.ID, "Could you try again now?")
	h.waitText(ana, before, "Could you try again now?")
	h.drained() // as a person reads before typing
	before = h.lastBot(ana)
	h.SB.SendText(ana, ana, "that solved it")
	if m := h.waitNew(ana, before, nil); !strings.Contains(m.Text, "Glad it's solved") {
		t.Errorf("\"that solved it\" typed under the team's answer: %q", m.Text)
	}
}

// TestE2E_TicketLife follows a ticket to its end through the Bot API
// emulator, where TestE2E_Ticket stops: reported, posted to the team group,
// claimed, answered by a reply in the group, resolved with the post's
// button, rated by the requester with a reason; the post shows each state
// and ends without buttons.
func TestE2E_TicketLife(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Lima
	const ana, group = 9201, -2001
	h.teacher(ana, "Ana", "unma")

	h.report(ana, "Virtual classroom access", "I cannot open the virtual classroom", "UNMA-1")
	post := h.waitText(group, 0, "UNMA-1")

	// postIs waits until the post has been edited to show want.
	postIs := func(want string) sandbox.Message {
		t.Helper()
		return h.waitNew(group, post.ID-1, func(m sandbox.Message) bool {
			return m.ID == post.ID && strings.Contains(m.Plain, want)
		})
	}
	before := h.lastBot(ana)
	if a := h.press(3001, post, "Tomar"); a.ShowAlert {
		t.Fatalf("claim refused: %+v", a)
	}
	post = postIs("Lo tomó Tec 1 unma")
	h.waitText(ana, before, "now working on your ticket")

	before = h.lastBot(ana)
	h.SB.SendReply(3001, group, post.ID, "Your account was locked; it is unlocked now.")
	h.waitText(ana, before, "it is unlocked now")

	before = h.lastBot(ana)
	if a := h.press(3001, post, "Resolver"); a.ShowAlert {
		t.Fatalf("resolve refused: %+v", a)
	}
	post = postIs("Resuelto por Tec 1 unma")
	if len(post.Inline) != 0 {
		t.Errorf("resolved post still has buttons: %+v", post.Inline)
	}
	ask := h.waitText(ana, before, "marked your ticket <b>UNMA-1</b> as resolved")

	h.press(ana, ask, "⭐ 4")
	if m := h.waitEdited(ana, ask); !strings.Contains(m.Text, "closed with 4/5") || strings.Contains(fmt.Sprint(m.Inline), "⭐") {
		t.Errorf("rating request after ⭐ 4: %q %v, want the result in place, the stars gone", m.Text, m.Inline)
	}
	postIs("Calificación: 4/5")
	before = h.lastBot(ana)
	h.SB.SendText(ana, ana, "Quick and clear, thanks")
	h.waitNew(ana, before, nil)

	tk, _, err := h.M.Store.Ticket("UNMA-1")
	if err != nil {
		t.Fatal(err)
	}
	if tk.State != aulabot.TicketClosed || tk.Rating != 4 || tk.RatingNote != "Quick and clear, thanks" || tk.Owner != 3001 {
		t.Errorf("ticket = state %s, rating %d %q, owner %d; want closed, 4 with the note, 3001", tk.State, tk.Rating, tk.RatingNote, tk.Owner)
	}
	var path []aulabot.TicketState
	for _, a := range tk.Audit {
		path = append(path, a.To)
	}
	want := []aulabot.TicketState{aulabot.TicketOpen, aulabot.TicketClaimed, aulabot.TicketResolved, aulabot.TicketClosed}
	if len(path) != len(want) {
		t.Fatalf("audit = %v, want %v", path, want)
	}
	for i := range want {
		if path[i] != want[i] {
			t.Errorf("audit = %v, want %v", path, want)
		}
	}
}
