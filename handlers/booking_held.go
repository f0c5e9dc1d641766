package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/service"
)

// Words typed, or a file sent, without ✉️ or ↩️, under a note just
// delivered (the mentor's to a person, a person's to the mentor): the
// bot asks whether they go to the note's writer (service.FlowNoteHeld),
// with two buttons, before anything is sent or answered. Until 6
// December a mentor's "Sí, tráigalas por escrito" under a teacher's
// question got suggestions of articles, and the teacher never got it
// (seen in the sandbox).

// heldNoteButton chooses for the words held: "bk:hn:send" sends them,
// "bk:hn:ask" answers them as a question (a file without words: keeps it).
type heldNoteButton struct{ Send bool }

func (b heldNoteButton) Encode() string {
	if b.Send {
		return button.Join("bk:hn", "send")
	}
	return button.Join("bk:hn", "ask")
}

// heldNoteKind is heldNoteButton's kind.
var heldNoteKind = button.Kind{Prefix: "bk:hn", Fields: 1, Longest: heldNoteButton{Send: true},
	Decode: func(f []string) (button.Data, bool) {
		return heldNoteButton{Send: f[0] == "send"}, f[0] == "send" || f[0] == "ask"
	}}

// awaitedNote holds a person's message (words, a file with or without a
// caption) typed under a note just delivered to them, and asks whether
// it goes to the note's writer; any other message goes on to next (a
// question). A button's words typed, a greeting alone, words heard from
// a voice note (the note itself was held: awaitedVoice), an album's part
// and words in a group are not held.
func (h *Handlers) awaitedNote(next Handler) Handler {
	return func(c *Ctx) error {
		text := strings.TrimSpace(c.U.Text)
		if !c.Private() || c.U.Heard || c.U.Album != "" || (c.U.File == nil && text == "") {
			return next(c)
		}
		if _, _, ok := h.noteShown(c); !ok {
			return next(c) // most messages: no note waits, and nothing else is read here
		}
		if c.U.File == nil {
			if _, ok := c.typedChoice(text, shortWords(text)); ok {
				return next(c) // "responder" under ↩️ Responder a Rosa: its press
			}
			if kb := c.kb(); kb != nil && kb.SmallTalk(text) == smallTalkGreeting {
				return next(c)
			}
		}
		if held, err := h.holdIfNoted(c); held || err != nil {
			return err
		}
		return next(c)
	}
}

// noteShown is the booking of the note last delivered to the person, and
// whether they are its session's mentor: the last message with buttons
// shown them, by another's doing (Shown), within ShownWindow, has one,
// ✉️ Write to the mentor or ↩️ Answer. False otherwise.
func (h *Handlers) noteShown(c *Ctx) (id uint64, mentor, ok bool) {
	f := h.offers.get(c.U.From.ID, h.Now())
	if !f.sent || len(f.choices) != 1 {
		return 0, false, false
	}
	return h.noteButton(f.choices[0].Data)
}

// noteButton is the booking of data when it is a note's button (✉️
// Write to the mentor or ↩️ Answer), and whether it is the mentor's.
func (h *Handlers) noteButton(data string) (id uint64, mentor, ok bool) {
	v, _ := h.buttons.Decode(data)
	switch b := v.(type) {
	case writeMentorButton:
		return b.Booking, false, true
	case answerBookedButton:
		return b.Booking, true, true
	}
	return 0, false, false
}

// isNote reports whether data is a note's button (noteButton).
func (h *Handlers) isNote(data string) bool {
	_, _, ok := h.noteButton(data)
	return ok
}

// holdIfNoted holds the message of c when a note was just delivered to
// the person (noteShown) whose booking they may still write on. It
// reports whether it held it.
func (h *Handlers) holdIfNoted(c *Ctx) (bool, error) {
	id, mentor, ok := h.noteShown(c)
	if !ok {
		return false, nil
	}
	err := h.holdNote(c, id, mentor)
	if err != nil && aulabot.ErrorCode(err) != aulabot.EINVALID {
		return false, nil // the booking cancelled, the session long over: a question
	}
	return true, err
}

// holdNote keeps the person's message for booking id (written as its
// mentor when mentor) and asks whether it goes. A file without words
// cannot be a question: its second button keeps it instead.
func (h *Handlers) holdNote(c *Ctx, id uint64, mentor bool) error {
	var st aulabot.State
	err := c.view(func(tx Tx) (err error) {
		st, err = h.svc.Mentoring.HoldNote(tx, c.State, c.U.From.ID, c.Lang, mentor, id, c.U.Text, c.U.MessageID, c.U.File != nil)
		return err
	})
	if err != nil {
		return err
	}
	c.SetState(st)
	d, _ := service.FlowNoteHeld.Data(st)
	other := c.T("ticket.button_answer_ask")
	if d.File && d.Text == "" {
		other = c.T("ticket.button_answer_keep")
	}
	send := aulabot.Button{Text: c.T("booking.button_note_send", "name", service.Short(d.To, nameInButton)), Data: heldNoteButton{Send: true}.Encode()}
	ask := aulabot.Button{Text: other, Data: heldNoteButton{}.Encode()}
	c.offerTimed(append(typedAs(send, true, sendWords...), typedAs(ask, false)...))
	where := c.N("booking.note_where", d.N, "name", d.To)
	if c.said != "" {
		// Read from the words that asked for it ("dile a mi mentor que
		// llego tarde"): what goes is shown, not only replied to.
		where = c.T("booking.note_told", "name", d.To, "text", d.Text)
		if c.saidAbout != "" {
			where = c.T("booking.note_told_booked", "name", d.To, "when", c.saidAbout, "text", d.Text)
		}
	}
	c.Send(aulabot.Message{ChatID: c.U.ChatID, ReplyTo: c.U.MessageID, Text: where, Inline: [][]aulabot.Button{{send}, {ask}}})
	return nil
}

// nameInButton is how much of a name 📨 Yes, send it to NAME shows (as
// much as ✉️ Write to NAME shows of a mentor's).
const nameInButton = 16

// onHeldNoteText: more words while the choice waits join those held (a
// yes typed is 📨 Send's press, before this: sendWords); words asking for
// a feature leave the flow for it.
func (h *Handlers) onHeldNoteText(c *Ctx) error {
	if hd := h.router.intent(c); hd != nil {
		heldDropped(c)
		c.ClearState()
		c.asked, c.U.Text = c.U.Text, ""
		return hd(c)
	}
	d, _ := service.FlowNoteHeld.Data(c.State)
	if c.U.File == nil && strings.TrimSpace(c.U.Text) == "" {
		return aulabot.Errorf(aulabot.EINVALID, "booking.note_pick")
	}
	return h.holdNote(c, d.Booking, d.Mentor)
}

// onHeldNote is the choice for what is held: sent to the note's writer,
// as if the person had pressed ✉️ or ↩️ first, or answered as a question
// (a file without words: kept).
func (h *Handlers) onHeldNote(c *Ctx, send bool) error {
	d, ok := service.FlowNoteHeld.Data(c.State)
	if !ok {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	c.EditButtons(nil)
	if send {
		err := c.Commit(func(tx Tx) error {
			n, mentor, err := h.svc.Mentoring.SendHeld(tx, c.State, c.User)
			if err != nil {
				return err
			}
			c.ClearState()
			c.Answer("")
			if mentor {
				c.Reply(c.T("slot.answered_person", "name", h.personName(c.Lang, n.Booking.Name)))
			} else {
				c.Reply(c.T("booking.wrote_mentor", "mentor", h.personName(c.Lang, n.Slot.MentorName)))
			}
			return nil
		})
		if err != nil {
			c.ClearState()
		}
		return err
	}
	c.ClearState()
	c.Answer("")
	if d.Text == "" {
		c.Reply(c.T("booking.note_kept", "name", d.To))
		return nil
	}
	c.U.Text, c.U.MessageID, c.U.File = d.Text, d.Source, nil
	return with(h.ask, h.questionLimit)(c)
}
