package handlers

// smallTalk answers a greeting, thanks, an acknowledgement or a goodbye
// with a friendly word of its kind, and a vague message ("tengo una
// duda", "no funciona") by asking what the person needs; a greeting and
// a vague message come with the main menu, since the person may not know
// yet what to ask. It is not a question:
// nothing is recorded but a count, so it never shows in /gaps.
func (h *Handlers) smallTalk(c *Ctx, kind string) error {
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.SmallTalk(tx); err != nil {
			return err
		}
		text := c.T("kb.smalltalk_" + kind)
		if (kind == smallTalkGreeting || kind == smallTalkVague) && c.Known && c.User.Onboarded() {
			h.replyMenu(c, text)
			return nil
		}
		c.Reply(text)
		return nil
	})
}

// The knowledge base's kinds of small talk for a greeting and a vague
// message (knowledge.SmallTalkGreeting and SmallTalkVague; handlers do
// not import it).
const (
	smallTalkGreeting = "greeting"
	smallTalkVague    = "vague"
)
