package aulabot

import (
	"slices"
	"time"
)

// AddBusiness returns the instant at which d of business time has passed
// since t, counting only the business days and hours of s in loc (nil =
// UTC). Time outside business hours does not count: a ticket reported on
// Friday evening is "30 minutes old" at 08:30 on Monday. It returns t for
// d <= 0, and t+d if s has no usable business hours.
func (s ServiceLevels) AddBusiness(t time.Time, d time.Duration, loc *time.Location) time.Time {
	if d <= 0 {
		return t
	}
	if loc == nil {
		loc = time.UTC
	}
	start, end, ok := s.hours()
	if !ok {
		return t.Add(d)
	}
	cur := t.In(loc)
	// Ten years of days is a bound no sane configuration reaches.
	for range 3660 {
		y, m, day := cur.Date()
		if s.businessDay(cur.Weekday()) {
			open := time.Date(y, m, day, start.Hour(), start.Minute(), 0, 0, loc)
			shut := time.Date(y, m, day, end.Hour(), end.Minute(), 0, 0, loc)
			if cur.Before(open) {
				cur = open
			}
			if cur.Before(shut) {
				left := shut.Sub(cur)
				if d <= left {
					return cur.Add(d).In(t.Location())
				}
				d -= left
			}
		}
		cur = time.Date(y, m, day+1, 0, 0, 0, 0, loc)
	}
	return t.Add(d)
}

// BusinessBetween returns how much business time of s in loc (nil = UTC)
// lies between from and to: the part of [from, to) that falls on business
// days within business hours. A ticket reported at 17:30 on Friday and
// claimed at 08:15 on Monday waited 45 minutes (with hours 08:00-18:00).
// It returns 0 if to is not after from, and the wall time to-from if s
// has no usable business hours (as AddBusiness counts). For d >= 0,
// BusinessBetween(t, AddBusiness(t, d)) is d.
func (s ServiceLevels) BusinessBetween(from, to time.Time, loc *time.Location) time.Duration {
	if !to.After(from) {
		return 0
	}
	if loc == nil {
		loc = time.UTC
	}
	start, end, ok := s.hours()
	if !ok {
		return to.Sub(from)
	}
	var total time.Duration
	cur := from.In(loc)
	for y, m, day := cur.Date(); ; day++ {
		midnight := time.Date(y, m, day, 0, 0, 0, 0, loc)
		if !midnight.Before(to) {
			return total
		}
		if s.businessDay(midnight.Weekday()) {
			open := time.Date(y, m, day, start.Hour(), start.Minute(), 0, 0, loc)
			shut := time.Date(y, m, day, end.Hour(), end.Minute(), 0, 0, loc)
			if open.Before(from) {
				open = from
			}
			if shut.After(to) {
				shut = to
			}
			if shut.After(open) {
				total += shut.Sub(open)
			}
		}
	}
}

// NextOpening returns the first opening of s's business hours in loc
// (nil = UTC) after t: the start of the next business day's hours, or of
// today's if they have not begun. False if s has no usable business hours.
func (s ServiceLevels) NextOpening(t time.Time, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC
	}
	start, _, ok := s.hours()
	if !ok {
		return time.Time{}, false
	}
	cur := t.In(loc)
	y, m, d := cur.Date()
	// A week and a day reach every weekday once from any day.
	for i := range 8 {
		open := time.Date(y, m, d+i, start.Hour(), start.Minute(), 0, 0, loc)
		if open.After(t) && s.businessDay(open.Weekday()) {
			return open.In(t.Location()), true
		}
	}
	return time.Time{}, false
}

// hours reads the business hours of s; false if they are unusable.
func (s ServiceLevels) hours() (start, end time.Time, ok bool) {
	start, err1 := time.Parse("15:04", s.Start)
	end, err2 := time.Parse("15:04", s.End)
	return start, end, err1 == nil && err2 == nil && end.After(start) && len(s.Days) > 0
}

// businessDay reports whether wd is one of s.Days (1=Monday .. 7=Sunday).
func (s ServiceLevels) businessDay(wd time.Weekday) bool {
	iso := int(wd)
	if iso == 0 {
		iso = 7
	}
	return slices.Contains(s.Days, iso)
}

// Job is a piece of work due at a time: a ticket's claim reminder, an
// automatic close. Jobs are stored (they survive restarts) and run once,
// each in its own transaction, when the clock passes Due. Key names the
// job uniquely (scheduling a key again replaces it) and, by prefix, lets
// related jobs be cancelled together ("ticket:UNMA-7:").
type Job struct {
	ID   uint64            `json:"id"`
	Key  string            `json:"key"`
	Kind string            `json:"kind"` // which runner handles it
	Due  time.Time         `json:"due"`
	Data map[string]string `json:"data,omitempty"`
	// Failed is how many times running it failed (its work rolled
	// back): each failure puts it off for longer (see JobRetry); Error is
	// the last failure's.
	Failed int    `json:"failed,omitempty"`
	Error  string `json:"error,omitempty"`
}

// JobRetry is how long a job that has failed n times (n ≥ 1) waits before
// it is tried again: a minute, doubling up to an hour. A job never runs
// out of tries (its work is not lost), but one that fails at every try
// costs a write transaction an hour, not one every few seconds that every
// chat waits behind.
func JobRetry(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
