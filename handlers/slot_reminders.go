package handlers

import "github.com/aulabot/aulabot"

// MentorRemindersAhead gives every session ahead that has no mentor's
// reminder one (Mentoring.RemindersAhead: sessions published before the
// reminder existed), university by university: read first, and a
// transaction of its own only for a university that has such sessions
// (at most once a database: a start with none commits nothing). The bot
// runs it once at start, before it polls; it returns how many sessions
// it gave a reminder.
func (h *Handlers) MentorRemindersAhead(u Updater) (int, error) {
	total := 0
	for _, uni := range h.Config.Universities {
		var missing []aulabot.Slot
		if err := h.Store.View(func(tx Tx) (err error) { missing, err = h.svc.Mentoring.RemindersMissing(tx, uni.ID); return err }); err != nil {
			return total, err
		}
		if len(missing) == 0 {
			continue
		}
		n := 0
		err := h.update(u, func(tx Tx) error {
			var err error
			n, err = h.svc.Mentoring.RemindersAhead(tx, uni.ID)
			return err
		})
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}
