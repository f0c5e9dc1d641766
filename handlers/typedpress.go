package handlers

// typedPress takes text, typed soon after a choice was shown
// (offers.go: /mentoring's kinds, /report's periods), as the press of
// the choice's button whose words it is (Ctx.typedChoice):
// "personal" opens the personal slots, "esta semana" sends this week's
// report. False for other words, and for a choice whose stored button no
// longer decodes: the words are then read as any. words are text as
// aulabot.TypedWords reads it.
func (h *Handlers) typedPress(c *Ctx, text, words string) (bool, error) {
	b, ok := c.typedChoice(text, words)
	if !ok {
		return false, nil
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
	}
	return false, nil
}
