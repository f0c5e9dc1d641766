package service

import (
	"strings"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// Words typed, or a file sent, without ✉️ or ↩️, under a note just
// delivered (the mentor's to a person, a person's to the mentor): the
// writer answers the note as a chat's next message, as people do on a
// phone. They were answered as a question to the knowledge base ("Sí,
// tráigalas por escrito" under a teacher's question got suggestions of
// articles), and the other side never got them. The handlers hold them
// here and ask, with two buttons, whether they go; nothing is sent before
// the writer says so.

// FlowNoteHeld holds the words until the writer chooses. Words typed
// meanwhile join them; a file is held alone, with its caption.
var FlowNoteHeld = aulabot.Flow[HeldNote]{Name: "bkhn"}

// FlowToldNote keeps the words a person told for their mentor in the
// words that asked for it ("dile a mi mentor que llego tarde a la sesión
// del martes") while they pick which booking's mentor, two being named:
// ✉️ Write to NAME then holds them for that booking (FlowNoteHeld), not
// asking for them again. Other words end it.
var FlowToldNote = aulabot.Flow[HeldNote]{Name: "bktold"}

// HeldNote is what FlowNoteHeld keeps: the booking, whether the writer is
// its session's mentor (answering the person) or the person (writing to
// the mentor), the name of whom it would go to (as the question showed
// it), the words, how many messages they came in and the message when
// one (0 when several joined), and whether it holds a file (copied as
// sent, its caption with it).
type HeldNote struct {
	Booking uint64 `json:"b,string"`
	Mentor  bool   `json:"m,omitempty"`
	To      string `json:"to"`
	Text    string `json:"t,omitempty"`
	N       int    `json:"n"`
	Source  int    `json:"s,omitempty"`
	File    bool   `json:"f,omitempty"`
}

// HoldNote keeps text (typed as message source, a file's caption when
// file) in FlowNoteHeld for booking id, written by writer in lang: its
// mentor when mentor, else the person holding its seat; words join those
// already held (st) for it. It returns the state. Errors: EINVALID
// booking.note_pick when a file would join what is held or words a held
// file (the writer chooses first), slot.err_message when the words
// together are longer than a note takes; those of AskWriteMentor.
func (m *Mentoring) HoldNote(tx MentoringTx, st aulabot.State, writer int64, lang string, mentor bool, id uint64, text string, source int, file bool) (aulabot.State, error) {
	n, err := m.seatOf(tx, id, writes(writer, mentor))
	if err != nil {
		return st, err
	}
	d := HeldNote{Booking: id, Mentor: mentor, To: m.PersonName(lang, n.Slot.MentorName), Text: strings.TrimSpace(text), N: 1, Source: source, File: file}
	if mentor {
		d.To = m.PersonName(lang, n.Booking.Name)
	}
	if held, ok := FlowNoteHeld.Data(st); ok && held.Booking == id && held.Mentor == mentor {
		if held.File || file {
			return st, aulabot.Errorf(aulabot.EINVALID, "booking.note_pick")
		}
		d.Text, d.N, d.Source = held.Text+"\n"+d.Text, held.N+1, 0
	}
	if utf8.RuneCountInString(aulabot.CleanText(d.Text)) > SlotMaxMessage {
		return st, aulabot.Errorf(aulabot.EINVALID, "slot.err_message", "max", SlotMaxMessage)
	}
	return FlowNoteHeld.At(MentoringText, d), nil
}

// SendHeld sends what FlowNoteHeld holds (state st), written by writer in
// their private chat, as WriteMentor or AnswerBooked does, and reports
// whether the writer was the mentor. The flow is over. Errors: those of
// WriteMentor; a stale state's.
func (m *Mentoring) SendHeld(tx MentoringTx, st aulabot.State, writer aulabot.User) (Upcoming, bool, error) {
	d, ok := FlowNoteHeld.Data(st)
	if !ok {
		return Upcoming{}, false, stale()
	}
	var file *aulabot.CopyOf
	if d.File {
		file = &aulabot.CopyOf{ChatID: writer.ID, MessageID: d.Source}
	}
	on := OnBooking{Booking: d.Booking}
	if d.Mentor {
		n, err := m.AnswerBooked(tx, FlowAnswerBooked.At(MentoringText, on), writer.ID, d.Text, file)
		return n, true, err
	}
	n, err := m.WriteMentor(tx, FlowWriteMentor.At(MentoringText, on), writer, d.Text, file)
	return n, false, err
}

// writes is who writes on a booking's seat (seatOf): the session's
// mentor when mentor, else the person holding it.
func writes(writer int64, mentor bool) func(aulabot.Booking, aulabot.Slot) bool {
	return func(b aulabot.Booking, s aulabot.Slot) bool {
		if mentor {
			return s.Mentor == writer
		}
		return b.User == writer
	}
}

// RetypedNote puts text in what FlowNoteHeld holds (state st) for message
// source, whose words an edit changed before the writer chose: the choice
// then sends, or asks, the words as they are now. It reports whether st
// held the words of that message alone (words joined from several, and a
// file's caption, are not carried) and the edit's still fit a note.
func RetypedNote(st aulabot.State, source int, text string) (aulabot.State, bool) {
	d, ok := FlowNoteHeld.Data(st)
	text = strings.TrimSpace(text)
	if !ok || source == 0 || d.Source != source || d.File || text == "" || utf8.RuneCountInString(aulabot.CleanText(text)) > SlotMaxMessage {
		return st, false
	}
	d.Text = text
	return FlowNoteHeld.At(st.Step, d), true
}
