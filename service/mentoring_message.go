package service

import (
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// A mentor's message to everyone holding a seat in one of their sessions
// ("I'll be five minutes late", "bring your syllabus", a file to read
// before): each person gets it in a message naming the mentor and the
// session, in their language; the mentor's words and file as written.

// FlowSlotMessage waits for the words (or file) a mentor writes to those
// holding a seat in a slot.
var FlowSlotMessage = aulabot.Flow[OnSlot]{Name: "slotmsg"}

// SlotMaxMessage is the longest message a mentor may write to those
// booked: with the line naming the session it fits one Telegram message.
const SlotMaxMessage = 3000

// SlotFollowUp is how long after a session its mentor and those who held
// a seat may still write to each other: the slides after the session, a
// question about what was shown, thanks.
const SlotFollowUp = 7 * 24 * time.Hour

// Writable reports whether the mentor of s and those booked may still
// write to each other at now: until SlotFollowUp after its end.
func Writable(s aulabot.Slot, now time.Time) bool {
	return now.Before(s.End().Add(SlotFollowUp))
}

// followUpOver is the refusal once a session is past Writable.
func followUpOver() error {
	return aulabot.Errorf(aulabot.ECONFLICT, "slot.err_message_ended", "days", int(SlotFollowUp/(24*time.Hour)))
}

// SlotMessaged is the result of MessageBooked: the slot, and how many
// people holding a seat were sent the message.
type SlotMessaged struct {
	Slot aulabot.Slot
	Told int
}

// MessagePlan is a message to those booked waiting for the mentor's
// word: the slot, the words, and how many people will get them.
type MessagePlan struct {
	Slot aulabot.Slot
	Text string
	Told int
}

// PlanMessage reads text, the message a mentor typed with the words that
// asked to write to those booked in their slot id ("avisa a los inscritos
// de mi sesión del lunes que llego tarde": "llego tarde"), and returns
// FlowSlotMessage waiting for the mentor to confirm it: nothing is sent
// yet, so that the session and the words read from the request are seen
// before they reach anyone. Errors: MessageBooked's.
func (m *Mentoring) PlanMessage(tx MentoringTx, mentor int64, id uint64, text string, now time.Time) (aulabot.State, MessagePlan, error) {
	if _, err := noteText(text, nil); err != nil {
		return aulabot.State{}, MessagePlan{}, err
	}
	text = aulabot.CleanText(text) // as typed: MessageBooked escapes it
	s, err := m.Own(tx, mentor, id)
	if err != nil {
		return aulabot.State{}, MessagePlan{}, err
	}
	if !Writable(s, now) {
		return aulabot.State{}, MessagePlan{}, followUpOver()
	}
	told, err := seated(tx, id)
	if err != nil {
		return aulabot.State{}, MessagePlan{}, err
	}
	if told == 0 {
		return aulabot.State{}, MessagePlan{}, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_message_nobody")
	}
	return FlowSlotMessage.At(SlotMessageConfirm, OnSlot{Slot: id, Text: text}), MessagePlan{Slot: s, Text: text, Told: told}, nil
}

// PlannedMessage is the message FlowSlotMessage st waits to send for slot
// id (PlanMessage). Anything else is a stale button.
func PlannedMessage(st aulabot.State, id uint64) (string, error) {
	return plannedWords(FlowSlotMessage, SlotMessageConfirm, st, id, func(d OnSlot) string { return d.Text })
}

// MessageBooked sends what mentor wrote about their slot id (text, and
// the file of their message source, when it has one) to everyone holding
// a seat in it at now. Errors: EINVALID slot.err_message (nothing, or
// longer than SlotMaxMessage); ECONFLICT slot.err_message_ended (the
// session ended more than SlotFollowUp ago), slot.err_message_nobody
// (nobody holds a seat); the slot's not-found (Own).
func (m *Mentoring) MessageBooked(tx MentoringTx, mentor int64, id uint64, text string, file *aulabot.CopyOf, now time.Time) (SlotMessaged, error) {
	text, err := noteText(text, file)
	if err != nil {
		return SlotMessaged{}, err
	}
	s, err := m.Own(tx, mentor, id)
	if err != nil {
		return SlotMessaged{}, err
	}
	if !Writable(s, now) {
		return SlotMessaged{}, followUpOver()
	}
	res := SlotMessaged{Slot: s}
	res.Told, err = m.eachSeated(tx, id, func(b aulabot.Booking, lang string) error {
		// The file goes as the mentor sent it, its caption with it; ✉️
		// under it answers the mentor (there was no way back from here but
		// /mybookings).
		head := m.Cat.T(lang, "booking.mentor_wrote", "mentor", m.PersonName(lang, s.MentorName), "slot", i18n.HTML(m.SlotLine(lang, s)))
		return m.note(tx, b.User, head, text, file, [][]aulabot.Button{m.WriteRow(lang, b.ID, s.MentorName)})
	})
	if err != nil {
		return res, err
	}
	if res.Told == 0 {
		return res, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_message_nobody")
	}
	return res, nil
}
