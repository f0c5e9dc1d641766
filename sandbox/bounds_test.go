package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// botCall runs a Bot API method in-process, as the HTTP handler would.
func botCall(t *testing.T, s *Server, method string, kv ...string) any {
	t.Helper()
	p := params{v: map[string]string{}, files: map[string]upload{}}
	for i := 0; i+1 < len(kv); i += 2 {
		p.v[kv[i]] = kv[i+1]
	}
	if method == "senddocument" {
		p.files["document"] = upload{name: "f.txt", mime: "text/plain", data: []byte("x")}
	}
	res, err := methods[method](s, context.Background(), p)
	if err != nil {
		t.Fatalf("%s %v: %v", method, kv, err.Desc)
	}
	return res
}

// TestServer_Bounded: a long sandbox session with many people leaves every
// history at its bound (at most a quarter over, between trims): messages
// per chat, events, the record, updates, presses and files.
func TestServer_Bounded(t *testing.T) {
	if got, want := New(Options{}).opts.Bounds, (Bounds{}).withDefaults(); got != want || want.MessagesPerChat != 500 {
		t.Fatalf("default bounds = %+v, want %+v", got, want)
	}
	// Bounds smaller than the defaults, so that a run that fits in a test
	// goes far past each of them.
	b := Bounds{MessagesPerChat: 40, Events: 500, Record: 800, Updates: 600, Answers: 100, Files: 20}
	s := New(Options{Bounds: b})
	const people, rounds = 100, 24
	members := make([]int64, people)
	for i := range members {
		members[i] = int64(100000 + i)
		s.AddUser(User{ID: members[i]})
	}
	s.AddGroup(-7001, "everyone", members...)
	for r := range rounds {
		for _, u := range members {
			s.SendText(u, u, fmt.Sprintf("question %d", r))
			s.SendText(u, -7001, "hi all")
			if r%4 == 0 {
				s.Press(u, u, 1, "kb:h:1:1")
			}
			chat := strconv.FormatInt(u, 10)
			botCall(t, s, "sendmessage", "chat_id", chat, "text", "answer", "reply_markup", `{"inline_keyboard":[[{"text":"👍","callback_data":"kb:h:1:1"}]]}`)
			if r%10 == 0 {
				botCall(t, s, "senddocument", "chat_id", chat)
			}
		}
		if r%4 == 3 { // the bot confirms what it got so far
			botCall(t, s, "getupdates", "offset", strconv.Itoa(s.nextUpd))
		}
	}
	botCall(t, s, "getupdates", "offset", strconv.Itoa(s.nextUpd))

	s.mu.Lock()
	defer s.mu.Unlock()
	over := func(what string, n, bound int) {
		t.Helper()
		if n > bound+bound/4 {
			t.Errorf("%s: %d kept, bound %d", what, n, bound)
		}
	}
	for id, c := range s.chats {
		over(fmt.Sprintf("messages of chat %d", id), len(c.msgs), b.MessagesPerChat)
	}
	if n := len(s.chats[-7001].msgs); n < b.MessagesPerChat {
		t.Errorf("group keeps %d messages, want its latest %d", n, b.MessagesPerChat)
	}
	over("events", len(s.events), b.Events)
	if s.events[0].Seq != s.eventBase+1 {
		t.Errorf("first kept event has seq %d, base %d", s.events[0].Seq, s.eventBase)
	}
	over("record", len(s.record), b.Record)
	over("updates remembered", len(s.history), b.Updates)
	if len(s.history) != len(s.histOrder) {
		t.Errorf("history %d, order %d", len(s.history), len(s.histOrder))
	}
	if len(s.updates) != 0 {
		t.Errorf("%d updates pending after confirming all", len(s.updates))
	}
	over("presses", len(s.answers), b.Answers)
	if len(s.answers) != len(s.answerLs) {
		t.Errorf("answers %d, order %d", len(s.answers), len(s.answerLs))
	}
	over("files", len(s.files), b.Files)
	if total := people * rounds * 2; s.nextUpd-1 != total+people*rounds/4 {
		t.Errorf("%d updates made, want %d", s.nextUpd-1, total+people*rounds/4)
	}
}

// Unconfirmed updates are bounded too: the oldest go first, as Telegram
// drops updates older than a day.
func TestServer_BoundedPending(t *testing.T) {
	s := New(Options{Bounds: Bounds{Updates: 100}})
	s.AddUser(User{ID: alice})
	for i := range 1000 {
		s.SendText(alice, alice, strconv.Itoa(i))
	}
	if n := s.Pending(); n > 125 || n < 100 {
		t.Errorf("pending = %d, want the latest 100 to 125", n)
	}
	res := botCall(t, s, "getupdates", "limit", "1").([]json.RawMessage)
	if len(res) != 1 {
		t.Fatalf("poll = %v", res)
	}
}

// The web chat's event stream starts at the oldest event kept when a page
// asks for older ones.
func TestWeb_EventsBounded(t *testing.T) {
	s, _, hs := newTestBot(t, Options{Bounds: Bounds{Events: 4}})
	for i := range 20 {
		s.SendText(alice, alice, strconv.Itoa(i))
	}
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", hs.URL+"/sandbox/events?after=1", nil)
	resp, err := hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	var ids []int
	for sc.Scan() && len(ids) < 1 {
		if v, ok := strings.CutPrefix(sc.Text(), "id: "); ok {
			n, _ := strconv.Atoi(v)
			ids = append(ids, n)
		}
	}
	s.mu.Lock()
	first, last := s.eventBase+1, s.lastEventLocked()
	s.mu.Unlock()
	if len(ids) == 0 || ids[0] != first || last-first >= 5 {
		t.Errorf("stream starts at event %v; kept %d to %d", ids, first, last)
	}
}
