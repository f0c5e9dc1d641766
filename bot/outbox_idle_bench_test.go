package bot_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
)

// BenchmarkOutbox_GroupWaiting measures what the outbox's worker costs
// while a team group's backlog waits for the group's limit (20 messages
// a minute), Telegram's limits on, against the emulator: cpu_ms/s is the
// process's CPU time (user and system) per second of a 3-second window
// after the first message went. Until 7 December the worker looked again
// every millisecond while the group waited for its next slot.
func BenchmarkOutbox_GroupWaiting(b *testing.B) {
	for i := 0; i < b.N; i++ {
		e := newEnvWith(b, sandbox.Options{Limits: true}, nil)
		e.sb.AddGroup(-100, "Team", 7)
		paced(e, nil)
		var msgs []aulabot.Message
		for k := range 30 {
			msgs = append(msgs, aulabot.Message{ChatID: -100, Text: fmt.Sprintf("post %d", k)})
		}
		e.enqueue(msgs...)
		stop := e.run()
		e.waitText(-100, "post 0")
		const window = 3 * time.Second
		before := cpuTime(b)
		wait := time.NewTimer(window)
		<-wait.C
		b.ReportMetric(float64((cpuTime(b)-before).Microseconds())/1000/window.Seconds(), "cpu_ms/s")
		b.ReportMetric(float64(len(botTexts(e.sb, -100))), "sent")
		stop()
	}
}

// cpuTime is the process's CPU time so far, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
