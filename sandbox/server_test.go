package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

const alice = int64(1001)

// newTestBot starts a Server and a real tgbotapi client talking to it.
func newTestBot(t *testing.T, opts Options) (*Server, *tgbotapi.BotAPI, *httptest.Server) {
	t.Helper()
	s := New(opts)
	hs := httptest.NewUnstartedServer(s.Handler())
	hs.Config.ConnContext = s.ConnContext // calls are tagged with the generation
	hs.Start()
	t.Cleanup(hs.Close)
	t.Cleanup(s.Close) // runs first: ends long polls so hs.Close returns
	s.AddUser(User{ID: alice, FirstName: "Alice", LanguageCode: "es"})
	bot, err := tgbotapi.NewBotAPIWithClient(s.Token(), s.Endpoint(hs.URL), hs.Client())
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	return s, bot, hs
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// apiCall posts a raw request and decodes the Bot API response.
func apiCall(t *testing.T, hs *httptest.Server, path, contentType, body string) (int, map[string]any) {
	t.Helper()
	resp, err := hs.Client().Post(hs.URL+path, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return resp.StatusCode, m
}

func tgError(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %v, want *tgbotapi.Error", err)
	}
	return e
}

func TestServer_GetMe(t *testing.T) {
	_, bot, _ := newTestBot(t, Options{Token: "42:abc", BotUsername: "testbot"})
	if got, want := bot.Self.UserName, "testbot"; got != want {
		t.Errorf("username = %q, want %q", got, want)
	}
	if got, want := bot.Self.ID, int64(42); got != want {
		t.Errorf("id = %d, want %d", got, want)
	}
}

func TestServer_SendEditCallback(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	s.SendText(alice, alice, "/start unsa")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 {
		t.Fatalf("GetUpdates = %v, %v; want one update", ups, err)
	}
	if got := ups[0].Message; got.Command() != "start" || got.CommandArguments() != "unsa" || got.From.LanguageCode != "es" {
		t.Fatalf("message = %+v, want /start unsa from a Spanish speaker", got)
	}

	msg := tgbotapi.NewMessage(alice, "<b>Hola</b> &amp; bienvenida")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyToMessageID = ups[0].Message.MessageID
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Teacher", "role:teacher"),
		tgbotapi.NewInlineKeyboardButtonURL("Web", "https://example.org")))
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if sent.Text != "Hola & bienvenida" || len(sent.Entities) != 1 || sent.Entities[0].Type != "bold" {
		t.Errorf("sent = %q %+v, want plain text with one bold entity", sent.Text, sent.Entities)
	}
	got, err := s.WaitFor(testCtx(t), alice, func(m Message) bool { return m.ID == sent.MessageID })
	if err != nil {
		t.Fatal(err)
	}
	if !got.HTML || got.ReplyTo != 1 || got.Inline[0][0].Data != "role:teacher" || got.Inline[0][1].URL != "https://example.org" {
		t.Errorf("stored = %+v", got)
	}

	cb := s.Press(alice, alice, sent.MessageID, "role:teacher")
	ups, err = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[0].UpdateID + 1})
	if err != nil || len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("GetUpdates = %+v, %v; want one callback query", ups, err)
	}
	q := ups[0].CallbackQuery
	if q.ID != cb || q.Data != "role:teacher" || q.Message.MessageID != sent.MessageID {
		t.Errorf("callback = %+v", q)
	}
	if _, err := bot.Request(tgbotapi.NewCallbackWithAlert(q.ID, "Listo")); err != nil {
		t.Fatalf("answer: %v", err)
	}
	ans, err := s.WaitAnswer(testCtx(t), cb)
	if err != nil || ans.Text != "Listo" || !ans.ShowAlert {
		t.Errorf("answer = %+v, %v", ans, err)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(q.ID, "again")); err == nil {
		t.Error("second answer accepted, want query ID invalid")
	}

	edit := tgbotapi.NewEditMessageText(alice, sent.MessageID, "Docente")
	if _, err := bot.Send(edit); err != nil {
		t.Fatalf("edit: %v", err)
	}
	m, _ := s.Message(alice, sent.MessageID)
	if m.Text != "Docente" || m.Edited != 1 || m.Inline != nil {
		t.Errorf("after edit = %+v, want new text, Edited 1, keyboard removed", m)
	}
	if _, err := bot.Send(edit); err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Errorf("same edit: %v, want message is not modified", err)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(alice, sent.MessageID)); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if got := len(s.Messages(alice)); got != 1 {
		t.Errorf("messages after delete = %d, want 1", got)
	}
}

// Watch sees every event as it happens, in order: the person's message,
// the bot's reply and its edit, the answer to a press.
func TestServer_Watch(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	var mu sync.Mutex
	var got []string
	s.Watch(func(e Event) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case e.Answer != nil:
			got = append(got, e.Kind+" "+e.Answer.Text)
		case e.Message != nil:
			got = append(got, e.Kind+" "+e.Message.Plain)
		}
	})
	s.SendText(alice, alice, "hola")
	sent, err := bot.Send(tgbotapi.NewMessage(alice, "buenas"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageText(alice, sent.MessageID, "buenas tardes")); err != nil {
		t.Fatal(err)
	}
	cb := s.Press(alice, alice, sent.MessageID, "x")
	if _, err := bot.Request(tgbotapi.NewCallback(cb, "vale")); err != nil {
		t.Fatal(err)
	}
	s.Watch(nil)
	s.SendText(alice, alice, "adiós") // not watched any more
	mu.Lock()
	defer mu.Unlock()
	want := []string{"message hola", "message buenas", "edit buenas tardes", "answer vale"}
	if !slices.Equal(got, want) {
		t.Errorf("watched %q, want %q", got, want)
	}
}

// waitPoll blocks until the getUpdates call number n is waiting.
func waitPoll(t *testing.T, s *Server, n int) {
	t.Helper()
	ctx := testCtx(t)
	for {
		s.mu.Lock()
		gen, ch := s.pollGen, s.changed
		s.mu.Unlock()
		if gen >= n {
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatal("long poll did not start")
		}
	}
}

func TestServer_LongPoll(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	type result struct {
		ups []tgbotapi.Update
		err error
	}
	done := make(chan result)
	go func() {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		done <- result{ups, err}
	}()
	waitPoll(t, s, 1)
	s.SendText(alice, alice, "hola")
	select {
	case r := <-done:
		if r.err != nil || len(r.ups) != 1 || r.ups[0].Message.Text != "hola" {
			t.Fatalf("GetUpdates = %+v, %v", r.ups, r.err)
		}
	case <-testCtx(t).Done():
		t.Fatal("long poll did not wake up")
	}
}

// The bot's own sends do not wake its long poll (only an update does):
// in Telegram they never end one either, and here each wake-up would cost
// the bot's poll a turn on the server's lock.
func TestServer_LongPollIgnoresSends(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	done := make(chan []tgbotapi.Update)
	go func() {
		ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		done <- ups
	}()
	waitPoll(t, s, 1)
	s.mu.Lock()
	polled := s.polled
	s.mu.Unlock()
	for i := range 3 {
		if _, err := bot.Send(tgbotapi.NewMessage(alice, fmt.Sprint("hola ", i))); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-polled:
		t.Fatal("the bot's sends woke its long poll")
	default:
	}
	s.SendText(alice, alice, "buenas")
	select {
	case ups := <-done:
		if len(ups) != 1 || ups[0].Message.Text != "buenas" {
			t.Fatalf("GetUpdates = %+v, want the one update", ups)
		}
	case <-testCtx(t).Done():
		t.Fatal("long poll did not wake up for the update")
	}
}

func TestServer_LongPollConflict(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	done := make(chan error)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		done <- err
	}()
	waitPoll(t, s, 1)
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
	if err := <-done; tgError(t, err).Code != 409 {
		t.Errorf("older poll: %v, want 409 conflict", err)
	}
}

func TestServer_Offsets(t *testing.T) {
	s, bot, hs := newTestBot(t, Options{})
	for _, txt := range []string{"a", "b", "c"} {
		s.SendText(alice, alice, txt)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Limit: 2})
	if err != nil || len(ups) != 2 || ups[1].Message.Text != "b" {
		t.Fatalf("limit 2 = %+v, %v", ups, err)
	}
	// A restarted bot (new client) gets the unconfirmed updates again.
	bot2, err := tgbotapi.NewBotAPIWithClient(s.Token(), s.Endpoint(hs.URL), hs.Client())
	if err != nil {
		t.Fatal(err)
	}
	ups, _ = bot2.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[0].UpdateID + 1})
	if len(ups) != 2 || ups[0].Message.Text != "b" || ups[1].Message.Text != "c" {
		t.Fatalf("after offset = %+v, want b, c", ups)
	}
	last := ups[1].UpdateID
	if !s.Redeliver(ups[0].UpdateID) {
		t.Fatal("Redeliver: unknown id")
	}
	ups, _ = bot2.GetUpdates(tgbotapi.UpdateConfig{Offset: last + 1})
	if len(ups) != 1 || ups[0].Message.Text != "b" {
		t.Fatalf("redelivered = %+v, want b again", ups)
	}
	ups, _ = bot2.GetUpdates(tgbotapi.UpdateConfig{Offset: last + 1})
	if len(ups) != 0 || s.Pending() != 0 {
		t.Fatalf("after confirm = %+v, pending %d; want none", ups, s.Pending())
	}
	s.SendText(alice, alice, "x")
	s.Press(alice, alice, 1, "y")
	ups, _ = bot2.GetUpdates(tgbotapi.UpdateConfig{Offset: last + 1, AllowedUpdates: []string{"callback_query"}})
	if len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("allowed_updates = %+v, want the callback query only", ups)
	}
}

func TestServer_Errors(t *testing.T) {
	s, _, hs := newTestBot(t, Options{})
	s.AddGroup(-2001, "UNSA tech", alice)
	long := strings.Repeat("á", 4097)
	data65 := strings.Repeat("x", 65)
	form := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	const formCT = "application/x-www-form-urlencoded"
	base := "/bot" + s.Token()
	tests := []struct {
		name, path, ct, body string
		code                 int
		desc                 string
	}{
		{"Unauthorized", "/bot1:wrong/getMe", formCT, "", 401, "Unauthorized"},
		{"NotFound", base + "/sendNothing", formCT, "", 404, "Not Found"},
		{"MalformedJSON", base + "/sendMessage", "application/json", `{"chat_id":`, 400, "Bad Request: can't parse JSON object"},
		{"TooLong", base + "/sendMessage", formCT, form("chat_id", "1001", "text", long), 400, "Bad Request: message is too long"},
		{"Empty", base + "/sendMessage", formCT, form("chat_id", "1001", "text", " "), 400, "Bad Request: message text is empty"},
		{"ChatNotFound", base + "/sendMessage", formCT, form("chat_id", "77", "text", "x"), 400, "Bad Request: chat not found"},
		{"ButtonData", base + "/sendMessage", formCT, form("chat_id", "1001", "text", "x", "reply_markup", `{"inline_keyboard":[[{"text":"a","callback_data":"`+data65+`"}]]}`), 400, "Bad Request: BUTTON_DATA_INVALID"},
		{"HTMLUnknownTag", base + "/sendMessage", formCT, form("chat_id", "1001", "text", "a <script>x</script>", "parse_mode", "HTML"), 400, `Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 2`},
		{"HTMLUnclosed", base + "/sendMessage", formCT, form("chat_id", "1001", "text", "<b>x", "parse_mode", "HTML"), 400, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"ReplyNotFound", base + "/sendMessage", formCT, form("chat_id", "1001", "text", "x", "reply_to_message_id", "99"), 400, "Bad Request: message to be replied not found"},
		{"EditNotFound", base + "/editMessageText", formCT, form("chat_id", "1001", "message_id", "99", "text", "x"), 400, "Bad Request: message to edit not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, m := apiCall(t, hs, tt.path, tt.ct, tt.body)
			if code != tt.code || m["ok"] != false || m["error_code"] != float64(tt.code) || m["description"] != tt.desc {
				t.Errorf("got %d %v, want %d %q", code, m, tt.code, tt.desc)
			}
		})
	}
	t.Run("JSONBody", func(t *testing.T) {
		body := `{"chat_id":-2001,"text":"ok","reply_markup":{"keyboard":[["Sí",{"text":"No"}]]}}`
		code, m := apiCall(t, hs, base+"/sendMessage", "application/json", body)
		if code != 200 || m["ok"] != true {
			t.Fatalf("got %d %v", code, m)
		}
		if got := s.ReplyKeyboard(-2001); len(got) != 1 || got[0][1] != "No" {
			t.Errorf("keyboard = %v", got)
		}
	})
	t.Run("Exactly4096", func(t *testing.T) {
		code, m := apiCall(t, hs, base+"/sendMessage", formCT, form("chat_id", "1001", "text", long[2:]))
		if code != 200 {
			t.Errorf("got %d %v", code, m)
		}
	})
}

func TestServer_FailNext(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	s.FailNext("sendMessage", 429, 7, 2)
	for range 2 {
		_, err := bot.Send(tgbotapi.NewMessage(alice, "x"))
		if e := tgError(t, err); e.Code != 429 || e.RetryAfter != 7 {
			t.Errorf("got %+v, want 429 retry after 7", e)
		}
	}
	if _, err := bot.Send(tgbotapi.NewMessage(alice, "x")); err != nil {
		t.Errorf("third send: %v", err)
	}
	if got := s.Calls("sendMessage"); got != 3 {
		t.Errorf("Calls = %d, want 3", got)
	}
}

// clock is a settable clock for rate limit tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestServer_Limits(t *testing.T) {
	clk := &clock{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
	s, bot, _ := newTestBot(t, Options{Limits: true, Now: clk.Now})
	s.AddGroup(-2001, "team")
	t.Run("PrivateBurst", func(t *testing.T) {
		for i := range 3 {
			if _, err := bot.Send(tgbotapi.NewMessage(alice, "x")); err != nil {
				t.Fatalf("send %d: %v", i, err)
			}
		}
		_, err := bot.Send(tgbotapi.NewMessage(alice, "x"))
		if e := tgError(t, err); e.Code != 429 || e.RetryAfter != 1 {
			t.Fatalf("4th send = %+v, want 429 retry after 1", e)
		}
		if n := s.Flooded(); n != 1 {
			t.Errorf("Flooded() = %d after one 429, want 1", n)
		}
		clk.Add(time.Second)
		if _, err := bot.Send(tgbotapi.NewMessage(alice, "x")); err != nil {
			t.Errorf("after retry_after: %v", err)
		}
		if n := s.Flooded(); n != 1 {
			t.Errorf("Flooded() = %d after a send that went, want 1", n)
		}
	})
	t.Run("GroupPerSecond", func(t *testing.T) {
		clk.Add(time.Minute)
		for i := range 3 {
			if _, err := bot.Send(tgbotapi.NewMessage(-2001, "x")); err != nil {
				t.Fatalf("send %d: %v", i, err)
			}
		}
		_, err := bot.Send(tgbotapi.NewMessage(-2001, "x"))
		if e := tgError(t, err); e.Code != 429 || e.RetryAfter != 1 {
			t.Fatalf("4th send to a group in one instant = %+v, want 429 retry after 1", e)
		}
	})
	t.Run("GroupPerMinute", func(t *testing.T) {
		// One a second keeps the chat's own limit; the group's 20 a minute
		// (a burst of 20, then one every 3 s) runs out at the 30th:
		// 20 - 29 + 29/3 tokens are left for it.
		clk.Add(time.Minute)
		sent := 0
		for ; sent < 60; sent++ {
			_, err := bot.Send(tgbotapi.NewMessage(-2001, "x"))
			if err != nil {
				if e := tgError(t, err); e.Code != 429 || e.RetryAfter != 1 {
					t.Fatalf("send %d = %+v, want 429 retry after 1", sent+1, e)
				}
				break
			}
			clk.Add(time.Second)
		}
		if sent != 29 {
			t.Errorf("a group took %d messages at one a second before a 429, want 29", sent)
		}
	})
	t.Run("EditsCount", func(t *testing.T) {
		clk.Add(time.Minute)
		m, err := bot.Send(tgbotapi.NewMessage(alice, "v0"))
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 2; i++ {
			if _, err := bot.Send(tgbotapi.NewEditMessageText(alice, m.MessageID, fmt.Sprintf("v%d", i))); err != nil {
				t.Fatalf("edit %d: %v", i, err)
			}
		}
		_, err = bot.Send(tgbotapi.NewEditMessageText(alice, m.MessageID, "v3"))
		if e := tgError(t, err); e.Code != 429 || e.RetryAfter != 1 {
			t.Fatalf("a message and 3 edits at once: the 3rd edit = %+v, want 429 retry after 1", e)
		}
		if got := s.Messages(alice); got[len(got)-1].Plain != "v2" {
			t.Errorf("after the refused edit the message reads %q, want v2", got[len(got)-1].Plain)
		}
		clk.Add(time.Second)
		if _, err := bot.Send(tgbotapi.NewEditMessageReplyMarkup(alice, m.MessageID, tgbotapi.NewInlineKeyboardMarkup(
			tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("ok", "ok"))))); err != nil {
			t.Errorf("an edit after retry_after: %v", err)
		}
	})
}

// Strict counts every message when it arrives, with no bursts: a second
// message in a chat less than a second after the first, a 31st in a
// second overall, a 21st in a minute in a group are refused with 429 and
// the time until it would go; exactly at that time it goes.
func TestServer_StrictLimits(t *testing.T) {
	clk := &clock{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
	s, bot, _ := newTestBot(t, Options{Limits: true, Strict: true, Now: clk.Now})
	s.AddGroup(-2001, "team")
	send := func(chat int64) error {
		t.Helper()
		_, err := bot.Send(tgbotapi.NewMessage(chat, "x"))
		return err
	}
	refused := func(what string, err error, after int) {
		t.Helper()
		if e := tgError(t, err); e.Code != 429 || e.RetryAfter != after {
			t.Fatalf("%s = %+v, want 429 retry after %d", what, e, after)
		}
	}
	t.Run("Private", func(t *testing.T) {
		if err := send(alice); err != nil {
			t.Fatal(err)
		}
		clk.Add(999 * time.Millisecond)
		refused("a second message 999 ms after the first", send(alice), 1)
		clk.Add(time.Millisecond)
		if err := send(alice); err != nil {
			t.Errorf("a second after: %v", err)
		}
	})
	t.Run("Overall", func(t *testing.T) {
		clk.Add(time.Minute)
		for i := range int64(31) {
			s.AddUser(User{ID: 5000 + i, FirstName: "U"})
		}
		for i := range int64(30) {
			if err := send(5000 + i); err != nil {
				t.Fatalf("message %d of 30 in 300 ms: %v", i+1, err)
			}
			clk.Add(10 * time.Millisecond)
		}
		clk.Add(690 * time.Millisecond) // 990 ms after the first
		refused("a 31st in a second", send(5030), 1)
		clk.Add(10 * time.Millisecond)
		if err := send(5030); err != nil {
			t.Errorf("a second after the first: %v", err)
		}
	})
	t.Run("Group", func(t *testing.T) {
		clk.Add(time.Minute)
		for i := range 20 {
			if err := send(-2001); err != nil {
				t.Fatalf("message %d, a second apart: %v", i+1, err)
			}
			clk.Add(time.Second)
		}
		refused("a 21st in a minute", send(-2001), 40)
		clk.Add(40 * time.Second)
		if err := send(-2001); err != nil {
			t.Errorf("a minute after the first: %v", err)
		}
	})
	if n := s.Flooded(); n != 3 {
		t.Errorf("Flooded() = %d, want the 3 refusals", n)
	}
}

func TestServer_Webhook(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	type delivery struct {
		secret string
		update tgbotapi.Update
	}
	got := make(chan delivery, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u tgbotapi.Update
		_ = json.NewDecoder(r.Body).Decode(&u)
		got <- delivery{r.Header.Get("X-Telegram-Bot-Api-Secret-Token"), u}
	}))
	t.Cleanup(hook.Close)
	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": hook.URL, "secret_token": "s3cret"}); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); tgError(t, err).Code != 409 {
		t.Errorf("getUpdates with webhook: %v, want 409", err)
	}
	s.SendText(alice, alice, "por webhook")
	select {
	case d := <-got:
		if d.secret != "s3cret" || d.update.Message.Text != "por webhook" {
			t.Errorf("delivery = %+v", d)
		}
	case <-testCtx(t).Done():
		t.Fatal("no webhook delivery")
	}
	info, err := bot.GetWebhookInfo()
	if err != nil || info.URL != hook.URL {
		t.Errorf("GetWebhookInfo = %+v, %v", info, err)
	}
	if _, err := bot.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Errorf("getUpdates after deleteWebhook: %v", err)
	}
}

func TestServer_Commands(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	cmds := tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "help", Description: "Ayuda"})
	if _, err := bot.Request(cmds); err != nil {
		t.Fatal(err)
	}
	got, err := bot.GetMyCommands()
	if err != nil || len(got) != 1 || got[0].Command != "help" {
		t.Errorf("GetMyCommands = %+v, %v", got, err)
	}
	if got := s.Commands(""); len(got) != 1 {
		t.Errorf("Commands = %+v", got)
	}
	if _, err := bot.Request(tgbotapi.NewChatAction(alice, tgbotapi.ChatTyping)); err != nil {
		t.Error(err)
	}
}

func TestServer_WaitForConcurrent(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(2)
		go func() { defer wg.Done(); s.SendText(alice, alice, "q") }()
		go func() {
			defer wg.Done()
			if _, err := bot.Send(tgbotapi.NewMessage(alice, "r"+string(rune('a'+i)))); err != nil {
				t.Error(err)
			}
		}()
	}
	m, err := s.WaitFor(testCtx(t), alice, func(m Message) bool { return m.Text == "rt" })
	if err != nil || !m.FromBot {
		t.Fatalf("WaitFor = %+v, %v", m, err)
	}
	wg.Wait()
	if got := len(s.Messages(alice)); got != 40 {
		t.Errorf("messages = %d, want 40", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.WaitFor(ctx, alice, func(Message) bool { return false }); !errors.Is(err, context.Canceled) {
		t.Errorf("WaitFor cancelled = %v", err)
	}
	_ = io.Discard
}

func TestServer_InjectUpdate(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	s.SendText(alice, alice, "una vez")
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})
	raw, _ := json.Marshal(ups[0])
	if _, err := s.InjectUpdate(raw); err != nil {
		t.Fatal(err)
	}
	again, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[0].UpdateID + 1})
	if len(again) != 1 || again[0].UpdateID != ups[0].UpdateID || again[0].Message.Text != "una vez" {
		t.Fatalf("injected = %+v, want the same update again", again)
	}
	if _, err := s.InjectUpdate(json.RawMessage(`{"message":`)); err == nil {
		t.Error("invalid JSON accepted")
	}
}

// TestServer_CloseEndsPolls: Close ends an open long poll at once (a
// test's cleanup closes the emulator before its HTTP server, whose Close
// waits for open requests).
func TestServer_CloseEndsPolls(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	done := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 60})
		done <- err
	}()
	waitPoll(t, s, 1)
	s.Close() // the open long poll ends now
	if err := <-done; tgError(t, err).Code != 502 {
		t.Errorf("poll after Close: %v, want 502", err)
	}
}

// TestServer_UpdatesAnswerAsEncoded: getUpdates writes the stored updates
// as they are; the answer is valid JSON and reads as encoding/json would
// have written it, an injected update with spaces and newlines included.
// An update begins with its id, as Telegram's do.
func TestServer_UpdatesAnswerAsEncoded(t *testing.T) {
	s, _, hs := newTestBot(t, Options{})
	s.SendText(alice, alice, "hola, \"qué\" tal\n")
	if _, err := s.InjectUpdate(json.RawMessage("{\n  \"update_id\": 90,\n  \"message\": {\"message_id\": 3, \"text\": \"a b\"}\n}")); err != nil {
		t.Fatal(err)
	}
	resp, err := hs.Client().Post(fmt.Sprintf(s.Endpoint(hs.URL), s.Token(), "getUpdates"), "application/x-www-form-urlencoded", strings.NewReader("timeout=0"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(body) || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("answer %q (%s) is not JSON", body, resp.Header.Get("Content-Type"))
	}
	var got, want any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	raws, _ := s.selectLocked(100)
	s.mu.Unlock()
	if !strings.HasPrefix(string(raws[0]), `{"update_id":`) {
		t.Errorf("update %s: Telegram writes update_id first", raws[0])
	}
	enc, _ := json.Marshal(okResponse{OK: true, Result: raws})
	if err := json.Unmarshal(enc, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(raws) != 2 {
		t.Errorf("answer %s, want %s (2 updates)", body, enc)
	}
}
