package bot

import (
	"context"
	"errors"
	"html"
	"regexp"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// delivery is what became of one message: a store.Delivery when Telegram
// took it, or why not.
type delivery struct {
	store.Delivery
	// err is a *SendError (or the context's error): nothing is settled.
	err error
	// drop says why the message is not wanted any more (an edit of a
	// message that is gone); nothing was sent.
	drop string
	// wait: the edited ref is not sent yet, but an earlier message will
	// create it.
	wait bool
	// textSent: a Leave's text went out before leaveChat failed.
	textSent bool
}

// booking is the rate-limit slot the outbox took for a message's first
// call; the other calls wait for theirs.
type booking struct {
	slot Slot
	chat int64
	used bool
}

// deliver makes the calls that deliver m and reports what became of it.
func (s *Sender) deliver(ctx context.Context, m aulabot.Message, refs Refs, b *booking) delivery {
	if !isEdit(m) {
		m.ChatID = s.follow(m.ChatID)
	}
	d := delivery{Delivery: store.Delivery{ID: m.ID, Chat: m.ChatID, Key: m.Key, Ref: m.Ref}}
	switch {
	case m.Leave:
		s.leave(ctx, m, refs, b, &d)
	case isEdit(m):
		s.edit(ctx, m, refs, b, &d)
	default:
		d.MessageID, d.err = s.once(ctx, b, m.ChatID, newMessage(m, refs), &d)
		if unparsable(d.err) && m.Text != "" {
			// Words a person typed that reached the text unescaped ("<3",
			// "<dudas>") make Telegram refuse the whole message: it goes
			// as plain text instead, the tags Telegram knows taken out,
			// rather than being lost.
			s.Log.Warn("Telegram could not read the message's HTML; sent as plain text", "outbox", m.ID, "chat", m.ChatID, "err", d.err)
			d.MessageID, d.err = s.once(ctx, b, m.ChatID, newMessageIn(plainText(m), refs, ""), &d)
		}
	}
	return d
}

// unparsable reports whether err is Telegram refusing a message's HTML.
func unparsable(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.kind == refused && strings.Contains(strings.ToLower(se.Description), "can't parse entities")
}

// knownTags are the tags of Telegram's HTML, which plainText takes out.
var knownTags = regexp.MustCompile(`(?i)</?(b|strong|i|em|u|ins|s|strike|del|a|code|pre|tg-spoiler|tg-emoji|span|blockquote)(\s[^<>]*)?>`)

// plainText is m with its text as plain text: Telegram's tags taken out
// and its entities read, anything else kept as written.
func plainText(m aulabot.Message) aulabot.Message {
	m.Text = html.UnescapeString(knownTags.ReplaceAllString(m.Text, ""))
	return m
}

// once waits for chat's turn (unless b booked it), makes the call, tells
// the limiter when it ended and logs the send.
func (s *Sender) once(ctx context.Context, b *booking, chat int64, c tgbotapi.Chattable, d *delivery) (int, error) {
	var slot Slot
	if b != nil && !b.used && b.chat == chat {
		b.used, slot = true, b.slot
	} else {
		var err error
		if slot, err = s.wait(ctx, chat); err != nil {
			return 0, err
		}
	}
	id, err := s.call(chat, c)
	end := s.Now()
	s.Limiter.Done(slot, end)
	if err == nil {
		d.Sends = append(d.Sends, store.SentRecord{Chat: chat, At: end})
	}
	return id, err
}

// wait waits until the limits let a message go to chat, and books it.
func (s *Sender) wait(ctx context.Context, chat int64) (Slot, error) {
	for {
		now := s.Now()
		slot, ok, at := s.Limiter.Book(chat, now)
		if ok {
			return slot, nil
		}
		if err := s.Sleep(ctx, at.Sub(now)); err != nil {
			return Slot{}, err
		}
	}
}

// leave sends m's text, if any, then leaves the chat. A 403 means the bot
// is not there any more: done.
func (s *Sender) leave(ctx context.Context, m aulabot.Message, refs Refs, b *booking, d *delivery) {
	if m.Text != "" {
		text := m
		text.Leave = false
		if _, d.err = s.once(ctx, b, m.ChatID, newMessage(text, refs), d); d.err != nil {
			return
		}
		d.textSent = true
	}
	_, err := s.call(m.ChatID, tgbotapi.LeaveChatConfig{ChatID: m.ChatID})
	if se := (*SendError)(nil); errors.As(err, &se) && (se.kind == forbidden || se.kind == blocked) {
		err = nil
	}
	d.err = err
}

// edit edits (or deletes) every message the edit names: a ref's primary
// and its copies. Those Telegram no longer has are reported gone; with
// none left, or a ref that was never sent, a text edit is sent as a new
// message and the ref points to it, and any other edit is dropped.
func (s *Sender) edit(ctx context.Context, m aulabot.Message, refs Refs, b *booking, d *delivery) {
	var locs []store.MessageLoc
	if m.EditRef == "" {
		locs = append(locs, store.MessageLoc{ChatID: m.ChatID, MessageID: m.EditMessageID})
	} else {
		if chat, id, ok := refs.Ref(m.EditRef); ok {
			locs = append(locs, store.MessageLoc{ChatID: chat, MessageID: id})
		}
		locs = append(locs, refs.RefCopies(m.EditRef)...)
		if len(locs) == 0 {
			if id, ok := refs.PendingRef(m.EditRef); ok && id < m.ID {
				d.wait = true
				return
			}
			s.fresh(ctx, m, refs, b, d, "the message it edits was never sent")
			return
		}
	}
	d.MessageID = 0
	for _, l := range locs {
		if s.moved(l.ChatID) {
			d.Gone = append(d.Gone, l) // sent in the group before it became a supergroup
			continue
		}
		_, err := s.once(ctx, b, l.ChatID, editCall(m, l), d)
		var se *SendError
		switch {
		case err == nil:
			if d.MessageID == 0 {
				d.Chat, d.MessageID = l.ChatID, l.MessageID
			}
		case errors.As(err, &se) && se.kind == gone:
			d.Gone = append(d.Gone, l)
		default:
			d.err = err
			return
		}
	}
	if d.MessageID == 0 {
		d.Chat = locs[0].ChatID
		s.fresh(ctx, m, refs, b, d, "the message it edits is gone")
	}
}

// fresh sends a text edit as a new message to d.Chat, or drops any other
// edit, for the reason why.
func (s *Sender) fresh(ctx context.Context, m aulabot.Message, refs Refs, b *booking, d *delivery, why string) {
	if m.Delete || m.EditCaption || m.Text == "" {
		d.drop = why
		return
	}
	d.Chat = s.follow(d.Chat)
	msg := aulabot.Message{ChatID: d.Chat, Text: m.Text, Inline: m.Inline}
	if d.MessageID, d.err = s.once(ctx, b, d.Chat, newMessage(msg, refs), d); d.err == nil {
		d.Repoint = m.EditRef
	}
}

// editCall builds the call that edits (or deletes) message l for m.
func editCall(m aulabot.Message, l store.MessageLoc) tgbotapi.Chattable {
	var kb *tgbotapi.InlineKeyboardMarkup
	if len(m.Inline) > 0 {
		k := inline(m.Inline)
		kb = &k
	}
	switch {
	case m.Delete:
		return tgbotapi.NewDeleteMessage(l.ChatID, l.MessageID)
	case m.EditCaption:
		e := tgbotapi.NewEditMessageCaption(l.ChatID, l.MessageID, m.Text)
		e.ParseMode, e.ReplyMarkup = tgbotapi.ModeHTML, kb
		return e
	case m.Text == "":
		return tgbotapi.NewEditMessageReplyMarkup(l.ChatID, l.MessageID, inline(m.Inline))
	}
	e := tgbotapi.NewEditMessageText(l.ChatID, l.MessageID, m.Text)
	e.ParseMode, e.DisableWebPagePreview, e.ReplyMarkup = tgbotapi.ModeHTML, true, kb
	return e
}

// newMessage builds the call that sends m as a new message.
func newMessage(m aulabot.Message, refs Refs) tgbotapi.Chattable {
	return newMessageIn(m, refs, tgbotapi.ModeHTML)
}

// newMessageIn is newMessage with its text in parse mode ("": plain).
func newMessageIn(m aulabot.Message, refs Refs, mode string) tgbotapi.Chattable {
	replyTo := m.ReplyTo
	if m.ReplyToRef != "" {
		if _, id, ok := refs.Ref(m.ReplyToRef); ok {
			replyTo = id
		}
	}
	switch {
	case m.Copy != nil:
		c := tgbotapi.NewCopyMessage(m.ChatID, m.Copy.ChatID, m.Copy.MessageID)
		c.Caption, c.ParseMode, c.ReplyToMessageID = m.Text, mode, replyTo
		c.AllowSendingWithoutReply = true
		c.ReplyMarkup = markup(m)
		return c
	case m.File != nil:
		var data tgbotapi.RequestFileData = tgbotapi.FileBytes{Name: m.File.Name, Bytes: m.File.Data}
		if m.File.FileID != "" {
			data = tgbotapi.FileID(m.File.FileID)
		}
		if m.File.Photo {
			p := tgbotapi.NewPhoto(m.ChatID, data)
			p.Caption, p.ParseMode, p.ReplyToMessageID, p.ReplyMarkup = m.Text, mode, replyTo, markup(m)
			p.AllowSendingWithoutReply = true
			return p
		}
		d := tgbotapi.NewDocument(m.ChatID, data)
		d.Caption, d.ParseMode, d.ReplyToMessageID, d.ReplyMarkup = m.Text, mode, replyTo, markup(m)
		d.AllowSendingWithoutReply = true
		return d
	}
	c := tgbotapi.NewMessage(m.ChatID, m.Text)
	c.ParseMode = mode
	c.DisableWebPagePreview = true
	c.ReplyToMessageID = replyTo
	c.AllowSendingWithoutReply = true
	c.ReplyMarkup = markup(m)
	return c
}

func markup(m aulabot.Message) any {
	switch {
	case len(m.Inline) > 0:
		return inline(m.Inline)
	case len(m.Keyboard) > 0:
		rows := make([][]tgbotapi.KeyboardButton, len(m.Keyboard))
		for i, r := range m.Keyboard {
			for _, t := range r {
				rows[i] = append(rows[i], tgbotapi.NewKeyboardButton(t))
			}
		}
		kb := tgbotapi.NewReplyKeyboard(rows...)
		kb.ResizeKeyboard = true
		return kb
	case m.RemoveKeyboard:
		return tgbotapi.NewRemoveKeyboard(false)
	}
	return nil
}

func inline(rows [][]aulabot.Button) tgbotapi.InlineKeyboardMarkup {
	out := make([][]tgbotapi.InlineKeyboardButton, 0, len(rows))
	for _, r := range rows {
		var row []tgbotapi.InlineKeyboardButton
		for _, b := range r {
			if b.URL != "" {
				row = append(row, tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
			} else {
				row = append(row, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
			}
		}
		out = append(out, row)
	}
	return tgbotapi.InlineKeyboardMarkup{InlineKeyboard: out}
}
