package main

import (
	"log/slog"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// chatMoves follows the team groups Telegram upgraded to supergroups: the
// configuration learns the new chat id (aulabot.Config.Follow), the store
// keeps it across restarts, and the log asks for the configuration to be
// updated.
type chatMoves struct {
	cfg   *aulabot.Config
	store *store.Store
	log   *slog.Logger
}

// followMoves gives cfg the moves stored by earlier runs and returns what
// learns new ones.
func followMoves(cfg *aulabot.Config, st *store.Store, log *slog.Logger) (*chatMoves, error) {
	if cfg.Moves == nil {
		cfg.Moves = aulabot.NewChatMoves()
	}
	moves, err := st.ChatMoves()
	if err != nil {
		return nil, err
	}
	c := &chatMoves{cfg: cfg, store: st, log: log}
	for old, new := range moves {
		if _, news := cfg.Follow(old, new); news {
			c.warn(old, new)
		}
	}
	return c, nil
}

func (c *chatMoves) MovedTo(chat int64) (int64, bool) { return c.cfg.MovedTo(chat) }

func (c *chatMoves) Moved(old, new int64) bool {
	followed, news := c.cfg.Follow(old, new)
	if !news {
		return followed
	}
	if err := c.store.MoveChat(old, new); err != nil {
		c.log.Error("store the move of a team group", "old", old, "new", new, "err", err)
	}
	c.warn(old, new)
	return true
}

func (c *chatMoves) warn(old, new int64) {
	uni, _ := c.cfg.TeamOf(old)
	c.log.Warn("a team group became a supergroup, with a new chat id; the bot follows it: put the new id in the configuration's team_chat",
		"university", uni.ID, "team_chat", old, "new", new)
}
