package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"slices"
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

	t.Run("Edit", func(t *testing.T) {
		var m webMessage
		webCall(t, hs, "POST", "/sandbox/api/send", sendRequest{From: alice, Chat: alice, Text: "helo"}, &m)
		var edited webMessage
		if code := webCall(t, hs, "POST", "/sandbox/api/edit", sendRequest{From: alice, Chat: alice, MessageID: m.ID, Text: "hello"}, &edited); code != 200 || edited.ID != m.ID || edited.Plain != "hello" || edited.Edited == 0 {
			t.Fatalf("edit = %d %+v", code, edited)
		}
		sent, err := bot.Send(tgbotapi.NewMessage(alice, "from the bot"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			req  sendRequest
			code int
		}{
			{sendRequest{From: alice, Chat: alice, MessageID: sent.MessageID, Text: "x"}, 404}, // the bot's
			{sendRequest{From: alice, Chat: alice, MessageID: m.ID + 100, Text: "x"}, 404},
			{sendRequest{From: alice, Chat: alice, MessageID: m.ID, Text: " "}, 400},
			{sendRequest{From: 3001, Chat: alice, MessageID: m.ID, Text: "x"}, 400}, // someone else's chat
		} {
			var e map[string]string
			if code := webCall(t, hs, "POST", "/sandbox/api/edit", c.req, &e); code != c.code || e["error"] == "" {
				t.Errorf("edit %+v = %d %v, want %d with an error", c.req, code, e, c.code)
			}
		}
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range ups {
			if u.EditedMessage != nil {
				got = append(got, u.EditedMessage.Text)
			}
		}
		if !slices.Equal(got, []string{"hello"}) {
			t.Errorf("the bot got edits %q, want one: hello", got)
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

// TestWeb_Album: photos chosen together in the web chat reach the bot as
// Telegram's album: a message each, one media_group_id, the caption on
// the first. One photo, more than ten, or a document is refused.
func TestWeb_Album(t *testing.T) {
	_, bot, hs := newTestBot(t, Options{})
	post := func(path, caption string, replyTo int, files map[string]string) (*http.Response, []byte) {
		t.Helper()
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		_ = mw.WriteField("from", "1001")
		_ = mw.WriteField("chat", "1001")
		_ = mw.WriteField("caption", caption)
		if replyTo != 0 {
			_ = mw.WriteField("reply_to", fmt.Sprint(replyTo))
		}
		names := slices.Sorted(maps.Keys(files))
		for _, name := range names {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, name))
			h.Set("Content-Type", files[name])
			fw, _ := mw.CreatePart(h)
			_, _ = fw.Write([]byte("data of " + name))
		}
		mw.Close()
		resp, err := hs.Client().Post(hs.URL+path, mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, b
	}
	resp, b := post("/sandbox/api/album", "así sale", 0, map[string]string{"a.png": "image/png", "b.png": "image/png", "c.jpg": "image/jpeg"})
	var got struct{ Messages []webMessage }
	if err := json.Unmarshal(b, &got); err != nil || resp.StatusCode != 200 || len(got.Messages) != 3 {
		t.Fatalf("album: %d %s", resp.StatusCode, b)
	}
	first := got.Messages[0]
	for i, m := range got.Messages {
		if m.Album == "" || m.Album != first.Album || m.File == nil || !m.File.Photo || (i == 0) != (m.Text == "así sale") {
			t.Errorf("part %d: %+v", i, m)
		}
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 0})
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, u := range ups {
		if u.Message != nil && len(u.Message.Photo) > 0 {
			groups = append(groups, u.Message.MediaGroupID)
		}
	}
	if len(groups) != 3 || groups[0] == "" || groups[0] != groups[2] {
		t.Errorf("the bot got photos of albums %q", groups)
	}
	many := map[string]string{}
	for i := range maxAlbum + 1 {
		many[fmt.Sprintf("%02d.png", i)] = "image/png"
	}
	for what, files := range map[string]map[string]string{
		"one photo":  {"a.png": "image/png"},
		"eleven":     many,
		"a document": {"a.png": "image/png", "b.pdf": "application/pdf"},
	} {
		if resp, b := post("/sandbox/api/album", "", 0, files); resp.StatusCode != 400 {
			t.Errorf("%s: %d %s", what, resp.StatusCode, b)
		}
	}
	// As a reply (a screenshot answering the team's question, in the
	// group by Reply): an album's every part, and a single file.
	_, b = post("/sandbox/api/album", "", first.ID, map[string]string{"a.png": "image/png", "b.png": "image/png"})
	var replied struct{ Messages []webMessage }
	if err := json.Unmarshal(b, &replied); err != nil || len(replied.Messages) != 2 || replied.Messages[0].ReplyTo != first.ID || replied.Messages[1].ReplyTo != first.ID {
		t.Errorf("an album as a reply: %s", b)
	}
	_, b = post("/sandbox/api/upload", "esta", first.ID, map[string]string{"a.png": "image/png"})
	var one webMessage
	if err := json.Unmarshal(b, &one); err != nil || one.ReplyTo != first.ID || one.File == nil {
		t.Errorf("a file as a reply: %s", b)
	}
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

// TestWeb_Guard: a page of another origin in the same browser, a name of
// another site pointing at the sandbox (DNS rebinding) and a non-JSON post
// cannot act as a demo person.
func TestWeb_Guard(t *testing.T) {
	s, _, hs := newTestBot(t, Options{})
	body := `{"from":1001,"chat":1001,"text":"hola"}`
	do := func(method, path, ct, body string, header ...string) int {
		t.Helper()
		req, _ := http.NewRequest(method, hs.URL+path, strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		for i := 0; i+1 < len(header); i += 2 {
			if header[i] == "Host" {
				req.Host = header[i+1]
			} else {
				req.Header.Set(header[i], header[i+1])
			}
		}
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	own := strings.TrimPrefix(hs.URL, "http://")
	tests := []struct {
		name   string
		method string
		path   string
		ct     string
		header []string
		want   int
	}{
		{"SameOrigin", "POST", "/sandbox/api/send", "application/json", []string{"Origin", hs.URL, "Sec-Fetch-Site", "same-origin"}, 200},
		{"NotABrowser", "POST", "/sandbox/api/send", "application/json", nil, 200},
		{"Localhost", "GET", "/sandbox/api/people", "", []string{"Host", "localhost:8080"}, 200},
		{"OtherOrigin", "POST", "/sandbox/api/send", "application/json", []string{"Origin", "http://evil.example"}, 403},
		{"CrossSite", "POST", "/sandbox/api/press", "application/json", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"FormUpload", "POST", "/sandbox/api/upload", "multipart/form-data; boundary=x", []string{"Origin", "http://evil.example"}, 403},
		{"FormAlbum", "POST", "/sandbox/api/album", "multipart/form-data; boundary=x", []string{"Origin", "http://evil.example"}, 403},
		{"BotAPIFromAPage", "POST", "/bot" + s.Token() + "/sendMessage", "application/x-www-form-urlencoded", []string{"Origin", "http://evil.example"}, 403},
		{"Rebinding", "GET", "/sandbox/api/people", "", []string{"Host", "evil.example:" + own[strings.LastIndex(own, ":")+1:]}, 421},
		{"RebindingPost", "POST", "/sandbox/api/send", "application/json", []string{"Host", "evil.example", "Origin", "http://evil.example"}, 421},
		{"PlainText", "POST", "/sandbox/api/send", "text/plain", nil, 415},
		{"FormEncoded", "POST", "/sandbox/api/press", "application/x-www-form-urlencoded", nil, 415},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := do(tt.method, tt.path, tt.ct, body, tt.header...); got != tt.want {
				t.Errorf("%s %s = %d, want %d", tt.method, tt.path, got, tt.want)
			}
		})
	}
	if n := len(s.Messages(alice)); n != 2 {
		t.Errorf("alice's chat has %d messages, want the 2 allowed sends", n)
	}

	t.Run("AllowHosts", func(t *testing.T) {
		s.AllowHosts("chat.example:8080")
		defer s.AllowHosts()
		if got := do("GET", "/sandbox/api/people", "", ""); got != 421 {
			t.Errorf("loopback host after AllowHosts = %d, want 421", got)
		}
		if got := do("GET", "/sandbox/api/people", "", "", "Host", "CHAT.example:8080"); got != 200 {
			t.Errorf("allowed host = %d, want 200", got)
		}
	})
}

func TestHostsFor(t *testing.T) {
	for _, tt := range []struct {
		addr string
		want []string
	}{
		{"127.0.0.1:8080", []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080"}},
		{"[::1]:9000", []string{"[::1]:9000", "localhost:9000", "127.0.0.1:9000"}},
		{"192.0.2.7:8080", []string{"192.0.2.7:8080"}},
		{"0.0.0.0:8080", []string{"0.0.0.0:8080", "localhost:8080", "127.0.0.1:8080"}},
	} {
		got := HostsFor(tt.addr)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("HostsFor(%s) = %v, missing %s", tt.addr, got, w)
			}
		}
		if tt.addr == "192.0.2.7:8080" && len(got) != 1 {
			t.Errorf("HostsFor(%s) = %v, want only itself", tt.addr, got)
		}
	}
}

// TestWeb_NewPerson: "New person" adds someone the bot has never met, who
// can write at once and whose updates carry the language chosen; bad
// names and languages are refused, and so is one past the bound.
func TestWeb_NewPerson(t *testing.T) {
	s, bot, hs := newTestBot(t, Options{Bounds: Bounds{NewPeople: 2}})
	s.AddUser(User{ID: FirstNewPerson, FirstName: "Taken"}) // an id in use is skipped

	var ana person
	if code := webCall(t, hs, "POST", "/sandbox/api/people", map[string]string{"name": "  Ana Quispe ", "lang": "en"}, &ana); code != 201 {
		t.Fatalf("POST people = %d %+v", code, ana)
	}
	if ana.ID != FirstNewPerson+1 || ana.Name != "Ana Quispe" || ana.Role != NewPersonRole {
		t.Errorf("added %+v, want Ana Quispe, new, id %d", ana, FirstNewPerson+1)
	}
	var people struct {
		People []person `json:"people"`
	}
	webCall(t, hs, "GET", "/sandbox/api/people", nil, &people)
	if !slices.ContainsFunc(people.People, func(p person) bool { return p == ana }) {
		t.Errorf("people = %+v, want Ana among them", people.People)
	}
	if code := webCall(t, hs, "POST", "/sandbox/api/send", sendRequest{From: ana.ID, Chat: ana.ID, Text: "/start"}, nil); code != 200 {
		t.Fatalf("Ana's /start = %d", code)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].Message.From.ID != ana.ID || ups[0].Message.From.LanguageCode != "en" || ups[0].Message.From.FirstName != "Ana Quispe" {
		t.Fatalf("bot got %+v, %v, want Ana's /start in English", ups, err)
	}

	for _, bad := range []map[string]string{{"name": " "}, {"name": strings.Repeat("a", 65)}, {"name": "Ana\nQuispe"}, {"name": "Ana", "lang": "fr"}} {
		var e map[string]string
		if code := webCall(t, hs, "POST", "/sandbox/api/people", bad, &e); code != 400 || e["error"] == "" {
			t.Errorf("POST people %q = %d %v, want 400 with a reason", bad, code, e)
		}
	}
	var luis person
	if code := webCall(t, hs, "POST", "/sandbox/api/people", map[string]string{"name": "Luis"}, &luis); code != 201 || luis.ID != FirstNewPerson+2 {
		t.Fatalf("second person = %d %+v", code, luis)
	}
	var e map[string]string
	if code := webCall(t, hs, "POST", "/sandbox/api/people", map[string]string{"name": "Third"}, &e); code != 409 || !strings.Contains(e["error"], "restart") {
		t.Errorf("a third past the bound of 2 = %d %v, want 409", code, e)
	}
	if n := len(s.Users()); n != 4 { // alice, Taken, Ana, Luis
		t.Errorf("%d people known, want 4", n)
	}
}
