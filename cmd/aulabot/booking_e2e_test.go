package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// TestE2E_Booking: a mentor publishes a group slot, a teacher books it with
// buttons and gets the .ics, then 200 people press Book at once through
// the Bot API emulator: exactly the remaining seats are confirmed.
func TestE2E_Booking(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Lima
	seed := func(id int64, name string) {
		t.Helper()
		err := h.M.Store.Update(func(tx *store.Tx) error {
			return tx.PutUser(aulabot.User{ID: id, Name: name, Lang: "en", University: "unma", Role: "teacher", ConsentAt: h.Now()})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	seed(9101, "Ana")
	const capacity = 6
	m := h.say(4001, fmt.Sprintf("/newslot 2026-03-12 15:00 60 group %d Moodle", capacity))
	if !strings.Contains(m.Text, "Horario publicado") && !strings.Contains(m.Text, "Slot published") {
		t.Fatalf("/newslot: %q", m.Text)
	}

	// Every press edits the message it was pressed on: the menu becomes
	// the list, the list the session, the session the confirmation.
	m = h.say(9101, "/mentoring")
	h.press(9101, m, "Group")
	m = h.waitEdit(m, "Group sessions")
	h.press(9101, m, "Thu 12 Mar, 15:00")
	m = h.waitEdit(m, "Confirm the booking?")
	if !strings.Contains(m.Text, "6 seats left of 6") || !strings.Contains(m.Text, "Lima time") {
		t.Errorf("session: %q", m.Text)
	}
	before := h.lastBot(9101)
	h.press(9101, m, "Confirm")
	conf := h.waitEdit(m, "Booked!")
	if hasButton(conf, "bk:c:1") || !hasButton(conf, "bk:x:1") {
		t.Errorf("the confirmation keeps Confirm or lacks Cancel: %+v", conf.Inline)
	}
	m = h.waitText(9101, before, "for your calendar")
	if m.File == nil || !strings.HasSuffix(m.File.Name, ".ics") {
		t.Fatalf("no .ics after the confirmation: %+v", m)
	}
	if ics, _ := h.SB.FileData(m.File.ID); !strings.Contains(string(ics), "UID:booking-1@aulabot") ||
		!strings.Contains(string(ics), "DTSTART:20260312T200000Z") {
		t.Errorf(".ics = %q", ics)
	}
	// Cancel asks first, names what happens, and Keep goes back.
	h.press(9101, conf, "Cancel booking")
	ask := h.waitEdit(conf, "Cancel your booking?")
	h.press(9101, ask, "keep it")
	kept := h.waitEdit(ask, "Your booking stays")
	if s, _, _ := h.M.Store.Slot(1); s.Booked != 1 {
		t.Fatalf("Keep cancelled: booked = %d", s.Booked)
	}
	// Opening the session again says it is booked, with Cancel.
	h.pressData(9101, 9101, kept.ID, "bk:s:1")
	if m := h.waitEdit(kept, "You have booked this"); !hasButton(m, "bk:x:1") {
		t.Errorf("booked session without Cancel: %+v", m.Inline)
	}

	const people = 200
	for i := range people {
		seed(int64(20000+i), fmt.Sprint("P", i))
	}
	var wg sync.WaitGroup
	for i := range people {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			cb := h.SB.Press(id, id, 1, "bk:c:1")
			ctx, cancel := context.WithTimeout(context.Background(), wait)
			defer cancel()
			if _, err := h.SB.WaitAnswer(ctx, cb); err != nil {
				t.Error(err)
			}
		}(int64(20000 + i))
	}
	wg.Wait()
	booked, full := 0, 0
	for i := range people {
		id := int64(20000 + i)
		m := h.waitNew(id, 0, func(m sandbox.Message) bool {
			return strings.Contains(m.Text, "Booked!") || strings.Contains(m.Text, "just filled up")
		})
		if strings.Contains(m.Text, "Booked!") {
			booked++
		} else {
			full++
		}
	}
	if booked != capacity-1 || full != people-(capacity-1) {
		t.Fatalf("confirmed %d, told full %d; want %d and %d", booked, full, capacity-1, people-capacity+1)
	}
	if s, _, _ := h.M.Store.Slot(1); s.Booked != capacity {
		t.Errorf("slot booked = %d, want %d", s.Booked, capacity)
	}
}

// waitEdit waits until the bot's message msg, edited in place, shows want.
func (h *harness) waitEdit(msg sandbox.Message, want string) sandbox.Message {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	m, err := h.SB.WaitFor(ctx, msg.Chat, func(m sandbox.Message) bool { return m.ID == msg.ID && strings.Contains(m.Text, want) })
	if err != nil {
		h.t.Fatalf("message %d never showed %q: %v; chat %d has: %s", msg.ID, want, err, msg.Chat, dump(h.SB.Messages(msg.Chat)))
	}
	return m
}

// TestE2E_BookingRemindersSurviveRestart: reminders are stored before the
// restart and sent once after it, at their time.
func TestE2E_BookingRemindersSurviveRestart(t *testing.T) {
	h := newHarness(t, nil)
	start := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	h.SetNow(start)
	h.say(4001, "/newslot 2026-03-12 15:00 60 personal")
	err := h.M.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 9102, Name: "Luz", Lang: "en", University: "unma", Role: "teacher", ConsentAt: start})
	})
	if err != nil {
		t.Fatal(err)
	}
	if a := h.pressData(9102, 9102, 1, "bk:c:1"); !strings.Contains(a.Text, "Booked") {
		t.Fatalf("book answer = %+v", a)
	}
	h.waitText(9102, 0, "Booked!")
	h.stop()
	h.start()
	slot := time.Date(2026, 3, 12, 20, 0, 0, 0, time.UTC)
	h.Advance(slot.Add(-24 * time.Hour).Sub(h.Now()))
	h.waitText(9102, 0, "You have mentoring tomorrow")
	h.stop()
	h.start()
	h.Advance(23 * time.Hour)
	last := h.waitText(9102, 0, "starts in 1 hour")
	// A later message proves nothing else was queued before it.
	h.say(9102, "/mybookings")
	n := 0
	for _, m := range h.SB.Messages(9102) {
		if m.FromBot && (strings.Contains(m.Text, "tomorrow") || strings.Contains(m.Text, "starts in 1 hour")) {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d reminders delivered, want 2 (last %q)", n, last.Text)
	}
}

// TestE2E_LateRemindersDropped: a reminder that was not sent while it was
// true is dropped, not sent late. The bot down through the evening before
// a session: "You have mentoring tomorrow" on its day would be untrue, and
// only the 1 h one comes. Down through a session's start: neither the
// person's "starts in 1 hour" nor the mentor's "starts in an hour" comes.
func TestE2E_LateRemindersDropped(t *testing.T) {
	h := newHarness(t, nil)
	start := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	h.SetNow(start)
	h.say(4001, "/newslot 2026-03-12 15:00 60 personal")
	h.say(4001, "/newslot 2026-03-13 15:00 60 personal")
	err := h.M.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 9102, Name: "Luz", Lang: "en", University: "unma", Role: "teacher", ConsentAt: start})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"1", "2"} {
		if a := h.pressData(9102, 9102, 1, "bk:c:"+id); !strings.Contains(a.Text, "Booked") {
			t.Fatalf("book slot %s: %+v", id, a)
		}
	}
	reminders := func(chat int64, words ...string) (n int) {
		for _, m := range h.SB.Messages(chat) {
			for _, w := range words {
				if m.FromBot && strings.Contains(m.Text, w) {
					n++
				}
			}
		}
		return n
	}
	// Down from before the first 24 h reminder (20:00 UTC on the 11th)
	// until 08:00 in Lima on the session's day.
	h.stop()
	h.SetNow(time.Date(2026, 3, 12, 13, 0, 0, 0, time.UTC))
	h.start()
	h.say(9102, "/mybookings") // after anything queued before it
	if n := reminders(9102, "tomorrow"); n != 0 {
		t.Errorf("%d late \"tomorrow\" reminders on the session's day", n)
	}
	h.Advance(6 * time.Hour) // 19:00 UTC: an hour before
	h.waitText(9102, 0, "starts in 1 hour")
	// The second session's "tomorrow" comes; then down through its start.
	h.Advance(time.Hour)
	h.waitText(9102, 0, "You have mentoring tomorrow")
	h.stop()
	h.SetNow(time.Date(2026, 3, 13, 20, 10, 0, 0, time.UTC))
	h.start()
	h.say(9102, "/mybookings")
	h.say(4001, "/slots")
	if n := reminders(9102, "starts in 1 hour"); n != 1 {
		t.Errorf("%d \"starts in 1 hour\" reminders, want the first session's alone", n)
	}
	if n := reminders(4001, "empieza en una hora", "starts in an hour"); n != 1 {
		t.Errorf("the mentor got %d \"starts in an hour\" reminders, want the first session's alone", n)
	}
}

// TestE2E_StaffUnreachable: a mentor who blocked the bot (or never opened
// a chat with it) misses the booking of their session: Telegram answers
// 403, and the university's coordinator is told, once, whom the bot
// cannot write to and what to ask of them. The booking stands.
func TestE2E_StaffUnreachable(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Lima
	err := h.M.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 9101, Name: "Ana", Lang: "en", University: "unma", Role: "teacher", ConsentAt: h.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	h.say(4001, "/newslot 2026-03-12 15:00 60 group 6 Moodle")
	h.say(5001, "/start")
	before := h.lastBot(5001)
	h.SB.Block(4001, true)
	m := h.say(9101, "/mentoring")
	h.press(9101, m, "Group")
	m = h.waitEdit(m, "Group sessions")
	h.press(9101, m, "Thu 12 Mar, 15:00")
	m = h.waitEdit(m, "Confirm the booking?")
	h.press(9101, m, "Confirm")
	h.waitEdit(m, "Booked!")
	told := h.waitText(5001, before, "id 4001")
	if !strings.Contains(told.Text, "⚠️") || !strings.Contains(told.Text, "Montealto") {
		t.Errorf("the coordinator was told %q", told.Text)
	}
	if s, _, _ := h.M.Store.Slot(1); s.Booked != 1 {
		t.Errorf("booked = %d, want the booking to stand", s.Booked)
	}
}

// A session stored before the mentors' reminder an hour before it existed
// (5 December: stored without its job, as then) gets that reminder when
// the bot starts again, through the real start; a second start adds none.
func TestE2E_OldSessionGetsMentorsReminderAtStart(t *testing.T) {
	h := newHarness(t, nil)
	h.stop()
	st, err := store.Open(h.Data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var s aulabot.Slot
	err = st.Update(func(tx *store.Tx) error {
		s, err = tx.CreateSlot("unma", 4001, "Mentor 1 unma", aulabot.NewSlot{Start: time.Now().Add(48 * time.Hour).Truncate(time.Minute), Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1})
		return err
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	reminders := func() (n int) {
		t.Helper()
		err := h.M.Store.View(func(tx *store.Tx) error {
			jobs, err := tx.DueJobsBy(s.Start, 1000)
			for _, j := range jobs {
				if j.Kind == service.JobSlotSoon && j.Data["slot"] == fmt.Sprint(s.ID) && j.Due.Equal(s.Start.Add(-service.MentorReminder)) {
					n++
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	h.start()
	if n := reminders(); n != 1 {
		t.Fatalf("after the start the session has %d mentor's reminders an hour before it, want 1", n)
	}
	h.stop()
	h.start()
	if n := reminders(); n != 1 {
		t.Errorf("after a second start the session has %d mentor's reminders, want 1", n)
	}
}
