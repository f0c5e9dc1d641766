package bot_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

var epoch = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

// stepClock is a clock the test moves.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *stepClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// capturedLogs collects what the runtime logs, so a test can wait for a line.
type capturedLogs struct {
	mu      sync.Mutex
	lines   []string
	changed chan struct{}
}

// captureLogs makes e's sender and outbox log to a capturedLogs.
func captureLogs(e *env) *capturedLogs {
	l := &capturedLogs{changed: make(chan struct{})}
	log := slog.New(l)
	e.sender.Log, e.outbox.Log = log, log
	return l
}

func (l *capturedLogs) Enabled(context.Context, slog.Level) bool { return true }
func (l *capturedLogs) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *capturedLogs) WithGroup(string) slog.Handler            { return l }

func (l *capturedLogs) Handle(_ context.Context, r slog.Record) error {
	line := r.Level.String() + " " + r.Message
	r.Attrs(func(a slog.Attr) bool { line += " " + a.String(); return true })
	l.mu.Lock()
	l.lines = append(l.lines, line)
	close(l.changed)
	l.changed = make(chan struct{})
	l.mu.Unlock()
	return nil
}

// wait blocks until a line containing s was logged, and returns it.
func (l *capturedLogs) wait(t testing.TB, s string) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		l.mu.Lock()
		ch := l.changed
		for _, line := range l.lines {
			if strings.Contains(line, s) {
				l.mu.Unlock()
				return line
			}
		}
		l.mu.Unlock()
		select {
		case <-ch:
		case <-timeout:
			t.Fatalf("no log line with %q", s)
		}
	}
}

// count is how many lines contain s.
func (l *capturedLogs) count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			n++
		}
	}
	return n
}
