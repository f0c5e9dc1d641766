package handlers

import "github.com/aulabot/aulabot"

// typedPress takes text, typed soon after a choice was shown
// (offers.go: /mentoring's kinds, /report's periods, a list of slots), as
// the press of the choice's button whose words it is (Ctx.typedChoice):
// "personal" opens the personal slots, "esta semana" sends this week's
// report; or, under a list of slots, whose day and time it is
// (Ctx.typedWhen): "el miércoles a las 9" opens that slot's card, and a
// day with several slots shows their buttons alone. False for other words, and for a choice whose stored button no
// longer decodes: the words are then read as any. words are text as
// aulabot.TypedWords reads it.
func (h *Handlers) typedPress(c *Ctx, text, words string) (bool, error) {
	b, ok := c.typedChoice(text, words)
	if !ok {
		switch slots := c.typedWhen(text); {
		case len(slots) == 1:
			b = slots[0]
		case len(slots) > 1:
			rows := make([][]aulabot.Button, len(slots))
			for i, s := range slots {
				rows[i] = []aulabot.Button{s}
			}
			c.ReplyButtons(c.N("booking.typed_several", len(slots)), rows)
			return true, nil
		default:
			return false, nil
		}
	}
	d, err := h.buttons.Decode(b.Data)
	if err != nil {
		return false, nil
	}
	switch d := d.(type) {
	case slotListButton:
		return true, h.listSlots(c, d.Kind, d.Page)
	case reportPeriodButton:
		return true, h.reportPeriod(c, d)
	case showSlotButton:
		return true, h.showSlot(c, d.Slot)
	}
	return false, nil
}
