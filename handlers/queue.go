package handlers

import (
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// mayWork reports whether the sender may act on university's tickets: its
// technical team and its coordinators (admins coordinate all).
func mayWork(c *Ctx, university string) bool {
	return c.Roles.IsTech(university) || c.Roles.IsCoordinator(university)
}

// teamTicket loads ticket id for a team action by the sender. A ticket the
// sender may not work on is "not found", so nothing leaks between
// universities; only in the ticket's own team group is a non-member told
// that the team does this. The team works on a ticket in its own team
// group or privately: from any other group the action is refused
// (ticket.err_wrong_group), so nothing about it is posted there.
func (h *Handlers) teamTicket(c *Ctx, id string) (aulabot.Ticket, *aulabot.University, error) {
	var t aulabot.Ticket
	var ok bool
	if err := c.view(func(tx Tx) (err error) { t, ok, err = tx.Ticket(id); return err }); err != nil {
		return t, nil, err
	}
	uni, known := h.Config.University(t.University)
	if !ok || !known {
		return t, nil, aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", clip(id))
	}
	if !mayWork(c, t.University) {
		if c.U.ChatID == uni.TeamChat {
			return t, nil, aulabot.Errorf(aulabot.EFORBIDDEN, "ticket.err_only_team", "university", uni.Name)
		}
		return t, nil, aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", clip(id))
	}
	if !c.Private() && c.U.ChatID != uni.TeamChat {
		return t, nil, aulabot.Errorf(aulabot.EFORBIDDEN, "ticket.err_wrong_group", "id", t.ID, "university", uni.Name)
	}
	return t, uni, nil
}

// clip shortens an id a user typed before it is echoed.
func clip(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// onTeamAction handles Claim (c), Unclaim (u) and Resolve (v). The press
// may come from a copy of the post the bot does not know (the post was
// sent twice across a crash): the copy is remembered with the post's ref
// and brought up to date with every other copy in the same commit, even
// when the action itself is refused (the presser is told why).
func (h *Handlers) onTeamAction(c *Ctx, action, id string) error {
	_, uni, err := h.teamTicket(c, id)
	if err != nil {
		return err
	}
	by, name := c.U.From.ID, c.U.From.Name()
	var refused error
	err = c.Commit(func(tx Tx) error {
		refused = nil
		copied, err := h.learnPostCopy(tx, c, id, uni)
		if err != nil {
			return err
		}
		var t aulabot.Ticket
		switch action {
		case "c":
			t, err = tx.ClaimTicket(id, by, name)
		case "u":
			t, err = tx.UnclaimTicket(id, by, c.Roles.IsCoordinator(uni.ID))
		default:
			t, err = tx.ResolveTicket(id, by, name)
		}
		if copied && err != nil && aulabot.ErrorCode(err) != aulabot.EINTERNAL {
			refused = err
			t, _, err = tx.Ticket(id)
			if err == nil {
				c.Send(h.editPost(t, uni))
			}
			return err
		}
		if err != nil {
			return err
		}
		c.Send(h.editPost(t, uni))
		switch action {
		case "c":
			if _, err := tx.CancelJobs(slaPrefix(t.ID)); err != nil {
				return err
			}
			h.toRequester(c, t, "ticket.user_claimed")
			h.teamAnswer(c, c.T("ticket.claimed_answer", "id", t.ID))
		case "u":
			if err := h.scheduleSLA(tx, t, uni); err != nil {
				return err
			}
			h.teamAnswer(c, c.T("ticket.unclaimed_answer", "id", t.ID))
		default:
			if err := h.resolved(tx, c, t); err != nil {
				return err
			}
			h.teamAnswer(c, c.T("ticket.resolved_answer", "id", t.ID))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return refused
}

// learnPostCopy remembers the pressed message as a copy of ticket id's
// post when it is a message in the ticket's team group that the bot knows
// by no ref: a post Telegram took but whose id the bot never stored. It
// reports whether it did.
func (h *Handlers) learnPostCopy(tx Tx, c *Ctx, id string, uni *aulabot.University) (bool, error) {
	if c.U.Callback == nil || c.U.Callback.MessageID == 0 || c.U.ChatID != uni.TeamChat {
		return false, nil
	}
	if _, known := tx.MessageRef(c.U.ChatID, c.U.Callback.MessageID); known {
		return false, nil
	}
	return true, tx.AddRefCopy(ticketRef(id), c.U.ChatID, c.U.Callback.MessageID)
}

// teamAnswer answers a button press, or replies to a command.
func (h *Handlers) teamAnswer(c *Ctx, text string) {
	if c.U.Callback != nil {
		c.Answer(text)
		return
	}
	c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: text, ReplyTo: c.U.MessageID})
}

// toRequester queues catalogue text key for the ticket's requester, in
// their language; nothing if they deleted their data.
func (h *Handlers) toRequester(c *Ctx, t aulabot.Ticket, key string, args ...any) {
	if t.Requester == 0 {
		return
	}
	c.Send(aulabot.Message{ChatID: t.Requester, Text: h.cat.T(t.Lang, key, append([]any{"id", t.ID}, args...)...)})
}

// resolved asks the requester to confirm and rate, and schedules the
// automatic close.
func (h *Handlers) resolved(tx Tx, c *Ctx, t aulabot.Ticket) error {
	if _, err := tx.CancelJobs(slaPrefix(t.ID)); err != nil {
		return err
	}
	msg, job := h.TicketRatingRequest(t, tx.Now())
	if err := tx.Schedule(job); err != nil {
		return err
	}
	if t.Requester != 0 {
		c.Send(msg)
	}
	return nil
}

// resolveCommand is /resolve ID.
func (h *Handlers) resolveCommand(c *Ctx) error {
	id, _, _ := strings.Cut(c.U.Text, " ")
	if _, _, ok := aulabot.ParseTicketID(id); !ok {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.resolve_usage")
	}
	return h.onTeamAction(c, "v", strings.ToUpper(strings.TrimPrefix(id, "#")))
}

// maxQueueLines is how many tickets /queue lists per university; the
// whole reply is then cut to fit one Telegram message, the rest counted
// in "… and N more".
const maxQueueLines = 25

// queue lists the open and claimed tickets of the group's university, or
// privately of every university the sender works for, oldest first.
func (h *Handlers) queue(c *Ctx) error {
	var unis []*aulabot.University
	if !c.Private() {
		uni, ok := h.Config.TeamOf(c.U.ChatID)
		if !ok {
			return nil // not a team group: stay silent
		}
		if !mayWork(c, uni.ID) {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "ticket.err_only_team", "university", uni.Name)
		}
		unis = append(unis, uni)
	} else {
		for i := range h.Config.Universities {
			if u := &h.Config.Universities[i]; mayWork(c, u.ID) {
				unis = append(unis, u)
			}
		}
	}
	var blocks []*listBlock
	err := c.view(func(tx Tx) error {
		for _, uni := range unis {
			ts, total, err := tx.ActiveTickets(uni.ID, maxQueueLines)
			if err != nil {
				return err
			}
			b := &listBlock{title: c.T("ticket.queue_title", "university", uni.Name), more: total - len(ts)}
			for _, t := range ts {
				status := c.T("ticket.queue_open")
				if t.State == aulabot.TicketClaimed {
					status = c.T("ticket.queue_claimed", "name", shortName(aulabot.CleanText(t.OwnerName)))
				}
				b.lines = append(b.lines, c.T("ticket.queue_line", "id", t.ID, "category", c.T("ticket.cat_"+t.Category),
					"age", age(c, tx.Now().Sub(t.Created)), "status", i18n.HTML(status)))
			}
			blocks = append(blocks, b)
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.Reply(fitBlocks(c, blocks, "ticket.queue_more", "ticket.queue_empty"))
	return nil
}

// age renders a duration as minutes, hours or days.
func age(c *Ctx, d time.Duration) string {
	switch {
	case d < time.Hour:
		return c.T("ticket.age_min", "n", int(d.Minutes()))
	case d < 48*time.Hour:
		return c.T("ticket.age_hours", "n", int(d.Hours()))
	}
	return c.T("ticket.age_days", "n", int(d.Hours()/24))
}
