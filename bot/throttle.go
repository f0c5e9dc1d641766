package bot

import (
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// limitVerdict is what the input limit says about one update.
type limitVerdict int

const (
	limitPass   limitVerdict = iota // within the limit: handle it
	limitNotice                     // the first beyond it: handle it as Throttled (one polite notice)
	limitDrop                       // beyond it, notice already given: drop before queueing
)

// throttle is the input limit per person: a token bucket per sender,
// refilled at perMinute per minute with a burst of perMinute. The first
// update beyond it gets a notice; the sender's later updates are dropped
// until the bucket has a token again, and a new notice is given at most
// once a minute. Buckets live in memory only; a person idle for a minute
// has a full bucket again and is forgotten, so memory stays bounded by the
// people active in the last minutes.
type throttle struct {
	perMinute int // 0: no limit
	people    map[int64]*personBucket
	swept     time.Time
}

type personBucket struct {
	tokens  float64
	last    time.Time // last update seen
	noticed time.Time // last notice; zero if none
}

// check takes a token from person's bucket at now and says what to do.
func (t *throttle) check(person int64, now time.Time) limitVerdict {
	if t.perMinute <= 0 {
		return limitPass
	}
	t.sweep(now)
	if t.people == nil {
		t.people = map[int64]*personBucket{}
	}
	b := t.people[person]
	rate := float64(t.perMinute)
	if b == nil {
		b = &personBucket{tokens: rate, last: now}
		t.people[person] = b
	}
	if el := now.Sub(b.last); el > 0 {
		b.tokens = min(rate, b.tokens+el.Minutes()*rate)
		b.last = now
	}
	switch {
	case b.tokens >= 1:
		b.tokens--
		return limitPass
	case b.noticed.IsZero() || now.Sub(b.noticed) >= time.Minute:
		b.noticed = now
		return limitNotice
	}
	return limitDrop
}

// sweep forgets, once a minute, the people idle for a minute: their
// buckets are full and their notice window has passed.
func (t *throttle) sweep(now time.Time) {
	if now.Sub(t.swept) < time.Minute {
		return
	}
	t.swept = now
	for id, b := range t.people {
		if now.Sub(b.last) >= time.Minute {
			delete(t.people, id)
		}
	}
}

// counters are the dispatcher's own metrics, registered on the runtime's
// registry (once, however many dispatchers share it). Nil records nothing.
type counters struct {
	dropped prometheus.Counter
}

func newCounters(m *Metrics) counters {
	if m == nil {
		return counters{}
	}
	c := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "aulabot_updates_throttled_total",
		Help: "Updates dropped by the per-person input limit (after its one notice).",
	})
	if err := m.Registry.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			c = are.ExistingCollector.(prometheus.Counter)
		}
	}
	return counters{dropped: c}
}

func (c counters) throttled() {
	if c.dropped != nil {
		c.dropped.Inc()
	}
}
