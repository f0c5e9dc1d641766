package service_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// mbuttons encodes mentoring's buttons readably.
type mbuttons struct{}

func (mbuttons) Book() string                     { return "book" }
func (mbuttons) CancelBooking(id uint64) string   { return fmt.Sprintf("cancel %d", id) }
func (mbuttons) ChangeBooking(id uint64) string   { return fmt.Sprintf("change %d", id) }
func (mbuttons) WriteMentor(id uint64) string     { return fmt.Sprintf("write %d", id) }
func (mbuttons) AnswerBooked(id uint64) string    { return fmt.Sprintf("answer %d", id) }
func (mbuttons) Attend(id uint64) string          { return fmt.Sprintf("attend %d", id) }
func (mbuttons) ViewSlot(id uint64) string        { return fmt.Sprintf("view %d", id) }
func (mbuttons) SendLink(id uint64) string        { return fmt.Sprintf("link %d", id) }
func (mbuttons) Rate(id uint64, stars int) string { return fmt.Sprintf("rate %d %d", id, stars) }
func (mbuttons) ShowSlot(id uint64) string        { return fmt.Sprintf("show %d", id) }
func (mbuttons) Slots(kind string) string         { return "slots " + kind }

const mentorID = 4001 // unma's mentor (config.Demo)

var (
	mentorOne = service.Mentor{ID: mentorID, Name: "Marta", Lang: "en"}
	benUser   = aulabot.User{ID: 7002, Name: "Ben", University: "unma", Role: aulabot.RoleTeacher, Lang: "en", ConsentAt: now}
)

func newMentoring(t *testing.T) (*service.Mentoring, *store.Store) {
	t.Helper()
	svc := service.New(config.Demo())
	svc.Mentoring.Buttons = mbuttons{}
	s := newStore(t)
	update(t, s, func(tx *store.Tx) error {
		for _, u := range []aulabot.User{anaUser, benUser, {ID: mentorID, Name: "Marta", University: "unma", Role: aulabot.RoleTeacher, Lang: "en", ConsentAt: now}} {
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	return svc.Mentoring, s
}

// publishSlot publishes a slot of kind with capacity, two days ahead.
func publishSlot(t *testing.T, m *service.Mentoring, s *store.Store, kind string, capacity int) aulabot.Slot {
	t.Helper()
	var sl aulabot.Slot
	update(t, s, func(tx *store.Tx) (err error) {
		sl, _, err = m.CreateSlot(tx, mentorOne, "unma", aulabot.NewSlot{Start: now.Add(48 * time.Hour), Minutes: 60, Kind: kind, Capacity: capacity, Link: "https://meet.example/x"})
		return err
	})
	return sl
}

func keys(t *testing.T, s *store.Store) map[string]bool {
	t.Helper()
	ms, err := s.Pending()
	if err != nil {
		t.Fatal(err)
	}
	k := map[string]bool{}
	for _, m := range ms {
		if m.Key != "" {
			k[m.Key] = true
		}
	}
	return k
}

// Booking schedules both reminders under the service's keys and tells the
// mentor; cancelling drops the reminders and promotes the person waiting,
// who is confirmed and gets reminders of their own.
func TestMentoring_BookCancelPromote(t *testing.T) {
	m, s := newMentoring(t)
	sl := publishSlot(t, m, s, aulabot.SlotGroup, 1)
	var j aulabot.Job
	var scheduled bool
	if err := s.View(func(tx *store.Tx) (err error) {
		j, scheduled, err = tx.ScheduledJob(fmt.Sprintf("slot:s%d:attendance", sl.ID))
		return err
	}); err != nil || !scheduled || j.Kind != service.JobSlotAttendance || !j.Due.Equal(sl.Start.Add(5*time.Minute)) {
		t.Fatalf("no reminder to mark attendance scheduled for the mentor: %+v %v %v", j, scheduled, err)
	}
	var first, second service.Booked
	update(t, s, func(tx *store.Tx) (err error) {
		first, err = m.Book(tx, anaUser, aulabot.State{}, sl.ID, false)
		return err
	})
	if first.Full || first.Booking.Status != aulabot.BookingActive {
		t.Fatalf("first = %+v", first)
	}
	k := keys(t, s)
	if !k[service.ReminderKey(first.Booking.ID, "24h")] || !k[service.ReminderKey(first.Booking.ID, "1h")] {
		t.Fatalf("reminders = %v", k)
	}
	if ms := pending(t, s, mentorID); len(ms) == 0 || !strings.Contains(ms[len(ms)-1].Text, "Ana") {
		t.Fatalf("mentor not told: %+v", ms)
	}
	update(t, s, func(tx *store.Tx) (err error) {
		second, err = m.Book(tx, benUser, aulabot.State{}, sl.ID, false)
		return err
	})
	if !second.Full {
		t.Fatalf("a full session booked: %+v", second)
	}
	update(t, s, func(tx *store.Tx) (err error) {
		second, err = m.Book(tx, benUser, aulabot.State{}, sl.ID, true)
		return err
	})
	if second.Booking.Status != aulabot.BookingWaiting {
		t.Fatalf("second = %+v", second)
	}
	var res service.Cancelled
	update(t, s, func(tx *store.Tx) (err error) {
		res, err = m.Cancel(tx, ana, aulabot.Roles{}, first.Booking.ID)
		return err
	})
	if res.Override || res.Now.Promoted == nil || res.Now.Promoted.User != benUser.ID {
		t.Fatalf("cancel = %+v", res)
	}
	k = keys(t, s)
	if k[service.ReminderKey(first.Booking.ID, "24h")] || k[service.ReminderKey(first.Booking.ID, "1h")] {
		t.Errorf("ana's reminders left: %v", k)
	}
	if !k[service.ReminderKey(second.Booking.ID, "24h")] {
		t.Errorf("ben promoted without reminders: %v", k)
	}
	ms := pending(t, s, benUser.ID)
	if len(ms) == 0 || ms[0].File == nil || !strings.Contains(ms[0].Text, "yours now") || ms[0].Inline[0][0].Data != fmt.Sprintf("cancel %d", second.Booking.ID) {
		t.Fatalf("ben not confirmed: %+v", ms)
	}
}

// A topic typed in the previous version's state (a map of strings) is
// still read, and goes into the booking.
func TestMentoring_OldTopicStateContinues(t *testing.T) {
	m, s := newMentoring(t)
	sl := publishSlot(t, m, s, aulabot.SlotPersonal, 1)
	data, _ := json.Marshal(map[string]string{"slot": fmt.Sprint(sl.ID), "topic": "Rubrics in Moodle"})
	old := aulabot.State{Flow: "booktopic", Data: data}
	var res service.Booked
	update(t, s, func(tx *store.Tx) (err error) {
		res, err = m.Book(tx, anaUser, old, sl.ID, false)
		return err
	})
	if !res.Topic || res.Booking.Topic != "Rubrics in Moodle" {
		t.Fatalf("booked = %+v", res)
	}
}

// Deleting a person's data drops the reminders of their future bookings.
func TestMentoring_EraseDropsReminders(t *testing.T) {
	m, s := newMentoring(t)
	sl := publishSlot(t, m, s, aulabot.SlotPersonal, 1)
	var res service.Booked
	update(t, s, func(tx *store.Tx) (err error) {
		res, err = m.Book(tx, anaUser, aulabot.State{}, sl.ID, false)
		return err
	})
	update(t, s, func(tx *store.Tx) error { return m.Erase(tx, ana) })
	if k := keys(t, s); k[service.ReminderKey(res.Booking.ID, "24h")] || k[service.ReminderKey(res.Booking.ID, "1h")] {
		t.Errorf("reminders left after the erase: %v", k)
	}
}

// The seat hook (the courses' question, issue 19) runs when a booking
// gets a seat, by booking or by promotion from the waitlist, in the same
// transaction; never for a place on the waitlist.
func TestMentoring_SeatHook(t *testing.T) {
	m, s := newMentoring(t)
	var seated []int64
	m.Seated = func(tx service.Tx, b aulabot.Booking) error {
		if b.Status != aulabot.BookingActive {
			t.Errorf("hook for booking %d in state %s", b.ID, b.Status)
		}
		seated = append(seated, b.User)
		return nil
	}
	sl := publishSlot(t, m, s, aulabot.SlotGroup, 1)
	var ana, ben service.Booked
	update(t, s, func(tx *store.Tx) (err error) {
		ana, err = m.Book(tx, anaUser, aulabot.State{}, sl.ID, false)
		return err
	})
	update(t, s, func(tx *store.Tx) (err error) {
		ben, err = m.Book(tx, benUser, aulabot.State{}, sl.ID, true)
		return err
	})
	if !slices.Equal(seated, []int64{anaUser.ID}) || ben.Booking.Status != aulabot.BookingWaiting {
		t.Fatalf("after a seat and a waitlist place: hook for %v, ben %s", seated, ben.Booking.Status)
	}
	update(t, s, func(tx *store.Tx) error {
		_, err := m.Cancel(tx, anaUser.ID, aulabot.Roles{}, ana.Booking.ID)
		return err
	})
	if !slices.Equal(seated, []int64{anaUser.ID, benUser.ID}) {
		t.Errorf("after ben's promotion: hook for %v", seated)
	}
}

// The calendar file's description carries the whole topic and link,
// however long (the previous version cut it at 190 characters).
func TestMentoring_CalendarKeepsTheDescription(t *testing.T) {
	m, s := newMentoring(t)
	link := "https://meet.example.org/" + strings.Repeat("a", aulabot.SlotMaxLink-len("https://meet.example.org/"))
	var sl aulabot.Slot
	update(t, s, func(tx *store.Tx) (err error) {
		sl, _, err = m.CreateSlot(tx, mentorOne, "unma", aulabot.NewSlot{Start: now.Add(48 * time.Hour), Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 3, Link: link, Topic: strings.Repeat("t", aulabot.SlotMaxTopic)})
		return err
	})
	var conf aulabot.Message
	update(t, s, func(tx *store.Tx) error {
		res, err := m.Book(tx, anaUser, aulabot.State{}, sl.ID, false)
		conf = m.Confirmation(tx, "en", "booking.booked", res.Booking, res.Slot)
		return err
	})
	ics := strings.ReplaceAll(string(conf.File.Data), "\r\n ", "")
	_, desc, _ := strings.Cut(ics, "DESCRIPTION:")
	desc, _, _ = strings.Cut(desc, "\r\n")
	if !strings.Contains(desc, strings.Repeat("t", aulabot.SlotMaxTopic)) || !strings.Contains(desc, link) {
		t.Errorf("the description is cut: %q", desc)
	}
}
