package handlers

import "github.com/aulabot/aulabot"

// eraseHelpdesk is the helpdesk's part of /deletemydata. It runs in the
// deletion's transaction, before tx.DeleteUserData: it erases the person's
// data from their tickets (store: EraseTicketsOf; the store's own eraser,
// run by DeleteUserData, then drops every ref and queued message that
// names the person's chat) and makes the team groups show nothing of them
// (eraseTeamCopies). The tickets keep their numbers, states and counts.
func (h *Handlers) eraseHelpdesk(tx Tx, user int64) error {
	type shown struct {
		t    aulabot.Ticket
		msgs []aulabot.TicketMessage
	}
	ts, err := tx.TicketsOf(user)
	if err != nil {
		return err
	}
	var before []shown
	for _, t := range ts {
		ms, err := tx.TicketMessages(t.ID)
		if err != nil {
			return err
		}
		before = append(before, shown{t, ms})
	}
	if _, err := tx.EraseTicketsOf(user); err != nil {
		return err
	}
	h.ticketMessages.forget(user)
	for _, b := range before {
		uni, ok := h.Config.University(b.t.University)
		if !ok {
			continue
		}
		t, ok, err := tx.Ticket(b.t.ID)
		if err != nil || !ok {
			return err
		}
		if err := h.eraseTeamCopies(tx, t, uni, b.t, b.msgs, user); err != nil {
			return err
		}
	}
	return nil
}

// eraseTeamCopies makes ticket t's team group show nothing of its
// requester, who deleted their data: t is the ticket as erased, old and
// msgs what the group was shown. Messages still waiting in the outbox are
// rewritten before they are sent; those sent are edited, in the ticket's
// lane, so after whatever was queued before: the post (and every copy of
// it) to its "(data deleted)" version with its state and buttons, each
// relayed message and the rating note likewise. An attachment's caption is
// edited and then the copy is deleted: deleting removes the file itself
// (a screenshot may show the person's name), and the caption edit covers
// the case where Telegram refuses to delete (a bot may delete its messages
// in a group only for 48 hours unless it is an administrator there).
func (h *Handlers) eraseTeamCopies(tx Tx, t aulabot.Ticket, uni *aulabot.University, old aulabot.Ticket, msgs []aulabot.TicketMessage, user int64) error {
	post, buttons := h.postText(t, uni), h.postButtons(t)
	relay := h.teamT("ticket.relay_to_team_erased", "id", t.ID)
	file := h.teamT("ticket.relay_file_erased", "id", t.ID)
	note := h.teamT("ticket.team_event_note_erased", "id", t.ID)

	var edits []aulabot.Message
	texts := map[string]string{} // ref of a message that showed the person's words -> its erased text
	files := func(ref string, n int) {
		for i := range n {
			r := fileRef(ref, i)
			edits = append(edits, aulabot.Message{EditRef: r, EditCaption: true, Text: file}, aulabot.Message{EditRef: r, Delete: true})
		}
	}
	edits = append(edits, aulabot.Message{EditRef: ticketRef(t.ID), Text: post, Inline: buttons})
	files(inRef(t.ID, 0), len(old.Files))
	for _, m := range msgs {
		if m.Team {
			continue
		}
		ref := inRef(t.ID, m.N)
		if m.Text != "" {
			texts[ref] = relay
			edits = append(edits, aulabot.Message{EditRef: ref, Text: relay})
		}
		files(ref, len(m.Files))
	}
	if old.RatingNote != "" {
		texts[noteRef(t.ID)] = note
		edits = append(edits, aulabot.Message{EditRef: noteRef(t.ID), Text: note})
	}

	_, err := tx.ReviseQueued(uni.TeamChat, t.ID, func(m *aulabot.Message) bool {
		switch {
		case m.Ref == ticketRef(t.ID) || m.EditRef == ticketRef(t.ID):
			m.Text, m.Inline = post, buttons
		case m.Copy != nil && m.Copy.ChatID == user:
			m.Copy, m.Text = nil, file // not sent yet: a line instead of the file
		case texts[m.Ref] != "":
			m.Text = texts[m.Ref]
		default:
			return false // the bot's own lines (reminders, events), the team's words
		}
		return true
	})
	if err != nil {
		return err
	}
	for _, m := range edits {
		if _, err := tx.Enqueue(h.toTeam(t, uni, m)); err != nil {
			return err
		}
	}
	return nil
}
