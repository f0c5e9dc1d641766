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
// a wrong step. Only text: a file's caption stays as it was sent.

// RequesterRelayed returns which of requester user's active tickets
// their message source described, or was relayed on as text; false if
// none.
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
	m, ok, err := relayedFrom(tx, t.ID, user, false, source)
	if err != nil || !ok {
		return t, false, err
	}
	if t, m, err = tx.EditTicketMessage(t.ID, m.N, strings.TrimSpace(text)); err != nil {
		return t, false, err
	}
	edit := s.Relay(t, m)
	return t, true, enqueue(tx, toTeam(t, uni, aulabot.Message{EditRef: edit.Ref, Text: edit.Text + "\n" + s.teamT("ticket.edited")}))
}

// TeamEdited carries team member a's edit of their message source, a
// reply on ticket id, to the requester; false if it relayed nothing there
// (then nothing changes). Errors: those of CheckTeamReply; the store's.
func (s *Helpdesk) TeamEdited(tx HelpdeskTx, a Actor, id string, source int, text string) (aulabot.Ticket, bool, error) {
	t, err := s.CheckTeamReply(tx, a, id)
	if err != nil {
		return t, false, err
	}
	m, ok, err := relayedFrom(tx, t.ID, a.ID, true, source)
	if err != nil || !ok {
		return t, false, err
	}
	if t, m, err = tx.EditTicketMessage(t.ID, m.N, strings.TrimSpace(text)); err != nil {
		return t, false, err
	}
	edit := s.Relay(t, m)
	return t, true, enqueue(tx, aulabot.Message{ChatID: t.Requester, EditRef: edit.Ref, Inline: edit.Inline,
		Text: edit.Text + "\n" + s.Cat.T(t.Lang, "ticket.edited")})
}

// relayedFrom returns the text message of ticket id that from sent as
// their message source (team: a team member's), if it is still there.
func relayedFrom(tx HelpdeskTx, id string, from int64, team bool, source int) (aulabot.TicketMessage, bool, error) {
	if source == 0 {
		return aulabot.TicketMessage{}, false, nil
	}
	ms, err := tx.TicketMessages(id)
	if err != nil {
		return aulabot.TicketMessage{}, false, err
	}
	i := slices.IndexFunc(ms, func(m aulabot.TicketMessage) bool {
		return m.Source == source && m.From == from && m.Team == team && !m.Erased && m.Text != "" && len(m.Files) == 0
	})
	if i < 0 {
		return aulabot.TicketMessage{}, false, nil
	}
	return ms[i], true, nil
}
