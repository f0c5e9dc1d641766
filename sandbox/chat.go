package sandbox

import (
	"fmt"
	"slices"
	"sort"
)

// chat is a private chat or a group with its messages.
type chat struct {
	id      int64
	title   string
	members []int64
	msgs    []*Message
	nextID  int
	left    bool // the bot left this group: it gets none of its updates
	// migratedTo is the supergroup this group became (Upgrade).
	migratedTo int64
}

func (c *chat) private() bool { return c.id > 0 }

func (c *chat) find(id int) (int, *Message) {
	for i, m := range c.msgs {
		if m.ID == id {
			return i, m
		}
	}
	return -1, nil
}

// Event is one change of a chat, in order, for live views.
type Event struct {
	Seq     int             `json:"seq"`
	Kind    string          `json:"kind"` // "message", "edit", "delete", "answer"
	Chat    int64           `json:"chat"`
	Message *Message        `json:"message,omitempty"`
	ID      int             `json:"id,omitempty"`
	Answer  *CallbackAnswer `json:"answer,omitempty"`
}

func (s *Server) eventLocked(e Event) {
	e.Seq = s.lastEventLocked() + 1
	s.events = append(s.events, e)
	var gone []Event
	s.events, gone = keepLast(s.events, s.opts.Bounds.Events)
	s.eventBase += len(gone)
	s.notifyLocked()
	if s.watch != nil {
		s.watch(e)
	}
}

// Watch makes f see every event from now on as it happens: a message or
// edit in any chat (the bot's and the people's), a deletion, a press
// answered. f runs under the server's lock, so it sees them in order; it
// must return quickly and must not call the server. A test that follows
// many chats uses it instead of Changed, which wakes every waiter on
// every change. nil stops watching.
func (s *Server) Watch(f func(Event)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.watch = f
}

// lastEventLocked is the sequence number of the latest event (0: none).
func (s *Server) lastEventLocked() int { return s.eventBase + len(s.events) }

// AddUser registers (or updates) a person. The bot may message known users.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addUserLocked(u)
}

func (s *Server) addUserLocked(u User) *User {
	if u.FirstName == "" && u.Username == "" {
		u.FirstName = fmt.Sprintf("User %d", u.ID)
	}
	s.users[u.ID] = &u
	if _, ok := s.chats[u.ID]; !ok {
		s.chats[u.ID] = &chat{id: u.ID}
	}
	s.eventLocked(Event{Kind: "people"})
	return &u
}

func (s *Server) userLocked(id int64) *User {
	if u, ok := s.users[id]; ok {
		return u
	}
	return s.addUserLocked(User{ID: id})
}

// Users lists the known people ordered by id.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []User
	for _, u := range s.users {
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// AddGroup creates (or updates) a group chat; id must be negative.
func (s *Server) AddGroup(id int64, title string, members ...int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.groupLocked(id)
	c.title = title
	defer s.eventLocked(Event{Kind: "people", Chat: id})
	for _, m := range members {
		s.userLocked(m)
		if !slices.Contains(c.members, m) {
			c.members = append(c.members, m)
		}
	}
}

func (s *Server) groupLocked(id int64) *chat {
	c, ok := s.chats[id]
	if !ok {
		c = &chat{id: id, title: fmt.Sprintf("Group %d", -id)}
		s.chats[id] = c
	}
	return c
}

// Group is a group chat as listed by Groups.
type Group struct {
	ID      int64   `json:"id"`
	Title   string  `json:"title"`
	Members []int64 `json:"members"`
}

// Groups lists the groups ordered by id, nearest to zero first.
func (s *Server) Groups() []Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Group
	for _, c := range s.chats {
		if !c.private() {
			out = append(out, Group{ID: c.id, Title: c.title, Members: slices.Clone(c.members)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out
}

// Block makes the user block (or unblock) the bot: sends to them get 403.
func (s *Server) Block(user int64, blocked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[user] = blocked
}

// RemoveBot has a group's admin remove the bot from group chat (or add
// it back): while removed it gets none of the group's updates and sending
// there gets 403, as after leaveChat.
func (s *Server) RemoveBot(chat int64, removed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.chats[chat]; ok && !c.private() {
		c.left = removed
		s.eventLocked(Event{Kind: "people", Chat: chat})
	}
}

// Messages returns the messages of a chat in order, after edits and
// deletions; nil for an unknown chat.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[chatID]
	if !ok {
		return nil
	}
	out := make([]Message, len(c.msgs))
	for i, m := range c.msgs {
		out[i] = *m
	}
	return out
}

// MessagesSince returns the messages of a chat with an id above after, in
// order: what is new since a message one has seen.
func (s *Server) MessagesSince(chatID int64, after int) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[chatID]
	if !ok {
		return nil
	}
	var out []Message
	for i := len(c.msgs) - 1; i >= 0 && c.msgs[i].ID > after; i-- {
		out = append(out, *c.msgs[i])
	}
	slices.Reverse(out)
	return out
}

// Changed returns a channel closed at the next change of any chat, press
// answer or update queue: wait on it, then look again.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// Message returns one message of a chat.
func (s *Server) Message(chatID int64, id int) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.chats[chatID]; ok {
		if _, m := c.find(id); m != nil {
			return *m, true
		}
	}
	return Message{}, false
}

// ReplyKeyboard returns the reply keyboard the bot last showed in a chat,
// nil when none or removed.
func (s *Server) ReplyKeyboard(chatID int64) [][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[chatID]
	if !ok {
		return nil
	}
	for i := len(c.msgs) - 1; i >= 0; i-- {
		m := c.msgs[i]
		if !m.FromBot {
			continue
		}
		if m.RemoveKeyboard {
			return nil
		}
		if m.Keyboard != nil {
			return m.Keyboard
		}
	}
	return nil
}

// addMessageLocked stores m in its chat, giving it an id and date.
func (s *Server) addMessageLocked(c *chat, m Message) *Message {
	c.nextID++
	m.ID = c.nextID
	m.Chat = c.id
	m.Date = s.opts.Now()
	p := &m
	c.msgs = append(c.msgs, p)
	c.msgs, _ = keepLast(c.msgs, s.opts.Bounds.MessagesPerChat)
	cp := m
	s.eventLocked(Event{Kind: "message", Chat: c.id, Message: &cp})
	return p
}
