package handlers

// smallTalk answers a greeting, thanks, an acknowledgement or a goodbye
// with a friendly word of its kind; a greeting comes with the main menu,
// since the person may not know yet what to ask. It is not a question:
// nothing is recorded but a count, so it never shows in /gaps.
func (h *Handlers) smallTalk(c *Ctx, kind string) error {
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.SmallTalk(tx); err != nil {
			return err
		}
		text := c.T("kb.smalltalk_" + kind)
		if kind == smallTalkGreeting && c.Known && c.User.Onboarded() {
			h.replyMenu(c, text)
			return nil
		}
		c.Reply(text)
		return nil
	})
}

// smallTalkGreeting is the knowledge base's kind of small talk for a
// greeting (knowledge.SmallTalkGreeting; handlers do not import it).
const smallTalkGreeting = "greeting"
