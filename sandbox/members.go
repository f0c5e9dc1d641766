package sandbox

import "encoding/json"

// AddBot makes user from add the bot to group chatID (created if new, the
// user a member): the group shows the service message and the bot gets
// it as a "message" update with new_chat_members naming the bot, as from
// Telegram. A group the bot had left gets its updates again.
func (s *Server) AddBot(from, chatID int64) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.userChatLocked(from, chatID)
	c.left = false
	p := s.addMessageLocked(c, Message{From: from, Text: s.bot.Name() + " ➕"})
	b, _ := json.Marshal(s.apiMessageLocked(c, p, false))
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	delete(m, "text")
	delete(m, "entities")
	m["new_chat_members"] = []any{s.apiUserLocked(s.bot.ID)}
	id := s.enqueueLocked("message", m)
	s.recordLocked(nil, Record{Kind: RecUpdate, UpdateID: id, Chat: c.id, From: from, MessageID: p.ID})
	s.eventLocked(Event{Kind: "people", Chat: c.id})
	return *p
}
