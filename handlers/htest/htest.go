// Package htest runs handlers against a real store in a temporary
// directory, with a clock the test moves, without Telegram: a test sends
// updates and reads what the bot queued for each chat.
package htest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// Env is a handler test environment.
type Env struct {
	T      testing.TB
	Config *aulabot.Config
	Store  *store.Store
	H      *handlers.Handlers
	// AllowInternal lets handler errors through without failing the test,
	// for tests that provoke an internal error on purpose. Otherwise any
	// error Handle returns (a panic, a failed commit, a message that does
	// not fit) fails the test.
	AllowInternal bool
	// Held, if set, keeps the messages it is true for out of Deliver: on
	// their way to Telegram, which has not taken them yet (DeliverNow
	// does when the test says).
	Held func(aulabot.Message) bool

	delivering sync.Mutex // one Deliver at a time: each message is sent once

	mu      sync.Mutex
	now     time.Time
	update  int64
	msgID   int
	answers map[string]Answer
	sent    map[int64][]aulabot.Message
	files   map[int64]map[uint64]bool // the messages sent as files, by chat and id
	actions map[int64][]string
}

// Answer is what the bot answered to a button press.
type Answer struct {
	Text  string
	Alert bool
}

// BotUsername is the bot's @name in tests.
const BotUsername = "aulabot_test_bot"

// Start is the environment's initial clock reading: a Tuesday 10:00 in Lima.
var Start = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

// New returns an environment on cfg (the demo configuration if nil).
func New(t testing.TB, cfg *aulabot.Config) *Env {
	t.Helper()
	if cfg == nil {
		cfg = config.Demo()
	}
	// Deliver marks each message sent the moment it is queued, one after
	// another, with nothing else coming to share a commit with: the
	// outbox's 5 ms wait for company would only add 5 ms a message.
	s, err := store.Open(filepath.Join(t.TempDir(), "aulabot.db"), store.Options{NoSync: true, LazyWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Error(err)
		}
		s.Close()
	})
	e := &Env{T: t, Config: cfg, Store: s, now: Start, answers: map[string]Answer{}, sent: map[int64][]aulabot.Message{}, files: map[int64]map[uint64]bool{}, msgID: 1000}
	s.Now = e.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{e}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	e.H = handlers.New(cfg, service.New(cfg), handlers.Adapt[*store.Tx](s, store.ErrDuplicate), e, log)
	e.H.Now = e.Now
	e.H.Knowledge = builtinKB(t)
	e.H.BotUsername = BotUsername
	return e
}

var (
	kbOnce sync.Once
	kbLib  *knowledge.Library
	kbErr  error
)

// builtinKB is a Service on the built-in knowledge base, which is loaded
// once for all tests; each environment has its own Service, so that the
// aliases one test's coordinator curates do not answer another test's
// questions. The shared base never takes articles added from /gaps (a
// reload builds the built-in base again): a test that adds one gives its
// environment a Service of its own (WithOwnKB).
func builtinKB(t testing.TB) *knowledge.Service {
	kbOnce.Do(func() {
		kbLib = knowledge.NewLibrary(func() (*knowledge.Base, []knowledge.Problem, error) {
			return knowledge.Load(knowledge.Builtin(), ".")
		})
		_, kbErr = kbLib.Reload()
	})
	if kbErr != nil {
		t.Fatal(kbErr)
	}
	return knowledge.NewService(kbLib, nil, false, nil)
}

// WithOwnKB gives e's handlers a Service on a built-in base of its own,
// which loads the articles added from /gaps in e's store at each reload,
// as the bot does.
func (e *Env) WithOwnKB() {
	e.T.Helper()
	lib := knowledge.NewLibrary(func() (*knowledge.Base, []knowledge.Problem, error) {
		var added []aulabot.KBAdded
		if err := e.Store.View(func(tx *store.Tx) error {
			return tx.Added(func(a aulabot.KBAdded) error { added = append(added, a); return nil })
		}); err != nil {
			return nil, nil, err
		}
		return knowledge.Load(knowledge.Builtin(), ".", added...)
	})
	if _, err := lib.Reload(); err != nil {
		e.T.Fatal(err)
	}
	e.H.Knowledge = knowledge.NewService(lib, nil, false, nil)
}

// testWriter logs to the environment's test of the moment (e.T): a fuzz
// target sets it to each input's, and logging to the fuzz test itself
// from inside the target panics.
type testWriter struct{ e *Env }

func (w testWriter) Write(b []byte) (int, error) { w.e.T.Log(string(b)); return len(b), nil }

// Now is the environment's clock.
func (e *Env) Now() time.Time { e.mu.Lock(); defer e.mu.Unlock(); return e.now }

// Advance moves the clock.
func (e *Env) Advance(d time.Duration) { e.mu.Lock(); e.now = e.now.Add(d); e.mu.Unlock() }

// AnswerCallback records a button-press answer (handlers.Instant).
func (e *Env) AnswerCallback(_ context.Context, id, text string, alert bool) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.answers[id] = Answer{Text: text, Alert: alert}
	return nil
}

// ChatAction records a chat action ("typing", "upload_document") shown
// in chat (handlers.Instant).
func (e *Env) ChatAction(_ context.Context, chat int64, action string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.actions == nil {
		e.actions = map[int64][]string{}
	}
	e.actions[chat] = append(e.actions[chat], action)
	return nil
}

// Actions returns the chat actions shown in chat so far.
func (e *Env) Actions(chat int64) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.actions[chat]...)
}

// Person returns a Telegram user with id, named after it, speaking lang.
func Person(id int64, lang string) aulabot.Person {
	return aulabot.Person{ID: id, FirstName: fmt.Sprintf("User%d", id), LanguageCode: lang}
}

// Handle handles u (giving it the next update id if it has none) and
// returns the messages the bot queued for any chat, delivering them.
func (e *Env) Handle(u aulabot.Update) []aulabot.Message {
	e.T.Helper()
	e.mu.Lock()
	if u.ID == 0 {
		e.update++
		u.ID = e.update
	}
	if u.MessageID == 0 && u.Callback == nil {
		e.msgID++
		u.MessageID = e.msgID
	}
	if u.ChatType == "" {
		u.ChatType = aulabot.ChatPrivate
		if u.ChatID < 0 {
			u.ChatType = aulabot.ChatSupergroup
		}
	}
	u.Date = e.now
	e.mu.Unlock()
	if err := e.H.Handle(context.Background(), u); err != nil {
		if !e.AllowInternal {
			e.T.Errorf("handle update %d (%q, %+v): internal error: %v", u.ID, u.Text, u.Callback, err)
		} else {
			e.T.Logf("handle update %d: %v", u.ID, err)
		}
	}
	return e.Deliver()
}

// Text sends text from a person in a chat (their private chat if chat is 0).
func (e *Env) Text(from aulabot.Person, chat int64, text string) []aulabot.Message {
	e.T.Helper()
	if chat == 0 {
		chat = from.ID
	}
	return e.Handle(aulabot.Update{ChatID: chat, From: from, Text: text})
}

// Edit sends from's edit of their message msgID in chat (0: their private
// chat) to text, as Telegram's edited_message.
func (e *Env) Edit(from aulabot.Person, chat int64, msgID int, text string) []aulabot.Message {
	e.T.Helper()
	if chat == 0 {
		chat = from.ID
	}
	return e.Handle(aulabot.Update{ChatID: chat, From: from, Text: text, MessageID: msgID, Edited: true})
}

// Reply sends text from a person replying to the bot's message replyTo.
func (e *Env) Reply(from aulabot.Person, chat int64, replyTo int, text string) []aulabot.Message {
	e.T.Helper()
	return e.Handle(aulabot.Update{ChatID: chat, From: from, Text: text, ReplyTo: &aulabot.Replied{MessageID: replyTo, FromBot: true}})
}

// Press presses a button with data on message msgID and returns the queued
// messages; AnswerOf gives the button answer.
func (e *Env) Press(from aulabot.Person, chat int64, msgID int, data string) []aulabot.Message {
	e.T.Helper()
	if chat == 0 {
		chat = from.ID
	}
	return e.press(from, chat, aulabot.Callback{Data: data, MessageID: msgID})
}

// PressOn presses the button with data on message m (as delivered, its
// ID the Telegram message id), telling the bot the message's buttons,
// words and the message it replies to as Telegram does.
func (e *Env) PressOn(from aulabot.Person, m aulabot.Message, data string) []aulabot.Message {
	e.T.Helper()
	cb := aulabot.Callback{Data: data, MessageID: int(m.ID), Inline: m.Inline, Captioned: m.File != nil, ReplyTo: m.ReplyTo}
	if m.File == nil {
		cb.HTML = m.Text
	}
	return e.press(from, m.ChatID, cb)
}

// press handles press cb by from in chat, with the next callback id.
func (e *Env) press(from aulabot.Person, chat int64, cb aulabot.Callback) []aulabot.Message {
	e.T.Helper()
	e.mu.Lock()
	e.update++
	cb.ID = fmt.Sprintf("cb%d", e.update)
	e.mu.Unlock()
	return e.Handle(aulabot.Update{ChatID: chat, From: from, Callback: &cb})
}

// AnswerTo returns the answer to the button press with callback id.
func (e *Env) AnswerTo(id string) Answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.answers[id]
}

// LastAnswer returns the answer to the latest button press.
func (e *Env) LastAnswer() Answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.answers[fmt.Sprintf("cb%d", e.update-1)]
}

// LastAnswered reports whether the latest button press was answered
// (Telegram's spinner stopped), with words or without.
func (e *Env) LastAnswered() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.answers[fmt.Sprintf("cb%d", e.update-1)]
	return ok
}

// Deliver marks every due outbox message sent, giving each a message id,
// and returns them in order.
func (e *Env) Deliver() []aulabot.Message {
	e.T.Helper()
	e.delivering.Lock()
	defer e.delivering.Unlock()
	var sent []aulabot.Message
	for _, m := range e.Due() {
		if !m.NotAfter.IsZero() && e.Now().After(m.NotAfter) {
			// Past its time: the outbox drops it unsent.
			if err := e.Store.Drop(m.ID); err != nil {
				e.T.Fatal(err)
			}
			continue
		}
		if e.Held == nil || !e.Held(m) {
			sent = append(sent, e.DeliverNow(m))
		}
	}
	return sent
}

// Due returns the outbox messages due now, as the outbox reads them to
// send, without sending them.
func (e *Env) Due() []aulabot.Message {
	e.T.Helper()
	due, _, err := e.Store.Due(e.Now(), 10000)
	if err != nil {
		e.T.Fatal(err)
	}
	return due
}

// DeliverNow marks m, read from the outbox (Due), sent now, as the
// outbox does when Telegram took it, also if it was cancelled while on
// its way. It returns m with its Telegram message id as its ID.
func (e *Env) DeliverNow(m aulabot.Message) aulabot.Message {
	e.T.Helper()
	if m.EditRef != "" && m.EditMessageID == 0 {
		// An edit by ref edits the message sent under it, as the outbox
		// does; a buttons-only edit of one never sent is dropped.
		var ok bool
		if err := e.Store.View(func(tx *store.Tx) error {
			_, m.EditMessageID, ok = tx.Ref(m.EditRef)
			return nil
		}); err != nil {
			e.T.Fatal(err)
		}
		if !ok && m.Text == "" {
			if err := e.Store.Drop(m.ID); err != nil {
				e.T.Fatal(err)
			}
			return m
		}
	}
	if m.Text != "" {
		// Telegram refuses text that is not its HTML ("can't parse
		// entities"), and the message is lost: words a person typed,
		// put in a message unescaped, fail here.
		if _, _, err := sandbox.ParseHTML(m.Text); err != nil {
			e.T.Errorf("the message to %d is not Telegram's HTML, Telegram would refuse it (%v): %q", m.ChatID, err, m.Text)
		}
	}
	e.mu.Lock()
	if m.EditMessageID != 0 && m.Text != "" && !m.EditCaption && !m.Delete && e.files[m.ChatID][uint64(m.EditMessageID)] {
		// Telegram edits a file's words as its caption only.
		e.T.Errorf("the edit of message %d to %d edits a file's words as text, Telegram would refuse it (there is no text in the message to edit): %q", m.EditMessageID, m.ChatID, m.Text)
	}
	e.msgID++
	id := e.msgID
	if m.EditMessageID != 0 {
		id = m.EditMessageID
	}
	sent := m
	sent.ID = uint64(id) // the Telegram message id, for tests to press buttons on
	e.sent[m.ChatID] = append(e.sent[m.ChatID], sent)
	if m.File != nil && m.EditMessageID == 0 {
		if e.files[m.ChatID] == nil {
			e.files[m.ChatID] = map[uint64]bool{}
		}
		e.files[m.ChatID][sent.ID] = true
	}
	e.mu.Unlock()
	d := store.Delivery{ID: m.ID, Chat: m.ChatID, MessageID: id, Key: m.Key, Ref: m.Ref,
		Sends: []store.SentRecord{{Chat: m.ChatID, At: e.Now()}}}
	if err := e.Store.Delivered(d); err != nil {
		e.T.Fatal(err)
	}
	e.H.Shown(m) // as the outbox tells the handlers
	return sent
}

// Sent returns everything delivered to chat so far.
func (e *Env) Sent(chat int64) []aulabot.Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]aulabot.Message(nil), e.sent[chat]...)
}

// Buttons returns every inline button of msgs, by text.
func Buttons(msgs []aulabot.Message) map[string]string {
	b := map[string]string{}
	for _, m := range msgs {
		for _, row := range m.Inline {
			for _, btn := range row {
				b[btn.Text] = btn.Data
			}
		}
	}
	return b
}

// Onboard takes a person through /start: language, university and role.
func (e *Env) Onboard(p aulabot.Person, university, role string) {
	e.T.Helper()
	e.Text(p, 0, "/start")
	lang := aulabot.LanguageFromCode(p.LanguageCode, "es")
	e.Press(p, 0, 0, "lang:"+lang)
	e.Press(p, 0, 0, "uni:"+university)
	e.Press(p, 0, 0, "role:"+role)
	u, ok, err := e.Store.User(p.ID)
	if err != nil || !ok || !u.Onboarded() {
		e.T.Fatalf("onboard %d: user = %+v, %v, %v", p.ID, u, ok, err)
	}
}

// FillLowPages stores 3,000 people with long names, about a thousand
// pages, and returns a function that deletes them, leaving those pages
// free. A privacy test calls it before anything of the person is stored
// and frees the pages just before the person deletes their data: bbolt
// uses free pages lowest first, so the pages that deletion frees stay
// free, holding what they held, until the test reads the file, and only
// the scrub that follows a deletion clears them. Without it a small
// database uses them again within a few commits and a missing scrub goes
// unseen.
func FillLowPages(t testing.TB, s *store.Store) (free func()) {
	t.Helper()
	name := strings.Repeat("relleno ", 150)
	const first, n = 800_000_000, 3000
	err := s.Update(func(tx *store.Tx) error {
		for i := range n {
			if err := tx.PutUser(aulabot.User{ID: first + int64(i), Name: name}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return func() {
		t.Helper()
		err := s.Update(func(tx *store.Tx) error {
			for i := range n {
				if err := tx.DeleteUserData(first + int64(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// ArticleRequests are the built-in articles' own questions that ask for
// what the article describes, and the command whose reply they get: the
// booking article says "quiero hablar con un mentor" opens the booking.
// The handlers' TestAsk_ArticleQuestionsAnswered holds every other
// question of an article to get articles; the term benchmark's people ask
// those others.
var ArticleRequests = map[string]string{
	"quiero hablar con un mentor":                            "mentoring",
	"como separo una cita de mentoria":                       "mentoring",
	"hay asesoria personalizada para virtualizar mi curso":   "mentoring", // with the words as the session's topic
	"como cancelo mi reserva":                                "mybookings",
	"a que hora es mi mentoria":                              "mybookings",
	"i want to talk to a mentor":                             "mentoring",
	"how do i get an appointment with a mentor":              "mentoring",
	"how do i cancel my booking":                             "mybookings",
	"where can i see my booked sessions":                     "mybookings",
	"what time is my mentoring session":                      "mybookings",
	"donde reporto un problema tecnico en la unma":           "problem",
	"a quien reporto un problema del aula virtual unma":      "problem",
	"where do i report a technical problem at unma":          "problem",
	"who do i report a virtual classroom problem to at unma": "problem",
}
