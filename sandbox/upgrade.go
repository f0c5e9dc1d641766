package sandbox

import "encoding/json"

// Upgrade turns group old into a supergroup, as Telegram does when a
// group's history is made visible to new members or it grows past 200
// members, and returns the supergroup's new chat id. The members and the
// title move; the messages stay behind (the new chat's message ids start
// again). The bot, if it is in the group, gets both service messages: in
// the old chat "migrate_to_chat_id", in the new one "migrate_from_chat_id".
// From then on every call naming the old chat is answered 400 "group chat
// was upgraded to a supergroup chat" with parameters.migrate_to_chat_id.
func (s *Server) Upgrade(from, old int64) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	oc := s.groupLocked(old)
	new := old - 1000000000000
	for s.chats[new] != nil {
		new--
	}
	nc := s.groupLocked(new)
	nc.title, nc.members, nc.left = oc.title, append([]int64(nil), oc.members...), oc.left
	s.serviceMessageLocked(oc, from, "migrate_to_chat_id", new)
	s.serviceMessageLocked(nc, from, "migrate_from_chat_id", old)
	oc.migratedTo = new
	s.eventLocked(Event{Kind: "people", Chat: new})
	return new
}

// serviceMessageLocked adds a service message to c carrying field, and
// gives the bot its update unless it left the chat.
func (s *Server) serviceMessageLocked(c *chat, from int64, field string, value int64) {
	p := s.addMessageLocked(c, Message{From: from, Text: "⬆️ supergroup"})
	if c.left {
		return
	}
	b, _ := json.Marshal(s.apiMessageLocked(c, p, false))
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	delete(m, "text")
	delete(m, "entities")
	m[field] = value
	id := s.enqueueLocked("message", m)
	s.recordLocked(nil, Record{Kind: RecUpdate, UpdateID: id, Chat: c.id, From: from, MessageID: p.ID})
}
