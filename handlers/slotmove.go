package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// onSlotMoveText moves a slot to the typed "YYYY-MM-DD HH:MM" (in the
// slot's university zone). Everyone booked gets the new time with an
// updated .ics (same UID, next SEQUENCE) and their reminders move; people
// waiting are told.
func (h *Handlers) onSlotMoveText(c *Ctx) error {
	id, err := strconv.ParseUint(c.State.Get("slot"), 10, 64)
	if err != nil {
		c.ClearState()
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	f := strings.Fields(c.U.Text)
	if len(f) != 2 {
		return aulabot.Errorf(aulabot.EINVALID, "slot.err_move_usage")
	}
	y, m, d, err := aulabot.ParseDate(f[0])
	if err != nil {
		return err
	}
	clock, err := aulabot.ParseClock(f[1])
	if err != nil {
		return err
	}
	var uni string
	if err := c.view(func(tx Tx) error {
		s, _, err := tx.Slot(id)
		uni = s.University
		return err
	}); err != nil {
		return err
	}
	start, err := aulabot.LocalTime(y, m, d, clock, h.Config.Loc(uni))
	if err != nil {
		return err
	}
	c.ClearState()
	return c.Commit(func(tx Tx) error {
		s, live, err := tx.MoveSlot(id, c.U.From.ID, start)
		if err != nil {
			return err
		}
		if _, err := tx.CancelOutbox(fmt.Sprintf("slot:s%d:", id)); err != nil {
			return err
		}
		if err := h.scheduleAttendancePrompt(tx, c.Lang, s); err != nil {
			return err
		}
		for _, b := range live {
			if b.User == 0 {
				continue // the person deleted their data
			}
			u, ok, err := tx.User(b.User)
			if err != nil {
				return err
			}
			if !ok {
				u = aulabot.User{ID: b.User}
			}
			if b.Status == aulabot.BookingActive {
				if err := h.confirmed(tx, u, b, s, "booking.moved"); err != nil {
					return err
				}
				continue
			}
			lang := u.Language(h.Config.Language)
			if _, err := tx.Enqueue(aulabot.Message{ChatID: b.User, Text: h.cat.T(lang, "booking.moved_waiting", "slot", i18n.HTML(h.slotLine(lang, s)))}); err != nil {
				return err
			}
		}
		c.Reply(c.T("slot.moved", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "n", len(live)))
		return nil
	})
}
