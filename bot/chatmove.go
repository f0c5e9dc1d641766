package bot

import tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

// Moves follows the groups Telegram upgraded to supergroups, which gives
// them a new chat id. Messages owed to the old chat go to the new one;
// messages sent in the old chat cannot be edited in the new one, so an
// edit of one is sent as a new message.
type Moves interface {
	// MovedTo returns the chat that chat became, if the bot follows it.
	MovedTo(chat int64) (int64, bool)
	// Moved records that group old became the supergroup new and
	// reports whether the bot follows it (a configured team group).
	Moved(old, new int64) bool
}

// follow returns the chat that chat became, or chat.
func (s *Sender) follow(chat int64) int64 {
	if s.Moves != nil {
		if n, ok := s.Moves.MovedTo(chat); ok {
			return n
		}
	}
	return chat
}

// moved reports whether chat is a group that became a supergroup.
func (s *Sender) moved(chat int64) bool {
	return s.follow(chat) != chat
}

// noteMove records the move a service message announces: in the old
// group, "migrated to" the new chat; in the new supergroup, "migrated
// from" the old one. Telegram sends both.
func noteMove(moves Moves, u tgbotapi.Update) {
	m := u.Message
	if moves == nil || m == nil || m.Chat == nil {
		return
	}
	switch {
	case m.MigrateToChatID != 0:
		moves.Moved(m.Chat.ID, m.MigrateToChatID)
	case m.MigrateFromChatID != 0:
		moves.Moved(m.MigrateFromChatID, m.Chat.ID)
	}
}
