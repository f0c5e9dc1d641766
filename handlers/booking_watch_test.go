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
)

// TestBooking_WatchSlots: a person who finds no slot of a kind asks to be
// told when there is one; the next publication of that kind at their
// university tells them once, with the slot to open and book. A session
// of the other kind, another university's slot, a slot past the horizon
// or a second publication do not; deleting their data ends the wait.
func TestBooking_WatchSlots(t *testing.T) {
	e := htest.New(t, nil)
	ana, ben := user(t, e, 40, "unma"), user(t, e, 41, "unma")
	out := e.Press(ana, 0, 0, "bk:k:p:0")
	has(t, "none", out, "There are no free personal slots right now")
	out = e.Press(ana, 0, 0, buttonWith(t, out, "Tell me when there are personal slots"))
	has(t, "watching", out, "There are no free personal slots right now", "I'll tell you here when a mentor publishes a personal slot (for 30 days).")
	if a := e.LastAnswer(); a.Text != "🔔 Done: I'll let you know." {
		t.Errorf("answer %+v", a)
	}
	// Looking again shows the wait, and no second 🔔.
	out = e.Press(ana, 0, 0, "bk:k:p:0")
	if !strings.Contains(texts(out), "I'll tell you here") {
		t.Errorf("again: %q", texts(out))
	}
	for text := range htest.Buttons(out) {
		if strings.Contains(text, "Tell me when") {
			t.Errorf("a second 🔔: %v", htest.Buttons(out))
		}
	}
	e.Press(ben, 0, 0, "bk:nt:p")
	e.Text(ben, 0, "/deletemydata")
	e.Press(ben, 0, 0, "del:yes")

	// The mentors see the wait under their slots (their university's:
	// not unvs's mentor).
	has(t, "demand", e.Text(mentorP, 0, "/slots"), "🔔 1 person at your university is waiting for a personal slot to be published.")
	if out := e.Text(htest.Person(4101, "en"), 0, "/slots"); strings.Contains(texts(out), "waiting for") {
		t.Errorf("another university's mentor: %q", texts(out))
	}
	// Not a group session, not another university's slot, not one past
	// the horizon (21 days).
	for _, p := range []struct {
		m    aulabot.Person
		args string
	}{{mentorP, "2026-03-12 09:00 60 group 5 Forums"}, {htest.Person(4101, "en"), "2026-03-12 11:00 30 personal"}, {mentorP, "2026-06-01 09:00 30 personal"}} {
		if out := e.Text(p.m, 0, "/newslot "+p.args); len(to(out, ana.ID))+len(to(out, ben.ID)) != 0 {
			t.Errorf("/newslot %s told: %q", p.args, texts(out))
		}
	}
	out = e.Text(mentorP, 0, "/newslot 2026-03-13 10:00 30 personal Rubrics")
	told := to(out, ana.ID)
	has(t, "told", told, "🔔 A mentor published a personal slot:", "Fri 13 Mar, 10:00–10:30", "Rubrics")
	if len(to(out, ben.ID)) != 0 {
		t.Errorf("ben, whose data is deleted, was told: %q", texts(out))
	}
	out = e.Press(ana, 0, 0, buttonWith(t, told, "See it and book"))
	has(t, "open", out, "Fri 13 Mar, 10:00", "Confirm the booking?")
	// Told once: the next slot tells nobody.
	if out := e.Text(mentorP, 0, "/newslot 2026-03-14 10:00 30 personal"); len(to(out, ana.ID)) != 0 {
		t.Errorf("told twice: %q", texts(out))
	}
}

// TestBooking_WatchSlotsWeekly: a weekly availability tells each person
// waiting once, with the soonest slot and the list; someone who presses 🔔
// after slots appeared sees them instead of waiting.
func TestBooking_WatchSlotsWeekly(t *testing.T) {
	e := htest.New(t, nil)
	ana := user(t, e, 42, "unma")
	e.Press(ana, 0, 0, "bk:nt:g")
	out := e.Text(mentorP, 0, "/weekly sat 07:00-08:00 30 "+e.Now().AddDate(0, 0, 14).Format("2006-01-02")+" group 4 Study skills")
	told := to(out, ana.ID)
	if len(told) != 1 {
		t.Fatalf("told %d times: %q", len(told), texts(out))
	}
	has(t, "weekly", told, " group sessions were published. The soonest:", "07:00–07:30")
	has(t, "weekly told count", to(out, mentorP.ID), "Slots published", "🔔 I told 1 person who was waiting for a slot like this.")
	if out := e.Text(mentorP, 0, "/slots"); strings.Contains(texts(out), "waiting for") {
		t.Errorf("the wait told still shows: %q", texts(out))
	}
	list := e.Press(ana, 0, 0, buttonWith(t, told, "All group sessions"))
	has(t, "list", list, "Group sessions (page 1 of 1)")
	// Slots there now: 🔔 shows them.
	if out := e.Press(ana, 0, 0, "bk:nt:g"); !strings.Contains(texts(out), "Group sessions (page 1 of 1)") {
		t.Errorf("🔔 with sessions there: %q", texts(out))
	}
}

// TestBooking_WatchSlotsEnds: a mentor's own slot does not end their wait;
// a wait ends untold after 30 days, or when the person moved to another
// university.
func TestBooking_WatchSlotsEnds(t *testing.T) {
	e := htest.New(t, nil)
	carol, dan, erin := user(t, e, 43, "unma"), user(t, e, 44, "unma"), user(t, e, 45, "unma")
	mentor := user(t, e, mentorP.ID, "unma")
	for _, p := range []aulabot.Person{carol, dan, mentor} {
		e.Press(p, 0, 0, "bk:nt:p")
	}
	e.Press(erin, 0, 0, "bk:nt:g")
	user(t, e, dan.ID, "unvs")
	// The mentor's agenda counts carol: not dan, who moved, nor the mentor.
	has(t, "demand", e.Text(mentor, 0, "/slots"), "🔔 1 person at your university is waiting for a personal slot to be published.",
		"🔔 1 person at your university is waiting for a group session to be published.")
	newslot := func(m aulabot.Person, kind string) []aulabot.Message {
		return e.Text(m, 0, "/newslot "+e.Now().AddDate(0, 0, 2).Format("2006-01-02")+" 10:00 30 "+kind)
	}
	out := newslot(mentor, "personal")
	if len(to(out, carol.ID)) != 1 || len(to(out, dan.ID)) != 0 || strings.Contains(texts(to(out, mentor.ID)), "A mentor published") {
		t.Errorf("the mentor's slot should tell carol alone: %q", texts(out))
	}
	has(t, "told count", to(out, mentor.ID), "✅ Slot published:", "🔔 I told 1 person who was waiting for a slot like this.")
	if out := e.Press(mentor, 0, 0, "bk:k:p:0"); !strings.Contains(texts(out), "I'll tell you here") {
		t.Errorf("the mentor's wait ended on their own slot: %q", texts(out))
	}
	e.Advance(31 * 24 * time.Hour)
	if out := newslot(htest.Person(4002, "en"), "group 5"); len(to(out, erin.ID)) != 0 {
		t.Errorf("told after 30 days: %q", texts(out))
	}
	e.Advance(time.Hour)
	if out := e.Press(erin, 0, 0, "bk:nt:g"); !strings.Contains(texts(out), "Group sessions (page 1 of 1)") {
		t.Errorf("erin's list: %q", texts(out))
	}
}

// TestBooking_WatchSlotsFreed: a personal slot freed by a cancellation is
// told to those waiting for one, unless its waitlist took the seat.
func TestBooking_WatchSlotsFreed(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 personal")
	ana, ben := user(t, e, 46, "unma"), user(t, e, 47, "unma")
	if out := e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", s.ID)); find(out, "Booked!") == nil {
		t.Fatalf("book: %q", texts(out))
	}
	has(t, "none", e.Press(ben, 0, 0, "bk:k:p:0"), "There are no free personal slots right now")
	e.Press(ben, 0, 0, "bk:nt:p")
	e.Press(ana, 0, 0, fmt.Sprintf("bk:x:%d", s.ID))
	out := e.Press(ana, 0, 0, fmt.Sprintf("bk:X:%d", s.ID))
	told := to(out, ben.ID)
	has(t, "freed", told, "🔔 A personal slot came free:", "Thu 12 Mar, 15:00–16:00")
	if out := e.Press(ben, 0, 0, buttonWith(t, told, "See it and book")); find(out, "Confirm the booking?") == nil {
		t.Errorf("open: %q", texts(out))
	}
}

// TestBooking_WatchSlotsConcurrent: mentors publishing at the same moment
// as people press 🔔 tell each person who waits once at most, and whoever
// pressed before any slot was there is told exactly once.
func TestBooking_WatchSlotsConcurrent(t *testing.T) {
	e := htest.New(t, nil)
	var early, late []aulabot.Person
	for i := range 20 {
		early = append(early, user(t, e, int64(2000+i), "unma"))
		late = append(late, user(t, e, int64(3000+i), "unma"))
	}
	for _, p := range early {
		e.Press(p, 0, 0, "bk:nt:p")
	}
	var wg sync.WaitGroup
	handle := func(u aulabot.Update) {
		defer wg.Done()
		if err := e.H.Handle(context.Background(), u); err != nil {
			t.Error(err)
		}
	}
	n := int64(500000)
	for i, m := range []aulabot.Person{mentorP, htest.Person(4002, "en")} {
		for d := range 4 {
			n++
			wg.Add(1)
			go handle(aulabot.Update{ID: n, ChatID: m.ID, ChatType: aulabot.ChatPrivate, From: m,
				Text: fmt.Sprintf("/newslot %s %02d:00 30 personal", e.Now().AddDate(0, 0, 2+d).Format("2006-01-02"), 9+i)})
		}
	}
	for i, p := range late {
		n++
		wg.Add(1)
		go handle(aulabot.Update{ID: n, ChatID: p.ID, ChatType: aulabot.ChatPrivate, From: p,
			Callback: &aulabot.Callback{ID: fmt.Sprint("w", i), Data: "bk:nt:p"}})
	}
	wg.Wait()
	told := map[int64]int{}
	for _, m := range e.Deliver() {
		if strings.Contains(m.Text, "A mentor published a personal slot") {
			told[m.ChatID]++
		}
	}
	for _, p := range early {
		if told[p.ID] != 1 {
			t.Errorf("%d (waiting before) told %d times", p.ID, told[p.ID])
		}
	}
	for _, p := range late {
		if told[p.ID] > 1 {
			t.Errorf("%d told %d times", p.ID, told[p.ID])
		}
	}
}
