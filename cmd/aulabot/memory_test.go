package main

import (
	"runtime/debug"
	"testing"
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
