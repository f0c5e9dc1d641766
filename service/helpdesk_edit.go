package service

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
)

// A ticket's description, or a message relayed on it, edited by its
// sender, as Telegram lets people do: the other side's copy (the post, or
// the relayed message) is edited to the new words, marked as edited, so
// that the team does not work from a typo and the requester does not read
// a wrong step. A file's caption is relayed as a message of its own beside
// the file's copy, and its edit carried the same way: a caption added is
// sent, one taken off takes its message away. A file replaced by another is
// not carried (the copy keeps the file as it was sent).

// RequesterRelayed returns which of requester user's active tickets
// their message source described, or was relayed on; false if none.
func (s *Helpdesk) RequesterRelayed(tx HelpdeskTx, user int64, source int) (string, bool, error) {
	for _, id := range s.Open(tx, user) {
		t, ok, err := tx.Ticket(id)
		if err != nil {
			return "", false, err
		}
		if ok && source != 0 && t.Source == source {
			return id, true, nil
		}
		_, ok, err = relayedFrom(tx, id, user, false, source)
		if err != nil || ok {
			return id, ok, err
		}
	}
	return "", false, nil
}

// RequesterEdited carries requester user's edit of their message source
// on ticket id to the team: the description in the post (and its
// copies), which keeps the words that started the report, or a message
// relayed under it; false if source is neither (then nothing changes).
// Errors: those of RequesterTicket; the store's (an empty or too long
// text, a closed ticket).
func (s *Helpdesk) RequesterEdited(tx HelpdeskTx, user int64, id string, source int, text string) (aulabot.Ticket, bool, error) {
	t, uni, err := s.RequesterTicket(tx, user, id)
	if err != nil {
		return t, false, err
	}
	if source != 0 && t.Source == source {
		if t, err = tx.EditTicketDescription(t.ID, withOpening(t.Opening, strings.TrimSpace(text))); err != nil {
			return t, false, err
		}
		return t, true, enqueue(tx, s.editPost(t, uni))
	}
	return s.editRelayed(tx, t, user, false, source, text)
}

// TeamEdited carries team member a's edit of their message source, a
// reply on ticket id, to the requester; false if it relayed nothing there
// (then nothing changes). Errors: those of CheckTeamReply; the store's.
func (s *Helpdesk) TeamEdited(tx HelpdeskTx, a Actor, id string, source int, text string) (aulabot.Ticket, bool, error) {
	t, err := s.CheckTeamReply(tx, a, id)
	if err != nil {
		return t, false, err
	}
	return s.editRelayed(tx, t, a.ID, true, source, text)
}

// editRelayed carries from's edit of their message source on ticket t
// (team: a team member's reply) to the other side as text: the relayed
// words edited and marked so, sent (a caption added to a file) or taken
// away (a caption taken off); false if source was not relayed on t, or
// its words did not change (its file was replaced, or only its format
// changed).
func (s *Helpdesk) editRelayed(tx HelpdeskTx, t aulabot.Ticket, from int64, team bool, source int, text string) (aulabot.Ticket, bool, error) {
	was, ok, err := relayedFrom(tx, t.ID, from, team, source)
	if err != nil || !ok || was.Text == aulabot.CleanText(strings.TrimSpace(text)) {
		return t, false, err
	}
	t, m, err := tx.EditTicketMessage(t.ID, was.N, strings.TrimSpace(text))
	if err != nil {
		return t, false, err
	}
	relay := s.Relay(t, m)
	mark := s.teamT("ticket.edited")
	if team {
		mark = s.Cat.T(t.Lang, "ticket.edited")
	}
	switch {
	case m.Text == "":
		relay = aulabot.Message{ChatID: relay.ChatID, Lane: relay.Lane, EditRef: relay.Ref, Delete: true}
	case was.Text == "":
		relay.Text += "\n" + mark // sent now, as the file's words would have been
	default:
		relay = aulabot.Message{ChatID: relay.ChatID, Lane: relay.Lane, EditRef: relay.Ref, Inline: relay.Inline, Text: relay.Text + "\n" + mark}
	}
	return t, true, enqueue(tx, relay)
}

// relayedFrom returns the message of ticket id that from sent as their
// message source (team: a team member's), if it is still there.
func relayedFrom(tx HelpdeskTx, id string, from int64, team bool, source int) (aulabot.TicketMessage, bool, error) {
	if source == 0 {
		return aulabot.TicketMessage{}, false, nil
	}
	ms, err := tx.TicketMessages(id)
	if err != nil {
		return aulabot.TicketMessage{}, false, err
	}
	i := slices.IndexFunc(ms, func(m aulabot.TicketMessage) bool {
		return m.Source == source && m.From == from && m.Team == team && !m.Erased
	})
	if i < 0 {
		return aulabot.TicketMessage{}, false, nil
	}
	return ms[i], true, nil
}
