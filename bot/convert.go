package bot

import (
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/aulabot/aulabot"
)

// allowedUpdates are the kinds of update the bot asks Telegram for, when
// polling and for a webhook: messages, their edits and button presses.
var allowedUpdates = []string{"message", "edited_message", "callback_query"}

// toUpdate reduces a Telegram update to what the handlers use; false for
// kinds the bot ignores (channel posts, ...).
func toUpdate(u tgbotapi.Update) (aulabot.Update, bool) {
	out := aulabot.Update{ID: int64(u.UpdateID)}
	switch {
	case u.Message != nil:
		return fromMessage(out, u.Message)
	case u.EditedMessage != nil:
		out.Edited = true
		return fromMessage(out, u.EditedMessage)
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		if q.From == nil {
			return out, false
		}
		out.From = person(q.From)
		out.Callback = &aulabot.Callback{ID: q.ID, Data: q.Data}
		if q.Message != nil && q.Message.Chat != nil {
			out.ChatID, out.ChatType = q.Message.Chat.ID, q.Message.Chat.Type
			out.Callback.MessageID = q.Message.MessageID
			out.Callback.Inline = inlineButtons(q.Message.ReplyMarkup)
			m := q.Message
			out.Callback.Captioned = m.Text == "" && (m.Caption != "" || m.Document != nil || m.Photo != nil || m.Video != nil || m.Audio != nil || m.Voice != nil || m.Animation != nil)
			out.Callback.HTML = messageHTML(m.Text, m.Entities)
			if m.ReplyToMessage != nil {
				out.Callback.ReplyTo = m.ReplyToMessage.MessageID
			}
		} else {
			out.ChatID, out.ChatType = q.From.ID, aulabot.ChatPrivate
		}
		return out, true
	}
	return out, false
}

// fromMessage fills out from message m (sent, or edited: then Date is when
// it was edited).
func fromMessage(out aulabot.Update, m *tgbotapi.Message) (aulabot.Update, bool) {
	if m.From == nil || m.Chat == nil {
		return out, false
	}
	out.ChatID, out.ChatType = m.Chat.ID, m.Chat.Type
	out.From = person(m.From)
	out.MessageID = m.MessageID
	out.Date = time.Unix(int64(m.Date), 0).UTC()
	if out.Edited && m.EditDate != 0 {
		out.Date = time.Unix(int64(m.EditDate), 0).UTC()
	}
	out.Text = m.Text
	out.HTML = entitiesHTML(m.Text, m.Entities)
	if m.Caption != "" {
		out.Text, out.HTML = m.Caption, entitiesHTML(m.Caption, m.CaptionEntities)
	}
	for i := range m.NewChatMembers {
		out.Added = append(out.Added, person(&m.NewChatMembers[i]))
	}
	out.Created = m.GroupChatCreated || m.SuperGroupChatCreated
	out.Album = m.MediaGroupID
	if r := m.ReplyToMessage; r != nil {
		out.ReplyTo = &aulabot.Replied{MessageID: r.MessageID, Text: r.Text, FromBot: r.From != nil && r.From.IsBot}
	}
	switch {
	case len(m.Photo) > 0:
		p := m.Photo[len(m.Photo)-1] // the largest size
		out.File = &aulabot.File{ID: p.FileID, UniqueID: p.FileUniqueID, Kind: "photo", Size: p.FileSize, MIME: "image/jpeg"}
	case m.Video != nil:
		v := m.Video
		out.File = &aulabot.File{ID: v.FileID, UniqueID: v.FileUniqueID, Kind: aulabot.FileVideo, Name: v.FileName, MIME: v.MimeType, Size: v.FileSize}
	case m.Animation != nil: // Telegram sends it as a document too
		a := m.Animation
		out.File = &aulabot.File{ID: a.FileID, UniqueID: a.FileUniqueID, Kind: aulabot.FileVideo, Name: a.FileName, MIME: a.MimeType, Size: a.FileSize}
	case m.Document != nil:
		d := m.Document
		out.File = &aulabot.File{ID: d.FileID, UniqueID: d.FileUniqueID, Kind: "document", Name: d.FileName, MIME: d.MimeType, Size: d.FileSize}
	case m.Voice != nil:
		out.File = &aulabot.File{ID: m.Voice.FileID, UniqueID: m.Voice.FileUniqueID, Kind: aulabot.FileVoice, MIME: m.Voice.MimeType, Size: m.Voice.FileSize, Seconds: m.Voice.Duration}
	case m.Audio != nil:
		out.File = &aulabot.File{ID: m.Audio.FileID, UniqueID: m.Audio.FileUniqueID, Kind: aulabot.FileVoice, Name: m.Audio.FileName, MIME: m.Audio.MimeType, Size: m.Audio.FileSize, Seconds: m.Audio.Duration}
	case m.VideoNote != nil:
		out.File = &aulabot.File{ID: m.VideoNote.FileID, UniqueID: m.VideoNote.FileUniqueID, Kind: aulabot.FileVoice, MIME: "video/mp4", Size: m.VideoNote.FileSize, Seconds: m.VideoNote.Duration}
	case m.Sticker != nil:
		out.Sticker = true
	}
	return out, true
}

func person(u *tgbotapi.User) aulabot.Person {
	return aulabot.Person{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.UserName, LanguageCode: u.LanguageCode}
}

// chatOf returns the chat an update belongs to, for ordering.
func chatOf(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	case u.EditedMessage != nil && u.EditedMessage.Chat != nil:
		return u.EditedMessage.Chat.ID
	}
	return 0
}

// queueKey names the queue an update waits in: its chat, and in a group
// its sender too.
type queueKey struct{ chat, from int64 }

// queueOf returns the queue an update waits in. A private chat's updates
// share one queue; in a group (a team group) each member has their own,
// so one technician's slow update (an attachment read over the network)
// or flood (staff have ten times a person's input limit) does not hold
// the others'. Each person's updates stay in order either way.
func queueOf(u tgbotapi.Update) queueKey {
	chat := chatOf(u)
	if chat < 0 {
		return queueKey{chat: chat, from: senderOf(u)}
	}
	return queueKey{chat: chat}
}

// senderOf returns the person an update comes from (0 if none), for the
// input limit.
func senderOf(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.From != nil:
		return u.Message.From.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	case u.EditedMessage != nil && u.EditedMessage.From != nil:
		return u.EditedMessage.From.ID
	}
	return 0
}

// inlineButtons are the inline keyboard k as the bot's buttons (nil for
// none): each button's text with its callback data or its link.
func inlineButtons(k *tgbotapi.InlineKeyboardMarkup) [][]aulabot.Button {
	if k == nil {
		return nil
	}
	var rows [][]aulabot.Button
	for _, row := range k.InlineKeyboard {
		var out []aulabot.Button
		for _, b := range row {
			btn := aulabot.Button{Text: b.Text}
			if b.CallbackData != nil {
				btn.Data = *b.CallbackData
			}
			if b.URL != nil {
				btn.URL = *b.URL
			}
			out = append(out, btn)
		}
		rows = append(rows, out)
	}
	return rows
}
