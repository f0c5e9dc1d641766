package report

import (
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// Kinds of figure, which say how a value reads and how a change is told.
const (
	KindCount    = "count"    // a number of things; a change in numbers and per cent
	KindShare    = "share"    // a share in [0, 1]; a change in percentage points
	KindDuration = "duration" // business time; a change in time
)

// Figure is one headline figure: its catalogue key (report.fig_KEY), its
// kind and its value (for KindDuration, nanoseconds); OK is false when it
// has no value (a share of nothing, a median of no case).
type Figure struct {
	Key   string
	Kind  string
	Value float64
	OK    bool
}

// Headline is the figures that matter most, in the order they are shown
// first: people active, questions asked, the share answered directly,
// tickets opened, the share claimed within the claim reminder, the median
// business time to resolution, the mentoring seats taken and attendance.
func (f *Figures) Headline() []Figure {
	share := func(key string, s Share) Figure {
		v, ok := s.Value()
		return Figure{key, KindShare, v, ok}
	}
	count := func(key string, n int) Figure { return Figure{key, KindCount, float64(n), true} }
	h := f.Helpdesk
	return []Figure{
		count("people_active", f.People.Active),
		count("kb_asked", f.KB.Asked),
		share("kb_answered", f.KB.AnsweredShare()),
		count("helpdesk_opened", h.Opened),
		share("helpdesk_within", h.Levels[0].Share()),
		{"helpdesk_resolution", KindDuration, float64(h.ToResolve.Median), h.ToResolve.N > 0},
		share("mentoring_fill", f.Mentoring.FillRate()),
		share("mentoring_attendance", f.Mentoring.Attendance()),
	}
}

// Duration is a KindDuration value as a time.Duration.
func (f Figure) Duration() time.Duration { return time.Duration(f.Value) }

// Comparison is one university's headline figures beside the median of
// the other universities' (OK false where none of the others has one).
type Comparison struct {
	University, Name string
	Figures, Others  []Figure
}

type uniFigures struct {
	uni *aulabot.University
	fig Figures
}

// compare puts each university's headline beside the median of the
// others'.
func compare(each []uniFigures) []Comparison {
	heads := make([][]Figure, len(each))
	for i := range each {
		heads[i] = each[i].fig.Headline()
	}
	out := make([]Comparison, len(each))
	for i, e := range each {
		c := Comparison{University: e.uni.ID, Name: e.uni.Name, Figures: heads[i]}
		for k, f := range heads[i] {
			var vals []float64
			for j := range heads {
				if j != i && heads[j][k].OK {
					vals = append(vals, heads[j][k].Value)
				}
			}
			m, ok := median(vals)
			c.Others = append(c.Others, Figure{f.Key, f.Kind, m, ok})
		}
		out[i] = c
	}
	return out
}

// median of xs (the mean of the two middle values for an even count).
func median(xs []float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2], true
	}
	return (xs[n/2-1] + xs[n/2]) / 2, true
}
