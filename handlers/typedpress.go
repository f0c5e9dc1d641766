package handlers

import (
	"slices"

	"github.com/aulabot/aulabot"
)

// typedPress takes text, typed soon after a choice was shown
// (offers.go: /mentoring's kinds, /report's periods, a list of slots,
// /mybookings), as the press of the choice's button whose words it is
// (Ctx.typedChoice): "personal" opens the personal slots, "esta semana"
// sends this week's report; or whose day and time it is (Ctx.typedWhen):
// "el miércoles a las 9" under a list of slots opens that slot's card,
// "cancelar la del lunes" under /mybookings asks to cancel that booking.
// Words that would press two or more ("cancelar" under three bookings, a
// day with two slots) show those buttons alone (whichOne). False for
// other words. words are text as aulabot.TypedWords reads it.
func (h *Handlers) typedPress(c *Ctx, text, words string) (bool, error) {
	if b, ok := c.typedChoice(text, words); ok {
		return true, h.pressTyped(c, b.Data)
	}
	if b, ok := c.typedAmong(text, words); ok {
		return true, h.pressTyped(c, b.Data) // "personal" under "Which of these?"
	}
	found, led := c.typedWhen(text)
	switch {
	case len(found) == 1:
		return true, h.pressTyped(c, found[0].Data)
	case len(found) > 1 && !led && h.allSlots(found):
		rows := make([][]aulabot.Button, len(found))
		for i, s := range found {
			rows[i] = []aulabot.Button{s.Button}
		}
		c.ReplyButtons(c.N("booking.typed_several", len(found)), rows)
		return true, nil
	case len(found) > 1:
		return h.whichOne(c, found), nil
	}
	if alike := c.typedAlike(text, words); alike != nil {
		return h.whichOne(c, alike), nil
	}
	switch within := c.typedWithin(text, words); {
	case len(within) == 1:
		return true, h.pressTyped(c, within[0].Data) // "rosa vino" under a session's attendance
	case len(within) > 1:
		return h.whichOne(c, within), nil
	}
	return false, nil
}

// allSlots reports whether every one of choices opens a mentoring slot's
// card (a list of slots').
func (h *Handlers) allSlots(choices []choice) bool {
	return !slices.ContainsFunc(choices, func(b choice) bool { return !isKind[showSlotButton](h, b.Button) })
}

// whichOne asks which of alike, the choices that words typed would press
// but for each other, the person meant: their buttons alone under "Which
// of these?", those with the same words followed by their day and time
// ("🔁 Change the time · Tue 8 Dec, 11:00"), offered in turn, so that a day
// typed now picks one ("el martes"), or a word only one has ("personal",
// typedAmong). Until 6 December such words pressed none and were searched
// for ("cancelar" under three bookings got "I don't know" and reached
// /gaps, seen in the sandbox). False, nothing sent, when two cannot be
// told apart.
func (h *Handlers) whichOne(c *Ctx, alike []choice) bool {
	same := map[string]int{}
	for _, b := range alike {
		same[b.Text]++
	}
	rows, offered, shown := make([][]aulabot.Button, len(alike)), make([]choice, len(alike)), map[string]bool{}
	for i, b := range alike {
		if same[b.Text] > 1 && !b.at.IsZero() {
			b.Text += " · " + h.whenAt(c.Lang, c.User.University, b.at)
		}
		if shown[b.Text] {
			return false
		}
		shown[b.Text], b.which = true, true
		rows[i], offered[i] = []aulabot.Button{b.Button}, b
	}
	c.ReplyButtons(c.T("common.which_one"), rows)
	c.offerTimed(offered)
	return true
}

// pressTyped handles c, whose words are those of a button with data
// offered to the person (a step's, a choice's, a rating's star), as that
// button's press: through its own handler, with Callback.Typed (no query
// to answer, no dialog, nothing edited above the words).
func (h *Handlers) pressTyped(c *Ctx, data string) error {
	c.U.Callback, c.U.Text = &aulabot.Callback{Data: data, Typed: true}, ""
	return h.route(c)
}

// saidTyped is out, the messages of a press typed (pressTyped), with what
// the press would show in a note over the chat (Ctx.Answer: "You took
// UNMA-4") as a message under the words, when neither out nor the
// services (sent: the chats they sent to in the update's transaction)
// send anything else to the chat: a typed press has no query to answer,
// and "tomar" under a ticket's view took it in silence (seen in the
// sandbox while typed buttons were built).
func (c *Ctx) saidTyped(out []aulabot.Message, sent []int64) []aulabot.Message {
	// In a team group what the services send there is the post's edit,
	// which may be far above the words: the note is said under them.
	if c.U.Callback == nil || !c.U.Callback.Typed || c.answer == nil || c.answer.text == "" ||
		c.Private() && slices.Contains(sent, c.U.ChatID) {
		return out
	}
	if slices.ContainsFunc(out, func(m aulabot.Message) bool {
		return m.ChatID == c.U.ChatID && m.EditMessageID == 0 && !m.Delete && (m.Text != "" || m.File != nil)
	}) {
		return out
	}
	return append(out, aulabot.Message{ChatID: c.U.ChatID, Text: c.answer.text, ReplyTo: c.U.MessageID})
}
