package handlers

import (
	"sync"
	"time"
)

// throttled answers the update that took a person over
// Limits.UpdatesPerMinute (staff: Limits.StaffUpdatesPerMinute): one
// polite notice and nothing else (the dispatcher drops the person's later
// updates in the same minute).
func (h *Handlers) throttled(c *Ctx) error {
	n := h.Config.Limits.UpdatesPerMinute
	if c.Roles.Staff() {
		n = h.Config.Limits.StaffUpdatesPerMinute()
	}
	text := c.T("limits.throttled", "n", n)
	if c.U.Callback != nil {
		c.Alert(text)
	} else {
		c.Reply(text)
	}
	return c.Commit(func(tx Tx) error { return tx.Count("limits:throttled", 1) })
}

// questionLimit lets a person ask the knowledge base at most
// Limits.QuestionsPerMinute questions a minute and Limits.QuestionsPerDay
// a day. The first question beyond either gets one polite notice saying
// when to ask again; later ones get no answer until the window passes.
// Notices are counted anonymously (limits:questions). A voice note
// counts as a question when it comes (each costs a transcription); its
// words, heard later, are not counted again.
func (h *Handlers) questionLimit(next Handler) Handler {
	return func(c *Ctx) error {
		if c.U.Heard {
			return next(c) // counted when the voice note came
		}
		l := h.Config.Limits
		ok, notice, until := h.questions.take(c.U.From.ID, h.Now(), l.QuestionsPerMinute, l.QuestionsPerDay)
		switch {
		case ok:
			return next(c)
		case !notice:
			return nil
		}
		return h.tooManyQuestions(c, until, nil)
	}
}

// tooManyQuestions commits fn (nil: nothing), then tells the person they
// asked too many questions and until when, and counts the refusal.
func (h *Handlers) tooManyQuestions(c *Ctx, until time.Time, fn func(tx Tx) error) error {
	l := h.Config.Limits
	return c.Commit(func(tx Tx) error {
		if fn != nil {
			if err := fn(tx); err != nil {
				return err
			}
		}
		c.Reply(c.T("limits.questions", "per_minute", l.QuestionsPerMinute, "per_day", l.QuestionsPerDay,
			"wait", waitText(c, until.Sub(h.Now()))))
		return tx.Count("limits:questions", 1)
	})
}

// waitText says how long until a limit's window passes: minutes, or
// hours once it is more than an hour.
func waitText(c *Ctx, d time.Duration) string {
	if d <= time.Hour {
		return c.T("limits.minutes", "n", max(1, int((d+time.Minute-1)/time.Minute)))
	}
	return c.T("limits.hours", "n", int((d+time.Hour-1)/time.Hour))
}

// quotas counts each person's questions in two fixed windows, a minute
// and a day, each starting at the first question after the last one
// ended. It lives in memory: a restart forgives everybody.
type quotas struct {
	mu     sync.Mutex
	people map[int64]*quota
	swept  time.Time
}

type quota struct {
	minute, day  time.Time // when the windows started
	inMin, inDay int
	toldUntil    time.Time // the end of the window the person was told about
}

// take counts one question of person at now and reports whether it may
// be answered; if not, whether to send the notice (once per window) and
// when the blocking window ends.
func (q *quotas) take(person int64, now time.Time, perMinute, perDay int) (ok, notice bool, until time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.people == nil {
		q.people = map[int64]*quota{}
	}
	q.sweep(now)
	p := q.people[person]
	if p == nil {
		p = &quota{}
		q.people[person] = p
	}
	if !now.Before(p.minute.Add(time.Minute)) {
		p.minute, p.inMin = now, 0
	}
	if !now.Before(p.day.Add(24 * time.Hour)) {
		p.day, p.inDay = now, 0
	}
	switch {
	case p.inDay >= perDay:
		until = p.day.Add(24 * time.Hour)
	case p.inMin >= perMinute:
		until = p.minute.Add(time.Minute)
	default:
		p.inMin++
		p.inDay++
		return true, false, time.Time{}
	}
	if p.toldUntil.Equal(until) {
		return false, false, until
	}
	p.toldUntil = until
	return false, true, until
}

// sweep forgets, at most once a minute, the people whose day window has
// passed, so memory follows the people active in the last day.
func (q *quotas) sweep(now time.Time) {
	if now.Sub(q.swept) < time.Minute {
		return
	}
	q.swept = now
	for id, p := range q.people {
		if !now.Before(p.day.Add(24 * time.Hour)) {
			delete(q.people, id)
		}
	}
}
