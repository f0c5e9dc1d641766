package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
)

// Finding ids from Telegram itself: a configuration names groups and
// people by their Telegram ids, which Telegram's apps do not show. The bot
// tells them: /id in a private chat gives a person theirs, and a group the
// bot is added to gets its id and the line for the configuration (so do
// the admins, privately). In set-up mode (Handlers.Setup: a university has
// no team group yet) that is all the bot does.

// routeSetup registers what works in both modes.
func (h *Handlers) routeSetup(r *router) {
	r.commands["id"] = h.id
}

// setupRoute is the whole bot in set-up mode: ids, and a short
// explanation to anyone who writes to it privately.
func (h *Handlers) setupRoute(c *Ctx) error {
	if h.joined(c.U) {
		return h.tellGroupID(c, true)
	}
	if c.U.Callback != nil {
		return nil // no buttons in set-up mode; the spinner stops
	}
	if cmd, _, ok := h.command(c.U.Text, !inGroup(c.U)); ok && cmd == "id" {
		if inGroup(c.U) {
			return h.tellGroupID(c, false) // asked again: the group only
		}
		return h.id(c)
	}
	if !inGroup(c.U) {
		c.Reply(c.T("setup.only"))
	}
	return nil
}

// joined reports whether u is the service message of the bot joining a
// group: added to it, or in it from its creation.
func (h *Handlers) joined(u aulabot.Update) bool {
	if !inGroup(u) {
		return false
	}
	return u.Created || slices.ContainsFunc(u.Added, func(p aulabot.Person) bool {
		return h.BotUsername != "" && strings.EqualFold(p.Username, h.BotUsername)
	})
}

// id tells a person their Telegram user id, with the configuration's
// keys it goes under.
func (h *Handlers) id(c *Ctx) error {
	c.Reply(c.T("setup.your_id", "id", c.U.From.ID))
	return nil
}

// tellGroupID posts the group's id and the team_chat line in the group
// and, when the bot has just joined it, tells the admins and the person
// who added the bot (if the bot may write to them: an admin, or someone
// who has talked to it) privately.
func (h *Handlers) tellGroupID(c *Ctx, joined bool) error {
	chat := c.U.ChatID
	return c.Commit(func(tx Tx) error {
		c.Send(aulabot.Message{ChatID: chat, Text: h.cat.T(h.Config.Language, "setup.group_id", "id", chat)})
		if !joined {
			return nil
		}
		to := slices.Clone(h.Config.Admins)
		if from := c.U.From.ID; !slices.Contains(to, from) {
			if _, known, err := tx.User(from); err != nil {
				return err
			} else if known {
				to = append(to, from)
			}
		}
		for _, p := range to {
			lang := h.Config.Language
			if p == c.U.From.ID {
				lang = c.Lang
			} else if u, ok, err := tx.User(p); err != nil {
				return err
			} else if ok {
				lang = u.Language(h.Config.Language)
			}
			c.Send(aulabot.Message{ChatID: p, Text: h.cat.T(lang, "setup.group_id_admin", "id", chat, "name", c.User.Name)})
		}
		return tx.Count("setup:group_ids_told", 1)
	})
}
