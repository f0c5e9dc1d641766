package handlers

import (
	"time"

	"github.com/aulabot/aulabot"
)

// goodbyeAgain is how long the bot stays silent in a group it left
// before saying goodbye again: updates that were on their way when it
// left get no answer, a group that adds it again a day later does.
const goodbyeAgain = 24 * time.Hour

// leaveGroup answers an update from a group that is not a configured team
// group: once, in the configuration's language, the bot says it works
// only in private chats (with a link to itself) and leaves the group.
// The store remembers the group, so many updates arriving before the bot
// has left still get one goodbye.
func (h *Handlers) leaveGroup(c *Ctx) error {
	return c.Commit(func(tx Tx) error {
		first, err := tx.LeaveGroup(c.U.ChatID, goodbyeAgain)
		if err != nil || !first {
			return err
		}
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Leave: true,
			Text: h.cat.T(h.Config.Language, "group.not_here", "link", h.deepLink())})
		return tx.Count("groups:left", 1)
	})
}

// deepLink opens a private chat with the bot, or "" if its name is not
// known.
func (h *Handlers) deepLink() string {
	if h.BotUsername == "" {
		return ""
	}
	return "https://t.me/" + h.BotUsername + "?start"
}

// privateOnly refuses what is done in a private chat, with a link to it.
func (h *Handlers) privateOnly() error {
	if l := h.deepLink(); l != "" {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "group.private_only", "link", l)
	}
	return aulabot.Errorf(aulabot.EFORBIDDEN, "error.private_only")
}
