package bot

import (
	"testing"
	"time"
)

// People idle for a minute are forgotten, so the buckets of a crowd that
// wrote once do not stay in memory.
func TestThrottle_ForgetsIdlePeople(t *testing.T) {
	th := throttle{perMinute: 30}
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	for p := range int64(10000) {
		th.check(p, now)
	}
	if got := len(th.people); got != 10000 {
		t.Fatalf("%d buckets after 10,000 people wrote, want 10,000", got)
	}
	now = now.Add(time.Minute)
	if got := th.check(1, now); got != limitPass {
		t.Errorf("verdict after a minute = %v, want pass", got)
	}
	if got := len(th.people); got != 1 {
		t.Errorf("%d buckets a minute later, want 1 (the one who wrote again)", got)
	}
}
