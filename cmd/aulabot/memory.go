package main

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// minMemoryLimit is the smallest soft memory limit the bot sets: the
// built-in knowledge base lives in about 7 MB of heap, and a bot serving
// a term's traffic stays far below this.
const minMemoryLimit = 64 << 20

// memoryHeadroom is how many times the heap live after loading the
// knowledge base the limit allows at least, so that a large base (10,000
// articles: about 115 MB) never has its limit below what it needs: the
// garbage collector would then run without end.
const memoryHeadroom = 2

// gcPercent is the garbage collector's target (GOGC) unless GOGC is set:
// a collection once the heap has grown by twice what was live after the
// last one, where Go's default waits for it to grow by as much as was
// live. The live heap of a bot serving a term's traffic with the built-in
// base is about 11 MB, so the heap stays near 33 MB instead of 22 MB, far
// below the soft limit. In BenchmarkTerm
// (three runs interleaved with Go's default) the collector's share of the
// bot's CPU went from 11.7 % to 6 %; latencies did not change beyond the
// noise. Idle, the resident memory is the same (BenchmarkIdleRSS).
const gcPercent = 200

// tuneMemory returns to the operating system the memory that loading the
// knowledge base used and is garbage now, sets the collector's target to
// gcPercent unless GOGC is set, and sets the soft memory limit
// (runtime/debug.SetMemoryLimit) to max(64 MiB, 2 × the live heap), unless
// GOMEMLIMIT is set: that one is kept as it is. It returns the limit in
// force. serve and sandbox call it after every load of the base, once
// the base is warmed.
func tuneMemory(getenv func(string) string) int64 {
	debug.FreeOSMemory()
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	limit := max(int64(minMemoryLimit), memoryHeadroom*int64(ms.HeapAlloc))
	debug.SetMemoryLimit(limit)
	return limit
}

// After a busy time the heap keeps the free spans its peak needed: a bot
// that served a term's traffic for a while holds about 20 MB more than at
// start-up once it is quiet, and Go returns that to the system slowly or
// not at all. trimWhenIdle gives it back once the bot falls quiet.
const (
	// idleTrimEvery is how often the bot looks whether it has fallen quiet.
	idleTrimEvery = 30 * time.Second
	// busyAlloc is what a busy period allocates at least: a few dozen
	// questions. A quiet bot allocates a few hundred KB in idleTrimEvery
	// (its polls, its timers).
	busyAlloc = 4 << 20
)

// trimWhenIdle frees memory once after each busy time: at every tick it
// reads how much the process has allocated so far (allocated); a period
// that allocated busyAlloc or more was busy, and the first period after a
// busy one that did not calls free (debug.FreeOSMemory: a collection, and
// the free memory back to the system). It returns when ctx ends.
func trimWhenIdle(ctx context.Context, tick <-chan time.Time, allocated func() uint64, free func()) {
	last, busy := allocated(), false
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
		now := allocated()
		switch {
		case now-last >= busyAlloc:
			busy = true
		case busy:
			free()
			busy = false
		}
		last = now
	}
}

// heapAllocated is how many bytes the process has allocated on the heap
// since it started.
func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func (m *Main) idleTrimEvery() time.Duration {
	if m.IdleTrimEvery > 0 {
		return m.IdleTrimEvery
	}
	return idleTrimEvery
}
