package main

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// minMemoryLimit is the smallest soft memory limit the bot sets: the
// built-in knowledge base lives in about 3.5 MB of heap, and a bot serving
// a term's traffic stays far below this.
const minMemoryLimit = 64 << 20

// memoryHeadroom is how many times the heap live after loading the
// knowledge base the limit allows at least, so that a large base (10,000
// articles: about 70-80 MB) never has its limit below what it needs: the
// garbage collector would then run without end.
const memoryHeadroom = 2

// gcPercent is the garbage collector's target (GOGC) unless GOGC is set:
// a collection once the heap has grown by twice what was live after the
// last one, where Go's default waits for it to grow by as much as was
// live. The live heap of a bot serving a term's traffic with the built-in
// base was about 11 MB (2 December; 6-7 MB at start-up since the typo
// index was made compact on 4 December, against 10-11 MB), so the heap
// stays near three times that instead of twice, far below the soft limit. In BenchmarkTerm
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
// not at all. A quiet bot's heap also grows, slowly, up to the
// collector's target (three times what is live): with a server that
// answers empty polls at once, as some emulators do, an idle bot's
// resident memory climbed from 47 to 57 MB in 80 s. trimWhenIdle gives
// the memory back once the bot is quiet.
const (
	// idleTrimEvery is how often the bot looks whether it is quiet.
	idleTrimEvery = 10 * time.Second
	// busyRate is the allocation rate of a busy period, at least: six
	// updates a second or more (about 125 KiB each in BenchmarkTerm). A
	// quiet bot allocates about 10 KB a second with Telegram, which holds
	// an empty poll for 25 s, and about 140 KB a second with a server that
	// answers empty polls at once (the poller's 20 polls a second).
	busyRate = 800 << 10
	// regrowth is how much more memory than after the last trim the heap
	// may hold before a quiet bot trims again: with a server that
	// answers at once, a trim every period or two (a collection of a
	// 10 MB heap), and the bot's resident memory stays within about 2 MB
	// of what it is after start-up.
	regrowth = 1 << 20
)

// trimWhenIdle frees memory while the bot is quiet: at every tick (the
// ticks are every apart) it reads how much the process has allocated so
// far (allocated) and how much memory the heap holds (held), and calls free
// (debug.FreeOSMemory: a collection, and the free memory back to the
// system) when trimState.tick says so. It returns when ctx ends.
func trimWhenIdle(ctx context.Context, every time.Duration, tick <-chan time.Time, allocated, held func() uint64, free func()) {
	s := trimState{busy: uint64(busyRate * every.Seconds()), allocated: allocated(), base: held()}
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
		if s.tick(allocated(), held()) {
			free()
			s.base = held()
		}
	}
}

// trimState is trimWhenIdle's reckoning from one tick to the next.
type trimState struct {
	busy      uint64 // what a busy period allocates at least
	allocated uint64 // allocated at the last tick
	base      uint64 // held after the last free (or at the start)
	wasBusy   bool   // the last period that was not quiet was busy
}

// tick takes the period that ends with allocated and held, and says
// whether to free: a period that allocated s.busy or more was busy;
// one that did not frees if the period before was busy, or if the heap
// holds regrowth more than after the last free. The caller sets base
// after a free.
func (s *trimState) tick(allocated, held uint64) bool {
	period := allocated - s.allocated
	s.allocated = allocated
	switch {
	case period >= s.busy:
		s.wasBusy = true
	case s.wasBusy || held >= s.base+regrowth:
		s.wasBusy = false
		return true
	}
	return false
}

// heapAllocated is how many bytes the process has allocated on the heap
// since it started.
func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// heapHeld is how much memory the Go runtime holds from the system: all
// it has mapped but what it has given back (heap, stacks and its own
// structures; about the process's anonymous resident memory).
func heapHeld() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}

func (m *Main) idleTrimEvery() time.Duration {
	if m.IdleTrimEvery > 0 {
		return m.IdleTrimEvery
	}
	return idleTrimEvery
}
