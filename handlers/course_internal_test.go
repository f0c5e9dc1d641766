package handlers

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
)

// A coordinator's counts fit in one message whatever the university's
// checklist titles, terms and mentors: the groups that do not fit, or
// beyond the first six terms and mentors, are left to the report, with a
// line that says so.
func TestCourseCounts_Fit(t *testing.T) {
	cfg := config.Demo()
	var items []aulabot.ChecklistItem
	for i := range 4 {
		items = append(items, aulabot.ChecklistItem{ID: fmt.Sprintf("i%d", i), Title: strings.Repeat("&", 100)})
	}
	h := New(cfg, service.New(cfg), nil, nil, nil)
	c := &Ctx{h: h, Lang: aulabot.LangEN}
	var courses []aulabot.Course
	t0 := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	for i := range 40 {
		it := items[i%len(items)].ID
		courses = append(courses, aulabot.Course{University: "unma", Term: fmt.Sprintf("T%02d-%s", i%6, strings.Repeat("x", 16)),
			Status: aulabot.CourseMoved, Created: t0, MovedAt: t0.Add(time.Duration(i) * 24 * time.Hour),
			Ticks:    map[string]aulabot.CourseTick{it: {}},
			Audit:    []aulabot.CourseEvent{{Action: aulabot.CourseTicked, Item: it}},
			Sessions: []aulabot.CourseSession{{Booking: uint64(i), Mentor: int64(4000 + i%6), MentorName: strings.Repeat("M", 64)}}})
	}
	got := h.courseCounts(c, strings.Repeat("U", 100), courses, items)
	if n := VisibleLen(got); n > aulabot.MaxMessageText {
		t.Fatalf("the counts are %d characters", n)
	}
	if !strings.Contains(got, "the rest is in the report") || !strings.Contains(got, "Total: registered 40") || strings.Count(got, "Mentor ") == 6 {
		t.Fatalf("counts (%d characters) = %q", VisibleLen(got), got)
	}
	// Seven terms: the seventh is left to the report.
	many := append(courses[:6:6], aulabot.Course{University: "unma", Term: "T99", Status: aulabot.CourseInProgress, Created: t0})
	if got := h.courseCounts(c, "UNMA", many, items); !strings.Contains(got, "the rest is in the report") || strings.Contains(got, "T99") {
		t.Fatalf("seven terms: %q", got)
	}
	// A small university's counts are whole.
	if got := h.courseCounts(c, "UNMA", courses[:2], items); strings.Contains(got, "the rest") {
		t.Fatalf("two courses' counts were cut: %q", got)
	}
}
