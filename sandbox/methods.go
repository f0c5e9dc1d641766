package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
)

type methodFunc func(s *Server, ctx context.Context, p params) (any, *apiError)

// methods are the Bot API methods the emulator answers, by lower-case name.
var methods = map[string]methodFunc{
	"getme":                  (*Server).getMe,
	"getupdates":             (*Server).getUpdates,
	"sendmessage":            (*Server).sendMessage,
	"editmessagetext":        (*Server).editMessageText,
	"editmessagecaption":     (*Server).editMessageText,
	"editmessagereplymarkup": (*Server).editMessageReplyMarkup,
	"answercallbackquery":    (*Server).answerCallbackQuery,
	"deletemessage":          (*Server).deleteMessage,
	"copymessage":            (*Server).copyMessage,
	"forwardmessage":         (*Server).forwardMessage,
	"sendchataction":         (*Server).sendChatAction,
	"setmycommands":          (*Server).setMyCommands,
	"getmycommands":          (*Server).getMyCommands,
	"deletemycommands":       (*Server).deleteMyCommands,
	"leavechat":              (*Server).leaveChat,
	"senddocument":           (*Server).sendDocument,
	"sendphoto":              (*Server).sendPhoto,
	"getfile":                (*Server).getFile,
	"setwebhook":             (*Server).setWebhook,
	"deletewebhook":          (*Server).deleteWebhook,
	"getwebhookinfo":         (*Server).getWebhookInfo,
	"setmydescription":       (*Server).setMyDescription,
	"getmydescription":       (*Server).getMyDescription,
	"setmyshortdescription":  (*Server).setMyShortDescription,
	"getmyshortdescription":  (*Server).getMyShortDescription,
}

func (s *Server) getMe(context.Context, params) (any, *apiError) {
	return map[string]any{
		"id": s.bot.ID, "is_bot": true, "first_name": s.bot.FirstName, "username": s.bot.Username,
		"can_join_groups": true, "can_read_all_group_messages": true, "supports_inline_queries": false,
	}, nil
}

func (s *Server) sendMessage(ctx context.Context, p params) (any, *apiError) {
	b := parseBotMessage(p, "text", maxText, false)
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, err := s.newBotMessageLocked(p, b)
	if err != nil {
		return nil, err
	}
	if err := s.allowSendLocked(c); err != nil {
		return nil, err
	}
	return s.apiMessageLocked(c, s.sentLocked(ctx, c, m), true), nil
}

// sentLocked stores a message the bot sent and records it.
func (s *Server) sentLocked(ctx context.Context, c *chat, m Message) *Message {
	p := s.addMessageLocked(c, m)
	s.recordMessageLocked(ctx, RecSend, p)
	return p
}

// editTargetLocked finds the bot message an edit method names.
func (s *Server) editTargetLocked(p params) (*chat, int, *apiError) {
	if p.str("inline_message_id") != "" {
		return nil, 0, badRequest("MESSAGE_ID_INVALID")
	}
	c, i, m, err := s.messageLocked(p, "chat_id", "edit")
	if err != nil {
		return nil, 0, err
	}
	if !m.FromBot {
		return nil, 0, badRequest("message can't be edited")
	}
	return c, i, nil
}

// replaceLocked swaps in an edited copy so values handed out stay intact.
func (s *Server) replaceLocked(ctx context.Context, c *chat, i int, m Message) *Message {
	m.Edited++
	p := &m
	c.msgs[i] = p
	cp := m
	s.eventLocked(Event{Kind: "edit", Chat: c.id, Message: &cp, ID: m.ID})
	s.recordMessageLocked(ctx, RecEdit, p)
	return p
}

// editMessageText serves editMessageText and editMessageCaption. Without
// reply_markup the inline keyboard is removed, as in Telegram.
func (s *Server) editMessageText(ctx context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, i, err := s.editTargetLocked(p)
	if err != nil {
		return nil, err
	}
	old := c.msgs[i]
	m := *old
	_, isCaption := p.v["caption"]
	if isCaption != (old.File != nil) {
		if old.File != nil {
			return nil, badRequest("there is no text in the message to edit")
		}
		return nil, badRequest("there is no caption in the message to edit")
	}
	if isCaption {
		err = formatText(&m, p.str("caption"), p.str("parse_mode"), maxCaption, true)
	} else {
		err = formatText(&m, p.str("text"), p.str("parse_mode"), maxText, false)
	}
	if err != nil {
		return nil, err
	}
	return s.finishEditLocked(ctx, c, i, m, p)
}

func (s *Server) editMessageReplyMarkup(ctx context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, i, err := s.editTargetLocked(p)
	if err != nil {
		return nil, err
	}
	return s.finishEditLocked(ctx, c, i, *c.msgs[i], p)
}

func (s *Server) answerCallbackQuery(ctx context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.answers[p.str("callback_query_id")]
	if !ok || a.Answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	a.Answered, a.Text, a.ShowAlert, a.URL = true, p.str("text"), p.bool("show_alert"), p.str("url")
	cp := *a
	s.eventLocked(Event{Kind: "answer", Chat: a.Chat, ID: a.MessageID, Answer: &cp})
	s.recordLocked(ctx, Record{Kind: RecAnswer, Chat: a.Chat, MessageID: a.MessageID, Callback: a.ID, Data: a.Data, Text: a.Text, Alert: a.ShowAlert})
	return true, nil
}

func (s *Server) deleteMessage(ctx context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, i, m, err := s.messageLocked(p, "chat_id", "delete")
	if err != nil {
		return nil, err
	}
	c.msgs = slices.Delete(c.msgs, i, i+1)
	s.eventLocked(Event{Kind: "delete", Chat: c.id, ID: m.ID})
	s.recordMessageLocked(ctx, RecDelete, m)
	return true, nil
}

// sourceLocked finds the message copyMessage or forwardMessage names.
func (s *Server) sourceLocked(p params) (*Message, *apiError) {
	_, _, m, err := s.messageLocked(p, "from_chat_id", "copy")
	return m, err
}

// messageLocked finds the message that message_id names in the chat that
// chatKey names, with Telegram's "message to <verb> not found" when there
// is none.
func (s *Server) messageLocked(p params, chatKey, verb string) (*chat, int, *Message, *apiError) {
	c, err := s.resolveChatLocked(p, chatKey)
	if err != nil {
		return nil, 0, nil, err
	}
	id, err := p.int("message_id")
	if err != nil {
		return nil, 0, nil, err
	}
	i, m := c.find(id)
	if m == nil {
		return nil, 0, nil, badRequest("message to %s not found", verb)
	}
	return c, i, m, nil
}

func (s *Server) copyMessage(ctx context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveChatLocked(p, "chat_id")
	if err != nil {
		return nil, err
	}
	src, err := s.sourceLocked(p)
	if err != nil {
		return nil, err
	}
	m := Message{From: s.bot.ID, FromBot: true, Text: src.Text, HTML: src.HTML, Plain: src.Plain, Entities: src.Entities, File: src.File}
	if _, ok := p.v["caption"]; ok && src.File != nil {
		if err := formatText(&m, p.str("caption"), p.str("parse_mode"), maxCaption, true); err != nil {
			return nil, err
		}
	}
	if m.ReplyTo, err = replyToLocked(c, p); err != nil {
		return nil, err
	}
	if err := parseMarkup(&m, p.str("reply_markup"), false); err != nil {
		return nil, err
	}
	if err := s.allowSendLocked(c); err != nil {
		return nil, err
	}
	return map[string]int{"message_id": s.sentLocked(ctx, c, m).ID}, nil
}

func (s *Server) forwardMessage(ctx context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveChatLocked(p, "chat_id")
	if err != nil {
		return nil, err
	}
	src, err := s.sourceLocked(p)
	if err != nil {
		return nil, err
	}
	if err := s.allowSendLocked(c); err != nil {
		return nil, err
	}
	m := Message{From: s.bot.ID, FromBot: true, Text: src.Text, HTML: src.HTML, Plain: src.Plain, Entities: src.Entities, File: src.File, ForwardFrom: src.From}
	return s.apiMessageLocked(c, s.sentLocked(ctx, c, m), true), nil
}

var chatActions = []string{"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}

func (s *Server) sendChatAction(_ context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.resolveChatLocked(p, "chat_id"); err != nil {
		return nil, err
	}
	if !slices.Contains(chatActions, p.str("action")) {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}

var commandRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func commandsKey(p params) string {
	var scope struct {
		Type   string          `json:"type"`
		ChatID json.RawMessage `json:"chat_id"`
		UserID json.RawMessage `json:"user_id"`
	}
	_ = json.Unmarshal([]byte(p.str("scope")), &scope)
	if scope.Type == "" {
		scope.Type = "default"
	}
	return scope.Type + "|" + string(scope.ChatID) + "|" + string(scope.UserID) + "|" + p.str("language_code")
}

func (s *Server) setMyCommands(_ context.Context, p params) (any, *apiError) {
	var cmds []BotCommand
	if json.Unmarshal([]byte(p.str("commands")), &cmds) != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	for _, c := range cmds {
		if !commandRE.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := len([]rune(c.Description)); n == 0 || n > 256 {
			return nil, badRequest("command description is invalid")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[commandsKey(p)] = cmds
	s.notifyLocked()
	return true, nil
}

func (s *Server) getMyCommands(_ context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.commands[commandsKey(p)]
	if cmds == nil {
		cmds = []BotCommand{}
	}
	return cmds, nil
}

func (s *Server) deleteMyCommands(_ context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, commandsKey(p))
	s.notifyLocked()
	return true, nil
}

// Commands returns the commands set for the default scope and a language
// code ("" for all languages).
func (s *Server) Commands(languageCode string) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands["default|||"+languageCode])
}

// ChatCommands returns the commands set for one chat's scope (a private
// chat or a group) and a language code ("" for all languages).
func (s *Server) ChatCommands(chat int64, languageCode string) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[fmt.Sprintf("chat|%d||%s", chat, languageCode)])
}

// finishEditLocked applies the edit's reply markup to m, refuses an edit
// that changes nothing (as Telegram does), and replaces message i of c.
func (s *Server) finishEditLocked(ctx context.Context, c *chat, i int, m Message, p params) (any, *apiError) {
	if err := parseMarkup(&m, p.str("reply_markup"), true); err != nil {
		return nil, err
	}
	if sameContent(c.msgs[i], &m) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	// Telegram counts an edit against the same limits as a message.
	if err := s.allowSendLocked(c); err != nil {
		return nil, err
	}
	return s.apiMessageLocked(c, s.replaceLocked(ctx, c, i, m), true), nil
}

// botMessage is a message the bot sends as its parameters give it: its
// text and keyboard are read before the server's lock is taken (reading
// them needs nothing of the server's state), and their errors reported
// in Telegram's order once the chat is known.
type botMessage struct {
	m                  Message
	textErr, markupErr *apiError
}

func parseBotMessage(p params, textField string, max int, caption bool) botMessage {
	b := botMessage{m: Message{FromBot: true}}
	b.textErr = formatText(&b.m, p.str(textField), p.str("parse_mode"), max, caption)
	b.markupErr = parseMarkup(&b.m, p.str("reply_markup"), false)
	return b
}

// newBotMessageLocked starts a message the bot sends to the chat named by
// chat_id: b (its text, or caption for media, and reply markup) with its
// reply-to.
func (s *Server) newBotMessageLocked(p params, b botMessage) (*chat, Message, *apiError) {
	m := b.m
	m.From = s.bot.ID
	c, err := s.resolveChatLocked(p, "chat_id")
	if err != nil {
		return nil, m, err
	}
	if b.textErr != nil {
		return nil, m, b.textErr
	}
	if m.ReplyTo, err = replyToLocked(c, p); err != nil {
		return nil, m, err
	}
	if b.markupErr != nil {
		return nil, m, b.markupErr
	}
	return c, m, nil
}

// leaveChat makes the bot leave a group: it gets none of the group's
// updates after that, and sending there is refused.
func (s *Server) leaveChat(ctx context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveChatLocked(p, "chat_id")
	if err != nil {
		return nil, err
	}
	if c.private() {
		return nil, badRequest("chat member status can't be changed in private chats")
	}
	c.left = true
	s.recordLocked(ctx, Record{Kind: RecLeave, Chat: c.id})
	s.eventLocked(Event{Kind: "people", Chat: c.id})
	return true, nil
}

// Left reports whether the bot left the group chat.
func (s *Server) Left(chat int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[chat]
	return ok && c.left
}
