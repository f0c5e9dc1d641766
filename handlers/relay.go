package handlers

import (
	"fmt"
	"strings"

	"github.com/aulabot/aulabot"
)

// Refs of relayed messages: "relay:UNMA-7:3" is message 3 of UNMA-7 as the
// requester got it, "tkin:UNMA-7:3" the same message as the team got it,
// "tkin:UNMA-7:3:f0" its first attachment (message 0 is the report).
// A reply to either continues the conversation.
const (
	refRelay = "relay:"
	refIn    = "tkin:"
)

// relayRef names message n of ticket id as the requester got it.
func relayRef(id string, n int) string { return fmt.Sprintf("%s%s:%d", refRelay, id, n) }

// inRef names message n of ticket id as the team group got it.
func inRef(id string, n int) string { return fmt.Sprintf("%s%s:%d", refIn, id, n) }

// fileRef names attachment i of a message ref.
func fileRef(ref string, i int) string { return fmt.Sprintf("%s:f%d", ref, i) }

// refTicket returns the ticket id a ref names and whether it is the team
// side (ticket post or a message threaded under it).
func refTicket(ref string) (id string, team, ok bool) {
	switch {
	case strings.HasPrefix(ref, "ticket:"):
		id, _, _ = strings.Cut(strings.TrimPrefix(ref, "ticket:"), ":")
		return id, true, true
	case strings.HasPrefix(ref, refIn):
		id, _, _ = strings.Cut(strings.TrimPrefix(ref, refIn), ":")
		return id, true, true
	case strings.HasPrefix(ref, refRelay):
		id, _, _ = strings.Cut(strings.TrimPrefix(ref, refRelay), ":")
		return id, false, true
	}
	return "", false, false
}

// onTicketReply handles a reply to one of the bot's messages about a
// ticket: in the team group it goes to the requester, in the requester's
// private chat to the team. Other replies pass (ErrNotMine).
func (h *Handlers) onTicketReply(c *Ctx) error {
	var ref string
	var ok bool
	if err := c.view(func(tx Tx) error { ref, ok = tx.MessageRef(c.U.ChatID, c.U.ReplyTo.MessageID); return nil }); err != nil {
		return err
	}
	id, team, isTicket := refTicket(ref)
	if !ok && c.U.ReplyTo.FromBot {
		// The ref is stored when the sender marks the message sent; a quick
		// reply can beat it, and a post sent twice after a crash has a copy
		// the store never learnt. The bot's messages about a ticket name it
		// on their first line; relayToTeam checks that a requester's ticket
		// is their own, and a team group must be the ticket's own (below).
		id, isTicket = ticketIDIn(c.U.ReplyTo.Text)
		team = !c.Private()
	}
	if !isTicket {
		return ErrNotMine
	}
	if team {
		if uni, ok := h.Config.TeamOf(c.U.ChatID); !ok || !strings.HasPrefix(id, strings.ToUpper(uni.ID)+"-") {
			return ErrNotMine
		}
		return h.relayToRequester(c, id, c.U.Text)
	}
	if !c.Private() {
		return ErrNotMine
	}
	return h.relayToTeam(c, id)
}

// ticketIDIn finds a ticket id among the first words of the first line of
// one of the bot's messages ("💬 UNMA-7 · Technical team…", "🎫 UNMA-7 · …").
func ticketIDIn(text string) (string, bool) {
	first, _, _ := strings.Cut(text, "\n")
	words := strings.Fields(first)
	for _, w := range words[:min(len(words), 3)] {
		if uni, n, ok := aulabot.ParseTicketID(w); ok {
			return aulabot.TicketID(uni, n), true
		}
	}
	return "", false
}

// replyCommand is /reply ID TEXT, in the ticket's team group or privately.
func (h *Handlers) replyCommand(c *Ctx) error {
	id, text, _ := strings.Cut(c.U.Text, " ")
	if _, _, ok := aulabot.ParseTicketID(id); !ok || (strings.TrimSpace(text) == "" && c.U.File == nil) {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.reply_usage")
	}
	return h.relayToRequester(c, strings.ToUpper(strings.TrimPrefix(id, "#")), strings.TrimSpace(text))
}

// relayToRequester sends a team member's text or attachment to the
// requester, signed with the team's name (and the member's, if the
// university signs with names), with a Reply button.
func (h *Handlers) relayToRequester(c *Ctx, id, text string) error {
	t, uni, err := h.teamTicket(c, id)
	if err != nil {
		return err
	}
	if t.Requester == 0 {
		return aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_requester_gone", "id", t.ID)
	}
	files, err := h.messageFiles(c)
	if err != nil {
		return err
	}
	if ok, err := h.allowTicketMessage(c, t.ID); !ok {
		return err
	}
	msg := aulabot.TicketMessage{From: c.U.From.ID, FromName: c.U.From.Name(), Team: true, Text: strings.TrimSpace(text), Files: files}
	return c.Commit(func(tx Tx) error {
		t, msg, err := tx.AddTicketMessage(t.ID, msg)
		if err != nil {
			return err
		}
		if msg.Text != "" {
			c.Send(h.TicketRelay(t, msg))
		}
		ref := relayRef(t.ID, msg.N)
		for i, f := range files {
			c.Send(aulabot.Message{ChatID: t.Requester, Inline: h.replyButton(t), Ref: fileRef(ref, i),
				Text: h.cat.T(t.Lang, "ticket.relay_file_to_user", "id", t.ID, "team", h.teamSignature(t, uni, msg.FromName)),
				Copy: &aulabot.CopyOf{ChatID: f.ChatID, MessageID: f.MessageID}})
		}
		h.teamAnswer(c, c.T("ticket.relayed_team", "id", t.ID))
		return nil
	})
}

// requesterTicket loads the sender's own ticket id; another's is "not
// found".
func (h *Handlers) requesterTicket(c *Ctx, id string) (aulabot.Ticket, *aulabot.University, error) {
	var t aulabot.Ticket
	var ok bool
	if err := c.view(func(tx Tx) (err error) { t, ok, err = tx.Ticket(id); return err }); err != nil {
		return t, nil, err
	}
	uni, known := h.Config.University(t.University)
	if !ok || !known || t.Requester != c.U.From.ID {
		return t, nil, aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", clip(id))
	}
	return t, uni, nil
}

// relayToTeam sends the requester's text or attachment to the team group,
// threaded under the ticket's post.
func (h *Handlers) relayToTeam(c *Ctx, id string) error {
	t, uni, err := h.requesterTicket(c, id)
	if err != nil {
		return err
	}
	files, err := h.messageFiles(c)
	if err != nil {
		return err
	}
	if ok, err := h.allowTicketMessage(c, t.ID); !ok {
		return err
	}
	msg := aulabot.TicketMessage{From: c.U.From.ID, FromName: t.RequesterName, Text: strings.TrimSpace(c.U.Text), Files: files}
	return c.Commit(func(tx Tx) error {
		t, msg, err := tx.AddTicketMessage(t.ID, msg)
		if err != nil {
			return err
		}
		if msg.Text != "" {
			c.Send(h.TicketRelay(t, msg))
		}
		for i, f := range files {
			c.Send(h.teamFile(t, uni, fileRef(inRef(t.ID, msg.N), i), msg.FromName, f))
		}
		if c.State.Flow == flowTicketReply {
			c.ClearState()
		}
		c.Reply(c.T("ticket.relayed_user", "id", t.ID))
		return nil
	})
}

// onRequesterMessage is the requester's message after pressing Reply. If
// the ticket was closed meanwhile the flow ends with the reason.
func (h *Handlers) onRequesterMessage(c *Ctx) error {
	if hd, ok := h.menuTapped(c); ok {
		return hd(c)
	}
	err := h.relayToTeam(c, c.State.Get("id"))
	if aulabot.ErrorCode(err) != aulabot.EINTERNAL && err != nil && aulabot.ErrorKey(err) != "ticket.err_file_unreadable" {
		c.ClearState() // but a file that could not be read may be sent again
	}
	return err
}
