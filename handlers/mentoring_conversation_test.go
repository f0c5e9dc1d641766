package handlers_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
)

// Issue 14 for mentoring: each press edits the message it was pressed on;
// a new message only for what the person keeps (the calendar file).

// linked publishes a group slot of mentorP with a meeting link straight
// into the store (/newslot takes no link; the guided flow does).
func linked(t *testing.T, e *htest.Env, start time.Time, capacity int, link, topic string) aulabot.Slot {
	t.Helper()
	var s aulabot.Slot
	err := e.Store.Update(func(tx *storeTx) (err error) {
		s, err = tx.CreateSlot("unma", mentorP.ID, mentorP.Name(), aulabot.NewSlot{Start: start, Minutes: 60, Kind: aulabot.SlotGroup, Capacity: capacity, Link: link, Topic: topic})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// edited is the message with id msgID, as the press edited it.
func edited(t *testing.T, out []aulabot.Message, msgID int) aulabot.Message {
	t.Helper()
	for _, m := range out {
		if m.EditMessageID == msgID {
			return m
		}
	}
	t.Fatalf("message %d not edited: %q", msgID, texts(out))
	return aulabot.Message{}
}

func TestMentoring_PressesEditInPlace(t *testing.T) {
	e := htest.New(t, nil)
	s := linked(t, e, time.Date(2026, 3, 12, 20, 0, 0, 0, time.UTC), 2, "https://meet.example.org/q", "Quizzes")
	p := user(t, e, 40, "unma")
	const msg = 500 // the message the person presses on

	list := edited(t, e.Press(p, 0, msg, "bk:k:g:0"), msg)
	if !strings.Contains(list.Text, "Group sessions") {
		t.Fatalf("list: %q", list.Text)
	}
	// Back goes from the list to the choice of a kind, in place, and on.
	if back := htest.Buttons([]aulabot.Message{list})["◀️ Back"]; back != "bk:kinds" {
		t.Fatalf("the list's Back = %q (buttons %v)", back, htest.Buttons([]aulabot.Message{list}))
	}
	menu := edited(t, e.Press(p, 0, msg, "bk:kinds"), msg)
	if !strings.Contains(menu.Text, "Which kind of session") || htest.Buttons([]aulabot.Message{menu})["👥 Group"] != "bk:k:g:0" {
		t.Fatalf("Back from the list: %q %v", menu.Text, htest.Buttons([]aulabot.Message{menu}))
	}
	edited(t, e.Press(p, 0, msg, "bk:k:g:0"), msg)
	show := edited(t, e.Press(p, 0, msg, fmt.Sprintf("bk:s:%d", s.ID)), msg)
	if !strings.Contains(show.Text, "2 seats left of 2") || !strings.Contains(show.Text, "Times are Lima time") {
		t.Fatalf("session: %q", show.Text)
	}
	out := e.Press(p, 0, msg, fmt.Sprintf("bk:c:%d", s.ID))
	conf := edited(t, out, msg)
	if !strings.Contains(conf.Text, "Booked!") || !strings.Contains(conf.Text, "https://meet.example.org/q") {
		t.Fatalf("the prompt did not become the confirmation with its link: %q", conf.Text)
	}
	if b := htest.Buttons([]aulabot.Message{conf}); len(b) != 2 || b["✖️ Cancel booking"] != "bk:x:1" || b["🔁 Change the time"] != "bk:r:1:0" {
		t.Errorf("the confirmation's buttons = %v, want Cancel and Change", b)
	}
	if cal := find(out, "for your calendar"); cal == nil || cal.EditMessageID != 0 || cal.File == nil {
		t.Errorf("the calendar file is not a message of its own: %q", texts(out))
	}

	// Cancel asks, in place, naming what happens; Keep goes back.
	ask := edited(t, e.Press(p, 0, msg, "bk:x:1"), msg)
	if !strings.Contains(ask.Text, "Cancel your booking?") || !strings.Contains(ask.Text, "Your seat will go to someone else") {
		t.Fatalf("cancel question: %q", ask.Text)
	}
	if b := htest.Buttons([]aulabot.Message{ask}); b["✖️ Yes, cancel it"] != "bk:X:1" || b["↩️ No, keep it"] != "bk:y:1" {
		t.Fatalf("cancel question's buttons = %v", b)
	}
	kept := edited(t, e.Press(p, 0, msg, "bk:y:1"), msg)
	if !strings.Contains(kept.Text, "Your booking stays") || htest.Buttons([]aulabot.Message{kept})["🗓 My bookings"] != "bk:m:0" {
		t.Fatalf("keep: %q %v, want the booking and the way back to the list", kept.Text, htest.Buttons([]aulabot.Message{kept}))
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Booked != 1 {
		t.Fatalf("asking or keeping cancelled: booked = %d", got.Booked)
	}
	// /mybookings shows the link; after a cancel it no longer lists it.
	out = e.Text(p, 0, "/mybookings")
	if m := find(out, "Your bookings"); m == nil || !strings.Contains(m.Text, "https://meet.example.org/q") {
		t.Fatalf("/mybookings without the link: %q", texts(out))
	}
	e.Press(p, 0, msg, "bk:x:1")
	done := edited(t, e.Press(p, 0, msg, "bk:X:1"), msg)
	if !strings.Contains(done.Text, "Booking cancelled") {
		t.Fatalf("cancel: %q", done.Text)
	}
	if out := e.Text(p, 0, "/mybookings"); find(out, "no upcoming bookings") == nil {
		t.Errorf("/mybookings after the cancel: %q", texts(out))
	}
}

// The rating prompt loses its stars once rated; the mentor's panel shows
// the new seats in place after ➕.
func TestMentoring_RatingAndSeatsEditInPlace(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 2")
	p := user(t, e, 41, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))

	panel := edited(t, e.Press(mentorP, 0, 600, fmt.Sprintf("sl:c:%d:3", s.ID)), 600)
	if !strings.Contains(panel.Text, "Taken: 1 of 3") {
		t.Fatalf("panel after ➕: %q", panel.Text)
	}
	// Cancelling someone's booking is not the panel's first button.
	if first := panel.Inline[0][0].Data; strings.HasPrefix(first, "bk:") {
		t.Errorf("the panel's first button cancels a booking: %v", panel.Inline)
	}

	e.Advance(s.Start.Sub(e.Now()) + 10*time.Minute)
	e.Press(mentorP, 0, 0, "sl:a:1:1")
	rated := edited(t, e.Press(p, 0, 700, "rt:1:5"), 700)
	// The stars go; ✉️ to the mentor stays, for thanks or a question, and
	// ↩️ for a mistaken tap.
	if d := htest.Buttons([]aulabot.Message{rated}); len(d) != 2 || !strings.HasPrefix(d["✉️ Write to User4001"], "bk:wm:") || d["↩️ Change my rating"] != "rr:1" || !strings.Contains(rated.Text, "5/5") {
		t.Errorf("the rating prompt keeps its stars: %+v", rated)
	}
	e.Text(p, 0, "Muy útil")
	// ↩️ shows the stars again with what was given; a press changes the
	// rating and keeps the comment (until 6 December it stayed as tapped).
	again := edited(t, e.Press(p, 0, 700, "rr:1"), 700)
	if d := htest.Buttons([]aulabot.Message{again}); d["2 ⭐"] != "rt:1:2" || !strings.Contains(again.Text, "You gave the mentoring 5/5") {
		t.Fatalf("↩️: %+v", again)
	}
	if got := edited(t, e.Press(p, 0, 700, "rt:1:2"), 700); !strings.Contains(got.Text, "2/5") {
		t.Errorf("after the change: %+v", got)
	}
	// "no gracias" is no comment: the one given stays (until 8 December
	// it became the comment, seen in the sandbox)
	if got := texts(e.Text(p, 0, "no gracias")); !strings.Contains(got, "no comment added") {
		t.Errorf("\"no gracias\" at the comment: %q", got)
	}
	b, _, _ := e.Store.Booking(1)
	if b.Rating != 2 || b.Comment != "Muy útil" {
		t.Errorf("the booking after the change: rating %d, comment %q", b.Rating, b.Comment)
	}
	e.Press(user(t, e, 42, "unma"), 0, 0, "rr:1")
	if got := e.LastAnswer(); !got.Alert {
		t.Errorf("someone else's ↩️: %+v", got)
	}
}

// Each state says the right thing (issue 14 item 8).
func TestMentoring_StatesSayTheRightThing(t *testing.T) {
	e := htest.New(t, nil)
	g := publish(t, e, mentorP, "2026-03-12 15:00 60 group 1")
	pers := publish(t, e, mentorP, "2026-03-13 09:00 30 personal")
	a, b := user(t, e, 42, "unma"), user(t, e, 43, "unma")

	e.Press(a, 0, 0, fmt.Sprintf("bk:c:%d", g.ID))
	// The person who booked sees their booking, not the waitlist.
	out := e.Press(a, 0, 0, fmt.Sprintf("bk:s:%d", g.ID))
	if find(out, "You have booked this") == nil || htest.Buttons(out)["✖️ Cancel booking"] != "bk:x:1" {
		t.Errorf("own session: %q %v", texts(out), htest.Buttons(out))
	}
	// A full session never asks to confirm; the waitlist says a freed
	// seat is booked automatically.
	out = e.Press(b, 0, 0, fmt.Sprintf("bk:s:%d", g.ID))
	if find(out, "Confirm the booking?") != nil || find(out, "book it for you automatically") == nil {
		t.Errorf("full session: %q", texts(out))
	}
	if _, ok := htest.Buttons(out)["✅ Confirm and Book"]; ok {
		t.Errorf("a full session offers Confirm: %v", htest.Buttons(out))
	}
	out = e.Press(b, 0, 0, fmt.Sprintf("bk:w:%d", g.ID))
	if find(out, "book it for you automatically") == nil {
		t.Errorf("waitlist: %q", texts(out))
	}
	// A personal slot taken under someone's thumb offers personal slots.
	e.Press(a, 0, 0, fmt.Sprintf("bk:c:%d", pers.ID))
	out = e.Press(b, 0, 0, fmt.Sprintf("bk:c:%d", pers.ID))
	if find(out, "just filled up") == nil || htest.Buttons(out)["⚡ Next free slot"] != "bk:n:p" {
		t.Errorf("personal slot lost: %q %v", texts(out), htest.Buttons(out))
	}
	// No personal slots now: the group ones are offered as a button, and
	// the other way round.
	out = e.Press(b, 0, 0, "bk:k:p:0")
	if find(out, "no free personal slots") == nil || htest.Buttons(out)["👥 Group"] != "bk:k:g:0" || htest.Buttons(out)["◀️ Back"] != "bk:kinds" {
		t.Errorf("no personal slots: %q %v", texts(out), htest.Buttons(out))
	}
}

// Cancelling a session offers Keep the session beside the cancel
// choices; keeping it ends the flow and tells nobody.
func TestMentoring_KeepTheSession(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 3")
	a := user(t, e, 44, "unma")
	e.Press(a, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	ask := edited(t, e.Press(mentorP, 0, 800, fmt.Sprintf("sl:x:%d", s.ID)), 800)
	if b := htest.Buttons([]aulabot.Message{ask}); b["↩️ Keep the session"] != fmt.Sprintf("sl:k:%d", s.ID) || b["✖️ Cancel without a reason"] == "" {
		t.Fatalf("cancel choices = %v", b)
	}
	out := e.Press(mentorP, 0, 800, fmt.Sprintf("sl:k:%d", s.ID))
	if m := edited(t, out, 800); !strings.Contains(m.Text, "The session stays") {
		t.Fatalf("keep: %q", m.Text)
	}
	if st := stateOf(t, e, mentorP); st.Flow != "" {
		t.Errorf("the reason is still awaited: %+v", st)
	}
	// A text now is not taken as the reason.
	e.Text(mentorP, 0, "I am ill")
	if got, _, _ := e.Store.Slot(s.ID); got.Cancelled {
		t.Fatal("the session was cancelled after Keep")
	}
	// Kept once the reason was shown (a no typed is Keep's press: it was
	// read as the reason), its yes above cancels nothing.
	e.Press(mentorP, 0, 800, fmt.Sprintf("sl:x:%d", s.ID))
	e.Text(mentorP, 0, "I am ill")
	if out := e.Text(mentorP, 0, "no"); find(out, "The session stays") == nil || find(out, "Reason: no") != nil {
		t.Errorf("a no typed at the reason's question: %q", texts(out))
	}
	if e.Press(mentorP, 0, 801, fmt.Sprintf("sl:xy:%d", s.ID)); !e.LastAnswer().Alert {
		t.Errorf("the yes after Keep: %+v", e.LastAnswer())
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Cancelled {
		t.Fatal("the session was cancelled after the reason's Keep")
	}
	for _, m := range e.Sent(a.ID) {
		if strings.Contains(m.Text, "cancelled") {
			t.Errorf("the person was told: %q", m.Text)
		}
	}
}

// /mybookings is in date order, pages of 8 turn in place, and every page
// fits whatever the names; a mentor with 100 weekly slots gets pages.
func TestMentoring_ListsInDateOrderAndPaged(t *testing.T) {
	cfg := config.Demo()
	cfg.Booking.MaxActive = 20
	e := htest.New(t, cfg)
	long := strings.Repeat("Ñ", aulabot.SlotMaxTopic)
	var ids []uint64
	// Published latest first: the list must not follow booking order.
	for day := 20; day >= 11; day-- {
		s := linked(t, e, time.Date(2026, 3, day, 20, 0, 0, 0, time.UTC), 5, "https://meet.example.org/"+strings.Repeat("x", aulabot.SlotMaxLink-25), long)
		ids = append(ids, s.ID)
	}
	p := user(t, e, 45, "unma")
	for _, id := range ids {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", id))
	}
	out := e.Text(p, 0, "/mybookings")
	m := find(out, "Your bookings")
	if m == nil {
		t.Fatalf("/mybookings: %q", texts(out))
	}
	if err := handlers.Fits(*m); err != nil || utf8.RuneCountInString(m.Text) > 4096 {
		t.Fatalf("page does not fit: %v", err)
	}
	i11, i12 := strings.Index(m.Text, "Wed 11 Mar"), strings.Index(m.Text, "Thu 12 Mar")
	if i11 < 0 || i12 < i11 || !strings.Contains(m.Text, "(page 1 of 2)") {
		t.Fatalf("not in date order or not paged: %q", m.Text)
	}
	page2 := edited(t, e.Press(p, 0, 900, "bk:m:1"), 900)
	if !strings.Contains(page2.Text, "Fri 20 Mar") || strings.Contains(page2.Text, "Wed 11 Mar") {
		t.Errorf("page 2: %q", page2.Text)
	}

	// 100 weekly slots: /slots pages through them, 8 at a time.
	mentor2 := htest.Person(4002, "en")
	for _, w := range []string{"mon 08:00-20:00 30 2026-03-23", "wed 08:00-20:00 30 2026-03-18", "thu 08:00-10:00 30 2026-03-12"} {
		if out := e.Text(mentor2, 0, "/weekly "+w); find(out, "Slots published") == nil {
			t.Fatalf("/weekly %s: %q", w, texts(out))
		}
	}
	if n := len(mentorSlots(t, e, mentor2.ID)); n != 100 {
		t.Fatalf("%d weekly slots, want 100", n)
	}
	out = e.Text(mentor2, 0, "/slots")
	m = find(out, "Your upcoming slots")
	if m == nil || handlers.Fits(*m) != nil || !strings.Contains(m.Text, "(page 1 of") || strings.Count(m.Text, "• ") != 8 {
		t.Fatalf("/slots of a busy mentor: %q", texts(out))
	}
}

func mentorSlots(t *testing.T, e *htest.Env, mentor int64) []aulabot.Slot {
	t.Helper()
	var all []aulabot.Slot
	err := e.Store.View(func(tx *storeTx) (err error) {
		all, err = tx.MentorSlots(mentor, e.Now(), e.Now().AddDate(1, 0, 0))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// "Ask a mentor" under an answer the knowledge base did not have carries
// the question into the booking as its topic, and the mentor reads it.
func TestMentoring_AskAMentorCarriesTheQuestion(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	p := htest.Person(46, "en")
	e.Onboard(p, "unma", "teacher")
	const question = "xqzt vbnm plokij rubric weights"
	out := e.Text(p, 0, question)
	ask := buttonWith(t, out, "Ask a mentor")
	if !strings.HasPrefix(ask, "bk:q:") {
		t.Fatalf("Ask a mentor = %q, want the question's id", ask)
	}
	// Someone else cannot use another person's question.
	q := htest.Person(47, "en")
	e.Onboard(q, "unma", "teacher")
	e.Press(q, 0, 0, ask)
	if a := e.LastAnswer(); !strings.Contains(a.Text, "no longer valid") {
		t.Errorf("another person's question: %+v", a)
	}
	out = e.Press(p, 0, 0, ask)
	if find(out, "Your question goes to the mentor") == nil || find(out, question) == nil {
		t.Fatalf("menu: %q", texts(out))
	}
	// The slot's confirmation says it too, where Confirm is pressed.
	out = e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	if m := find(out, "Confirm the booking?"); m == nil || !strings.Contains(m.Text, "Your question goes to the mentor as the topic of the session you book: “"+question+"”") ||
		htest.Buttons(out)["✍️ Write another topic"] != fmt.Sprintf("bk:t:%d", s.ID) {
		t.Fatalf("the slot before Confirm: %q %v", texts(out), htest.Buttons(out))
	}
	out = e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	if m := find(out, "User46 reservó"); m == nil || m.ChatID != mentorP.ID || !strings.Contains(m.Text, question) {
		t.Fatalf("the mentor does not read the question: %q", texts(out))
	}
	if st := stateOf(t, e, p); st.Flow != "" {
		t.Errorf("the question still waits after the booking: %+v", st)
	}
}

// A request for a mentor for something of one's own ("I need a mentor to
// check my quiz settings") opens the booking with those words as the
// topic, said as what was asked for (it got suggestions of articles, seen
// in the sandbox); "quiero reservar una mentoría" stays /mentoring, and a
// question about mentors stays a question.
func TestMentoring_AskedWithTopic(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	p := htest.Person(46, "en")
	e.Onboard(p, "unma", "teacher")
	const asked = "I need a mentor to check my quiz settings"
	out := e.Text(p, 0, asked)
	if m := find(out, "What you asked for goes to the mentor as the topic of the session you book: “"+asked+"”"); m == nil ||
		htest.Buttons(out)["👤 Personal"] == "" {
		t.Fatalf("the request: %q %v", texts(out), htest.Buttons(out))
	}
	out = e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	if m := find(out, "Confirm the booking?"); m == nil || !strings.Contains(m.Text, "What you asked for goes to the mentor") {
		t.Fatalf("the slot before Confirm: %q", texts(out))
	}
	out = e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	if m := find(out, "User46 reservó"); m == nil || m.ChatID != mentorP.ID || !strings.Contains(m.Text, asked) {
		t.Fatalf("the mentor does not read the request: %q", texts(out))
	}
	if st := stateOf(t, e, p); st.Flow != "" {
		t.Errorf("the request still waits after the booking: %+v", st)
	}
	if out := texts(e.Text(p, 0, "how do I ask a mentor to check my quiz settings?")); strings.Contains(out, "What you asked for") {
		t.Errorf("a question about mentors: %q", out)
	}
	// Whether a mentor can help with something of one's own, asked
	// (suggestions, seen in the sandbox; since the night of 7 to 8
	// December): the same, the question as the topic, said as a question.
	for _, q := range []string{"can a mentor review my rubric?", "¿mi mentora me puede ayudar con el sílabo?", "¿hay mentores de matemáticas?"} {
		out := e.Text(p, 0, q)
		if m := find(out, "Your question goes to the mentor as the topic of the session you book: “"+q+"”"); m == nil ||
			htest.Buttons(out)["👤 Personal"] == "" {
			t.Errorf("%q: %q %v, want the kinds with the question as the topic", q, texts(out), htest.Buttons(out))
		}
		e.Text(p, 0, "/cancel")
	}
}

// The guided /newslot edits its one message step by step.
func TestMentoring_NewSlotStepsEditInPlace(t *testing.T) {
	e := htest.New(t, nil)
	out := e.Text(mentorP, 0, "/newslot")
	msg := int(out[0].ID)
	for _, step := range []struct{ data, want string }{
		// Each step under what was chosen so far.
		{"ns:d:2026-03-12", "🗓 Thu 12 Mar\n\nWhat time"},
		{"ns:t:15:00", "🗓 Thu 12 Mar · 15:00\n\nHow long"},
		{"ns:m:60", "🗓 Thu 12 Mar · 15:00 · 60 min\n\nPersonal or Group"},
		{"ns:k:p", "🗓 Thu 12 Mar · 15:00 · 60 min · 👤 Personal\n\nTopic"},
		{"ns:skip", "link"},
		// Without a link, the mentor's own words (it said "User4001 will
		// send it to you", the booker's).
		{"ns:skip", "Publish this slot?\n<b>Thu 12 Mar, 15:00–16:00</b> · User4001 (personal)\nCapacity: 1\n💬 No meeting link: you can send it later from the slot, with 🔗 Send the link."},
		{"ns:ok", "Slot published"},
	} {
		m := edited(t, e.Press(mentorP, 0, msg, step.data), msg)
		if !strings.Contains(m.Text, step.want) {
			t.Fatalf("%s: %q, want %q", step.data, m.Text, step.want)
		}
	}
	if n := len(mentorSlots(t, e, mentorP.ID)); n != 1 {
		t.Errorf("%d slots, want 1", n)
	}
	// A group session: its seats and its topic, as typed, join the line.
	msg = int(e.Text(mentorP, 0, "/newslot")[0].ID)
	for _, data := range []string{"ns:d:2026-03-13", "ns:t:10:00", "ns:m:90", "ns:k:g"} {
		e.Press(mentorP, 0, msg, data)
	}
	if m := edited(t, e.Press(mentorP, 0, msg, "ns:c:20"), msg); !strings.Contains(m.Text, "🗓 Fri 13 Mar · 10:00 · 90 min · 👥 Group · 20 seats\n\nTopic") {
		t.Errorf("the group's topic step: %q", m.Text)
	}
	if got := texts(e.Text(mentorP, 0, "Rubrics <intro>")); !strings.Contains(got, "· 20 seats · «Rubrics &lt;intro&gt;»\n\nMeeting link") {
		t.Errorf("the link step after a typed topic: %q", got)
	}
}

// TestMentoring_SlotTyped: under a list of slots, a slot's day and time
// typed ("el viernes a las 9"), or its time alone, opens its card as its
// button does; a day with two slots shows their two buttons alone; a day
// or time with none, or the same words ten minutes later or without a
// list shown, are read as any message. "el miércoles a las 9" got "I
// don't know" and went to /gaps (seen in the sandbox).
func TestMentoring_SlotTyped(t *testing.T) {
	e := htest.New(t, nil)
	thu3 := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	thu5 := publish(t, e, mentorP, "2026-03-12 17:00 30 personal")
	fri9 := publish(t, e, mentorP, "2026-03-13 09:00 30 personal")
	p := htest.Person(49, "es")
	e.Onboard(p, "unma", "teacher")
	card := func(s aulabot.Slot) string {
		return texts(e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID)))
	}
	e.Press(p, 0, 0, "bk:k:p:0")
	for words, want := range map[string]aulabot.Slot{"el viernes a las 9": fri9, "jueves 5 de la tarde": thu5, "a las 15:00": thu3, "13/03 9am": fri9} {
		if got := texts(e.Text(p, 0, words)); got != card(want) {
			t.Errorf("%q typed: %q, want the card of slot %d", words, got, want.ID)
		}
	}
	out := e.Text(p, 0, "el jueves")
	if b := htest.Buttons(out); len(b) != 2 || !strings.Contains(texts(out), "Estos 2 horarios de la lista coinciden") ||
		!slices.Contains(slices.Collect(maps.Values(b)), fmt.Sprintf("bk:s:%d", thu3.ID)) || !slices.Contains(slices.Collect(maps.Values(b)), fmt.Sprintf("bk:s:%d", thu5.ID)) {
		t.Errorf("a day with two slots: %q %v", texts(out), b)
	}
	for _, words := range []string{"el sábado", "a las 11"} {
		if got := texts(e.Text(p, 0, words)); strings.Contains(got, "coincide") || strings.Contains(got, "Confirmar") {
			t.Errorf("%q, when no slot of the list is then: %q", words, got)
		}
	}
	e.Advance(handlers.YesWindow + time.Minute)
	if got := texts(e.Text(p, 0, "el viernes a las 9")); got == card(fri9) {
		t.Errorf("ten minutes later: the card")
	}
	q := htest.Person(50, "es")
	e.Onboard(q, "unma", "teacher")
	if got := texts(e.Text(q, 0, "el viernes a las 9")); strings.Contains(got, "Mentor") {
		t.Errorf("without a list shown: %q", got)
	}
}

// A kind's words typed soon after /mentoring's menu ("personal", "en
// grupo", "individual") open that kind's list, as its button does; the
// question carried by Ask a mentor stays the topic. "personal" got an
// article on changing one's profile. Ten minutes later, or in a longer
// message, the words are read as any other.
func TestMentoring_KindTyped(t *testing.T) {
	e := htest.New(t, nil)
	personal := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	group := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5")
	p := htest.Person(48, "es")
	e.Onboard(p, "unma", "teacher")
	e.Text(p, 0, "/mentoring")
	if out := e.Text(p, 0, "Personal"); buttonTextFor(t, out, fmt.Sprintf("bk:s:%d", personal.ID)) == "" {
		t.Errorf("personal typed: %q %v", texts(out), htest.Buttons(out))
	}
	if out := e.Text(p, 0, "en grupo"); buttonTextFor(t, out, fmt.Sprintf("bk:s:%d", group.ID)) == "" {
		t.Errorf("en grupo typed: %q", texts(out))
	}
	// The menu's other buttons too: "próximo horario libre" begins two.
	e.Text(p, 0, "/mentoring")
	if out := e.Text(p, 0, "próximo horario libre"); !strings.Contains(texts(out), "¿Cuál de estos?") || len(htest.Buttons(out)) != 2 {
		t.Errorf("próximo horario libre typed under the menu: %q %v, want the two kinds' buttons", texts(out), htest.Buttons(out))
	}
	// A word only one of them has picks it.
	if out := e.Text(p, 0, "el personal"); htest.Buttons(out)["✅ Confirmar reserva"] != fmt.Sprintf("bk:c:%d", personal.ID) {
		t.Errorf("el personal under which of these: %q %v, want the next free personal slot", texts(out), htest.Buttons(out))
	}
	e.Advance(handlers.YesWindow + time.Minute)
	if out := e.Text(p, 0, "individual"); strings.Contains(fmt.Sprint(htest.Buttons(out)), fmt.Sprintf("bk:s:%d", personal.ID)) {
		t.Errorf("individual typed after the window: %q", texts(out))
	}

	const question = "xqzt vbnm plokij rubric weights"
	ask := buttonWith(t, e.Text(p, 0, question), "Preguntar a un mentor")
	e.Press(p, 0, 0, ask)
	if out := e.Text(p, 0, "individual"); buttonTextFor(t, out, fmt.Sprintf("bk:s:%d", personal.ID)) == "" {
		t.Fatalf("individual typed after Ask a mentor: %q", texts(out))
	}
	out := e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", personal.ID))
	if m := find(out, question); m == nil {
		t.Errorf("the question is no longer the topic: %q", texts(out))
	}
}

// buttonTextFor is the label of the button with data among msgs ("" for
// none).
func buttonTextFor(t *testing.T, msgs []aulabot.Message, data string) string {
	t.Helper()
	for label, d := range htest.Buttons(msgs) {
		if d == data {
			return label
		}
	}
	return ""
}

// TestMentoring_RatingTyped: a rating typed under "How was your
// session?" ("4") rates the session as its star does; with a session and
// one or two tickets waiting for a rating, which one is meant cannot be
// told and nothing is rated (with two tickets the session was rated, until
// the read of the change); a week after the mark the words are read as
// any.
func TestMentoring_RatingTyped(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5")
	p := user(t, e, 42, "unma")
	q := user(t, e, 43, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Press(q, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Advance(s.Start.Sub(e.Now()) + 10*time.Minute)
	e.Press(mentorP, 0, 0, "sl:a:1:1")
	e.Press(mentorP, 0, 0, "sl:a:2:1")
	rating := func(id uint64) int {
		var b aulabot.Booking
		e.Store.View(func(tx *storeTx) error { b, _, _ = tx.Booking(id); return nil })
		return b.Rating
	}
	if got := texts(e.Text(p, 0, "4")); !strings.Contains(got, "4/5") || rating(1) != 4 {
		t.Errorf("\"4\" typed: %q, rating %d", got, rating(1))
	}
	// q has two tickets waiting for a rating too: with three waiting, as
	// with two, none is rated.
	for _, id := range []string{"UNMA-1", "UNMA-2"} {
		e.Text(q, 0, "/problem")
		e.Press(q, 0, 0, "tk:cat:other")
		describe(e, q, "el proyector del aula 12 no enciende desde el lunes, "+id)
		e.Press(htest.Person(3001, "en"), -2001, 0, "tk:v:"+id)
	}
	if e.Text(q, 0, "5"); rating(2) != 0 {
		t.Errorf("\"5\" with a session and two tickets waiting rated the session: %d", rating(2))
	}
	e.Press(q, 0, 0, "tk:s:UNMA-1:5")
	if e.Text(q, 0, "5"); rating(2) != 0 {
		t.Errorf("\"5\" with a session and a ticket waiting rated the session: %d", rating(2))
	}
	e.Press(q, 0, 0, "tk:s:UNMA-2:5")
	e.Advance(service.SlotFollowUp)
	if e.Text(q, 0, "5"); rating(2) != 0 {
		t.Errorf("\"5\" a week after the mark rated the session: %d", rating(2))
	}
}

// TestMentoring_RateAskedInWords: "quiero calificar mi mentoría", "I want
// to rate my mentor" (the booking article, seen in the sandbox) show the
// stars of the last session the person attended, as the prompt after it
// does; before any, when sessions are rated. A session booked and not
// attended is not offered.
func TestMentoring_RateAskedInWords(t *testing.T) {
	e := htest.New(t, nil)
	first := publish(t, e, mentorP, "2026-03-11 15:00 60 group 2")
	second := publish(t, e, mentorP, "2026-03-12 15:00 60 group 2")
	third := publish(t, e, mentorP, "2026-03-13 15:00 60 group 2")
	p := user(t, e, 42, "unma")
	for _, s := range []aulabot.Slot{first, second, third} {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	if got := texts(e.Text(p, 0, "I want to rate my mentor")); !strings.Contains(got, "You have no mentoring session you attended to rate yet") {
		t.Errorf("nothing attended: %q, want it said when sessions are rated", got)
	}
	e.Advance(first.Start.Sub(e.Now()) + 10*time.Minute)
	e.Press(mentorP, 0, 0, fmt.Sprintf("sl:a:%d:1", first.ID))
	e.Advance(second.Start.Sub(e.Now()) + 10*time.Minute)
	e.Press(mentorP, 0, 0, fmt.Sprintf("sl:a:%d:1", second.ID))
	e.Advance(third.Start.Sub(e.Now()) + 10*time.Minute) // booked, not marked
	for _, asked := range []string{"quiero calificar mi mentoría", "I want to rate my mentor", "rate my last session"} {
		out := e.Text(p, 0, asked)
		b := htest.Buttons(out)
		if got := texts(out); !strings.Contains(got, "How was the mentoring?") || !strings.Contains(got, "Thu 12 Mar") || b["5 ⭐"] != "rt:2:5" {
			t.Errorf("%q: %q %v, want the stars of Thursday's session", asked, got, b)
		}
	}
	e.Press(p, 0, 0, "rt:2:4")
	e.Text(p, 0, "/cancel")
	if got := texts(e.Text(p, 0, "quiero calificar mi mentoría")); !strings.Contains(got, "You gave the mentoring 4/5") {
		t.Errorf("rated already: %q, want what was given and the stars again", got)
	}
}
