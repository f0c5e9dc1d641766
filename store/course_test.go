package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

const (
	teacherA = 7001
	teacherB = 7002
)

var (
	mentorRoles = aulabot.Roles{Mentor: []string{"unma"}}
	coordRoles  = aulabot.Roles{Coordinator: []string{"unma"}}
	otherMentor = aulabot.Roles{Mentor: []string{"unsa"}}
	checklist   = aulabot.BuiltinChecklist
)

func newCourse(t testing.TB, s *store.Store, teacher int64) aulabot.Course {
	t.Helper()
	c, err := s.CreateCourse(aulabot.Course{University: "unma", Teacher: teacher, Name: "Cálculo I", Code: "MA101", Term: "2027-I", Modality: aulabot.ModalityOnline})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// coursesOf reads teacher's courses in a read transaction.
func coursesOf(t testing.TB, s *store.Store, teacher int64) []aulabot.Course {
	t.Helper()
	var cs []aulabot.Course
	if err := s.View(func(tx *store.Tx) (err error) { cs, err = tx.CoursesOf(teacher); return err }); err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestStore_CreateCourse(t *testing.T) {
	s, _ := open(t)
	t.Run("OK", func(t *testing.T) {
		c := newCourse(t, s, teacherA)
		if c.ID == 0 || c.Status != aulabot.CourseInProgress || c.Teacher != teacherA || c.University != "unma" {
			t.Fatalf("course = %+v", c)
		}
		if got := coursesOf(t, s, teacherA); len(got) != 1 || got[0].Name != "Cálculo I" {
			t.Fatalf("CoursesOf = %+v", got)
		}
	})
	for _, tc := range []struct {
		name string
		c    aulabot.Course
		key  string
	}{
		{"ErrNameEmpty", aulabot.Course{Name: " \u200b ", Term: "2027-I", Modality: aulabot.ModalityOnline}, "course.err_name_empty"},
		{"ErrNameLong", aulabot.Course{Name: strings.Repeat("a", 300), Term: "2027-I", Modality: aulabot.ModalityOnline}, "course.err_name_long"},
		{"ErrCode", aulabot.Course{Name: "X", Code: strings.Repeat("c", 21), Term: "2027-I", Modality: aulabot.ModalityOnline}, "course.err_code"},
		{"ErrTerm", aulabot.Course{Name: "X", Modality: aulabot.ModalityBlended}, "course.err_term"},
		{"ErrModality", aulabot.Course{Name: "X", Term: "2027-I", Modality: "hybrid"}, "course.err_modality"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.University, tc.c.Teacher = "unma", teacherB
			_, err := s.CreateCourse(tc.c)
			wantKey(t, err, tc.key)
			if got := coursesOf(t, s, teacherB); len(got) != 0 {
				t.Fatalf("a refused course was stored: %+v", got)
			}
		})
	}
}

func TestStore_CreateCourse_TooMany(t *testing.T) {
	s, _ := open(t)
	for range store.MaxCoursesPerTeacher {
		newCourse(t, s, teacherA)
	}
	_, err := s.CreateCourse(aulabot.Course{University: "unma", Teacher: teacherA, Name: "One more", Term: "2027-I", Modality: aulabot.ModalityOnline})
	wantKey(t, err, "course.err_too_many")
	if n := len(coursesOf(t, s, teacherA)); n != store.MaxCoursesPerTeacher {
		t.Fatalf("%d courses, want %d", n, store.MaxCoursesPerTeacher)
	}
	newCourse(t, s, teacherB) // another teacher is not limited by the first
}

func TestStore_ViewCourse(t *testing.T) {
	s, _ := open(t)
	c := newCourse(t, s, teacherA)
	for _, tc := range []struct {
		name  string
		by    int64
		roles aulabot.Roles
		ok    bool
	}{
		{"Teacher", teacherA, aulabot.Roles{}, true},
		{"Mentor", mentorA, mentorRoles, true},
		{"Coordinator", 5001, coordRoles, true},
		{"Admin", 1001, aulabot.Roles{Admin: true}, true},
		{"OtherTeacher", teacherB, aulabot.Roles{}, false},
		{"MentorOfOtherUniversity", 4002, otherMentor, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ViewCourse(c.ID, tc.by, tc.roles)
			if tc.ok && (err != nil || got.ID != c.ID) {
				t.Fatalf("ViewCourse = %+v, %v; want the course", got, err)
			}
			if !tc.ok {
				wantKey(t, err, "course.err_not_found")
				if got.Name != "" {
					t.Fatalf("a refused view returned the course's name %q", got.Name)
				}
			}
		})
	}
	_, err := s.ViewCourse(999, teacherA, aulabot.Roles{})
	wantKey(t, err, "course.err_not_found")
}

func TestStore_TickCourseItem(t *testing.T) {
	s, now := open(t)
	c := newCourse(t, s, teacherA)
	t.Run("OK", func(t *testing.T) {
		got, err := s.TickCourseItem(c.ID, "syllabus", true, mentorA, mentorRoles, checklist)
		if err != nil {
			t.Fatal(err)
		}
		tick, ok := got.Ticks["syllabus"]
		if !ok || tick.By != mentorA || !tick.At.Equal(*now) {
			t.Fatalf("tick = %+v, %v; want by %d at %v", tick, ok, mentorA, *now)
		}
		if n := len(got.Audit); n != 1 || got.Audit[0].Action != aulabot.CourseTicked || got.Audit[0].By != mentorA {
			t.Fatalf("audit = %+v", got.Audit)
		}
		// The teacher ticks their own course too; unticking is audited.
		if _, err := s.TickCourseItem(c.ID, "outcomes", true, teacherA, aulabot.Roles{}, checklist); err != nil {
			t.Fatal(err)
		}
		got, err = s.TickCourseItem(c.ID, "outcomes", false, teacherA, aulabot.Roles{}, checklist)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got.Ticks["outcomes"]; ok || len(got.Audit) != 3 || got.Audit[2].Action != aulabot.CourseUnticked {
			t.Fatalf("after untick: ticks %v audit %+v", got.Ticks, got.Audit)
		}
	})
	before, _ := s.ViewCourse(c.ID, teacherA, aulabot.Roles{})
	for _, tc := range []struct {
		name  string
		item  string
		by    int64
		roles aulabot.Roles
		key   string
	}{
		{"ErrItem", "no-such-item", mentorA, mentorRoles, "course.err_item"},
		{"ErrForgedOtherTeacher", "forums", teacherB, aulabot.Roles{}, "course.err_not_found"},
		{"ErrOtherUniversity", "forums", 4002, otherMentor, "course.err_not_found"},
		{"ErrCoordinator", "forums", 5001, coordRoles, "course.err_only_mentor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.TickCourseItem(c.ID, tc.item, true, tc.by, tc.roles, checklist)
			wantKey(t, err, tc.key)
			after, _ := s.ViewCourse(c.ID, teacherA, aulabot.Roles{})
			if len(after.Ticks) != len(before.Ticks) || len(after.Audit) != len(before.Audit) {
				t.Fatalf("a refused tick changed the course: %+v", after)
			}
		})
	}
	t.Run("ErrMoved", func(t *testing.T) {
		for _, it := range checklist {
			if _, err := s.TickCourseItem(c.ID, it.ID, true, mentorA, mentorRoles, checklist); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.MarkCourseMoved(c.ID, "https://aula.example.edu/course/1", mentorA, mentorRoles, checklist); err != nil {
			t.Fatal(err)
		}
		_, err := s.TickCourseItem(c.ID, "syllabus", false, mentorA, mentorRoles, checklist)
		wantKey(t, err, "course.err_moved")
		after, _ := s.ViewCourse(c.ID, teacherA, aulabot.Roles{})
		if _, ok := after.Ticks["syllabus"]; !ok || after.Status != aulabot.CourseMoved {
			t.Fatalf("untick on a moved course changed it: %+v", after)
		}
	})
}

func TestStore_MarkCourseMoved(t *testing.T) {
	s, now := open(t)
	c := newCourse(t, s, teacherA)
	const link = "https://aula.example.edu/course/7"
	t.Run("ErrIncomplete", func(t *testing.T) {
		s.TickCourseItem(c.ID, "syllabus", true, mentorA, mentorRoles, checklist)
		_, err := s.MarkCourseMoved(c.ID, link, mentorA, mentorRoles, checklist)
		wantKey(t, err, "course.err_incomplete")
	})
	for _, it := range checklist {
		if _, err := s.TickCourseItem(c.ID, it.ID, true, mentorA, mentorRoles, checklist); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("ErrTeacherDecides", func(t *testing.T) {
		_, err := s.MarkCourseMoved(c.ID, link, teacherA, aulabot.Roles{}, checklist)
		wantKey(t, err, "course.err_only_mentor")
	})
	t.Run("ErrLink", func(t *testing.T) {
		for _, bad := range []string{"", "aula virtual", "ftp://x.edu/c", "javascript:alert(1)"} {
			_, err := s.MarkCourseMoved(c.ID, bad, mentorA, mentorRoles, checklist)
			wantKey(t, err, "course.err_link")
		}
		got, _ := s.ViewCourse(c.ID, teacherA, aulabot.Roles{})
		if got.Status != aulabot.CourseInProgress {
			t.Fatalf("status = %q after refused decisions", got.Status)
		}
	})
	t.Run("OK", func(t *testing.T) {
		*now = now.Add(time.Hour)
		got, err := s.MarkCourseMoved(c.ID, link, mentorA, mentorRoles, checklist)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != aulabot.CourseMoved || got.LMSURL != link || !got.MovedAt.Equal(*now) {
			t.Fatalf("course = %+v", got)
		}
		_, err = s.MarkCourseMoved(c.ID, link, mentorA, mentorRoles, checklist)
		wantKey(t, err, "course.err_moved")
	})
	t.Run("Reopen", func(t *testing.T) {
		var got aulabot.Course
		err := s.Update(func(tx *store.Tx) (err error) { got, err = tx.ReopenCourse(c.ID, mentorA, mentorRoles); return err })
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != aulabot.CourseInProgress || !got.MovedAt.IsZero() || len(got.Ticks) != len(checklist) {
			t.Fatalf("reopened = %+v", got)
		}
		if last := got.Audit[len(got.Audit)-1]; last.Action != aulabot.CourseReopened {
			t.Fatalf("last audit = %+v", last)
		}
		err = s.Update(func(tx *store.Tx) error { _, err := tx.ReopenCourse(c.ID, mentorA, mentorRoles); return err })
		wantKey(t, err, "course.err_not_moved")
	})
	t.Run("OptionalItemsNotNeeded", func(t *testing.T) {
		list := []aulabot.ChecklistItem{{ID: "a", Title: "A"}, {ID: "b", Title: "B", Optional: true}}
		c := newCourse(t, s, teacherB)
		s.TickCourseItem(c.ID, "a", true, mentorA, mentorRoles, list)
		if _, err := s.MarkCourseMoved(c.ID, link, mentorA, mentorRoles, list); err != nil {
			t.Fatal(err)
		}
	})
}

func TestStore_CourseNotesAndBookings(t *testing.T) {
	s, _ := open(t)
	c := newCourse(t, s, teacherA)
	sl := slotAt(t, s, mentorA, 48*time.Hour, aulabot.SlotPersonal, 1)
	b, err := s.BookSlot(sl.ID, person(teacherA), rules)
	if err != nil {
		t.Fatal(err)
	}
	var got aulabot.Course
	link := func(course, booking uint64, by int64) error {
		return s.Update(func(tx *store.Tx) (err error) { got, err = tx.LinkCourseBooking(course, booking, by); return err })
	}
	t.Run("Link", func(t *testing.T) {
		if err := link(c.ID, b.ID, teacherA); err != nil {
			t.Fatal(err)
		}
		if len(got.Sessions) != 1 || got.Sessions[0].Mentor != mentorA || got.Sessions[0].Booking != b.ID {
			t.Fatalf("sessions = %+v", got.Sessions)
		}
		if err := link(c.ID, b.ID, teacherA); err != nil || len(got.Sessions) != 1 {
			t.Fatalf("a second tap: %v, sessions %+v", err, got.Sessions)
		}
		var mine []aulabot.Course
		s.View(func(tx *store.Tx) (err error) { mine, err = tx.CoursesWithMentor("unma", mentorA); return err })
		if len(mine) != 1 || mine[0].ID != c.ID {
			t.Fatalf("CoursesWithMentor = %+v", mine)
		}
		s.View(func(tx *store.Tx) (err error) { mine, err = tx.CoursesWithMentor("unsa", mentorA); return err })
		if len(mine) != 0 {
			t.Fatalf("the mentor's courses at another university: %+v", mine)
		}
	})
	t.Run("ErrForged", func(t *testing.T) {
		other := newCourse(t, s, teacherB)
		wantKey(t, link(other.ID, b.ID, teacherA), "course.err_not_found") // not the booker's course
		wantKey(t, link(other.ID, b.ID, teacherB), "course.err_booking")   // not the presser's booking
		wantKey(t, link(other.ID, 9999, teacherB), "course.err_booking")   // no such booking
		wantKey(t, link(9999, b.ID, teacherA), "course.err_not_found")     // no such course
	})
	t.Run("Notes", func(t *testing.T) {
		err := s.Update(func(tx *store.Tx) error {
			if _, err := tx.AddCourseNote(c.ID, "Buen avance en el sílabo", true, mentorA, mentorRoles); err != nil {
				return err
			}
			got, err = tx.AddCourseNote(c.ID, "Necesita apoyo con Moodle", false, mentorA, mentorRoles)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Comments) != 1 || len(got.Notes) != 1 || got.Notes[0].Text != "Necesita apoyo con Moodle" {
			t.Fatalf("comments %+v notes %+v", got.Comments, got.Notes)
		}
		for _, tc := range []struct {
			text  string
			by    int64
			roles aulabot.Roles
			key   string
		}{{"  ", mentorA, mentorRoles, "course.err_note_empty"},
			{strings.Repeat("x", aulabot.MaxCourseNote+1), mentorA, mentorRoles, "course.err_note_long"},
			{"mine", teacherA, aulabot.Roles{}, "course.err_only_mentor"}} {
			err := s.Update(func(tx *store.Tx) error {
				_, err := tx.AddCourseNote(c.ID, tc.text, false, tc.by, tc.roles)
				return err
			})
			wantKey(t, err, tc.key)
		}
	})
}

func TestStore_EraseCoursesOf(t *testing.T) {
	s, _ := open(t)
	c := newCourse(t, s, teacherA)
	keep := newCourse(t, s, teacherB)
	s.TickCourseItem(c.ID, "syllabus", true, teacherA, aulabot.Roles{}, checklist)
	s.TickCourseItem(c.ID, "outcomes", true, mentorA, mentorRoles, checklist)
	s.Update(func(tx *store.Tx) error {
		_, err := tx.AddCourseNote(c.ID, "private about the teacher", false, mentorA, mentorRoles)
		return err
	})
	if err := s.Update(func(tx *store.Tx) error { return tx.EraseCoursesOf(teacherA) }); err != nil {
		t.Fatal(err)
	}
	if got := coursesOf(t, s, teacherA); len(got) != 0 {
		t.Fatalf("the teacher still has courses: %+v", got)
	}
	var all []aulabot.Course
	s.View(func(tx *store.Tx) (err error) { all, err = tx.CoursesOfUniversity("unma"); return err })
	if len(all) != 2 {
		t.Fatalf("the anonymous course is gone from the counts: %d courses", len(all))
	}
	e := all[0]
	text := fmt.Sprintf("%+v", e)
	if !e.Erased || e.Teacher != 0 || strings.Contains(text, "Cálculo") || strings.Contains(text, "MA101") ||
		strings.Contains(text, "private") || strings.Contains(text, fmt.Sprint(teacherA)) {
		t.Fatalf("erased course still names the teacher or their course: %s", text)
	}
	if len(e.Ticks) != 2 || e.Ticks["outcomes"].By != mentorA {
		t.Fatalf("ticks after erasing = %+v", e.Ticks)
	}
	if all[1].ID != keep.ID || all[1].Name != "Cálculo I" {
		t.Fatalf("another teacher's course changed: %+v", all[1])
	}

	// A mentor who deletes their data: their id and name leave every
	// course; the ticks, sessions and notes stay, anonymous.
	sl := slotAt(t, s, mentorA, 48*time.Hour, aulabot.SlotPersonal, 1)
	b, err := s.BookSlot(sl.ID, person(teacherB), rules)
	if err != nil {
		t.Fatal(err)
	}
	s.TickCourseItem(keep.ID, "forums", true, mentorA, mentorRoles, checklist)
	err = s.Update(func(tx *store.Tx) error {
		if _, err := tx.LinkCourseBooking(keep.ID, b.ID, teacherB); err != nil {
			return err
		}
		if _, err := tx.AddCourseNote(keep.ID, "shared", true, mentorA, mentorRoles); err != nil {
			return err
		}
		return tx.EraseCoursesOf(mentorA)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *store.Tx) (err error) { all, err = tx.CoursesOfUniversity("unma"); return err })
	for _, c := range all {
		if text := fmt.Sprintf("%+v", c); strings.Contains(text, fmt.Sprint(mentorA)) || strings.Contains(text, "MentorName:Mentor") {
			t.Fatalf("a course still names the erased mentor: %s", text)
		}
	}
	if k := all[1]; k.Name != "Cálculo I" || len(k.Ticks) != 1 || len(k.Sessions) != 1 || len(k.Comments) != 1 {
		t.Fatalf("the teacher's course lost more than the mentor: %+v", k)
	}
}

// TestStore_TickCourseItemConcurrent ticks every item of one course from
// many goroutines at once (teacher and mentor, each item many times):
// every tick is kept, none is lost to another, and the audit holds each
// item once.
func TestStore_TickCourseItemConcurrent(t *testing.T) {
	s, _ := open(t)
	c := newCourse(t, s, teacherA)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := 0; g < 100; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			by, roles := int64(teacherA), aulabot.Roles{}
			if g%2 == 0 {
				by, roles = mentorA, mentorRoles
			}
			if _, err := s.TickCourseItem(c.ID, checklist[g%len(checklist)].ID, true, by, roles, checklist); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got, _ := s.ViewCourse(c.ID, teacherA, aulabot.Roles{})
	if len(got.Ticks) != len(checklist) || len(got.Audit) != len(checklist) {
		t.Fatalf("%d ticks, %d audit entries; want %d each", len(got.Ticks), len(got.Audit), len(checklist))
	}
}
