package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// webCall calls the web chat JSON API and decodes the answer into out.
func webCall(t *testing.T, hs *httptest.Server, method, path string, body any, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, hs.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	resp, err := hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("decode %s: %v", path, err)
		}
	}
	return resp.StatusCode
}

func TestWeb_Pages(t *testing.T) {
	_, _, hs := newTestBot(t, Options{})
	for path, want := range map[string]string{"/": `id="composer"`, "/static/app.js": "EventSource", "/static/app.css": "@media"} {
		resp, err := hs.Client().Get(hs.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s = %d, want a page with %q", path, resp.StatusCode, want)
		}
	}
}

func TestWeb_API(t *testing.T) {
	s, bot, hs := newTestBot(t, Options{Users: []User{{ID: 3001, FirstName: "Tito", Role: "tech"}}})
	s.AddGroup(-2001, "UNSA soporte", 3001)

	var people struct {
		People []person `json:"people"`
		Groups []Group  `json:"groups"`
	}
	webCall(t, hs, "GET", "/sandbox/api/people", nil, &people)
	if len(people.People) != 2 || people.People[1].Role != "tech" || len(people.Groups) != 1 || people.Groups[0].Title != "UNSA soporte" {
		t.Fatalf("people = %+v", people)
	}

	t.Run("SendEscaped", func(t *testing.T) {
		var m webMessage
		code := webCall(t, hs, "POST", "/sandbox/api/send", sendRequest{From: alice, Chat: alice, Text: "<script>alert(1)</script>"}, &m)
		if code != 200 || m.Rendered != "&lt;script&gt;alert(1)&lt;/script&gt;" {
			t.Fatalf("send = %d %+v", code, m)
		}
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
		if err != nil || len(ups) != 1 || ups[0].Message.Text != "<script>alert(1)</script>" {
			t.Fatalf("bot got %+v, %v", ups, err)
		}
		reply := tgbotapi.NewMessage(alice, "<b>Recibido:</b> "+EscapeHTML(ups[0].Message.Text))
		reply.ParseMode = tgbotapi.ModeHTML
		reply.ReplyToMessageID = ups[0].Message.MessageID
		if _, err := bot.Send(reply); err != nil {
			t.Fatal(err)
		}
		var list struct {
			Messages []webMessage `json:"messages"`
		}
		webCall(t, hs, "GET", "/sandbox/api/messages?chat=1001", nil, &list)
		if len(list.Messages) != 2 {
			t.Fatalf("messages = %+v", list.Messages)
		}
		got := list.Messages[1]
		if want := "<b>Recibido:</b> &lt;script&gt;alert(1)&lt;/script&gt;"; got.Rendered != want || got.ReplyTo != 1 || got.Sender != "aulabot" {
			t.Errorf("bot message = %+v, want rendered %q", got, want)
		}
	})

	t.Run("GroupReplyAndPress", func(t *testing.T) {
		sent, err := bot.Send(tgbotapi.NewMessage(-2001, "Ticket UNSA-1"))
		if err != nil {
			t.Fatal(err)
		}
		var m webMessage
		if code := webCall(t, hs, "POST", "/sandbox/api/send", sendRequest{From: 3001, Chat: -2001, Text: "ya lo veo", ReplyTo: sent.MessageID}, &m); code != 200 || m.ReplyTo != sent.MessageID {
			t.Fatalf("reply = %d %+v", code, m)
		}
		var pr map[string]string
		webCall(t, hs, "POST", "/sandbox/api/press", sendRequest{From: 3001, Chat: -2001, MessageID: sent.MessageID, Data: "claim:1"}, &pr)
		if _, ok := s.CallbackAnswers(pr["callback_id"]); !ok {
			t.Errorf("press %v not recorded", pr)
		}
	})

	t.Run("Refused", func(t *testing.T) {
		for _, req := range []sendRequest{{From: 9, Chat: 9, Text: "x"}, {From: alice, Chat: 3001, Text: "x"}, {From: alice, Chat: -5, Text: "x"}, {From: alice, Chat: alice, Text: " "}} {
			var e map[string]string
			if code := webCall(t, hs, "POST", "/sandbox/api/send", req, &e); code != 400 || e["error"] == "" {
				t.Errorf("send %+v = %d %v, want 400 with an error", req, code, e)
			}
		}
	})

	t.Run("Upload", func(t *testing.T) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		_ = mw.WriteField("from", "1001")
		_ = mw.WriteField("chat", "1001")
		_ = mw.WriteField("caption", "captura")
		fw, _ := mw.CreateFormFile("file", "error.txt")
		_, _ = fw.Write([]byte("stack trace"))
		mw.Close()
		resp, err := hs.Client().Post(hs.URL+"/sandbox/api/upload", mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		var m webMessage
		_ = json.NewDecoder(resp.Body).Decode(&m)
		resp.Body.Close()
		if m.File == nil || m.File.Name != "error.txt" || m.Text != "captura" {
			t.Fatalf("upload = %+v", m)
		}
		dl, err := hs.Client().Get(hs.URL + m.FileURL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(dl.Body)
		dl.Body.Close()
		if string(b) != "stack trace" || !strings.Contains(dl.Header.Get("Content-Disposition"), "error.txt") {
			t.Errorf("download = %q %v", b, dl.Header)
		}
	})
}

func TestWeb_Events(t *testing.T) {
	s, bot, hs := newTestBot(t, Options{})
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", hs.URL+"/sandbox/events?chat=1001", nil)
	resp, err := hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	// next returns the next event's name and data.
	next := func() (string, webEvent) {
		t.Helper()
		var name string
		for sc.Scan() {
			line := sc.Text()
			if v, ok := strings.CutPrefix(line, "event: "); ok {
				name = v
			}
			if v, ok := strings.CutPrefix(line, "data: "); ok {
				var e webEvent
				if err := json.Unmarshal([]byte(v), &e); err != nil {
					t.Fatal(err)
				}
				return name, e
			}
		}
		t.Fatalf("stream ended: %v", sc.Err())
		return "", webEvent{}
	}
	s.SendText(alice, alice, "<i>hola</i>")
	if name, e := next(); name != "message" || e.Message == nil || e.Message.Rendered != "&lt;i&gt;hola&lt;/i&gt;" {
		t.Fatalf("first event = %s %+v", name, e)
	}
	sent, err := bot.Send(tgbotapi.NewMessage(alice, "uno"))
	if err != nil {
		t.Fatal(err)
	}
	next()
	if _, err := bot.Send(tgbotapi.NewEditMessageText(alice, sent.MessageID, "dos")); err != nil {
		t.Fatal(err)
	}
	if name, e := next(); name != "edit" || e.Message.Text != "dos" || e.Message.Edited != 1 {
		t.Fatalf("edit event = %s %+v", name, e)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(alice, sent.MessageID)); err != nil {
		t.Fatal(err)
	}
	if name, e := next(); name != "delete" || e.ID != sent.MessageID {
		t.Fatalf("delete event = %s %+v", name, e)
	}
}
