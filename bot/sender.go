package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// ErrPermanent marks a message Telegram refused for good (400, 403):
// retrying would not help.
var ErrPermanent = errors.New("refused by Telegram")

// ErrUnresolved means a message edits a ref not sent yet.
var ErrUnresolved = errors.New("ref not sent yet")

// Refs resolves message refs to sent Telegram messages.
type Refs interface {
	Ref(ref string) (chat int64, messageID int, ok bool)
	RefCopies(ref string) []store.MessageLoc
	// PendingRef returns the first unsent message that will create ref.
	PendingRef(ref string) (id uint64, ok bool)
}

// Sender is the one way out to Telegram: every message waits for the rate
// limiter, 429 answers are honoured with their retry_after, and every
// answer is sorted into what to do about it (SendError).
type Sender struct {
	Client  *Client
	Limiter *Limiter
	Log     *slog.Logger
	Metrics *Metrics
	// Now and Sleep are the clock of the rate limits; tests replace them.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Max429 is how many 429 answers in a row Send takes for one message.
	Max429 int
	// ActionEvery is how often at most "typing…" goes to one chat.
	ActionEvery time.Duration
	// MaxAnswering bounds the answers to button presses on their way at
	// once (default 32); beyond it AnswerCallback answers in its caller.
	MaxAnswering int
	// Moves follows groups upgraded to supergroups (nil: none).
	Moves Moves

	warned  sync.Map // nice-to-have calls that failed once
	actions actions
}

// NewSender returns a sender on c with Telegram's limits.
func NewSender(c *Client, log *slog.Logger, m *Metrics) *Sender {
	return &Sender{Client: c, Limiter: NewLimiter(), Log: log, Metrics: m, Now: time.Now, Sleep: Sleep, Max429: 8, ActionEvery: 4 * time.Second, MaxAnswering: 32}
}

// Sleep waits d, or until ctx ends (its error): the waits of the poller,
// the sender and the start's tries to reach the Bot API.
func Sleep(ctx context.Context, d time.Duration) error {
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

// Send delivers m now and returns the Telegram message id (0 for
// deletions): it waits for the rate limits and up to Max429 retry_afters.
// Its errors are *SendError (ErrPermanent for refusals) or wrap
// ErrUnresolved. The outbox does not use it: it schedules the waits itself.
func (s *Sender) Send(ctx context.Context, m aulabot.Message, refs Refs) (int, error) {
	for tries := 0; ; tries++ {
		d := s.deliver(ctx, m, refs, nil)
		var se *SendError
		switch {
		case d.wait:
			return 0, fmt.Errorf("edit %s: %w", m.EditRef, ErrUnresolved)
		case d.drop != "":
			return 0, fmt.Errorf("%s: %w", d.drop, ErrPermanent)
		case errors.As(d.err, &se) && se.kind == tooMany && tries < s.Max429:
			if err := s.Sleep(ctx, se.RetryAfter); err != nil {
				return 0, err
			}
			continue
		}
		return d.MessageID, d.err
	}
}

// Method is the Bot API method that delivers m.
func Method(m aulabot.Message) string {
	switch {
	case m.Leave:
		return "leaveChat"
	case m.Delete:
		return "deleteMessage"
	case isEdit(m) && m.EditCaption:
		return "editMessageCaption"
	case isEdit(m) && m.Text == "":
		return "editMessageReplyMarkup"
	case isEdit(m):
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

func isEdit(m aulabot.Message) bool { return m.EditRef != "" || m.EditMessageID != 0 }

// call performs one Bot API call and returns the resulting message id. A
// call to edit that changes nothing is done.
func (s *Sender) call(chat int64, c tgbotapi.Chattable) (int, error) {
	var id int
	var err error
	switch cc := c.(type) {
	case tgbotapi.DeleteMessageConfig, tgbotapi.EditMessageReplyMarkupConfig, tgbotapi.LeaveChatConfig:
		_, err = s.Client.send.Request(c)
	case tgbotapi.CopyMessageConfig:
		var mid tgbotapi.MessageID
		mid, err = s.Client.send.CopyMessage(cc)
		id = mid.MessageID
	default:
		var resp *tgbotapi.APIResponse
		if resp, err = s.Client.sendID.Request(c); err == nil {
			id, err = messageID(resp.Result)
			if err != nil && editsText(c) && bytes.Equal(bytes.TrimSpace(resp.Result), []byte("true")) {
				// Telegram answers true for an inline message's edit, and
				// some servers for every edit: the edit is done, and the
				// caller knows the edited message already.
				id, err = 0, nil
			}
		}
	}
	method := methodOf(c)
	if err == nil {
		s.Metrics.sent(method)
		return id, nil
	}
	se := classify(method, chat, err)
	if se.kind == done {
		return 0, nil
	}
	s.Metrics.failed(se.kind.String())
	if se.kind == tooMany {
		s.Metrics.tooMany()
		s.Limiter.Penalise(chat, s.Now().Add(se.RetryAfter))
		s.Log.Warn("telegram 429", "chat", chat, "retry_after", se.RetryAfter)
	}
	return 0, se
}

// editsText reports whether c edits a message's text or caption.
func editsText(c tgbotapi.Chattable) bool {
	switch c.(type) {
	case tgbotapi.EditMessageTextConfig, tgbotapi.EditMessageCaptionConfig:
		return true
	}
	return false
}

// messageID reads the id of the message a call sent or edited from its
// result. It is what tgbotapi's Send returns, without decoding the whole
// message (text, entities, buttons) only to drop it: that decoding was
// the largest share of the sender's CPU time.
func messageID(result json.RawMessage) (int, error) {
	var m struct {
		MessageID int `json:"message_id"`
	}
	err := json.Unmarshal(result, &m)
	return m.MessageID, err
}

func methodOf(c tgbotapi.Chattable) string {
	switch c.(type) {
	case tgbotapi.LeaveChatConfig:
		return "leaveChat"
	case tgbotapi.DeleteMessageConfig:
		return "deleteMessage"
	case tgbotapi.EditMessageReplyMarkupConfig:
		return "editMessageReplyMarkup"
	case tgbotapi.EditMessageTextConfig:
		return "editMessageText"
	case tgbotapi.EditMessageCaptionConfig:
		return "editMessageCaption"
	case tgbotapi.CopyMessageConfig:
		return "copyMessage"
	case tgbotapi.PhotoConfig:
		return "sendPhoto"
	case tgbotapi.DocumentConfig:
		return "sendDocument"
	}
	return "sendMessage"
}

// AnswerCallback answers a button press (handlers.Instant) without
// holding the handler: the handler calls it once the press has committed,
// and the call to Telegram is made in the background, so the worker and
// the chat's next update do not wait for a round trip to Telegram. With
// MaxAnswering answers on their way it answers in the caller instead, so
// an answer is never dropped (an unanswered press spins on the person's
// phone). A failure in the background is logged here.
func (s *Sender) AnswerCallback(ctx context.Context, id, text string, alert bool) error {
	c := tgbotapi.NewCallback(id, text)
	c.ShowAlert = alert
	a := &s.actions
	a.mu.Lock()
	if a.answering >= max(1, s.MaxAnswering) {
		a.mu.Unlock()
		_, err := s.Client.send.Request(c)
		return err
	}
	a.answering++
	a.wg.Add(1)
	a.mu.Unlock()
	go func() {
		defer a.wg.Done()
		if _, err := s.Client.send.Request(c); err != nil {
			s.Log.Warn("answer callback", "callback", id, "err", err)
		}
		a.mu.Lock()
		a.answering--
		a.mu.Unlock()
	}()
	return nil
}

// SetCommands publishes command menus: each sets (or, with no commands,
// deletes) the list of its chat (0: the default scope) and language. Nice
// to have, so a failure is logged once and the others are still tried;
// it stops when ctx ends.
func (s *Sender) SetCommands(ctx context.Context, menus []aulabot.CommandMenu) {
	for _, m := range menus {
		if ctx.Err() != nil {
			return
		}
		scope := tgbotapi.NewBotCommandScopeDefault()
		if m.Chat != 0 {
			scope = tgbotapi.NewBotCommandScopeChat(m.Chat)
		}
		var cfg tgbotapi.Chattable = tgbotapi.NewDeleteMyCommandsWithScopeAndLanguage(scope, m.Lang)
		if len(m.Commands) > 0 {
			list := make([]tgbotapi.BotCommand, 0, len(m.Commands))
			for _, c := range m.Commands {
				list = append(list, tgbotapi.BotCommand{Command: c.Name, Description: c.Description})
			}
			cfg = tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, m.Lang, list...)
		}
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
		"allowed_updates": `["` + strings.Join(allowedUpdates, `","`) + `"]`, "max_connections": strconv.Itoa(40),
	})
	return err
}

// answerKind is what to do about one of Telegram's answers.
type answerKind int

const (
	retry     answerKind = iota // 5xx, network: capped exponential backoff
	tooMany                     // 429: wait retry_after
	gone                        // the message to edit or delete is not there
	refused                     // another 4xx (bad HTML, too long): dead
	blocked                     // 403 in a private chat: the person is unreachable
	forbidden                   // 403 in a group: the bot was removed
	done                        // "message is not modified": nothing to do
	moved                       // the group is a supergroup now: MovedTo
)

func (k answerKind) String() string {
	return [...]string{"retry", "429", "gone", "refused", "blocked", "forbidden", "done", "moved"}[k]
}

// SendError is a call Telegram did not take, with its answer.
type SendError struct {
	Method string
	Chat   int64
	// Code and Description are Telegram's answer (Code 0: no answer, a
	// network error).
	Code        int
	Description string
	RetryAfter  time.Duration
	// MovedTo is the supergroup a group became (400 "group chat was
	// upgraded to a supergroup chat").
	MovedTo int64
	kind    answerKind
	err     error
}

func (e *SendError) Error() string {
	if e.Code == 0 {
		return fmt.Sprintf("%s to chat %d: %v", e.Method, e.Chat, e.err)
	}
	return fmt.Sprintf("%s to chat %d: %d %s", e.Method, e.Chat, e.Code, e.Description)
}

func (e *SendError) Unwrap() error { return e.err }

// Is makes refusals match ErrPermanent.
func (e *SendError) Is(target error) bool {
	return target == ErrPermanent && (e.kind == refused || e.kind == blocked || e.kind == forbidden || e.kind == gone)
}

// answer is what the outbox stores as a dead letter's or a retry's reason.
func (e *SendError) answer() string {
	if e.Code == 0 {
		return e.err.Error()
	}
	return strconv.Itoa(e.Code) + " " + e.Description
}

// classify sorts the error of a call to chat.
func classify(method string, chat int64, err error) *SendError {
	se := &SendError{Method: method, Chat: chat, err: err, kind: retry}
	var te *tgbotapi.Error
	if !errors.As(err, &te) {
		return se
	}
	se.Code, se.Description = te.Code, te.Message
	d := strings.ToLower(te.Message)
	switch {
	case te.Code == 429:
		se.kind, se.RetryAfter = tooMany, max(time.Duration(te.RetryAfter)*time.Second, time.Second)
	case te.Code == 400 && te.MigrateToChatID != 0:
		se.kind, se.MovedTo = moved, te.MigrateToChatID
	case te.Code == 400 && strings.Contains(d, "message is not modified"):
		se.kind = done
	case te.Code == 400 && isGone(d):
		se.kind = gone
	case te.Code == 403 && aulabot.Group(chat):
		se.kind = forbidden
	case te.Code == 403:
		se.kind = blocked
	case te.Code == 401 || te.Code == 409 || te.Code >= 500:
		se.kind = retry
	case te.Code >= 400:
		se.kind = refused
	}
	return se
}

// isGone recognises Telegram's answers for a message that cannot be
// edited or deleted any more.
func isGone(desc string) bool {
	for _, s := range []string{"message to edit not found", "message can't be edited", "message to delete not found", "message can't be deleted", "message_id_invalid"} {
		if strings.Contains(desc, s) {
			return true
		}
	}
	return false
}
