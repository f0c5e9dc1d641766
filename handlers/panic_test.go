package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// panicky makes reading user 666 panic, as a bug in a handler would.
type panicky struct{ handlers.Store }

func (p panicky) View(fn func(tx handlers.Tx) error) error {
	return p.Store.View(func(tx handlers.Tx) error {
		if _, ok, _ := tx.User(1); !ok {
			panic("a bug")
		}
		return fn(tx)
	})
}

type noInstant struct{ answered []string }

func (n *noInstant) AnswerCallback(_ context.Context, id, text string, alert bool) error {
	n.answered = append(n.answered, text)
	return nil
}
func (n *noInstant) ChatAction(context.Context, int64, string) error { return nil }

func TestHandle_Panic(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	defer func() {
		if err := s.Check(); err != nil {
			t.Error(err)
		}
	}()
	in := &noInstant{}
	var logs strings.Builder
	cfg := config.Demo()
	h := handlers.New(cfg, service.New(cfg), panicky{handlers.Adapt[*store.Tx](s, store.ErrDuplicate)}, in,
		slog.New(slog.NewTextHandler(&logs, nil)))
	u := aulabot.Update{ID: 42, ChatID: 7, ChatType: "private", From: aulabot.Person{ID: 7, FirstName: "A", LanguageCode: "en"}, Text: "/help",
		Callback: &aulabot.Callback{ID: "cb1", Data: "lang:en"}}
	if err := h.Handle(context.Background(), u); err == nil {
		t.Error("a panic returned no error")
	}
	if !strings.Contains(logs.String(), "handler panic") || !strings.Contains(logs.String(), "update=42") {
		t.Errorf("log lacks the panic with the update id:\n%s", logs.String())
	}
	out, _ := s.Pending()
	if len(out) != 1 || !strings.Contains(out[0].Text, "Sorry, something went wrong") || out[0].ChatID != 7 {
		t.Errorf("outbox = %+v, want one apology to chat 7", out)
	}
	if len(in.answered) != 1 {
		t.Errorf("button answered %d times, want once (stops the spinner)", len(in.answered))
	}
	// The update is marked applied: a redelivery does not panic again.
	if ok, _ := s.Applied(42); !ok {
		t.Error("the update that panicked is not marked applied")
	}
	_ = io.Discard
}
