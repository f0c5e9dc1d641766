package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A personal slot without a meeting link: the student who booked is told
// the mentor will send it, and the mentor's panel has 🔗 Send the link. A
// text that is not a link is refused and the panel's flow waits; the link
// the mentor pastes reaches the student (in the student's language), is
// kept on the slot for /mybookings and the reminders, and the button goes.
// Another mentor's press on the same data finds nothing.
func TestSlotPanel_SendTheLink(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 personal Rubrics")
	ana := htest.Person(21, "es")
	e.Onboard(ana, "unma", aulabot.RoleTeacher)
	out := e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	if find(out, "Sin enlace de reunión: User4001 se lo enviará antes de la sesión") == nil {
		t.Fatalf("confirmation without a link: %q", texts(out))
	}

	view := fmt.Sprintf("sl:v:%d", s.ID)
	panel := e.Press(mentorP, 0, 0, view)
	send := htest.Buttons(panel)["🔗 Send the link"]
	if send != fmt.Sprintf("sl:l:%d", s.ID) || find(panel, "No meeting link yet: send it with 🔗 Send the link.") == nil {
		t.Fatalf("panel without a link: %q %v", texts(panel), htest.Buttons(panel))
	}

	other := htest.Person(4002, "en") // a mentor of the same university
	e.Press(other, 0, 0, send)
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "does not exist") {
		t.Errorf("another mentor's press: %+v", a)
	}

	if got := allText(e.Press(mentorP, 0, 0, send)); !strings.Contains(got, "Type or paste the meeting link") {
		t.Fatalf("asked: %q", got)
	}
	if got := allText(e.Text(mentorP, 0, "tomorrow at the usual room")); !strings.Contains(got, "That is not a meeting link") {
		t.Fatalf("not a link: %q", got)
	}
	const link = "https://meet.example.edu/rubrics-ana"
	out = e.Text(mentorP, 0, "  meet.example.edu/rubrics-ana ") // pasted without https:// (aulabot.TypedLink)
	if got := allText(to(out, mentorP.ID)); !strings.Contains(got, "Link saved and sent to 1 person.") {
		t.Errorf("the mentor is told %q", got)
	}
	if got := allText(to(out, ana.ID)); !strings.Contains(got, "User4001 le envió el enlace de su mentoría") || !strings.Contains(got, link) {
		t.Errorf("the student got %q", got)
	}

	if got := allText(e.Text(ana, 0, "/mybookings")); !strings.Contains(got, link) || strings.Contains(got, "se lo enviará") {
		t.Errorf("/mybookings after the link: %q", got)
	}
	pending, _ := e.Store.Pending()
	reminders := 0
	for _, m := range pending {
		if strings.HasPrefix(m.Key, "remind:") && m.ChatID == ana.ID {
			reminders++
			if !strings.Contains(m.Text, link) {
				t.Errorf("reminder %s without the link: %q", m.Key, m.Text)
			}
		}
	}
	if reminders != 2 {
		t.Errorf("%d reminders queued, want 2", reminders)
	}
	panel = e.Press(mentorP, 0, 0, view)
	if _, ok := htest.Buttons(panel)["🔗 Send the link"]; ok || find(panel, link) == nil {
		t.Errorf("panel with the link: %q %v", texts(panel), htest.Buttons(panel))
	}
}

// Once the session is over the panel offers no 🔗 Send the link, and a
// press kept from before is answered that the session is over; the flow
// ends, so the next text is a question again.
func TestSlotPanel_SendTheLinkAfterTheSession(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 personal")
	send := htest.Buttons(e.Press(mentorP, 0, 0, fmt.Sprintf("sl:v:%d", s.ID)))["🔗 Send the link"]
	e.Advance(s.End().Sub(e.Now()))
	if _, ok := htest.Buttons(e.Press(mentorP, 0, 0, fmt.Sprintf("sl:v:%d", s.ID)))["🔗 Send the link"]; ok {
		t.Error("the panel of a session that is over offers Send the link")
	}
	e.Press(mentorP, 0, 0, send) // the button of the panel shown before
	if got := allText(e.Text(mentorP, 0, "https://meet.example.edu/late")); !strings.Contains(got, "That session is over; the link was not sent.") {
		t.Errorf("a link after the session: %q", got)
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Link != "" {
		t.Errorf("the slot kept a link after its end: %q", got.Link)
	}
	var st aulabot.State
	e.Store.View(func(tx *storeTx) (err error) { st, err = tx.State(mentorP.ID, mentorP.ID); return err })
	if st.Flow != "" {
		t.Errorf("the flow goes on: %+v", st)
	}
}

// A meeting link pasted alone under a session's buttons that offer 🔗 Send
// the link (its panel, the hour's reminder to its mentor) is that press
// with the link, shown first with the session and who will get it: it got
// "I got a link, but I don't know what you need with it" (seen in the
// sandbox). Another link then replaces it, ✖️ No sends nothing, and other
// words end the wait and are read as any message. Away from such buttons
// a link alone is what it was.
func TestSlotPanel_LinkPasted(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 personal Rubrics")
	free := publish(t, e, mentorP, "2026-03-13 15:00 60 personal")
	ana := htest.Person(21, "es")
	e.Onboard(ana, "unma", aulabot.RoleTeacher)
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	sentToAna := len(e.Sent(ana.ID))

	e.Text(mentorP, 0, "/start") // the configuration's greeting
	e.Press(mentorP, 0, 0, fmt.Sprintf("sl:v:%d", s.ID))
	out := e.Text(mentorP, 0, "https://meet.example.edu/first")
	if m := find(out, "Shall I send this link to the person booked in this session?"); m == nil || !strings.Contains(m.Text, "Thu 12 Mar, 15:00") ||
		!strings.Contains(m.Text, "https://meet.example.edu/first\n1 person will get it.") ||
		htest.Buttons(out)["🔗 Yes, it's this session's"] != fmt.Sprintf("sl:ly:%d", s.ID) || htest.Buttons(out)["✖️ No"] != fmt.Sprintf("sl:ln:%d", s.ID) {
		t.Fatalf("the link pasted under the panel: %q %v", texts(out), htest.Buttons(out))
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Link != "" || len(e.Sent(ana.ID)) != sentToAna {
		t.Fatalf("sent before the yes: link %q, Ana got %q", got.Link, texts(e.Sent(ana.ID)[sentToAna:]))
	}
	if find(e.Text(mentorP, 0, "meet.example.edu/second"), "https://meet.example.edu/second\n1 person will get it.") == nil {
		t.Fatal("another link pasted does not replace the first")
	}
	if out := e.Text(mentorP, 0, "ok"); find(out, "tap the button") == nil || htest.Buttons(out)["🔗 Yes, it's this session's"] != fmt.Sprintf("sl:ly:%d", s.ID) {
		t.Fatalf("a yes typed at the link's question: %q", texts(out))
	}
	out = e.Press(mentorP, 0, 0, fmt.Sprintf("sl:ly:%d", s.ID))
	if find(out, "Link saved and sent to 1 person.") == nil {
		t.Errorf("the yes: %q", texts(out))
	}
	if got := allText(to(out, ana.ID)); !strings.Contains(got, "https://meet.example.edu/second") || strings.Contains(got, "first") {
		t.Errorf("Ana got %q", got)
	}

	// Nobody booked: kept for those who book. Words typed then are a
	// question, and the yes above them sends nothing.
	e.Press(mentorP, 0, 0, fmt.Sprintf("sl:v:%d", free.ID))
	if find(e.Text(mentorP, 0, "https://meet.example.edu/free"), "Is this the session's link?") == nil {
		t.Fatal("a link pasted under the panel of a session nobody booked")
	}
	if got := allText(e.Text(mentorP, 0, "how do I upload a video?")); strings.Contains(got, "not a meeting link") || strings.Contains(got, "Link saved") || !strings.Contains(got, "Did you mean one of these?") {
		t.Errorf("words after the link's question: %q", got)
	}
	if st := stateOf(t, e, mentorP); st.Flow != "" {
		t.Errorf("the link still waits: %+v", st)
	}
	if e.Press(mentorP, 0, 0, fmt.Sprintf("sl:ly:%d", free.ID)); !e.LastAnswer().Alert {
		t.Errorf("the yes after other words: %+v", e.LastAnswer())
	}
	e.Press(mentorP, 0, 0, fmt.Sprintf("sl:v:%d", free.ID))
	e.Text(mentorP, 0, "https://meet.example.edu/free")
	if find(e.Press(mentorP, 0, 0, fmt.Sprintf("sl:ln:%d", free.ID)), "I didn't send it.") == nil {
		t.Error("No")
	}
	if got, _, _ := e.Store.Slot(free.ID); got.Link != "" {
		t.Errorf("kept a link refused: %q", got.Link)
	}
	// Away from a session's buttons, a link alone is what it was.
	e.Text(mentorP, 0, "/help")
	if find(e.Text(mentorP, 0, "https://meet.example.edu/free"), "I got a link, but I don't know what you need with it") == nil {
		t.Error("a link alone away from a session's buttons")
	}

	// The hour's reminder to the mentor offers the button: a link pasted
	// under it is asked about too.
	later := publish(t, e, mentorP, "2026-03-14 15:00 60 group 5")
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", later.ID))
	if got := toWith(tick(t, e, later.Start.Add(-time.Hour).Sub(e.Now())), mentorP.ID, "starts in an hour"); len(got) != 1 {
		t.Fatalf("the hour's reminder: %q", texts(got))
	}
	if find(e.Text(mentorP, 0, "https://meet.example.edu/late"), "Sat 14 Mar, 15:00") == nil {
		t.Error("a link pasted under the hour's reminder")
	}
}
