package handlers

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// forbiddenMark is the update marker of the notice that university i's
// team group refused the bot on day (days since 1970 in the university's
// zone), so that each day's notice is applied once: negative like the
// jobs' markers and the surveys' steps, and past both (their magnitudes
// stay below 1<<53).
func forbiddenMark(i int, day int64) int64 { return -(1<<60 + day<<16 + int64(i)) }

// GroupForbidden tells the university whose team group chat is, in
// private, that the bot can no longer write there (Telegram answered
// 403: it was removed from the group or lost the right to send): its
// technical team, its coordinators and the bot's admins, each in their
// language, at most once a day. New tickets do not reach the group until
// the bot is back; the team sees them with /queue in private. The outbox
// calls it for every message such a group refuses; a chat that is no
// team group is nobody's to tell.
func (h *Handlers) GroupForbidden(ctx context.Context, chat int64) error {
	u, ok := h.Config.TeamOf(chat)
	if !ok {
		return nil
	}
	i := slices.IndexFunc(h.Config.Universities, func(v aulabot.University) bool { return v.ID == u.ID })
	day := h.dayNumber(u.ID)
	people := slices.Concat(u.Tech, u.Coordinators, h.Config.Admins)
	slices.Sort(people)
	people = slices.Compact(people)
	return h.onceADay(ctx, forbiddenMark(i, day), func(tx Tx) error {
		for _, p := range people {
			if err := h.tellPerson(tx, p, fmt.Sprintf("forbidden:%s:%d:%d", u.ID, day, p), "ticket.group_forbidden", "university", u.Name); err != nil {
				return err
			}
		}
		return nil
	})
}

// dayNumber is today's number (days since 1970) in university uni's zone
// (the configuration's for ""): a notice told once a day is marked with
// it.
func (h *Handlers) dayNumber(uni string) int64 {
	y, m, d := h.Now().In(h.Config.Loc(uni)).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / (24 * 60 * 60)
}

// onceADay applies fn under the update marker mark (a notice's, of the
// day): a second notice the same day, already applied, is no error.
func (h *Handlers) onceADay(ctx context.Context, mark int64, fn func(tx Tx) error) error {
	err := h.apply(ctx, mark, 0, fn)
	if err != nil && h.Store.IsDuplicate(err) {
		return nil // told today
	}
	return err
}

// botHandle is how to name the bot for a person to open its chat in
// lang: "@username", or words when the username is not known.
func (h *Handlers) botHandle(lang string) string {
	if h.BotUsername != "" {
		return "@" + h.BotUsername
	}
	return h.cat.T(lang, "staff.unreachable_bot")
}
