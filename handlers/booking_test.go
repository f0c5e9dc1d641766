package handlers_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
)

var mentorP = htest.Person(4001, "en")

// publish has the mentor create a slot by command and returns it.
func publish(t *testing.T, e *htest.Env, m aulabot.Person, args string) aulabot.Slot {
	t.Helper()
	out := e.Text(m, 0, "/newslot "+args)
	if len(out) != 1 || !strings.Contains(out[0].Text, "Slot published") {
		t.Fatalf("/newslot %s: %q", args, texts(out))
	}
	var s aulabot.Slot
	e.Store.View(func(tx *storeTx) error {
		all, _ := tx.MentorSlots(m.ID, time.Time{}, time.Now().AddDate(5, 0, 0))
		s = all[len(all)-1]
		for _, x := range all {
			if x.ID > s.ID {
				s = x
			}
		}
		return nil
	})
	return s
}

// TestMyBookings_Typed: under /mybookings, a button's words typed are its
// press: with one booking "cancel" asks to cancel it, as ✖️ does; with
// two, "change the time" (under each) presses neither.
func TestMyBookings_Typed(t *testing.T) {
	e := htest.New(t, nil)
	first := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	second := publish(t, e, mentorP, "2026-03-13 15:00 30 personal")
	p := user(t, e, 44, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", first.ID))
	e.Text(p, 0, "/mybookings")
	got := texts(e.Text(p, 0, "cancel"))
	e.Text(p, 0, "/mybookings")
	if want := texts(e.Press(p, 0, 0, "bk:x:1")); got != want || got == "" {
		t.Errorf("\"cancel\" typed with one booking: %q, want ✖️'s %q", got, want)
	}
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", second.ID))
	var changes []string
	for _, m := range e.Text(p, 0, "/mybookings") {
		for _, row := range m.Inline {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "bk:r:") {
					changes = append(changes, b.Data)
				}
			}
		}
	}
	if len(changes) != 2 {
		t.Fatalf("/mybookings with two bookings offers %v to change", changes)
	}
	got = texts(e.Text(p, 0, "change the time"))
	for _, data := range changes {
		if press := texts(e.Press(p, 0, 0, data)); got == press {
			t.Errorf("\"change the time\" typed under two bookings: %q, %s's press", got, data)
		}
	}
}

// Under /mybookings, words that would press two or more buttons show
// them alone ("cancel" under three bookings), those with the same words
// with their day and time; a booking's button typed with its day or time
// is its press ("cancel the one on thursday", "change the time of the
// one at 10"), an hour without "am" the afternoon's too; a day alone
// shows that day's booking's buttons, and under "Which of these?" picks
// among them. Before, "cancelar" and "cancelar la
// del martes" under three bookings got "I don't know" and reached /gaps
// (seen in the sandbox).
func TestMyBookings_WhichOne(t *testing.T) {
	e := htest.New(t, nil)
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	friAM := publish(t, e, mentorP, "2026-03-13 10:00 30 personal")
	friPM := publish(t, e, mentorP, "2026-03-13 15:00 30 personal")
	p := user(t, e, 45, "unma")
	ids := map[uint64]uint64{} // slot → booking
	for _, s := range []aulabot.Slot{thu, friAM, friPM} {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
		b := booked(t, e, 45, s.ID)
		ids[s.ID] = b
	}
	data := func(prefix string, slots ...aulabot.Slot) []string {
		var out []string
		for _, s := range slots {
			d := fmt.Sprintf("%s:%d", prefix, ids[s.ID])
			if prefix == "bk:r" {
				d += ":0" // the first page of other slots
			}
			out = append(out, d)
		}
		slices.Sort(out)
		return out
	}
	shown := func(out []aulabot.Message) []string {
		var got []string
		for _, d := range htest.Buttons(out) {
			got = append(got, d)
		}
		slices.Sort(got)
		return got
	}
	e.Text(p, 0, "/mybookings")
	out := e.Text(p, 0, "cancel")
	if !strings.Contains(texts(out), "Which of these?") || !slices.Equal(shown(out), data("bk:x", thu, friAM, friPM)) {
		t.Fatalf("\"cancel\" under three bookings: %q %v, want their three Cancel buttons", texts(out), htest.Buttons(out))
	}
	out = e.Text(p, 0, "friday")
	if !slices.Equal(shown(out), data("bk:x", friAM, friPM)) {
		t.Errorf("\"friday\" under Which of these?: %q %v, want Friday's two", texts(out), htest.Buttons(out))
	}
	e.Text(p, 0, "/mybookings")
	out = e.Text(p, 0, "thursday")
	if got := shown(out); len(got) != 3 || !slices.Contains(got, data("bk:x", thu)[0]) || !slices.Contains(got, data("bk:r", thu)[0]) {
		t.Errorf("\"thursday\" under /mybookings: %q %v, want Thursday's booking's three buttons", texts(out), htest.Buttons(out))
	}
	e.Text(p, 0, "/mybookings")
	got := texts(e.Text(p, 0, "cancel the one on thursday"))
	if want := texts(e.Press(p, 0, 0, data("bk:x", thu)[0])); got != want || !strings.Contains(got, "Cancel your booking?") {
		t.Errorf("\"cancel the one on thursday\": %q, want Thursday's Cancel %q", got, want)
	}
	e.Text(p, 0, "/mybookings")
	out = e.Text(p, 0, "change the time")
	if !slices.Equal(shown(out), data("bk:r", thu, friAM, friPM)) || !strings.Contains(texts(out), "Which of these?") {
		t.Fatalf("\"change the time\" under three bookings: %q %v", texts(out), htest.Buttons(out))
	}
	for label := range htest.Buttons(out) {
		if !strings.Contains(label, "Change the time · ") {
			t.Errorf("button %q, want the time after its words", label)
		}
	}
	e.Text(p, 0, "/mybookings")
	got = texts(e.Text(p, 0, "change the time of the one at 10"))
	if want := texts(e.Press(p, 0, 0, data("bk:r", friAM)[0])); got != want || got == "" {
		t.Errorf("\"change the time of the one at 10\": %q, want Friday 10:00's change %q", got, want)
	}
	e.Text(p, 0, "/mybookings")
	out = e.Text(p, 0, "cancel the one at 3")
	if !slices.Equal(shown(out), data("bk:x", thu, friPM)) {
		t.Errorf("\"cancel the one at 3\": %q %v, want the two at 15:00", texts(out), htest.Buttons(out))
	}
	e.Text(p, 0, "/mybookings")
	if out := e.Text(p, 0, "cancel the one at 3am"); strings.Contains(texts(out), "Which of these?") || strings.Contains(texts(out), "Cancel your booking?") {
		t.Errorf("\"cancel the one at 3am\": %q, want no booking's button", texts(out))
	}
	e.Text(p, 0, "/mybookings")
	if out := e.Text(p, 0, "cancel the one on sunday"); strings.Contains(texts(out), "Which of these?") || strings.Contains(texts(out), "Cancel your booking?") {
		t.Errorf("\"cancel the one on sunday\": %q, want no booking's button", texts(out))
	}
	if b := booked(t, e, 45, thu.ID); b != ids[thu.ID] {
		t.Errorf("Thursday's booking changed: %d", b)
	}
}

// TestMyBookings_ChangeToDay: "change my session to friday", "cambia mi
// mentoría al viernes" with one booking, on another day, are its 🔁
// Change the time (the list showed, seen in the sandbox); with two, the
// day where to picks neither.
func TestMyBookings_ChangeToDay(t *testing.T) {
	e := htest.New(t, nil)
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 10:00 30 personal")
	p := user(t, e, 46, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", thu.ID))
	change := fmt.Sprintf("bk:r:%d:0", booked(t, e, 46, thu.ID))
	want := texts(e.Press(p, 0, 0, change))
	for _, asked := range []string{"change my session to friday", "cambia mi mentoría al viernes"} {
		if got := texts(e.Text(p, 0, asked)); got != want || got == "" {
			t.Errorf("%q with one booking: %q, want its change %q", asked, got, want)
		}
		e.Text(p, 0, "/cancel")
	}
	other := publish(t, e, mentorP, "2026-03-16 10:00 30 personal")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", other.ID))
	if got := texts(e.Text(p, 0, "change my session to friday")); got == want {
		t.Errorf("two bookings: %q, want neither's change alone", got)
	}
}

// user writes an onboarded user straight into the store (fast, for many).
func user(t testing.TB, e *htest.Env, id int64, uni string) aulabot.Person {
	return namedUser(t, e, id, uni, "")
}

// namedUser is user with the first name name ("" for the default).
func namedUser(t testing.TB, e *htest.Env, id int64, uni, name string) aulabot.Person {
	p := htest.Person(id, "en")
	if name != "" {
		p.FirstName = name
	}
	err := e.Store.Update(func(tx *storeTx) error {
		return tx.PutUser(aulabot.User{ID: id, Name: p.Name(), University: uni, Role: aulabot.RoleTeacher, Lang: "en", ConsentAt: e.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func find(msgs []aulabot.Message, substr string) *aulabot.Message {
	for i := range msgs {
		if strings.Contains(msgs[i].Text, substr) {
			return &msgs[i]
		}
	}
	return nil
}

func buttonWith(t *testing.T, msgs []aulabot.Message, substr string) string {
	t.Helper()
	found := ""
	for text, data := range htest.Buttons(msgs) {
		if strings.Contains(text, substr) {
			if found != "" {
				t.Fatalf("more than one button with %q in %v", substr, htest.Buttons(msgs))
			}
			found = data
		}
	}
	if found == "" {
		t.Fatalf("no button with %q in %v", substr, htest.Buttons(msgs))
	}
	return found
}

func TestBooking_Flow(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 2 Moodle quizzes")
	p := htest.Person(10, "en")
	e.Onboard(p, "unma", "teacher")

	out := e.Text(p, 0, "📅 Mentoring") // the main-menu button
	if find(out, "Which kind of session") == nil {
		t.Fatalf("menu button: %q", texts(out))
	}
	out = e.Press(p, 0, 0, buttonWith(t, out, "👥 Group"))
	slotBtn := buttonWith(t, out, "Thu 12 Mar, 15:00 · User4001 · Moodle quizzes · 2 seats left")
	out = e.Press(p, 0, 0, slotBtn)
	if find(out, "2 seats left of 2") == nil || find(out, "Lima time") == nil {
		t.Fatalf("slot detail: %q", texts(out))
	}
	out = e.Press(p, 0, 0, buttonWith(t, out, "Confirm"))
	conf := find(out, "Booked!")
	if conf == nil || conf.ChatID != p.ID {
		t.Fatalf("confirm: %q", texts(out))
	}
	cal := find(out, "📎 The session for your calendar")
	if cal == nil || cal.File == nil || !strings.HasSuffix(cal.File.Name, ".ics") {
		t.Fatalf("no .ics after the confirmation: %q", texts(out))
	}
	ics := string(cal.File.Data)
	for _, want := range []string{"UID:booking-1@aulabot", "DTSTART:20260312T200000Z", "DTEND:20260312T210000Z", "SUMMARY:Mentoring with User4001"} {
		if !strings.Contains(ics, want) {
			t.Errorf(".ics lacks %q:\n%s", want, ics)
		}
	}
	if m := find(out, "User10 booked"); m == nil || m.ChatID != mentorP.ID {
		t.Errorf("mentor not told: %q", texts(out))
	}
	// The same button again books once.
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	if a := e.LastAnswer(); !strings.Contains(a.Text, "already booked") {
		t.Errorf("second press answer = %+v", a)
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Booked != 1 {
		t.Errorf("booked = %d, want 1", got.Booked)
	}
	out = e.Text(p, 0, "/mybookings")
	if find(out, "Thu 12 Mar, 15:00–16:00") == nil {
		t.Fatalf("/mybookings: %q", texts(out))
	}
	out = e.Press(p, 0, 0, buttonWith(t, out, "Cancel Thu 12 Mar, 15:00"))
	if find(out, "Cancel your booking?") == nil {
		t.Fatalf("cancel asks nothing: %q", texts(out))
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Booked != 1 {
		t.Errorf("the first tap cancelled: booked = %d", got.Booked)
	}
	out = e.Press(p, 0, 0, buttonWith(t, out, "Yes, cancel it"))
	if m := find(out, "from your calendar"); find(out, "Booking cancelled") == nil || m == nil || m.File == nil || !strings.Contains(string(m.File.Data), "STATUS:CANCELLED") ||
		!strings.Contains(string(m.File.Data), "UID:booking-1@aulabot") || !strings.Contains(string(m.File.Data), "SEQUENCE:1") {
		t.Fatalf("cancel: %q", texts(out))
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Booked != 0 {
		t.Errorf("booked after cancel = %d, want 0", got.Booked)
	}
}

func TestBooking_NextFreeSlot(t *testing.T) {
	e := htest.New(t, nil)
	publish(t, e, mentorP, "2026-03-13 09:00 30 personal Rubrics")
	publish(t, e, mentorP, "2026-03-12 09:00 30 personal Forums")
	p := user(t, e, 11, "unma")
	out := e.Press(p, 0, 0, "bk:new")
	out = e.Press(p, 0, 0, buttonWith(t, out, "Next free slot (Personal)"))
	if find(out, "Thu 12 Mar, 09:00") == nil {
		t.Fatalf("next free: %q", texts(out))
	}
	out = e.Press(p, 0, 0, buttonWith(t, out, "Confirm"))
	if m := find(out, "Booked!"); m == nil || !strings.Contains(m.Text, "No meeting link yet: User4001 will send it") {
		t.Fatalf("confirm of a personal slot without a link: %q", texts(out))
	}
	// Now the 12th is taken: the next free one is the 13th.
	q := user(t, e, 12, "unma")
	out = e.Press(q, 0, 0, "bk:n:p")
	if find(out, "Fri 13 Mar, 09:00") == nil {
		t.Fatalf("next free for the second person: %q", texts(out))
	}
	// A group session without a link says so too: it said nothing of a
	// link, in the confirmation, the list and the reminders alike.
	g := publish(t, e, mentorP, "2026-03-14 10:00 60 group 5 Rubrics")
	out = e.Press(q, 0, 0, fmt.Sprintf("bk:c:%d", g.ID))
	if m := find(out, "Booked!"); m == nil || !strings.Contains(m.Text, "No meeting link yet: User4001 will send it") {
		t.Errorf("confirm of a group slot without a link: %q", texts(out))
	}
	if out := e.Text(q, 0, "/mybookings"); !strings.Contains(texts(out), "Rubrics (group)\n💬 No meeting link yet") {
		t.Errorf("/mybookings of the group session without a link: %q", texts(out))
	}
}

func TestBooking_Reminders(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 personal")
	p := user(t, e, 13, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	keys := map[string]time.Time{}
	pending, _ := e.Store.Pending()
	for _, m := range pending {
		keys[m.Key] = m.NotBefore
	}
	if keys["remind:b1:24h"] != s.Start.Add(-24*time.Hour) || keys["remind:b1:1h"] != s.Start.Add(-time.Hour) {
		t.Fatalf("reminders = %v", keys)
	}
	e.Advance(s.Start.Add(-24 * time.Hour).Sub(e.Now()))
	out := e.Deliver()
	r := find(out, "You have mentoring tomorrow")
	if r == nil || r.ChatID != p.ID {
		t.Fatalf("24 h reminder: %q", texts(out))
	}
	b := htest.Buttons([]aulabot.Message{*r})
	if b["👍 I'll attend"] != "bk:a:1" || b["✖️ Cancel booking"] != "bk:x:1" {
		t.Errorf("reminder buttons = %v", b)
	}
	e.Press(p, 0, 0, "bk:a:1")
	if a := e.LastAnswer(); !strings.Contains(a.Text, "See you") {
		t.Errorf("I'll attend answer = %+v", a)
	}
	e.Press(p, 0, 0, "bk:X:1")
	pending, _ = e.Store.Pending()
	for _, m := range pending {
		if strings.HasPrefix(m.Key, "remind:b1:") {
			t.Errorf("reminder %s left after cancelling", m.Key)
		}
	}
	e.Advance(24 * time.Hour)
	if out := e.Deliver(); find(out, "starts in 1 hour") != nil {
		t.Error("1 h reminder sent for a cancelled booking")
	}
}

// TestBooking_ConfirmationSaysWhichReminders: the confirmation promises
// only the reminders still ahead. A session 19 hours away was promised
// "24 h and 1 h before" and got the 1 h one alone (seen in the sandbox).
func TestBooking_ConfirmationSaysWhichReminders(t *testing.T) {
	cfg := config.Demo()
	cfg.Booking.MinNotice = aulabot.Duration(30 * time.Minute)
	e := htest.New(t, cfg)
	for i, tt := range []struct {
		when      string // in Lima, 5 h behind UTC; it is 10:00 there
		want, not string
		reminders int
	}{
		{"2026-03-13 09:00", "I'll remind you 24 h and 1 h before.", "", 2},
		{"2026-03-11 05:00", "I'll remind you 1 h before.", "24 h", 1},
		{"2026-03-10 10:40", "It starts in less than an hour.", "remind", 0},
	} {
		s := publish(t, e, mentorP, tt.when+" 30 personal")
		p := user(t, e, int64(20+i), "unma")
		out := e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
		conf := find(out, "Booked!")
		if conf == nil || !strings.Contains(conf.Text, tt.want) || (tt.not != "" && strings.Contains(conf.Text, tt.not)) {
			t.Errorf("%s: confirmation = %q, want %q", tt.when, texts(out), tt.want)
		}
		pending, _ := e.Store.Pending()
		n := 0
		for _, m := range pending {
			if m.ChatID == p.ID && strings.HasPrefix(m.Key, "remind:") {
				n++
			}
		}
		if n != tt.reminders {
			t.Errorf("%s: %d reminders queued, the confirmation says %d", tt.when, n, tt.reminders)
		}
	}
}

// TestNewSlot_LinkTyped: a web address typed after "/newslot … personal"
// is the session's link, not its topic: the mentor sees it, and so does
// whoever books. It was published as the topic, and the slot without one
// (seen in the sandbox).
func TestNewSlot_LinkTyped(t *testing.T) {
	e := htest.New(t, nil)
	out := e.Text(mentorP, 0, "/newslot 2026-03-13 09:00 60 personal Rubrics https://meet.example.org/rubrics")
	if len(out) != 1 || !strings.Contains(out[0].Text, "Rubrics") || !strings.Contains(out[0].Text, "🔗 Link: https://meet.example.org/rubrics") {
		t.Fatalf("published = %q", texts(out))
	}
	out = e.Text(mentorP, 0, "/newslot 2026-03-13 11:00 60 personal")
	if len(out) != 1 || !strings.Contains(out[0].Text, "No meeting link: you can send it later") {
		t.Errorf("published without a link = %q", texts(out))
	}
	var s aulabot.Slot
	e.Store.View(func(tx *storeTx) error {
		all, _ := tx.MentorSlots(mentorP.ID, time.Time{}, time.Now().AddDate(5, 0, 0))
		s = all[0]
		return nil
	})
	if s.Link != "https://meet.example.org/rubrics" || s.Topic != "Rubrics" {
		t.Fatalf("stored slot = %+v", s)
	}
	p := user(t, e, 13, "unma")
	conf := find(e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID)), "Booked!")
	if conf == nil || !strings.Contains(conf.Text, "https://meet.example.org/rubrics") || strings.Contains(conf.Text, "No meeting link") {
		t.Errorf("the booker's confirmation = %+v", conf)
	}
	out = e.Text(mentorP, 0, "/weekly fri 15:00-16:00 30 2026-03-20 https://meet.example.org/weekly")
	if len(out) != 1 || !strings.Contains(out[0].Text, "All with the meeting link https://meet.example.org/weekly") {
		t.Errorf("/weekly with a link = %q", texts(out))
	}
}

func TestBooking_CancelCutoff(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-10 14:00 60 personal") // 4 h from now
	p := user(t, e, 14, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Advance(3 * time.Hour)
	e.Press(p, 0, 0, "bk:X:1")
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "too late to cancel") {
		t.Fatalf("late cancel answer = %+v", a)
	}
	// The mentor may.
	out := e.Press(mentorP, 0, 0, "bk:x:1")
	if find(out, "Cancel User14's booking?") == nil {
		t.Fatalf("the mentor is not asked: %q", texts(out))
	}
	out = e.Press(mentorP, 0, 0, "bk:X:1")
	if m := find(out, "Your mentor cancelled your booking"); m == nil || m.ChatID != p.ID {
		t.Fatalf("mentor cancel: %q", texts(out))
	}
}

func TestBooking_Waitlist(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 1")
	a, b := user(t, e, 15, "unma"), user(t, e, 16, "unma")
	e.Press(a, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	out := e.Press(b, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	if find(out, "just filled up") == nil {
		t.Fatalf("full: %q", texts(out))
	}
	// Its detail reads right for one seat (it said "full (1 seats)").
	if d := e.Press(b, 0, 0, fmt.Sprintf("bk:s:%d", s.ID)); find(d, "This session is full (capacity: 1).") == nil {
		t.Errorf("the full session's detail: %q", texts(d))
	}
	full := find(out, "just filled up")
	out = e.Press(b, 0, int(full.ID), buttonWith(t, out, "Join waitlist"))
	if find(out, "waitlist (place 1)") == nil {
		t.Fatalf("waitlist: %q", texts(out))
	}
	// The list marks the session each holds: not "0 seats left".
	for _, p := range []struct {
		who  aulabot.Person
		want string
	}{{a, " · ✅ yours"}, {b, " · ⏳ on the waitlist"}, {user(t, e, 17, "unma"), " · 0 seats left"}} {
		label := ""
		for text, data := range htest.Buttons(e.Press(p.who, 0, 0, "bk:k:g:0")) {
			if data == fmt.Sprintf("bk:s:%d", s.ID) {
				label = text
			}
		}
		if !strings.HasSuffix(label, p.want) {
			t.Errorf("%d's list shows the session as %q, want …%q", p.who.ID, label, p.want)
		}
	}
	// The mentor's list says how many wait, and so does asking: "¿cuántas
	// personas hay en la lista de espera?" got suggestions (seen in the
	// sandbox).
	for _, asked := range []string{"/slots", "¿cuántas personas hay en la lista de espera?", "who is on the waitlist?"} {
		if got := texts(e.Text(mentorP, 0, asked)); !strings.Contains(got, "— 1/1: User15 · ⏳ 1 waiting") {
			t.Errorf("the mentor's %q: %q, want the session with one waiting", asked, got)
		}
	}
	out = e.Press(a, 0, 0, "bk:X:1")
	// The mentor hears of the cancellation and the promotion in one
	// message (they were two).
	if told := to(out, mentorP.ID); len(told) != 1 || !strings.Contains(told[0].Text, "User15 canceló su reserva y ⏫ User16 pasó de la lista de espera a su lugar") {
		t.Errorf("the mentor is told %q, want the cancel and the promotion in one message", texts(told))
	}
	m := find(out, "A seat came free and it is yours now")
	if m == nil || m.ChatID != b.ID || m.File == nil {
		t.Fatalf("promotion: %q", texts(out))
	}
	// The message that said b waited no longer does, nor offers to leave
	// the waitlist (it kept both above the seat's confirmation).
	if w := find(out, "you are no longer on the waitlist"); w == nil || w.ChatID != b.ID || w.EditRef != service.WaitRef(2) || len(w.Inline) != 0 { // b's is the second booking
		t.Errorf("the waitlist message after the promotion: %+v", w)
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Booked != 1 || got.Waiting != 0 {
		t.Errorf("slot = %d booked %d waiting", got.Booked, got.Waiting)
	}
	// Cancel under the seat's confirmation, a calendar file, asks there,
	// in its caption: a text edit, which Telegram refuses on a file,
	// changed nothing (seen in the sandbox on a training's place).
	var asked *aulabot.Message
	for _, o := range e.PressOn(b, *m, buttonWith(t, []aulabot.Message{*m}, "Cancel")) {
		if o.EditMessageID == int(m.ID) {
			asked = &o
		}
	}
	if asked == nil || !asked.EditCaption || !strings.Contains(asked.Text, "Cancel your booking?") {
		t.Errorf("Cancel under the promotion's confirmation: %+v", asked)
	}
}

// TestBooking_ConcurrentPresses: 200 people press the same Book button at
// once; exactly capacity are confirmed, everyone else is told it is full.
func TestBooking_ConcurrentPresses(t *testing.T) {
	e := htest.New(t, nil)
	const capacity = 5
	s := publish(t, e, mentorP, fmt.Sprintf("2026-03-12 15:00 60 group %d", capacity))
	var people []aulabot.Person
	for i := range 200 {
		people = append(people, user(t, e, int64(1000+i), "unma"))
	}
	var wg sync.WaitGroup
	for i, p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := aulabot.Update{ID: int64(100000 + i), ChatID: p.ID, ChatType: aulabot.ChatPrivate, From: p,
				Callback: &aulabot.Callback{ID: fmt.Sprint("c", i), Data: fmt.Sprintf("bk:c:%d", s.ID)}}
			if err := e.H.Handle(context.Background(), u); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	out := e.Deliver()
	booked, full := 0, 0
	for _, m := range out {
		switch {
		case strings.Contains(m.Text, "Booked!"):
			booked++
		case strings.Contains(m.Text, "just filled up"):
			full++
		}
	}
	if booked != capacity || full != 200-capacity {
		t.Fatalf("confirmed %d, told full %d; want %d and %d", booked, full, capacity, 200-capacity)
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Booked != capacity {
		t.Errorf("slot booked = %d", got.Booked)
	}
}

func TestBooking_Forged(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 3")
	owner, other, foreign := user(t, e, 17, "unma"), user(t, e, 18, "unma"), user(t, e, 19, "unvs")
	e.Press(owner, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	tests := []struct {
		name string
		who  aulabot.Person
		data string
		want string
	}{
		{"OtherUniversitySlot", foreign, fmt.Sprintf("bk:c:%d", s.ID), "not your university's"},
		{"OtherUniversityShow", foreign, fmt.Sprintf("bk:s:%d", s.ID), "not your university's"},
		// Someone else's booking or slot gets the same answer as one that
		// does not exist, so ids cannot be probed.
		{"SomeoneElsesBooking", other, "bk:x:1", "does not exist"},
		{"NoSuchBooking", other, "bk:x:999", "does not exist"},
		{"NoSuchSlot", other, "bk:c:999", "does not exist"},
		{"Garbage", other, "bk:c:abc", "no longer valid"},
		{"Huge", other, "bk:c:99999999999999999999999", "no longer valid"},
		{"NotAMentor", other, fmt.Sprintf("sl:x:%d", s.ID), "Only mentors"},
		{"OtherMentor", htest.Person(4002, "en"), fmt.Sprintf("sl:x:%d", s.ID), "does not exist"},
		{"OtherMentorAttendance", htest.Person(4002, "en"), "sl:a:1:0", "does not exist"},
		{"Rating", other, "rt:1:5", "does not exist"},
	}
	answers := map[string]htest.Answer{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := e.Press(tt.who, 0, 0, tt.data)
			answers[tt.name] = e.LastAnswer()
			if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, tt.want) {
				t.Errorf("answer = %+v, want an alert with %q (sent %q)", a, tt.want, texts(out))
			}
			got, _, _ := e.Store.Slot(s.ID)
			b, _, _ := e.Store.Booking(1)
			if got.Booked != 1 || got.Cancelled || b.Status != aulabot.BookingActive || b.Attendance != "" {
				t.Errorf("changed: slot %+v booking %+v", got, b)
			}
		})
	}
	if a, b := answers["SomeoneElsesBooking"], answers["NoSuchBooking"]; a != b {
		t.Errorf("someone else's booking answered %+v, one that does not exist %+v: the same answer was wanted", a, b)
	}
}

// TestBooking_DuplicateUpdate: Telegram delivers the same button press
// twice (or the process restarts mid-way): it books once, confirms once.
func TestBooking_DuplicateUpdate(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 4")
	p := user(t, e, 25, "unma")
	u := aulabot.Update{ID: 777, ChatID: p.ID, From: p, Callback: &aulabot.Callback{ID: "dup", Data: fmt.Sprintf("bk:c:%d", s.ID)}}
	first := e.Handle(u)
	second := e.Handle(u)
	if find(first, "Booked!") == nil || len(second) != 0 {
		t.Fatalf("first %q, second %q", texts(first), texts(second))
	}
	if got, _, _ := e.Store.Slot(s.ID); got.Booked != 1 {
		t.Errorf("booked = %d", got.Booked)
	}
	pending, _ := e.Store.Pending()
	n := 0
	for _, m := range pending {
		if strings.HasPrefix(m.Key, "remind:b1:") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d reminders queued, want 2", n)
	}
}

// TestBooking_DeleteMyData: future bookings are cancelled with their
// reminders, and the seat is free again.
func TestBooking_DeleteMyData(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 personal")
	p := user(t, e, 26, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Text(p, 0, "/deletemydata")
	e.Press(p, 0, 0, "del:yes")
	if got, _, _ := e.Store.Slot(s.ID); got.Booked != 0 {
		t.Errorf("booked = %d after deletion", got.Booked)
	}
	pending, _ := e.Store.Pending()
	for _, m := range pending {
		if strings.HasPrefix(m.Key, "remind:") {
			t.Errorf("%s still queued", m.Key)
		}
	}
	q := user(t, e, 27, "unma")
	if out := e.Press(q, 0, 0, fmt.Sprintf("bk:c:%d", s.ID)); find(out, "Booked!") == nil {
		t.Errorf("seat not free: %q", texts(out))
	}
}

// A mentor asked to confirm /deletemydata is told how many upcoming
// sessions people booked stay standing without the mentor's name, and
// how to call them off first; not for sessions nobody booked, nor one
// cancelled, nor for someone who mentors nowhere.
func TestBooking_MentorDeleteMyDataSessionsStay(t *testing.T) {
	e := htest.New(t, nil)
	ask := func(p aulabot.Person) string {
		t.Helper()
		return lastTo(t, e.Text(p, 0, "/deletemydata"), p.ID).Text
	}
	publish(t, e, mentorP, "2026-03-12 15:00 60 personal")
	if got := ask(mentorP); strings.Contains(got, "upcoming session") {
		t.Errorf("a mentor with no session booked: %q", got)
	}
	e.Text(mentorP, 0, "/cancel")
	booked := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5")
	cancelled := publish(t, e, mentorP, "2026-03-16 15:00 60 group 5")
	p := user(t, e, 26, "unma")
	for _, s := range []aulabot.Slot{booked, cancelled} {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	e.Press(mentorP, 0, 0, fmt.Sprintf("sl:x:%d", cancelled.ID))
	e.Text(mentorP, 0, "Unwell")
	e.Press(mentorP, 0, 0, fmt.Sprintf("sl:xy:%d", cancelled.ID))
	if got := ask(mentorP); !strings.Contains(got, "You have 1 upcoming session with people booked. Your slots stay, without your name, and those booked still expect it: if you will not hold it, cancel it first in /slots") {
		t.Errorf("a mentor with a session booked: %q", got)
	}
	e.Text(mentorP, 0, "/cancel")
	if got := ask(p); strings.Contains(got, "upcoming session") {
		t.Errorf("someone booked, not a mentor: %q", got)
	}
}

// TestBooking_Topic: before booking a personal slot the person states the
// topic; the mentor sees it.
func TestBooking_Topic(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	p := user(t, e, 28, "unma")
	out := e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	out = e.Press(p, 0, 0, buttonWith(t, out, "Tell the topic first"))
	if find(out, "What would you like to talk about?") == nil {
		t.Fatalf("topic asked: %q", texts(out))
	}
	out = e.Text(p, 0, "Grading <rubics> in Moodle")
	// A typo: another topic replaces it before Confirm.
	if b := htest.Buttons(out)["✍️ Write another topic"]; b != fmt.Sprintf("bk:t:%d", s.ID) {
		t.Fatalf("the topic noted offers %v", htest.Buttons(out))
	}
	e.Press(p, 0, 0, fmt.Sprintf("bk:t:%d", s.ID))
	out = e.Text(p, 0, "Grading <rubrics> in Moodle")
	out = e.Press(p, 0, 0, buttonWith(t, out, "Confirm"))
	if m := find(out, "💬 Tema: Grading &lt;rubrics&gt; in Moodle"); m == nil || m.ChatID != mentorP.ID {
		t.Fatalf("mentor not told the topic: %q", texts(out))
	}
	if b, _, _ := e.Store.Booking(1); b.Topic != "Grading <rubrics> in Moodle" {
		t.Errorf("booking topic = %q", b.Topic)
	}
	// The person's /mybookings has it too, under the session.
	if got := texts(e.Text(p, 0, "/mybookings")); !strings.Contains(got, "\n💬 «Grading &lt;rubrics&gt; in Moodle»") {
		t.Errorf("/mybookings: %q", got)
	}
	// The slot's panel has it on the person's line: the notice is far up
	// the chat when the mentor prepares the session.
	if v := texts(e.Press(mentorP, 0, 0, fmt.Sprintf("sl:v:%d", s.ID))); !strings.Contains(v, "• User28 · 💬 «Grading &lt;rubrics&gt; in Moodle»") {
		t.Errorf("the mentor's panel: %q", v)
	}
}

// TestBooking_TopicOffersArticles: a topic the knowledge base answers
// brings the article first; booking still goes on with Confirm.
func TestBooking_TopicOffersArticles(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	p := user(t, e, 29, "unma")
	out := e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	e.Press(p, 0, 0, buttonWith(t, out, "Tell the topic first"))
	out = e.Text(p, 0, "how do i create a quiz in moodle")
	if find(out, "This may already help") == nil {
		t.Fatalf("no article offered for the topic: %q", texts(out))
	}
	out = e.Press(p, 0, 0, buttonWith(t, out, "Confirm"))
	if b, _, _ := e.Store.Booking(1); b.Topic != "how do i create a quiz in moodle" {
		t.Errorf("booking topic = %q (%q)", b.Topic, texts(out))
	}
}

// TestBooking_CannotBookShowsWhy: someone with as many active bookings as
// the rules allow, or one at the same time, sees why on the slot's view,
// with My bookings, instead of Confirm and the topic: they used to type a
// topic and learn at Confirm that the booking could not be made. A stale
// "topic first" button is refused without starting the flow. Once a
// booking is cancelled, the view offers Confirm again, and Next free slot
// passes over a slot at the time of a booking of theirs.
func TestBooking_CannotBookShowsWhy(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	p := user(t, e, 31, "unma")
	var slots []aulabot.Slot
	for _, at := range []string{"2026-03-12 09:00", "2026-03-12 11:00", "2026-03-12 13:00", "2026-03-12 15:00"} {
		slots = append(slots, publish(t, e, mentorP, at+" 60 personal"))
	}
	overlapping := publish(t, e, htest.Person(4002, "en"), "2026-03-12 09:30 30 personal")
	view := func(s aulabot.Slot) []aulabot.Message {
		t.Helper()
		return e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	}
	for _, s := range slots[:3] {
		e.Press(p, 0, 0, buttonWith(t, view(s), "Confirm"))
	}

	for _, c := range []struct {
		slot aulabot.Slot
		why  string
	}{
		{slots[3], "You already hold the most active bookings allowed (3)."},
		{overlapping, "You already have another booking at that time."},
	} {
		out := view(c.slot)
		b := htest.Buttons(out)
		if find(out, "⚠️ "+c.why) == nil || b["🗓 My bookings"] != "bk:m:0" || buttonsWith(b, "Confirm", "topic") {
			t.Errorf("slot %d: %q %v", c.slot.ID, texts(out), b)
		}
	}
	if out := e.Press(p, 0, 0, "bk:n:p"); find(out, "⚠️ You already hold the most active bookings allowed (3)") == nil {
		t.Errorf("next free slot at the maximum: %q", texts(out))
	}
	out := e.Press(p, 0, 0, fmt.Sprintf("bk:t:%d", slots[3].ID))
	if a := e.LastAnswer(); !strings.Contains(a.Text, "You already hold the most active bookings allowed (3)") || !a.Alert {
		t.Errorf("a stale topic button answered %+v, %q", a, texts(out))
	}
	if out := e.Text(p, 0, "databases"); find(out, "Noted") != nil {
		t.Errorf("the topic flow started: %q", texts(out))
	}

	e.Press(p, 0, 0, "bk:x:3")
	e.Press(p, 0, 0, "bk:X:3")
	if b := htest.Buttons(view(slots[3])); !buttonsWith(b, "Confirm") {
		t.Errorf("after a cancellation: %v", b)
	}
	// The next free slot passes over the one at the time of a booking
	// (9:30, during the one at 9:00) and the 13:00 the cancellation freed
	// comes first.
	if out := e.Press(p, 0, 0, "bk:n:p"); find(out, "13:00") == nil || !buttonsWith(htest.Buttons(out), "Confirm") {
		t.Errorf("next free slot: %q", texts(out))
	}
}

// buttonsWith reports whether any of the buttons b has any of words in
// its text.
func buttonsWith(b map[string]string, words ...string) bool {
	for text := range b {
		for _, w := range words {
			if strings.Contains(text, w) {
				return true
			}
		}
	}
	return false
}

// TestBooking_MentorNewsOfSeveral: the bookings of one group session
// within half an hour go to its mentor in one notice, edited as they come
// ("📥 3 people booked: …"), not one message each; ten names are listed,
// the rest counted; a booking in the next half hour starts a new notice.
func TestBooking_MentorNewsOfSeveral(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 20 Rubrics")
	var news []aulabot.Message
	for i := range 12 {
		p := user(t, e, int64(60+i), "unma")
		news = append(news, to(e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID)), mentorP.ID)...)
	}
	if len(news) != 12 || news[0].Ref == "" || news[0].EditRef != "" || !strings.Contains(news[0].Text, "User60 booked") {
		t.Fatalf("the first booking's notice: %+v", news)
	}
	for _, m := range news[1:] {
		if m.EditRef != news[0].Ref || m.Ref != "" {
			t.Fatalf("a later booking's notice is not an edit of the first: %+v", m)
		}
	}
	if last := news[11].Text; !strings.Contains(last, "12 people booked: User60, User61") || !strings.Contains(last, "User69, and 2 more") ||
		strings.Contains(last, "User70") || !strings.Contains(last, "Taken: 12 of 20") {
		t.Errorf("the notice after twelve: %q", last)
	}
	if b := htest.Buttons(news[11:]); b["🔎 View slot"] != fmt.Sprintf("sl:v:%d", s.ID) {
		t.Errorf("the notice's buttons: %v", b)
	}
	e.Advance(service.NewsWindow)
	later := to(e.Press(user(t, e, 80, "unma"), 0, 0, fmt.Sprintf("bk:c:%d", s.ID)), mentorP.ID)
	if len(later) != 1 || later[0].EditRef != "" || later[0].Ref == news[0].Ref || !strings.Contains(later[0].Text, "User80 booked") {
		t.Errorf("a booking half an hour later: %+v", later)
	}
}

// TestBooking_MentorCancellationsOfSeveral: the seats of one group
// session given up by their people within half an hour go to its mentor
// in one notice, edited as they come ("↩️ 3 people cancelled their
// booking: …"), as its bookings do; a cancellation by the mentor is not
// among them (the mentor did it), and one in the next half hour starts a
// new notice. Until 5 December each came as a message of its own.
func TestBooking_MentorCancellationsOfSeveral(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 20 Rubrics")
	var people []aulabot.Person
	for i := range 5 {
		p := user(t, e, int64(60+i), "unma")
		people = append(people, p)
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	e.Deliver()
	cancel := func(i int) []aulabot.Message {
		e.Press(people[i], 0, 0, fmt.Sprintf("bk:x:%d", i+1))
		return to(e.Press(people[i], 0, 0, fmt.Sprintf("bk:X:%d", i+1)), mentorP.ID)
	}
	first := cancel(0)
	if len(first) != 1 || first[0].Ref == "" || first[0].EditRef != "" || !strings.Contains(first[0].Text, "User60 cancelled their booking") {
		t.Fatalf("the first cancellation's notice: %+v", first)
	}
	second := cancel(1)
	if len(second) != 1 || second[0].EditRef != first[0].Ref || !strings.Contains(second[0].Text, "2 people cancelled their booking: User60, User61") || !strings.Contains(second[0].Text, "Taken: 3 of 20") {
		t.Errorf("the second: %+v", second)
	}
	e.Press(mentorP, 0, 0, "bk:x:3") // the mentor cancels User62's seat
	e.Press(mentorP, 0, 0, "bk:X:3")
	third := cancel(3)
	if len(third) != 1 || third[0].EditRef != first[0].Ref || !strings.Contains(third[0].Text, "3 people cancelled their booking: User60, User61, User63\n") {
		t.Errorf("after the mentor's cancellation and a third: %+v", third)
	}
	if b := htest.Buttons(third); b["🔎 View slot"] != fmt.Sprintf("sl:v:%d", s.ID) {
		t.Errorf("the notice's buttons: %v", b)
	}
	e.Advance(service.NewsWindow)
	later := cancel(4)
	if len(later) != 1 || later[0].EditRef != "" || later[0].Ref == first[0].Ref || !strings.Contains(later[0].Text, "User64 cancelled their booking") {
		t.Errorf("a cancellation half an hour later: %+v", later)
	}
}

// A yes typed at "Confirm the booking?" once the topic is noted ("Sí,
// confirmo") books with that topic, as Confirm does; it replaced the topic.
// Words that add anything else are still another topic.
func TestBooking_TopicThenTypedYes(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	p := user(t, e, 30, "unma")
	out := e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	e.Press(p, 0, 0, buttonWith(t, out, "Tell the topic first"))
	e.Text(p, 0, "Rubrics in Moodle")
	if got := texts(e.Text(p, 0, "yes, but another day")); !strings.Contains(got, "Noted: “yes, but another day”") {
		t.Fatalf("words besides a yes: %q", got)
	}
	e.Press(p, 0, 0, fmt.Sprintf("bk:t:%d", s.ID))
	e.Text(p, 0, "Rubrics in Moodle")
	out = e.Text(p, 0, "Sí, confirmo")
	if m := find(out, "💬 Tema: Rubrics in Moodle"); m == nil || m.ChatID != mentorP.ID {
		t.Fatalf("a typed yes: %q", texts(out))
	}
	if b, ok, _ := e.Store.Booking(1); !ok || b.Topic != "Rubrics in Moodle" || b.User != p.ID {
		t.Errorf("booking = %+v", b)
	}
	if st := stateOf(t, e, p); st.Flow != "" {
		t.Errorf("state after booking: %+v", st)
	}
}

// A yes typed under a slot's card (no topic asked for) is pointed to its
// Confirm, the button again, within YesWindow and until the booking is
// made; it got "I'm here if you have another question", and the person
// believed it booked. Later, or once booked, a yes is small talk again.
func TestBooking_TypedYesUnderTheCard(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	p := user(t, e, 31, "unma")
	confirm := fmt.Sprintf("bk:c:%d", s.ID)
	e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	out := e.Text(p, 0, "sí")
	if got := texts(out); !strings.Contains(got, "To confirm it, tap the button") || htest.Buttons(out)["✅ Confirm and Book"] != confirm {
		t.Fatalf("a yes under the card: %q %v", got, htest.Buttons(out))
	}
	if out := e.Text(p, 0, "Sí, confirmo"); htest.Buttons(out)["✅ Confirm and Book"] != confirm {
		t.Errorf("a yes that is not small talk: %q", texts(out))
	}
	if _, ok, _ := e.Store.Booking(1); ok {
		t.Fatal("a typed yes booked")
	}
	e.Advance(handlers.YesWindow + time.Minute)
	notPointed(t, e, p, "sí", "after the window")
	e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	e.Press(p, 0, 0, confirm)
	notPointed(t, e, p, "ok", "once booked")
}

// A yes typed under "Cancel this booking?" or "/deletemydata"'s question
// does neither: it is pointed to the button that does (a person who typed
// "sí" got small talk and believed it done); after the answer it is small
// talk again.
func TestTypedYes_AtConfirmations(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	p := user(t, e, 32, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Press(p, 0, 0, "bk:x:1")
	out := e.Text(p, 0, "Sí")
	if got := texts(out); !strings.Contains(got, "To confirm it, tap the button") || htest.Buttons(out)["✖️ Yes, cancel it"] != "bk:X:1" {
		t.Fatalf("a yes under Cancel this booking?: %q %v", got, htest.Buttons(out))
	}
	if b, _, _ := e.Store.Booking(1); b.Status != aulabot.BookingActive {
		t.Fatalf("a typed yes cancelled: %+v", b)
	}
	e.Press(p, 0, 0, "bk:y:1") // Keep it
	notPointed(t, e, p, "sí", "after Keep it")
	// A no typed under the question does nothing and says so (it got
	// "I'm here if you have another question", seen in the sandbox on 8
	// December); a yes after it is small talk.
	e.Press(p, 0, 0, "bk:x:1")
	if got := texts(e.Text(p, 0, "no")); !strings.Contains(got, "nothing done") {
		t.Errorf("a no under Cancel this booking?: %q", got)
	}
	if b, _, _ := e.Store.Booking(1); b.Status != aulabot.BookingActive {
		t.Fatalf("a typed no cancelled: %+v", b)
	}
	notPointed(t, e, p, "sí", "after a no")
	if got := texts(e.Text(p, 0, "no")); strings.Contains(got, "nothing done") {
		t.Errorf("a second no, the question answered: %q", got)
	}

	e.Text(p, 0, "/deletemydata")
	out = e.Text(p, 0, "yes")
	if got := texts(out); !strings.Contains(got, "To confirm it, tap the button") || htest.Buttons(out)["🗑 Yes, delete my data"] != "del:yes" {
		t.Fatalf("a yes under /deletemydata's question: %q %v", got, htest.Buttons(out))
	}
	if _, ok, _ := e.Store.User(p.ID); !ok {
		t.Fatal("a typed yes deleted the person's data")
	}
	e.Press(p, 0, 0, "del:no")
	notPointed(t, e, p, "yes", "after Cancel")
}

// What a person was asked to confirm goes with their data: after
// /deletemydata and a new /start, a "sí" is small talk, not pointed to
// the slot's card they saw before.
func TestTypedYes_ForgottenWithTheData(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	p := user(t, e, 33, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:s:%d", s.ID))
	e.Text(p, 0, "/deletemydata")
	e.Press(p, 0, 0, "del:yes")
	e.Onboard(p, "unma", aulabot.RoleTeacher)
	notPointed(t, e, p, "sí", "after the deletion")
}

// notPointed checks that yes, typed by p when, is not pointed to a
// button to confirm (in either language): the question it would confirm
// was answered, forgotten or is past its window.
func notPointed(t *testing.T, e *htest.Env, p aulabot.Person, yes, when string) {
	t.Helper()
	if got := texts(e.Text(p, 0, yes)); strings.Contains(got, "To confirm it, tap the button") || strings.Contains(got, "Para confirmarlo, pulse el botón") {
		t.Errorf("%q typed %s: %q", yes, when, got)
	}
}

// booked is the id of user's active booking of slot; the test fails
// without one.
func booked(t *testing.T, e *htest.Env, user int64, slot uint64) uint64 {
	t.Helper()
	var id uint64
	err := e.Store.View(func(tx *storeTx) error {
		bs, err := tx.UserBookings(user)
		for _, b := range bs {
			if b.Slot == slot && b.Status == aulabot.BookingActive {
				id = b.ID
			}
		}
		return err
	})
	if err != nil || id == 0 {
		t.Fatalf("no active booking of slot %d for %d: %v", slot, user, err)
	}
	return id
}

// TestMyBookings_AskedDay: a cancellation or a change asked for in words
// that end with a booking's day or time goes to that booking at once
// ("no podré ir a mi mentoría del viernes": Friday's cancellation asked);
// without a day, or with a day of two bookings, the list is shown. They
// showed the list, the day not read (seen in the sandbox).
func TestMyBookings_AskedDay(t *testing.T) {
	e := htest.New(t, nil)
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	fri := publish(t, e, mentorP, "2026-03-13 15:00 30 personal")
	fri2 := publish(t, e, mentorP, "2026-03-13 17:00 30 personal")
	p := user(t, e, 45, "unma")
	for _, s := range []aulabot.Slot{thu, fri} {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	if out := texts(e.Text(p, 0, "I can't make my mentoring session on friday")); !strings.Contains(out, "Cancel your booking?") || !strings.Contains(out, "Fri 13 Mar") {
		t.Errorf("\"I can't make my mentoring session on friday\": %q, want Friday's cancellation asked", out)
	}
	e.Text(p, 0, "/cancel")
	if out := texts(e.Text(p, 0, "change my session on thursday")); strings.Contains(out, "Your bookings") || !strings.Contains(out, "Thu 12 Mar") {
		t.Errorf("\"change my session on thursday\": %q, want Thursday's change", out)
	}
	e.Text(p, 0, "/cancel")
	if out := texts(e.Text(p, 0, "cancel my mentoring session")); !strings.Contains(out, "Your bookings") {
		t.Errorf("\"cancel my mentoring session\": %q, want the list", out)
	}
	// Not coming on a day, with no session named (a later stop of 6
	// December: held, or suggestions, seen in the sandbox).
	e.Text(p, 0, "/cancel")
	if out := texts(e.Text(p, 0, "I can't come on thursday")); !strings.Contains(out, "Cancel your booking?") || !strings.Contains(out, "Thu 12 Mar") {
		t.Errorf("\"I can't come on thursday\": %q, want Thursday's cancellation asked", out)
	}

	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", fri2.ID))
	// A day with two asks which of those two (it showed the whole list),
	// and the time typed then picks one.
	out := e.Text(p, 0, "cancel my mentoring session on friday")
	if b := htest.Buttons(out); !strings.Contains(texts(out), "Which of these?") || len(b) != 2 || b["✖️ Cancel Fri 13 Mar, 15:00"] == "" || b["✖️ Cancel Fri 13 Mar, 17:00"] == "" {
		t.Errorf("\"cancel my mentoring session on friday\" with two on Friday: %q %v, want those two", texts(out), b)
	}
	if out := texts(e.Text(p, 0, "la de las 5")); !strings.Contains(out, "Cancel your booking?") || !strings.Contains(out, "Fri 13 Mar, 17:00") {
		t.Errorf("\"la de las 5\" under the two: %q, want the 17:00 one's cancellation asked", out)
	}
	// A time names one of the two; the day before the noun names it too.
	for _, asked := range []string{"cancel my mentoring session on friday at 5pm", "cancelar mi mentoría del viernes a las 5"} {
		e.Text(p, 0, "/cancel")
		if out := texts(e.Text(p, 0, asked)); !strings.Contains(out, "Cancel your booking?") || !strings.Contains(out, "Fri 13 Mar, 17:00") {
			t.Errorf("%q: %q, want the cancellation of Friday's at 17:00 asked", asked, out)
		}
	}
	e.Text(p, 0, "/cancel")
	if out := texts(e.Text(p, 0, "cancel my thursday session")); !strings.Contains(out, "Cancel your booking?") || !strings.Contains(out, "Thu 12 Mar") {
		t.Errorf("\"cancel my thursday session\": %q, want Thursday's cancellation asked", out)
	}
	// A change names the booking before where to: "… del jueves al
	// viernes a las 5" is Thursday's, not Friday's at 17:00.
	e.Text(p, 0, "/cancel")
	if out := texts(e.Text(p, 0, "cambia mi mentoría del jueves al viernes a las 5")); !strings.Contains(out, "<b>Thu 12 Mar, 15:00") || strings.Contains(out, "Fri 13 Mar") {
		t.Errorf("\"cambia mi mentoría del jueves al viernes a las 5\": %q, want Thursday's change", out)
	}
	e.Text(p, 0, "/cancel")
	if out := texts(e.Text(p, 0, "cancel my booking 5")); !strings.Contains(out, "Your bookings") {
		t.Errorf("\"cancel my booking 5\": %q, want the list (a number alone is no time)", out)
	}
	// The session's kind named: the one booking of that kind (it showed
	// them all, seen in the sandbox); none of it, the list.
	e.Text(p, 0, "/cancel")
	if out := texts(e.Text(p, 0, "cancel my group session")); !strings.Contains(out, "Your bookings") {
		t.Errorf("\"cancel my group session\" with none: %q, want the list", out)
	}
	e.Press(p, 0, 0, "bk:X:1") // Thursday's, to make room for a third
	group := publish(t, e, mentorP, "2026-03-14 10:00 60 group 5")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", group.ID))
	e.Text(p, 0, "/cancel")
	if out := texts(e.Text(p, 0, "cancel my group session")); !strings.Contains(out, "Cancel your booking?") || !strings.Contains(out, "Sat 14 Mar") {
		t.Errorf("\"cancel my group session\": %q, want the group booking's cancellation asked", out)
	}
	e.Text(p, 0, "/cancel")
}

// TestSlots_TopicChanged: ✏️ Change the topic on a session's panel asks
// for the new topic and shows the one it has; the words typed become it,
// everyone booked is told, with the old topic and ✖️ to cancel, and the
// reminders queued carry the new one. A topic too long is refused and
// the step waits; a request typed at the step is read as one; in words,
// "cambia el tema de mi sesión del jueves" asks, and with ":" changes it
// (since the night of 7 to 8 December: a topic could not be changed after
// publishing, and the words got suggestions, seen in the sandbox). A
// session begun is refused.
func TestSlots_TopicChanged(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5 Rubrics")
	p := user(t, e, 66, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Deliver()
	panel := e.Press(mentorP, 0, 0, fmt.Sprintf("sl:v:%d", s.ID))
	data := htest.Buttons(panel)["✏️ Change the topic"]
	if data != fmt.Sprintf("sl:tp:%d", s.ID) {
		t.Fatalf("the panel's buttons: %v, want ✏️ Change the topic", htest.Buttons(panel))
	}
	if got := texts(e.Press(mentorP, 0, 0, data)); !strings.Contains(got, "Type the session's new topic") || !strings.Contains(got, "“Rubrics”") {
		t.Fatalf("✏️ pressed: %q, want the topic asked, the one it has shown", got)
	}
	if got := texts(e.Text(mentorP, 0, strings.Repeat("x", aulabot.SlotMaxTopic+1))); !strings.Contains(got, "too long") {
		t.Errorf("a topic too long: %q, want it refused", got)
	}
	out := e.Text(mentorP, 0, "Rubrics for group projects")
	if got := texts(to(out, mentorP.ID)); !strings.Contains(got, "Topic changed, and 1 person booked told") || !strings.Contains(got, "Rubrics for group projects") {
		t.Errorf("the mentor: %q, want the change and who was told", got)
	}
	told := find(to(out, p.ID), "changed the topic of your mentoring session")
	if told == nil || !strings.Contains(told.Text, "it was “Rubrics”") || !strings.Contains(told.Text, "Rubrics for group projects") ||
		htest.Buttons([]aulabot.Message{*told})["✖️ Cancel booking"] == "" {
		t.Fatalf("the person booked: %q, want the old and new topic, with ✖️", texts(to(out, p.ID)))
	}
	e.Advance(29*time.Hour + 30*time.Minute) // Wed 11 Mar 15:30: the day before's reminder is due
	if m := find(to(e.Deliver(), p.ID), "You have mentoring tomorrow"); m == nil || !strings.Contains(m.Text, "Rubrics for group projects") {
		t.Errorf("the day before's reminder: %v, want the new topic", m)
	}
	// In words: asked for, then given after ":"; a request at the step is one.
	if got := texts(e.Text(mentorP, 0, "cambia el tema de mi sesión del jueves")); !strings.Contains(got, "Type the session's new topic") {
		t.Errorf("asked in words: %q, want the topic asked", got)
	}
	if got := texts(e.Text(mentorP, 0, "cambia el tema de mi sesión del jueves: Rúbricas analíticas")); !strings.Contains(got, "Topic changed") ||
		!strings.Contains(got, "Rúbricas analíticas") || strings.Contains(got, "cambia el tema") {
		t.Errorf("a request at the step, with the topic after \":\": %q, want that topic", got)
	}
	e.Advance(24 * time.Hour) // Thu 12 Mar 15:30: under way
	if got := texts(e.Press(mentorP, 0, 0, data)); got != "" || !strings.Contains(e.LastAnswer().Text, "has begun") {
		t.Errorf("✏️ once begun: %q, answered %q, want it refused", got, e.LastAnswer().Text)
	}
}

// TestSlots_ToldPast: words for those booked that name a weekday whose
// session ahead has nobody booked, while the last week's that day had
// people ("avisa a los de mi sesión del jueves que ya subí las
// diapositivas" on Monday: "You have no sessions on Thu 19 Mar", seen in
// the sandbox; since the night of 7 to 8 December), are for the last
// week's; without words for them, "manda las diapositivas a los de mi
// sesión del jueves" opens its 💬 step for the words or the file. A
// session ahead that day with people is the one meant.
func TestSlots_ToldPast(t *testing.T) {
	e := htest.New(t, nil) // Tue 10 Mar, 10:00
	thu := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5 Rubrics")
	p := user(t, e, 67, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", thu.ID))
	e.Deliver()
	e.Advance(6 * 24 * time.Hour) // Mon 16 Mar, 10:00
	got := texts(e.Text(mentorP, 0, "avisa a los de mi sesión del jueves que ya subí las diapositivas"))
	if !strings.Contains(got, "Shall I send this message to the person booked in this session?") || !strings.Contains(got, "Thu 12 Mar") ||
		!strings.Contains(got, "ya subí las diapositivas") {
		t.Errorf("words for last Thursday's: %q, want them to confirm for Thu 12 Mar", got)
	}
	e.Text(mentorP, 0, "/cancel")
	got = texts(e.Text(mentorP, 0, "manda las diapositivas a los de mi sesión del jueves"))
	if !strings.Contains(got, "Type the message for the person booked in") || !strings.Contains(got, "Thu 12 Mar") {
		t.Errorf("the slides for last Thursday's: %q, want its message's step", got)
	}
	e.Text(mentorP, 0, "/cancel")
	next := publish(t, e, mentorP, "2026-03-19 15:00 60 group 5 Forums")
	e.Press(user(t, e, 68, "unma"), 0, 0, fmt.Sprintf("bk:c:%d", next.ID))
	e.Deliver()
	if got := texts(e.Text(mentorP, 0, "avisa a los de mi sesión del jueves que ya subí las diapositivas")); !strings.Contains(got, "Thu 19 Mar") ||
		strings.Contains(got, "Thu 12 Mar") {
		t.Errorf("with people on the Thursday ahead: %q, want that one", got)
	}
}

// TestSlots_AskedWhoOnDay: a mentor's words that ask after a day with two
// sessions ("¿cuántas personas vienen el jueves?") show those two with
// who comes, each a button; a bare "Which of these?" said nothing of
// them (seen in the sandbox). A request to do something with one still
// asks which.
func TestSlots_AskedWhoOnDay(t *testing.T) {
	e := htest.New(t, nil)
	a := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5")
	b := publish(t, e, mentorP, "2026-03-12 17:00 60 group 5")
	publish(t, e, mentorP, "2026-03-13 10:00 60 group 5")
	e.Press(user(t, e, 23, "unma"), 0, 0, fmt.Sprintf("bk:c:%d", a.ID))
	e.Deliver()
	out := e.Text(mentorP, 0, "¿cuántas personas vienen el jueves?")
	got, btn := texts(out), htest.Buttons(out)
	if strings.Contains(got, "Which of these") || !strings.Contains(got, "15:00–16:00") || !strings.Contains(got, "1/5: User23") ||
		!strings.Contains(got, "17:00–18:00") || strings.Contains(got, "Fri 13 Mar") || len(btn) != 2 || !slices.Contains(slices.Collect(maps.Values(btn)), fmt.Sprintf("sl:v:%d", b.ID)) {
		t.Errorf("who comes on Thursday: %q %v, want its two sessions with who comes, each a button", got, btn)
	}
	// Who attends by its noun (suggestions, seen in the sandbox; since the
	// night of 7 to 8 December): the same.
	for _, asked := range []string{"pásame la lista de asistentes de mi sesión del jueves", "send me the attendee list of my thursday session"} {
		if got := texts(e.Text(mentorP, 0, asked)); !strings.Contains(got, "1/5: User23") || strings.Contains(got, "Fri 13 Mar") {
			t.Errorf("%q: %q, want Thursday's sessions with who comes", asked, got)
		}
	}
	if got := texts(e.Text(mentorP, 0, "cancela mi sesión del jueves")); !strings.Contains(got, "Which of these") {
		t.Errorf("a cancellation with two that day: %q, want which", got)
	}
}

// TestSlots_AskedSession: a mentor's words that ask for one of their
// sessions by its day or time open it: "mover la sesión del jueves al
// lunes a las 10" shows the move planned, to confirm ("mover la sesión
// del jueves" asks where to), "cancelar la sesión del jueves" and
// "cambiar el enlace de la sesión del jueves" open its panel (the
// cancellation's step takes the next words as its reason, and cancels:
// a mentor's next request cancelled the session, seen in the sandbox);
// a day with two sessions asks which (since a later stop of 6 December:
// the list, and what was asked of it lost; TestSlots_AskedWhichKept).
// Such words showed the list, and with a time they were a question (seen
// in the sandbox).
func TestSlots_AskedSession(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 17:00 30 personal")
	for _, c := range []struct{ asked, want, not string }{
		{"cancelar la sesión del jueves", "Taken: 0 of 1", "Cancel this session?"},
		{"cancel my session on friday at 5pm", "Fri 13 Mar, 17:00", "Cancel this session?"},
		{"mover la sesión del jueves al lunes a las 10", "Now: <b>Thu 12 Mar, 15:00–15:30</b> · User4001 (personal)\nNew: <b>Mon 16 Mar, 10:00", "Your upcoming slots"},
		{"mover la sesión del jueves", "When should it move to?", "Your upcoming slots"},
		{"move my thursday session to monday 10am", "New: <b>Mon 16 Mar, 10:00–10:30</b>", "Your upcoming slots"},
		{"cambiar el enlace de la sesión del jueves", "Taken: 0 of 1", "Move the session?"},
		{"cancelar la sesión del viernes", "Which of these?", "Taken: 0 of 1"},
		{"cambia mi sesión del jueves a las 5", "New: <b>Thu 12 Mar, 17:00–17:30</b>", "Your upcoming slots"},
		{"no puedo dar la sesión del jueves", "Taken: 0 of 1", "Cancel this session?"},
		{"I can't hold my session on thursday", "Taken: 0 of 1", "Cancel this session?"},
		{"I can't make it to my session on thursday, cancel it", "Taken: 0 of 1", "Cancel this session?"}, // suggestions (seen in the sandbox)
	} {
		e.Text(mentorP, 0, "/cancel")
		out := texts(e.Text(mentorP, 0, c.asked))
		if !strings.Contains(out, c.want) || strings.Contains(out, c.not) {
			t.Errorf("%q: %q, want %q", c.asked, out, c.want)
		}
	}
	// The guided /newslot left at its day: words of not holding a session
	// leave it for the session (they were refused as no date, seen in the
	// sandbox).
	e.Text(mentorP, 0, "/newslot")
	if out := texts(e.Text(mentorP, 0, "no puedo dar la sesión del jueves")); !strings.Contains(out, "Taken: 0 of 1") || strings.Contains(out, "not a valid date") {
		t.Errorf("words of not holding a session at /newslot's day: %q", out)
	}
	// The words typed after a cancellation asked for in words are not its
	// reason: nothing is cancelled without the panel's press.
	e.Text(mentorP, 0, "/cancel")
	e.Text(mentorP, 0, "cancelar la sesión del jueves")
	e.Text(mentorP, 0, "send the link to my students: https://meet.example.org/xyz")
	if s, _, _ := e.Store.Slot(thu.ID); s.Cancelled {
		t.Fatal("the words after \"cancelar la sesión del jueves\" cancelled it")
	}
	// A time refused says why, and the move waits for another.
	e.Text(mentorP, 0, "/cancel")
	if out := texts(e.Text(mentorP, 0, "mover la sesión del jueves al viernes a las 15")); !strings.Contains(out, "That time overlaps another of your slots") {
		t.Errorf("a move onto another session: %q", out)
	}
	if out := texts(e.Text(mentorP, 0, "lunes a las 10")); !strings.Contains(out, "New: <b>Mon 16 Mar, 10:00") {
		t.Errorf("another time typed after a refused one: %q", out)
	}
	if s, _, _ := e.Store.Slot(thu.ID); !s.Start.Equal(thu.Start) || s.Cancelled {
		t.Errorf("Thursday's session changed before it was confirmed: %+v", s)
	}
}

// TestSlots_NoteLinkPastInWords: a mentor's words for a session's private
// note ("agrega una nota privada a la sesión del jueves: revisar rúbrica")
// add the words after the colon to it, or, without words, ask for it;
// words with a link ("pon el enlace https://… en la sesión del jueves")
// show the link for that session, to confirm, nothing sent before; words
// of the past ("¿quién vino a mi sesión de ayer?") open that session from
// the last week's. They got suggestions or "I don't know" (seen in the
// sandbox).
func TestSlots_NoteLinkPastInWords(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	wed := publish(t, e, mentorP, "2026-03-11 15:00 30 personal")
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-14 08:00 30 personal")
	note := func() string {
		t.Helper()
		s, _, err := e.Store.Slot(thu.ID)
		if err != nil {
			t.Fatal(err)
		}
		return s.Note
	}
	out := texts(e.Text(mentorP, 0, "agrega una nota privada a la sesión del jueves: revisar rúbrica"))
	if !strings.Contains(out, "Note saved on <b>Thu 12 Mar, 15:00–15:30</b>") || note() != "revisar rúbrica" {
		t.Errorf("a note in words: %q, note %q", out, note())
	}
	e.Text(mentorP, 0, "add a note to my thursday session: bring two examples")
	if note() != "revisar rúbrica\nbring two examples" {
		t.Errorf("a second note: %q, want it after the first", note())
	}
	if out := texts(e.Text(mentorP, 0, "agrega una nota a la sesión del jueves")); !strings.Contains(out, "Your private note now") {
		t.Errorf("a note asked without its words: %q", out)
	}
	e.Text(mentorP, 0, "/cancel")
	out = texts(e.Text(mentorP, 0, "pon el enlace https://meet.example.org/rubricas en la sesión del jueves"))
	if !strings.Contains(out, "Thu 12 Mar, 15:00") || !strings.Contains(out, "https://meet.example.org/rubricas") {
		t.Errorf("a link in words: %q", out)
	}
	if s, _, _ := e.Store.Slot(thu.ID); s.Link != "" {
		t.Errorf("the link was kept before the yes: %q", s.Link)
	}
	e.Text(mentorP, 0, "/cancel")
	e.Advance(48 * time.Hour) // Thursday: Wednesday's session was yesterday
	if out := texts(e.Text(mentorP, 0, "¿quién vino a mi sesión de ayer?")); !strings.Contains(out, "Wed 11 Mar, 15:00") || !strings.Contains(out, "Taken: 0 of 1") {
		t.Errorf("who came yesterday: %q, want Wednesday's panel (slot %d)", out, wed.ID)
	}
	// A weekday of the week past, the last one before today (the typed
	// dates look ahead: "You have no sessions on" next Sunday, seen in the
	// sandbox, late on 7 December).
	e.Advance(48 * time.Hour) // Saturday 14 March
	for asked, want := range map[string]string{
		"¿quién vino a mi sesión del miércoles?":     "Wed 11 Mar, 15:00",
		"¿quién vino a mi sesión del jueves pasado?": "Thu 12 Mar, 15:00",
		"who came to my thursday session?":           "Thu 12 Mar, 15:00",
		"¿quién vino a mi sesión del sábado?":        "Sat 14 Mar, 08:00", // today's, ended
		"¿quién no vino a mi sesión del miércoles?":  "Wed 11 Mar, 15:00", // suggestions (seen in the sandbox)
		"who didn't come to my wednesday session?":   "Wed 11 Mar, 15:00",
	} {
		if out := texts(e.Text(mentorP, 0, asked)); !strings.Contains(out, want) || !strings.Contains(out, "Taken: 0 of 1") || strings.Contains(out, "You have no sessions on") {
			t.Errorf("%q: %q, want %s's panel", asked, out, want)
		}
	}
}

// TestSlots_AskedWhichKept: a mentor's request that names a day with two
// sessions asks "Which of these?" with those two, and what it asked waits
// for the one pressed: "mueve mi sesión del viernes al lunes a las 10"
// plans that one's move, "cambia mi sesión del viernes a las 6" (an hour
// no session has) moves it that day at 18:00. Other words end the wait,
// and a session pressed then opens its panel. The list was shown, and the
// move typed was lost (seen in the sandbox).
func TestSlots_AskedWhichKept(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	publish(t, e, mentorP, "2026-03-13 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 17:00 30 personal")
	for _, c := range []struct{ asked, want string }{
		{"mueve mi sesión del viernes al lunes a las 10", "New: <b>Mon 16 Mar, 10:00–10:30</b>"},
		{"cambia mi sesión del viernes a las 6", "New: <b>Fri 13 Mar, 18:00–18:30</b>"},
	} {
		e.Text(mentorP, 0, "/cancel")
		which := e.Text(mentorP, 0, c.asked)
		b := htest.Buttons(which)
		if !strings.Contains(texts(which), "Which of these?") || len(b) != 2 {
			t.Fatalf("%q: %q, buttons %v; want the two Friday sessions", c.asked, texts(which), b)
		}
		data := ""
		for label, d := range b {
			if strings.Contains(label, "17:00") {
				data = d
			}
		}
		out := texts(e.PressOn(mentorP, which[0], data))
		if !strings.Contains(out, "Now: <b>Fri 13 Mar, 17:00–17:30</b>") || !strings.Contains(out, c.want) {
			t.Errorf("%q, then Friday 17:00 pressed: %q, want its move %q", c.asked, out, c.want)
		}
	}
	// Words for those booked, both Friday sessions booked: kept for the
	// one pressed, shown to confirm.
	ana := user(t, e, 31, "unma")
	for _, d := range []string{"bk:c:1", "bk:c:2"} {
		e.Press(ana, 0, 0, d)
	}
	e.Text(mentorP, 0, "/cancel")
	which := e.Text(mentorP, 0, "avisa a los inscritos de mi sesión del viernes que llego 10 minutos tarde")
	if len(htest.Buttons(which)) != 2 {
		t.Fatalf("the message, two Friday sessions booked: %q %v", texts(which), htest.Buttons(which))
	}
	out := e.PressOn(mentorP, which[0], "sl:v:2")
	if m := find(out, "Shall I send this message to the person booked in this session?"); m == nil || !strings.Contains(m.Text, "Fri 13 Mar, 17:00") ||
		!strings.Contains(m.Text, "“llego 10 minutos tarde”") {
		t.Errorf("the message, Friday 17:00 pressed: %q", texts(out))
	}
	// A move without where to: the one pressed asks it.
	e.Text(mentorP, 0, "/cancel")
	which = e.Text(mentorP, 0, "mueve mi sesión del viernes")
	if out := texts(e.PressOn(mentorP, which[0], "sl:v:2")); !strings.Contains(out, "When should it move to?") {
		t.Errorf("a move without where to, Friday 17:00 pressed: %q", out)
	}
	// Other words end the wait: the session pressed then opens its panel.
	e.Text(mentorP, 0, "/cancel")
	which = e.Text(mentorP, 0, "mueve mi sesión del viernes al lunes a las 10")
	e.Text(mentorP, 0, "hola")
	var data string
	for _, d := range htest.Buttons(which) {
		data = d
	}
	if out := texts(e.PressOn(mentorP, which[0], data)); !strings.Contains(out, "Taken: 1 of 1") || strings.Contains(out, "New:") {
		t.Errorf("a session pressed after other words: %q, want its panel", out)
	}
}

// TestMentoring_AskedKindAndDay: the words that ask for a mentoring
// session and name its kind show that kind's slots at once, and with the
// day and time of one of them its card, to confirm; nothing is booked
// before the press. A day with two shows those two, a day with none says
// so above the kind's slots. They showed the kinds (seen in the sandbox).
func TestMentoring_AskedKindAndDay(t *testing.T) {
	e := htest.New(t, nil)
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 17:00 60 group 5 Rubrics")
	p := user(t, e, 46, "unma")
	if out := texts(e.Text(p, 0, "quiero una mentoría personal el jueves a las 3")); !strings.Contains(out, "Thu 12 Mar, 15:00–15:30") || strings.Contains(out, "Which kind of session") {
		t.Errorf("\"quiero una mentoría personal el jueves a las 3\": %q, want Thursday's card", out)
	}
	if b, _, _ := e.Store.Booking(1); b.Slot == thu.ID {
		t.Errorf("booked before the press: %+v", b)
	}
	if out := e.Text(p, 0, "I want a group mentoring session"); !strings.Contains(texts(out), "Group sessions") || len(htest.Buttons(out)) == 0 {
		t.Errorf("\"I want a group mentoring session\": %q, want the group slots", texts(out))
	}
	if out := texts(e.Text(p, 0, "quiero una mentoría personal el domingo")); !strings.Contains(out, "There are no free slots on Sun 15 Mar") || !strings.Contains(out, "Available personal slots") {
		t.Errorf("a kind and a day with no slot: %q, want it said, and the kind's slots", out)
	}
	publish(t, e, mentorP, "2026-03-13 10:00 30 personal")
	out := e.Text(p, 0, "quiero una mentoría personal el viernes")
	if b := htest.Buttons(out); !strings.Contains(texts(out), "These 2 slots of the list match") || len(b) != 2 {
		t.Errorf("a kind and a day with two slots: %q %v, want those two", texts(out), b)
	}
	if out := texts(e.Text(p, 0, "a las 10")); !strings.Contains(out, "Fri 13 Mar, 10:00–10:30") {
		t.Errorf("a time typed under the two: %q, want the 10:00 card", out)
	}
	// The kind and the sessions alone: those open to book, not one's
	// bookings (which they showed, or that there were none: seen in the
	// sandbox).
	if out := texts(e.Text(p, 0, "sesiones grupales")); !strings.Contains(out, "Group sessions") {
		t.Errorf("\"sesiones grupales\": %q, want the group slots", out)
	}
	if out := texts(e.Text(p, 0, "¿hay sesiones personales disponibles?")); !strings.Contains(out, "Available personal slots") {
		t.Errorf("\"¿hay sesiones personales disponibles?\": %q, want the personal slots", out)
	}
	if out := texts(e.Text(p, 0, "quiero una mentoría")); !strings.Contains(out, "Which kind of session") {
		t.Errorf("\"quiero una mentoría\": %q, want the kinds", out)
	}
	// The verb said to the bot: a new booking, not one's bookings.
	if out := texts(e.Text(p, 0, "reserva la sesión grupal del viernes")); !strings.Contains(out, "Fri 13 Mar, 17:00–18:00") || strings.Contains(out, "Your bookings") {
		t.Errorf("\"reserva la sesión grupal del viernes\": %q, want Friday's group card", out)
	}
}

// TestMentoring_AskedDayOnly: the words that ask for a session and name
// its day but not its kind show that day's slots of both kinds, each
// marked with its kind; one slot named is its card; a day with none says
// so above the kinds. "quiero una mentoría el miércoles" and "¿hay
// mentorías mañana?" showed the kinds, the day dropped (seen in the
// sandbox).
func TestMentoring_AskedDayOnly(t *testing.T) {
	e := htest.New(t, nil)
	publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-12 17:00 60 group 5 Rubrics")
	publish(t, e, mentorP, "2026-03-13 10:00 30 personal")
	p := user(t, e, 47, "unma")
	out := e.Text(p, 0, "quiero una mentoría el jueves")
	b := htest.Buttons(out)
	if !strings.Contains(texts(out), "On Thu 12 Mar there are these 2 slots") || len(b) != 4 || b["👥 Group"] == "" {
		t.Fatalf("\"quiero una mentoría el jueves\": %q %v, want Thursday's two slots and the kinds", texts(out), b)
	}
	var kinds []string
	for label := range b {
		if strings.Contains(label, "12 Mar") {
			kinds = append(kinds, label[:strings.Index(label, " ")])
		}
	}
	if slices.Sort(kinds); !slices.Equal(kinds, []string{"👤", "👥"}) {
		t.Errorf("Thursday's slots marked %v, want each with its kind", kinds)
	}
	if out := texts(e.Text(p, 0, "a las 5")); !strings.Contains(out, "Thu 12 Mar, 17:00–18:00") {
		t.Errorf("\"a las 5\" typed under Thursday's slots: %q, want the group session's card", out)
	}
	if out := texts(e.Text(p, 0, "¿hay mentorías el viernes?")); !strings.Contains(out, "Fri 13 Mar, 10:00–10:30") {
		t.Errorf("\"¿hay mentorías el viernes?\": %q, want Friday's one slot's card", out)
	}
	if out := texts(e.Text(p, 0, "quiero una mentoría el domingo")); !strings.Contains(out, "There are no free slots on Sun 15 Mar.") ||
		!strings.Contains(out, "Which kind of session") {
		t.Errorf("\"quiero una mentoría el domingo\": %q, want it said, and the kinds", out)
	}
	// A week named: its slots ("are there any sessions this week?" showed
	// the kinds, the week dropped, seen in the sandbox).
	out = e.Text(p, 0, "are there any sessions this week?")
	if got := texts(out); !strings.Contains(got, "There are these 3 slots this week") || len(htest.Buttons(out)) != 5 {
		t.Errorf("\"are there any sessions this week?\": %q %v, want the week's three and the kinds", got, htest.Buttons(out))
	}
	if out := texts(e.Text(p, 0, "¿hay mentorías la próxima semana?")); !strings.Contains(out, "There are no free slots next week.") ||
		!strings.Contains(out, "Which kind of session") {
		t.Errorf("\"¿hay mentorías la próxima semana?\" with none: %q, want it said, and the kinds", out)
	}
	publish(t, e, mentorP, "2026-03-17 10:00 30 personal")
	if out := texts(e.Text(p, 0, "are there sessions next week?")); !strings.Contains(out, "Tue 17 Mar, 10:00–10:30") {
		t.Errorf("\"are there sessions next week?\" with one: %q, want its card", out)
	}
}

// TestMentoring_AskedDayPart: a part of the day named with the day keeps
// that part's slots ("quiero una tutoría mañana en la tarde" showed the
// morning's too, seen in the sandbox); a part with none shows the day's.
func TestMentoring_AskedDayPart(t *testing.T) {
	e := htest.New(t, nil)
	publish(t, e, mentorP, "2026-03-12 09:00 30 personal")
	publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-12 17:00 60 group 5 Rubrics")
	p := user(t, e, 47, "unma")
	out := e.Text(p, 0, "quiero una tutoría el jueves en la tarde")
	if got := labelsOf(out); !strings.Contains(texts(out), "On Thu 12 Mar there are these 2 slots") || strings.Contains(got, "09:00") {
		t.Errorf("the afternoon named: %q %s, want the two of the afternoon", texts(out), got)
	}
	if out := texts(e.Text(p, 0, "una mentoría el jueves por la mañana")); !strings.Contains(out, "Thu 12 Mar, 09:00–09:30") {
		t.Errorf("the morning named: %q, want its one slot's card", out)
	}
	if out := texts(e.Text(p, 0, "I want a mentoring session on thursday evening")); !strings.Contains(out, "On Thu 12 Mar there are these 3 slots") {
		t.Errorf("the evening named, with none: %q, want the day's three", out)
	}
	// Read as one's bookings, with none: the day's slots to book ("You
	// have no upcoming bookings", seen in the sandbox).
	if out := texts(e.Text(p, 0, "a session on thursday afternoon")); !strings.Contains(out, "On Thu 12 Mar there are these 2 slots") {
		t.Errorf("\"a session on thursday afternoon\" with no booking: %q, want the afternoon's two", out)
	}
}

// TestSlots_SeatsInWords: a mentor's words that give a session a number
// of seats ("cambia el cupo de mi sesión del viernes a 8", "set the seats
// of my friday session to 12") set them, the session's panel showing the
// new seats; a personal session's seats are not changed, and a question
// about them changes nothing. The first asked
// where to move the session, the second got suggestions (seen in the
// sandbox).
func TestSlots_SeatsInWords(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	fri := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5")
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	capacity := func(id uint64) int {
		s, _, _ := e.Store.Slot(id)
		return s.Capacity
	}
	if out := texts(e.Text(mentorP, 0, "cambia el cupo de mi sesión del viernes a 8")); capacity(fri.ID) != 8 || !strings.Contains(out, "Taken: 0 of 8") {
		t.Errorf("\"cambia el cupo de mi sesión del viernes a 8\": %q, capacity %d", out, capacity(fri.ID))
	}
	if out := texts(e.Text(mentorP, 0, "set the seats of my friday session to 12")); capacity(fri.ID) != 12 || !strings.Contains(out, "Taken: 0 of 12") {
		t.Errorf("\"set the seats of my friday session to 12\": %q, capacity %d", out, capacity(fri.ID))
	}
	if out := texts(e.Text(mentorP, 0, "¿cuántos lugares quedan en mi sesión del viernes a las 3?")); capacity(fri.ID) != 12 || !strings.Contains(out, "Taken: 0 of 12") {
		t.Errorf("a question about seats: %q, capacity %d, want the panel and the seats as they were", out, capacity(fri.ID))
	}
	// More seats asked for without a number: the panel, whose ➕ adds
	// them ("abre más cupos en la sesión del viernes" began a new
	// session, seen in the sandbox).
	if out := texts(e.Text(mentorP, 0, "abre más cupos en la sesión del viernes")); capacity(fri.ID) != 12 || !strings.Contains(out, "Taken: 0 of 12") {
		t.Errorf("\"abre más cupos en la sesión del viernes\": %q, capacity %d, want the panel", out, capacity(fri.ID))
	}
	if out := texts(e.Text(mentorP, 0, "cambia el cupo de mi sesión del jueves a 3")); capacity(thu.ID) != 1 || !strings.Contains(out, "A personal session is for one person") {
		t.Errorf("a personal session's seats set by words: %q, capacity %d, want it refused", out, capacity(thu.ID))
	}
}

// TestSlots_NoneOnDayNamed: a mentor's words about their session on a
// day they have none ("mueve mi sesión del martes al jueves a las 11")
// say so above their list, which showed alone (seen in the sandbox).
func TestSlots_NoneOnDayNamed(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	publish(t, e, mentorP, "2026-03-12 15:00 60 group 5")
	publish(t, e, mentorP, "2026-03-13 15:00 30 personal")
	out := texts(e.Text(mentorP, 0, "mueve mi sesión del martes al jueves a las 11"))
	if !strings.HasPrefix(out, "You have no sessions on Tue 17 Mar.") || !strings.Contains(out, "Fri 13 Mar") {
		t.Errorf("a session moved from a day with none: %q, want it said above the list", out)
	}
	if out := texts(e.Text(mentorP, 0, "cancela mi sesión del viernes")); strings.Contains(out, "no sessions") {
		t.Errorf("a session named on its day: %q, want no such line", out)
	}
	// A "to" that moves nothing ("I can't make it to my session on
	// tuesday" hid its day, seen in the sandbox on 8 December).
	if out := texts(e.Text(mentorP, 0, "I can't make it to my session on tuesday")); !strings.HasPrefix(out, "You have no sessions on Tue 17 Mar.") {
		t.Errorf("a session not held, on a day with none: %q, want it said above the list", out)
	}
}

// TestSlots_TellBooked: a mentor's words to those booked in a session
// named by its day ("avisa a los inscritos de mi sesión del jueves que
// llego 10 minutos tarde") show the message read, the session and who
// will get it, to confirm: they got suggestions of articles (seen in the
// sandbox). Other words replace it, a yes typed points to the button, and
// ✖️ No sends nothing; with several sessions and none named, the list.
func TestSlots_TellBooked(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	thu := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5")
	publish(t, e, mentorP, "2026-03-12 10:00 60 personal") // nobody books it: not among those told
	fri := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5")
	ana, bea := user(t, e, 31, "unma"), user(t, e, 32, "unma")
	for _, p := range []aulabot.Person{ana, bea} {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", thu.ID))
	}
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", fri.ID))
	sent := len(e.Sent(ana.ID))

	out := e.Text(mentorP, 0, "avisa a los inscritos de mi sesión del jueves que llego 10 minutos tarde")
	if m := find(out, "Shall I send this message to the 2 people booked in this session?"); m == nil || !strings.Contains(m.Text, "Thu 12 Mar, 15:00") ||
		!strings.Contains(m.Text, "“llego 10 minutos tarde”") || htest.Buttons(out)["📨 Yes, send it"] != fmt.Sprintf("sl:wy:%d", thu.ID) ||
		htest.Buttons(out)["✖️ No"] != fmt.Sprintf("sl:wn:%d", thu.ID) {
		t.Fatalf("the message asked for: %q %v", texts(out), htest.Buttons(out))
	}
	if len(e.Sent(ana.ID)) != sent {
		t.Fatalf("sent before the yes: %q", texts(e.Sent(ana.ID)[sent:]))
	}
	if find(e.Text(mentorP, 0, "sí"), "tap the button") == nil {
		t.Error("a yes typed")
	}
	if find(e.Text(mentorP, 0, "Llego 15 minutos tarde, disculpen <3"), "“Llego 15 minutos tarde, disculpen &lt;3”") == nil {
		t.Fatal("other words do not replace the message")
	}
	out = e.Press(mentorP, 0, 0, fmt.Sprintf("sl:wy:%d", thu.ID))
	if find(out, "Message sent to 2 people.") == nil {
		t.Errorf("the yes: %q", texts(out))
	}
	for _, p := range []aulabot.Person{ana, bea} {
		if m := find(to(out, p.ID), "A message from User4001 about your mentoring session"); m == nil || !strings.Contains(m.Text, "Llego 15 minutos tarde, disculpen &lt;3") ||
			strings.Contains(m.Text, "10 minutos") {
			t.Errorf("%d got %q", p.ID, texts(to(out, p.ID)))
		}
	}

	// ✖️ No sends nothing; a session not named among two is the list.
	if find(e.Text(mentorP, 0, "tell the people booked in my friday session that the room changed"), "“the room changed”") == nil {
		t.Error("Friday's message asked for")
	}
	if find(e.Text(mentorP, 0, "no"), "I didn't send it.") == nil { // a no typed: ✖️ No's press
		t.Error("No")
	}
	if out := texts(e.Text(mentorP, 0, "tell the people booked in my session that the room changed")); !strings.Contains(out, "Your upcoming slots") || strings.Contains(out, "Shall I send") {
		t.Errorf("no session named among two: %q", out)
	}
	if got := texts(e.Sent(ana.ID)); strings.Contains(got, "room changed") {
		t.Errorf("sent without the yes: %q", got)
	}
}

// TestMyBookings_RemindersAsked: reminders of one's sessions asked for
// ("¿me puedes recordar mi mentoría una hora antes?") are the bookings
// under the words that they are reminded already: it got the booking
// article (seen in the sandbox).
func TestMyBookings_RemindersAsked(t *testing.T) {
	e := htest.New(t, nil)
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5")
	ana := htest.Person(47, "es")
	e.Onboard(ana, "unma", "teacher")
	if got := texts(e.Text(ana, 0, "¿me puedes recordar mi mentoría una hora antes?")); !strings.Contains(got, "Ya le recuerdo cada sesión que reservó 24 h y 1 h antes") ||
		!strings.Contains(got, "No tiene reservas próximas") {
		t.Errorf("no booking: %q", got)
	}
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	if got := texts(e.Text(ana, 0, "remind me of my session")); !strings.Contains(got, "Ya le recuerdo cada sesión") || !strings.Contains(got, "jue 12 mar, 15:00") {
		t.Errorf("one booking: %q", got)
	}
	if got := texts(e.Text(ana, 0, "mis reservas")); strings.Contains(got, "Ya le recuerdo") {
		t.Errorf("the bookings asked for without reminders: %q", got)
	}
}

// TestMyBookings_PeriodAsked: one's bookings asked after with a day or a
// week named ("¿a qué hora es mi sesión del jueves?", "what do I have
// tomorrow?", "¿tengo algo esta semana?") show those of that day or
// week, with a button to see them all (every booking showed, or small
// talk, an article or "I don't know" answered, seen in the sandbox);
// none then is said above them all. With no booking, a session asked for
// on a day shows the day's, and a time no slot has is said above them.
func TestMyBookings_PeriodAsked(t *testing.T) {
	e := htest.New(t, nil) // Tue 10 Mar, 10:00 in Lima
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	fri := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5 Rubrics")
	tue := publish(t, e, mentorP, "2026-03-17 15:00 30 personal")
	p := user(t, e, 48, "unma")
	for _, s := range []aulabot.Slot{thu, fri, tue} {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	shows := func(asked, title string, want, not []string) []aulabot.Message {
		t.Helper()
		out := e.Text(p, 0, asked)
		got := texts(out)
		if !strings.Contains(got, title) {
			t.Errorf("%q: %q, want %q", asked, got, title)
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: %q, want %s among them", asked, got, w)
			}
		}
		for _, n := range not {
			if strings.Contains(got, n) {
				t.Errorf("%q: %q, want no %s", asked, got, n)
			}
		}
		return out
	}
	out := shows("¿a qué hora es mi sesión del jueves?", "Your bookings on Thu 12 Mar", []string{"Thu 12 Mar, 15:00"}, []string{"Fri 13 Mar", "Tue 17 Mar"})
	all := htest.Buttons(out)["🗓 All your bookings (3)"]
	if all != "bk:m:0" {
		t.Errorf("a day's bookings: %v, want a button to see all three", htest.Buttons(out))
	}
	if got := texts(e.PressOn(p, out[0], all)); !strings.Contains(got, "Thu 12 Mar") || !strings.Contains(got, "Fri 13 Mar") || !strings.Contains(got, "Tue 17 Mar") {
		t.Errorf("🗓 All your bookings pressed: %q, want the three", got)
	}
	shows("do I have anything this week?", "Your bookings this week", []string{"Thu 12 Mar", "Fri 13 Mar"}, []string{"Tue 17 Mar"})
	shows("¿tengo algo la próxima semana?", "Your bookings next week", []string{"Tue 17 Mar"}, []string{"Thu 12 Mar", "Fri 13 Mar"})
	shows("what do I have on friday afternoon?", "Your bookings on Fri 13 Mar", []string{"Fri 13 Mar, 15:00"}, []string{"Thu 12 Mar"})
	out = shows("what do I have tomorrow?", "You have no bookings on Wed 11 Mar.", []string{"Thu 12 Mar", "Fri 13 Mar", "Tue 17 Mar"}, nil)
	if b := htest.Buttons(out); b["🗓 All your bookings (3)"] != "" {
		t.Errorf("none tomorrow: %v, want all three shown, no button for them", b)
	}
	// Words that do something with one still do it; words without a
	// period show them all.
	if got := texts(e.Text(p, 0, "cancel my session on thursday")); !strings.Contains(got, "Cancel your booking?") {
		t.Errorf("\"cancel my session on thursday\": %q, want its cancellation asked", got)
	}
	e.Text(p, 0, "/cancel")
	// Typed as people chat: the words meant ("kiero cancelr…" showed the
	// day's booking without asking, seen in the sandbox).
	if got := texts(e.Text(p, 0, "kiero cancelr mi sesion del jueves")); !strings.Contains(got, "Cancel your booking?") {
		t.Errorf("\"kiero cancelr mi sesion del jueves\": %q, want its cancellation asked", got)
	}
	e.Text(p, 0, "/cancel")
	shows("what's on my schedule?", "Your bookings", []string{"Thu 12 Mar", "Fri 13 Mar", "Tue 17 Mar"}, []string{"Your bookings on", "All your bookings"})

	// One with none, a day named: said, above that day's slots to book.
	q := user(t, e, 49, "unma")
	if got := texts(e.Text(q, 0, "what do I have on friday?")); !strings.HasPrefix(got, "You have no bookings on Fri 13 Mar.") || !strings.Contains(got, "Rubrics") {
		t.Errorf("one with no booking, a day named: %q, want none said above Friday's slot", got)
	}
	// A time no slot that day has is said above the day's (its card
	// showed alone, seen in the sandbox); one it has is not.
	if got := texts(e.Text(q, 0, "quiero la sesión del viernes a las 5")); !strings.HasPrefix(got, "There are no free slots on Fri 13 Mar at 17:00.") ||
		!strings.Contains(got, "Rubrics") {
		t.Errorf("a time with no slot: %q, want it said above the day's", got)
	}
	if got := texts(e.Text(q, 0, "quiero la sesión del viernes a las 3")); strings.Contains(got, "no free slots") || !strings.Contains(got, "Rubrics") {
		t.Errorf("the slot's time: %q, want its card alone", got)
	}
	// A session asked for is no question of what one has: its slot,
	// nothing said of one's bookings.
	if got := texts(e.Text(q, 0, "quiero la sesión del viernes")); strings.Contains(got, "You have no bookings") || !strings.Contains(got, "Rubrics") {
		t.Errorf("\"quiero la sesión del viernes\" with no booking: %q, want Friday's slot alone", got)
	}
}

// TestSlots_AgendaOfDayAsked: a mentor's "¿qué tengo mañana?", "mi agenda
// del viernes" are their sessions of that day (small talk, and today's
// agenda, seen in the sandbox); "¿qué tengo hoy?" is today's.
func TestSlots_AgendaOfDayAsked(t *testing.T) {
	e := htest.New(t, nil) // Tue 10 Mar, 10:00 in Lima
	e.Onboard(mentorP, "unma", "teacher")
	publish(t, e, mentorP, "2026-03-10 16:00 60 group 5 Rubrics")
	publish(t, e, mentorP, "2026-03-11 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 09:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 17:00 60 group 5 Forums")
	if got := texts(e.Text(mentorP, 0, "¿qué tengo mañana?")); !strings.Contains(got, "Wed 11 Mar, 15:00") || strings.Contains(got, "Tue 10 Mar") || strings.Contains(got, "Fri 13 Mar") {
		t.Errorf("\"¿qué tengo mañana?\": %q, want Wednesday's session", got)
	}
	if got := texts(e.Text(mentorP, 0, "mi agenda del viernes")); !strings.Contains(got, "Your agenda for Fri 13 Mar") || !strings.Contains(got, "Fri 13 Mar, 09:00") ||
		!strings.Contains(got, "Fri 13 Mar, 17:00") || strings.Contains(got, "Wed 11 Mar") || strings.Contains(got, "today") {
		t.Errorf("\"mi agenda del viernes\": %q, want Friday's two", got)
	}
	if got := texts(e.Text(mentorP, 0, "¿qué tengo hoy?")); !strings.Contains(got, "Tue 10 Mar, 16:00") || strings.Contains(got, "Wed 11 Mar") {
		t.Errorf("\"¿qué tengo hoy?\": %q, want today's one session", got)
	}
	// A possessive's "'s": "cancel tomorrow's session" showed every
	// session (seen in the sandbox).
	if got := texts(e.Text(mentorP, 0, "cancel tomorrow's session")); !strings.Contains(got, "Wed 11 Mar, 15:00") || strings.Contains(got, "Fri 13 Mar") {
		t.Errorf("\"cancel tomorrow's session\": %q, want Wednesday's", got)
	}
	e.Text(mentorP, 0, "/cancel")
	// "bórrame la sesión del miércoles": that session, as "cancela mi
	// sesión del miércoles" (one's own bookings showed, seen in the
	// sandbox); "quiero dejar de ser mentor" books nothing (a session was
	// booked with it as its topic).
	if got := texts(e.Text(mentorP, 0, "bórrame la sesión del miércoles")); got != texts(e.Text(mentorP, 0, "cancela mi sesión del miércoles")) ||
		!strings.Contains(got, "Wed 11 Mar, 15:00") {
		t.Errorf("\"bórrame la sesión del miércoles\": %q, want what cancelling it in words shows", got)
	}
	e.Text(mentorP, 0, "/cancel")
	if out := e.Text(mentorP, 0, "quiero dejar de ser mentor"); slices.Contains(slices.Collect(maps.Values(htest.Buttons(out))), "bk:k:p:0") {
		t.Errorf("\"quiero dejar de ser mentor\": %q, want no session to book", texts(out))
	}
}

// TestSlots_WeekAsked: a mentor's "mis sesiones de la próxima semana",
// "no estaré disponible esta semana", "I won't be available next week"
// are their sessions of that week, to cancel (all of them showed, or
// "I don't know", seen in the sandbox); with none that week, it says so.
func TestSlots_WeekAsked(t *testing.T) {
	e := htest.New(t, nil) // Tue 10 Mar, 10:00 in Lima
	e.Onboard(mentorP, "unma", "teacher")
	publish(t, e, mentorP, "2026-03-12 16:00 60 group 5 Rubrics")
	publish(t, e, mentorP, "2026-03-17 15:00 30 personal")
	for asked, want := range map[string]string{
		"mis sesiones de la próxima semana":    "Tue 17 Mar, 15:00",
		"I won't be available next week":       "Tue 17 Mar, 15:00",
		"no estaré disponible esta semana":     "Thu 12 Mar, 16:00",
		"bloquea mi agenda de esta semana":     "Thu 12 Mar, 16:00",
		"cancel my sessions this week":         "Thu 12 Mar, 16:00",
		"¿cuántas reservas tengo esta semana?": "Thu 12 Mar, 16:00",
		"cierra la sesión del jueves":          "Thu 12 Mar, 16:00", // later that night: suggestions (seen in the sandbox)
	} {
		got := texts(e.Text(mentorP, 0, asked))
		other := "Thu 12 Mar, 16:00"
		if want == other {
			other = "Tue 17 Mar, 15:00"
		}
		if !strings.Contains(got, want) || strings.Contains(got, other) {
			t.Errorf("%q: %q, want %s's alone", asked, got, want)
		}
		e.Text(mentorP, 0, "/cancel")
	}
	if got := texts(e.Text(mentorP, 0, "my slots next week")); !strings.Contains(got, "Your slots next week") {
		t.Errorf("\"my slots next week\": %q, want the week's title", got)
	}
	// More than a page of next week's: its pages stay that week's.
	for d := 16; d <= 20; d++ {
		publish(t, e, mentorP, fmt.Sprintf("2026-03-%d 09:00 30 personal", d))
		publish(t, e, mentorP, fmt.Sprintf("2026-03-%d 11:00 30 personal", d))
	}
	out := e.Text(mentorP, 0, "mis sesiones de la próxima semana")
	if next := htest.Buttons(out)["More ▶️"]; next != "ag:n:1" {
		t.Fatalf("eleven sessions next week: %q %v, want a next page of that week", texts(out), htest.Buttons(out))
	}
	if got := texts(e.Press(mentorP, 0, 0, "ag:n:1")); !strings.Contains(got, "Your slots next week") || !strings.Contains(got, "Fri 20 Mar, 11:00") ||
		strings.Contains(got, "Thu 12 Mar") {
		t.Errorf("next week's second page: %q, want its last sessions under its title", got)
	}
	e.Advance(7 * 24 * time.Hour) // Tue 17 Mar: nothing the week after
	if got := texts(e.Text(mentorP, 0, "I won't be available next week")); !strings.Contains(got, "You have no slots next week") {
		t.Errorf("none next week: %q, want it said", got)
	}
}

// TestSlots_ToldOneBooked: a mentor's words to one person booked with
// them, named ("dile a Rosa que traiga su sílabo", "tell Rosa that the
// session on friday starts late") hold the words after "que" or "that"
// for that person's booking, shown with the session, to confirm; they got
// "I don't know", kept for /gaps (seen in the sandbox). The day named
// picks among the person's bookings, the next otherwise; a name nobody
// booked holds nothing.
func TestSlots_ToldOneBooked(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	thu := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5")
	fri := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5")
	rosa, bea := namedUser(t, e, 61, "unma", "Rosa"), namedUser(t, e, 62, "unma", "Beatriz")
	for _, s := range []aulabot.Slot{thu, fri} {
		e.Press(rosa, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	e.Press(bea, 0, 0, fmt.Sprintf("bk:c:%d", thu.ID))
	had, hadBea := len(e.Sent(rosa.ID)), len(e.Sent(bea.ID))

	out := e.Text(mentorP, 0, "dile a Rosa que traiga su sílabo")
	if got := texts(out); !strings.Contains(got, "Shall I send this to Rosa, about their booking on Thu 12 Mar, 15:00?") ||
		!strings.Contains(got, "“traiga su sílabo”") || htest.Buttons(out)["📨 Yes, send it to Rosa"] != "bk:hn:send" {
		t.Fatalf("\"dile a Rosa que traiga su sílabo\": %q %v, want it held for her next booking", got, htest.Buttons(out))
	}
	if got := texts(e.Press(mentorP, 0, 0, "bk:hn:send")); !strings.Contains(got, "Sent to Rosa") {
		t.Errorf("📨 pressed: %q", got)
	}
	sent := e.Sent(rosa.ID)
	if len(sent) != had+1 || !strings.Contains(sent[len(sent)-1].Text, "traiga su sílabo") || !strings.Contains(sent[len(sent)-1].Text, "Thu 12 Mar") {
		t.Errorf("Rosa got %q, want the words about Thursday's session", texts(sent[had:]))
	}
	if len(e.Sent(bea.ID)) != hadBea {
		t.Errorf("Beatriz got %q, want nothing", texts(e.Sent(bea.ID)[hadBea:]))
	}
	if got := texts(e.Text(mentorP, 0, "tell Rosa that the session on friday starts late")); !strings.Contains(got, "about their booking on Fri 13 Mar, 15:00") ||
		!strings.Contains(got, "“the session on friday starts late”") {
		t.Errorf("Friday named: %q, want it held for Friday's booking", got)
	}
	e.Text(mentorP, 0, "/cancel")
	if got := texts(e.Text(mentorP, 0, "dile a Carmen que traiga su sílabo")); strings.Contains(got, "Shall I send") {
		t.Errorf("a name nobody booked: %q, want nothing held", got)
	}
}

// TestMyBookings_LeftAsked: "¿cuántas reservas me quedan?", "how many
// bookings do I have left?" say how many more one may book, above the
// list (the booking article, seen in the sandbox).
func TestMyBookings_LeftAsked(t *testing.T) {
	e := htest.New(t, nil)
	var slots []aulabot.Slot
	for _, day := range []string{"2026-03-12", "2026-03-13", "2026-03-16"} {
		slots = append(slots, publish(t, e, mentorP, day+" 15:00 30 personal"))
	}
	p := user(t, e, 63, "unma")
	for _, s := range slots[:2] {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	if got := texts(e.Text(p, 0, "¿cuántas reservas me quedan?")); !strings.HasPrefix(got, "You hold 2 of the 3 bookings allowed: you may make 1 more.") ||
		!strings.Contains(got, "Your bookings") {
		t.Errorf("two of three held: %q, want one more said above the list", got)
	}
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", slots[2].ID))
	if got := texts(e.Text(p, 0, "how many bookings do I have left?")); !strings.HasPrefix(got, "You hold 3 of the 3 bookings allowed: to book another") {
		t.Errorf("three of three held: %q, want none left said", got)
	}
	// How many one may book, asked (the kinds to book showed, seen in
	// the sandbox, later that night).
	for _, asked := range []string{"¿cuántas mentorías puedo reservar?", "how many sessions can I book?"} {
		if got := texts(e.Text(p, 0, asked)); !strings.HasPrefix(got, "You hold 3 of the 3 bookings allowed") {
			t.Errorf("%q: %q, want the bookings allowed said", asked, got)
		}
	}
	if got := texts(e.Text(p, 0, "my bookings")); strings.Contains(got, "bookings allowed") {
		t.Errorf("\"my bookings\": %q, want the list alone", got)
	}
}

// TestMentoring_GuestAskedInWords: bringing someone else to a session
// ("¿puedo llevar a un compañero a mi mentoría?", "can my friend join my
// session?": suggestions, seen in the sandbox) or a session with one's
// classmates ("quiero una mentoría grupal con mis compañeros": the
// booking article) shows the group sessions, with each person booking
// their own seat said above them; nothing is booked.
func TestMentoring_GuestAskedInWords(t *testing.T) {
	e := htest.New(t, nil)
	publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	g := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5 Rubrics")
	p := user(t, e, 65, "unma")
	for _, asked := range []string{"¿puedo llevar a un compañero a mi mentoría?", "can my friend join my session?",
		"can I book a session for my classmate?", "quiero una mentoría grupal con mis compañeros",
		"I want a session with my classmates", "quiero una mentoria en grupo"} {
		out := e.Text(p, 0, asked)
		got, labels := texts(out), labelsOf(out)
		if !strings.Contains(got, "Group sessions") || !strings.Contains(labels, "Rubrics") || strings.Contains(labels, "Thu 12 Mar") {
			t.Errorf("%q: %q %q, want the group sessions", asked, got, labels)
		}
		if guest := strings.Contains(got, "Everyone books their own seat"); guest != (asked != "quiero una mentoria en grupo") {
			t.Errorf("%q: %q, own seat said: %v", asked, got, guest)
		}
	}
	if got := texts(e.Text(p, 0, "quiero una mentoría")); strings.Contains(got, "own seat") || !strings.Contains(got, "Which kind of session") {
		t.Errorf("a session asked alone: %q, want the kinds without the guests' line", got)
	}
	err := e.Store.View(func(tx *storeTx) error {
		bs, err := tx.UserBookings(p.ID)
		if len(bs) != 0 {
			t.Errorf("%d bookings, want none: words only show the group sessions (%d among them)", len(bs), g.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBooking_MentorAbsent: "mi mentor no llegó a la sesión", "my mentor
// hasn't shown up" (the booking article, seen in the sandbox) ask, for
// the session under way, whether to tell its mentor and the
// coordination; 📣 tells each once, however many presses; with no
// session under way, that is said above one's bookings, and nobody is
// told.
func TestBooking_MentorAbsent(t *testing.T) {
	e := htest.New(t, nil) // Tue 10 Mar, 10:00 in Lima
	coord := e.Config.Universities[0].Coordinators[0]
	e.Onboard(mentorP, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5 Rubrics")
	p := user(t, e, 64, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	id := booked(t, e, p.ID, s.ID)
	mentorHad, coordHad := len(e.Sent(mentorP.ID)), len(e.Sent(coord))

	if got := texts(e.Text(p, 0, "mi mentor no llegó a la sesión")); !strings.HasPrefix(got, "I don't see any session of yours under way right now.") ||
		!strings.Contains(got, "Thu 12 Mar") {
		t.Errorf("before the session: %q, want none under way said above the bookings", got)
	}
	e.Advance(s.Start.Add(10 * time.Minute).Sub(e.Now()))
	out := e.Text(p, 0, "my mentor hasn't shown up")
	yes := htest.Buttons(out)["📣 Yes, tell them"]
	if got := texts(out); !strings.Contains(got, "Shall I tell User4001 you are waiting in the session that began at 15:00") || yes != fmt.Sprintf("bk:ab:%d", id) ||
		htest.Buttons(out)["✉️ Write to User4001"] != fmt.Sprintf("bk:wm:%d", id) {
		t.Fatalf("during the session: %q %v, want the question, 📣 and ✉️", got, htest.Buttons(out))
	}
	if len(e.Sent(mentorP.ID)) != mentorHad || len(e.Sent(coord)) != coordHad {
		t.Fatalf("someone was told before the press")
	}
	if got := texts(e.PressOn(p, out[0], yes)); !strings.Contains(got, "I told User4001 and the coordination") {
		t.Errorf("📣 pressed: %q", got)
	}
	e.PressOn(p, out[0], yes) // twice: nobody told twice
	m, c := e.Sent(mentorP.ID)[mentorHad:], e.Sent(coord)[coordHad:]
	if len(m) != 1 || !strings.Contains(m[0].Text, "User64 is waiting for you in your session") || !strings.Contains(m[0].Text, "Rubrics") {
		t.Errorf("the mentor got %q, want one message that the person waits", texts(m))
	}
	if len(c) != 1 || !strings.Contains(c[0].Text, "User4001") || !strings.Contains(c[0].Text, "Rubrics") {
		t.Errorf("the coordinator got %q, want one message that the mentor has not come", texts(c))
	}
	// Over: the press tells nobody.
	e.Advance(time.Hour)
	if got := texts(e.PressOn(p, out[0], yes)) + e.LastAnswer().Text; !strings.Contains(got, "not under way") {
		t.Errorf("📣 pressed after the session: %q, want it refused", got)
	}
}

// TestSlots_AttendanceTold: a mentor's "Rosa asistió", "Beatriz no vino a
// la sesión" mark that person's booking in the session begun ("I don't
// know", kept for /gaps, seen in the sandbox), the panel shown; before the
// session begins, or naming nobody booked, nothing is marked.
func TestSlots_AttendanceTold(t *testing.T) {
	e := htest.New(t, nil) // Tue 10 Mar, 10:00 in Lima
	e.Onboard(mentorP, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-10 16:00 60 group 5 Rubrics")
	rosa, bea := namedUser(t, e, 65, "unma", "Rosa"), namedUser(t, e, 66, "unma", "Beatriz")
	for _, p := range []aulabot.Person{rosa, bea} {
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	attendance := func(user int64) string {
		var att string
		e.Store.View(func(tx *storeTx) error {
			b, _, _ := tx.Booking(booked(t, e, user, s.ID))
			att = b.Attendance
			return nil
		})
		return att
	}
	e.Text(mentorP, 0, "Rosa asistió")
	if got := attendance(rosa.ID); got != "" {
		t.Errorf("before the session: Rosa's attendance %q, want none", got)
	}
	e.Advance(s.Start.Add(30 * time.Minute).Sub(e.Now()))
	out := e.Text(mentorP, 0, "Rosa asistió")
	if got := attendance(rosa.ID); got != aulabot.Attended || !strings.Contains(texts(out), "Rubrics") {
		t.Errorf("\"Rosa asistió\": attendance %q, %q, want it marked, the panel shown", got, texts(out))
	}
	e.Text(mentorP, 0, "Beatriz no vino a la sesión")
	if got := attendance(bea.ID); got != aulabot.NoShow {
		t.Errorf("\"Beatriz no vino a la sesión\": attendance %q, want a no-show", got)
	}
	if got := texts(e.Text(mentorP, 0, "Carmen asistió")); strings.Contains(got, "Rubrics") {
		t.Errorf("a name nobody booked: %q, want no session's panel", got)
	}
}

// TestMentoring_WaitlistAndSeatsAsked: "sácame de la lista de espera"
// shows one's place there with ✖️, "¿cuántos lugares quedan en la
// sesión del viernes?" Friday's sessions with their seats (both got
// suggestions, seen in the sandbox).
func TestMentoring_WaitlistAndSeatsAsked(t *testing.T) {
	e := htest.New(t, nil)
	thu := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 15:00 60 group 5 Rubrics")
	first, second := user(t, e, 67, "unma"), user(t, e, 68, "unma")
	e.Press(first, 0, 0, fmt.Sprintf("bk:c:%d", thu.ID))
	e.Press(second, 0, 0, fmt.Sprintf("bk:w:%d", thu.ID))
	out := e.Text(second, 0, "sácame de la lista de espera")
	if got := texts(out); !strings.Contains(got, "Thu 12 Mar, 15:00") || !strings.Contains(got, "(waitlist)") ||
		htest.Buttons(out)["✖️ Cancel Thu 12 Mar, 15:00"] == "" {
		t.Errorf("\"sácame de la lista de espera\": %q %v, want the place with ✖️", got, htest.Buttons(out))
	}
	if got := texts(e.Text(second, 0, "¿cuántos lugares quedan en la sesión del viernes?")); !strings.Contains(got, "Fri 13 Mar, 15:00") ||
		!strings.Contains(got, "5 seats left of 5") {
		t.Errorf("the seats left on Friday: %q, want Friday's session with its seats", got)
	}
}

// TestMentoring_TopicNamed: a session asked for by its topic ("¿me puedo
// inscribir en la sesión de rúbricas?", "quiero la sesión sobre foros")
// shows that session's card, or the list of those on it (suggestions,
// seen in the sandbox); one's own session of a topic stays /mybookings.
func TestMentoring_TopicNamed(t *testing.T) {
	e := htest.New(t, nil)
	publish(t, e, mentorP, "2026-03-12 15:00 60 group 5 Rúbricas en línea")
	publish(t, e, mentorP, "2026-03-13 15:00 60 group 5 Foros que funcionan")
	p := user(t, e, 69, "unma")
	if got := texts(e.Text(p, 0, "¿me puedo inscribir en la sesión de rúbricas?")); !strings.Contains(got, "Thu 12 Mar, 15:00") ||
		!strings.Contains(got, "Confirm the booking?") || strings.Contains(got, "Foros") {
		t.Errorf("a topic named: %q, want that session's card", got)
	}
	if got := texts(e.Text(p, 0, "quiero la sesión sobre foros")); !strings.Contains(got, "Foros que funcionan") || !strings.Contains(got, "Confirm the booking?") {
		t.Errorf("\"quiero la sesión sobre foros\": %q, want its card", got)
	}
	publish(t, e, mentorP, "2026-03-16 15:00 60 group 5 Rúbricas avanzadas")
	out := e.Text(p, 0, "¿me puedo inscribir en la sesión de rúbricas?")
	if got := texts(out); !strings.Contains(got, "There are these 2 slots on that") || len(htest.Buttons(out)) != 4 {
		t.Errorf("two on the topic: %q %v, want both and the kinds", got, htest.Buttons(out))
	}
	if got := texts(e.Text(p, 0, "¿a qué hora es mi sesión de rúbricas?")); strings.Contains(got, "There are these") || strings.Contains(got, "Confirm the booking?") {
		t.Errorf("one's own session asked after: %q, want no sessions to book", got)
	}
}

// TestMyBookings_ShowAsked: one's bookings asked to be shown or listed
// ("muéstrame mis reservas", "show my bookings", "¿cuáles son mis
// reservas?") are /mybookings; they got the booking article (seen in the
// sandbox). "dame una mentoría" is a new one.
func TestMyBookings_ShowAsked(t *testing.T) {
	e := htest.New(t, nil)
	slot := publish(t, e, mentorP, "2026-03-12 15:00 30 personal")
	publish(t, e, mentorP, "2026-03-13 15:00 60 group 5 Rubrics")
	p := user(t, e, 50, "unma")
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", slot.ID))
	want := texts(e.Text(p, 0, "/mybookings"))
	for _, asked := range []string{"muéstrame mis reservas", "show my bookings", "¿cuáles son mis reservas?", "list my sessions", "dame mis reservas"} {
		if got := texts(e.Text(p, 0, asked)); got != want {
			t.Errorf("%q: %q, want /mybookings's %q", asked, got, want)
		}
	}
	if got := texts(e.Text(p, 0, "dame una mentoría")); !strings.Contains(got, "Which kind of session are you looking for?") {
		t.Errorf("\"dame una mentoría\": %q, want the kinds of session to book", got)
	}
}
