package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// longName is a name part of n characters that is as long as it can be
// for Telegram (emoji count 2) and needs escaping, unique by i.
func longName(i, n int) string {
	tag := fmt.Sprintf("<&%d>", i)
	return strings.Repeat("🙂", n-len(tag)) + tag
}

// longPerson is a Telegram user whose first and last names are both 64
// characters long, the most Telegram allows.
func longPerson(id int64) aulabot.Person {
	return aulabot.Person{ID: id, FirstName: longName(int(id), 64), LastName: longName(int(id), 64), LanguageCode: "en"}
}

// putLongUser stores an onboarded user with the longest name.
func putLongUser(t testing.TB, e *htest.Env, id int64, uni string) aulabot.User {
	t.Helper()
	u := aulabot.User{ID: id, Name: longPerson(id).Name(), University: uni, Role: aulabot.RoleTeacher, Lang: "en", ConsentAt: e.Now()}
	if err := e.Store.Update(func(tx *store.Tx) error { return tx.PutUser(u) }); err != nil {
		t.Fatal(err)
	}
	return u
}

// walk presses every button of msgs whose data starts with prefix and has
// not been pressed yet (page turns), until no new page comes, and returns
// every message seen. Each message must fit.
func walk(t *testing.T, e *htest.Env, p aulabot.Person, msgs []aulabot.Message, prefix string) []aulabot.Message {
	t.Helper()
	seen := map[string]bool{}
	all := append([]aulabot.Message(nil), msgs...)
	for i := 0; i < len(all); i++ {
		if err := handlers.Fits(all[i]); err != nil {
			t.Fatal(err)
		}
		for _, row := range all[i].Inline {
			for _, b := range row {
				if strings.HasPrefix(b.Data, prefix) && !seen[b.Data] {
					seen[b.Data] = true
					all = append(all, e.Press(p, 0, int(all[i].ID), b.Data)...)
				}
			}
		}
		if len(all) > 5000 {
			t.Fatal("pages never end")
		}
	}
	return all
}

func allData(msgs []aulabot.Message) map[string]bool {
	d := map[string]bool{}
	for _, m := range msgs {
		for _, row := range m.Inline {
			for _, b := range row {
				d[b.Data] = true
			}
		}
	}
	return d
}

// The longest slot view: a group slot of capacity 100 booked by 100
// people with 64+64-character names and the longest topics, 40 more
// waiting, the longest topic, link and private note. Every message fits, and every booked person can
// be reached: cancel before the start, attendance after it.
func TestFit_LongestSlotView(t *testing.T) {
	e := htest.New(t, nil)
	mentor := longPerson(4001)
	var s aulabot.Slot
	var active []aulabot.Booking
	err := e.Store.Update(func(tx *store.Tx) error {
		var err error
		s, err = tx.CreateSlot("unma", mentor.ID, mentor.Name(), aulabot.NewSlot{Start: e.Now().Add(48 * time.Hour), Minutes: 60,
			Kind: aulabot.SlotGroup, Capacity: aulabot.SlotMaxCapacity, Topic: strings.Repeat("🙂", aulabot.SlotMaxTopic),
			Link: "https://meet.example.org/" + strings.Repeat("x", aulabot.SlotMaxLink-25)})
		if err != nil {
			return err
		}
		if _, err := tx.SetSlotNote(s.ID, mentor.ID, strings.Repeat("📝", store.MaxNote)); err != nil {
			return err
		}
		for i := range 140 {
			u := aulabot.User{ID: int64(10000 + i), Name: longPerson(int64(10000 + i)).Name(), University: "unma"}
			if i < 100 {
				b, err := tx.BookSlot(s.ID, u, e.Config.Booking)
				if err != nil {
					return err
				}
				if b, err = tx.SetBookingTopic(b.ID, u.ID, strings.Repeat("&", aulabot.SlotMaxTopic)); err != nil {
					return err // the longest topic, escaped to five times its length
				}
				active = append(active, b)
			} else if _, err := tx.JoinWaitlist(s.ID, u, e.Config.Booking); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The mentor's reminder an hour before names fifteen of them and
	// fits (a message that did not would fail its job at every try).
	if err := e.Store.Update(func(tx *store.Tx) error {
		return tx.Schedule(aulabot.Job{Key: "soon", Kind: service.JobSlotSoon, Due: e.Now(), Data: map[string]string{"slot": fmt.Sprint(s.ID)}})
	}); err != nil {
		t.Fatal(err)
	}
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	// (The mentor was never onboarded: the configuration's language.)
	if soon := find(e.Deliver(), "empieza en una hora"); soon == nil || strings.Count(soon.Text, "\n• ") != 15 || !strings.Contains(soon.Text, "… y 85 personas más") {
		t.Errorf("the reminder of the longest session: %+v", soon)
	}
	view, page := fmt.Sprintf("sl:v:%d", s.ID), fmt.Sprintf("sl:p:%d:", s.ID)
	before := walk(t, e, mentor, e.Press(mentor, 0, 0, view), page)
	d := allData(before)
	for _, b := range active {
		if !d[fmt.Sprintf("bk:x:%d", b.ID)] {
			t.Errorf("booking %d cannot be cancelled from the slot view", b.ID)
		}
	}
	if !strings.Contains(texts(before), "40") {
		t.Errorf("the waitlist is not counted: %q", texts(before))
	}
	if !d[fmt.Sprintf("sl:x:%d", s.ID)] || !d[fmt.Sprintf("sl:n:%d", s.ID)] {
		t.Errorf("the slot's own buttons are missing")
	}

	e.Advance(48*time.Hour + time.Minute)
	after := walk(t, e, mentor, e.Press(mentor, 0, 0, view), page)
	d = allData(after)
	for _, b := range active {
		for _, mark := range []string{"1", "0"} {
			if !d[fmt.Sprintf("sl:a:%d:%s", b.ID, mark)] {
				t.Errorf("attendance of booking %d cannot be marked %s", b.ID, mark)
			}
		}
	}
	// The note is read in full from its button.
	if out := e.Press(mentor, 0, 0, fmt.Sprintf("sl:n:%d", s.ID)); !strings.Contains(texts(out), strings.Repeat("📝", store.MaxNote)) {
		t.Errorf("the note's button does not show the whole note")
	}
}

// The longest agenda: a mentor with 160 slots over 40 days (and the
// longest topics and links, some booked by people with the longest
// names): /slots and /today page, every page fits and every slot can be
// opened; a person on fifty waitlists, each with the longest topic of
// their own, pages /mybookings and can cancel each; the booking list
// reaches every slot. (Each page reads every slot: 300 slots over 60 days
// took 20 s of CPU under -race, for pages that fit the same way.)
func TestFit_LongestAgenda(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	cfg := config.Demo()
	cfg.Booking.Horizon = aulabot.Duration(60 * 24 * time.Hour)
	e := htest.New(t, cfg)
	mentor := longPerson(4001)
	booker := putLongUser(t, e, 9000, "unma")
	var slots []aulabot.Slot
	var mine []aulabot.Booking
	err := e.Store.Update(func(tx *store.Tx) error {
		day := e.Now().Truncate(24 * time.Hour)
		for d := range 40 {
			for h := range 4 {
				start := day.Add(time.Duration(d)*24*time.Hour + time.Duration(13+h)*time.Hour)
				if !start.After(e.Now().Add(3 * time.Hour)) {
					continue
				}
				s, err := tx.CreateSlot("unma", mentor.ID, mentor.Name(), aulabot.NewSlot{Start: start, Minutes: 60,
					Kind: aulabot.SlotGroup, Capacity: 2, Topic: strings.Repeat("🙂", aulabot.SlotMaxTopic),
					Link: "https://meet.example.org/" + strings.Repeat("&", aulabot.SlotMaxLink-25)})
				if err != nil {
					return err
				}
				slots = append(slots, s)
				if len(slots)%3 == 0 {
					for i := range 2 {
						u := aulabot.User{ID: int64(20000 + len(slots)*2 + i), Name: longPerson(int64(20000 + i)).Name(), University: "unma"}
						if _, err := tx.BookSlot(s.ID, u, cfg.Booking); err != nil {
							return err
						}
					}
					b, err := tx.JoinWaitlist(s.ID, booker, cfg.Booking)
					if err != nil {
						return err
					}
					if b, err = tx.SetBookingTopic(b.ID, booker.ID, strings.Repeat("&", aulabot.SlotMaxTopic)); err != nil {
						return err // the longest topic, shown in /mybookings
					}
					mine = append(mine, b)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(slots) < 155 || len(mine) < 50 {
		t.Fatalf("built %d slots and %d waitlist places", len(slots), len(mine))
	}
	all := walk(t, e, mentor, e.Text(mentor, 0, "/slots"), "ag:")
	d := allData(all)
	for _, s := range slots {
		if !d[fmt.Sprintf("sl:v:%d", s.ID)] {
			t.Fatalf("slot %d (%s) cannot be opened from /slots", s.ID, s.Start)
		}
	}
	walk(t, e, mentor, e.Text(mentor, 0, "/today"), "ag:")

	p := longPerson(booker.ID)
	d = allData(walk(t, e, p, e.Text(p, 0, "/mybookings"), "bk:m:"))
	for _, b := range mine {
		if !d[fmt.Sprintf("bk:x:%d", b.ID)] {
			t.Fatalf("booking %d cannot be cancelled from /mybookings", b.ID)
		}
	}
	student := putLongUser(t, e, 9001, "unma")
	ps := longPerson(student.ID)
	d = allData(walk(t, e, ps, e.Press(ps, 0, 0, "bk:k:g:0"), "bk:k:g:"))
	for _, s := range slots {
		if !d[fmt.Sprintf("bk:s:%d", s.ID)] {
			t.Fatalf("slot %d cannot be reached from the booking list", s.ID)
		}
	}
}

// Every message of a booking's life fits with the longest names, topic,
// link and reason: the confirmation (a caption, with the .ics), the
// mentor's notice, the reminders, a move and a cancellation.
func TestFit_LongestMentoring(t *testing.T) {
	e := htest.New(t, nil)
	mentor := longPerson(4001)
	e.Text(mentor, 0, "/newslot 2026-03-13 15:00 60 personal")
	p := longPerson(7001)
	putLongUser(t, e, p.ID, "unma")
	topic := strings.Repeat("🙂", aulabot.SlotMaxTopic)
	var s aulabot.Slot
	e.Store.View(func(tx *store.Tx) error {
		all, _ := tx.MentorSlots(mentor.ID, time.Time{}, e.Now().AddDate(1, 0, 0))
		s = all[0]
		return nil
	})
	var out []aulabot.Message
	out = append(out, e.Press(p, 0, 0, fmt.Sprintf("bk:t:%d", s.ID))...)
	out = append(out, e.Text(p, 0, topic)...)
	out = append(out, e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))...)
	if find(out, "Booked!") == nil {
		t.Fatalf("not booked: %q", texts(out))
	}
	e.Advance(48 * time.Hour)
	out = append(out, e.Deliver()...)
	out = append(out, e.Press(mentor, 0, 0, fmt.Sprintf("sl:m:%d", s.ID))...)
	out = append(out, e.Text(mentor, 0, "2026-03-14 16:00")...)
	out = append(out, e.Press(mentor, 0, 0, fmt.Sprintf("sl:x:%d", s.ID))...)
	out = append(out, e.Text(mentor, 0, strings.Repeat("😕", aulabot.SlotMaxTopic))...)
	out = append(out, e.Press(mentor, 0, 0, fmt.Sprintf("sl:xy:%d", s.ID))...)
	if find(out, "Session cancelled") == nil {
		t.Fatalf("not cancelled: %q", texts(out))
	}
	for _, m := range append(out, e.Sent(mentor.ID)...) {
		if err := handlers.Fits(m); err != nil {
			t.Error(err)
		}
	}
}

// The longest /mybookings page: eight seats (a university allowing that
// many) in sessions with the longest topic and link, each booked with the
// longest topic of the person's own; every page fits and every booking can
// be cancelled.
func TestFit_LongestMyBookings(t *testing.T) {
	cfg := config.Demo()
	cfg.Booking.MaxActive = 20
	e := htest.New(t, cfg)
	mentor := longPerson(4001)
	booker := putLongUser(t, e, 9000, "unma")
	var mine []aulabot.Booking
	err := e.Store.Update(func(tx *store.Tx) error {
		for i := range 12 {
			s, err := tx.CreateSlot("unma", mentor.ID, mentor.Name(), aulabot.NewSlot{Start: e.Now().Add(time.Duration(24+i) * time.Hour), Minutes: 60,
				Kind: aulabot.SlotGroup, Capacity: 2, Topic: strings.Repeat("🙂", aulabot.SlotMaxTopic),
				Link: "https://meet.example.org/" + strings.Repeat("&", aulabot.SlotMaxLink-25)})
			if err != nil {
				return err
			}
			b, err := tx.BookSlot(s.ID, booker, cfg.Booking)
			if err != nil {
				return err
			}
			if b, err = tx.SetBookingTopic(b.ID, booker.ID, strings.Repeat("😕", aulabot.SlotMaxTopic)); err != nil {
				return err
			}
			mine = append(mine, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p := longPerson(booker.ID)
	d := allData(walk(t, e, p, e.Text(p, 0, "/mybookings"), "bk:m:"))
	for _, b := range mine {
		if !d[fmt.Sprintf("bk:x:%d", b.ID)] {
			t.Fatalf("booking %d cannot be cancelled from /mybookings", b.ID)
		}
	}
}
