package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

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
	Name   string // as the mentor's slots show it
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
		mc := MentorCourses{Mentor: m, CourseFigures: courseFigures(cs)}
		for _, c := range cs {
			mc.Name = cmp.Or(mc.Name, c.MentorName(m))
		}
		out.Mentors = append(out.Mentors, mc)
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

// CourseSource is what a report reads of the courses; *store.Tx
// implements it. A Source without it builds a report without courses.
type CourseSource interface {
	// CoursesOfUniversity returns the university's courses, erased ones
	// included.
	CoursesOfUniversity(uni string) ([]aulabot.Course, error)
}

// courses counts the courses of unis registered before end.
func courses(src Source, unis []*aulabot.University, end time.Time) ([]CourseCounts, error) {
	cs, ok := src.(CourseSource)
	if !ok {
		return nil, nil
	}
	var out []CourseCounts
	for _, u := range unis {
		all, err := cs.CoursesOfUniversity(u.ID)
		if err != nil {
			return nil, fmt.Errorf("report: courses of %s: %w", u.ID, err)
		}
		all = slices.DeleteFunc(all, func(c aulabot.Course) bool { return !c.Created.Before(end) })
		if len(all) > 0 {
			out = append(out, CountCourses(u.ID, all))
		}
	}
	return out, nil
}

// mdCourses is the section of the courses moved online: per university,
// in all, by term and by mentor.
func (r *Report) mdCourses(b *strings.Builder, tr Texts, lang string) {
	if len(r.Courses) == 0 {
		return
	}
	t := func(key string, args ...any) string { return tr.T(lang, key, args...) }
	fmt.Fprintf(b, "\n## %s\n\n| %s | %s | %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|---:|---|\n", t("course.report_title"),
		t("course.report_group"), t("course.report_registered"), t("course.report_progress"), t("course.report_moved"),
		t("course.report_days"), t("course.report_sessions"), t("course.report_last"))
	row := func(label string, f CourseFigures) {
		days, sessions := "—", "—"
		if f.Moved > 0 {
			days, sessions = Decimal(f.MedianDays), Decimal(f.MedianSessions)
		}
		var last []string
		for _, it := range f.LastItems {
			last = append(last, fmt.Sprintf("%s (%d)", it.Item, it.N))
		}
		fmt.Fprintf(b, "| %s | %d | %d | %d | %s | %s | %s |\n", mdEscape(label), f.Registered, f.InProgress, f.Moved, days, sessions, mdEscape(strings.Join(last, ", ")))
	}
	for _, k := range r.Courses {
		uni := strings.ToUpper(k.University)
		row(uni, k.All)
		for _, term := range k.Terms {
			row(uni+" · "+term.Term, term.CourseFigures)
		}
		for i, m := range k.Mentors {
			label := t("course.counts_no_mentor")
			if m.Mentor != 0 {
				label = fmt.Sprintf("%s %d", t("report.col_mentor"), i+1)
				if r.Names && m.Name != "" {
					label = m.Name
				}
			}
			row(uni+" · "+label, m.CourseFigures)
		}
	}
}

// chatCourses is the line of the chat summary on the courses: registered,
// in progress and moved online over the report's universities.
func (r *Report) chatCourses(tr Texts, lang string) string {
	var all CourseFigures
	for _, k := range r.Courses {
		all.Registered += k.All.Registered
		all.InProgress += k.All.InProgress
		all.Moved += k.All.Moved
	}
	if all.Registered == 0 {
		return ""
	}
	return "\n" + tr.T(lang, "course.report_chat", "registered", all.Registered, "progress", all.InProgress, "moved", all.Moved)
}
