package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/aulabot/aulabot"
)

// ErrPermanent marks a message Telegram refused for good (400, 403):
// retrying would not help.
var ErrPermanent = errors.New("refused by Telegram")

// ErrUnresolved means a message edits or replies to a ref not sent yet.
var ErrUnresolved = errors.New("ref not sent yet")

// Refs resolves message refs to sent Telegram messages.
type Refs interface {
	Ref(ref string) (chat int64, messageID int, ok bool)
}

// Sender is the one way out to Telegram: every message waits for the rate
// limiter, 429 answers are honoured with their retry_after, and errors are
// sorted into retryable (5xx, network) and permanent (4xx).
type Sender struct {
	Client  *Client
	Limiter *Limiter
	Log     *slog.Logger
	Metrics *Metrics
	// Now and Sleep are the clock; tests replace them.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Max429 is how many 429 answers in a row one message may get.
	Max429 int

	warned sync.Map // nice-to-have calls that failed once
}

// NewSender returns a sender on c with Telegram's limits.
func NewSender(c *Client, log *slog.Logger, m *Metrics) *Sender {
	return &Sender{Client: c, Limiter: NewLimiter(), Log: log, Metrics: m, Now: time.Now, Sleep: sleep, Max429: 8}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Send delivers m and returns the Telegram message id (0 for deletions).
// It waits for the rate limits and retry_after; a permanent refusal wraps
// ErrPermanent; anything else may be retried later.
func (s *Sender) Send(ctx context.Context, m aulabot.Message, refs Refs) (int, error) {
	c, err := s.chattable(m, refs)
	if err != nil {
		return 0, err
	}
	for tries := 0; ; tries++ {
		now := s.Now()
		if err := s.Sleep(ctx, s.Limiter.Reserve(m.ChatID, now).Sub(now)); err != nil {
			return 0, err
		}
		id, err := s.do(c)
		if err == nil {
			s.Metrics.sent(method(m))
			return id, nil
		}
		var te *tgbotapi.Error
		if errors.As(err, &te) {
			switch {
			case te.Code == 429 && tries < s.Max429:
				wait := time.Duration(te.RetryAfter) * time.Second
				if wait <= 0 {
					wait = time.Second
				}
				s.Metrics.tooMany()
				s.Log.Warn("telegram 429", "chat", m.ChatID, "retry_after", wait)
				s.Limiter.Penalise(m.ChatID, s.Now().Add(wait))
				if err := s.Sleep(ctx, wait); err != nil {
					return 0, err
				}
				continue
			case te.Code == 400 && isNotModified(te.Message):
				return m.EditMessageID, nil // editing to the same text is done
			case te.Code >= 400 && te.Code < 500 && te.Code != 429:
				s.Metrics.failed("permanent")
				return 0, fmt.Errorf("send to chat %d: %d %s: %w", m.ChatID, te.Code, te.Message, ErrPermanent)
			}
		}
		s.Metrics.failed("retry")
		return 0, fmt.Errorf("send to chat %d: %w", m.ChatID, err)
	}
}

func isNotModified(msg string) bool {
	return strings.Contains(strings.ToLower(msg), "message is not modified")
}

func method(m aulabot.Message) string {
	switch {
	case m.Delete:
		return "deleteMessage"
	case m.EditRef != "" || m.EditMessageID != 0:
		return "editMessageText"
	case m.Copy != nil:
		return "copyMessage"
	case m.File != nil && m.File.Photo:
		return "sendPhoto"
	case m.File != nil:
		return "sendDocument"
	}
	return "sendMessage"
}

// do performs one call and returns the resulting message id.
func (s *Sender) do(c tgbotapi.Chattable) (int, error) {
	switch cc := c.(type) {
	case tgbotapi.DeleteMessageConfig, tgbotapi.EditMessageReplyMarkupConfig:
		_, err := s.Client.send.Request(c)
		return 0, err
	case tgbotapi.CopyMessageConfig:
		id, err := s.Client.send.CopyMessage(cc)
		return id.MessageID, err
	}
	msg, err := s.Client.send.Send(c)
	return msg.MessageID, err
}

// chattable builds the Telegram call for m.
func (s *Sender) chattable(m aulabot.Message, refs Refs) (tgbotapi.Chattable, error) {
	if m.EditRef != "" {
		chat, id, ok := refs.Ref(m.EditRef)
		if !ok {
			return nil, fmt.Errorf("edit %s: %w", m.EditRef, ErrUnresolved)
		}
		m.ChatID, m.EditMessageID = chat, id
	}
	replyTo := m.ReplyTo
	if m.ReplyToRef != "" {
		if _, id, ok := refs.Ref(m.ReplyToRef); ok {
			replyTo = id
		}
	}
	switch {
	case m.Delete:
		return tgbotapi.NewDeleteMessage(m.ChatID, m.EditMessageID), nil
	case m.EditMessageID != 0 && m.Text == "":
		return tgbotapi.NewEditMessageReplyMarkup(m.ChatID, m.EditMessageID, inline(m.Inline)), nil
	case m.EditMessageID != 0:
		e := tgbotapi.NewEditMessageText(m.ChatID, m.EditMessageID, m.Text)
		e.ParseMode = tgbotapi.ModeHTML
		e.DisableWebPagePreview = true
		if len(m.Inline) > 0 {
			kb := inline(m.Inline)
			e.ReplyMarkup = &kb
		}
		return e, nil
	case m.Copy != nil:
		c := tgbotapi.NewCopyMessage(m.ChatID, m.Copy.ChatID, m.Copy.MessageID)
		c.Caption, c.ParseMode, c.ReplyToMessageID = m.Text, tgbotapi.ModeHTML, replyTo
		c.AllowSendingWithoutReply = true
		c.ReplyMarkup = markup(m)
		return c, nil
	case m.File != nil:
		var data tgbotapi.RequestFileData = tgbotapi.FileBytes{Name: m.File.Name, Bytes: m.File.Data}
		if m.File.FileID != "" {
			data = tgbotapi.FileID(m.File.FileID)
		}
		if m.File.Photo {
			p := tgbotapi.NewPhoto(m.ChatID, data)
			p.Caption, p.ParseMode, p.ReplyToMessageID, p.ReplyMarkup = m.Text, tgbotapi.ModeHTML, replyTo, markup(m)
			p.AllowSendingWithoutReply = true
			return p, nil
		}
		d := tgbotapi.NewDocument(m.ChatID, data)
		d.Caption, d.ParseMode, d.ReplyToMessageID, d.ReplyMarkup = m.Text, tgbotapi.ModeHTML, replyTo, markup(m)
		d.AllowSendingWithoutReply = true
		return d, nil
	}
	c := tgbotapi.NewMessage(m.ChatID, m.Text)
	c.ParseMode = tgbotapi.ModeHTML
	c.DisableWebPagePreview = true
	c.ReplyToMessageID = replyTo
	c.AllowSendingWithoutReply = true
	c.ReplyMarkup = markup(m)
	return c, nil
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

// AnswerCallback answers a button press (handlers.Instant); failures are
// logged by the caller.
func (s *Sender) AnswerCallback(ctx context.Context, id, text string, alert bool) error {
	c := tgbotapi.NewCallback(id, text)
	c.ShowAlert = alert
	_, err := s.Client.send.Request(c)
	return err
}

// ChatAction shows "typing…" (handlers.Instant). It is nice to have: a
// failure is logged once and otherwise ignored.
func (s *Sender) ChatAction(ctx context.Context, chat int64, action string) error {
	_, err := s.Client.send.Request(tgbotapi.NewChatAction(chat, action))
	if err != nil {
		s.warnOnce("sendChatAction", err)
	}
	return nil
}

// SetCommands publishes the command list in Spanish and English; nice to
// have, so a failure is logged once.
func (s *Sender) SetCommands(byLang map[string][][2]string) {
	for lang, cmds := range byLang {
		var list []tgbotapi.BotCommand
		for _, c := range cmds {
			list = append(list, tgbotapi.BotCommand{Command: c[0], Description: c[1]})
		}
		cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), lang, list...)
		if _, err := s.Client.send.Request(cfg); err != nil {
			s.warnOnce("setMyCommands", err)
		}
	}
}

func (s *Sender) warnOnce(call string, err error) {
	if _, dup := s.warned.LoadOrStore(call, true); !dup {
		s.Log.Warn("optional call failed; going on without it", "call", call, "err", err)
	}
}

// DeleteWebhook removes a webhook so that polling works (409 otherwise).
func (c *Client) DeleteWebhook() error {
	_, err := c.send.Request(tgbotapi.DeleteWebhookConfig{})
	return err
}

// SetWebhook points Telegram at url with secret as the secret token.
func (c *Client) SetWebhook(url, secret string) error {
	_, err := c.send.MakeRequest("setWebhook", tgbotapi.Params{
		"url": url, "secret_token": secret,
		"allowed_updates": `["message","callback_query"]`, "max_connections": strconv.Itoa(40),
	})
	return err
}
