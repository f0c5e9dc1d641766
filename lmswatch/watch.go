package lmswatch

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"
)

// Watcher checks each target every Interval and hands every result to
// Record, which stores it (and tells whoever must be told).
type Watcher struct {
	Checker  *Checker
	Targets  map[string]string // university id -> LMS address
	Interval time.Duration
	Record   func(university string, r Result) error
	Log      *slog.Logger
}

// Round checks every target once, at the same time, and records the
// results in the order of the universities' ids. It returns the first
// error Record returned.
func (w *Watcher) Round(ctx context.Context) error {
	ids := make([]string, 0, len(w.Targets))
	for id := range w.Targets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	results := make([]Result, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = w.Checker.Check(ctx, w.Targets[id]) }()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return ctx.Err() // shutting down: a cut check says nothing of the LMS
	}
	var first error
	for i, id := range ids {
		if err := w.Record(id, results[i]); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Run checks at once and then every Interval until ctx ends; errors are
// logged.
func (w *Watcher) Run(ctx context.Context) {
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	for {
		if err := w.Round(ctx); err != nil && ctx.Err() == nil {
			w.Log.Error("lms watch", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
