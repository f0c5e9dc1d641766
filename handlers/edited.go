package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// edited handles a message the person edited after sending it. An edit of
// a ticket's description, or of a message relayed on a ticket (the
// requester's to the team, a team member's to the requester), edits the
// other side's copy. An edit of their last question, while no flow waits
// for them, is that question asked anew, and the question recorded then
// replaces it (Ctx.replaces, Questions.Replaced): the edit people make
// most is a typo corrected, and the answer to the typo may have been "I
// don't know". An edit of a report's description while it waits for "I
// still need help" is the description the ticket will carry. Any other
// edit in a private chat (an older message, a step of a flow) changes
// nothing, and the person is told so, since they would otherwise believe
// the bot had read the correction. In a team group any other edit gets no
// answer: the technicians talk among themselves there.
func (h *Handlers) edited(c *Ctx) error {
	id, text, ok, err := h.teamEditTarget(c)
	if err != nil {
		return err
	}
	if ok {
		file, refused, err := h.editedFile(c)
		if err != nil {
			return err
		}
		return c.Commit(func(tx Tx) error {
			t, done, err := h.svc.Helpdesk.TeamEdited(tx, actor(c), id, c.U.MessageID, text, file)
			if done && c.Team == nil {
				c.Reply(c.T("ticket.edit_relayed_team", "id", t.ID))
			}
			h.fileKept(c, refused, "ticket.edit_file_kept_team")
			return err
		})
	}
	if c.Team != nil || !c.Private() {
		return nil
	}
	var ticket string
	var relayed bool
	if err := c.view(func(tx Tx) (err error) {
		ticket, relayed, err = h.svc.Helpdesk.RequesterRelayed(tx, c.U.From.ID, c.U.MessageID)
		return err
	}); err != nil {
		return err
	}
	if relayed {
		file, refused, err := h.editedFile(c)
		if err != nil {
			return err
		}
		return c.Commit(func(tx Tx) error {
			t, done, err := h.svc.Helpdesk.RequesterEdited(tx, c.U.From.ID, ticket, c.U.MessageID, c.U.Text, file)
			if done {
				c.Reply(c.T("ticket.edit_relayed", "id", t.ID))
			}
			h.fileKept(c, refused, "ticket.edit_file_kept")
			return err
		})
	}
	if c.U.File != nil && service.DraftFile(c.State, c.U.ChatID, c.U.MessageID, *c.U.File) {
		return h.refileDraft(c)
	}
	if c.U.File != nil {
		if st, ok := service.Reheld(c.State, c.U.MessageID, *c.U.File); ok {
			c.SetState(st)
			c.Reply(c.T("ticket.edit_held_file"))
			return nil
		}
	} else if st, ok := service.Retyped(c.State, c.U.MessageID, toldWords(c, c.U.Text)); ok {
		c.SetState(st)
		c.Reply(c.T("ticket.edit_held_words"))
		return nil
	} else if st, ok := service.RetypedNote(c.State, c.U.MessageID, toldWords(c, c.U.Text)); ok {
		c.SetState(st) // words held under a note (booking_held.go), corrected before the choice
		c.Reply(c.T("ticket.edit_held_words"))
		return nil
	}
	st, redescribed, err := h.svc.Helpdesk.Redescribe(c.User, c.State, c.U.MessageID, c.U.Text)
	if err != nil {
		return err
	}
	if redescribed {
		c.SetState(st)
		c.Reply(c.T("ticket.edit_draft"))
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
			if q.Text == aulabot.MaskPersonal(strings.TrimSpace(c.U.Text)) && sameFile(q.File, c.U.File) {
				return nil // the same words (only their format changed): answered already
			}
			c.U.Edited, c.replaces = false, &q
			return h.route(c)
		}
	}
	c.Reply(c.T("edit.not_read"))
	return nil
}

// teamEditTarget returns the ticket a team member's edited message was a
// reply on, and its text: a reply to the bot's message about the ticket
// in its team group, or /reply ID TEXT there or privately.
func (h *Handlers) teamEditTarget(c *Ctx) (id, text string, ok bool, err error) {
	if cmd, args, isCmd := h.command(c.U.Text, c.Team == nil); isCmd {
		if cmd != "reply" {
			return "", "", false, nil
		}
		id, text, _ = strings.Cut(args, " ")
		if _, _, valid := aulabot.ParseTicketID(id); !valid {
			return "", "", false, nil
		}
		return strings.ToUpper(strings.TrimPrefix(id, "#")), strings.TrimSpace(text), true, nil
	}
	if c.Team == nil || c.U.ReplyTo == nil || !c.U.ReplyTo.FromBot {
		return "", "", false, nil
	}
	var toRequester bool
	err = c.view(func(tx Tx) error {
		id, toRequester, ok = h.svc.Helpdesk.Replied(tx, c.U.ChatID, *c.U.ReplyTo, c.Team)
		return nil
	})
	return id, strings.TrimSpace(c.U.Text), ok && toRequester, err
}

// refileDraft takes the file an edit put in a message sent for the report
// being written: checked as any file of a report, it goes with the report
// in place of the one before; refused, the message leaves the report, so
// the team never gets a file the bot would not take (an edit could turn a
// screenshot into an executable).
func (h *Handlers) refileDraft(c *Ctx) error {
	file, refused, err := h.editedFile(c)
	if err != nil {
		return err
	}
	if refused != nil {
		c.SetState(service.Refile(c.State, c.U.ChatID, c.U.MessageID, nil))
		h.showError(c, refused)
		c.Reply(c.T("ticket.edit_draft_file_dropped"))
		return nil
	}
	c.SetState(service.Refile(c.State, c.U.ChatID, c.U.MessageID, &aulabot.TicketFile{File: *file, ChatID: c.U.ChatID, MessageID: c.U.MessageID}))
	c.Reply(c.T("ticket.edit_draft_file"))
	return nil
}

// editedFile is the file an edited message holds, checked as any file of
// a ticket (outside any transaction: a document's head is read) before an
// edit carries it to the other side: nil, with the refusal, when the bot
// would not take it (an edit could turn a screenshot into an executable),
// and the other side keeps the file it got.
func (h *Handlers) editedFile(c *Ctx) (file *aulabot.File, refused, err error) {
	if c.U.File == nil {
		return nil, nil, nil
	}
	if _, err := h.ticketFile(c); err != nil {
		if code := aulabot.ErrorCode(err); code == aulabot.EINVALID || code == aulabot.ECONFLICT {
			return nil, err, nil
		}
		return nil, nil, err
	}
	return c.U.File, nil, nil
}

// fileKept tells the person why the file their edit holds did not reach
// the other side (refused, from editedFile), if it did not, with
// catalogue text key (in a team group, in the group's language).
func (h *Handlers) fileKept(c *Ctx, refused error, key string) {
	if refused != nil {
		h.showError(c, refused)
		c.Reply(c.chatT(key))
	}
}

// sameFile reports whether a and b are the same file, or both none: a
// question's words edited with its file replaced are asked anew, so the
// file a report from the answer takes is the one the message now holds.
func sameFile(a, b *aulabot.File) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Same(*b)
}

// toldWords is what an edited message holds for a mentor or the team:
// the words after the request when it is one ("dile a mi mentor que llego
// a las 5": "llego a las 5"), as the first version was held; text as it
// is otherwise. The whole edited request replaced the words held (Noticed
// at an earlier stop).
func toldWords(c *Ctx, text string) string {
	kb := c.kb()
	if kb == nil {
		return text
	}
	if head, body, ok := toldSplit(text); ok && kb.BookingAsk(head) == "tell" {
		return body
	}
	return text
}
