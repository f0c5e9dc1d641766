package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// The relay between a ticket's team and its requester: replies to the
// bot's messages about a ticket, /reply, and the requester's message after
// Reply. Each side's text and attachments go through the helpdesk service,
// within the limit of messages per person and ticket.

// onTicketReply handles a reply to one of the bot's messages about a
// ticket: in the team group it goes to the requester, in the requester's
// private chat to the team. A reply in the team group to one about
// several tickets is told it reached nobody. Other replies pass
// (ErrNotMine).
func (h *Handlers) onTicketReply(c *Ctx) error {
	var id string
	var toRequester, ok bool
	if err := c.view(func(tx Tx) error {
		id, toRequester, ok = h.svc.Helpdesk.Replied(tx, c.U.ChatID, *c.U.ReplyTo, c.Team)
		return nil
	}); err != nil {
		return err
	}
	switch {
	case !ok && c.Team != nil:
		// A reminder or a list naming several tickets: the reply reaches
		// nobody, and its writer is told so rather than left to believe
		// the requester got it. Replies to other messages are the team's
		// talk, and so is a reply without words ("👍", a sticker): a
		// reaction for colleagues, no answer meant for a requester.
		ids := service.TicketIDsIn(c.U.ReplyTo.Text, c.Team.ID)
		if len(ids) == 0 || c.U.File == nil && !hasLetters(c.U.Text) {
			return ErrNotMine
		}
		c.Send(aulabot.Message{ChatID: c.U.ChatID, ReplyTo: c.U.MessageID,
			Text: c.chatN("ticket.reply_several", len(ids), "ids", strings.Join(ids, ", "), "first", ids[0])})
		return nil
	case !ok:
		return ErrNotMine
	case toRequester:
		if data := h.replyAction(c, id); data != "" {
			return h.pressTyped(c, data) // "lo tomo": 🙋 Take, not a word to the requester
		}
		return h.relayToRequester(c, id, c.U.Text)
	}
	return h.relayToTeam(c, id)
}

// replyAction is the data of the button of ticket id that a reply about
// it in its team group asks for by its words alone ("lo tomo", "I'll take
// it", "resuelto", "soltar", "ciérralo", "pásaselo a Tec 2":
// knowledge.TicketAsked with the id replied to): a word to colleagues,
// which went to the requester as the team's
// answer ("💬 lo tomo", seen in the sandbox); "" for any other words,
// which are the answer, for a file, and outside the team group (a reply
// to a team member's view in a private chat is the answer).
func (h *Handlers) replyAction(c *Ctx, id string) string {
	kb := c.kb()
	if kb == nil || c.U.File != nil || c.Team == nil {
		return ""
	}
	named, action := kb.TicketAsked(c.U.Text + " " + id)
	if named != id || action == "" || action == "reply" {
		return ""
	}
	return ticketActionButton(id, action, true)
}

// replyCommand is /reply ID TEXT, in the ticket's team group or privately.
func (h *Handlers) replyCommand(c *Ctx) error {
	id, text, _ := strings.Cut(c.U.Text, " ")
	if _, _, ok := aulabot.ParseTicketID(id); !ok || (strings.TrimSpace(text) == "" && c.U.File == nil) {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.reply_usage")
	}
	return h.relayToRequester(c, strings.ToUpper(strings.TrimPrefix(id, "#")), strings.TrimSpace(text))
}

// relayToRequester sends a team member's text or attachment to ticket
// id's requester, and says it was sent, but for an album's later part
// (its first said it).
func (h *Handlers) relayToRequester(c *Ctx, id, text string) error {
	return h.relay(c, nil, func(tx Tx) (aulabot.Ticket, error) { return h.svc.Helpdesk.CheckTeamReply(tx, actor(c), id) },
		func(tx Tx, t aulabot.Ticket, files []aulabot.TicketFile) (aulabot.Ticket, error) {
			t, later, err := h.svc.Helpdesk.ReplyToRequester(tx, actor(c), t.ID, text, files, c.U.MessageID, c.U.Album)
			if err != nil {
				return t, err
			}
			switch {
			case later:
				return t, nil // the album's first part said it was sent
			case c.Team != nil && c.U.Callback == nil:
				// In the group the note is part of the thread: a reply to it
				// reaches the requester too.
				note := c.chatT("ticket.relayed_team", "id", t.ID)
				c.Send(h.svc.Helpdesk.SentNote(t.ID, aulabot.Message{ChatID: c.U.ChatID, Text: note, ReplyTo: c.U.MessageID}))
			case c.Team == nil && c.U.Callback == nil:
				// Privately the note carries a ref of the team's: a reply
				// to it writes again, as Write again does.
				c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("ticket.relayed_private", "id", t.ID), Ref: service.TeamPrivateRef(t.ID, c.U.ID),
					Inline: [][]aulabot.Button{{{Text: c.T("ticket.button_write_again"), Data: teamAnswerButton{t.ID}.Encode()}}}})
			default:
				h.teamAnswer(c, "ticket.relayed_team", "id", t.ID)
			}
			return t, nil
		})
}

// relayToTeam sends the requester's text or attachment, with the files of
// more parts of its album held with it, to the team group, threaded under
// the ticket's post. A part of an album leaves the chat waiting for the
// album's other parts (service.AlbumTail), which go too, without another
// "sent".
func (h *Handlers) relayToTeam(c *Ctx, id string, more ...service.Part) error {
	tail := service.AlbumTail(c.State)
	return h.relay(c, more, func(tx Tx) (t aulabot.Ticket, err error) {
		t, _, err = h.svc.Helpdesk.RequesterTicket(tx, c.U.From.ID, id)
		return t, err
	}, func(tx Tx, t aulabot.Ticket, files []aulabot.TicketFile) (aulabot.Ticket, error) {
		t, err := h.svc.Helpdesk.ReplyToTeam(tx, c.U.From.ID, t.ID, c.U.Text, files, c.U.MessageID, c.U.Album)
		if err != nil {
			return t, err
		}
		switch {
		case c.U.Album != "":
			c.SetState(service.FlowTicketReply.At(service.TicketText, service.OnTicket{Ticket: t.ID, Album: c.U.Album}))
		case service.FlowTicketReply.In(c.State):
			c.ClearState()
		}
		if !tail {
			c.Reply(c.T("ticket.relayed_user", "id", t.ID))
		}
		return t, nil
	})
}

// relay is a message from one side of a ticket to the other (with the
// files of more parts of its album): check says (in a read) whether the
// sender may write to the ticket, before the attachments are read over
// the network and outside any transaction; then
// the limit of messages per person and ticket applies, and send makes the
// use case's call in the update's transaction, returning the ticket with
// the message added. Its voice notes are then heard (hearFiles).
func (h *Handlers) relay(c *Ctx, more []service.Part, check func(tx Tx) (aulabot.Ticket, error), send func(tx Tx, t aulabot.Ticket, files []aulabot.TicketFile) (aulabot.Ticket, error)) error {
	var t aulabot.Ticket
	if err := c.view(func(tx Tx) (err error) { t, err = check(tx); return err }); err != nil {
		return err
	}
	files, err := h.messageFiles(c, more)
	if err != nil {
		return err
	}
	if ok, err := h.allowTicketMessage(c, t.ID); !ok {
		return err
	}
	return c.Commit(func(tx Tx) error {
		t, err := send(tx, t, files)
		if err != nil {
			return err
		}
		return h.hearFiles(c, tx, t, files)
	})
}

// allowTicketMessage applies the limit of messages per person and ticket
// per hour. When it returns false the update is already committed: with
// the notice the first time over the limit, in silence after that, the
// refusal counted either way.
func (h *Handlers) allowTicketMessage(c *Ctx, id string) (bool, error) {
	verdict := h.svc.Helpdesk.TakeMessage(id, c.U.From.ID, h.Now())
	if verdict == service.MessageAllowed {
		return true, nil
	}
	return false, c.Commit(func(tx Tx) error {
		notice, err := h.svc.Helpdesk.RefuseMessage(tx, verdict)
		if err != nil {
			return err
		}
		if notice {
			h.teamAnswer(c, "ticket.err_message_limit", "id", id, "max", h.Config.Limits.TicketMessagesPerHour)
		}
		if service.FlowTicketReply.In(c.State) {
			c.ClearState()
		}
		return nil
	})
}

// onRequesterMessage is the requester's message after pressing Reply. If
// the ticket was closed meanwhile the flow ends with the reason.
func (h *Handlers) onRequesterMessage(c *Ctx) error {
	if hd, ok := h.menuTapped(c); ok {
		return hd(c)
	}
	d, _ := service.FlowTicketReply.Data(c.State)
	if d.Album != "" && c.U.Album != d.Album {
		c.ClearState() // the album is over: this message is one of its own
		return h.route(c)
	}
	err := h.relayToTeam(c, d.Ticket)
	if aulabot.ErrorCode(err) != aulabot.EINTERNAL && err != nil && aulabot.ErrorKey(err) != "ticket.err_file_unreadable" {
		c.ClearState() // but a file that could not be read may be sent again
	}
	return err
}
