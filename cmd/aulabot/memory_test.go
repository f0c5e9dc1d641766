package main

import (
	"context"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// gcSettings reads the collector's target and the soft memory limit.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// tuneMemory sets GOGC 200 and a limit of at least 64 MiB, and leaves
// alone what the operator set in the environment.
func TestTuneMemory(t *testing.T) {
	percent, limit := gcSettings()
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(1 << 40)
	got := tuneMemory(env(nil))
	if p, l := gcSettings(); p != gcPercent || l != got || l < minMemoryLimit || l >= 1<<40 {
		t.Errorf("no environment: GOGC %d, limit %d (returned %d), want %d and at least %d", p, l, got, gcPercent, minMemoryLimit)
	}

	debug.SetGCPercent(50)
	debug.SetMemoryLimit(1 << 40)
	got = tuneMemory(env(map[string]string{"GOGC": "50", "GOMEMLIMIT": "1TiB"}))
	if p, l := gcSettings(); p != 50 || l != 1<<40 || got != 1<<40 {
		t.Errorf("GOGC and GOMEMLIMIT set: GOGC %d, limit %d (returned %d), want both kept", p, l, got)
	}
}

// trimWhenIdle frees once after each busy time, at the first quiet
// period: never while busy, never again while quiet, and not when quiet
// from the start.
func TestTrimWhenIdle(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	// allocated answers with what the test hands it: the loop reads it
	// once at the start and once for each tick.
	total := make(chan uint64)
	var freed atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		trimWhenIdle(ctx, tick, func() uint64 { return <-total }, func() { freed.Add(1) })
	}()
	// Each step: what the period allocated, then how many frees so far.
	// A tick is taken only once the one before is done, so the count
	// after the next tick's send is final for the step before.
	steps := []struct {
		alloc uint64
		freed int32
	}{
		{100 << 10, 0},     // quiet from the start
		{busyAlloc, 0},     // busy
		{50 << 20, 0},      // busier
		{1 << 20, 1},       // quiet: freed
		{0, 1},             // still quiet: not again
		{busyAlloc - 1, 1}, // below the mark: quiet
		{busyAlloc * 3, 1}, // busy again
		{0, 2},             // quiet: freed again
	}
	sum := uint64(1 << 30)
	total <- sum
	for i, s := range steps {
		tick <- time.Time{}
		if i > 0 && freed.Load() != steps[i-1].freed {
			t.Fatalf("after step %d: %d frees, want %d", i-1, freed.Load(), steps[i-1].freed)
		}
		sum += s.alloc
		total <- sum
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("trimWhenIdle did not return when its context ended")
	}
	if got, want := freed.Load(), steps[len(steps)-1].freed; got != want {
		t.Fatalf("after the last step: %d frees, want %d", got, want)
	}
}

// heapAllocated grows with what the process allocates.
func TestHeapAllocated(t *testing.T) {
	before := heapAllocated()
	sink = make([]byte, 8<<20)
	if got := heapAllocated() - before; got < 8<<20 {
		t.Errorf("heapAllocated grew by %d after allocating 8 MiB", got)
	}
}

var sink []byte
