package bot_test

import (
	"bytes"
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
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// env is a bot runtime against the sandbox emulator with a real store.
type env struct {
	t      testing.TB
	sb     *sandbox.Server
	client *bot.Client
	store  *store.Store
	sender *bot.Sender
	outbox *bot.Outbox
	data   string
	closed map[*store.Store]bool // stores already checked and closed
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, sandbox.Options{}, nil)
}

// newEnvWith is newEnv with emulator options and, if tap is set, a handler
// in front of the emulator's (to watch or hold calls).
func newEnvWith(t testing.TB, opts sandbox.Options, tap func(http.Handler) http.Handler) *env {
	t.Helper()
	sb := sandbox.New(opts)
	h := sb.Handler()
	if tap != nil {
		h = tap(h)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	t.Cleanup(sb.Close)
	endpoint := sb.Endpoint(hs.URL)
	for _, id := range []int64{7, 8, 9} {
		sb.AddUser(sandbox.User{ID: id, FirstName: "U"})
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c, err := bot.Dial(ctx, sb.Token(), endpoint)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, sb: sb, client: c, data: filepath.Join(t.TempDir(), "aulabot.db")}
	e.open()
	return e
}

// open (re)opens the store and builds a sender and outbox on it.
func (e *env) open() {
	s, err := store.Open(e.data, store.Options{NoSync: true})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { e.close(s) })
	e.store = s
	e.sender = bot.NewSender(e.client, quiet, nil)
	e.sender.Limiter.Off = true
	e.outbox = &bot.Outbox{Store: s, Sender: e.sender, Log: quiet}
	s.OnOutbox(e.outbox.Kick)
}

// close runs bbolt's consistency check on s and closes it, once (a
// restart in a test closes it early).
func (e *env) close(s *store.Store) {
	if e.closed[s] {
		return
	}
	if e.closed == nil {
		e.closed = map[*store.Store]bool{}
	}
	e.closed[s] = true
	if err := s.Check(); err != nil {
		e.t.Error(err)
	}
	s.Close()
}

func (e *env) enqueue(msgs ...aulabot.Message) {
	e.t.Helper()
	err := e.store.Update(func(tx *store.Tx) error {
		for _, m := range msgs {
			if _, err := tx.Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// run runs the outbox until the test ends or stop is called.
func (e *env) run() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.outbox.Run(ctx); close(done) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	e.t.Cleanup(stop)
	return stop
}

func (e *env) waitText(chat int64, text string) sandbox.Message {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := e.sb.WaitFor(ctx, chat, func(m sandbox.Message) bool { return m.Text == text })
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

func botTexts(sb *sandbox.Server, chat int64) []string {
	var out []string
	for _, m := range sb.Messages(chat) {
		if m.FromBot {
			out = append(out, m.Text)
		}
	}
	return out
}

// A 429 holds that chat for retry_after (on the rate clock) while other
// chats are served, and the message arrives once the time has passed.
// (The wait is the outbox's, not a sleeping sender's: the limiter holds
// the chat, so the test moves the clock instead of releasing a sleep.)
func TestSender_429(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	clock := &stepClock{t: epoch}
	e.sender.Now = clock.Now
	e.sb.FailNext("sendMessage", 429, 3, 1)
	e.enqueue(aulabot.Message{ChatID: 7, Text: "to seven"})
	e.run()
	logs.wait(t, "telegram 429")
	if got := e.sender.Limiter.ChatReady(7, epoch).Sub(epoch); got != 3*time.Second {
		t.Errorf("chat 7 held for %v, want the 3 s retry_after", got)
	}
	// Chat 7 is now waiting out its retry_after; chat 8 is not starved.
	e.enqueue(aulabot.Message{ChatID: 8, Text: "to eight"})
	e.waitText(8, "to eight")
	if got := botTexts(e.sb, 7); len(got) != 0 {
		t.Fatalf("chat 7 got %q before its retry_after", got)
	}
	clock.Advance(3 * time.Second)
	e.outbox.Kick()
	e.waitText(7, "to seven")
	if got := e.sb.Calls("sendMessage"); got != 3 {
		t.Errorf("sendMessage called %d times, want 3 (429, other chat, retry)", got)
	}
}

// A 5xx is retried later; a 400 is dropped and never retried.
func TestOutbox_Errors(t *testing.T) {
	e := newEnv(t)
	e.sb.FailNext("sendMessage", 500, 0, 1)
	e.enqueue(aulabot.Message{ChatID: 7, Text: "first"}, aulabot.Message{ChatID: 7, Text: "second"})
	stop := e.run()
	// The retry waits 1 s of real time (backoff); order is kept.
	e.waitText(7, "second")
	if got := botTexts(e.sb, 7); len(got) != 2 || got[0] != "first" {
		t.Errorf("chat 7 got %q, want first then second", got)
	}
	calls := e.sb.Calls("sendMessage")
	e.enqueue(aulabot.Message{ChatID: 7, Text: strings.Repeat("x", 5000)}, aulabot.Message{ChatID: 7, Text: "after"}) // too long: refused
	e.waitText(7, "after")
	stop()
	if got := e.sb.Calls("sendMessage") - calls; got != 2 {
		t.Errorf("%d calls for a refused and a good message, want 2 (no retry of a 400)", got)
	}
	if d, _ := e.store.OutboxDepth(); d != 0 {
		t.Errorf("outbox depth = %d, want 0", d)
	}
}

// Messages stored before a crash are delivered after the restart, once.
func TestOutbox_AfterCrash(t *testing.T) {
	e := newEnv(t)
	e.enqueue(aulabot.Message{ChatID: 7, Text: "ticket posted"}, aulabot.Message{ChatID: 8, Text: "reminder", Key: "r1"})
	// Crash: the process dies before its sender ran.
	e.close(e.store)
	e.open()
	e.run()
	e.waitText(7, "ticket posted")
	e.waitText(8, "reminder")
	e.enqueue(aulabot.Message{ChatID: 8, Text: "reminder", Key: "r1"}, aulabot.Message{ChatID: 8, Text: "end"})
	e.waitText(8, "end")
	if got := botTexts(e.sb, 8); len(got) != 2 {
		t.Errorf("chat 8 got %q, want the keyed reminder once", got)
	}
}

// Edits find the message sent under a ref, even after a restart.
func TestOutbox_EditRef(t *testing.T) {
	e := newEnv(t)
	e.run()
	e.enqueue(aulabot.Message{ChatID: 7, Text: "Ticket 1 — open", Ref: "ticket:1",
		Inline: [][]aulabot.Button{{{Text: "Claim", Data: "tk:c:1"}}}})
	orig := e.waitText(7, "Ticket 1 — open")
	e.enqueue(aulabot.Message{EditRef: "ticket:1", ChatID: 7, Text: "Ticket 1 — claimed"})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := e.sb.WaitFor(ctx, 7, func(m sandbox.Message) bool { return m.ID == orig.ID && m.Text == "Ticket 1 — claimed" })
	if err != nil {
		t.Fatal(err)
	}
	if m.Edited == 0 || len(botTexts(e.sb, 7)) != 1 {
		t.Errorf("edit = %+v, chat %q", m, botTexts(e.sb, 7))
	}
}

type recorder struct {
	mu   sync.Mutex
	seen map[int64][]int64
	done chan aulabot.Update
}

func (r *recorder) Handle(ctx context.Context, u aulabot.Update) error {
	r.mu.Lock()
	r.seen[u.ChatID] = append(r.seen[u.ChatID], u.ID)
	r.mu.Unlock()
	defer func() { r.done <- u }()
	if u.Text == "boom" {
		panic("boom")
	}
	return nil
}

// One chat's updates are handled in order, a panic does not stop the
// dispatcher, and the offset moves past everything handled.
func TestPoller_Dispatch(t *testing.T) {
	e := newEnv(t)
	rec := &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 100)}
	d := &bot.Dispatcher{Handler: rec, Log: quiet, Workers: 4}
	d.Start()
	var slept []time.Duration
	p := &bot.Poller{Client: e.client, Store: e.store, Dispatcher: d, Log: quiet, Timeout: 1,
		Sleep: func(ctx context.Context, dur time.Duration) error { slept = append(slept, dur); return ctx.Err() }}
	e.sb.FailNext("getUpdates", 502, 0, 3)
	for i := 0; i < 10; i++ {
		e.sb.SendText(7, 7, "hi")
		e.sb.SendText(8, 8, "hi")
	}
	e.sb.SendText(9, 9, "boom")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	for i := 0; i < 21; i++ {
		select {
		case <-rec.done:
		case <-time.After(10 * time.Second):
			t.Fatal("updates not handled")
		}
	}
	cancel()
	<-done
	d.Stop(time.Second)
	if got := d.SafeOffset(); got != 22 {
		t.Errorf("safe offset = %d, want 22 (after update 21)", got)
	}
	for _, chat := range []int64{7, 8} {
		ids := rec.seen[chat]
		for i := 1; i < len(ids); i++ {
			if ids[i] <= ids[i-1] {
				t.Errorf("chat %d handled out of order: %v", chat, ids)
			}
		}
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; len(slept) < 3 || slept[0] != want[0] || slept[1] != want[1] || slept[2] != want[2] {
		t.Errorf("backoff = %v, want %v", slept, want)
	}
	if off, _ := e.store.Offset(); off < 1 {
		t.Errorf("stored offset = %d, want it raised while polling", off)
	}
}

// postWebhook posts body to a webhook at url with secret (none if "")
// and returns the status of its answer.
func postWebhook(t *testing.T, url, secret, body string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if secret != "" {
		req.Header.Set(bot.SecretHeader, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// The webhook accepts only Telegram's secret and answers after handling.
func TestWebhook(t *testing.T) {
	rec := &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 10)}
	d := &bot.Dispatcher{Handler: rec, Log: quiet}
	d.Start()
	defer d.Stop(time.Second)
	srv := httptest.NewServer(&bot.Webhook{Secret: "s3cret", Dispatcher: d, Log: quiet})
	defer srv.Close()
	body := `{"update_id":5,"message":{"message_id":1,"date":1,"text":"hi","from":{"id":7,"first_name":"A"},"chat":{"id":7,"type":"private"}}}`
	post := func(secret, body string) int { return postWebhook(t, srv.URL, secret, body) }
	if got := post("", body); got != http.StatusForbidden {
		t.Errorf("no secret: %d, want 403", got)
	}
	if got := post("wrong", body); got != http.StatusForbidden {
		t.Errorf("wrong secret: %d, want 403", got)
	}
	if got := post("s3cret", "{not json"); got != http.StatusBadRequest {
		t.Errorf("bad json: %d, want 400", got)
	}
	if got := post("s3cret", body); got != http.StatusOK {
		t.Errorf("good: %d, want 200", got)
	}
	select {
	case u := <-rec.done:
		if u.ID != 5 || u.Text != "hi" || u.From.ID != 7 {
			t.Errorf("update = %+v", u)
		}
	default:
		t.Error("200 came before the update was handled")
	}
}

// Requests refused for their secret are logged, with how many, at most
// once a minute: every update refused by a proxy that drops the header
// was silent, and a flood of forged ones is one line a minute.
func TestWebhook_RefusalsLoggedOnceAMinute(t *testing.T) {
	d := &bot.Dispatcher{Handler: &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 10)}, Log: quiet}
	d.Start()
	defer d.Stop(time.Second)
	var logs lockedBuffer
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv := httptest.NewServer(&bot.Webhook{Secret: "s3cret", Dispatcher: d, Log: slog.New(slog.NewTextHandler(&logs, nil)), Now: clock})
	defer srv.Close()
	post := func(secret string) {
		if got := postWebhook(t, srv.URL, secret, `{"update_id":1}`); got != http.StatusForbidden {
			t.Fatalf("secret %q: %d, want 403", secret, got)
		}
	}
	lines := func() []string { return strings.Split(strings.TrimSpace(logs.String()), "\n") }
	post("")
	if l := lines(); len(l) != 1 || !strings.Contains(l[0], "webhook requests refused") || !strings.Contains(l[0], "refused=1") || !strings.Contains(l[0], "last_token=missing") {
		t.Fatalf("the first refusal: %q", l)
	}
	for range 30 {
		post("forged")
	}
	if l := lines(); len(l) != 1 {
		t.Fatalf("30 refusals within the minute logged %d lines: %q", len(l), l)
	}
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	post("forged")
	if l := lines(); len(l) != 2 || !strings.Contains(l[1], "refused=31") || !strings.Contains(l[1], "last_token=wrong") {
		t.Errorf("a minute later: %q", l)
	}
}

// Nice-to-have calls fail without stopping anything.
func TestSender_NiceToHave(t *testing.T) {
	e := newEnv(t)
	var logs bytes.Buffer
	e.sender.Log = slog.New(slog.NewTextHandler(&logs, nil))
	e.sb.FailNext("setMyCommands", 500, 0, 2)
	e.sb.FailNext("sendChatAction", 400, 0, 2)
	e.sender.SetCommands(context.Background(), []aulabot.CommandMenu{{Lang: "es", Commands: []aulabot.Command{{Name: "start", Description: "Empezar"}}},
		{Lang: "en", Commands: []aulabot.Command{{Name: "start", Description: "Start"}}}})
	if err := e.sender.ChatAction(context.Background(), 7, "typing"); err != nil {
		t.Errorf("ChatAction returned %v", err)
	}
	e.sender.ChatAction(context.Background(), 7, "typing")
	e.sender.WaitActions()
	if n := strings.Count(logs.String(), "optional call failed"); n != 2 {
		t.Errorf("logged %d warnings, want one per call kind:\n%s", n, logs.String())
	}
	if _, err := e.sender.Send(context.Background(), aulabot.Message{ChatID: 7, Text: "still works"}, e.store); err != nil {
		t.Fatal(err)
	}
}
