package handlers

// smallTalk answers a greeting, thanks, an acknowledgement or a goodbye
// with a friendly word of its kind, and a vague message ("tengo una
// duda", "no funciona") by asking what the person needs; a greeting and
// a vague message come with the main menu, since the person may not know
// yet what to ask. Someone still stuck ("sigue sin funcionar") or asking
// for a person ("quiero hablar con una persona") gets the buttons to a
// mentor and to the technical team. It is not a question: nothing is
// recorded but a count, so it never shows in /gaps.
func (h *Handlers) smallTalk(c *Ctx, kind string) error {
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.SmallTalk(tx); err != nil {
			return err
		}
		text := c.T("kb.smalltalk_" + kind)
		switch {
		case kind == smallTalkStuck || kind == smallTalkPerson:
			c.ReplyButtons(text, nextSteps(c, 0))
		case (kind == smallTalkGreeting || kind == smallTalkVague) && c.Known && c.User.Onboarded():
			h.replyMenu(c, text)
		default:
			c.Reply(text)
		}
		return nil
	})
}

// The knowledge base's kinds of small talk that get more than a line
// (knowledge.SmallTalkGreeting, SmallTalkVague, SmallTalkStuck and
// SmallTalkPerson; handlers do not import it).
const (
	smallTalkGreeting = "greeting"
	smallTalkVague    = "vague"
	smallTalkStuck    = "stuck"
	smallTalkPerson   = "person"
)
