package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// peekAnswer is how much of an answer that may not be the Bot API's is
// read to tell; a longer one is taken to be the Bot API's (only a
// getUpdates answer is that long, and a proxy's page is not).
const peekAnswer = 4 << 10

// botAPIAnswer returns resp with its body in the Bot API's form. An
// answer in another form (a proxy's error page, a server or emulator
// that answers {"message": ...}, an empty body) becomes
// {"ok":false,"description":...} without an error code, the description
// saying what came back with token taken out: tgbotapi reads such an
// answer as an empty error, or as a JSON syntax error, and the log said
// nothing of what had happened. With no error code the answer counts as
// no answer: the call is tried again, a start keeps waiting. The Bot
// API's own answers, a JSON 2xx or any answer with an "ok", pass as they
// came.
func botAPIAnswer(resp *http.Response, token string) (*http.Response, error) {
	if resp.StatusCode/100 == 2 && isJSON(resp.Header.Get("Content-Type")) {
		return resp, nil
	}
	head, err := io.ReadAll(io.LimitReader(resp.Body, peekAnswer))
	if err != nil {
		resp.Body.Close()
		return nil, err
	}
	if len(head) == peekAnswer || hasOk(head) {
		resp.Body = readCloser{io.MultiReader(bytes.NewReader(head), resp.Body), resp.Body}
		return resp, nil
	}
	resp.Body.Close()
	if token != "" { // before the excerpt, which could cut the token
		head = bytes.ReplaceAll(head, []byte(token), []byte("<token>"))
	}
	desc := fmt.Sprintf("HTTP %s, not an answer of the Telegram Bot API: %s", resp.Status, excerpt(head, 200))
	if token != "" { // and after, which could join one
		desc = strings.ReplaceAll(desc, token, "<token>")
	}
	body, _ := json.Marshal(struct {
		Ok          bool   `json:"ok"`
		Description string `json:"description"`
	}{false, desc}) // a struct of a bool and a string always encodes
	resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	resp.Header.Del("Content-Length")
	resp.Header.Set("Content-Type", "application/json")
	return resp, nil
}

// isJSON reports whether a Content-Type names JSON ("application/json",
// with or without parameters). It runs on every call's answer, so it
// compares rather than parses.
func isJSON(contentType string) bool {
	t, _, _ := strings.Cut(contentType, ";")
	return strings.EqualFold(strings.TrimSpace(t), "application/json")
}

// hasOk reports whether b is a JSON object with a boolean "ok", as every
// answer of the Bot API is.
func hasOk(b []byte) bool {
	var a struct{ Ok *bool }
	return json.Unmarshal(b, &a) == nil && a.Ok != nil
}

// excerpt is the start of b as one line of at most n runes: white space
// runs become one space, what is not valid text is dropped, and "(empty)"
// stands for nothing.
func excerpt(b []byte, n int) string {
	var out strings.Builder
	space, runes := false, 0
	for len(b) > 0 && runes < n {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r == utf8.RuneError && size <= 1, !unicode.IsPrint(r) && !unicode.IsSpace(r):
			continue
		case unicode.IsSpace(r):
			space = out.Len() > 0
			continue
		}
		if space {
			out.WriteByte(' ')
			runes, space = runes+1, false
		}
		out.WriteRune(r)
		runes++
	}
	if out.Len() == 0 {
		return "(empty)"
	}
	if len(b) > 0 {
		out.WriteString("…")
	}
	return out.String()
}

// readCloser reads from one reader and closes another.
type readCloser struct {
	io.Reader
	io.Closer
}
