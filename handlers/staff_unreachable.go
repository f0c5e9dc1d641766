package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// unreachableMark is the update marker of the notice that staff member i
// (their place among Config.StaffIDs) cannot be written to, on day (days since
// 1970 in the configuration's zone): applied once a day, negative like
// the other markers and past forbiddenMark's.
func unreachableMark(i int, day int64) int64 { return -(1<<61 + day<<16 + int64(i)) }

// StaffUnreachable tells the coordinators of the universities a member of
// staff works for, and the bot's admins (each in their language, but the
// member), that the bot cannot write to them: Telegram answered 403 in
// their private chat (they never opened a chat with the bot, or blocked
// it), so what the bot sends them (the bookings of a mentor's sessions, a
// ticket passed to a technician, an escalation) does not reach them. At
// most once a day per member; nothing for anyone the configuration does
// not name. A mentor named in the configuration who had never pressed
// Start missed every booking of their sessions, and nobody was told.
func (h *Handlers) StaffUnreachable(ctx context.Context, chat int64) error {
	roles := h.Config.Roles(chat)
	i := slices.Index(h.Config.StaffIDs(), chat)
	if !roles.Staff() || i < 0 {
		return nil
	}
	var tell []int64
	for _, id := range slices.Concat(roles.Mentor, roles.Tech, roles.Coordinator) {
		if u, ok := h.Config.University(id); ok {
			tell = append(tell, u.Coordinators...)
		}
	}
	tell = append(tell, h.Config.Admins...)
	slices.Sort(tell)
	tell = slices.DeleteFunc(slices.Compact(tell), func(p int64) bool { return p == chat })
	day := h.dayNumber("")
	return h.onceADay(ctx, unreachableMark(i, day), func(tx Tx) error {
		member, _, err := tx.User(chat)
		if err != nil {
			return err
		}
		name, err := h.seenAs(tx, member, chat)
		if err != nil {
			return err
		}
		for _, p := range tell {
			err := h.tellPersonIn(tx, p, fmt.Sprintf("unreached:%d:%d:%d", chat, day, p), func(lang string) string {
				who := h.cat.T(lang, "staff.unreachable_id", "id", chat)
				if name != "" {
					who = h.cat.T(lang, "staff.unreachable_named", "name", name, "id", chat)
				}
				return h.cat.T(lang, "staff.unreachable", "who", who, "roles", i18n.HTML(h.rolesText(lang, roles, member)), "bot", h.botHandle(lang))
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// errFound ends a walk that found what it looked for.
var errFound = errors.New("found")

// seenAs is the name of member of staff id as the bot knows them: their
// record's (member), or, for one who never pressed Start, the name their
// sessions of the last and next 90 days carry, or the tickets they hold
// or resolved: a mentor who published with /newslot, a technician who
// claimed in the team group. Until 7 December the notice that the bot
// cannot write to them named "the person with id 4001" then.
func (h *Handlers) seenAs(tx Tx, member aulabot.User, id int64) (string, error) {
	if name := aulabot.CleanText(member.Name); name != "" {
		return name, nil
	}
	now := h.Now()
	slots, err := tx.MentorSlots(id, now.AddDate(0, 0, -90), now.AddDate(0, 0, 90))
	if err != nil {
		return "", err
	}
	for _, s := range slices.Backward(slots) {
		if name := aulabot.CleanText(s.MentorName); name != "" {
			return name, nil
		}
	}
	var name string
	err = tx.TicketsWorkedBy(id, func(t aulabot.Ticket) error {
		if t.Owner == id && aulabot.CleanText(t.OwnerName) != "" {
			name = aulabot.CleanText(t.OwnerName)
			return errFound
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return "", err
	}
	return name, nil
}
