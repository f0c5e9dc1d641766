package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/store"
)

// tick moves the clock, runs due jobs and returns what they sent.
func tick(t *testing.T, e *htest.Env, d time.Duration) []aulabot.Message {
	t.Helper()
	e.Advance(d)
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e.Deliver()
}

// htest.Start is Tuesday 10:00 in Lima; business hours are 08:00-18:00,
// Monday to Friday.
func TestTicket_ServiceLevels(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "cannot log in") // UNMA-1, stays open
	report(t, e, ana, "video", "no sound")    // UNMA-2, claimed at once
	e.Press(tec1, groupMA, 0, "tk:c:UNMA-2")

	if out := tick(t, e, 29*time.Minute); len(out) != 0 {
		t.Fatalf("before 30 min: %q", texts(out))
	}
	out := tick(t, e, 2*time.Minute)
	rem := to(out, groupMA)
	if len(rem) != 1 || rem[0].ReplyToRef != "ticket:UNMA-1" || !strings.Contains(rem[0].Text, "UNMA-1") || !strings.Contains(rem[0].Text, "30 min") ||
		strings.Contains(rem[0].Text, "answered") {
		t.Fatalf("reminder = %q", texts(out))
	}
	if htest.Buttons(rem)["🙋 Claim"] != "tk:c:UNMA-1" {
		t.Errorf("reminder buttons = %v", htest.Buttons(rem))
	}
	if out := tick(t, e, time.Minute); len(out) != 0 {
		t.Fatalf("reminded twice: %q", texts(out))
	}
	// Replying to the reminder writes to the requester.
	has(t, "reply to reminder", to(e.Reply(tec2, groupMA, int(rem[0].ID), "looking now"), ana.ID), "looking now")
	out = tick(t, e, 90*time.Minute)
	// Still unclaimed: escalated, saying who answered (it read "still
	// unattended" while a member was on it).
	if esc := to(out, coordMA.ID); len(esc) != 1 || !strings.Contains(esc[0].Text, "UNMA-1") || !strings.Contains(esc[0].Text, "2 h") ||
		!strings.Contains(esc[0].Text, "is still unclaimed after 2 h of business time, though "+tec2.Name()+" answered the requester") {
		t.Fatalf("escalation = %q", texts(out))
	}
	if len(out) != 1 {
		t.Errorf("escalation also sent %q", texts(out))
	}
	// Its button shows the coordinator the ticket and its messages.
	if b := htest.Buttons(out); b["🔎 See UNMA-1"] != "tk:vw:UNMA-1" {
		t.Errorf("escalation buttons = %v", b)
	} else if v := texts(e.Press(coordMA, 0, 0, "tk:vw:UNMA-1")); !strings.Contains(v, "cannot log in") || !strings.Contains(v, "looking now") {
		t.Errorf("the coordinator's view of the escalated ticket: %q", v)
	}

	// Reported at 17:50 on Friday: reminded at 08:20 on Monday.
	friday := time.Date(2026, 3, 13, 17, 50, 0, 0, e.Config.Loc("unma"))
	e.Advance(friday.Sub(e.Now()))
	if got := e.Now().In(e.Config.Loc("unma")); got.Weekday() != time.Friday || got.Hour() != 17 || got.Minute() != 50 {
		t.Fatalf("clock at %v", got)
	}
	report(t, e, ana, "other", "late problem") // UNMA-3
	if out := tick(t, e, 2*24*time.Hour+14*time.Hour+29*time.Minute); len(out) != 0 {
		t.Fatalf("reminded over the weekend: %q", texts(out))
	}
	if out := tick(t, e, time.Minute); !strings.Contains(texts(out), "UNMA-3") {
		t.Fatalf("Monday 08:20: %q", texts(out))
	}
}

// TestTicket_ReminderSaysWhoAnswered: an unclaimed ticket a member
// answered is reminded saying so, with a word to claim it; once the
// requester writes back, the team is no longer waited on: the
// escalation is the plain one.
func TestTicket_ReminderSaysWhoAnswered(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7002, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "cannot log in")
	e.Text(tec2, groupMA, "/reply UNMA-1 Which browser do you use?")
	rem := to(tick(t, e, 31*time.Minute), groupMA)
	if len(rem) != 1 || !strings.Contains(rem[0].Text, "has waited 30 min of business time without being claimed, though "+tec2.Name()+" answered the requester. If you are on it, claim it with 🙋") ||
		htest.Buttons(rem)["🙋 Claim"] != "tk:c:UNMA-1" {
		t.Fatalf("reminder = %q %v", texts(rem), htest.Buttons(rem))
	}
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	e.Text(ana, 0, "Firefox")
	if esc := to(tick(t, e, 90*time.Minute), coordMA.ID); len(esc) != 1 || !strings.Contains(esc[0].Text, "is still unclaimed after 2 h") || strings.Contains(esc[0].Text, "answered") {
		t.Fatalf("escalation = %q", texts(esc))
	}
}

// TestTicket_AnswerAwaited: a claimed ticket whose requester wrote last
// and got no answer for 4 h of business time is brought up in the team
// group, once, naming its owner; the wait runs from the requester's first
// unanswered message, a member's answer ends it, and a resolve drops it.
func TestTicket_AnswerAwaited(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7003, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "upload", "my file does not upload")
	e.Press(tec1, groupMA, 0, "tk:c:UNMA-1")
	e.Text(tec1, groupMA, "/reply UNMA-1 Try a smaller PDF")
	waiting := func(out []aulabot.Message) []aulabot.Message {
		return toWith(out, groupMA, "for an answer to their last message")
	}
	if got := waiting(tick(t, e, time.Hour)); len(got) != 0 { // 11:00 in Lima
		t.Fatalf("the team wrote last, yet: %q", texts(got))
	}
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	e.Text(ana, 0, "Now it says timeout")
	if got := waiting(tick(t, e, time.Hour)); len(got) != 0 {
		t.Fatalf("after an hour: %q", texts(got))
	}
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	e.Text(ana, 0, "Still timeout") // does not move the wait
	got := waiting(tick(t, e, 3*time.Hour+time.Minute))
	if len(got) != 1 || !strings.Contains(got[0].Text, "UNMA-1</b> ("+tec1.Name()+"): "+ana.Name()+" has waited 4 h of business time") ||
		got[0].ReplyToRef != "ticket:UNMA-1" || htest.Buttons(got)["✅ Resolve"] != "tk:v:UNMA-1" {
		t.Fatalf("the wait's message = %q %v", texts(got), htest.Buttons(got))
	}
	if again := waiting(tick(t, e, 24*time.Hour)); len(again) != 0 {
		t.Errorf("brought up twice: %q", texts(again))
	}
	// Replying to it answers the requester and ends the wait.
	has(t, "reply to the wait's message", to(e.Reply(tec2, groupMA, int(got[0].ID), "Raised the limit, try again"), ana.ID), "Raised the limit")
	// A wait answered, then a new one: it runs from the new message (the
	// answered one's would have come at 09:01 the next day).
	e.Press(ana, 0, 0, "tk:r:UNMA-1") // 15:01 in Lima
	e.Text(ana, 0, "It worked, but the second file?")
	tick(t, e, 3*time.Hour)
	e.Text(tec1, groupMA, "/reply UNMA-1 Send it too")
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	e.Text(ana, 0, "Which one?")
	if got := waiting(tick(t, e, 16*time.Hour)); len(got) != 0 { // 10:01
		t.Errorf("brought up from before the answer: %q", texts(got))
	}
	if got := waiting(tick(t, e, 3*time.Hour)); len(got) != 1 { // 13:01: 4 h from 18:01
		t.Errorf("the new wait: %q", texts(got))
	}
	e.Text(tec1, groupMA, "/reply UNMA-1 The PDF")
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	e.Text(ana, 0, "Here it is")
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	if got := waiting(tick(t, e, 48*time.Hour)); len(got) != 0 {
		t.Errorf("brought up after the resolve: %q", texts(got))
	}
	// Someone who deleted their data waits for nothing.
	bea := htest.Person(7004, "en")
	e.Onboard(bea, "unma", "teacher")
	report(t, e, bea, "video", "no sound")
	e.Press(tec1, groupMA, 0, "tk:c:UNMA-2")
	e.Press(bea, 0, 0, "tk:r:UNMA-2")
	e.Text(bea, 0, "Any news?")
	e.Press(bea, 0, 0, "del:yes")
	if got := waiting(tick(t, e, 48*time.Hour)); len(got) != 0 {
		t.Errorf("brought up for a requester who deleted their data: %q", texts(got))
	}
}

func TestTicket_AutoClose(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "cannot log in")
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	if out := tick(t, e, 71*time.Hour); len(out) != 0 {
		t.Fatalf("before 3 days: %q", texts(out))
	}
	out := tick(t, e, 2*time.Hour)
	has(t, "requester", to(out, ana.ID), "closed after 3 days")
	has(t, "team", to(out, groupMA), "closed automatically", "Closed.")
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketClosed || tk.Audit[len(tk.Audit)-1].By != 0 {
		t.Errorf("ticket = %s, audit %+v", tk.State, tk.Audit)
	}
	// A rating before the deadline cancels the automatic close.
	report(t, e, ana, "lms", "again")
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-2")
	e.Press(ana, 0, 0, "tk:s:UNMA-2:5")
	if out := tick(t, e, 4*24*time.Hour); len(out) != 0 {
		t.Errorf("closed a rated ticket again: %q", texts(out))
	}
}

// Ticks running at the same time still run each job once: the twenty
// reminders, due together, go in one message (TestTicket_ManyRemindedTogether)
// and no tick sends one of them again.
func TestTick_Concurrent(t *testing.T) {
	e := newEnv(t)
	for i := range 20 { // one each: a person may have 5 open tickets
		// (not LMS access: 5 of those within 15 minutes are an outage, not tickets)
		report(t, e, onboardDirect(t, e, int64(7001+i), "unma"), "other", "cannot log in")
	}
	e.Advance(31 * time.Minute)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := e.H.Tick(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if out := to(e.Deliver(), groupMA); len(out) != 1 || !strings.Contains(out[0].Text, "20 tickets have waited") {
		t.Errorf("%d reminders, want one of 20 tickets: %q", len(out), texts(out))
	}
}

// TestTicket_WeekendTicketsRemindedTogether: tickets reported over the
// weekend all fall due at the same minute on Monday morning; their
// university's team group gets one reminder listing them, with a 🔎 each,
// and each coordinator one escalation, not a message per ticket (a crowd
// of twelve sent twelve of each, seen in the sandbox). A ticket claimed
// meanwhile is left out, one answered says who answered, another
// university's ticket keeps its own reminder under its post, and every
// escalated ticket is counted.
func TestTicket_WeekendTicketsRemindedTogether(t *testing.T) {
	e := newEnv(t)
	saturday := time.Date(2026, 3, 14, 11, 0, 0, 0, e.Config.Loc("unma"))
	e.Advance(saturday.Sub(e.Now()))
	var people []aulabot.Person
	for i, uni := range []string{"unma", "unma", "unma", "unma", "unvs"} {
		p := htest.Person(int64(7100+i), "en")
		e.Onboard(p, uni, "student")
		people = append(people, p)
	}
	report(t, e, people[0], "lms", "cannot log in") // UNMA-1
	post2 := post(t, to(report(t, e, people[1], "video", "no sound"), groupMA), "UNMA-2")
	report(t, e, people[2], "upload", "upload fails") // UNMA-3, claimed on Sunday
	report(t, e, people[3], "other", "my email")      // UNMA-4
	report(t, e, people[4], "lms", "locked out")      // UNVS-1
	e.Reply(tec2, groupMA, int(post2.ID), "Which browser?")
	e.Advance(24 * time.Hour)
	e.Press(tec1, groupMA, 0, "tk:c:UNMA-3")
	e.Deliver()

	if out := tick(t, e, 21*time.Hour+29*time.Minute); len(out) != 0 { // Monday 08:29
		t.Fatalf("reminded before Monday 08:30: %q", texts(out))
	}
	out := tick(t, e, time.Minute)
	rem := to(out, groupMA)
	if len(rem) != 1 {
		t.Fatalf("unma's group got %d reminders, want one for all: %q", len(rem), texts(rem))
	}
	for _, want := range []string{"3 tickets have waited 30 min of business time without being claimed", "UNMA-1</b> · 🔐", "UNMA-2</b> · 🎥",
		tec2.Name() + " answered", "UNMA-4</b> · ❓"} {
		if !strings.Contains(rem[0].Text, want) {
			t.Errorf("the reminder lacks %q: %q", want, rem[0].Text)
		}
	}
	if strings.Contains(rem[0].Text, "UNMA-3") || strings.Contains(rem[0].Text, "UNVS") {
		t.Errorf("the reminder lists a claimed ticket or another university's: %q", rem[0].Text)
	}
	if b := htest.Buttons(rem); len(b) != 3 || b["🔎 UNMA-1"] != "tk:vw:UNMA-1" || b["🔎 UNMA-4"] != "tk:vw:UNMA-4" {
		t.Errorf("the reminder's buttons = %v, want a 🔎 per ticket", b)
	}
	// A reply to the reminder names no one ticket: its writer is told it
	// reached nobody and how to answer (until 6 December it was silently
	// taken for the team's talk); no requester gets it.
	replied := e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, Text: "Fixed, please try again",
		ReplyTo: &aulabot.Replied{MessageID: int(rem[0].ID), FromBot: true, Text: i18n.Plain(rem[0].Text)}})
	hint := to(replied, groupMA)
	if len(hint) != 1 || !strings.Contains(hint[0].Text, "about several tickets (UNMA-1, UNMA-2, UNMA-4): your reply reached nobody") ||
		!strings.Contains(hint[0].Text, "/reply UNMA-1 your text") {
		t.Errorf("a reply to the reminder: %q", texts(replied))
	}
	for _, p := range people {
		if n := countWith(to(replied, p.ID), "Fixed"); n != 0 {
			t.Errorf("%d got the reply to the reminder", p.ID)
		}
	}
	// A reply without words is a reaction for colleagues: no hint, and
	// nobody gets it.
	for _, reaction := range []string{"👍", "🙏 !!", ""} {
		if out := e.Handle(aulabot.Update{ChatID: groupMA, From: tec2, Text: reaction,
			ReplyTo: &aulabot.Replied{MessageID: int(rem[0].ID), FromBot: true, Text: i18n.Plain(rem[0].Text)}}); len(out) != 0 {
			t.Errorf("a reply %q to the reminder: %q, want the team's talk", reaction, texts(out))
		}
	}
	if vs := to(out, groupVS); len(vs) != 1 || vs[0].ReplyToRef != "ticket:UNVS-1" || !strings.Contains(vs[0].Text, "UNVS-1") {
		t.Errorf("unvs's lone ticket's reminder = %q, want its own under its post", texts(vs))
	}

	e.Press(tec1, groupMA, 0, "tk:c:UNMA-4")
	e.Deliver()
	out = tick(t, e, 90*time.Minute)
	esc := to(out, coordMA.ID)
	if len(esc) != 1 || !strings.Contains(esc[0].Text, "2 tickets at Universidad Nacional de Montealto are still unclaimed after 2 h") ||
		!strings.Contains(esc[0].Text, "UNMA-1") || !strings.Contains(esc[0].Text, "UNMA-2") || strings.Contains(esc[0].Text, "UNMA-4") {
		t.Fatalf("the coordinator's escalations = %q, want one for UNMA-1 and UNMA-2", texts(esc))
	}
	if b := htest.Buttons(esc); b["🔎 UNMA-2"] != "tk:vw:UNMA-2" {
		t.Errorf("the escalation's buttons = %v", b)
	}
	var escalated int64
	if err := e.Store.View(func(tx *store.Tx) error { escalated = tx.Counter("ticket_escalated:unma"); return nil }); err != nil || escalated != 2 {
		t.Errorf("ticket_escalated:unma = %d, %v; want 2", escalated, err)
	}
}

// TestTicket_ManyRemindedTogether: a batched reminder lists fifteen
// tickets with their 🔎 and counts the rest, so that it stays one message.
func TestTicket_ManyRemindedTogether(t *testing.T) {
	e := newEnv(t)
	saturday := time.Date(2026, 3, 14, 11, 0, 0, 0, e.Config.Loc("unma"))
	e.Advance(saturday.Sub(e.Now()))
	for i := range 17 {
		p := htest.Person(int64(7200+i), "en")
		e.Onboard(p, "unma", "student")
		report(t, e, p, "other", fmt.Sprintf("problem number %d", i+1))
	}
	e.Deliver()
	rem := to(tick(t, e, 2*24*time.Hour), groupMA)
	if len(rem) != 1 || !strings.Contains(rem[0].Text, "17 tickets have waited") || !strings.Contains(rem[0].Text, "UNMA-15</b>") ||
		strings.Contains(rem[0].Text, "UNMA-16</b>") || !strings.Contains(rem[0].Text, "… and 2 more: /queue") {
		t.Fatalf("the reminder of 17 = %q", texts(rem))
	}
	if b := htest.Buttons(rem); len(b) != 15 || len(rem[0].Inline) != 4 {
		t.Errorf("the reminder's buttons = %d in %d rows, want 15 in rows of 4", len(b), len(rem[0].Inline))
	}
}

// TestTicket_WeekendWaitsTogether: requesters who wrote on claimed
// tickets over the weekend all fall due at the same minute on Monday; the
// team group gets one message listing them with their owners and a 🔎
// each; a ticket the team answered meanwhile is not among them.
func TestTicket_WeekendWaitsTogether(t *testing.T) {
	e := newEnv(t)
	var people []aulabot.Person
	for i := range 3 {
		p := htest.Person(int64(7300+i), "en")
		e.Onboard(p, "unma", "teacher")
		report(t, e, p, "other", fmt.Sprintf("problem %d", i+1))
		e.Press(tec1, groupMA, 0, fmt.Sprintf("tk:c:UNMA-%d", i+1))
		people = append(people, p)
	}
	saturday := time.Date(2026, 3, 14, 11, 0, 0, 0, e.Config.Loc("unma"))
	e.Advance(saturday.Sub(e.Now()))
	for i, p := range people {
		e.Press(p, 0, 0, fmt.Sprintf("tk:r:UNMA-%d", i+1))
		e.Text(p, 0, "any news?")
	}
	e.Text(tec2, groupMA, "/reply UNMA-3 Looking into it")
	e.Deliver()
	out := tick(t, e, 2*24*time.Hour+time.Hour) // Monday 12:00: 4 business hours from 08:00
	got := toWith(out, groupMA, "for an answer to their last message")
	if len(got) != 1 || !strings.Contains(got[0].Text, "2 requesters have waited 4 h of business time") ||
		!strings.Contains(got[0].Text, "UNMA-1</b> · 🙋 "+tec1.Name()+" · "+people[0].Name()) || !strings.Contains(got[0].Text, "UNMA-2</b>") ||
		strings.Contains(got[0].Text, "UNMA-3") {
		t.Fatalf("the waits on Monday = %q, want one message for UNMA-1 and UNMA-2", texts(got))
	}
	if b := htest.Buttons(got); len(b) != 2 || b["🔎 UNMA-2"] != "tk:vw:UNMA-2" {
		t.Errorf("the waits' buttons = %v", b)
	}
}

// TestTicket_BurstRemindedTogether: in an outage tickets come seconds
// apart in business hours, and their reminders fall due seconds apart:
// the first due takes those falling due within the next minute
// (service.BatchAhead) into one message, and a ticket due later keeps its
// own reminder under its post. Jobs run when due since 7 December; the
// bot's 20-second tick had batched them before.
func TestTicket_BurstRemindedTogether(t *testing.T) {
	e := newEnv(t)
	for i, after := range []time.Duration{0, 20 * time.Second, 25 * time.Second, 2 * time.Minute} {
		e.Advance(after)
		p := htest.Person(int64(7300+i), "en")
		e.Onboard(p, "unma", "teacher")
		report(t, e, p, "lms", "the classroom is down")
	}
	e.Deliver()
	first := 30*time.Minute - 20*time.Second - 25*time.Second - 2*time.Minute // the first ticket's reminder is due
	if out := tick(t, e, first-time.Second); len(to(out, groupMA)) != 0 {
		t.Fatalf("reminded before the first was due: %q", texts(out))
	}
	rem := to(tick(t, e, time.Second), groupMA)
	if len(rem) != 1 || !strings.Contains(rem[0].Text, "3 tickets have waited 30 min") ||
		!strings.Contains(rem[0].Text, "UNMA-3</b>") || strings.Contains(rem[0].Text, "UNMA-4") {
		t.Fatalf("at the first due the team group got %q, want one reminder of UNMA-1, UNMA-2 and UNMA-3", texts(rem))
	}
	if out := to(tick(t, e, time.Minute), groupMA); len(out) != 0 {
		t.Errorf("the batched tickets were reminded again: %q", texts(out))
	}
	rem = to(tick(t, e, 2*time.Minute), groupMA)
	if len(rem) != 1 || rem[0].ReplyToRef != "ticket:UNMA-4" {
		t.Errorf("UNMA-4, due two minutes later: %q, want its own reminder under its post", texts(rem))
	}
}
