package service_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// courseButtons encodes the courses' buttons readably.
type courseButtons struct{}

func (courseButtons) ForBooking(b, c uint64) string { return fmt.Sprintf("for %d %d", b, c) }
func (courseButtons) Open(c uint64) string          { return fmt.Sprintf("open %d", c) }
func (courseButtons) NoCourse(b uint64) string      { return fmt.Sprintf("none %d", b) }

const mentorMA = 4001 // a mentor at unma (config.Demo)

var mentorRoles = aulabot.Roles{Mentor: []string{"unma"}}

// booked counts the slots book made, so that each starts a day later.
var booked int

func newCourses(t *testing.T) (*service.Courses, *store.Store) {
	t.Helper()
	svc := service.New(config.Demo())
	svc.Courses.Buttons = courseButtons{}
	s := newStore(t)
	update(t, s, func(tx *store.Tx) error { return tx.PutUser(anaUser) })
	return svc.Courses, s
}

// book books a personal slot of mentorMA for ana, the day after the
// latest one.
func book(t *testing.T, s *store.Store) aulabot.Booking {
	t.Helper()
	booked++
	sl, err := s.CreateSlot("unma", mentorMA, "Mentora Rosa", aulabot.NewSlot{Start: now.Add(time.Duration(booked) * 24 * time.Hour), Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.BookSlot(sl.ID, anaUser, aulabot.BookingRules{})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func addCourse(t *testing.T, cs *service.Courses, s *store.Store, name string) aulabot.Course {
	t.Helper()
	var v service.CourseView
	update(t, s, func(tx *store.Tx) (err error) {
		v, err = cs.Add(tx, anaUser, service.CourseDraft{Name: name, Term: "2026-I"}, aulabot.ModalityBlended)
		return err
	})
	return v.Course
}

// AskForBooking asks the booker, once, which of their courses in progress
// the session is for; nothing when there is none or it is already tied.
func TestCourses_AskForBooking(t *testing.T) {
	cs, s := newCourses(t)
	ask := func(b aulabot.Booking) {
		t.Helper()
		update(t, s, func(tx *store.Tx) error { return cs.AskForBooking(tx, b) })
	}
	t.Run("NoCourse", func(t *testing.T) {
		ask(book(t, s))
		if got := pending(t, s, ana); len(got) != 0 {
			t.Fatalf("asked with no course: %+v", got)
		}
	})
	first := addCourse(t, cs, s, "Cálculo I")
	second := addCourse(t, cs, s, "Física II")
	b := book(t, s)
	t.Run("Asks", func(t *testing.T) {
		ask(b)
		ask(b) // the confirmation applied twice asks once
		got := pending(t, s, ana)
		if len(got) != 1 || !strings.Contains(got[0].Text, "Which of your courses") {
			t.Fatalf("messages = %+v", got)
		}
		rows := got[0].Inline
		// Newest first, then a way to say it is about none of them.
		want := []string{fmt.Sprintf("for %d %d", b.ID, second.ID), fmt.Sprintf("for %d %d", b.ID, first.ID), fmt.Sprintf("none %d", b.ID)}
		if len(rows) != 3 || rows[0][0].Data != want[0] || rows[1][0].Data != want[1] || rows[0][0].Text != "Física II · 2026-I" ||
			rows[2][0].Data != want[2] || rows[2][0].Text != "➖ None: another subject" {
			t.Fatalf("buttons = %+v, want %v (newest first)", rows, want)
		}
	})
	t.Run("AlreadyTied", func(t *testing.T) {
		// A booking tied to a course before it is confirmed again (a
		// moved slot) is not asked about.
		b3 := book(t, s)
		update(t, s, func(tx *store.Tx) error { _, err := cs.LinkBooking(tx, b3.ID, first.ID, ana); return err })
		ask(b3)
		// The mentor's panel finds the session's course; another
		// university's mentor does not.
		var v service.CourseView
		var found, other bool
		update(t, s, func(tx *store.Tx) (err error) {
			if v, found, err = cs.SessionCourse(tx, b3.ID, mentorMA, mentorRoles); err != nil {
				return err
			}
			_, other, err = cs.SessionCourse(tx, b3.ID, 4101, aulabot.Roles{Mentor: []string{"unvs"}})
			return err
		})
		if !found || v.Course.ID != first.ID || !v.Decide || other {
			t.Fatalf("SessionCourse = %+v, %v; other university %v", v, found, other)
		}
		if got := pending(t, s, ana); len(got) != 1 {
			t.Fatalf("%d messages, want the first question only", len(got))
		}
	})
	t.Run("Cancelled", func(t *testing.T) {
		ask(aulabot.Booking{ID: 999, User: ana, University: "unma", Status: aulabot.BookingCancelled})
		if got := pending(t, s, ana); len(got) != 1 {
			t.Fatalf("asked for a cancelled booking: %d messages", len(got))
		}
	})
}

// The teacher is told of the decision in their language with a button
// that opens the course; a private note tells nobody.
func TestCourses_DecideTellsTeacher(t *testing.T) {
	cs, s := newCourses(t)
	c := addCourse(t, cs, s, "Cálculo I")
	update(t, s, func(tx *store.Tx) error {
		for _, it := range aulabot.BuiltinChecklist {
			if _, err := cs.Tick(tx, c.ID, it.ID, true, mentorMA, mentorRoles); err != nil {
				return err
			}
		}
		_, err := cs.Note(tx, c.ID, "private", false, mentorMA, mentorRoles)
		return err
	})
	if got := pending(t, s, ana); len(got) != 0 {
		t.Fatalf("a private note told the teacher: %+v", got)
	}
	var v service.CourseView
	update(t, s, func(tx *store.Tx) (err error) {
		v, err = cs.Decide(tx, c.ID, "https://aulavirtual.montealto.example.edu.pe/course/view.php?id=7", mentorMA, mentorRoles)
		return err
	})
	if v.Course.Status != aulabot.CourseMoved || v.Tick || !v.Decide || v.TeacherName != "Ana" || len(v.Course.Notes) != 1 {
		t.Fatalf("mentor's view = %+v", v)
	}
	got := pending(t, s, ana)
	if len(got) != 1 || !strings.Contains(got[0].Text, "Congratulations") || got[0].Inline[0][0].Data != fmt.Sprintf("open %d", c.ID) {
		t.Fatalf("teacher told %+v", got)
	}
	update(t, s, func(tx *store.Tx) (err error) { v, err = cs.View(tx, c.ID, ana, aulabot.Roles{}); return err })
	if len(v.Course.Notes) != 0 || v.Decide || v.Tick {
		t.Fatalf("the teacher's view = %+v", v)
	}
}

// Only teachers who finished /start register courses.
func TestCourses_AddOnlyTeachers(t *testing.T) {
	cs, s := newCourses(t)
	student := anaUser
	student.ID, student.Role = 7100, aulabot.RoleStudent
	err := s.Update(func(tx *store.Tx) error {
		_, err := cs.Add(tx, student, service.CourseDraft{Name: "X", Term: "2026-I"}, aulabot.ModalityOnline)
		return err
	})
	if aulabot.ErrorKey(err) != "course.err_only_teachers" {
		t.Fatalf("err = %v", err)
	}
}
