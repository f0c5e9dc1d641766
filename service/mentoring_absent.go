package service

import (
	"strconv"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// MentorAbsent tells the mentor of booking id, a session under way that
// user holds a seat in, that user is waiting for them, and the
// coordinators of the session's university that the mentor has not come:
// "mi mentor no llegó a la sesión" got the booking article, and nobody
// heard of it (seen in the sandbox). Each is told once for a booking,
// however many presses. Errors: the booking is not user's
// (ENOTFOUND); the session has not begun or is over (ECONFLICT).
func (m *Mentoring) MentorAbsent(tx MentoringTx, user int64, id uint64) (Upcoming, error) {
	up, err := m.seatOf(tx, id, writes(user, false))
	if err != nil {
		return Upcoming{}, err
	}
	now, s := tx.Now(), up.Slot
	if s.Start.After(now) || !s.End().After(now) {
		return Upcoming{}, aulabot.Errorf(aulabot.ECONFLICT, "booking.absent_not_now")
	}
	_, lang, err := m.person(tx, s.Mentor)
	if err != nil {
		return Upcoming{}, err
	}
	who := m.PersonName(lang, up.Booking.Name)
	_, err = tx.Enqueue(aulabot.Message{ChatID: s.Mentor, Key: absentKey(id, s.Mentor),
		Text:   m.Cat.T(lang, "slot.absent_mentor", "name", who, "line", i18n.HTML(m.SlotLine(lang, s))),
		Inline: [][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_view"), Data: m.Buttons.ViewSlot(s.ID)}}}})
	if err != nil {
		return Upcoming{}, err
	}
	uni, ok := m.Config.University(s.University)
	if !ok {
		return up, nil
	}
	for _, coord := range uni.Coordinators {
		_, lang, err := m.person(tx, coord)
		if err != nil {
			return Upcoming{}, err
		}
		text := m.Cat.T(lang, "slot.absent_coordinator", "name", m.PersonName(lang, up.Booking.Name),
			"mentor", m.PersonName(lang, s.MentorName), "line", i18n.HTML(m.SlotLine(lang, s)))
		if _, err := tx.Enqueue(aulabot.Message{ChatID: coord, Key: absentKey(id, coord), Text: text}); err != nil {
			return Upcoming{}, err
		}
	}
	return up, nil
}

// absentKey is the outbox key of the word that booking's mentor has not
// come, for chat: once each.
func absentKey(booking uint64, chat int64) string {
	return "absent:" + strconv.FormatUint(booking, 10) + ":" + strconv.FormatInt(chat, 10)
}
