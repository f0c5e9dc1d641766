package main

import (
	"flag"
	"testing"
	"time"
)

var (
	crashKills  = flag.Int("crash.kills", 5, "crash suite: SIGKILLs while people act")
	crashTerms  = flag.Int("crash.terms", 2, "crash suite: SIGTERMs while people act")
	crashEvery  = flag.Duration("crash.every", 4*time.Second, "crash suite: mean time between two stops")
	crashPeople = flag.Int("crash.people", 6, "crash suite: simulated people per university")
	crashSeed   = flag.Int64("crash.seed", 1, "crash suite: seed of the stop times")
)

// TestCrashSuite runs the real binary against the emulator while a crowd
// onboards, asks, books (racing for the last seats of a group session),
// cancels and reports problems that two technicians race to claim and then
// answer or resolve, with relays both ways, and while reminders and
// service-level timers fall due. Meanwhile the bot is killed with SIGKILL
// (and stopped with SIGTERM) at random moments, every other one aimed at a
// batch of updates the bot just took, and restarted each time.
// Then it checks: no update lost or unanswered, no ticket lost or
// duplicated, no slot over capacity, no booking lost, reminders once, no
// message sent twice by one process and after a kill only those in flight,
// the outbox empty, no panic, each SIGTERM a clean exit within 10 s.
//
// The short run (5 kills) is part of go test; the long one is
//
//	go test ./cmd/aulabot -run TestCrashSuite -crash.kills 25 -timeout 30m -v
func TestCrashSuite(t *testing.T) {
	t.Parallel() // the suites wait on the bot more than they compute: they share the time
	r := runScenario(t, scenario{
		name:   "crash suite",
		people: *crashPeople,
		kills:  *crashKills, terms: *crashTerms,
		every: *crashEvery,
		seed:  *crashSeed,
		wait:  60 * time.Second,
	})
	t.Log("\n" + r.summary())
	r.assert(t)
}
