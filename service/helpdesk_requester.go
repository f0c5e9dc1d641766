package service

import (
	"sort"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// The requester's side: their tickets, replies to the team, rating,
// reopening and closing.

// RequesterTicket loads user's own ticket id; another's is "not found".
// Errors: ENOTFOUND ticket.err_not_found.
func (s *Helpdesk) RequesterTicket(tx HelpdeskTx, user int64, id string) (aulabot.Ticket, *aulabot.University, error) {
	t, ok, err := tx.Ticket(id)
	if err != nil {
		return t, nil, err
	}
	uni, known := s.Config.University(t.University)
	if !ok || !known || t.Requester != user {
		return t, nil, notFound(id)
	}
	return t, uni, nil
}

// requesterButton loads the ticket of a requester's button pressed by a:
// only in a private chat, only their own ticket. Errors: a press
// elsewhere is a stale button; those of RequesterTicket.
func (s *Helpdesk) requesterButton(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, *aulabot.University, error) {
	if !a.Private {
		return aulabot.Ticket{}, nil, stale()
	}
	return s.RequesterTicket(tx, a.ID, id)
}

// AskReply is the requester's Reply button: the next text they write goes
// to the team (FlowTicketReply). Errors: those of a requester's button;
// ECONFLICT ticket.err_closed for a closed ticket.
func (s *Helpdesk) AskReply(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, aulabot.State, error) {
	t, _, err := s.requesterButton(tx, a, id)
	if err != nil {
		return t, aulabot.State{}, err
	}
	if t.State == aulabot.TicketClosed {
		return t, aulabot.State{}, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_closed", "id", t.ID)
	}
	return t, FlowTicketReply.At(TicketText, OnTicket{Ticket: t.ID}), nil
}

// ReplyToTeam relays requester user's text and attachments, sent as their
// message source (a part of album, if any), to ticket id's team group,
// threaded under the post.
// Errors: those of RequesterTicket; the store's (ticket.err_closed).
func (s *Helpdesk) ReplyToTeam(tx HelpdeskTx, user int64, id, text string, files []aulabot.TicketFile, source int, album string) (aulabot.Ticket, error) {
	t, uni, err := s.RequesterTicket(tx, user, id)
	if err != nil {
		return t, err
	}
	t, msg, err := tx.AddTicketMessage(t.ID, aulabot.TicketMessage{From: user, FromName: t.RequesterName, Text: strings.TrimSpace(text), Files: files, Source: source, Album: album})
	if err != nil {
		return t, err
	}
	if err := s.scheduleWaiting(tx, t, uni); err != nil {
		return t, err
	}
	if msg.Text != "" {
		if err := enqueue(tx, s.Relay(t, msg)); err != nil {
			return t, err
		}
	}
	for i, f := range files {
		if err := enqueue(tx, s.teamFile(t, uni, fileRef(inRef(t.ID, msg.N), i), msg.FromName, f)); err != nil {
			return t, err
		}
	}
	return t, nil
}

// Rated is the result of Rate.
type Rated struct {
	Ticket aulabot.Ticket
	// State is FlowRatingNote: the requester may say why.
	State aulabot.State
}

// Rate is a rating button (1 to 5 stars) of a resolved ticket: the ticket
// closes with the rating, the post shows it, the team is told under the
// post, and the requester may explain it (FlowRatingNote). Errors: those
// of a requester's button; stars outside 1-5 is a stale button; the
// store's (ticket.err_state_*).
func (s *Helpdesk) Rate(tx HelpdeskTx, a Actor, id string, stars int) (Rated, error) {
	t, uni, err := s.requesterButton(tx, a, id)
	if err != nil {
		return Rated{}, err
	}
	if stars < 1 || stars > 5 {
		return Rated{}, stale()
	}
	if t, err = tx.RateTicket(t.ID, a.ID, stars); err != nil {
		return Rated{}, err
	}
	if err := tx.Count(RatingCounter(t.University, stars), 1); err != nil {
		return Rated{}, err
	}
	if _, err := tx.CancelJobs(closeKey(t.ID)); err != nil {
		return Rated{}, err
	}
	if err := enqueue(tx, s.editPost(t, uni), s.teamEvent(t, uni, "ticket.team_event_rated", "rating", stars)); err != nil {
		return Rated{}, err
	}
	return Rated{Ticket: t, State: FlowRatingNote.At(TicketText, OnTicket{Ticket: t.ID})}, nil
}

// SkipNote is the requester's "Skip" after a rating: it leaves
// FlowRatingNote when st is in it (leave). Errors: those of a requester's
// button.
func (s *Helpdesk) SkipNote(tx HelpdeskTx, a Actor, id string, st aulabot.State) (leave bool, err error) {
	if _, _, err := s.requesterButton(tx, a, id); err != nil {
		return false, err
	}
	return FlowRatingNote.In(st), nil
}

// NoteRating keeps requester user's reason note for the rating of the
// ticket FlowRatingNote st is about, and shows it to the team under the
// post; the flow is over. Errors: those of RequesterTicket (the ticket is
// not the person's any more: the handler ends the flow); the store's
// (ticket.err_state_*).
func (s *Helpdesk) NoteRating(tx HelpdeskTx, user int64, st aulabot.State, note string) (aulabot.Ticket, error) {
	d, _ := FlowRatingNote.Data(st)
	t, uni, err := s.RequesterTicket(tx, user, d.Ticket)
	if err != nil {
		return t, err
	}
	if t, err = tx.NoteRating(t.ID, user, strings.TrimSpace(note)); err != nil {
		return t, err
	}
	ev := s.teamEvent(t, uni, "ticket.team_event_note", "note", t.RatingNote)
	ev.Ref = noteRef(t.ID)
	return t, enqueue(tx, ev)
}

// Close is the requester's Close: the ticket closes, its timers are
// dropped and the team is told. Errors: those of a requester's button;
// the store's (ticket.err_state_*).
func (s *Helpdesk) Close(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, error) {
	t, uni, err := s.requesterButton(tx, a, id)
	if err != nil {
		return t, err
	}
	if t, err = tx.CloseTicket(t.ID, a.ID, ""); err != nil {
		return t, err
	}
	if err := s.cancelJobs(tx, t.ID); err != nil {
		return t, err
	}
	return t, enqueue(tx, s.editPost(t, uni), s.teamEvent(t, uni, "ticket.team_event_closed"))
}

// Solved is the requester's "✅ That solved it" under an answer of the
// team (words, a file, an article): the ticket is resolved at once (a
// press says it, no confirmation needed), its audit noted NoteSolved, the
// team told that their answer solved it, and the requester asked to rate
// the help, which closes it, as after the team's Resolve (unrated, it
// closes by itself in aulabot.AutoClose; it can be reopened as any). A
// ticket the team resolved already waits for that rating: it stays so,
// and the press is pointed to the stars. Errors: those of a requester's
// button; ECONFLICT ticket.err_solved_rate for a resolved ticket,
// ticket.err_state_* for a closed one.
func (s *Helpdesk) Solved(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, error) {
	t, uni, err := s.requesterButton(tx, a, id)
	if err != nil {
		return t, err
	}
	if t.State == aulabot.TicketResolved {
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_solved_rate", "id", t.ID)
	}
	if t, err = tx.ResolveByRequester(t.ID, a.ID); err != nil {
		return t, err
	}
	if _, err := tx.CancelJobs(slaPrefix(t.ID)); err != nil {
		return t, err
	}
	rate, job := s.RatingRequest(t, tx.Now())
	rate.Text = s.Cat.T(t.Lang, "ticket.user_solved", "id", t.ID)
	if err := tx.Schedule(job); err != nil {
		return t, err
	}
	return t, enqueue(tx, s.editPost(t, uni), s.teamEvent(t, uni, "ticket.team_event_solved"), rate)
}

// AskClose is the requester's Close button: nothing changes yet, the
// requester is asked to confirm (then Close). Errors: those of a
// requester's button; ECONFLICT ticket.err_state_* for a ticket the team
// no longer works on.
func (s *Helpdesk) AskClose(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, error) {
	t, _, err := s.requesterButton(tx, a, id)
	if err != nil {
		return t, err
	}
	if !t.Active() {
		return t, aulabot.TicketStateError(t)
	}
	return t, nil
}

// KeepOpen is the way back from closing (AskClose): nothing changes.
// Errors: those of a requester's button.
func (s *Helpdesk) KeepOpen(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, error) {
	t, _, err := s.requesterButton(tx, a, id)
	return t, err
}

// WhatIsWrong is the state after Reopen: the requester's next message
// (what is still wrong) goes to the team, as after their Reply button.
func WhatIsWrong(t aulabot.Ticket) aulabot.State {
	return FlowTicketReply.At(TicketText, OnTicket{Ticket: t.ID})
}

// Reopen is the requester's Reopen (within aulabot.ReopenWindow of the
// end): the ticket is open again, back in the queue with its SLA timers,
// and the team is told. Errors: those of a requester's button; the
// store's (ticket.err_reopen_late, ticket.err_state_*).
func (s *Helpdesk) Reopen(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, error) {
	t, uni, err := s.requesterButton(tx, a, id)
	if err != nil {
		return t, err
	}
	if t, err = tx.ReopenTicket(t.ID, a.ID); err != nil {
		return t, err
	}
	if err := s.cancelJobs(tx, t.ID); err != nil {
		return t, err
	}
	if err := s.scheduleSLA(tx, t, uni); err != nil {
		return t, err
	}
	return t, enqueue(tx, s.editPost(t, uni), s.teamEvent(t, uni, "ticket.team_event_reopened"))
}

// Mine are a requester's tickets, newest first, as /mytickets lists them.
type Mine struct {
	Tickets []aulabot.Ticket // at most the limit asked
	More    int              // older ones not listed
	Now     time.Time
	// TeamWrote are the active tickets listed whose last message is the
	// team's: they wait on the requester's answer.
	TeamWrote map[string]bool
}

// Open returns the ids of user's open and claimed tickets, by university
// and number.
func (s *Helpdesk) Open(tx HelpdeskTx, user int64) []string { return tx.ActiveTicketsOf(user) }

// MyTickets returns user's tickets, at most limit of them: those still
// being worked on first, then those resolved and waiting for the
// requester's word, then the closed ones, each newest first. By age alone
// a closed ticket came above an open one (Rosa's UNMA-3 over UNMA-1, seen
// in the sandbox), and many closed ones could push an open one off the
// list.
func (s *Helpdesk) MyTickets(tx HelpdeskTx, user int64, limit int) (Mine, error) {
	ts, err := tx.TicketsOf(user)
	if err != nil {
		return Mine{}, err
	}
	rank := func(t aulabot.Ticket) int {
		switch {
		case t.Active():
			return 0
		case t.State == aulabot.TicketResolved:
			return 1
		}
		return 2
	}
	// Tickets of the same moment: the higher number first.
	sort.SliceStable(ts, func(i, j int) bool {
		if ri, rj := rank(ts[i]), rank(ts[j]); ri != rj {
			return ri < rj
		}
		if !ts[i].Created.Equal(ts[j].Created) {
			return ts[i].Created.After(ts[j].Created)
		}
		_, a, _ := aulabot.ParseTicketID(ts[i].ID)
		_, b, _ := aulabot.ParseTicketID(ts[j].ID)
		return a > b
	})
	m := Mine{Tickets: ts, Now: tx.Now(), TeamWrote: map[string]bool{}}
	if len(ts) > limit {
		m.Tickets, m.More = ts[:limit], len(ts)-limit
	}
	for _, t := range m.Tickets {
		if !t.Active() || t.Messages == 0 {
			continue
		}
		last, ok, err := tx.TicketMessage(t.ID, t.Messages) // one record, not the conversation
		if err != nil {
			return m, err
		}
		m.TeamWrote[t.ID] = ok && last.Team
	}
	return m, nil
}

// Reopenable reports whether the requester may still reopen t at now.
func Reopenable(t aulabot.Ticket, now time.Time) bool {
	since := t.ResolvedAt
	if since.IsZero() {
		since = t.ClosedAt
	}
	return !t.Active() && now.Sub(since) <= aulabot.ReopenWindow
}
