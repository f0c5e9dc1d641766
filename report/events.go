package report

import (
	"fmt"
)

// Events are the live training events that start in the period and were
// not cancelled: how many, how many people were invited, said they would
// come and declined; and after them, those who had a place asked how it
// went (Ratings.Asked), their stars (who said they came) and how many
// said they could not come. An answer counts even if the person later
// deleted their data.
type Events struct {
	Events    int
	Invited   int
	Attending int
	Declined  int
	Ratings   Ratings
	Missed    int
}

func (e *Events) add(o *Events) {
	e.Events += o.Events
	e.Invited += o.Invited
	e.Attending += o.Attending
	e.Declined += o.Declined
	e.Ratings.add(o.Ratings)
	e.Missed += o.Missed
}

// events reads the events of p's university starting in the period.
func (p *period) events(src Source) error {
	es, err := src.UniversityEvents(p.uni.ID, p.start, p.end)
	if err != nil {
		return fmt.Errorf("report: events of %s: %w", p.uni.ID, err)
	}
	f := &p.fig.Events
	for _, e := range es {
		if !e.Cancelled.IsZero() {
			continue
		}
		f.add(&Events{Events: 1, Invited: e.Counts.Invited, Attending: e.Counts.Attending, Declined: e.Counts.Declined,
			Ratings: Ratings{Counts: e.Counts.Stars, Asked: e.Counts.Asked}, Missed: e.Counts.Missed})
	}
	return nil
}

// eventLines adds the events' lines.
func eventLines(c func(area, key string, f func(*Figures) int), add func(area, key, part, unit string, f func(*Figures) num)) {
	c("events", "events", func(f *Figures) int { return f.Events.Events })
	c("events", "invited", func(f *Figures) int { return f.Events.Invited })
	c("events", "attending", func(f *Figures) int { return f.Events.Attending })
	c("events", "declined", func(f *Figures) int { return f.Events.Declined })
	c("events", "came", func(f *Figures) int { return f.Events.Ratings.Rated() })
	c("events", "missed", func(f *Figures) int { return f.Events.Missed })
	ratings(func(f *Figures) Ratings { return f.Events.Ratings }, "events", add)
}

// chatEvents is the line of the chat summary on the live trainings that
// started in the period: how many, how many said they would attend, and
// the mean of the stars given after them ("–" with none).
func (r *Report) chatEvents(tr Texts, lang string) string {
	e := r.Current.Events
	if e.Events == 0 {
		return ""
	}
	mean := "–"
	if m, ok := e.Ratings.Mean(); ok {
		mean = decimal(m, 1, lang)
	}
	return "\n" + tr.T(lang, "event.report_chat", "events", e.Events, "attending", e.Attending, "mean", mean, "rated", e.Ratings.Rated())
}
