package report

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
)

// Helpdesk is the helpdesk's figures. Each ticket counts in the period
// where each of its events happened (its audit trail and its messages):
// opened, claimed, first replied to, resolved, reopened. Times are
// business time of the ticket's university: only its business days and
// hours count (a ticket opened on Friday evening and claimed on Monday at
// 08:30 waited 30 minutes).
type Helpdesk struct {
	// Opened is how many tickets were opened, Categories how many of
	// each category.
	Opened     int
	Categories map[string]int
	// Claimed, Resolved and Reopened count the tickets claimed (a team
	// member resolving an open ticket claims it), resolved and reopened
	// in the period, each ticket once.
	Claimed, Resolved, Reopened int
	// Solved counts the tickets their requester resolved in the period
	// with "✅ That solved it" under an answer of the team (Resolved
	// counts them too; a claim does not).
	Solved int
	// ToClaim, ToReply and ToResolve are the business time from opening
	// to the first claim, the first reply of the team to the requester
	// and the first resolution, of the tickets that reached it in the
	// period.
	ToClaim, ToReply, ToResolve Durations
	// Levels are the service levels of the configuration: claimed within
	// the claim reminder (Levels[0]), within the escalation (Levels[1]).
	Levels [2]Level
	// Ratings are the requesters' ratings of the tickets resolved in the
	// period, given after that resolution up to when the report was
	// built; Asked is how many tickets were resolved.
	Ratings Ratings
	// OpenAtEnd is how many tickets were open or claimed when the period
	// ended. Of the open (unclaimed) ones, AtRisk had waited longer than
	// the claim reminder (the team was reminded) and Breached longer
	// than the escalation (the coordinators were told), in business time
	// since they were last opened.
	OpenAtEnd, AtRisk, Breached int
}

// Level is one service level: how many tickets had the outcome decided in
// the period, and whether they were claimed within Limit of business
// time. A ticket's outcome is decided when it is claimed, or when the
// limit passes unclaimed; a ticket its requester closed before the limit
// and before any claim has none.
type Level struct {
	Limit           time.Duration // 0 when universities of an "all" report differ
	Within, Outside int
}

// Share is the share of decided tickets claimed within the limit.
func (l Level) Share() Share { return Share{l.Within, l.Within + l.Outside} }

func (h *Helpdesk) add(o *Helpdesk) {
	h.Opened += o.Opened
	for k, v := range o.Categories {
		if h.Categories == nil {
			h.Categories = map[string]int{}
		}
		h.Categories[k] += v
	}
	h.Claimed += o.Claimed
	h.Resolved += o.Resolved
	h.Reopened += o.Reopened
	h.Solved += o.Solved
	h.ToClaim.merge(&o.ToClaim)
	h.ToReply.merge(&o.ToReply)
	h.ToResolve.merge(&o.ToResolve)
	for i := range h.Levels {
		h.Levels[i].Within += o.Levels[i].Within
		h.Levels[i].Outside += o.Levels[i].Outside
	}
	h.Ratings.add(o.Ratings)
	h.OpenAtEnd += o.OpenAtEnd
	h.AtRisk += o.AtRisk
	h.Breached += o.Breached
}

func (h *Helpdesk) finish() {
	h.ToClaim.finish()
	h.ToReply.finish()
	h.ToResolve.finish()
}

// Risks of an open ticket at the end of the period.
const (
	RiskAtRisk   = "at_risk"
	RiskBreached = "breached"
)

// TicketRow is one ticket the period touched (opened, worked, resolved,
// reopened in it, or still open at its end), for drill-down.
type TicketRow struct {
	ID, University, Category string
	RequesterRole            string
	// State is the ticket's state at the end of the period.
	State aulabot.TicketState
	// Opened, Claimed, Replied and Resolved are when it was opened and
	// first claimed, replied to and resolved (zero: not by the end of
	// the period), in the university's zone.
	Opened, Claimed, Replied, Resolved time.Time
	// ToClaim, ToReply and ToResolve are those in business time; -1:
	// not reached.
	ToClaim, ToReply, ToResolve time.Duration
	Reopened                    int
	// Rating is the requester's rating after its last resolution in the
	// period (0: none).
	Rating int
	// Owner is the team member who owns it now, when the reader may see
	// names (see Service.Build); else "".
	Owner string
	Risk  string // RiskAtRisk, RiskBreached or ""
}

// limits are a university's service levels: the claim reminder and the
// escalation.
func limits(u *aulabot.University) [2]time.Duration {
	return [2]time.Duration{time.Duration(u.Service.ClaimReminder), time.Duration(u.Service.Escalate)}
}

// levelLimits are the service levels the universities share; 0 where
// they differ.
func levelLimits(unis []*aulabot.University) [2]time.Duration {
	out := limits(unis[0])
	for _, u := range unis[1:] {
		for i, l := range limits(u) {
			if l != out[i] {
				out[i] = 0
			}
		}
	}
	return out
}

// tickets reads the tickets of p's university that the period may
// concern: those created before its end that changed since its start or
// are still open (one whose last change came before the start and that is
// closed now was closed before the start: nothing of it is in the period,
// nor open at its end).
func (p *period) tickets(src Source) error {
	levels := limits(p.uni)
	return src.TicketsTouched(p.uni.ID, p.start, p.cut, func(t aulabot.Ticket) error {
		return p.ticket(src, t, levels)
	})
}

// ticket counts one ticket's events of the period.
func (p *period) ticket(src Source, t aulabot.Ticket, levels [2]time.Duration) error {
	h := &p.fig.Helpdesk
	svc, loc := p.uni.Service, p.loc
	in := func(at time.Time) bool { return !at.IsZero() && !at.Before(p.start) && at.Before(p.cut) }
	biz := func(at time.Time) time.Duration {
		if at.IsZero() {
			return -1
		}
		return svc.BusinessBetween(t.Created, at, loc)
	}

	// Replay the audit trail up to the end of the period.
	var claim, resolve, closedUnclaimed time.Time
	lastResolveIn := -1
	state, openSince := aulabot.TicketOpen, t.Created
	reopened, touched := 0, in(t.Created)
	var claimedIn, resolvedIn, reopenedIn bool
	for i, a := range t.Audit {
		if !a.At.Before(p.cut) {
			break
		}
		now := in(a.At)
		touched = touched || now
		// The requester's "That solved it" is no claim: a ticket nobody
		// claimed that its requester resolved so counts as one they closed.
		bySolved := a.To == aulabot.TicketResolved && a.Note == aulabot.NoteSolved
		if a.From == aulabot.TicketOpen && (a.To == aulabot.TicketClaimed || a.To == aulabot.TicketResolved) && !bySolved {
			if claim.IsZero() {
				claim = a.At
			}
			claimedIn = claimedIn || now
		}
		if (a.To == aulabot.TicketClosed || bySolved) && claim.IsZero() && closedUnclaimed.IsZero() {
			closedUnclaimed = a.At
		}
		if a.To == aulabot.TicketResolved {
			if resolve.IsZero() {
				resolve = a.At
			}
			if now {
				resolvedIn, lastResolveIn = true, i
			}
		}
		if bySolved && now {
			h.Solved++
		}
		if a.To == aulabot.TicketOpen && a.Note == "reopen" {
			reopened++
			reopenedIn = reopenedIn || now
		}
		if a.To == aulabot.TicketOpen {
			openSince = a.At
		}
		state = a.To
	}
	reply, ok, err := src.FirstTeamReply(t.ID)
	if err != nil {
		return fmt.Errorf("report: ticket %s: %w", t.ID, err)
	}
	if !ok || !reply.Before(p.cut) {
		reply = time.Time{}
	}
	touched = touched || in(reply)

	if in(t.Created) {
		h.Opened++
		if h.Categories == nil {
			h.Categories = map[string]int{}
		}
		h.Categories[t.Category]++
	}
	if claimedIn {
		h.Claimed++
	}
	if resolvedIn {
		h.Resolved++
	}
	if reopenedIn {
		h.Reopened++
	}
	if in(claim) {
		h.ToClaim.add(biz(claim))
	}
	if in(reply) {
		h.ToReply.add(biz(reply))
	}
	if in(resolve) {
		h.ToResolve.add(biz(resolve))
	}
	for i, limit := range levels {
		deadline := svc.AddBusiness(t.Created, limit, loc)
		switch {
		case !claim.IsZero() && !claim.After(deadline):
			if in(claim) {
				h.Levels[i].Within++
			}
		case !closedUnclaimed.IsZero() && closedUnclaimed.Before(deadline):
			// closed by the requester before the limit: no outcome
		case in(deadline):
			h.Levels[i].Outside++
		}
	}
	rating := 0
	if resolvedIn {
		h.Ratings.Asked++
		rating = ratingAfter(t, lastResolveIn, p.now)
		h.Ratings.rate(rating)
	}
	risk := ""
	if state == aulabot.TicketOpen || state == aulabot.TicketClaimed {
		h.OpenAtEnd++
		touched = true
	}
	if state == aulabot.TicketOpen {
		switch age := svc.BusinessBetween(openSince, p.cut, loc); {
		case age >= levels[1]:
			h.Breached++
			risk = RiskBreached
		case age >= levels[0]:
			h.AtRisk++
			risk = RiskAtRisk
		}
	}
	if in(t.Created) {
		p.person(t.Requester, &p.fig.People.reported)
	}
	if !p.detail || !touched {
		return nil
	}
	if w := p.week(t.Created); w >= 0 {
		p.weeks[w].Tickets[stateIndex(state)]++
	}
	if w := p.week(resolve); w >= 0 && in(resolve) {
		p.weeks[w].Resolution.add(biz(resolve))
	}
	row := TicketRow{ID: t.ID, University: t.University, Category: t.Category, RequesterRole: t.RequesterRole, State: state,
		Opened: t.Created.In(loc), Claimed: local(claim, loc), Replied: local(reply, loc), Resolved: local(resolve, loc),
		ToClaim: biz(claim), ToReply: biz(reply), ToResolve: biz(resolve), Reopened: reopened, Rating: rating, Risk: risk}
	if p.teamNames {
		row.Owner = t.OwnerName
	}
	p.rows.Tickets = append(p.rows.Tickets, row)
	return nil
}

// ratingAfter is the rating the requester gave t after the audit entry
// at index resolved (a resolution) and before now; 0 if none. Ratings are
// read from the audit trail ("rated N"), which a reopen does not erase.
func ratingAfter(t aulabot.Ticket, resolved int, now time.Time) int {
	for _, a := range t.Audit[resolved+1:] {
		if !a.At.Before(now) || a.To == aulabot.TicketOpen {
			return 0 // not yet, or reopened before being rated
		}
		var n int
		if _, err := fmt.Sscanf(a.Note, "rated %d", &n); err == nil && n >= 1 && n <= 5 {
			return n
		}
	}
	return 0
}

// TicketStates are the states the weekly chart stacks, in order.
var TicketStates = []aulabot.TicketState{aulabot.TicketOpen, aulabot.TicketClaimed, aulabot.TicketResolved, aulabot.TicketClosed}

func stateIndex(s aulabot.TicketState) int {
	for i, x := range TicketStates {
		if x == s {
			return i
		}
	}
	return 0
}

func local(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}
