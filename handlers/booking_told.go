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
	seat, ok := h.bookedNamed(c, head, now.Add(-service.SlotFollowUp), now.Add(90*24*time.Hour), func(s aulabot.Slot) bool { return service.Writable(s, now) })
	if !ok {
		return nil
	}
	return func(c *Ctx) error {
		c.U.Text, c.said, c.saidAbout = body, body, h.when(c.Lang, seat.slot)
		return h.holdNote(c, seat.booking, true)
	}
}

// attendanceTold is a mentor's words that one person booked with them
// came or missed a session begun ("Rosa asistió", "marca que Rosa vino",
// "Diego no vino a la sesión de ayer", "mark Emma as absent"; "I don't
// know", kept for /gaps, seen in the sandbox): ✅ came or ❌ missed
// pressed for that booking, the session's panel shown. Of the person's
// sessions, the one whose day the words name, or else the last begun;
// nil for anyone but a mentor in private, other words, nobody named
// booked in a session begun in the last week, or two people.
func (h *Handlers) attendanceTold(c *Ctx) Handler {
	kb := c.kb()
	if kb == nil || c.U.File != nil || !c.Private() || len(c.Roles.Mentor) == 0 || c.U.Text == "" {
		return nil
	}
	told := kb.AttendanceTold(c.U.Text)
	if told == "" {
		return nil
	}
	now := h.Now()
	seat, ok := h.bookedNamed(c, c.U.Text, now.Add(-service.SlotFollowUp), now.Add(time.Minute), func(s aulabot.Slot) bool { return !s.Start.After(now) })
	if !ok {
		return nil
	}
	return func(c *Ctx) error { return h.pressTyped(c, attendanceButton{seat.booking, told == "came"}.Encode()) }
}

// bookedSeat is a booking in one of a mentor's sessions, and the session.
type bookedSeat struct {
	booking uint64
	slot    aulabot.Slot
}

// bookedNamed is the booking of the one person that text names (as
// namedMentors reads a mentor's name) among those holding a seat in the
// mentor's sessions between from and to that keep: of the person's
// several, the one whose day the message names, or else the next to
// come, or else the last begun; false for nobody named, or two people.
func (h *Handlers) bookedNamed(c *Ctx, text string, from, to time.Time, keep func(aulabot.Slot) bool) (bookedSeat, bool) {
	var panels []service.Panel
	if err := c.view(func(tx Tx) (err error) {
		panels, err = h.svc.Mentoring.Agenda(tx, c.U.From.ID, from, to)
		return err
	}); err != nil {
		return bookedSeat{}, false
	}
	names, users, seats := map[int64]string{}, map[int64]int64{}, map[int64]bookedSeat{} // by booking id
	for _, pn := range panels {
		if !keep(pn.Slot) {
			continue
		}
		for _, b := range pn.People {
			if b.Status == aulabot.BookingActive && b.Name != "" {
				id := int64(b.ID)
				names[id], users[id], seats[id] = b.Name, b.User, bookedSeat{b.ID, pn.Slot}
			}
		}
	}
	ids, _ := namedMentors(strings.Fields(aulabot.TypedWords(text)), names, mentorUni(c))
	if len(ids) == 0 || slices.ContainsFunc(ids, func(id int64) bool { return users[id] != users[ids[0]] }) {
		return bookedSeat{}, false // nobody booked named, or two people
	}
	choices := make([]choice, len(ids))
	for i, id := range ids {
		choices[i] = choice{Button: aulabot.Button{Data: strconv.FormatInt(id, 10)}, at: seats[id].slot.Start}
	}
	slices.SortFunc(choices, func(a, b choice) int { return a.at.Compare(b.at) })
	pick := choices[len(choices)-1]
	now := h.Now()
	if named := c.namedAt(c.U.Text, choices); len(named) == 1 {
		pick = named[0]
	} else if i := slices.IndexFunc(choices, func(ch choice) bool { return ch.at.After(now) }); i >= 0 {
		pick = choices[i]
	}
	id, _ := strconv.ParseInt(pick.Data, 10, 64)
	return seats[id], true
}
