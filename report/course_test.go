package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/store"
)

// course is a course of unma registered at created; moved is when it was
// marked moved online (zero: in progress), last the item ticked last.
func course(term string, created, moved time.Time, sessions []int64, last string) aulabot.Course {
	c := aulabot.Course{University: "unma", Term: term, Status: aulabot.CourseInProgress, Created: created}
	for i, m := range sessions {
		c.Sessions = append(c.Sessions, aulabot.CourseSession{Booking: uint64(i + 1), Mentor: m, MentorName: "Marta"})
	}
	if last != "" {
		c.Ticks = map[string]aulabot.CourseTick{"syllabus": {}, last: {}}
		c.Audit = []aulabot.CourseEvent{{Action: aulabot.CourseTicked, Item: "syllabus"}, {Action: aulabot.CourseTicked, Item: last},
			{Action: aulabot.CourseTicked, Item: "forums"}, {Action: aulabot.CourseUnticked, Item: "forums"}}
	}
	if !moved.IsZero() {
		c.Status, c.MovedAt = aulabot.CourseMoved, moved
	}
	return c
}

func TestCountCourses(t *testing.T) {
	t0 := at(time.March, 2, 9, 0)
	day := 24 * time.Hour
	k := CountCourses("unma", []aulabot.Course{
		course("2026-I", t0, t0.Add(10*day), []int64{4001, 4001}, "published"),
		course("2026-I", t0, t0.Add(20*day), []int64{4001, 4002, 4002, 4002}, "published"),
		course("2026-I", t0, t0.Add(30*day), []int64{4002}, "accessibility"),
		course("2026-II", t0, time.Time{}, []int64{4001}, "outcomes"),
		course("2026-II", t0, time.Time{}, nil, ""),
	})
	all := k.All
	if all.Registered != 5 || all.InProgress != 2 || all.Moved != 3 || all.MedianDays != 20 || all.MedianSessions != 2 {
		t.Fatalf("all = %+v", all)
	}
	// Unticked after "published", "forums" is not what was left for last.
	if want := []ItemCount{{"published", 2}, {"accessibility", 1}}; len(all.LastItems) != 2 || all.LastItems[0] != want[0] || all.LastItems[1] != want[1] {
		t.Fatalf("last items = %+v, want %+v", all.LastItems, want)
	}
	if len(k.Terms) != 2 || k.Terms[0].Term != "2026-I" || k.Terms[0].Moved != 3 || k.Terms[1].Registered != 2 || k.Terms[1].Moved != 0 {
		t.Fatalf("terms = %+v", k.Terms)
	}
	// 4001 had sessions for three courses, 4002 for two; the course with
	// no session yet is under mentor 0, last.
	m := k.Mentors
	if len(m) != 3 || m[0].Mentor != 4001 || m[0].Registered != 3 || m[0].Moved != 2 || m[0].MedianDays != 15 || m[0].Name != "Marta" ||
		m[1].Mentor != 4002 || m[1].Registered != 2 || m[2].Mentor != 0 || m[2].Registered != 1 {
		t.Fatalf("mentors = %+v", m)
	}
}

// The report of a university counts its courses registered before the
// period's end, in the Markdown and in the chat summary.
func TestReport_Courses(t *testing.T) {
	e := newEnv(t)
	helpdeskData(e)
	mentoringData(e)
	var c aulabot.Course
	e.do(at(time.March, 3, 10, 0), func(tx *store.Tx) (err error) {
		c, err = tx.CreateCourse(aulabot.Course{University: "unma", Teacher: 7001, Name: "Cálculo", Term: "2026-I", Modality: aulabot.ModalityOnline})
		return err
	})
	mentor := aulabot.Roles{Mentor: []string{"unma"}}
	e.do(at(time.March, 5, 10, 0), func(tx *store.Tx) error {
		for _, it := range aulabot.BuiltinChecklist {
			if _, err := tx.TickCourseItem(c.ID, it.ID, true, 4001, mentor, aulabot.BuiltinChecklist); err != nil {
				return err
			}
		}
		_, err := tx.MarkCourseMoved(c.ID, "https://aula.example.edu/c/1", 4001, mentor, aulabot.BuiltinChecklist)
		return err
	})
	e.do(at(time.March, 6, 10, 0), func(tx *store.Tx) error {
		_, err := tx.CreateCourse(aulabot.Course{University: "unma", Teacher: 7002, Name: "Física", Term: "2026-I", Modality: aulabot.ModalityBlended})
		return err
	})
	e.do(at(time.March, 20, 10, 0), func(tx *store.Tx) error { // after the period: not counted
		_, err := tx.CreateCourse(aulabot.Course{University: "unma", Teacher: 7003, Name: "Química", Term: "2026-I", Modality: aulabot.ModalityBlended})
		return err
	})
	e.now = at(time.March, 20, 11, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	cat := loadCatalogue(t)
	md := string(render(t, r, cat, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return Markdown(b, r, tr, l) }))
	for _, want := range []string{
		"## Courses moved online\n",
		"| UNMA | 2 | 1 | 1 | 2 | 0 | published (1) |\n",
		"| UNMA · 2026-I | 2 | 1 | 1 | 2 | 0 | published (1) |\n",
		"| UNMA · No mentoring yet | 2 | 1 | 1 | 2 | 0 | published (1) |\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md[strings.Index(md, "## Courses"):])
		}
	}
	if got := Summary(r, i18n.Builtin(), "en"); !strings.Contains(got, "📚 Courses: registered 2 · in progress 1 · moved online 1") {
		t.Errorf("summary = %q", got)
	}
	cat.check(t)
}
