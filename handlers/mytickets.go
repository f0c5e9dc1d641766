package handlers

import (
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// maxMyTickets is how many tickets /mytickets lists, newest first; older
// ones are counted.
const maxMyTickets = 10

// myTickets lists the sender's tickets, newest first, with the buttons
// that apply: Reply and Close while the team works on it, Reopen for a
// week after it ends.
func (h *Handlers) myTickets(c *Ctx) error {
	var ts []aulabot.Ticket
	var now = h.Now()
	if err := c.view(func(tx Tx) (err error) { ts, err = tx.TicketsOf(c.U.From.ID); now = tx.Now(); return err }); err != nil {
		return err
	}
	if len(ts) == 0 {
		c.Reply(c.T("ticket.mine_empty"))
		return nil
	}
	b := &listBlock{title: c.T("ticket.mine_title")}
	if len(ts) > maxMyTickets {
		ts, b.more = ts[:maxMyTickets], len(ts)-maxMyTickets
	}
	var rows [][]aulabot.Button
	for _, t := range ts {
		b.lines = append(b.lines, c.T("ticket.mine_line", "id", t.ID, "category", c.T("ticket.cat_"+t.Category),
			"state", c.T("ticket.state_"+string(t.State)), "date", t.Created.In(h.Config.Loc(t.University)).Format("2006-01-02")))
		switch {
		case t.Active():
			rows = append(rows, []aulabot.Button{
				{Text: c.T("ticket.button_reply") + " " + t.ID, Data: "tk:r:" + t.ID},
				{Text: c.T("ticket.button_close", "id", t.ID), Data: "tk:x:" + t.ID}})
		case reopenable(t, now):
			rows = append(rows, []aulabot.Button{{Text: c.T("ticket.button_reopen_id", "id", t.ID), Data: "tk:o:" + t.ID}})
		}
	}
	c.ReplyButtons(fitBlocks(c, []*listBlock{b}, "ticket.mine_more", "ticket.mine_empty"), rows)
	return nil
}

// reopenable reports whether the requester may still reopen t.
func reopenable(t aulabot.Ticket, now time.Time) bool {
	since := t.ResolvedAt
	if since.IsZero() {
		since = t.ClosedAt
	}
	return !t.Active() && now.Sub(since) <= aulabot.ReopenWindow
}

// onRequesterAction handles the requester's buttons: Reply (r), Close
// (x), Reopen (o), a rating (s, with 1-5) and Skip the reason (k). Only
// the ticket's requester may press them.
func (h *Handlers) onRequesterAction(c *Ctx, action, id, arg string) error {
	if !c.Private() {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	t, uni, err := h.requesterTicket(c, id)
	if err != nil {
		return err
	}
	by := c.U.From.ID
	switch action {
	case "r":
		if t.State == aulabot.TicketClosed {
			return aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_closed", "id", t.ID)
		}
		c.SetState(aulabot.State{Flow: flowTicketReply}.With("id", t.ID))
		c.Answer(t.ID)
		c.Reply(c.T("ticket.reply_prompt", "id", t.ID))
		return nil
	case "k":
		if c.State.Flow == flowTicketWhy {
			c.ClearState()
		}
		c.Answer(c.T("ticket.rated_short"))
		return nil
	case "s":
		rating, err := strconv.Atoi(arg)
		if err != nil || rating < 1 || rating > 5 || arg != strconv.Itoa(rating) {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		return c.Commit(func(tx Tx) error {
			t, err := tx.RateTicket(t.ID, by, rating)
			if err != nil {
				return err
			}
			if _, err := tx.CancelJobs(closeKey(t.ID)); err != nil {
				return err
			}
			c.Send(h.editPost(t, uni))
			c.Send(h.teamEvent(t, uni, "ticket.team_event_rated", "rating", rating))
			c.SetState(aulabot.State{Flow: flowTicketWhy}.With("id", t.ID))
			c.Answer(c.T("ticket.rated_short"))
			c.ReplyButtons(c.T("ticket.rated", "id", t.ID, "rating", rating),
				[][]aulabot.Button{{{Text: c.T("ticket.button_skip"), Data: "tk:k:" + t.ID}}})
			return nil
		})
	case "x":
		return c.Commit(func(tx Tx) error {
			t, err := tx.CloseTicket(t.ID, by, "")
			if err != nil {
				return err
			}
			if err := cancelTicketJobs(tx, t.ID); err != nil {
				return err
			}
			c.Send(h.editPost(t, uni))
			c.Send(h.teamEvent(t, uni, "ticket.team_event_closed"))
			c.Answer(t.ID)
			c.Reply(c.T("ticket.closed_by_user", "id", t.ID))
			return nil
		})
	case "o":
		return c.Commit(func(tx Tx) error {
			t, err := tx.ReopenTicket(t.ID, by)
			if err != nil {
				return err
			}
			if err := cancelTicketJobs(tx, t.ID); err != nil {
				return err
			}
			if err := h.scheduleSLA(tx, t, uni); err != nil {
				return err
			}
			c.Send(h.editPost(t, uni))
			c.Send(h.teamEvent(t, uni, "ticket.team_event_reopened"))
			c.Answer(t.ID)
			c.Reply(c.T("ticket.reopened_user", "id", t.ID))
			return nil
		})
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// onRatingNote keeps the requester's optional reason for a rating.
func (h *Handlers) onRatingNote(c *Ctx) error {
	if hd, ok := h.menuTapped(c); ok {
		return hd(c)
	}
	t, uni, err := h.requesterTicket(c, c.State.Get("id"))
	if err != nil {
		c.ClearState()
		return err
	}
	note := strings.TrimSpace(c.U.Text)
	return c.Commit(func(tx Tx) error {
		t, err := tx.NoteRating(t.ID, c.U.From.ID, note)
		if err != nil {
			return err
		}
		ev := h.teamEvent(t, uni, "ticket.team_event_note", "note", t.RatingNote)
		ev.Ref = noteRef(t.ID)
		c.Send(ev)
		c.ClearState()
		c.Reply(c.T("ticket.note_saved"))
		return nil
	})
}
