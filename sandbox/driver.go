package sandbox

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

var botCommandRE = regexp.MustCompile(`(?:^|\s)(/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)`)

// commandEntities marks the /commands in a user's text as Telegram does.
func commandEntities(text string) []Entity {
	var out []Entity
	for _, loc := range botCommandRE.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, Entity{Type: "bot_command", Offset: utf16Len(text[:loc[2]]), Length: utf16Len(text[loc[2]:loc[3]])})
	}
	return out
}

// userChatLocked returns the chat where user from writes, creating the
// user, the chat and the membership as needed.
func (s *Server) userChatLocked(from, chatID int64) *chat {
	s.userLocked(from)
	if chatID > 0 {
		c, ok := s.chats[chatID]
		if !ok {
			c = &chat{id: chatID}
			s.chats[chatID] = c
		}
		return c
	}
	c := s.groupLocked(chatID)
	if !slices.Contains(c.members, from) {
		c.members = append(c.members, from)
	}
	return c
}

// postLocked stores a user's message and queues the update for the bot.
func (s *Server) postLocked(from, chatID int64, m Message) Message {
	c := s.userChatLocked(from, chatID)
	m.From = from
	if m.ReplyTo != 0 {
		if _, r := c.find(m.ReplyTo); r == nil {
			m.ReplyTo = 0
		}
	}
	p := s.addMessageLocked(c, m)
	if c.left {
		return *p // the bot is no longer in the group
	}
	id := s.enqueueLocked("message", s.apiMessageLocked(c, p, true))
	r := Record{Kind: RecUpdate, UpdateID: id, Chat: c.id, From: from, MessageID: p.ID, Text: p.Text, ReplyTo: p.ReplyTo}
	if p.File != nil {
		r.File = p.File.Name
	}
	s.recordLocked(nil, r)
	return *p
}

// SendText makes user from write text in chat (a private chat has the
// user's id). Commands get bot_command entities. The bot receives it as a
// "message" update.
func (s *Server) SendText(from, chat int64, text string) Message {
	return s.SendReply(from, chat, 0, text)
}

// SendReply is SendText replying to message replyTo of the chat.
func (s *Server) SendReply(from, chat int64, replyTo int, text string) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.postLocked(from, chat, Message{Text: text, Plain: text, Entities: commandEntities(text), ReplyTo: replyTo})
}

// Edit makes user from change the text (or a file's caption) of their
// message messageID in chat, as Telegram lets people do for 48 hours: the
// chat shows the new text and the bot receives an "edited_message"
// update. False if the chat has no such message of theirs.
func (s *Server) Edit(from, chat int64, messageID int, text string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.editLocked(from, chat, messageID, func(m *Message) bool {
		m.Text, m.Plain, m.Entities = text, text, commandEntities(text)
		return true
	})
}

// ReplaceFile makes user from replace the file of their message messageID
// in chat with another (name, data; a photo or a document), as Telegram
// lets people do: the caption stays, and the bot receives an
// "edited_message" update. False if the chat has no such message of
// theirs with a file.
func (s *Server) ReplaceFile(from, chat int64, messageID int, name string, data []byte, photo bool) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.editLocked(from, chat, messageID, func(m *Message) bool {
		if m.File == nil {
			return false
		}
		m.File = s.storeFileLocked(name, "", data, photo)
		return true
	})
}

// editLocked changes user from's message messageID in chat with change
// (false: it cannot be changed so) and tells the bot.
func (s *Server) editLocked(from, chat int64, messageID int, change func(*Message) bool) (Message, bool) {
	c := s.userChatLocked(from, chat)
	i, old := c.find(messageID)
	if old == nil || old.FromBot || old.From != from {
		return Message{}, false
	}
	m := *old // a copy, so that values handed out stay intact
	if !change(&m) {
		return Message{}, false
	}
	m.Edited++
	p := &m
	c.msgs[i] = p
	cp := m
	s.eventLocked(Event{Kind: "edit", Chat: c.id, Message: &cp, ID: m.ID})
	if c.left {
		return *p, true
	}
	id := s.enqueueLocked("edited_message", s.apiMessageLocked(c, p, true))
	s.recordLocked(nil, Record{Kind: RecUpdate, UpdateID: id, Chat: c.id, From: from, MessageID: p.ID, Text: p.Text, ReplyTo: p.ReplyTo, Edited: true})
	return *p, true
}

// SendPhoto makes user from send a photo with a caption.
func (s *Server) SendPhoto(from, chat int64, name string, data []byte, caption string) Message {
	return s.sendFile(from, chat, name, data, caption, true)
}

// SendDocument makes user from send a document with a caption.
func (s *Server) SendDocument(from, chat int64, name string, data []byte, caption string) Message {
	return s.sendFile(from, chat, name, data, caption, false)
}

// SendVoice makes user from send a voice note (Ogg Opus, as Telegram's
// apps record them) of seconds.
func (s *Server) SendVoice(from, chat int64, data []byte, seconds int) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.storeFileLocked("voice.oga", "audio/ogg", data, false)
	f.Voice, f.Seconds = true, seconds
	return s.postLocked(from, chat, Message{File: f})
}

// SendAlbum makes user from send photos at once, as an album (Telegram's
// media group) with caption on the first, replying to message replyTo
// (0: none) as every part of an album sent as a reply does. The bot
// receives one "message" update per photo, sharing a media_group_id.
func (s *Server) SendAlbum(from, chat int64, replyTo int, photos [][]byte, caption string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextAlbum++
	album := strconv.Itoa(13000000 + s.nextAlbum) // a number, as Telegram's are
	var out []Message
	for i, data := range photos {
		m := Message{File: s.storeFileLocked(fmt.Sprintf("photo%d.jpg", i+1), "", data, true), Album: album, ReplyTo: replyTo}
		if i == 0 {
			m.Text, m.Plain = caption, caption
		}
		out = append(out, s.postLocked(from, chat, m))
	}
	return out
}

func (s *Server) sendFile(from, chat int64, name string, data []byte, caption string, photo bool) Message {
	return s.sendFileReplying(from, chat, 0, name, data, caption, photo)
}

// sendFileReplying is sendFile as a reply to message replyTo (0: none).
func (s *Server) sendFileReplying(from, chat int64, replyTo int, name string, data []byte, caption string, photo bool) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.storeFileLocked(name, "", data, photo)
	return s.postLocked(from, chat, Message{Text: caption, Plain: caption, File: f, ReplyTo: replyTo})
}

// Press makes user from press an inline button of message messageID with
// callback data (which need not match a real button: forged presses are
// allowed). It returns the callback query id.
func (s *Server) Press(from, chatID int64, messageID int, data string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.userChatLocked(from, chatID)
	s.nextCB++
	id := "cb" + strconv.Itoa(s.nextCB)
	s.answers[id] = &CallbackAnswer{ID: id, From: from, Chat: chatID, MessageID: messageID, Data: data}
	s.answerLs = append(s.answerLs, id)
	var gone []string
	s.answerLs, gone = keepLast(s.answerLs, s.opts.Bounds.Answers)
	for _, old := range gone {
		delete(s.answers, old)
	}
	if c.left {
		return id
	}
	msg := &apiMessage{MessageID: messageID, Chat: s.apiChatLocked(c), Date: s.opts.Now().Unix()}
	if _, m := c.find(messageID); m != nil {
		msg = s.apiMessageLocked(c, m, true)
	}
	upd := s.enqueueLocked("callback_query", apiCallbackQuery{ID: id, From: *s.apiUserLocked(from), Message: msg, ChatInstance: strconv.FormatInt(chatID, 10), Data: data})
	s.recordLocked(nil, Record{Kind: RecUpdate, UpdateID: upd, Chat: chatID, From: from, MessageID: messageID, Data: data, Callback: id})
	return id
}

// CallbackAnswers reports the press callbackID and the bot's answer, if any.
func (s *Server) CallbackAnswers(callbackID string) (CallbackAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.answers[callbackID]
	if !ok {
		return CallbackAnswer{}, false
	}
	return *a, true
}

// Answers lists every press in order with the bot's answers.
func (s *Server) Answers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CallbackAnswer, len(s.answerLs))
	for i, id := range s.answerLs {
		out[i] = *s.answers[id]
	}
	return out
}

// WaitFor blocks until a bot message in chat (already there or yet to
// come, in its current state) satisfies pred, and returns it. pred runs
// without the server's lock. It returns ctx's error when ctx ends first.
func (s *Server) WaitFor(ctx context.Context, chat int64, pred func(Message) bool) (Message, error) {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		for _, m := range s.Messages(chat) {
			if m.FromBot && pred(m) {
				return m, nil
			}
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return Message{}, fmt.Errorf("wait for bot message in chat %d: %w", chat, ctx.Err())
		}
	}
}

// WaitAnswer blocks until the bot answers the press callbackID.
func (s *Server) WaitAnswer(ctx context.Context, callbackID string) (CallbackAnswer, error) {
	for {
		s.mu.Lock()
		ch := s.changed
		a, ok := s.answers[callbackID]
		var got CallbackAnswer
		if ok {
			got = *a
		}
		s.mu.Unlock()
		if got.Answered {
			return got, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return CallbackAnswer{}, fmt.Errorf("wait for answer to %s: %w", callbackID, ctx.Err())
		}
	}
}
