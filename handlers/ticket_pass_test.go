package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// A member of the team passes a ticket they hold to a colleague from its
// private view: the colleague holds it, is told privately with the
// ticket's 🔎, the group reads who passed it to whom and the post shows
// the new owner; the requester hears nothing of a ticket already taken.
// A coordinator gives an open one, which is then taken as by a claim.
func TestTicket_PassToColleague(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "cannot log in"), groupMA), "UNMA-1")
	e.Press(tec1, groupMA, int(p.ID), "tk:c:UNMA-1")

	view := e.Press(tec1, 0, 0, "tk:vw:UNMA-1")
	if b := htest.Buttons(view); b["👉 Pass to a colleague"] != "tk:p:UNMA-1" || b["↩️ Unclaim"] != "tk:u:UNMA-1" {
		t.Fatalf("the owner's view: buttons %v, want 👉 Pass to a colleague and ↩️ Unclaim", b)
	}
	if b := htest.Buttons(e.Press(coordMA, 0, 0, "tk:vw:UNMA-1")); b["↩️ Unclaim"] != "tk:u:UNMA-1" {
		t.Errorf("a coordinator's view of a claimed ticket: buttons %v, want ↩️ Unclaim", b)
	}
	// Nobody else of the team has written to the bot yet.
	out := e.Press(tec1, 0, 0, "tk:p:UNMA-1")
	has(t, "nobody to pass it to", out, "Nobody else on the technical team of Universidad Nacional de Montealto has written to me yet")
	if len(htest.Buttons(out)) != 0 {
		t.Errorf("no colleague, yet buttons %v", htest.Buttons(out))
	}

	e.Text(tec2, 0, "/start")
	if b := htest.Buttons(e.Press(tec2, 0, 0, "tk:vw:UNMA-1")); b["👉 Pass to a colleague"] != "" || b["↩️ Unclaim"] != "" || b["✅ Resolve"] == "" {
		t.Errorf("another member's view of a ticket they do not hold: buttons %v, want ✅ Resolve without ↩️ Unclaim or 👉", b)
	}
	pick := e.PressOn(tec1, view[0], "tk:p:UNMA-1")
	has(t, "the pick", pick, "Who should take <b>UNMA-1</b>?")
	if b := htest.Buttons(pick); len(b) != 1 || b["User3002"] != "tk:pt:UNMA-1:3002" {
		t.Fatalf("colleagues = %v, want User3002 alone", b)
	}
	if pick[0].ReplyTo != int(view[0].ID) {
		t.Errorf("the pick replies to %d, want the view %d", pick[0].ReplyTo, view[0].ID)
	}
	out = e.PressOn(tec1, pick[0], "tk:pt:UNMA-1:3002")
	if a := e.LastAnswer(); a.Alert || a.Text != "UNMA-1 is now User3002's." {
		t.Errorf("answer = %+v", a)
	}
	// The pick loses its buttons; the view above it shows the new owner,
	// without 👉 (it kept the old owner until opened again).
	edits := map[int]aulabot.Message{}
	for _, m := range to(out, tec1.ID) {
		edits[m.EditMessageID] = m
	}
	if ed, ok := edits[int(pick[0].ID)]; len(edits) != 2 || !ok || len(ed.Inline) != 0 {
		t.Fatalf("after the press: %q, want the pick's buttons taken off and the view edited", texts(to(out, tec1.ID)))
	}
	if ed := edits[int(view[0].ID)]; !strings.Contains(ed.Text, "Claimed by User3002") || htest.Buttons([]aulabot.Message{ed})["👉 Pass to a colleague"] != "" ||
		htest.Buttons([]aulabot.Message{ed})["↩️ Unclaim"] != "" {
		t.Errorf("the view after the pass: %q %v, want the new owner without 👉 or ↩️ Unclaim", ed.Text, htest.Buttons([]aulabot.Message{ed}))
	}
	if ed := edit(t, to(out, groupMA), "UNMA-1"); !strings.Contains(ed.Text, "Claimed by User3002") {
		t.Errorf("post = %q", ed.Text)
	}
	has(t, "the group", to(out, groupMA), "<b>UNMA-1</b>: User3001 passed it to User3002.")
	told := to(out, tec2.ID)
	has(t, "the colleague", told, "User3001 passed you ticket <b>UNMA-1</b> (", "from User7001: it is yours now.")
	if b := htest.Buttons(told); b["🔎 UNMA-1"] != "tk:vw:UNMA-1" {
		t.Errorf("the colleague's buttons = %v", b)
	}
	if got := to(out, ana.ID); len(got) != 0 {
		t.Errorf("the requester was told %q of a ticket already taken", texts(got))
	}
	tk, _, _ := e.Store.Ticket("UNMA-1")
	last := tk.Audit[len(tk.Audit)-1]
	if tk.Owner != tec2.ID || tk.State != aulabot.TicketClaimed || last.By != tec1.ID || last.Note != aulabot.NotePassed {
		t.Errorf("ticket = owner %d, %s, last audit %+v", tk.Owner, tk.State, last)
	}

	// The list pressed again, or another asked for: it is no longer
	// theirs to pass.
	out = e.PressOn(tec1, pick[0], "tk:pt:UNMA-1:3002")
	alerted(t, e, "passed again", "User3002 already has UNMA-1.")
	if len(out) != 0 {
		t.Errorf("a refused pass sent %q", texts(out))
	}
	out = e.Press(tec1, 0, 0, "tk:p:UNMA-1")
	alerted(t, e, "the list again", "User3002 has UNMA-1; only they (or a coordinator) can pass it on.")
	if len(out) != 0 {
		t.Errorf("a refused list sent %q", texts(out))
	}
	// Forged: someone not of the team, or the presser themselves.
	for _, data := range []string{"tk:pt:UNMA-1:7001", "tk:pt:UNMA-1:3101", "tk:pt:UNMA-1:3002"} {
		who := coordMA
		if data == "tk:pt:UNMA-1:3002" {
			who = tec2
		}
		if out := e.Press(who, 0, 0, data); len(out) != 0 || !e.LastAnswer().Alert {
			t.Errorf("%s by %d: sent %q, answer %+v", data, who.ID, texts(out), e.LastAnswer())
		}
	}
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.Owner != tec2.ID {
		t.Errorf("after the refusals the owner is %d", tk.Owner)
	}

	// A coordinator gives an open ticket: taken, its requester told, its
	// claim reminder dropped.
	post(t, to(report(t, e, ana, "video", "no sound in zoom"), groupMA), "UNMA-2")
	if !job(t, e, "tksla:UNMA-2:ticket.remind") {
		t.Fatal("an open ticket without its claim reminder")
	}
	e.Text(tec1, 0, "/start")
	out = e.Press(coordMA, 0, 0, "tk:pt:UNMA-2:3001")
	has(t, "the requester", to(out, ana.ID), "Someone from the technical team is now working on your ticket <b>UNMA-2</b>")
	has(t, "the group", to(out, groupMA), "<b>UNMA-2</b>: User5001 passed it to User3001.")
	if job(t, e, "tksla:UNMA-2:ticket.remind") {
		t.Error("the claim reminder of a ticket passed is still due")
	}
}

// job reports whether job key is scheduled.
func job(t *testing.T, e *htest.Env, key string) bool {
	t.Helper()
	var ok bool
	err := e.Store.View(func(tx *store.Tx) (err error) { _, ok, err = tx.ScheduledJob(key); return err })
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestTicket_PassTyped: a ticket named with the words of passing it,
// privately ("pásale el UNMA-1 a Tec 2") or in a reply to its post in the
// team group ("pásaselo a Tec 2"), is 👉 Pass to a colleague's press: the
// list of the team's members, never words for the requester. Pressed in
// the group, the list is not taken for a copy of the post. The team's
// "cierra el UNMA-1" resolves it, "toma el UNMA-2" claims it (it got the
// article on the help desk, seen in the sandbox), and a colleague named by
// their name ("pass UNMA-2 to User3002") gets it at once.
func TestTicket_PassTyped(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7501, "es")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "no puedo entrar al aula virtual desde ayer"), groupMA), "UNMA-1")
	e.Text(tec2, 0, "/start")
	state := func(id string) aulabot.Ticket {
		tk, _, _ := e.Store.Ticket(id)
		return tk
	}

	out := e.Text(tec1, 0, "pásale el UNMA-1 a Tec 2")
	if b := htest.Buttons(out); len(b) != 1 || b["User3002"] != "tk:pt:UNMA-1:3002" {
		t.Errorf("\"pásale el UNMA-1 a Tec 2\": %q, buttons %v; want the list", texts(out), b)
	}
	out = e.Reply(tec1, groupMA, int(p.ID), "pásaselo a Tec 2")
	if len(to(out, ana.ID)) != 0 {
		t.Errorf("words to colleagues reached the requester: %q", texts(to(out, ana.ID)))
	}
	list := to(out, groupMA)
	if len(list) != 1 || !strings.Contains(list[0].Text, "Who should take <b>UNMA-1</b>?") || htest.Buttons(list)["User3002"] != "tk:pt:UNMA-1:3002" {
		t.Fatalf("the group's list: %+v", list)
	}
	out = e.PressOn(tec1, list[0], "tk:pt:UNMA-1:3002")
	if state("UNMA-1").Owner != tec2.ID {
		t.Errorf("after the group's press the owner is %d", state("UNMA-1").Owner)
	}
	// The list says whom it went to, without its buttons (it kept its
	// question and nothing under it, seen in the sandbox).
	if ed := find(to(out, groupMA), "Who should take"); ed == nil || !strings.HasSuffix(ed.Text, "\n\n👉 User3002") || len(ed.Inline) != 0 || ed.EditMessageID != int(list[0].ID) {
		t.Errorf("the group's list after its press: %+v", ed)
	}
	var ref string
	if err := e.Store.View(func(tx *store.Tx) error { ref, _ = tx.MessageRef(groupMA, int(list[0].ID)); return nil }); err != nil || ref != "tkpass:UNMA-1" {
		t.Errorf("the list's ref after its press: %q (%v), want it kept apart from the post's", ref, err)
	}
	if ed := edit(t, to(out, groupMA), "UNMA-1"); !strings.Contains(ed.Text, "Claimed by User3002") {
		t.Errorf("the post: %q", ed.Text)
	}
	if e.Text(tec2, 0, "cierra el UNMA-1"); state("UNMA-1").State != aulabot.TicketResolved {
		t.Errorf("\"cierra el UNMA-1\" by the team: %s", state("UNMA-1").State)
	}
	// Passing it now is refused in the catalogue's sentence for its
	// state ("UNMA-4 está resolved", the state's code word, seen in the
	// sandbox).
	if got := texts(e.Text(tec1, 0, "pásale el UNMA-1 a Tec 2")); !strings.Contains(got, "UNMA-1 is already resolved: that can't be done any more.") {
		t.Errorf("passing a resolved ticket: %q, want its state said", got)
	}

	report(t, e, ana, "video", "no se escucha el audio en zoom")
	if out := e.Text(tec1, 0, "toma el UNMA-2"); state("UNMA-2").Owner != tec1.ID || !strings.Contains(texts(out), "You claimed UNMA-2") {
		t.Errorf("\"toma el UNMA-2\": %q, owner %d", texts(out), state("UNMA-2").Owner)
	}
	// The colleague named by their name passes it at once (the list
	// asked whom, the name typed dropped, seen in the sandbox).
	if out := e.Text(tec1, 0, "pass UNMA-2 to User3002"); state("UNMA-2").Owner != tec2.ID {
		t.Errorf("\"pass UNMA-2 to User3002\": %q, owner %d, want it passed", texts(out), state("UNMA-2").Owner)
	}
}
