package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// harness runs the real bot (Main) against the sandbox's Bot API emulator
// over HTTP on 127.0.0.1, with the real tgbotapi client.
type harness struct {
	t   testing.TB
	SB  *sandbox.Server
	URL string
	// Token is the bot's token when the emulator runs in another process
	// (SB nil).
	Token string
	Cfg   *aulabot.Config
	Data  string
	M     *Main
	// Settings, if set, adjusts the bot's settings before each start.
	Settings func(*Settings)
	// Limits makes both the emulator and the bot keep Telegram's rate
	// limits (slow: 1 message per second per chat); set it before start.
	Limits bool
	// Quiet logs only warnings and errors, even with -v: a benchmark's
	// figures must not depend on the flag.
	Quiet bool
	// TuneMemory runs the bot with the memory settings serve uses
	// (Main.TuneMemory), its quiet-time trim looking every IdleTrimEvery.
	TuneMemory    bool
	IdleTrimEvery time.Duration
	AfterTrim     func() // runs after each trim
	// AfterWarm runs after each knowledge base loaded is warmed.
	AfterWarm func(*knowledge.Base)
	// BeforeRun changes the opened Main before it runs, while nothing
	// else reads it (nil: nothing).
	BeforeRun func(*Main)
	// NoSync opens the bot's database without fsync (BenchmarkTerm's
	// nosync run only).
	NoSync bool
	// KeepPublishing makes start return once the bot polls, without
	// waiting for it to set the command menus and descriptions.
	KeepPublishing bool
	// Tap, if set, stands in front of the emulator that serveEmulator
	// serves, to watch or hold calls.
	Tap func(http.Handler) http.Handler
	// Sleep, if set, is the bot's wait between tries to reach the Bot
	// API at start.
	Sleep func(context.Context, time.Duration) error
	// FreshKB loads the built-in knowledge base anew at each start and
	// /reload, as serve does, instead of sharing the one loaded once for
	// the test run (sharedBuiltin): for the tests of the loading and the
	// warming themselves.
	FreshKB bool

	mu     sync.Mutex
	now    time.Time // zero: real time
	cancel context.CancelFunc
	done   chan error
}

// newHarness starts the bot on cfg (the demo configuration if nil).
func newHarness(t testing.TB, cfg *aulabot.Config) *harness {
	t.Helper()
	return newHarnessWith(t, cfg, nil)
}

// newHarnessWith is newHarness with settings adjusted before the start.
func newHarnessWith(t testing.TB, cfg *aulabot.Config, settings func(*Settings)) *harness {
	t.Helper()
	if cfg == nil {
		cfg = config.Demo()
	}
	sb := newSandbox(cfg, false)
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(sb.Close)
	h := &harness{t: t, SB: sb, URL: srv.URL, Cfg: cfg, Data: filepath.Join(t.TempDir(), "aulabot.db"), Settings: settings}
	h.start()
	t.Cleanup(h.stop)
	return h
}

// The built-in knowledge base the tests' bots share. Loading it takes
// about 1.5 s under the race detector and warming it as much again, in
// the background: at each of the package's hundred-odd starts of a bot,
// that was a third of the package's time. A base is read-only once
// loaded and searched from many goroutines at once in production, so
// sharing it between bots is what each of them does with its own.
var (
	builtinOnce  sync.Once
	builtinBase  *knowledge.Base
	builtinProbs []knowledge.Problem
	builtinErr   error
)

func sharedBuiltin() (*knowledge.Base, []knowledge.Problem, error) {
	builtinOnce.Do(func() {
		builtinBase, builtinProbs, builtinErr = knowledge.Load(knowledge.Builtin(), ".")
		if builtinErr == nil {
			// A bot that reloads to another base (an article added
			// from /gaps) retires this one: the others still use it.
			builtinBase.Share()
		}
	})
	return builtinBase, builtinProbs, builtinErr
}

// Now is the bot's clock: real time unless the test set it.
func (h *harness) Now() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.now.IsZero() {
		return time.Now()
	}
	return h.now
}

// SetNow fixes the bot's clock at t (and Advance moves it).
func (h *harness) SetNow(t time.Time) { h.mu.Lock(); h.now = t; h.mu.Unlock() }

// Advance moves a fixed clock and wakes the sender for scheduled messages.
func (h *harness) Advance(d time.Duration) {
	h.mu.Lock()
	if h.now.IsZero() { // the real clock until now: move from it, not from year 1
		h.now = time.Now()
	}
	h.now = h.now.Add(d)
	h.mu.Unlock()
	h.M.tick(context.Background())
}

// start opens and runs a new Main on the harness's database.
func (h *harness) start() {
	h.t.Helper()
	token := h.Token
	if h.SB != nil {
		token = h.SB.Token()
	}
	s := Settings{Token: token, Endpoint: h.SB.Endpoint(h.URL), DataPath: h.Data}
	if h.Settings != nil {
		h.Settings(&s)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		level := slog.LevelDebug
		if h.Quiet {
			level = slog.LevelWarn
		}
		log = slog.New(slog.NewTextHandler(tlog{h.t}, &slog.HandlerOptions{Level: level}))
	}
	m := NewMain(s, log)
	m.Config = h.Cfg
	m.Now = h.Now
	m.TuneMemory, m.IdleTrimEvery, m.afterTrim, m.afterWarm = h.TuneMemory, h.IdleTrimEvery, h.AfterTrim, h.AfterWarm
	m.noSync = h.NoSync
	m.sleep = h.Sleep
	if !h.FreshKB {
		m.loadBuiltin = sharedBuiltin
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := m.Open(ctx); err != nil {
		cancel()
		h.t.Fatal(err)
	}
	m.Sender.Limiter.Off = !h.Limits
	if h.BeforeRun != nil {
		h.BeforeRun(m)
	}
	h.M, h.cancel, h.done = m, cancel, make(chan error, 1)
	go func() { h.done <- m.Run(ctx) }()
	select {
	case <-m.Ready:
	case err := <-h.done:
		h.t.Fatalf("bot stopped at start: %v", err)
	}
	if h.KeepPublishing {
		return
	}
	select {
	case <-m.published: // the tests read the menus as the start left them
	case err := <-h.done:
		h.t.Fatalf("bot stopped at start: %v", err)
	}
}

// stop shuts the bot down gracefully and closes its database.
func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	if err := <-h.done; err != nil {
		h.t.Errorf("run: %v", err)
	}
	if err := h.M.Store.Check(); err != nil {
		h.t.Error(err)
	}
	h.M.Close()
	h.cancel = nil
}

type tlog struct{ t testing.TB }

func (w tlog) Write(b []byte) (int, error) { w.t.Log(strings.TrimSpace(string(b))); return len(b), nil }

// wait is how long a test waits for the bot.
const wait = 10 * time.Second

// lastBot is the id of the bot's latest message in chat (0 if none).
func (h *harness) lastBot(chat int64) int {
	id := 0
	for _, m := range h.SB.Messages(chat) {
		if m.FromBot && m.ID > id {
			id = m.ID
		}
	}
	return id
}

// waitNew waits for a bot message in chat newer than after that satisfies
// pred (nil: any).
func (h *harness) waitNew(chat int64, after int, pred func(sandbox.Message) bool) sandbox.Message {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	m, err := h.SB.WaitFor(ctx, chat, func(m sandbox.Message) bool { return m.ID > after && (pred == nil || pred(m)) })
	if err != nil {
		h.t.Fatalf("%v; chat %d has: %s", err, chat, dump(h.SB.Messages(chat)))
	}
	return m
}

// waitText waits for a bot message in chat containing want.
func (h *harness) waitText(chat int64, after int, want string) sandbox.Message {
	h.t.Helper()
	return h.waitNew(chat, after, func(m sandbox.Message) bool { return strings.Contains(m.Text, want) })
}

// drained waits until the outbox holds no message: each was delivered
// and told to the handlers (Outbox.Shown), or dropped.
func (h *harness) drained() {
	h.t.Helper()
	tick, deadline := time.NewTicker(5*time.Millisecond), time.After(wait)
	defer tick.Stop()
	for n, err := h.M.Store.OutboxDepth(); n > 0 || err != nil; n, err = h.M.Store.OutboxDepth() {
		select {
		case <-tick.C:
		case <-deadline:
			h.t.Fatalf("%d messages still in the outbox (%v)", n, err)
		}
	}
}

// say sends text from user in their private chat and returns the bot's
// first answer.
func (h *harness) say(from int64, text string) sandbox.Message {
	h.t.Helper()
	before := h.lastBot(from)
	h.SB.SendText(from, from, text)
	return h.waitNew(from, before, nil)
}

// press presses the button whose text contains label on message msg and
// returns the callback answer.
func (h *harness) press(from int64, msg sandbox.Message, label string) sandbox.CallbackAnswer {
	h.t.Helper()
	data := ""
	for _, row := range msg.Inline {
		for _, b := range row {
			if strings.Contains(b.Text, label) && data == "" {
				data = b.Data
			}
		}
	}
	if data == "" {
		h.t.Fatalf("no button %q on message %q (%v)", label, msg.Text, msg.Inline)
	}
	return h.pressData(from, msg.Chat, msg.ID, data)
}

// pressData presses a button with any callback data (tests forge it).
func (h *harness) pressData(from, chat int64, msgID int, data string) sandbox.CallbackAnswer {
	h.t.Helper()
	id := h.SB.Press(from, chat, msgID, data)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	a, err := h.SB.WaitAnswer(ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return a
}

// onboard takes user through /start with buttons.
func (h *harness) onboard(user int64, lang, uniName, role string) {
	h.t.Helper()
	m := h.say(user, "/start")
	h.press(user, m, map[string]string{"es": "Español", "en": "English"}[lang])
	m = h.waitEdited(user, m) // each step asks on the same message
	h.press(user, m, uniName)
	m = h.waitEdited(user, m)
	before := h.lastBot(user)
	h.press(user, m, role)
	h.waitNew(user, before, nil) // the welcome, with the menu
}

// waitEdited waits for the bot's message m in chat to be edited once more
// than it was, and returns it as edited.
func (h *harness) waitEdited(chat int64, m sandbox.Message) sandbox.Message {
	h.t.Helper()
	return h.waitNew(chat, 0, func(x sandbox.Message) bool { return x.ID == m.ID && x.Edited > m.Edited })
}

func dump(msgs []sandbox.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		who := "user"
		if m.FromBot {
			who = "bot"
		}
		b.WriteString("\n  [" + who + "] " + m.Text)
	}
	return b.String()
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// syncBuffer is a buffer safe for a writer and a reader goroutine, which
// can wait for text to appear.
type syncBuffer struct {
	mu      sync.Mutex
	b       strings.Builder
	changed chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changed != nil {
		close(s.changed)
		s.changed = nil
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// waitFor blocks until the buffer contains text, or the timeout passes.
func (s *syncBuffer) waitFor(text string, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		if strings.Contains(s.b.String(), text) {
			s.mu.Unlock()
			return true
		}
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			return false
		}
	}
}

// teacher adds an English-speaking teacher of university to the emulator
// and to the database as already onboarded, so a test starts at the menu.
func (h *harness) teacher(id int64, name, university string) {
	h.t.Helper()
	h.person(id, name, university, aulabot.RoleTeacher)
}

// student is teacher for a student.
func (h *harness) student(id int64, name, university string) {
	h.t.Helper()
	h.person(id, name, university, aulabot.RoleStudent)
}

// person stores an onboarded person of university in role, in English.
func (h *harness) person(id int64, name, university, role string) {
	h.t.Helper()
	h.SB.AddUser(sandbox.User{ID: id, FirstName: name, LanguageCode: "en"})
	err := h.M.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: id, Name: name, Lang: "en", University: university, Role: role, ConsentAt: h.Now()})
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

// startReport takes user through /problem to the description step of a
// report in category (the English button label).
func (h *harness) startReport(user int64, category string) {
	h.t.Helper()
	m := h.say(user, "/problem")
	before := h.lastBot(user)
	h.press(user, m, category)
	h.waitText(user, before, "Tell me about the problem")
}

// report takes user through /problem in category with text as the
// description, until the bot confirms ticket id. When the knowledge base
// answers the description first, user says they still need help, as a
// person whose problem it does not solve does.
func (h *harness) report(user int64, category, text, id string) {
	h.t.Helper()
	h.startReport(user, category)
	before := h.lastBot(user)
	h.SB.SendText(user, user, text)
	m := h.waitNew(user, before, func(m sandbox.Message) bool {
		return strings.Contains(m.Text, "<b>"+id+"</b>") || strings.Contains(m.Text, "Before I create the ticket")
	})
	if strings.Contains(m.Text, "<b>"+id+"</b>") {
		return
	}
	before = h.lastBot(user)
	h.press(user, m, "I still need help")
	h.waitText(user, before, "<b>"+id+"</b>")
}
