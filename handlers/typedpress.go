package handlers

import "github.com/aulabot/aulabot"

// typedPress takes text, typed soon after a choice was shown
// (offers.go: /mentoring's kinds, /report's periods, a list of slots), as
// the press of the choice's button whose words it is (Ctx.typedChoice):
// "personal" opens the personal slots, "esta semana" sends this week's
// report; or, under a list of slots, whose day and time it is
// (Ctx.typedWhen): "el miércoles a las 9" opens that slot's card, and a
// day with several slots shows their buttons alone. False for other
// words. words are text as aulabot.TypedWords reads it.
func (h *Handlers) typedPress(c *Ctx, text, words string) (bool, error) {
	if b, ok := c.typedChoice(text, words); ok {
		return true, h.pressTyped(c, b.Data)
	}
	switch slots := c.typedWhen(text); {
	case len(slots) == 1:
		return true, h.pressTyped(c, slots[0].Data)
	case len(slots) > 1:
		rows := make([][]aulabot.Button, len(slots))
		for i, s := range slots {
			rows[i] = []aulabot.Button{s}
		}
		c.ReplyButtons(c.N("booking.typed_several", len(slots)), rows)
		return true, nil
	}
	return false, nil
}

// pressTyped handles c, whose words are those of a button with data
// offered to the person (a step's, a choice's, a rating's star), as that
// button's press: through its own handler, with Callback.Typed (no query
// to answer, no dialog, nothing edited above the words).
func (h *Handlers) pressTyped(c *Ctx, data string) error {
	c.U.Callback, c.U.Text = &aulabot.Callback{Data: data, Typed: true}, ""
	return h.route(c)
}
