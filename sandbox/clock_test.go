package sandbox

import (
	"testing"
	"time"
)

// TestClock: the clock moves forward only, by at most MaxAdvance at once,
// and reads the real time plus what it moved.
func TestClock(t *testing.T) {
	var c Clock
	if d := time.Since(c.Now()).Abs(); d > time.Second {
		t.Fatalf("a new clock is %v off the real time", d)
	}
	for _, d := range []time.Duration{0, -time.Hour, MaxAdvance + time.Minute} {
		if _, ok := c.Advance(d); ok || c.Ahead() != 0 {
			t.Errorf("Advance(%v) = ok %v, ahead %v: want refused, unmoved", d, ok, c.Ahead())
		}
	}
	now, ok := c.Advance(90 * time.Minute)
	if !ok || c.Ahead() != 90*time.Minute || (now.Sub(time.Now())-90*time.Minute).Abs() > time.Second {
		t.Fatalf("Advance(90m) = %v %v, ahead %v", now, ok, c.Ahead())
	}
	if _, ok := c.Advance(MaxAdvance); !ok || c.Ahead() != MaxAdvance+90*time.Minute {
		t.Errorf("a second advance: ahead %v", c.Ahead())
	}
}

// TestWeb_Clock: the web chat reads the clock, with the zone it shows
// times in, and moves it only once the bot has said what to do after a
// move; each move calls it with the new time.
func TestWeb_Clock(t *testing.T) {
	var c Clock
	s, _, hs := newTestBot(t, Options{Now: c.Now, Zone: "America/Lima"})
	var st clockState
	if webCall(t, hs, "GET", "/sandbox/api/clock", nil, &st); st.CanAdvance || st.Zone != "America/Lima" {
		t.Errorf("no clock in use, yet can advance, or not the universities' zone: %+v", st)
	}
	s.UseClock(&c, nil)
	if code := webCall(t, hs, "POST", "/sandbox/api/clock", map[string]int{"minutes": 60}, nil); code != 503 || c.Ahead() != 0 {
		t.Errorf("before the bot runs: %d, ahead %v; want 503, unmoved", code, c.Ahead())
	}
	var moved []time.Time
	s.UseClock(&c, func(now time.Time) { moved = append(moved, now) })
	if code := webCall(t, hs, "POST", "/sandbox/api/clock", map[string]int{"minutes": 1440}, &st); code != 200 || st.AheadMinutes != 1440 || !st.CanAdvance || len(moved) != 1 {
		t.Fatalf("advance a day = %d %+v, moved %v", code, st, moved)
	}
	if d := moved[0].Sub(time.Now()); d < 23*time.Hour || d > 25*time.Hour {
		t.Errorf("the bot was told the time %v from now, want a day", d)
	}
	if code := webCall(t, hs, "POST", "/sandbox/api/clock", map[string]int{"minutes": -5}, nil); code != 400 || c.Ahead() != 24*time.Hour || len(moved) != 1 {
		t.Errorf("going back: %d, ahead %v, moved %d times", code, c.Ahead(), len(moved))
	}
}

// TestClock_WentAt: a time that fell inside a jump of the clock went out
// then; any other is judged now. Only the latest maxJumps are known.
func TestClock_WentAt(t *testing.T) {
	var c Clock
	before := c.Now()
	c.Advance(24 * time.Hour)
	c.Advance(time.Hour)
	after := c.Now()
	for _, tc := range []struct {
		name string
		due  time.Time
		then bool
	}{
		{"in the first jump", before.Add(3 * time.Hour), true},
		{"in the second jump", before.Add(24*time.Hour + 30*time.Minute), true},
		{"before the jumps", before.Add(-time.Minute), false},
		{"after them", after.Add(time.Minute), false},
		{"never set", time.Time{}, false},
	} {
		got := c.WentAt(tc.due)
		if tc.then && !got.Equal(tc.due) {
			t.Errorf("%s: WentAt = %v, want the time it fell due", tc.name, got)
		}
		if !tc.then && (got.Before(after) || got.Sub(c.Now()).Abs() > time.Second) {
			t.Errorf("%s: WentAt = %v, want now (%v)", tc.name, got, c.Now())
		}
	}
	for range maxJumps {
		c.Advance(time.Minute)
	}
	if due := before.Add(3 * time.Hour); !c.WentAt(due).After(after) {
		t.Errorf("a jump older than the latest %d is still known", maxJumps)
	}
}
