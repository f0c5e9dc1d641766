package service

import (
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// OwnSessions is what a mentor gave in a period (/mystats): the sessions
// not cancelled that started in it before now (Held, of them Personal and
// Group) and those of it still to come (Coming); of the seats taken in
// those held, Attended and NoShow as the mentor marked them and Unmarked;
// and the ratings of the attended (Stars their sum, Rated how many).
type OwnSessions struct {
	Held, Personal, Group, Coming      int
	Booked, Attended, NoShow, Unmarked int
	Stars, Rated                       int
}

// OwnSessions reads mentor's sessions starting in [from, to), as of the
// transaction's now (those after it are Coming): the mentor's slots by
// time, and the bookings of each (its cost is the mentor's own sessions
// in the period).
func (s *Mentoring) OwnSessions(tx MentoringTx, mentor int64, from, to time.Time) (OwnSessions, error) {
	var o OwnSessions
	slots, err := tx.MentorSlots(mentor, from, to)
	if err != nil {
		return o, err
	}
	now := tx.Now()
	for _, sl := range slots {
		if sl.Cancelled || sl.Start.Before(from) || !sl.Start.Before(to) {
			continue
		}
		if !sl.Start.Before(now) {
			o.Coming++
			continue
		}
		o.Held++
		if sl.Kind == aulabot.SlotGroup {
			o.Group++
		} else {
			o.Personal++
		}
		bs, err := tx.SlotBookings(sl.ID)
		if err != nil {
			return o, err
		}
		for _, b := range bs {
			if b.Status != aulabot.BookingActive {
				continue
			}
			o.Booked++
			switch b.Attendance {
			case aulabot.Attended:
				o.Attended++
				if b.Rating > 0 {
					o.Stars += b.Rating
					o.Rated++
				}
			case aulabot.NoShow:
				o.NoShow++
			default:
				o.Unmarked++
			}
		}
	}
	return o, nil
}

// OwnTickets is what a member of a technical team did in a period
// (/mystats): the tickets they claimed and resolved in it (each counted
// once, however often they claimed or resolved it then), the ratings their
// requesters gave the tickets they resolved (Stars their sum, Rated how
// many), and the active tickets they hold now.
type OwnTickets struct {
	Claimed, Resolved, Holding int
	Stars, Rated               int
}

// OwnTickets reads the tickets member worked, of the universities in says
// yes to, for what they did in [from, to): its cost is the member's own
// tickets, not the university's.
func (s *Helpdesk) OwnTickets(tx HelpdeskTx, member int64, in func(university string) bool, from, to time.Time) (OwnTickets, error) {
	var o OwnTickets
	err := tx.TicketsWorkedBy(member, func(t aulabot.Ticket) error {
		if !in(t.University) {
			return nil
		}
		if t.Active() && t.Owner == member {
			o.Holding++
		}
		claimed, resolved := false, false
		for _, a := range t.Audit {
			if a.By != member || a.At.Before(from) || !a.At.Before(to) {
				continue
			}
			switch {
			case a.To == aulabot.TicketClaimed && a.Note != aulabot.NotePassed:
				claimed = true
			case a.To == aulabot.TicketResolved && a.Note != aulabot.NoteSolved:
				resolved = true
			}
		}
		if claimed {
			o.Claimed++
		}
		if resolved {
			o.Resolved++
			if t.Rating > 0 {
				o.Stars += t.Rating
				o.Rated++
			}
		}
		return nil
	})
	return o, err
}

// Lines are o's lines in lang: the sessions (and those to come, if
// any), their seats and, when any was rated, the mean rating.
func (o OwnSessions) Lines(cat *i18n.Catalog, lang string) []string {
	held := cat.T(lang, "own.sessions", "held", o.Held, "personal", o.Personal, "group", o.Group)
	if o.Coming > 0 {
		held += cat.T(lang, "own.coming", "coming", o.Coming)
	}
	out := []string{held,
		cat.T(lang, "own.seats", "booked", o.Booked, "attended", o.Attended, "noshow", o.NoShow, "unmarked", o.Unmarked),
	}
	if o.Rated > 0 {
		out = append(out, cat.N(lang, "own.rated", o.Rated, "mean", meanOf(lang, o.Stars, o.Rated)))
	}
	return out
}

// Lines are o's lines in lang: the tickets and, when any of those
// resolved was rated, the mean rating.
func (o OwnTickets) Lines(cat *i18n.Catalog, lang string) []string {
	out := []string{cat.T(lang, "own.tickets", "claimed", o.Claimed, "resolved", o.Resolved, "holding", o.Holding)}
	if o.Rated > 0 {
		out = append(out, cat.N(lang, "own.rated", o.Rated, "mean", meanOf(lang, o.Stars, o.Rated)))
	}
	return out
}

// meanOf is sum/n with one decimal at most, as lang writes it ("4,5").
func meanOf(lang string, sum, n int) string {
	return inLang(lang, strings.TrimSuffix(strconv.FormatFloat(float64(sum)/float64(n), 'f', 1, 64), ".0"))
}
