package service

import (
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// SlotLinked is the result of SendLink: the slot with its meeting link
// and how many people holding a seat were sent it.
type SlotLinked struct {
	Slot aulabot.Slot
	Told int
}

// SendLink keeps the link a mentor typed or pasted (text) as the meeting
// link of their slot id and sends it to everyone holding a seat; their
// reminders are queued again to carry it. Later bookings get it with the
// confirmation. Errors: EINVALID slot.err_link (not a web address);
// ECONFLICT slot.err_link_ended (the session is over at now); the slot's
// not-found (Own).
func (m *Mentoring) SendLink(tx MentoringTx, mentor int64, id uint64, text string, now time.Time) (SlotLinked, error) {
	_, link, err := m.linkFor(tx, mentor, id, text, now)
	if err != nil {
		return SlotLinked{}, err
	}
	s, err := tx.SetSlotLink(id, mentor, link)
	if err != nil {
		return SlotLinked{}, err
	}
	res := SlotLinked{Slot: s}
	res.Told, err = m.eachSeated(tx, id, func(b aulabot.Booking, lang string) error {
		msg := aulabot.Message{ChatID: b.User, Text: m.Cat.T(lang, "booking.link_sent",
			"mentor", m.PersonName(lang, s.MentorName), "slot", i18n.HTML(m.SlotLine(lang, s)), "link", s.Link)}
		if _, err := tx.Enqueue(msg); err != nil {
			return err
		}
		return m.scheduleReminders(tx, lang, b, s)
	})
	return res, err
}

// LinkPlan is a meeting link waiting for the mentor's word: the slot, the
// link, and how many people holding a seat will be sent it.
type LinkPlan struct {
	Slot aulabot.Slot
	Link string
	Told int
}

// PlanLink reads the link a mentor pasted (text) for their slot id
// without pressing 🔗 Send the link, under the session's panel or its
// reminder, and returns FlowSlotLink waiting for the mentor to confirm
// it: nothing is kept or sent yet, so that a link pasted for something
// else (one that does not open, a question's) reaches nobody. Errors:
// SendLink's.
func (m *Mentoring) PlanLink(tx MentoringTx, mentor int64, id uint64, text string, now time.Time) (aulabot.State, LinkPlan, error) {
	s, link, err := m.linkFor(tx, mentor, id, text, now)
	if err != nil {
		return aulabot.State{}, LinkPlan{}, err
	}
	told, err := seated(tx, id)
	if err != nil {
		return aulabot.State{}, LinkPlan{}, err
	}
	return FlowSlotLink.At(SlotLinkConfirm, OnSlot{Slot: id, Link: link}), LinkPlan{Slot: s, Link: link, Told: told}, nil
}

// seated is how many people hold a seat in slot id, as eachSeated counts
// them.
func seated(tx MentoringTx, id uint64) (int, error) {
	bs, err := tx.SlotBookings(id)
	n := 0
	for _, b := range bs {
		if b.Status == aulabot.BookingActive && b.User != 0 {
			n++
		}
	}
	return n, err
}

// PlannedLink is the link FlowSlotLink st waits to send for slot id
// (PlanLink). Anything else is a stale button.
func PlannedLink(st aulabot.State, id uint64) (string, error) {
	return plannedWords(FlowSlotLink, SlotLinkConfirm, st, id, func(d OnSlot) string { return d.Link })
}

// linkFor is mentor's slot id and the meeting link text gives it, or
// SendLink's errors.
func (m *Mentoring) linkFor(tx MentoringTx, mentor int64, id uint64, text string, now time.Time) (aulabot.Slot, string, error) {
	link := aulabot.TypedLink(text)
	if !aulabot.ValidSlotLink(link) {
		return aulabot.Slot{}, "", aulabot.Errorf(aulabot.EINVALID, "slot.err_link")
	}
	s, err := m.Own(tx, mentor, id)
	if err == nil && !s.End().After(now) {
		err = aulabot.Errorf(aulabot.ECONFLICT, "slot.err_link_ended")
	}
	return s, link, err
}

// eachSeated runs fn for each booking holding a seat in slot id, with its
// person's language (not those waiting, nor those who deleted their
// data), and returns how many it ran for.
func (m *Mentoring) eachSeated(tx MentoringTx, id uint64, fn func(b aulabot.Booking, lang string) error) (int, error) {
	bs, err := tx.SlotBookings(id)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, b := range bs {
		if b.Status != aulabot.BookingActive || b.User == 0 {
			continue
		}
		_, lang, err := m.person(tx, b.User)
		if err != nil {
			return n, err
		}
		if err := fn(b, lang); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
