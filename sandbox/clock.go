package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"time"
)

// MaxAdvance is the most one call to the clock may move it forward.
const MaxAdvance = 30 * 24 * time.Hour

// Clock is the real time moved forward on request, so that what happens
// hours or days later (reminders, escalations, surveys' reminders, the
// figures after a session) can be tried in the sandbox without waiting.
// It never goes back: what the bot stored at one time must not come
// before what it stored earlier. Its zero value is the real time.
type Clock struct {
	mu   sync.Mutex
	skew time.Duration
	// jumps are the spans each Advance skipped, in the clock's time, the
	// latest last (at most maxJumps).
	jumps [][2]time.Time
}

// maxJumps is how many of the latest jumps WentAt knows: what fell due in
// older ones went out long ago.
const maxJumps = 100

// Now is the real time plus every advance so far.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.skew)
}

// Advance moves the clock forward by d (0 < d ≤ MaxAdvance) and returns
// the new time; ok is false, and the clock unmoved, for any other d.
func (c *Clock) Advance(d time.Duration) (now time.Time, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 && d <= MaxAdvance {
		from := time.Now().Add(c.skew)
		c.skew += d
		c.jumps = append(c.jumps, [2]time.Time{from, from.Add(d)})
		if len(c.jumps) > maxJumps {
			c.jumps = slices.Delete(c.jumps, 0, len(c.jumps)-maxJumps)
		}
		ok = true
	}
	return time.Now().Add(c.skew), ok
}

// WentAt is when a message due at due would have gone out had the clock
// run instead of jumping: due itself when it fell due during a jump, else
// now. A reminder due during the skipped day goes out after the jump, as
// it would have on the day, rather than being dropped as past its time
// (until 6 December "+1 day" dropped the reminder a day before a session,
// which the web chat's guide says to try).
func (c *Clock) WentAt(due time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, j := range c.jumps {
		if due.After(j[0]) && !due.After(j[1]) {
			return due
		}
	}
	return time.Now().Add(c.skew)
}

// Ahead is how far the clock is ahead of the real time.
func (c *Clock) Ahead() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.skew
}

// clockControl is the web chat's clock: the Clock and what the bot does
// once it moved (runs what fell due).
type clockControl struct {
	mu    sync.Mutex
	clock *Clock
	moved func(time.Time) // nil until the bot is running
}

// UseClock makes the web chat's clock control move c, and calls moved
// after each move (with the new time) so that the bot can run at once
// what fell due; moved nil: the control answers that the bot is not
// ready. The server's own clock (Options.Now) should read c too.
func (s *Server) UseClock(c *Clock, moved func(time.Time)) {
	s.clockCtl.mu.Lock()
	defer s.clockCtl.mu.Unlock()
	s.clockCtl.clock, s.clockCtl.moved = c, moved
}

type clockState struct {
	Now          time.Time `json:"now"`
	AheadMinutes int64     `json:"ahead_minutes"`
	CanAdvance   bool      `json:"can_advance"`
	// Zone is Options.Zone: the web chat shows times in it.
	Zone string `json:"zone,omitempty"`
}

func (s *Server) clockStateLocked() clockState {
	c := s.clockCtl.clock
	if c == nil {
		return clockState{Now: s.opts.Now(), Zone: s.opts.Zone}
	}
	return clockState{Now: c.Now(), AheadMinutes: int64(c.Ahead() / time.Minute), CanAdvance: s.clockCtl.moved != nil, Zone: s.opts.Zone}
}

func (s *Server) apiClock(w http.ResponseWriter, _ *http.Request) {
	s.clockCtl.mu.Lock()
	st := s.clockStateLocked()
	s.clockCtl.mu.Unlock()
	writeJSON(w, 200, st)
}

// apiAdvance is POST /sandbox/api/clock {"minutes": N}: the clock moves
// N minutes forward (at most MaxAdvance), then the bot runs what fell due.
func (s *Server) apiAdvance(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Minutes int64 `json:"minutes"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10)).Decode(&req); err != nil || req.Minutes <= 0 || req.Minutes > int64(MaxAdvance/time.Minute) {
		webError(w, 400, `send {"minutes": N}, N from 1 to 43200 (30 days); the clock only goes forward`)
		return
	}
	s.clockCtl.mu.Lock()
	c, moved := s.clockCtl.clock, s.clockCtl.moved
	if c == nil || moved == nil {
		s.clockCtl.mu.Unlock()
		webError(w, 503, "this sandbox's clock cannot be moved (the bot is not running yet)")
		return
	}
	now, _ := c.Advance(time.Duration(req.Minutes) * time.Minute)
	st := s.clockStateLocked()
	s.clockCtl.mu.Unlock()
	moved(now)
	writeJSON(w, 200, st)
}
