package service_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// SendLink keeps the link on the slot and sends it to whoever holds a
// seat, not to the waitlist; a text that is not a web address, or another
// mentor, changes nothing.
func TestMentoring_SendLink(t *testing.T) {
	m, s := newMentoring(t)
	var sl aulabot.Slot
	update(t, s, func(tx *store.Tx) (err error) {
		sl, _, err = m.CreateSlot(tx, mentorOne, "unma", aulabot.NewSlot{Start: now.Add(48 * time.Hour), Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 1})
		if err != nil {
			return err
		}
		if _, err = tx.BookSlot(sl.ID, anaUser, aulabot.BookingRules{}); err != nil {
			return err
		}
		_, err = tx.JoinWaitlist(sl.ID, benUser, aulabot.BookingRules{})
		return err
	})
	for _, bad := range []struct {
		by   int64
		text string
		key  string
	}{
		{mentorID, "ftp://meet.example/x", "slot.err_link"},
		{mentorID, "see you in room 4", "slot.err_link"},
		{mentorID, "https://", "slot.err_link"},
		{mentorID, "https://meet.example/" + strings.Repeat("x", aulabot.SlotMaxLink), "slot.err_link"},
		{4002, "https://meet.example/x", "slot.err_not_found"},
	} {
		err := s.Update(func(tx *store.Tx) error { _, err := m.SendLink(tx, bad.by, sl.ID, bad.text, now); return err })
		if aulabot.ErrorKey(err) != bad.key {
			t.Errorf("SendLink(%d, %q) = %v, want %s", bad.by, bad.text, err, bad.key)
		}
	}
	if got, _, _ := s.Slot(sl.ID); got.Link != "" {
		t.Fatalf("a refused link was kept: %q", got.Link)
	}
	update(t, s, func(tx *store.Tx) error {
		res, err := m.SendLink(tx, mentorID, sl.ID, " https://meet.example/new\n", now)
		if err == nil && (res.Told != 1 || res.Slot.Link != "https://meet.example/new") {
			t.Errorf("SendLink = %+v", res)
		}
		return err
	})
	if ms := pending(t, s, anaUser.ID); len(ms) == 0 || !strings.Contains(ms[len(ms)-1].Text, "https://meet.example/new") {
		t.Errorf("the person with the seat got %+v", ms)
	}
	for _, msg := range pending(t, s, benUser.ID) {
		if strings.Contains(msg.Text, "meet.example/new") {
			t.Errorf("the person waiting got the link: %q", msg.Text)
		}
	}
}
