package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// A ticket's conversation is kept under the ticket's key and the message's
// number, apart from the ticket: adding message 400 writes one small
// record and the ticket's count, as adding message 1 does.
const bTicketMessages = "ticket_messages" // uni 0 n, message n -> aulabot.TicketMessage

func messageKey(ticket []byte, n int) []byte {
	return append(append(make([]byte, 0, len(ticket)+8), ticket...), u64(uint64(n))...)
}

// AddTicketMessage keeps message m as the next message of ticket id and
// returns the ticket and the message as stored: cleaned
// (aulabot.CleanText), numbered (1, 2, ...) and dated. A closed ticket
// takes no messages. Errors: EINVALID (empty text without files, too
// long); ENOTFOUND; ECONFLICT ticket.err_closed.
func (tx *Tx) AddTicketMessage(id string, m aulabot.TicketMessage) (aulabot.Ticket, aulabot.TicketMessage, error) {
	m.Text, m.FromName = aulabot.CleanText(m.Text), aulabot.CleanText(m.FromName)
	if len(m.Files) == 0 || m.Text != "" {
		if err := validTicketText(m.Text); err != nil {
			return aulabot.Ticket{}, m, err
		}
	}
	t, err := tx.mustTicket(id)
	if err != nil {
		return t, m, err
	}
	if t.State == aulabot.TicketClosed {
		return t, m, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_closed", "id", t.ID)
	}
	t.Messages++
	t.Updated = tx.now
	m.Ticket, m.N, m.At, m.Erased = t.ID, t.Messages, tx.now, false
	if err := tx.put(bTicketMessages, messageKey(ticketKey(t.University, t.Number), m.N), m); err != nil {
		return t, m, err
	}
	if m.Team {
		if err := tx.workedBy(m.From, t); err != nil {
			return t, m, err
		}
	}
	return t, m, tx.saveTicket(t)
}

// EditTicketMessage changes the text of message n of ticket id to text
// (cleaned) and dates the edit; it returns the ticket and the message as
// stored. A message with files may be left without text (a caption taken
// off). Errors: EINVALID (empty, too long); ENOTFOUND (no such ticket or
// message, or a message whose data was erased); ECONFLICT ticket.err_closed.
func (tx *Tx) EditTicketMessage(id string, n int, text string) (aulabot.Ticket, aulabot.TicketMessage, error) {
	text = aulabot.CleanText(text)
	if err := validTicketText(text); err != nil && text != "" {
		return aulabot.Ticket{}, aulabot.TicketMessage{}, err
	}
	t, err := tx.mustTicket(id)
	if err != nil {
		return t, aulabot.TicketMessage{}, err
	}
	if t.State == aulabot.TicketClosed {
		return t, aulabot.TicketMessage{}, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_closed", "id", t.ID)
	}
	k := messageKey(ticketKey(t.University, t.Number), n)
	var m aulabot.TicketMessage
	ok, err := tx.get(bTicketMessages, k, &m)
	if err != nil {
		return t, m, err
	}
	if !ok || m.Erased {
		return t, m, aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", t.ID)
	}
	if text == "" && len(m.Files) == 0 {
		return t, m, validTicketText(text)
	}
	m.Text, m.Edited = text, tx.now
	return t, m, tx.put(bTicketMessages, k, m)
}

// EditTicketDescription changes ticket id's description to text
// (cleaned) and dates the edit; it returns the ticket as stored. Errors:
// EINVALID (empty, too long); ENOTFOUND (no such ticket, or one whose
// requester's data was erased); ECONFLICT ticket.err_closed.
func (tx *Tx) EditTicketDescription(id string, text string) (aulabot.Ticket, error) {
	text = aulabot.CleanText(text)
	if err := validTicketText(text); err != nil {
		return aulabot.Ticket{}, err
	}
	t, err := tx.mustTicket(id)
	if err != nil {
		return t, err
	}
	if t.Erased || t.Requester == 0 {
		return t, aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", t.ID)
	}
	if t.State == aulabot.TicketClosed {
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_closed", "id", t.ID)
	}
	t.Description, t.DescriptionEdited, t.Updated = text, tx.now, tx.now
	return t, tx.saveTicket(t)
}

// ReplaceTicketFile records that the sender replaced the file of their
// message msg in chat (as Telegram lets people do) with f: among the
// files of message n of ticket id, or with n 0 among the ticket's own
// (those sent with the description). It dates the edit and returns the
// ticket, and the index of the file replaced. Errors: ENOTFOUND (no such
// ticket, message or file, or one whose data was erased); ECONFLICT
// ticket.err_closed.
func (tx *Tx) ReplaceTicketFile(id string, n int, chat int64, msg int, f aulabot.File) (aulabot.Ticket, int, error) {
	t, err := tx.mustTicket(id)
	if err != nil {
		return t, 0, err
	}
	if t.State == aulabot.TicketClosed {
		return t, 0, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_closed", "id", t.ID)
	}
	notFound := aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", t.ID)
	if n == 0 {
		i := aulabot.FileIndex(t.Files, chat, msg)
		if i < 0 { // erased with the requester's data too
			return t, 0, notFound
		}
		t.Files[i].File = f
		t.DescriptionEdited, t.Updated = tx.now, tx.now
		return t, i, tx.saveTicket(t)
	}
	k := messageKey(ticketKey(t.University, t.Number), n)
	var m aulabot.TicketMessage
	ok, err := tx.get(bTicketMessages, k, &m)
	if err != nil {
		return t, 0, err
	}
	i := aulabot.FileIndex(m.Files, chat, msg) // none once erased
	if !ok || i < 0 {
		return t, 0, notFound
	}
	m.Files[i].File, m.Edited = f, tx.now
	return t, i, tx.put(bTicketMessages, k, m)
}

// TicketMessage returns message n of ticket id; false if there is none.
// It reads that one record.
func (tx *Tx) TicketMessage(id string, n int) (aulabot.TicketMessage, bool, error) {
	var m aulabot.TicketMessage
	uni, number, ok := aulabot.ParseTicketID(id)
	if !ok || n < 1 {
		return m, false, nil
	}
	ok, err := tx.get(bTicketMessages, messageKey(ticketKey(uni, number), n), &m)
	return m, ok, err
}

// TicketMessages returns the messages of ticket id in order (none for a
// ticket that does not exist). It reads only that ticket's messages.
func (tx *Tx) TicketMessages(id string) ([]aulabot.TicketMessage, error) {
	uni, n, ok := aulabot.ParseTicketID(id)
	if !ok {
		return nil, nil
	}
	var ms []aulabot.TicketMessage
	err := tx.eachTicketMessage(ticketKey(uni, n), func(_ []byte, m aulabot.TicketMessage) error {
		ms = append(ms, m)
		return nil
	})
	return ms, err
}

// eachTicketMessage calls fn with the key and the message of each message
// of the ticket stored under ticket key tk, in order. fn may rewrite the
// message under the same key.
func (tx *Tx) eachTicketMessage(tk []byte, fn func(k []byte, m aulabot.TicketMessage) error) error {
	var keys [][]byte
	c := tx.bucket(bTicketMessages).Cursor()
	for k, _ := c.Seek(tk); k != nil && bytes.HasPrefix(k, tk) && len(k) == len(tk)+8; k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	for _, k := range keys {
		var m aulabot.TicketMessage
		if _, err := tx.get(bTicketMessages, k, &m); err != nil {
			return err
		}
		if err := fn(k, m); err != nil {
			return err
		}
	}
	return nil
}

// TicketMessages returns the messages of ticket id (see Tx.TicketMessages).
func (s *Store) TicketMessages(id string) (ms []aulabot.TicketMessage, err error) {
	err = s.View(func(tx *Tx) error { ms, err = tx.TicketMessages(id); return err })
	return ms, err
}

// legacyTicket is a ticket as stored before its messages had a bucket of
// their own.
type legacyTicket struct {
	aulabot.Ticket
	Msgs []aulabot.TicketMessage `json:"msgs,omitempty"`
}

// ticketMessagesMigration moves the messages kept inside each ticket to
// the messages bucket and builds the indexes of active tickets. It reads
// the tickets in chunks, so the bucket is never written while a cursor
// walks it, and a ticket already in the new form is only re-indexed.
func ticketMessagesMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	const chunk = 500
	type rec struct{ k, v []byte }
	var after []byte
	for {
		var recs []rec
		c := tx.bucket(bTickets).Cursor()
		k, v := c.First()
		if after != nil {
			if k, v = c.Seek(after); bytes.Equal(k, after) {
				k, v = c.Next()
			}
		}
		for ; k != nil && len(recs) < chunk; k, v = c.Next() {
			recs = append(recs, rec{append([]byte(nil), k...), append([]byte(nil), v...)})
		}
		if len(recs) == 0 {
			return nil
		}
		for _, r := range recs {
			var lt legacyTicket
			if err := json.Unmarshal(r.v, &lt); err != nil {
				return fmt.Errorf("ticket %x: %w", r.k, err)
			}
			t := lt.Ticket
			for _, m := range lt.Msgs {
				t.Messages++
				m.Ticket, m.N = t.ID, t.Messages
				if err := tx.put(bTicketMessages, messageKey(r.k, m.N), m); err != nil {
					return err
				}
			}
			if err := tx.saveTicket(t); err != nil {
				return err
			}
		}
		after = recs[len(recs)-1].k
	}
}

// ticketOwnerMigration indexes the claimed tickets by their owner and
// writes each active ticket's owner as its active index's value: it reads
// only the active tickets (the queue), and writes their index entries
// after the walk, so no bucket is written while a cursor walks it.
func ticketOwnerMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	var keys [][]byte
	c := tx.bucket(bTicketsActive).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	for _, k := range keys {
		var t aulabot.Ticket
		ok, err := tx.get(bTickets, k, &t)
		if err != nil {
			return err
		}
		if !ok || !t.Active() || t.Owner == 0 {
			continue
		}
		if err := tx.bucket(bTicketsActive).Put(k, i64(t.Owner)); err != nil {
			return err
		}
		if err := tx.bucket(bTicketsActiveByOwner).Put(append(i64(t.Owner), k...), []byte{}); err != nil {
			return err
		}
	}
	return nil
}
