package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

const flowRate = "rate" // Data: booking

// markAttendance records, after the start, whether a person came; those
// who came get a 1–5 rating prompt (once). A person who deleted their
// data is marked on the anonymous booking, and nobody is prompted.
func (h *Handlers) markAttendance(c *Ctx, id uint64, came bool) error {
	return c.Commit(func(tx Tx) error {
		b, err := tx.MarkAttendance(id, c.U.From.ID, came)
		if err != nil {
			return err
		}
		name := h.personName(c.Lang, b.Name)
		switch {
		case came:
			c.Answer(c.T("slot.marked_came", "name", name))
		case b.User != 0:
			c.Answer(c.T("slot.marked_missed", "name", name, "n", tx.NoShows(b.User)))
		default:
			c.Answer(c.T("slot.marked_missed_anonymous", "name", name))
		}
		if !came || b.User == 0 {
			return nil
		}
		return h.promptRating(tx, b)
	})
}

// promptRating asks the person of booking b, who came, to rate it.
func (h *Handlers) promptRating(tx Tx, b aulabot.Booking) error {
	s, _, err := tx.Slot(b.Slot)
	if err != nil {
		return err
	}
	u, _, err := tx.User(b.User)
	if err != nil {
		return err
	}
	lang := u.Language(h.Config.Language)
	var row []aulabot.Button
	for i := 1; i <= 5; i++ {
		row = append(row, aulabot.Button{Text: strconv.Itoa(i) + " ⭐", Data: fmt.Sprintf("rt:%d:%d", b.ID, i)})
	}
	_, err = tx.Enqueue(aulabot.Message{Key: fmt.Sprintf("rate:b%d", b.ID), ChatID: b.User,
		Text: h.cat.T(lang, "booking.rate_prompt", "slot", i18n.HTML(h.slotLine(lang, s))), Inline: [][]aulabot.Button{row}})
	return err
}

// onRate records a rating (rt:BOOKING:STARS) and offers to add a comment.
func (h *Handlers) onRate(c *Ctx) error {
	id, err := callbackID(c, 1)
	if err != nil {
		return err
	}
	stars, err := strconv.Atoi(at(strings.Split(c.U.Callback.Data, ":"), 2))
	if err != nil {
		return aulabot.Errorf(aulabot.EINVALID, "booking.err_rating")
	}
	return c.Commit(func(tx Tx) error {
		if _, err := tx.RateBooking(id, c.U.From.ID, stars, ""); err != nil {
			return err
		}
		c.SetState(aulabot.State{Flow: flowRate}.With("booking", strconv.FormatUint(id, 10)).With("stars", strconv.Itoa(stars)))
		c.Answer(c.T("booking.rated_short"))
		c.Reply(c.T("booking.rated", "stars", stars))
		return nil
	})
}

// onRateComment keeps the optional comment of a rating.
func (h *Handlers) onRateComment(c *Ctx) error {
	id, err1 := strconv.ParseUint(c.State.Get("booking"), 10, 64)
	stars, err2 := strconv.Atoi(c.State.Get("stars"))
	c.ClearState()
	if err1 != nil || err2 != nil {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	return c.Commit(func(tx Tx) error {
		if _, err := tx.RateBooking(id, c.U.From.ID, stars, strings.TrimSpace(c.U.Text)); err != nil {
			return err
		}
		c.Reply(c.T("booking.comment_thanks"))
		return nil
	})
}
