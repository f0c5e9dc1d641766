package bot_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
)

// foreignAnswers answers sendMessage to the chats in pages with the
// page: status, content type and body, as a proxy, a captive portal or
// another emulator does; every other call goes to next.
func foreignAnswers(pages map[string]func(token string) (int, string, string)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			page, ok := pages[r.FormValue("chat_id")]
			if !ok || !strings.HasSuffix(r.URL.Path, "/sendMessage") {
				next.ServeHTTP(w, r)
				return
			}
			token := strings.TrimPrefix(strings.Split(r.URL.Path, "/")[1], "bot")
			status, contentType, body := page(token)
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			w.Write([]byte(body))
		})
	}
}

// An answer that is not the Bot API's is an error that says what came
// back (the status and the start of the body, never the token), and one
// the outbox tries again: tgbotapi read the other emulator's
// {"message": ...} as an error with no text at all, and a proxy's page
// as a JSON syntax error. The Bot API's own refusals keep their code and
// text.
func TestClient_ForeignAnswersSayWhatCameBack(t *testing.T) {
	page := func(status int, contentType, body string) func(string) (int, string, string) {
		return func(string) (int, string, string) { return status, contentType, body }
	}
	e := newEnvWith(t, sandbox.Options{}, foreignAnswers(map[string]func(string) (int, string, string){
		"101": page(500, "application/json; charset=utf-8", `{"message":"API method 'sendMessage' is not supported."}`),
		"102": page(502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n</body></html>\n"),
		"103": page(404, "text/plain", ""),
		"104": func(token string) (int, string, string) {
			return 200, "text/html", "<p>Sign in to the campus network to reach https://api.telegram.org/bot" + token + "/sendMessage</p>"
		},
		"105": page(400, "text/plain", `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`),
	}))
	token := e.sb.Token()
	s := bot.NewSender(e.client, quiet, nil)
	send := func(chat int64) error {
		_, err := s.Send(context.Background(), aulabot.Message{ChatID: chat, Text: "hola"}, nil)
		return err
	}
	for _, c := range []struct {
		chat int64
		says []string
	}{
		{101, []string{"HTTP 500 Internal Server Error, not an answer of the Telegram Bot API: ", `{"message":"API method 'sendMessage' is not supported."}`}},
		{102, []string{"HTTP 502 Bad Gateway, ", ": <html> <head><title>502 Bad Gateway</title></head> <body> <center>"}},
		{103, []string{"HTTP 404 Not Found, not an answer of the Telegram Bot API: (empty)"}},
		{104, []string{"HTTP 200 OK, ", "https://api.telegram.org/bot<token>/sendMessage</p>"}},
	} {
		err := send(c.chat)
		if err == nil {
			t.Errorf("chat %d: sent", c.chat)
			continue
		}
		for _, want := range c.says {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("chat %d: the error %q does not say %q", c.chat, err, want)
			}
		}
		if strings.Contains(err.Error(), token) {
			t.Errorf("chat %d: the error carries the token: %v", c.chat, err)
		}
		if errors.Is(err, bot.ErrPermanent) {
			t.Errorf("chat %d: %v counts as Telegram's refusal; it is no answer, to be tried again", c.chat, err)
		}
	}
	if err := send(105); err == nil || !errors.Is(err, bot.ErrPermanent) || !strings.Contains(err.Error(), "400 Bad Request: chat not found") {
		t.Errorf("the Bot API's refusal, whatever its content type: %v", err)
	}
	if err := send(7); err != nil {
		t.Errorf("the Bot API's answer: %v", err)
	}
}
