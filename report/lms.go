package report

import (
	"fmt"

	"github.com/aulabot/aulabot"
)

// LMS is the virtual classroom's incidents opened in the period: how
// many, which came first (failing checks or people's reports), how long
// the closed ones lasted, and how many were open at its end.
type LMS struct {
	Incidents          int
	ByChecks, ByReport int
	Duration           Durations
	OpenAtEnd          int
}

func (l *LMS) add(o *LMS) {
	l.Incidents += o.Incidents
	l.ByChecks += o.ByChecks
	l.ByReport += o.ByReport
	l.Duration.merge(&o.Duration)
	l.OpenAtEnd += o.OpenAtEnd
}

// incidents reads the incidents of p's university that the period may
// concern: those not closed before its start.
func (p *period) incidents(src Source) error {
	incs, err := src.IncidentsSince(p.uni.ID, p.start)
	if err != nil {
		return fmt.Errorf("report: incidents of %s: %w", p.uni.ID, err)
	}
	l := &p.fig.LMS
	for _, inc := range incs {
		if !inc.Opened.Before(p.cut) {
			continue
		}
		closed := !inc.Closed.IsZero() && inc.Closed.Before(p.cut)
		if !closed {
			l.OpenAtEnd++
		}
		if inc.Opened.Before(p.start) {
			continue
		}
		l.Incidents++
		switch inc.OpenedBy {
		case aulabot.IncidentByChecks:
			l.ByChecks++
		case aulabot.IncidentByReports:
			l.ByReport++
		}
		if closed {
			l.Duration.add(inc.Closed.Sub(inc.Opened))
		}
	}
	return nil
}

// unreachable counts the people of p's university known at its end who
// have blocked the bot (as it stands now: announcements skip them): it
// reads those who blocked it, not every person.
func (p *period) unreachable(src Source) error {
	return src.UnreachablePeople(func(id int64) error {
		u, ok, err := src.User(id)
		if ok && u.University == p.uni.ID && u.Onboarded() && u.ConsentAt.Before(p.cut) {
			p.fig.People.Unreachable++
		}
		return err
	})
}

// lmsLines adds the LMS watch's lines and the people who blocked the bot.
func lmsLines(c func(area, key string, f func(*Figures) int), add func(area, key, part, unit string, f func(*Figures) num)) {
	c("lms", "incidents", func(f *Figures) int { return f.LMS.Incidents })
	add("lms", "incidents", "by_checks", unitCount, func(f *Figures) num { return count(f.LMS.ByChecks) })
	add("lms", "incidents", "by_reports", unitCount, func(f *Figures) num { return count(f.LMS.ByReport) })
	add("lms", "duration", "median", unitMinutes, func(f *Figures) num { return minutesNum(f.LMS.Duration, false) })
	add("lms", "duration", "p90", unitMinutes, func(f *Figures) num { return minutesNum(f.LMS.Duration, true) })
	add("lms", "duration", "n", unitCount, func(f *Figures) num { return count(f.LMS.Duration.N) })
	c("lms", "open_end", func(f *Figures) int { return f.LMS.OpenAtEnd })
}
