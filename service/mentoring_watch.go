package service

import (
	"slices"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// A person who finds no slot of a kind may ask to be told when a mentor
// publishes one (🔔 on "no slots"): the first publication of a slot of
// that kind at their university that they could book, or a personal slot
// freed by a cancellation or a change of time, tells them once, with the
// slot to open, and the wait ends. A wait lasts SlotWatchDays. Mentors
// see how many wait (Waiting), the reports how many waited and were told
// (the store's anonymous log).

// SlotWatchDays is how long a wait for new slots lasts (a month of the
// term); after it the wait ends untold.
const SlotWatchDays = 30

// WatchSlots records that u wants to be told when a slot of kind is
// published at their university; false if they were waiting already.
func (m *Mentoring) WatchSlots(tx MentoringTx, u aulabot.User, kind string) (bool, error) {
	return tx.WatchSlots(u.University, kind, u.ID, u.Language(m.Config.Language))
}

// WatchingSlots reports whether u waits to be told of slots of kind.
func (m *Mentoring) WatchingSlots(tx MentoringTx, u aulabot.User, kind string) bool {
	return tx.WatchingSlots(u.University, kind, u.ID)
}

// tellFreed tells those who wait for a personal slot of the one c freed,
// if nobody on its waitlist took the seat.
func (m *Mentoring) tellFreed(tx MentoringTx, c aulabot.Cancellation) error {
	if c.Promoted != nil || c.Slot.Kind != aulabot.SlotPersonal || c.Slot.Cancelled || c.Slot.SeatsLeft() == 0 {
		return nil
	}
	_, err := m.tellWatchers(tx, c.Slot.University, []aulabot.Slot{c.Slot}, "booking.watch_freed_")
	return err
}

// tellWatchers tells those who wait for a slot of a kind at uni of the
// slots just published or freed there (key: "booking.watch_new_" or
// "booking.watch_freed_", the kind follows) that they could book now:
// those between the notice and the horizon, not their own. Each is told
// once, in their language, with the first slot to open and, when there
// are more, the list; their wait ends. A wait older than SlotWatchDays,
// or of someone who is no longer at uni, ends untold. It returns how many
// were told.
func (m *Mentoring) tellWatchers(tx MentoringTx, uni string, slots []aulabot.Slot, key string) (int, error) {
	now := tx.Now()
	rules := m.Config.Booking
	open := map[string][]aulabot.Slot{}
	for _, s := range slots {
		if !s.Start.Before(now.Add(rules.Notice())) && !s.Start.After(now.Add(rules.Ahead())) {
			open[s.Kind] = append(open[s.Kind], s)
		}
	}
	told := 0
	for _, kind := range []string{aulabot.SlotPersonal, aulabot.SlotGroup} {
		if len(open[kind]) == 0 {
			continue
		}
		ws, err := tx.SlotWatchers(uni, kind)
		if err != nil {
			return told, err
		}
		for _, w := range ws {
			ok, err := m.tellWatcher(tx, uni, kind, w, open[kind], key)
			if err != nil {
				return told, err
			}
			if ok {
				told++
			}
		}
	}
	return told, nil
}

// tellWatcher tells w of the slots of kind they could book among slots
// (text key+kind), and ends their wait; see tellWatchers. It reports
// whether w was told.
func (m *Mentoring) tellWatcher(tx MentoringTx, uni, kind string, w aulabot.SlotWatch, slots []aulabot.Slot, key string) (bool, error) {
	u, holds, err := waiter(tx, uni, w)
	if err != nil {
		return false, err
	}
	if !holds {
		return false, tx.UnwatchSlots(uni, kind, w.User)
	}
	var theirs []aulabot.Slot
	for _, s := range slots {
		if s.Mentor != w.User {
			theirs = append(theirs, s)
		}
	}
	if len(theirs) == 0 {
		return false, nil // only their own: they keep waiting
	}
	lang := u.Language(w.Lang)
	first := slices.MinFunc(theirs, func(a, b aulabot.Slot) int { return a.Start.Compare(b.Start) })
	rows := [][]aulabot.Button{{{Text: m.Cat.T(lang, "booking.watch_open"), Data: m.Buttons.ShowSlot(first.ID)}}}
	if len(theirs) > 1 {
		rows = append(rows, []aulabot.Button{{Text: m.Cat.T(lang, "booking.watch_all_"+kind), Data: m.Buttons.Slots(kind)}})
	}
	if _, err := tx.Enqueue(aulabot.Message{ChatID: w.User, Inline: rows,
		Text: m.Cat.N(lang, key+kind, len(theirs), "slot", i18n.HTML(m.SlotLine(lang, first)))}); err != nil {
		return false, err
	}
	return true, tx.SlotWatchTold(uni, kind, w.User)
}

// waiter returns the person of wait w for a slot at uni and whether the
// wait still holds: it has not lasted SlotWatchDays, and the person is
// still at uni.
func waiter(tx MentoringTx, uni string, w aulabot.SlotWatch) (aulabot.User, bool, error) {
	if tx.Now().Sub(w.At) > SlotWatchDays*24*time.Hour {
		return aulabot.User{}, false, nil
	}
	u, ok, err := tx.User(w.User)
	return u, ok && u.University == uni, err
}

// Waiting counts the people who wait to be told of a slot of kind at uni
// and would be (their wait not expired, still at uni), other than mentor:
// what a mentor's agenda shows, so that mentors see the demand no slot
// meets.
func (m *Mentoring) Waiting(tx MentoringTx, uni, kind string, mentor int64) (int, error) {
	ws, err := tx.SlotWatchers(uni, kind)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, w := range ws {
		if w.User == mentor {
			continue
		}
		_, holds, err := waiter(tx, uni, w)
		if err != nil {
			return n, err
		}
		if holds {
			n++
		}
	}
	return n, nil
}
