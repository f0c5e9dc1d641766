package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/aulabot/aulabot"
)

// Tickets are kept under university id, 0, number (so one university's
// tickets are contiguous and in order); each university's counter lives in
// bTicketSeq and is raised in the transaction that creates the ticket, so
// numbers have no gaps and no repeats. A ticket's messages are kept apart
// (store/ticket_message.go), so a long conversation does not make each new
// message rewrite the ticket. bTicketsByUser indexes a requester's tickets
// for /mytickets and for erasing; bTicketsActive and bTicketsActiveByUser
// hold only the open and claimed ones (the queue, the limit of open
// tickets per person), and bTicketsActiveByOwner the claimed ones by
// their owner (a member's own queue), kept in step by saveTicket on every
// transition. bTicketsActive's value is the owner (8 bytes), empty for an
// open ticket, so that saveTicket knows the owner a ticket had without
// reading it.
const (
	bTickets              = "tickets"                 // uni 0 n -> aulabot.Ticket
	bTicketSeq            = "ticket_seq"              // uni -> last number
	bTicketsByUser        = "tickets_by_user"         // user, uni 0 n -> nil
	bTicketsActive        = "tickets_active"          // uni 0 n -> owner or nil: open and claimed
	bTicketsActiveByUser  = "tickets_active_by_user"  // user, uni 0 n -> nil: open and claimed
	bTicketsActiveByOwner = "tickets_active_by_owner" // owner, uni 0 n -> nil: claimed
	bTicketsTouched       = "tickets_touched"         // uni 0 updated n -> nil: by last change
	bTicketTouchedAt      = "ticket_touched_at"       // uni 0 n -> updated: its key in tickets_touched
	bTicketsByStaff       = "tickets_by_staff"        // member, uni 0 n -> nil: the tickets a member of staff worked
)

func ticketKey(uni string, n int) []byte { return append([]byte(uni+"\x00"), u64(uint64(n))...) }

// CreateTicket stores t as the next ticket of t.University, open, with its
// first audit entry, and returns it with its ID and number. The handler
// fills in requester, category, description and files; names and texts
// are stored cleaned (aulabot.CleanText). A requester who already has
// maxOpen open or claimed tickets is refused (0: no limit), before a
// number is used. Errors: EINVALID (ticket.err_category, ticket.err_empty,
// ticket.err_too_long); ECONFLICT ticket.err_open_limit.
func (tx *Tx) CreateTicket(t aulabot.Ticket, maxOpen int) (aulabot.Ticket, error) {
	t.Description = aulabot.CleanText(t.Description)
	t.RequesterName = aulabot.CleanText(t.RequesterName)
	if err := validTicketText(t.Description); err != nil {
		return t, err
	}
	if !aulabot.ValidCategory(t.Category) {
		return t, aulabot.Errorf(aulabot.EINVALID, "ticket.err_category")
	}
	if t.University == "" || t.Requester == 0 {
		return t, fmt.Errorf("create ticket: no university or requester")
	}
	if maxOpen > 0 && tx.OpenTicketsOf(t.Requester) >= maxOpen {
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_open_limit", "max", maxOpen)
	}
	seq := tx.bucket(bTicketSeq)
	n := 1
	if b := seq.Get([]byte(t.University)); len(b) == 8 {
		n = int(fromI64(b)) + 1
	}
	if err := seq.Put([]byte(t.University), i64(int64(n))); err != nil {
		return t, err
	}
	t.Number, t.ID = n, aulabot.TicketID(t.University, n)
	t.State, t.Created, t.Updated = aulabot.TicketOpen, tx.now, tx.now
	t.Owner, t.OwnerName, t.Messages, t.Erased = 0, "", 0, false
	t.Audit = []aulabot.AuditEntry{{At: tx.now, By: t.Requester, To: aulabot.TicketOpen}}
	if err := tx.saveTicket(t); err != nil {
		return t, err
	}
	return t, tx.bucket(bTicketsByUser).Put(append(i64(t.Requester), ticketKey(t.University, n)...), nil)
}

// OpenTicketsOf counts user's open and claimed tickets. It reads only that
// user's entries of the active index.
func (tx *Tx) OpenTicketsOf(user int64) int { return len(tx.ActiveTicketsOf(user)) }

// ActiveTicketsOf returns the ids of user's open and claimed tickets, by
// university and number, from that user's entries of the active index.
func (tx *Tx) ActiveTicketsOf(user int64) []string {
	var ids []string
	prefix := i64(user)
	c := tx.bucket(bTicketsActiveByUser).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		uni, n, ok := bytes.Cut(k[len(prefix):], []byte{0})
		if ok && len(n) == 8 {
			ids = append(ids, aulabot.TicketID(string(uni), int(fromU64(n))))
		}
	}
	return ids
}

func validTicketText(s string) error { return aulabot.ValidTicketText(s) }

// Ticket returns the ticket with id ("UNMA-7"); false if there is none or
// the id is malformed.
func (tx *Tx) Ticket(id string) (aulabot.Ticket, bool, error) {
	var t aulabot.Ticket
	uni, n, ok := aulabot.ParseTicketID(id)
	if !ok {
		return t, false, nil
	}
	ok, err := tx.get(bTickets, ticketKey(uni, n), &t)
	return t, ok, err
}

// mustTicket loads ticket id or fails with ENOTFOUND ticket.err_not_found.
func (tx *Tx) mustTicket(id string) (aulabot.Ticket, error) {
	t, ok, err := tx.Ticket(id)
	if err != nil {
		return t, err
	}
	if !ok {
		return t, aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", id)
	}
	return t, nil
}

// transition moves t to state to, appending the audit entry, and saves it.
// Someone other than the requester who moves it (a member of the team, a
// coordinator) is indexed as having worked it (bTicketsByStaff).
func (tx *Tx) transition(t *aulabot.Ticket, by int64, to aulabot.TicketState, note string) error {
	t.Audit = append(t.Audit, aulabot.AuditEntry{At: tx.now, By: by, From: t.State, To: to, Note: note})
	t.State, t.Updated = to, tx.now
	if by != t.Requester || by == t.Owner {
		if err := tx.workedBy(by, *t); err != nil {
			return err
		}
	}
	return tx.saveTicket(*t)
}

// workedBy indexes ticket t under member, a member of staff who worked it
// (bTicketsByStaff), so that their deletion finds it: its owner, whoever
// else moved it, the authors of the team's messages (a member may be the
// requester of a ticket they work too). An entry already there is not
// written again.
func (tx *Tx) workedBy(member int64, t aulabot.Ticket) error {
	if member == 0 {
		return nil
	}
	k := append(i64(member), ticketKey(t.University, t.Number)...)
	if b := tx.bucket(bTicketsByStaff); b.Get(k) == nil {
		return b.Put(k, []byte{})
	}
	return nil
}

// saveTicket stores t and keeps the active indexes in step with its state.
func (tx *Tx) saveTicket(t aulabot.Ticket) error {
	k := ticketKey(t.University, t.Number)
	if err := tx.put(bTickets, k, t); err != nil {
		return err
	}
	if err := tx.touchTicket(k, t.Updated); err != nil {
		return err
	}
	active, byUser, byOwner := tx.bucket(bTicketsActive), tx.bucket(bTicketsActiveByUser), tx.bucket(bTicketsActiveByOwner)
	was := active.Get(k) // nil: not active; else its owner, or empty
	var owner int64      // the owner was, 0 for none
	if len(was) == 8 {
		owner = fromI64(was)
	}
	now := t.Owner
	if !t.Active() {
		now = 0
	}
	if owner != 0 && owner != now {
		if err := byOwner.Delete(append(i64(owner), k...)); err != nil {
			return err
		}
	}
	if !t.Active() {
		if t.Requester != 0 {
			if err := byUser.Delete(append(i64(t.Requester), k...)); err != nil {
				return err
			}
		}
		return active.Delete(k)
	}
	// Put only what is missing: rewriting an entry would dirty its page.
	if uk := append(i64(t.Requester), k...); t.Requester != 0 && byUser.Get(uk) == nil {
		if err := byUser.Put(uk, []byte{}); err != nil {
			return err
		}
	}
	if now != 0 && owner != now {
		if err := byOwner.Put(append(i64(now), k...), []byte{}); err != nil {
			return err
		}
	}
	if was != nil && owner == now {
		return nil
	}
	v := []byte{}
	if now != 0 {
		v = i64(now)
	}
	return active.Put(k, v)
}

// touchTicket moves ticket k (its key) to its place among its
// university's tickets by last change (bTicketsTouched), at updated.
func (tx *Tx) touchTicket(k []byte, updated time.Time) error {
	at := i64(updated.UnixNano())
	was := tx.bucket(bTicketTouchedAt).Get(k)
	if bytes.Equal(was, at) {
		return nil
	}
	uni, n := k[:len(k)-8], k[len(k)-8:]
	touched := tx.bucket(bTicketsTouched)
	if was != nil {
		if err := touched.Delete(slices.Concat(uni, was, n)); err != nil {
			return err
		}
	}
	if err := touched.Put(slices.Concat(uni, at, n), []byte{}); err != nil {
		return err
	}
	return tx.bucket(bTicketTouchedAt).Put(k, at)
}

// TicketsTouched calls fn for the tickets of university created before
// before that changed at or after since, or are still open or claimed, in
// the order of their numbers (oldest first): every ticket a period from
// since to before may concern, read through the indexes by last change
// and of active tickets, so that a report of a week costs what happened
// since, not every ticket ever reported.
func (tx *Tx) TicketsTouched(university string, since, before time.Time, fn func(aulabot.Ticket) error) error {
	prefix := []byte(university + "\x00")
	keys := map[string]bool{}
	c := tx.bucket(bTicketsTouched).Cursor()
	for k, _ := c.Seek(append(slices.Clip(prefix), i64(since.UnixNano())...)); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+16; k, _ = c.Next() {
		keys[string(prefix)+string(k[len(prefix)+8:])] = true
	}
	a := tx.bucket(bTicketsActive).Cursor()
	for k, _ := a.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = a.Next() {
		keys[string(k)] = true
	}
	sorted := slices.Sorted(maps.Keys(keys)) // a ticket's key ends in its number, big-endian
	for _, k := range sorted {
		var t aulabot.Ticket
		ok, err := tx.get(bTickets, []byte(k), &t)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if !t.Created.Before(before) {
			return nil // numbers follow creation
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}

// OwnedTicketCount is how many active tickets owner has claimed in the
// universities in says yes to: it reads the owner's index keys alone.
func (tx *Tx) OwnedTicketCount(owner int64, in func(university string) bool) int {
	n := 0
	prefix := i64(owner)
	c := tx.bucket(bTicketsActiveByOwner).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if uni, _, ok := bytes.Cut(k[len(prefix):], []byte{0}); ok && in(string(uni)) {
			n++
		}
	}
	return n
}

// ActiveTicketsOwnedBy returns the active tickets owner has claimed, of
// every university, oldest first by university and number.
func (tx *Tx) ActiveTicketsOwnedBy(owner int64) ([]aulabot.Ticket, error) {
	var ts []aulabot.Ticket
	err := tx.ticketsIndexed(bTicketsActiveByOwner, owner, func(t aulabot.Ticket) error {
		ts = append(ts, t)
		return nil
	})
	return ts, err
}

// ticketsIndexed calls fn with each ticket of a person's index (keys: the
// person's id, then the ticket's key), in the index's order; a ticket
// gone (erased with its requester's data) is passed over.
func (tx *Tx) ticketsIndexed(index string, person int64, fn func(aulabot.Ticket) error) error {
	prefix := i64(person)
	c := tx.bucket(index).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var t aulabot.Ticket
		ok, err := tx.get(bTickets, k[len(prefix):], &t)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}

// TicketsWorkedBy calls fn with each ticket member worked (claimed,
// moved or answered: bTicketsByStaff), of every university, by
// university and number; it reads the member's index keys and their
// tickets alone, so its cost is the member's own work, not the others'.
func (tx *Tx) TicketsWorkedBy(member int64, fn func(aulabot.Ticket) error) error {
	return tx.ticketsIndexed(bTicketsByStaff, member, fn)
}

// ClaimTicket makes by the owner of open ticket id: a compare-and-set, so
// of two simultaneous claims exactly one wins. Claiming a ticket one
// already owns changes nothing. Errors: ENOTFOUND; ECONFLICT
// ticket.err_claimed (with the owner's name), ticket.err_yours or
// ticket.err_state_*.
func (tx *Tx) ClaimTicket(id string, by int64, name string) (aulabot.Ticket, error) {
	t, err := tx.mustTicket(id)
	if err != nil {
		return t, err
	}
	switch {
	case t.State == aulabot.TicketClaimed && t.Owner == by:
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_yours", "id", t.ID)
	case t.State == aulabot.TicketClaimed:
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_claimed", "id", t.ID, "name", t.OwnerName)
	case t.State != aulabot.TicketOpen:
		return t, aulabot.TicketStateError(t)
	}
	t.Owner, t.OwnerName = by, aulabot.CleanText(name)
	return t, tx.transition(&t, by, aulabot.TicketClaimed, "")
}

// UnclaimTicket puts claimed ticket id back in the queue. Only the owner
// may, unless force (a coordinator). Errors: ENOTFOUND; ECONFLICT
// ticket.err_not_owner or ticket.err_state_*.
func (tx *Tx) UnclaimTicket(id string, by int64, force bool) (aulabot.Ticket, error) {
	t, err := tx.mustTicket(id)
	if err != nil {
		return t, err
	}
	if t.State != aulabot.TicketClaimed {
		return t, aulabot.TicketStateError(t)
	}
	if t.Owner != by && !force {
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_not_owner", "id", t.ID, "name", t.OwnerName)
	}
	t.Owner, t.OwnerName = 0, ""
	return t, tx.transition(&t, by, aulabot.TicketOpen, "unclaim")
}

// PassTicket gives active ticket id to team member to (named name), by
// by: its owner passing it on, anyone of the team giving an open one, or
// a coordinator (force) any. The ticket is claimed by to, the audit notes
// aulabot.NotePassed, and to is indexed as having worked it. Errors:
// ENOTFOUND; ECONFLICT ticket.err_state_*, ticket.err_pass_same (to has it
// already), ticket.err_pass_not_owner (someone else holds it).
func (tx *Tx) PassTicket(id string, by int64, force bool, to int64, name string) (aulabot.Ticket, error) {
	t, err := tx.mustTicket(id)
	if err != nil {
		return t, err
	}
	switch {
	case !t.Active():
		return t, aulabot.TicketStateError(t)
	case t.State == aulabot.TicketClaimed && t.Owner == to:
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_pass_same", "id", t.ID, "name", t.OwnerName)
	case t.State == aulabot.TicketClaimed && t.Owner != by && !force:
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_pass_not_owner", "id", t.ID, "name", t.OwnerName)
	}
	t.Owner, t.OwnerName = to, aulabot.CleanText(name)
	if err := tx.workedBy(to, t); err != nil {
		return t, err
	}
	return t, tx.transition(&t, by, aulabot.TicketClaimed, aulabot.NotePassed)
}

// ResolveTicket marks open or claimed ticket id resolved by by (who becomes
// its owner if it had none). Errors: ENOTFOUND; ECONFLICT ticket.err_state_*.
func (tx *Tx) ResolveTicket(id string, by int64, name string) (aulabot.Ticket, error) {
	t, err := tx.mustTicket(id)
	if err != nil {
		return t, err
	}
	if !t.Active() {
		return t, aulabot.TicketStateError(t)
	}
	if t.Owner == 0 {
		t.Owner, t.OwnerName = by, aulabot.CleanText(name)
	}
	t.ResolvedAt = tx.now
	return t, tx.transition(&t, by, aulabot.TicketResolved, "")
}

// requesterTicket is requester by's ticket id; someone else's is not
// found, as one that does not exist.
func (tx *Tx) requesterTicket(id string, by int64) (aulabot.Ticket, error) {
	t, err := tx.mustTicket(id)
	if err == nil && t.Requester != by {
		err = aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", id)
	}
	return t, err
}

// ResolveByRequester marks requester by's active ticket id resolved, as
// they say the team's answer solved it ("✅ That solved it"): the owner
// stays (none for a ticket nobody claimed), the audit notes
// aulabot.NoteSolved, and the rating that follows closes it as after any
// resolution. Errors: ENOTFOUND (also for someone else's ticket);
// ECONFLICT ticket.err_state_*.
func (tx *Tx) ResolveByRequester(id string, by int64) (aulabot.Ticket, error) {
	t, err := tx.requesterTicket(id, by)
	if err != nil {
		return t, err
	}
	if !t.Active() {
		return t, aulabot.TicketStateError(t)
	}
	t.ResolvedAt = tx.now
	return t, tx.transition(&t, by, aulabot.TicketResolved, aulabot.NoteSolved)
}

// CloseTicket closes ticket id. by is the requester (self-close, from any
// state but closed) or 0 for the automatic close of a resolved ticket.
// Errors: ENOTFOUND (also for someone else's ticket); ECONFLICT
// ticket.err_state_*.
func (tx *Tx) CloseTicket(id string, by int64, note string) (aulabot.Ticket, error) {
	var t aulabot.Ticket
	var err error
	if by == 0 { // the automatic close
		t, err = tx.mustTicket(id)
	} else {
		t, err = tx.requesterTicket(id, by)
	}
	if err != nil {
		return t, err
	}
	if t.State == aulabot.TicketClosed || (by == 0 && t.State != aulabot.TicketResolved) {
		return t, aulabot.TicketStateError(t)
	}
	t.ClosedAt = tx.now
	return t, tx.transition(&t, by, aulabot.TicketClosed, note)
}

// ReopenTicket puts requester by's resolved or closed ticket id back in the
// queue, within aulabot.ReopenWindow of its resolution. Errors: ENOTFOUND;
// ECONFLICT ticket.err_state_* or ticket.err_reopen_late.
func (tx *Tx) ReopenTicket(id string, by int64) (aulabot.Ticket, error) {
	t, err := tx.requesterTicket(id, by)
	if err != nil {
		return t, err
	}
	if t.Active() {
		return t, aulabot.TicketStateError(t)
	}
	since := t.ResolvedAt
	if since.IsZero() {
		since = t.ClosedAt // self-closed without a resolution
	}
	if tx.now.Sub(since) > aulabot.ReopenWindow {
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_reopen_late", "id", t.ID)
	}
	t.Owner, t.OwnerName, t.Rating, t.RatingNote = 0, "", 0, ""
	t.ResolvedAt, t.ClosedAt = time.Time{}, time.Time{}
	return t, tx.transition(&t, by, aulabot.TicketOpen, "reopen")
}

// RateTicket records requester by's confirmation of resolved ticket id with
// a rating of 1-5 and closes it. Errors: EINVALID ticket.err_rating;
// ENOTFOUND; ECONFLICT ticket.err_state_*.
func (tx *Tx) RateTicket(id string, by int64, rating int) (aulabot.Ticket, error) {
	if rating < 1 || rating > 5 {
		return aulabot.Ticket{}, aulabot.Errorf(aulabot.EINVALID, "ticket.err_rating")
	}
	t, err := tx.requesterTicket(id, by)
	if err != nil {
		return t, err
	}
	if t.State != aulabot.TicketResolved {
		return t, aulabot.TicketStateError(t)
	}
	t.Rating, t.ClosedAt = rating, tx.now
	return t, tx.transition(&t, by, aulabot.TicketClosed, fmt.Sprintf("rated %d", rating))
}

// NoteRating adds the requester's optional reason to the rating of ticket
// id, cleaned (aulabot.CleanText). Errors: EINVALID (empty, too long);
// ENOTFOUND; ECONFLICT ticket.err_state_*.
func (tx *Tx) NoteRating(id string, by int64, note string) (aulabot.Ticket, error) {
	note = aulabot.CleanText(note)
	if err := validTicketText(note); err != nil {
		return aulabot.Ticket{}, err
	}
	t, err := tx.requesterTicket(id, by)
	if err != nil {
		return t, err
	}
	if t.Rating == 0 {
		return t, aulabot.TicketStateError(t)
	}
	t.RatingNote = note
	return t, tx.saveTicket(t)
}

// TicketsOf returns user's tickets, newest first.
func (tx *Tx) TicketsOf(user int64) ([]aulabot.Ticket, error) {
	var keys [][]byte
	prefix := i64(user)
	c := tx.bucket(bTicketsByUser).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k[8:]...))
	}
	var ts []aulabot.Ticket
	for _, k := range keys {
		var t aulabot.Ticket
		if ok, err := tx.get(bTickets, k, &t); err != nil {
			return nil, err
		} else if ok {
			ts = append(ts, t)
		}
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Created.After(ts[j].Created) })
	return ts, nil
}

// Tickets returns every ticket of university, oldest first; with active
// set, only open and claimed ones (the queue), read through the active
// index without touching the others.
func (tx *Tx) Tickets(university string, active bool) ([]aulabot.Ticket, error) {
	if active {
		ts, _, err := tx.ActiveTickets(university, -1)
		return ts, err
	}
	var ts []aulabot.Ticket
	prefix := []byte(university + "\x00")
	c := tx.bucket(bTickets).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var t aulabot.Ticket
		if err := json.Unmarshal(v, &t); err != nil {
			return nil, fmt.Errorf("ticket %x: %w", k, err)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// ActiveTickets returns up to limit open and claimed tickets of
// university, oldest first (limit < 0: all), and how many there are in
// all. It reads the active index: its cost does not depend on how many
// closed tickets are stored.
func (tx *Tx) ActiveTickets(university string, limit int) ([]aulabot.Ticket, int, error) {
	return tx.activeTickets(university, limit, false)
}

// UnclaimedTickets is ActiveTickets of the open tickets alone, those
// nobody has claimed: it tells them by the active index's values (empty
// for no owner), and decodes only those it returns.
func (tx *Tx) UnclaimedTickets(university string, limit int) ([]aulabot.Ticket, int, error) {
	return tx.activeTickets(university, limit, true)
}

// activeTickets is ActiveTickets, of the unclaimed ones alone if
// unclaimed.
func (tx *Tx) activeTickets(university string, limit int, unclaimed bool) ([]aulabot.Ticket, int, error) {
	var ts []aulabot.Ticket
	total := 0
	prefix := []byte(university + "\x00")
	c := tx.bucket(bTicketsActive).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if unclaimed && len(v) != 0 {
			continue
		}
		total++
		if limit >= 0 && len(ts) >= limit {
			continue
		}
		var t aulabot.Ticket
		if ok, err := tx.get(bTickets, k, &t); err != nil {
			return nil, 0, err
		} else if ok {
			ts = append(ts, t)
		}
	}
	return ts, total, nil
}

// ClaimTicket claims ticket id in its own transaction (see Tx.ClaimTicket).
func (s *Store) ClaimTicket(id string, by int64, name string) (t aulabot.Ticket, err error) {
	err = s.Update(func(tx *Tx) error { t, err = tx.ClaimTicket(id, by, name); return err })
	return t, err
}

// CreateTicket creates a ticket in its own transaction (see Tx.CreateTicket).
func (s *Store) CreateTicket(in aulabot.Ticket, maxOpen int) (t aulabot.Ticket, err error) {
	err = s.Update(func(tx *Tx) error { t, err = tx.CreateTicket(in, maxOpen); return err })
	return t, err
}

// Ticket returns ticket id.
func (s *Store) Ticket(id string) (t aulabot.Ticket, ok bool, err error) {
	err = s.View(func(tx *Tx) error { t, ok, err = tx.Ticket(id); return err })
	return t, ok, err
}

// Tickets returns the tickets of university (see Tx.Tickets).
func (s *Store) Tickets(university string, active bool) (ts []aulabot.Ticket, err error) {
	err = s.View(func(tx *Tx) error { ts, err = tx.Tickets(university, active); return err })
	return ts, err
}
