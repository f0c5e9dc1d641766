package bot_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
)

// Announcements (aulabot.BulkLane) go one at a time, so a crash can send
// at most one of them twice; other messages do not wait for them. While
// the first announcement's call hangs, a reply to a third chat, queued
// after the announcements to two chats, is delivered, and no second
// announcement reaches Telegram until the first is answered.
func TestOutbox_OneAnnouncementInFlight(t *testing.T) {
	release, arrived := make(chan struct{}), make(chan struct{}, 1)
	var inFlight, most atomic.Int32
	e := newEnvWith(t, sandbox.Options{}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(strings.NewReader(string(body)))
			if !strings.Contains(string(body), "announcement") {
				next.ServeHTTP(w, r)
				return
			}
			n := inFlight.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			select {
			case arrived <- struct{}{}: // the first: Telegram is slow with it
				<-release
			default:
			}
			next.ServeHTTP(w, r)
			inFlight.Add(-1)
		})
	})
	e.run()
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	t.Cleanup(free) // before the outbox stops: it waits for the held call
	for _, id := range []int64{101, 102, 103, 104, 105} {
		e.sb.AddUser(sandbox.User{ID: id, FirstName: "U"})
	}
	e.enqueue(
		aulabot.Message{ChatID: 101, Lane: aulabot.BulkLane, Text: "announcement 1"},
		aulabot.Message{ChatID: 102, Lane: aulabot.BulkLane, Text: "announcement 2"},
		aulabot.Message{ChatID: 103, Lane: aulabot.BulkLane, Text: "announcement 3"},
		aulabot.Message{ChatID: 104, Lane: aulabot.BulkLane, Text: "announcement 4"},
		aulabot.Message{ChatID: 105, Lane: aulabot.BulkLane, Text: "announcement 5"},
		aulabot.Message{ChatID: 9, Text: "your answer"},
	)
	<-arrived
	e.waitText(9, "your answer")
	e.enqueue(aulabot.Message{ChatID: 9, Text: "and another"}) // a round trip more for any other announcement to arrive
	e.waitText(9, "and another")
	free()
	for i, id := range []int64{101, 102, 103, 104, 105} {
		e.waitText(id, fmt.Sprintf("announcement %d", i+1))
	}
	if m := most.Load(); m != 1 {
		t.Errorf("%d announcements in flight at once, want 1", m)
	}
}
