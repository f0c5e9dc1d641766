package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
)

// TestBooking_Change: 🔁 under a booking lists the other times of its
// kind; one is shown before anything changes; Yes, change it moves the
// seat, and the calendar file updates the old event. A person at the
// maximum of bookings can still change one.
func TestBooking_Change(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	p := user(t, e, 21, "unma")
	var first uint64
	for i, at := range []string{"2026-03-12 15:00", "2026-03-13 15:00", "2026-03-14 15:00"} {
		s := publish(t, e, mentorP, at+" 60 group 4 Moodle")
		e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
		if i == 0 {
			first = s.ID
		}
	}
	free := publish(t, e, mentorP, "2026-03-16 10:00 60 group 4 Rubrics")
	full := publish(t, e, mentorP, "2026-03-17 10:00 60 group 1 Forums")
	e.Press(user(t, e, 22, "unma"), 0, 0, fmt.Sprintf("bk:c:%d", full.ID))

	out := e.Text(p, 0, "/mybookings")
	// Under each booking's Cancel, its Change and ✉️ to its mentor.
	row := rowAfter(t, out, "✖️ Cancel Thu 12 Mar, 15:00")
	if len(row) != 2 || row[0].Text != "🔁 Change the time" || row[0].Data != fmt.Sprintf("bk:r:%d:0", first) ||
		row[1].Text != "✉️ Write to User4001" || row[1].Data != fmt.Sprintf("bk:wm:%d", first) {
		t.Fatalf("the row under the first booking: %+v", row)
	}
	if row := rowAfter(t, out, "✖️ Cancel Fri 13 Mar, 15:00"); len(row) != 2 || row[0].Data == fmt.Sprintf("bk:r:%d:0", first) {
		t.Fatalf("the row under the second booking: %+v", row)
	}
	out = e.Press(p, 0, 0, row[0].Data)
	if find(out, "Now: <b>Thu 12 Mar, 15:00–16:00</b>") == nil || find(out, "keep your seat until you confirm") == nil {
		t.Fatalf("change list: %q", texts(out))
	}
	// Neither a full session nor one already booked (this one or another).
	for text := range htest.Buttons(out) {
		for _, not := range []string{"Forums", "Thu 12 Mar", "Fri 13 Mar", "Sat 14 Mar"} {
			if strings.Contains(text, not) {
				t.Errorf("offered %q", text)
			}
		}
	}
	out = e.Press(p, 0, 0, buttonWith(t, out, "Mon 16 Mar, 10:00"))
	if find(out, "Change your booking?") == nil || find(out, "New: <b>Mon 16 Mar, 10:00–11:00</b>") == nil {
		t.Fatalf("change to confirm: %q", texts(out))
	}
	if got, _, _ := e.Store.Slot(free.ID); got.Booked != 0 {
		t.Fatalf("the first tap changed the booking: %d booked", got.Booked)
	}
	out = e.Press(p, 0, 0, buttonWith(t, out, "Yes, change it"))
	conf := find(out, "Booking changed")
	if conf == nil || !strings.Contains(conf.Text, "Was: <b>Thu 12 Mar, 15:00–16:00</b>") || !strings.Contains(conf.Text, "Now: <b>Mon 16 Mar, 10:00–11:00</b>") {
		t.Fatalf("confirmation: %q", texts(out))
	}
	cal := find(out, "updates it")
	if cal == nil || cal.File == nil || !strings.Contains(string(cal.File.Data), "UID:booking-1@aulabot") ||
		!strings.Contains(string(cal.File.Data), "DTSTART:20260316T150000Z") || !strings.Contains(string(cal.File.Data), "STATUS:CONFIRMED") {
		t.Fatalf("calendar file: %q %+v", texts(out), cal)
	}
	if m := find(out, "User21 changed their booking"); m == nil || m.ChatID != mentorP.ID {
		t.Errorf("mentor not told: %q", texts(out))
	}
	if got, _, _ := e.Store.Slot(first); got.Booked != 0 {
		t.Errorf("old slot still counts %d booked", got.Booked)
	}
	if got, _, _ := e.Store.Slot(free.ID); got.Booked != 1 {
		t.Errorf("new slot counts %d booked, want 1", got.Booked)
	}
	out = e.Text(p, 0, "/mybookings")
	if find(out, "Mon 16 Mar, 10:00–11:00") == nil || find(out, "Thu 12 Mar") != nil {
		t.Errorf("/mybookings after the change: %q", texts(out))
	}
}

// TestBooking_ChangeRefused: the seat taken meanwhile, or the cutoff
// passed: the change is refused with a reason and nothing changes; with
// no other time, the booking is said to stay.
func TestBooking_ChangeRefused(t *testing.T) {
	e := htest.New(t, nil)
	e.Onboard(mentorP, "unma", "teacher")
	p := user(t, e, 31, "unma")
	mine := publish(t, e, mentorP, "2026-03-10 15:00 60 personal") // 5 h from now
	e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", mine.ID))
	out := e.Press(p, 0, 0, "bk:r:1:0")
	if find(out, "no other free personal slot") == nil || find(out, "Your booking stays") == nil {
		t.Fatalf("nothing to change to: %q", texts(out))
	}
	other := publish(t, e, mentorP, "2026-03-12 10:00 60 personal")
	out = e.Press(p, 0, 0, "bk:r:1:0")
	out = e.Press(p, 0, 0, buttonWith(t, out, "Thu 12 Mar, 10:00"))
	sure := buttonWith(t, out, "Yes, change it")
	e.Press(user(t, e, 32, "unma"), 0, 0, fmt.Sprintf("bk:c:%d", other.ID))
	e.Press(p, 0, 0, sure)
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "full") {
		t.Errorf("change to a seat taken meanwhile: answer %+v", a)
	}
	if b, _, _ := e.Store.Booking(1); b.Status != "active" || b.Slot != mine.ID {
		t.Errorf("booking after a refused change: %+v", b)
	}
	e.Advance(4 * time.Hour)
	e.Press(p, 0, 0, "bk:r:1:0")
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "too late to change") {
		t.Errorf("change within the cutoff: answer %+v", a)
	}
}

// TestBooking_MineListsTrainings: /mybookings lists, after the sessions,
// the trainings the person said they will attend, with 🎓 Trainings; one
// they declined is not there; with no session booked, the trainings show
// under "no upcoming bookings".
func TestBooking_MineListsTrainings(t *testing.T) {
	e, _ := announceEnv(t)
	createTraining(t, e, "")
	rosa, luis := htest.Person(7100, "es"), htest.Person(7101, "es")
	e.Press(rosa, 0, 0, "ev:a:1:y")
	e.Press(luis, 0, 0, "ev:a:1:n")
	out := e.Text(rosa, 0, "/mybookings")
	has(t, "attending", out, "No tiene reservas próximas", "Formaciones a las que asistirá", "jue 12 mar, 17:00", "Moodle quizzes")
	if d := htest.Buttons(out)["🎓 Formaciones"]; d != "ev:l" {
		t.Errorf("buttons %v", htest.Buttons(out))
	}
	s := publish(t, e, mentorP, "2026-03-13 10:00 60 group 3 Rubrics")
	e.Press(rosa, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	mine := texts(e.Text(rosa, 0, "/mybookings"))
	if b, tr := strings.Index(mine, "Rubrics"), strings.Index(mine, "Moodle quizzes"); b < 0 || tr < b {
		t.Errorf("with a session booked: %q", mine)
	}
	if out := texts(e.Text(luis, 0, "/mybookings")); strings.Contains(out, "Moodle quizzes") {
		t.Errorf("a declined training listed: %q", out)
	}
}

// TestBooking_MineListsLaterTrainings: a training attended after more
// than a list's worth of others (MaxUpcoming) is still in /mybookings.
func TestBooking_MineListsLaterTrainings(t *testing.T) {
	e, _ := announceEnv(t)
	for i := 1; i <= service.MaxUpcoming+1; i++ {
		eventSteps(e, coordUNMA, "/newevent", fmt.Sprintf("Training %d", i), fmt.Sprintf("2026-03-%02d 17:00", 11+i), "ev:len:60",
			"https://meet.example.edu/t", "ev:aud:teachers", "ev:nolimit", "ev:ok")
	}
	rosa := htest.Person(7100, "es")
	last := fmt.Sprintf("Training %d", service.MaxUpcoming+1)
	e.Press(rosa, 0, 0, fmt.Sprintf("ev:a:%d:y", service.MaxUpcoming+1))
	mine := texts(e.Text(rosa, 0, "/mybookings"))
	if !strings.Contains(mine, last) || strings.Contains(mine, "Training 1\n") {
		t.Errorf("/mybookings: %q", mine)
	}
}

// rowAfter is the row of buttons after the one holding a button labelled
// label, in the last message of msgs that has it.
func rowAfter(t *testing.T, msgs []aulabot.Message, label string) []aulabot.Button {
	t.Helper()
	for i := len(msgs) - 1; i >= 0; i-- {
		rows := msgs[i].Inline
		for r, row := range rows {
			for _, b := range row {
				if b.Text == label && r+1 < len(rows) {
					return rows[r+1]
				}
			}
		}
	}
	t.Fatalf("no button %q followed by a row in %q", label, texts(msgs))
	return nil
}

// TestBooking_ChangeToAnotherMentorPromotes: moving a booking to another
// mentor's session frees the seat for the first person on the waitlist;
// the old session's mentor hears of both in one message, and the new
// one's of the booking.
func TestBooking_ChangeToAnotherMentorPromotes(t *testing.T) {
	e := htest.New(t, nil)
	other := htest.Person(4002, "en")
	e.Onboard(mentorP, "unma", "teacher")
	e.Onboard(other, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-12 15:00 60 group 1 Moodle")
	to2 := publish(t, e, other, "2026-03-13 15:00 60 group 4 Moodle")
	a, b := user(t, e, 41, "unma"), user(t, e, 42, "unma")
	e.Press(a, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Press(b, 0, 0, fmt.Sprintf("bk:w:%d", s.ID))
	out := e.Press(a, 0, 0, "bk:r:1:0")
	out = e.Press(a, 0, 0, buttonWith(t, out, "Fri 13 Mar, 15:00"))
	out = e.Press(a, 0, 0, buttonWith(t, out, "Yes, change it"))
	if told := to(out, mentorP.ID); len(told) != 1 || !strings.Contains(told[0].Text, "User41 cancelled their booking and ⏫ User42 took the seat from the waitlist") {
		t.Errorf("the old session's mentor is told %q, want the move and the promotion in one message", texts(told))
	}
	if told := to(out, other.ID); len(told) != 1 || !strings.Contains(told[0].Text, "User41") {
		t.Errorf("the new session's mentor is told %q", texts(told))
	}
	if got, _, _ := e.Store.Slot(to2.ID); got.Booked != 1 {
		t.Errorf("the new session has %d booked, want 1", got.Booked)
	}
}
