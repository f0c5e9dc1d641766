package handlers

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// internalHandlers are Handlers of the demo configuration on a new
// database (returned too), with no sender and no knowledge base.
func internalHandlers(t *testing.T) (*Handlers, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := config.Demo()
	return New(cfg, service.New(cfg), Adapt[*store.Tx](st, store.ErrDuplicate), nil, slog.New(slog.NewTextHandler(io.Discard, nil))), st
}

// A worker whose list of jobs was read before another worker of the same
// process ran a job, committed it and gave it back does not run the job
// again: it would call the job's server (an LLM's) a second time for
// nothing. Seen once as an LLM answer asked twice in a loaded run.
func TestBackground_StaleListRunsNothingTwice(t *testing.T) {
	h, st := internalHandlers(t)
	var loads atomic.Int32
	lib := knowledge.NewLibrary(func() (*knowledge.Base, []knowledge.Problem, error) {
		loads.Add(1)
		return knowledge.Load(knowledge.Builtin(), ".")
	})
	h.Knowledge = knowledge.NewService(lib, nil, false, nil)
	if err := st.Update(func(tx *store.Tx) error { return tx.ReloadLater(1001, aulabot.LangEN) }); err != nil {
		t.Fatal(err)
	}
	var stale []aulabot.Job
	if err := st.View(func(tx *store.Tx) (err error) { stale, err = tx.BackgroundJobs(10); return err }); err != nil || len(stale) != 1 {
		t.Fatalf("jobs %v, %v", stale, err)
	}
	if err := h.RunBackgroundJobs(context.Background()); err != nil || loads.Load() != 1 {
		t.Fatalf("the first run: %d loads, %v", loads.Load(), err)
	}
	// The other worker takes the job from its list after the first gave
	// it back.
	if !h.bg().take(stale[0].ID) {
		t.Fatal("the job was not given back")
	}
	if err := h.runTaken(context.Background(), stale[0]); err != nil {
		t.Fatal(err)
	}
	if n := loads.Load(); n != 1 {
		t.Errorf("the base was loaded %d times: the job ran again", n)
	}
	if h.bg().take(stale[0].ID) {
		h.bg().release(stale[0].ID, false)
	} else {
		t.Error("the job was not given back after the stale run")
	}
}
