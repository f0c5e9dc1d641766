package main

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

var (
	faultsRate        = flag.Float64("faults.rate", 0.05, "fault suite: share of the bot's calls of each class that fail")
	faultsPollTimeout = flag.Float64("faults.polltimeout", 0, "fault suite: share of getUpdates calls that hang until the client gives up")
	faultsPeople      = flag.Int("faults.people", 4, "fault suite: simulated people per university")
	faultsSeed        = flag.Int64("faults.seed", 1, "fault suite: seed of the injected failures")
)

// faultRules fails rate of each class's calls, spread over 429 (with
// retry_after), 500, timeouts and dropped connections, except that a
// getUpdates timeout happens at pollTimeout: it stops every update until
// the poll client gives up (45 s in bot/client.go), so at the rate of the
// others it would dominate every figure; -faults.polltimeout measures it.
func faultRules(rate, pollTimeout float64) []sandbox.FaultRule {
	rules := sandbox.EveryFault(rate)
	for i, r := range rules {
		if r.Class == sandbox.ClassPoll && r.Kind == sandbox.FaultTimeout {
			rules[i].Rate = pollTimeout
		}
	}
	return rules
}

// TestFaultSuite runs the crowd of the crash suite twice at the same time,
// against two emulators: one answers every call, the other injects
// Telegram's failures into -faults.rate of the bot's calls of each class.
// Both must keep every rule of the crash suite; the test reports the
// throughput and the delay from a person's action to the bot's answer
// under faults against without them.
//
//	go test ./cmd/aulabot -run TestFaultSuite -faults.rate 0.05 -v
func TestFaultSuite(t *testing.T) {
	t.Parallel() // the suites wait on the bot more than they compute: they share the time
	runs := []struct {
		name   string
		faults sandbox.Faults
	}{
		{"NoFaults", sandbox.Faults{}},
		{"Faults", sandbox.Faults{Seed: *faultsSeed, Rules: faultRules(*faultsRate, *faultsPollTimeout)}},
	}
	reports := make([]*report, len(runs))
	t.Run("runs", func(t *testing.T) {
		for i, run := range runs {
			t.Run(run.name, func(t *testing.T) {
				t.Parallel()
				reports[i] = runScenario(t, scenario{
					name:   fmt.Sprintf("fault suite: %s (rate %.3f, getUpdates timeouts %.3f)", run.name, *faultsRate, *faultsPollTimeout),
					people: *faultsPeople, faults: run.faults, seed: *faultsSeed,
					wait: 90 * time.Second,
				})
				t.Log("\n" + reports[i].summary())
				reports[i].assert(t)
			})
		}
	})
	if reports[0] == nil || reports[1] == nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s %14s %10s %10s %10s %8s\n", "run", "answers/s", "p50", "p99", "max", "faults")
	for i, r := range reports {
		fmt.Fprintf(&b, "%-10s %14.1f %10v %10v %10v %8d\n", runs[i].name, float64(len(r.latencies))/r.crowd.Seconds(),
			percentile(r.latencies, 50).Round(time.Millisecond), percentile(r.latencies, 99).Round(time.Millisecond),
			percentile(r.latencies, 100).Round(time.Millisecond), r.injected)
	}
	t.Log("\n" + b.String())
}
