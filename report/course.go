package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
)

// CourseFigures are the counts of a group of courses being moved online.
type CourseFigures struct {
	Registered, InProgress, Moved int
	// MedianDays is the median number of days from registering a course
	// to marking it moved online, and MedianSessions the median number of
	// mentoring sessions booked for it, over the courses moved online
	// (Moved > 0).
	MedianDays, MedianSessions float64
	// LastItems are the checklist items most often ticked last on the
	// courses moved online, most first (at most three).
	LastItems []ItemCount
}

// ItemCount is how many courses left a checklist item for last.
type ItemCount struct {
	Item string
	N    int
}

// CourseCounts are a university's course figures: in all, by term and by
// mentor (a course with sessions with two mentors counts for each; Mentor
// 0 groups the courses that had no session yet).
type CourseCounts struct {
	University string
	All        CourseFigures
	Terms      []TermCourses
	Mentors    []MentorCourses
}

// TermCourses are the figures of one term.
type TermCourses struct {
	Term string
	CourseFigures
}

// MentorCourses are the figures of one mentor's courses.
type MentorCourses struct {
	Mentor int64
	CourseFigures
}

// CountCourses computes university uni's course figures from its courses
// (erased ones included: they keep their dates, ticks and sessions).
func CountCourses(uni string, courses []aulabot.Course) CourseCounts {
	out := CourseCounts{University: uni, All: courseFigures(courses)}
	terms := map[string][]aulabot.Course{}
	mentors := map[int64][]aulabot.Course{}
	for _, c := range courses {
		terms[c.Term] = append(terms[c.Term], c)
		ms := c.Mentors()
		if len(ms) == 0 {
			ms = []int64{0}
		}
		for _, m := range ms {
			mentors[m] = append(mentors[m], c)
		}
	}
	for t, cs := range terms {
		out.Terms = append(out.Terms, TermCourses{t, courseFigures(cs)})
	}
	slices.SortFunc(out.Terms, func(a, b TermCourses) int { return cmp.Compare(a.Term, b.Term) })
	for m, cs := range mentors {
		out.Mentors = append(out.Mentors, MentorCourses{m, courseFigures(cs)})
	}
	slices.SortFunc(out.Mentors, func(a, b MentorCourses) int {
		// The mentors with most courses first; no mentor yet last.
		if (a.Mentor == 0) != (b.Mentor == 0) {
			if a.Mentor == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.Registered, a.Registered), cmp.Compare(a.Mentor, b.Mentor))
	})
	return out
}

func courseFigures(cs []aulabot.Course) CourseFigures {
	var f CourseFigures
	var days, sessions []float64
	last := map[string]int{}
	for _, c := range cs {
		f.Registered++
		if c.Status != aulabot.CourseMoved {
			f.InProgress++
			continue
		}
		f.Moved++
		days = append(days, c.MovedAt.Sub(c.Created).Hours()/24)
		sessions = append(sessions, float64(len(c.Sessions)))
		if it := c.LastTicked(); it != "" {
			last[it]++
		}
	}
	f.MedianDays, _ = median(days)
	f.MedianSessions, _ = median(sessions)
	for it, n := range last {
		f.LastItems = append(f.LastItems, ItemCount{it, n})
	}
	slices.SortFunc(f.LastItems, func(a, b ItemCount) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Item, b.Item)) })
	if len(f.LastItems) > 3 {
		f.LastItems = f.LastItems[:3]
	}
	return f
}

// Decimal writes x with at most one decimal ("3", "2.5").
func Decimal(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}
