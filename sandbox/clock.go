package sandbox

import (
	"encoding/json"
	"net/http"
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
}

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
		c.skew += d
		ok = true
	}
	return time.Now().Add(c.skew), ok
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
}

func (s *Server) clockStateLocked() clockState {
	c := s.clockCtl.clock
	if c == nil {
		return clockState{Now: s.opts.Now()}
	}
	return clockState{Now: c.Now(), AheadMinutes: int64(c.Ahead() / time.Minute), CanAdvance: s.clockCtl.moved != nil}
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
