package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// guardHandlers are Handlers on a real store and the built-in base.
func guardHandlers(t *testing.T) *Handlers {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "aulabot.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Error(err)
		}
		s.Close()
	})
	cfg := config.Demo()
	h := New(cfg, service.New(cfg), Adapt[*store.Tx](s, store.ErrDuplicate), nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	kb, err := knowledge.BuiltinService()
	if err != nil {
		t.Fatal(err)
	}
	h.Knowledge = kb
	return h
}

// commitCalling commits an update whose function calls the knowledge base
// through call, and returns what came of it: bbolt turns a panic inside a
// batched transaction into an error, and a transaction run alone panics.
func commitCalling(h *Handlers, id int64, call func(c *Ctx)) (err error) {
	c := &Ctx{Context: context.Background(), h: h, Lang: "es",
		U: aulabot.Update{ID: id, ChatID: 90, From: aulabot.Person{ID: 90}, ChatType: aulabot.ChatPrivate}}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return c.Commit(func(tx Tx) error { call(c); return nil })
}

// TestKB_GuardTrips: every knowledge-base call from inside a commit fails
// loudly, and the same calls before the commit work.
func TestKB_GuardTrips(t *testing.T) {
	h := guardHandlers(t)
	q := aulabot.KBQuery{Text: "como entrego mi tarea", Lang: "es", Audience: "student", University: "unma"}
	calls := map[string]func(c *Ctx){
		"Search":         func(c *Ctx) { c.kb().Search(c, q) },
		"SearchEmbedded": func(c *Ctx) { c.kb().SearchEmbedded(c, q) },
		"Article":        func(c *Ctx) { c.kb().Article("moodle-entregar-tarea", q) },
		"Related":        func(c *Ctx) { c.kb().Related("moodle-entregar-tarea", 2, q) },
		"Compose":        func(c *Ctx) { c.kb().Compose(c, q.Text, "es", false, nil) },
		"Split":          func(c *Ctx) { c.kb().Split("<b>x</b>", 4096) },
		"Reload":         func(c *Ctx) { c.kb().Reload() },
		"ArticleReply":   func(c *Ctx) { h.articleReply(c, aulabot.KBArticle{ID: "moodle-entregar-tarea", Title: "t"}) },
	}
	id := int64(0)
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			id++
			err := commitCalling(h, id, call)
			if err == nil || !strings.Contains(err.Error(), errKBInCommit.Error()) {
				t.Fatalf("%s inside Commit: err = %v, want the guard's %q", name, err, errKBInCommit)
			}
			// Outside the commit the same call is fine.
			c := &Ctx{Context: context.Background(), h: h, Lang: "es"}
			call(c)
		})
	}
	if err := commitCalling(h, 100, func(c *Ctx) {}); err != nil {
		t.Errorf("a commit without knowledge-base calls: %v", err)
	}
}

// TestKB_OnlyThroughGuard is a vet-like check: the handlers call the
// knowledge base only through Ctx.kb, so the guard sees every call.
func TestKB_OnlyThroughGuard(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	direct := regexp.MustCompile(`\.Knowledge\.[A-Z]\w*\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "kb.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if direct.MatchString(line) {
				t.Errorf("%s:%d calls the knowledge base without the guard (use c.kb()): %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
