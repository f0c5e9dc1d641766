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

// toldItem reads one step of the built-in checklist from the words of
// either language that name it, by a word's start, and none from words
// of two steps or of none.
func TestToldItem(t *testing.T) {
	cfg := config.Demo()
	h := New(cfg, service.New(cfg), nil, nil, nil)
	items := cfg.Checklist("unma")
	for text, want := range map[string]string{
		"ya subí el sílabo":                           "syllabus",
		"ya publiqué el curso en el aula virtual":     "published",
		"I've published the course":                   "published",
		"terminé el foro":                             "forums",
		"listas las rúbricas":                         "assessment",
		"ya grabé los videos":                         "materials",
		"I wrote the learning outcomes":               "outcomes",
		"ya revisé la accesibilidad":                  "accessibility",
		"ya terminé los foros y las rúbricas":         "",
		"ya terminé el curso en la modalidad virtual": "",
		"ya terminé":                                  "",
	} {
		it, ok := h.toldItem(strings.Fields(aulabot.TypedWords(text)), items)
		if ok != (want != "") || ok && it.ID != want {
			t.Errorf("toldItem(%q) = %q %v, want %q", text, it.ID, ok, want)
		}
	}
}

// FuzzToldItem: whatever the words, an item read is one of the list, and
// a word of them starts as a word of its title or is the start of one.
func FuzzToldItem(f *testing.F) {
	for _, s := range []string{"ya subí el sílabo", "foro foros", "publi", "", "ñññññ sílabo rúbricas"} {
		f.Add(s)
	}
	cfg := config.Demo()
	h := New(cfg, service.New(cfg), nil, nil, nil)
	items := cfg.Checklist("unma")
	f.Fuzz(func(t *testing.T, text string) {
		words := strings.Fields(aulabot.TypedWords(text))
		it, ok := h.toldItem(words, items)
		if !ok {
			return
		}
		title := aulabot.TypedWords(h.cat.T("es", "course.item."+it.ID) + " " + h.cat.T("en", "course.item."+it.ID))
		for _, w := range words {
			for _, tw := range strings.Fields(title) {
				if len(w) >= 4 && len(tw) >= 5 && (strings.HasPrefix(w, tw[:5]) || strings.HasPrefix(tw[:5], w)) {
					return
				}
			}
		}
		t.Fatalf("%q read as %s, whose title %q none of its words starts", text, it.ID, title)
	})
}
