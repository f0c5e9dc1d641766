package service

import (
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// A person holding a seat writes to their session's mentor ("I'll be ten
// minutes late", "I can't come after all", past the time to cancel), and
// the mentor answers that person: one message each way per press, each
// with the button that answers it. Nobody's Telegram account is shown to
// the other.

// OnBooking is what FlowWriteMentor and FlowAnswerBooked keep: the booking.
type OnBooking struct {
	Booking uint64 `json:"b,string"`
}

// FlowWriteMentor waits for the words (or file) a person writes to the
// mentor of their booking; FlowAnswerBooked for the mentor's answer to the
// person of a booking.
var (
	FlowWriteMentor  = aulabot.Flow[OnBooking]{Name: "bkwm"}
	FlowAnswerBooked = aulabot.Flow[OnBooking]{Name: "slrp"}
)

// AskWriteMentor starts FlowWriteMentor for booking id: person u's, holding
// a seat, its session not over by more than SlotFollowUp. Errors:
// booking.err_not_found, slot.err_message_ended.
func (m *Mentoring) AskWriteMentor(tx MentoringTx, u aulabot.User, id uint64) (aulabot.State, Upcoming, error) {
	n, err := m.seatOf(tx, id, writes(u.ID, false))
	if err != nil {
		return aulabot.State{}, n, err
	}
	return FlowWriteMentor.At(MentoringText, OnBooking{Booking: id}), n, nil
}

// AskAnswerBooked starts FlowAnswerBooked for booking id, held in a slot
// of mentor's, its session not over by more than SlotFollowUp. Errors:
// those of AskWriteMentor.
func (m *Mentoring) AskAnswerBooked(tx MentoringTx, mentor int64, id uint64) (aulabot.State, Upcoming, error) {
	n, err := m.seatOf(tx, id, writes(mentor, true))
	if err != nil {
		return aulabot.State{}, n, err
	}
	return FlowAnswerBooked.At(MentoringText, OnBooking{Booking: id}), n, nil
}

// WriteMentor sends what person u wrote in FlowWriteMentor (state st: text,
// and file, the copy of their message when it holds a file) to the
// booking's mentor, in the mentor's language, with Answer. The flow is
// over. Errors: EINVALID slot.err_message (nothing, or too long); those of
// AskWriteMentor.
func (m *Mentoring) WriteMentor(tx MentoringTx, st aulabot.State, u aulabot.User, text string, file *aulabot.CopyOf) (Upcoming, error) {
	n, text, err := m.noteSeat(tx, FlowWriteMentor, st, text, file, writes(u.ID, false))
	if err != nil {
		return n, err
	}
	_, lang, err := m.person(tx, n.Slot.Mentor)
	if err != nil {
		return n, err
	}
	head := m.Cat.T(lang, "slot.person_wrote", "name", m.PersonName(lang, u.Name), "slot", i18n.HTML(m.SlotLine(lang, n.Slot)))
	answer := [][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_answer_person", "name", m.PersonName(lang, u.Name)), Data: m.Buttons.AnswerBooked(n.Booking.ID)}}}
	return n, m.note(tx, n.Slot.Mentor, head, text, file, answer)
}

// AnswerBooked sends what mentor wrote in FlowAnswerBooked (state st) to
// the booking's person, in their language, with Write to the mentor. The
// flow is over. Errors: those of WriteMentor.
func (m *Mentoring) AnswerBooked(tx MentoringTx, st aulabot.State, mentor int64, text string, file *aulabot.CopyOf) (Upcoming, error) {
	n, text, err := m.noteSeat(tx, FlowAnswerBooked, st, text, file, writes(mentor, true))
	if err != nil {
		return n, err
	}
	_, lang, err := m.person(tx, n.Booking.User)
	if err != nil {
		return n, err
	}
	head := m.Cat.T(lang, "booking.mentor_wrote", "mentor", m.PersonName(lang, n.Slot.MentorName), "slot", i18n.HTML(m.SlotLine(lang, n.Slot)))
	return n, m.note(tx, n.Booking.User, head, text, file, [][]aulabot.Button{m.WriteRow(lang, n.Booking.ID, n.Slot.MentorName)})
}

// noteSeat is what a note in flow (state st) is about: the words checked
// (noteText) and the seat of the booking the flow keeps, which mine says
// is the writer's to write about (seatOf).
func (m *Mentoring) noteSeat(tx MentoringTx, flow aulabot.Flow[OnBooking], st aulabot.State, text string, file *aulabot.CopyOf,
	mine func(aulabot.Booking, aulabot.Slot) bool) (Upcoming, string, error) {
	d, ok := flow.Data(st)
	if !ok {
		return Upcoming{}, text, stale()
	}
	text, err := noteText(text, file)
	if err != nil {
		return Upcoming{}, text, err
	}
	n, err := m.seatOf(tx, d.Booking, mine)
	return n, text, err
}

// WriteRow is ✉️ Write to the mentor of booking id, in lang: named
// ("✉️ Write to Ana Pérez") when mentor, the session's mentor's name, is
// given.
func (m *Mentoring) WriteRow(lang string, id uint64, mentor string) []aulabot.Button {
	text := m.Cat.T(lang, "booking.button_write_mentor")
	if mentor != "" {
		text = m.Cat.T(lang, "booking.button_write_named", "name", Short(m.PersonName(lang, mentor), mentorInButton))
	}
	return []aulabot.Button{{Text: text, Data: m.Buttons.WriteMentor(id)}}
}

// mentorInButton is how much of a mentor's name ✉️ Write to NAME shows: a
// phone's row fits it beside another button.
const mentorInButton = 16

// seatOf is booking id holding a seat in a session still Writable, with
// its slot, if mine says it is the presser's to write about; else "not
// found" (or "over").
func (m *Mentoring) seatOf(tx MentoringTx, id uint64, mine func(aulabot.Booking, aulabot.Slot) bool) (Upcoming, error) {
	b, ok, err := tx.Booking(id)
	if err != nil {
		return Upcoming{}, err
	}
	if !ok || b.Status != aulabot.BookingActive || b.User == 0 {
		return Upcoming{}, noBooking()
	}
	s, ok, err := tx.Slot(b.Slot)
	if err != nil {
		return Upcoming{}, err
	}
	if !ok || s.Cancelled || !mine(b, s) {
		return Upcoming{}, noBooking()
	}
	if !Writable(s, tx.Now()) {
		return Upcoming{}, followUpOver()
	}
	return Upcoming{Booking: b, Slot: s}, nil
}

// noteText checks the words of a note (a file's caption with it) and
// returns them escaped, to go in a message as typed: "<dudas>" unescaped
// made Telegram refuse the message ("can't parse entities"), and the
// people it was for never got it while the writer was told it was sent.
func noteText(text string, file *aulabot.CopyOf) (string, error) {
	text = aulabot.CleanText(text)
	if (text == "" && file == nil) || utf8.RuneCountInString(text) > SlotMaxMessage {
		return text, aulabot.Errorf(aulabot.EINVALID, "slot.err_message", "max", SlotMaxMessage)
	}
	return i18n.Escape(text), nil
}

// note queues, for chat, head and then the words, or the file as sent
// (its caption with it), with buttons under the last.
func (m *Mentoring) note(tx MentoringTx, chat int64, head, text string, file *aulabot.CopyOf, buttons [][]aulabot.Button) error {
	msgs := []aulabot.Message{{ChatID: chat, Text: head + "\n\n" + text, Inline: buttons}}
	if file != nil {
		msgs = []aulabot.Message{{ChatID: chat, Text: head}, {ChatID: chat, Copy: file, Inline: buttons}}
	}
	for _, msg := range msgs {
		if _, err := tx.Enqueue(msg); err != nil {
			return err
		}
	}
	return nil
}
