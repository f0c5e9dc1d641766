package store

import (
	"bytes"
	"maps"
	"slices"

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
	// A member of staff's erasure in parts (aulabot.StaffEraseKey) takes
	// the tickets they worked that are left; without one, they go now.
	if _, pending, err := tx.ScheduledJob(aulabot.StaffEraseKey(user)); err != nil || pending {
		return err
	}
	if _, _, _, err := tx.EraseStaffOf(user); err != nil {
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

// EraseStaffOf removes member of staff user from the tickets they worked
// (bTicketsByStaff): the owner's id and name of those they hold or
// resolved, their id in the audit, and their id and name as the author of
// their messages (the messages' words, the team's answers to the
// requester, stay). A ticket they held goes back to open for the rest of
// the team, with an audit entry by nobody. It returns the tickets it
// changed, as they are now, the ids of those it opened again and the
// member's messages as they are now (without author); it reads only the
// member's own index entries and those tickets' messages.
func (tx *Tx) EraseStaffOf(user int64) (changed []aulabot.Ticket, reopened []string, msgs []aulabot.TicketMessage, err error) {
	changed, reopened, msgs, _, err = tx.EraseStaffPart(user, 0)
	return changed, reopened, msgs, err
}

// EraseStaffPart is EraseStaffOf for at most most of the tickets member
// of staff user worked (0: all), those they hold first; more: some are
// left. The part that leaves none scrubs the file's free pages once
// committed, as DeleteUserData does (a part's commit frees the pages of
// the tickets as they were, with the member's name).
func (tx *Tx) EraseStaffPart(user int64, most int) (changed []aulabot.Ticket, reopened []string, msgs []aulabot.TicketMessage, more bool, err error) {
	prefix := i64(user)
	staff := tx.bucket(bTicketsByStaff)
	var keys [][]byte
	taken := map[string]bool{}
	take := func(k []byte) bool { // false once most are taken and another is left
		if taken[string(k)] {
			return true
		}
		if most > 0 && len(keys) == most {
			more = true
			return false
		}
		taken[string(k)] = true
		keys = append(keys, bytes.Clone(k))
		return true
	}
	// The tickets they hold first (their key in the owners' index is
	// their key in the staff's): open again for the team at once.
	c := tx.bucket(bTicketsActiveByOwner).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if staff.Get(k) != nil && !take(k) {
			break
		}
	}
	c = staff.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && !more; k, _ = c.Next() {
		take(k)
	}
	if most > 0 && !more {
		tx.scrub = true
	}
	for _, k := range keys {
		tk := k[len(prefix):]
		var t aulabot.Ticket
		ok, err := tx.get(bTickets, tk, &t)
		if err != nil {
			return changed, reopened, msgs, more, err
		}
		if ok {
			var opened bool
			var ms []aulabot.TicketMessage
			if t, opened, ms, err = tx.eraseStaff(t, tk, user); err != nil {
				return changed, reopened, msgs, more, err
			}
			if opened {
				reopened = append(reopened, t.ID)
			}
			changed, msgs = append(changed, t), append(msgs, ms...)
		}
		if err := staff.Delete(k); err != nil {
			return changed, reopened, msgs, more, err
		}
	}
	return changed, reopened, msgs, more, nil
}

// eraseStaff takes member user out of ticket t (its key tk) and its
// messages (returned as they are now), and saves it; a ticket they held
// goes back to open (opened).
func (tx *Tx) eraseStaff(t aulabot.Ticket, tk []byte, user int64) (_ aulabot.Ticket, opened bool, msgs []aulabot.TicketMessage, err error) {
	for i := range t.Audit {
		if t.Audit[i].By == user {
			t.Audit[i].By = 0
		}
	}
	err = tx.eachTicketMessage(tk, func(k []byte, m aulabot.TicketMessage) error {
		if !m.Team || m.From != user {
			return nil
		}
		m.From, m.FromName = 0, ""
		msgs = append(msgs, m)
		return tx.put(bTicketMessages, k, m)
	})
	if err != nil {
		return t, false, msgs, err
	}
	if t.Owner != user {
		return t, false, msgs, tx.saveTicket(t)
	}
	t.Owner, t.OwnerName = 0, ""
	if t.State != aulabot.TicketClaimed {
		return t, false, msgs, tx.saveTicket(t)
	}
	return t, true, msgs, tx.transition(&t, 0, aulabot.TicketOpen, "")
}

// staffOf are the members of staff who worked ticket t (its key tk), as
// its record and messages say (Tx.workedBy): its owner, whoever else
// moved it, the authors of the team's messages.
func staffOf(tx *Tx, t aulabot.Ticket, tk []byte) ([]int64, error) {
	seen := map[int64]bool{t.Owner: true}
	for _, a := range t.Audit {
		if a.By != t.Requester {
			seen[a.By] = true
		}
	}
	err := tx.eachTicketMessage(tk, func(_ []byte, m aulabot.TicketMessage) error {
		if m.Team {
			seen[m.From] = true
		}
		return nil
	})
	delete(seen, 0)
	return slices.Sorted(maps.Keys(seen)), err
}
