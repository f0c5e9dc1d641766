package handlers

// MentorRemindersAhead gives every session ahead that has no mentor's
// reminder one (Mentoring.RemindersAhead: sessions published before the
// reminder existed), university by university, each in a transaction of
// its own. The bot runs it once at start, before it polls; it returns
// how many sessions it gave a reminder.
func (h *Handlers) MentorRemindersAhead(u Updater) (int, error) {
	total := 0
	for _, uni := range h.Config.Universities {
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
