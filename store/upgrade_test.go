package store_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// Upgrading from every schema version that exists: a database holding a
// person, a ticket, a queued message and a question, marked as written at
// schema v, opens at the current schema with everything readable and
// bbolt's consistency check passing. The migrations from v on run over
// data already in today's format, so this also shows they are safe to run
// twice (the older formats themselves are tested per migration above).
// A database marked newer than this binary is refused and left as it was,
// and its version can still be read without changing it (for restore).
func TestUpgrade_EverySchemaVersion(t *testing.T) {
	now := time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)
	fill := func(t *testing.T) string {
		p := filepath.Join(t.TempDir(), "aulabot.db")
		s, err := store.Open(p, store.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return now }
		err = s.Update(func(tx *store.Tx) error {
			if err := tx.PutUser(aulabot.User{ID: 7, Name: "Ana", University: "unsa", Role: aulabot.RoleTeacher}); err != nil {
				return err
			}
			if _, err := tx.CreateTicket(aulabot.Ticket{University: "unsa", Requester: 7, Category: "lms", Description: "no puedo entrar", Created: now}, 5); err != nil {
				return err
			}
			if _, err := tx.AddQuestion(aulabot.Question{UserID: 7, University: "unsa", Lang: "es", Text: "¿cómo subo una tarea?", Outcome: "answer", At: now}); err != nil {
				return err
			}
			_, err := tx.Enqueue(aulabot.Message{ChatID: 7, Text: "pendiente"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		return p
	}
	for v := 0; v < store.SchemaVersion(); v++ {
		t.Run(fmt.Sprintf("From%d", v), func(t *testing.T) {
			p := fill(t)
			setSchema(t, p, uint64(v))
			s, err := store.Open(p, store.Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if got, err := s.Schema(); err != nil || got != store.SchemaVersion() {
				t.Errorf("schema after the upgrade = %d, %v; want %d", got, err, store.SchemaVersion())
			}
			if u, ok, err := s.User(7); err != nil || !ok || u.Name != "Ana" {
				t.Errorf("user = %+v, %v, %v", u, ok, err)
			}
			err = s.View(func(tx *store.Tx) error {
				tk, ok, err := tx.Ticket("UNSA-1")
				if err != nil || !ok || tk.Description != "no puedo entrar" {
					t.Errorf("ticket = %+v, %v, %v", tk, ok, err)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if due, _, err := s.Due(now, 10); err != nil || len(due) != 1 || due[0].Text != "pendiente" {
				t.Errorf("due = %+v, %v", due, err)
			}
			if err := s.Check(); err != nil {
				t.Error(err)
			}
		})
	}
	t.Run("DowngradeRefused", func(t *testing.T) {
		p := fill(t)
		setSchema(t, p, uint64(store.SchemaVersion()+1))
		before, _ := os.ReadFile(p)
		_, err := store.Open(p, store.Options{})
		if err == nil || !strings.Contains(err.Error(), "newer than this aulabot") || !strings.Contains(err.Error(), "upgrade aulabot") {
			t.Errorf("open of a newer database: %v", err)
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Error("the refused database was changed")
		}
		ro, err := store.Open(p, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		if got, err := ro.Schema(); err != nil || got != store.SchemaVersion()+1 {
			t.Errorf("read-only Schema = %d, %v", got, err)
		}
	})
}
