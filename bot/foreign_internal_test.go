package bot

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// answer is an HTTP answer with status, content type and body.
func answer(status int, contentType string, body []byte) *http.Response {
	h := http.Header{}
	h.Set("Content-Type", contentType)
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Header: h, Body: io.NopCloser(bytes.NewReader(body))}
}

// The Bot API's answers come through whole and unchanged, whatever their
// content type and length: a getUpdates answer longer than what is read
// to tell, a short one, an error.
func TestBotAPIAnswer_PassesTheBotAPIsAnswers(t *testing.T) {
	long := []byte(`{"ok":true,"result":[` + strings.Repeat(`{"update_id":1,"message":{"text":"una pregunta larga"}},`, 200) + `{"update_id":2}]}`)
	for _, c := range []struct {
		status      int
		contentType string
		body        []byte
	}{
		{200, "text/plain", long},
		{200, "application/json", long},
		{200, "", []byte(`{"ok":true,"result":{"message_id":5}}`)},
		{400, "text/html", []byte(`{"ok":false,"error_code":400,"description":"Bad Request: message is too long"}`)},
		{200, "application/json", []byte(`not JSON at all, but a 2xx JSON is not read`)},
		{200, "Application/JSON; charset=utf-8", []byte(`nor with parameters`)},
	} {
		resp, err := botAPIAnswer(answer(c.status, c.contentType, c.body), "123:secret")
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		if !bytes.Equal(got, c.body) {
			t.Errorf("%d %s answer of %d bytes came through as %d bytes: %.80q", c.status, c.contentType, len(c.body), len(got), got)
		}
	}
}

// Whatever a server answers, the bot reads it as the Bot API's answer
// or as an answer of no error code that names the status and never the
// token, in one line of valid text.
func FuzzBotAPIAnswer(f *testing.F) {
	f.Add(500, "application/json", []byte(`{"message":"API method 'x' is not supported."}`))
	f.Add(502, "text/html", []byte("<html><title>502 Bad Gateway</title>\n</html>"))
	f.Add(200, "text/plain", []byte(`{"ok":true,"result":[]}`))
	f.Add(404, "", []byte{})
	f.Add(200, "text/html", []byte("\xff\xfe 123:secret \x00\t\n"))
	f.Add(200, "text/html", []byte(strings.Repeat("x", 196)+"123:secret"))
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		if status < 100 || status > 999 {
			return
		}
		const token = "123:secret"
		resp, err := botAPIAnswer(answer(status, contentType, body), token)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		if bytes.Equal(got, body) {
			return
		}
		var a struct {
			Ok          *bool
			ErrorCode   int `json:"error_code"`
			Description string
		}
		if err := json.Unmarshal(got, &a); err != nil || a.Ok == nil || *a.Ok || a.ErrorCode != 0 {
			t.Fatalf("%q became %q", body, got)
		}
		if !strings.HasPrefix(a.Description, "HTTP ") || strings.Contains(a.Description, token) || strings.ContainsAny(a.Description, "\n\r\t") || !utf8.ValidString(a.Description) {
			t.Fatalf("%q became the description %q", body, a.Description)
		}
		if part := token[:6]; strings.Contains(a.Description, part) && !bytes.Contains(body, []byte(part)) {
			t.Fatalf("%q became %q: a part of the token", body, a.Description)
		}
	})
}
