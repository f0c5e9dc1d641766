package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
)

// edited handles a message the person edited after sending it. An edit
// of their last question, while no flow waits for them, is that question
// asked anew: the edit people make most is a typo corrected, and the
// answer to the typo may have been "I don't know". Any other edit in a
// private chat (an older message, a ticket's description, a step of a
// flow) changes nothing, and the person is told so, since they would
// otherwise believe the bot had read the correction. In a team group an
// edit gets no answer: the technicians talk among themselves there.
func (h *Handlers) edited(c *Ctx) error {
	if c.Team != nil || !c.Private() {
		return nil
	}
	if c.State.Flow != "" {
		c.Reply(c.T("edit.not_read_flow"))
		return nil
	}
	if c.Known && c.User.Onboarded() {
		var q aulabot.Question
		var last bool
		err := c.view(func(tx Tx) (err error) {
			q, last, err = h.svc.Questions.OfMessage(tx, c.U.From.ID, c.U.MessageID)
			return err
		})
		if err != nil {
			return err
		}
		if last {
			if q.Text == aulabot.MaskPersonal(strings.TrimSpace(c.U.Text)) {
				return nil // the same words (only their format changed): answered already
			}
			c.U.Edited = false
			return h.route(c)
		}
	}
	c.Reply(c.T("edit.not_read"))
	return nil
}
