package handlers

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// bookedTold is a mentor's words to one person booked with them, named
// ("dile a Rosa que traiga su sílabo", "escríbele a Rosa que la sesión
// empieza 10 minutos tarde", "tell Emma that the link changed"): the
// words after "que" or "that" held for that person's booking and shown
// to confirm, with the session (holdNote), as ↩️ Answer's would be. They
// got "I don't know", kept for the coordination's /gaps, or the
// mentor's list (seen in the sandbox). Of a person's several bookings,
// the one whose day the words name, or else the next; nil for anyone
// but a mentor in private, for words that name nobody booked with them,
// or two people.
func (h *Handlers) bookedTold(c *Ctx) Handler {
	kb := c.kb()
	if kb == nil || c.U.File != nil || !c.Private() || len(c.Roles.Mentor) == 0 || c.U.Text == "" {
		return nil
	}
	head, body, ok := toldSplit(c.U.Text)
	if !ok || kb.BookingAsk(head) != "tell" {
		return nil
	}
	now := h.Now()
	var panels []service.Panel
	if err := c.view(func(tx Tx) (err error) {
		panels, err = h.svc.Mentoring.Agenda(tx, c.U.From.ID, now.Add(-service.SlotFollowUp), now.Add(90*24*time.Hour))
		return err
	}); err != nil {
		return nil
	}
	type seat struct {
		user int64
		slot aulabot.Slot
	}
	names, seats := map[int64]string{}, map[int64]seat{} // by booking id
	for _, pn := range panels {
		if !service.Writable(pn.Slot, now) {
			continue
		}
		for _, b := range pn.People {
			if b.Status == aulabot.BookingActive && b.Name != "" {
				names[int64(b.ID)], seats[int64(b.ID)] = b.Name, seat{b.User, pn.Slot}
			}
		}
	}
	ids, _ := namedMentors(strings.Fields(aulabot.TypedWords(head)), names, mentorUni(c))
	if len(ids) == 0 || slices.ContainsFunc(ids, func(id int64) bool { return seats[id].user != seats[ids[0]].user }) {
		return nil // nobody booked named, or two people
	}
	// Of the person's bookings, the one whose day the words name, or the
	// next to come, or the last gone.
	choices := make([]choice, len(ids))
	for i, id := range ids {
		choices[i] = choice{Button: aulabot.Button{Data: strconv.FormatInt(id, 10)}, at: seats[id].slot.Start}
	}
	slices.SortFunc(choices, func(a, b choice) int { return a.at.Compare(b.at) })
	pick := choices[len(choices)-1]
	if named := c.namedAt(c.U.Text, choices); len(named) == 1 {
		pick = named[0]
	} else if i := slices.IndexFunc(choices, func(ch choice) bool { return ch.at.After(now) }); i >= 0 {
		pick = choices[i]
	}
	id, _ := strconv.ParseInt(pick.Data, 10, 64)
	return func(c *Ctx) error {
		c.U.Text, c.said, c.saidAbout = body, body, h.when(c.Lang, seats[id].slot)
		return h.holdNote(c, uint64(id), true)
	}
}
