package knowledge

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

func TestLibrary_Reload(t *testing.T) {
	fsys := fstest.MapFS{"a.md": art("a", "es", "")}
	lib := NewLibrary(func() (*Base, []Problem, error) { return Load(fsys, ".") })
	if lib.Current() != nil {
		t.Fatal("base before the first reload")
	}
	if probs, err := lib.Reload(); err != nil || probs != nil {
		t.Fatalf("first reload: %v %v", probs, err)
	}
	first := lib.Current()
	if _, ok := first.Article("a"); !ok {
		t.Fatal("article a missing")
	}

	t.Run("BrokenArticleKeepsOldBase", func(t *testing.T) {
		fsys["b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\nlang: klingon\n---\nbody\n")}
		probs, err := lib.Reload()
		if !errors.Is(err, ErrProblems) || len(probs) != 1 || probs[0].File != "b.md" {
			t.Fatalf("got %v %v", probs, err)
		}
		if lib.Current() != first {
			t.Error("base replaced despite problems")
		}
		if r := lib.Current().Search(Query{Text: "Title a", Lang: "es"}); len(r.Hits) == 0 {
			t.Error("old base no longer searchable")
		}
	})
	t.Run("FixedArticleSwapsIn", func(t *testing.T) {
		fsys["b.md"] = art("b", "es", "")
		if probs, err := lib.Reload(); err != nil {
			t.Fatalf("got %v %v", probs, err)
		}
		if _, ok := lib.Current().Article("b"); !ok {
			t.Error("new article missing after reload")
		}
	})
	t.Run("LoadErrorKeepsOldBase", func(t *testing.T) {
		cur := lib.Current()
		bad := NewLibrary(func() (*Base, []Problem, error) { return nil, nil, os.ErrPermission })
		if _, err := bad.Reload(); !errors.Is(err, os.ErrPermission) || bad.Current() != nil {
			t.Errorf("got %v", err)
		}
		if lib.Current() != cur {
			t.Error("unrelated library changed")
		}
	})
}

// TestLibrary_ConcurrentReload searches from many goroutines while the base
// is replaced (run with -race).
func TestLibrary_ConcurrentReload(t *testing.T) {
	lib := NewLibrary(func() (*Base, []Problem, error) { return Load(os.DirFS("testdata"), "kb") })
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				r := lib.Current().Search(Query{Text: "no puedo subir mi tarea", Lang: "es"})
				if len(r.Hits) == 0 || r.Hits[0].Article.ID != "moodle-entregar-tarea" {
					t.Errorf("got %s", ids(r.Hits))
					return
				}
			}
		})
	}
	for range 3 {
		if _, err := lib.Reload(); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
}

func TestLibrary_Watch(t *testing.T) {
	old := DebounceDelay
	DebounceDelay = 20 * time.Millisecond
	defer func() { DebounceDelay = old }()

	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", string(art("a", "es", "").Data))
	lib := NewLibrary(func() (*Base, []Problem, error) { return Load(os.DirFS(dir), ".") })
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type reload struct {
		probs []Problem
		err   error
	}
	done := make(chan reload, 10)
	stopped := make(chan error, 1)
	go func() { stopped <- lib.Watch(ctx, dir, func(p []Problem, err error) { done <- reload{p, err} }) }()
	// waitAfter writes a file and waits for a reload. Watch starts in its
	// goroutine, so the first write may come before the folder is watched:
	// the write is repeated until a reload reports.
	waitAfter := func(name, content string) reload {
		t.Helper()
		write(name, content)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case r := <-done:
				return r
			case <-tick.C:
				write(name, content)
			case <-timeout:
				t.Fatal("no reload after a change")
			}
		}
	}

	for {
		r := waitAfter("sub/b.md", string(art("b", "es", "").Data))
		if r.err != nil {
			t.Fatal(r.err)
		}
		if _, ok := lib.Current().Article("b"); ok {
			break
		}
	}
	for { // late reloads from the previous change may come first
		r := waitAfter("c.md", "---\ntitle: C\n---\nno lang\n")
		if errors.Is(r.err, ErrProblems) && len(r.probs) > 0 {
			break
		}
	}
	if _, ok := lib.Current().Article("b"); !ok {
		t.Error("broken edit replaced the base")
	}
	if err := lib.Watch(ctx, filepath.Join(dir, "missing"), nil); err == nil {
		t.Error("watching a missing folder did not fail")
	}
	cancel()
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("Watch returned %v after cancel, want context.Canceled", err)
	}
}

// TestBase_Shared: a base several libraries use (the
// tests' bots share one) stays open when one library replaces it and
// retires it, and the others still search it; an unshared one closes.
func TestBase_Shared(t *testing.T) {
	load := func() *Base {
		t.Helper()
		b, probs, err := Load(os.DirFS("testdata"), "kb")
		if err != nil || len(probs) > 0 {
			t.Fatal(err, probs)
		}
		return b
	}
	shared, own := load().Share(), load()
	q := Query{Text: "entregar tarea", Lang: "es"}
	for _, b := range []*Base{shared, own} {
		if len(b.Search(q).Hits) == 0 {
			t.Fatal("no hits before closing")
		}
		b.Close()
	}
	if len(shared.Search(q).Hits) == 0 {
		t.Error("the shared base was closed")
	}
	if len(own.Search(q).Hits) != 0 {
		t.Error("the base of one library stayed open")
	}
}
