package handlers

// smallTalk answers a greeting, thanks, an acknowledgement or a goodbye
// with a friendly word of its kind. It is not a question: nothing is
// recorded but a count, so it never shows in /gaps.
func (h *Handlers) smallTalk(c *Ctx, kind string) error {
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.SmallTalk(tx); err != nil {
			return err
		}
		c.Reply(c.T("kb.smalltalk_" + kind))
		return nil
	})
}
