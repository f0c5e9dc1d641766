package store

import (
	"bytes"

	"github.com/aulabot/aulabot"
)

// eraseTickets is the helpdesk's part of DeleteUserData: the person's
// tickets keep nothing of them, no ref or queued message names their
// chat. The team group's copies are edited by the handlers
// (handlers.EraseHelpdesk), which call EraseTicketsOf first; then this
// finds nothing left to anonymise.
func eraseTickets(tx *Tx, user int64) error {
	if _, err := tx.EraseTicketsOf(user); err != nil {
		return err
	}
	if err := tx.DropChatRefs(user); err != nil {
		return err
	}
	_, err := tx.CancelChatOutbox(user)
	return err
}

// EraseTicketsOf removes requester user's personal data from their
// tickets and returns the ids of the tickets it changed. Each keeps its
// number, university, category, state, times, counts and audit (with the
// person's entries made anonymous); the name, role, language, description,
// files and rating note go, and so do the text, files and ids of the
// person's messages (the team's stay). Erased marks what was removed. It
// reads only the person's own index entries and those tickets' messages.
func (tx *Tx) EraseTicketsOf(user int64) ([]string, error) {
	prefix := i64(user)
	byUser := tx.bucket(bTicketsByUser)
	var keys [][]byte
	c := byUser.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	var ids []string
	for _, k := range keys {
		tk := k[len(prefix):]
		var t aulabot.Ticket
		ok, err := tx.get(bTickets, tk, &t)
		if err != nil {
			return ids, err
		}
		if ok {
			if err := tx.eraseTicket(t, user); err != nil {
				return ids, err
			}
			ids = append(ids, t.ID)
		}
		if err := tx.bucket(bTicketsActiveByUser).Delete(k); err != nil {
			return ids, err
		}
		if err := byUser.Delete(k); err != nil {
			return ids, err
		}
	}
	return ids, nil
}

// eraseTicket anonymises ticket t of requester user and their messages.
func (tx *Tx) eraseTicket(t aulabot.Ticket, user int64) error {
	t.Requester, t.RequesterName, t.RequesterRole, t.Lang = 0, "", "", ""
	t.Description, t.Opening, t.Suggested, t.Files, t.RatingNote, t.Erased = "", "", "", nil, "", true
	for i := range t.Audit {
		if t.Audit[i].By == user {
			t.Audit[i].By = 0
		}
	}
	err := tx.eachTicketMessage(ticketKey(t.University, t.Number), func(k []byte, m aulabot.TicketMessage) error {
		if m.Team {
			return nil
		}
		m.From, m.FromName, m.Text, m.Files, m.Album, m.Erased = 0, "", "", nil, "", true
		return tx.put(bTicketMessages, k, m)
	})
	if err != nil {
		return err
	}
	return tx.saveTicket(t)
}
