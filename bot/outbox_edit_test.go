package bot_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// An edit reaches the ref's primary and every copy (the same post sent
// twice after a crash); a copy Telegram no longer has leaves the copies.
func TestOutbox_EditCopies(t *testing.T) {
	e := newEnv(t)
	e.sb.AddGroup(-100, "Team", 7)
	e.run()
	e.enqueue(
		aulabot.Message{ChatID: -100, Text: "UNMA-1 open", Ref: "ticket:UNMA-1"},
		aulabot.Message{ChatID: -100, Text: "UNMA-1 open", Ref: "copy1"},
		aulabot.Message{ChatID: -100, Text: "UNMA-1 open", Ref: "copy2"},
		aulabot.Message{ChatID: -100, Text: "sent"},
	)
	e.waitText(-100, "sent")
	var ids []int
	for _, ref := range []string{"ticket:UNMA-1", "copy1", "copy2"} {
		_, id, _ := e.store.Ref(ref)
		ids = append(ids, id)
	}
	err := e.store.Update(func(tx *store.Tx) error {
		if err := tx.AddRefCopy("ticket:UNMA-1", -100, ids[1]); err != nil {
			return err
		}
		return tx.AddRefCopy("ticket:UNMA-1", -100, ids[2])
	})
	if err != nil {
		t.Fatal(err)
	}
	e.enqueue(
		aulabot.Message{ChatID: -100, EditRef: "ticket:UNMA-1", Text: "UNMA-1 claimed"},
		aulabot.Message{ChatID: -100, EditMessageID: ids[2], Delete: true}, // an admin removed a copy
		aulabot.Message{ChatID: -100, EditRef: "ticket:UNMA-1", Text: "UNMA-1 resolved"},
		aulabot.Message{ChatID: -100, Text: "end"},
	)
	e.waitText(-100, "end")
	var got []string
	for _, m := range e.sb.Messages(-100) {
		got = append(got, m.Text)
	}
	if want := []string{"UNMA-1 resolved", "UNMA-1 resolved", "sent", "end"}; !slices.Equal(got, want) {
		t.Errorf("group shows %q, want %q", got, want)
	}
	if copies := e.store.RefCopies("ticket:UNMA-1"); !slices.Equal(copies, []store.MessageLoc{{ChatID: -100, MessageID: ids[1]}}) {
		t.Errorf("copies = %v, want only %d (the other is gone)", copies, ids[1])
	}
	if r := e.report(); r.DeadTotal != 0 {
		t.Errorf("dead letters: %+v", r.Dead)
	}
}

// EditCaption edits a file's caption with editMessageCaption.
func TestOutbox_EditCaption(t *testing.T) {
	e := newEnv(t)
	e.run()
	e.enqueue(
		aulabot.Message{ChatID: 7, Text: "📎 UNMA-1 · Ana: screenshot", Ref: "att:UNMA-1:1", File: &aulabot.OutFile{Name: "error.pdf", Data: []byte("%PDF-1.4 ...")}},
		aulabot.Message{ChatID: 7, EditRef: "att:UNMA-1:1", EditCaption: true, Text: "📎 UNMA-1 · (data deleted)"},
	)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := e.sb.WaitFor(ctx, 7, func(m sandbox.Message) bool { return m.Text == "📎 UNMA-1 · (data deleted)" })
	if err != nil {
		t.Fatal(err)
	}
	if m.File == nil || m.Edited != 1 || len(e.sb.Messages(7)) != 1 {
		t.Errorf("message = %+v, want the document with its caption edited", m)
	}
	if got := e.sb.Calls("editMessageCaption"); got != 1 {
		t.Errorf("editMessageCaption called %d times", got)
	}
}

// Leave leaves the group only after every message queued before it in the
// group, whatever its lane, is sent; its text goes first.
func TestOutbox_Leave(t *testing.T) {
	var mu sync.Mutex
	var seen [][]string // the group's messages when leaveChat came
	var e *env
	e = newEnvWith(t, sandbox.Options{}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/leaveChat") {
				next.ServeHTTP(w, r)
				return
			}
			mu.Lock()
			seen = append(seen, botTexts(e.sb, -100))
			mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"ok":true,"result":true}`)
		})
	})
	e.sb.AddGroup(-100, "Not configured", 7)
	e.enqueue(
		aulabot.Message{ChatID: -100, Lane: "a", Text: "a1"},
		aulabot.Message{ChatID: -100, Lane: "b", Text: "b1"},
		aulabot.Message{ChatID: -100, Lane: "a", Text: "a2"},
		aulabot.Message{ChatID: -100, Lane: "b", Text: "b2"},
		aulabot.Message{ChatID: -100, Leave: true, Text: "I only work in private chats"},
		aulabot.Message{ChatID: 8, Text: "end"},
	)
	stop := e.run()
	e.waitText(-100, "I only work in private chats")
	e.waitText(8, "end")
	stop()
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 1 {
		t.Fatalf("leaveChat called %d times, want once", len(seen))
	}
	if got := seen[0]; len(got) != 5 || got[4] != "I only work in private chats" {
		t.Errorf("when leaving the group showed %q, want the 4 earlier messages and the notice", got)
	}
	if d, _ := e.store.OutboxDepth(); d != 0 {
		t.Errorf("depth = %d", d)
	}
}

// "typing…" does not hold the handler: ChatAction returns while the
// emulator still holds the call (a synchronous call would return only when
// the client gave up, after logging the failure), and a second one for the
// same chat within a few seconds is dropped.
func TestSender_ChatActionDoesNotBlock(t *testing.T) {
	arrived, release := make(chan struct{}, 10), make(chan struct{})
	var releaseOnce sync.Once
	free := func() { releaseOnce.Do(func() { close(release) }) }
	var answered atomic.Bool
	e := newEnvWith(t, sandbox.Options{}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/sendChatAction") {
				arrived <- struct{}{}
				<-release // a hung Telegram
				answered.Store(true)
			}
			next.ServeHTTP(w, r)
		})
	})
	t.Cleanup(free) // before the emulator closes: it waits for the held call
	logs := captureLogs(e)
	if err := e.sender.ChatAction(context.Background(), 7, "typing"); err != nil {
		t.Fatal(err)
	}
	<-arrived
	if answered.Load() || logs.count("optional call failed") > 0 {
		t.Fatal("ChatAction returned only once its call had ended")
	}
	if err := e.sender.ChatAction(context.Background(), 7, "typing"); err != nil {
		t.Fatal(err)
	}
	free()
	e.sender.WaitActions()
	if got := e.sb.Calls("sendChatAction"); got != 1 {
		t.Errorf("sendChatAction called %d times, want 1 (the second within a few seconds dropped)", got)
	}
}
