package aulabot

import "sync"

// ChatMoves follows the team groups that Telegram upgraded to supergroups
// while the bot was in them. An upgrade gives a group a new chat id (a
// group becomes a supergroup when its history is made visible to new
// members, when it grows past 200 members, and on other settings): until
// the configuration names the new id, the new chat stands for the
// configured one, so the team keeps its tickets and the bot does not take
// the new chat for a group nobody configured. Safe for concurrent use.
type ChatMoves struct {
	mu   sync.RWMutex
	to   map[int64]int64 // old -> new
	from map[int64]int64 // new -> old
}

// NewChatMoves returns an empty set of moves.
func NewChatMoves() *ChatMoves {
	return &ChatMoves{to: map[int64]int64{}, from: map[int64]int64{}}
}

// Follow records that group old is now the supergroup new, if old is a
// configured team group and new is not configured itself. It reports
// whether the move is followed, and whether that is news (not known
// before).
func (c *Config) Follow(old, new int64) (followed, news bool) {
	if c.Moves == nil || old == new || new == 0 {
		return false, false
	}
	if _, ok := c.teamOf(old); !ok {
		return false, false
	}
	if _, ok := c.teamOf(new); ok {
		return false, false
	}
	c.Moves.mu.Lock()
	defer c.Moves.mu.Unlock()
	prev, ok := c.Moves.to[old]
	if ok && prev == new {
		return true, false
	}
	if ok {
		delete(c.Moves.from, prev)
	}
	c.Moves.to[old], c.Moves.from[new] = new, old
	return true, true
}

// MovedTo returns the chat that chat became, if it is a team group that
// moved.
func (c *Config) MovedTo(chat int64) (int64, bool) {
	if c.Moves == nil {
		return 0, false
	}
	c.Moves.mu.RLock()
	defer c.Moves.mu.RUnlock()
	n, ok := c.Moves.to[chat]
	return n, ok
}

// movedFrom returns the configured team chat that chat was, if it is the
// new id of one.
func (c *Config) movedFrom(chat int64) (int64, bool) {
	if c.Moves == nil {
		return 0, false
	}
	c.Moves.mu.RLock()
	defer c.Moves.mu.RUnlock()
	o, ok := c.Moves.from[chat]
	return o, ok
}

// IsTeamChat reports whether chat is u's team group: the configured one,
// or the supergroup it became.
func (c *Config) IsTeamChat(u *University, chat int64) bool {
	if chat == u.TeamChat {
		return true
	}
	old, ok := c.movedFrom(chat)
	return ok && old == u.TeamChat
}
