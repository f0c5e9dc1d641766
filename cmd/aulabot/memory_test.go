package main

import (
	"context"
	"runtime/debug"
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

// The trim frees once after each busy time, at the first quiet period,
// never while busy; and while quiet whenever the heap holds regrowth more
// than after the last free (a bot polling a server that answers at once
// allocates about 1.4 MB a period, and its resident memory grew from 47
// to 59 MB in two minutes idle), not otherwise.
func TestTrimState(t *testing.T) {
	const mb = 1 << 20
	base := uint64(20 * mb)
	const busyAlloc = 8 << 20
	s := trimState{busy: busyAlloc, allocated: 1 << 30, base: base}
	for i, step := range []struct {
		alloc, held uint64 // the period's allocations; the heap's memory at its end
		free        bool
		after       uint64 // the heap's memory after the free
	}{
		{100 << 10, base, false, 0},                         // quiet from the start
		{busyAlloc / 4, base + regrowth - 1, false, 0},      // an idle bot on an eager server: grown under regrowth
		{busyAlloc / 4, base + regrowth, true, base},        // grown by regrowth: freed
		{busyAlloc / 4, base + regrowth/2, false, 0},        // grown since, under regrowth
		{busyAlloc, base + 20*mb, false, 0},                 // busy: never freed while busy
		{5 * busyAlloc, base + 40*mb, false, 0},             // busier
		{mb, base + 40*mb, true, base + 5*mb},               // quiet after busy: freed
		{0, base + 5*mb + regrowth/2, false, 0},             // still quiet, barely grown: not again
		{busyAlloc - 1, base + 5*mb + regrowth/2, false, 0}, // below the mark: quiet
		{busyAlloc * 3, base + 5*mb + regrowth/2, false, 0}, // busy again, the heap no bigger
		{0, base + 5*mb + regrowth/2, true, base + 4*mb},    // quiet: freed again
		{0, base + 4*mb + regrowth - 1, false, 0},           // just under regrowth
		{0, base + 4*mb + regrowth, true, base},             // at it
	} {
		if got := s.tick(s.allocated+step.alloc, step.held); got != step.free {
			t.Fatalf("step %d (%d KiB allocated, %d KiB held): free %v, want %v", i, step.alloc>>10, step.held>>10, got, step.free)
		}
		if step.free {
			s.base = step.after
		}
	}
}

// trimWhenIdle reads the two figures at each tick, frees when
// trimState says so, reads the heap again after the free (the next
// free's base), and returns when its context ends.
func TestTrimWhenIdle(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	// The figures are handed over one read at a time and each free is
	// waited for, so the test knows what the loop reads and does, and
	// when.
	allocated, held, freed := make(chan uint64), make(chan uint64), make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		trimWhenIdle(ctx, 10*time.Second, tick, func() uint64 { return <-allocated }, func() uint64 { return <-held }, func() { freed <- struct{}{} })
	}()
	give := func(what string, ch chan<- uint64, v uint64) {
		t.Helper()
		select {
		case ch <- v:
		case <-freed:
			t.Fatalf("freed where it should have read %s", what)
		case <-time.After(10 * time.Second):
			t.Fatalf("trimWhenIdle did not read %s", what)
		}
	}
	const mb = 1 << 20
	total := uint64(1 << 30)
	give("the allocations at the start", allocated, total)
	give("the heap at the start", held, 20*mb)
	for i, step := range []struct {
		alloc, held uint64
		free        bool
	}{
		{0, 20 * mb, false},
		{busyRate * 10, 30 * mb, false}, // busy: 10 s at busyRate
		{0, 30 * mb, true},              // quiet after busy; the heap after the free is 10 MiB
		{0, 10*mb + regrowth, true},     // grown by regrowth over what the free left
		{0, 10*mb + regrowth - 1, false},
	} {
		select {
		case tick <- time.Time{}:
		case <-freed:
			t.Fatalf("step %d: freed after step %d", i, i-1)
		}
		total += step.alloc
		give("the allocations", allocated, total)
		give("the heap", held, step.held)
		if step.free {
			select {
			case <-freed:
			case <-time.After(10 * time.Second):
				t.Fatalf("step %d: no free", i)
			}
			give("the heap after the free", held, 10*mb)
		}
	}
	cancel()
	select {
	case <-done:
	case <-freed:
		t.Fatal("freed after the last step")
	case <-time.After(10 * time.Second):
		t.Fatal("trimWhenIdle did not return when its context ended")
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
