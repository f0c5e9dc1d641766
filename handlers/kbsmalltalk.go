package handlers

import "github.com/aulabot/aulabot"

// smallTalk answers a greeting, thanks, an acknowledgement or a goodbye
// with a friendly word of its kind, and a vague message ("tengo una
// duda", "no funciona") by asking what the person needs; a greeting and
// a vague message come with the main menu, since the person may not know
// yet what to ask. Someone still stuck ("sigue sin funcionar") or asking
// for a person ("quiero hablar con una persona") gets the buttons to a
// mentor and to the technical team; when stuck after a question of the
// last FlowIdle, both carry that question (stuckSteps). It is not a
// question: nothing is recorded but a count, so it never shows in /gaps.
func (h *Handlers) smallTalk(c *Ctx, kind string) error {
	steps := nextSteps(c, 0)
	if kind == smallTalkStuck {
		var err error
		if steps, err = h.stuckSteps(c); err != nil {
			return err
		}
	}
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.SmallTalk(tx); err != nil {
			return err
		}
		text := c.T("kb.smalltalk_" + kind)
		switch {
		case kind == smallTalkStuck || kind == smallTalkPerson:
			c.ReplyButtons(text, steps)
		case (kind == smallTalkGreeting || kind == smallTalkVague) && c.Known && c.User.Onboarded():
			h.replyMenu(c, text)
		default:
			c.Reply(text)
		}
		return nil
	})
}

// stuckSteps are the buttons for someone who says that what they tried
// did not help: with their question of the last FlowIdle, Report to the
// technical team (the question becomes the ticket's description, kb:t)
// and Ask a mentor (it becomes the booking's topic); without, nextSteps.
func (h *Handlers) stuckSteps(c *Ctx) ([][]aulabot.Button, error) {
	var q aulabot.Question
	var ok bool
	err := c.view(func(tx Tx) (err error) {
		q, ok, err = h.svc.Questions.Recent(tx, c.U.From.ID, h.Now().Add(-FlowIdle))
		return err
	})
	if err != nil || !ok {
		return nextSteps(c, 0), err
	}
	return [][]aulabot.Button{
		{{Text: c.T("button.report_team"), Data: kbTeamButton{q.ID}.Encode()}},
		{{Text: c.T("button.ask_mentor"), Data: askMentor(q.ID).Encode()}},
	}, nil
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
