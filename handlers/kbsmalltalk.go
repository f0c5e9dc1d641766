package handlers

import "github.com/aulabot/aulabot"

// smallTalk answers a greeting, thanks, an acknowledgement or a goodbye
// with a friendly word of its kind, and a vague message ("tengo una
// duda", "no funciona") by asking what the person needs; a greeting and
// a vague message come with the main menu, since the person may not know
// yet what to ask. Someone still stuck ("sigue sin funcionar") or asking
// for a person ("quiero hablar con una persona") gets the buttons to a
// mentor and to the technical team (peopleSteps). It is not a question:
// nothing is recorded but a count, so it never shows in /gaps; but
// someone stuck right after an answer found that answer not helpful, and
// it is recorded so, as the button would (Questions.StillStuck).
func (h *Handlers) smallTalk(c *Ctx, kind string) error {
	var text string
	var steps [][]aulabot.Button
	var last *aulabot.Question
	if kind == smallTalkStuck || kind == smallTalkPerson {
		var err error
		if text, steps, last, err = h.peopleSteps(c, kind); err != nil {
			return err
		}
	}
	if kind == smallTalkSolved {
		var err error
		if text, steps, err = h.solvedSteps(c); err != nil {
			return err
		}
	}
	key := "kb.smalltalk_" + kind
	if kind == smallTalkGreeting && c.Roles.Staff() {
		key = "kb.smalltalk_greeting_staff" // not "your classes or your studies"
	}
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.SmallTalk(tx); err != nil {
			return err
		}
		if last != nil {
			if err := h.svc.Questions.StillStuck(tx, *last, c.U.From.ID); err != nil {
				return err
			}
		}
		switch {
		case steps != nil:
			c.ReplyButtons(text, steps)
		case (kind == smallTalkGreeting || kind == smallTalkVague) && c.Known && c.User.Onboarded():
			h.replyMenu(c, c.T(key))
		default:
			c.Reply(c.T(key))
		}
		return nil
	})
}

// peopleSteps are the text and buttons for someone stuck or asking for a
// person (kind). The buttons are Ask a mentor and Report a problem; for
// someone stuck after a question of the last FlowIdle, Report to the
// technical team (the question becomes the ticket's description, kb:t)
// and Ask a mentor (it becomes the booking's topic). With a ticket still
// open (the last one, when several are), Reply on it comes first and the
// text says so: a second ticket would split the conversation. last is
// that question, for someone stuck after one; nil otherwise.
func (h *Handlers) peopleSteps(c *Ctx, kind string) (text string, steps [][]aulabot.Button, last *aulabot.Question, err error) {
	var q aulabot.Question
	var recent bool
	var open []string
	err = c.view(func(tx Tx) (err error) {
		open = h.svc.Helpdesk.Open(tx, c.U.From.ID)
		if kind == smallTalkStuck {
			q, recent, err = h.svc.Questions.Recent(tx, c.U.From.ID, h.Now().Add(-FlowIdle))
		}
		return err
	})
	if err != nil {
		return "", nil, nil, err
	}
	text, steps = c.T("kb.smalltalk_"+kind), nextSteps(c, 0)
	if recent {
		last = &q
		steps = [][]aulabot.Button{
			{{Text: c.T("button.report_team"), Data: kbTeamButton{q.ID}.Encode()}},
			{{Text: c.T("button.ask_mentor"), Data: askMentor(q.ID).Encode()}},
		}
	}
	if len(open) > 0 {
		id := open[len(open)-1]
		text += "\n\n" + c.T("kb.smalltalk_open_ticket", "id", id)
		steps = append([][]aulabot.Button{{{Text: c.T("ticket.button_reply") + " " + id, Data: replyButton{id}.Encode()}}}, steps...)
	}
	return text, steps, last, nil
}

// solvedSteps are the text and button for someone who says it works now
// ("ya funciona", "ya lo solucioné") while a ticket of theirs is open
// (the last one, when several are): the ticket named and its ✅ That
// solved it, so that it is closed rather than left to the team (the
// words got "I'm here if you have another question" or "I don't know",
// seen in the sandbox). Without one, a ticket the team marked resolved
// and that waits for the person's rating gets its stars ("ya se arregló,
// gracias" after the team's resolution got "I don't know", seen in the
// sandbox); with neither, the acknowledgement alone (no buttons).
func (h *Handlers) solvedSteps(c *Ctx) (string, [][]aulabot.Button, error) {
	var open []string
	var resolved string
	err := c.view(func(tx Tx) error {
		if open = h.svc.Helpdesk.Open(tx, c.U.From.ID); len(open) > 0 {
			return nil
		}
		// With none active, the newest resolved one comes first.
		mine, err := h.svc.Helpdesk.MyTickets(tx, c.U.From.ID, 1)
		if len(mine.Tickets) == 1 && mine.Tickets[0].State == aulabot.TicketResolved {
			resolved = mine.Tickets[0].ID
		}
		return err
	})
	if err != nil {
		return "", nil, err
	}
	if resolved != "" {
		text := c.T("kb.smalltalk_solved") + "\n\n" + c.T("kb.smalltalk_solved_rate", "id", resolved)
		return text, [][]aulabot.Button{h.svc.Helpdesk.Stars(c.Lang, resolved)}, nil
	}
	if len(open) == 0 {
		return "", nil, nil
	}
	id := open[len(open)-1]
	text := c.T("kb.smalltalk_solved") + "\n\n" + c.T("kb.smalltalk_solved_ticket", "id", id)
	return text, [][]aulabot.Button{{{Text: c.T("ticket.button_solved") + " · " + id, Data: solvedButton{id}.Encode()}}}, nil
}

// The knowledge base's kinds of small talk that get more than a line
// (knowledge.SmallTalkGreeting, SmallTalkVague, SmallTalkStuck,
// SmallTalkPerson and SmallTalkSolved; handlers do not import it).
const (
	smallTalkGreeting = "greeting"
	smallTalkVague    = "vague"
	smallTalkStuck    = "stuck"
	smallTalkPerson   = "person"
	smallTalkSolved   = "solved"
)
