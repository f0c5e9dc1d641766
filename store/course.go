package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// Courses are kept by number (bCourses); bCoursesUni lists a university's
// courses (reports, the mentors' list), bCoursesTeacher a teacher's
// (/mycourses, erasing), bCoursesNamed the others a course names, its
// mentors (erasing, a mentor's list), and bCourseBooking which course a
// mentoring session was booked for. Each rule below reads the course,
// checks who acts and what the course allows, and writes it in the
// caller's transaction.
const (
	bCourses        = "courses"         // id -> aulabot.Course
	bCoursesUni     = "courses_uni"     // uni 0 id -> nil
	bCoursesTeacher = "courses_teacher" // teacher, id -> nil
	bCoursesNamed   = "courses_named"   // person, id -> nil: named by the course, its teacher aside
	bCourseBooking  = "course_booking"  // booking id -> course id
)

// MaxCoursesPerTeacher bounds how many courses one teacher registers.
const MaxCoursesPerTeacher = 50

func courseUniKey(uni string, id uint64) []byte { return append([]byte(uni+"\x00"), u64(id)...) }

// CreateCourse stores c as a new course of its teacher at its university,
// in progress, and returns it with its number. Errors: the EINVALID ones
// of aulabot.ValidateCourse; ECONFLICT course.err_too_many beyond
// MaxCoursesPerTeacher.
func (tx *Tx) CreateCourse(c aulabot.Course) (aulabot.Course, error) {
	if err := aulabot.ValidateCourse(&c); err != nil {
		return c, err
	}
	if c.University == "" || c.Teacher == 0 {
		return c, fmt.Errorf("create course: no university or teacher")
	}
	if len(tx.courseIDs(bCoursesTeacher, i64(c.Teacher))) >= MaxCoursesPerTeacher {
		return c, aulabot.Errorf(aulabot.ECONFLICT, "course.err_too_many", "max", MaxCoursesPerTeacher)
	}
	id, err := tx.nextID(bCourses)
	if err != nil {
		return c, err
	}
	c.ID, c.Status, c.Created, c.Updated = id, aulabot.CourseInProgress, tx.now, tx.now
	c.Ticks, c.Comments, c.Notes, c.Sessions, c.Audit, c.LMSURL = nil, nil, nil, nil, nil, ""
	c.MovedAt, c.Erased = time.Time{}, false
	if err := tx.put(bCourses, u64(id), c); err != nil {
		return c, err
	}
	if err := tx.bucket(bCoursesUni).Put(courseUniKey(c.University, id), []byte{}); err != nil {
		return c, err
	}
	return c, tx.bucket(bCoursesTeacher).Put(append(i64(c.Teacher), u64(id)...), []byte{})
}

// Course returns course id; false if there is none.
func (tx *Tx) Course(id uint64) (aulabot.Course, bool, error) {
	var c aulabot.Course
	ok, err := tx.get(bCourses, u64(id), &c)
	return c, ok, err
}

// ViewCourse returns course id if by, with roles r, may see it. A course
// that is not there and one that is not theirs to see are alike: ENOTFOUND
// course.err_not_found.
func (tx *Tx) ViewCourse(id uint64, by int64, r aulabot.Roles) (aulabot.Course, error) {
	c, ok, err := tx.Course(id)
	if err != nil {
		return c, err
	}
	if !ok || !c.VisibleTo(by, r) {
		return aulabot.Course{}, aulabot.Errorf(aulabot.ENOTFOUND, "course.err_not_found")
	}
	return c, nil
}

// TickCourseItem ticks (on) or unticks item of course id for by: the
// course's teacher or a mentor of its university. A tick records who and
// when, and both go to the audit. Errors: ENOTFOUND course.err_not_found
// (not there, or not by's to see); EFORBIDDEN course.err_only_mentor (a
// coordinator); EINVALID course.err_item (not an item of list); ECONFLICT
// course.err_moved (the course is marked moved online).
func (tx *Tx) TickCourseItem(id uint64, item string, on bool, by int64, r aulabot.Roles, list []aulabot.ChecklistItem) (aulabot.Course, error) {
	c, err := tx.ViewCourse(id, by, r)
	if err != nil {
		return c, err
	}
	if c.Teacher != by && !r.IsMentor(c.University) {
		return c, aulabot.Errorf(aulabot.EFORBIDDEN, "course.err_only_mentor")
	}
	if _, ok := aulabot.ChecklistItemOf(list, item); !ok {
		return c, aulabot.Errorf(aulabot.EINVALID, "course.err_item")
	}
	if c.Status == aulabot.CourseMoved {
		return c, aulabot.Errorf(aulabot.ECONFLICT, "course.err_moved")
	}
	_, ticked := c.Ticks[item]
	if ticked == on {
		return c, nil // a second press of the same state changes nothing
	}
	action := aulabot.CourseUnticked
	if on {
		if c.Ticks == nil {
			c.Ticks = map[string]aulabot.CourseTick{}
		}
		c.Ticks[item] = aulabot.CourseTick{By: by, At: tx.now}
		action = aulabot.CourseTicked
	} else {
		delete(c.Ticks, item)
	}
	c.Audit = append(c.Audit, aulabot.CourseEvent{At: tx.now, By: by, Action: action, Item: item})
	return c, tx.saveCourse(c)
}

// MarkCourseMoved records the mentor's decision that course id is online,
// published at link. Errors: ENOTFOUND course.err_not_found; EFORBIDDEN
// course.err_only_mentor (only the university's mentors decide);
// ECONFLICT course.err_moved (already), course.err_incomplete (a required
// item of list is not ticked); EINVALID course.err_link.
func (tx *Tx) MarkCourseMoved(id uint64, link string, by int64, r aulabot.Roles, list []aulabot.ChecklistItem) (aulabot.Course, error) {
	c, err := tx.mentorCourse(id, by, r)
	if err != nil {
		return c, err
	}
	if c.Status == aulabot.CourseMoved {
		return c, aulabot.Errorf(aulabot.ECONFLICT, "course.err_moved")
	}
	if _, missing := c.Done(list); missing > 0 {
		return c, aulabot.Errorf(aulabot.ECONFLICT, "course.err_incomplete", "n", missing)
	}
	if link, err = aulabot.ValidLMSLink(link); err != nil {
		return c, err
	}
	c.Status, c.LMSURL, c.MovedAt = aulabot.CourseMoved, link, tx.now
	c.Audit = append(c.Audit, aulabot.CourseEvent{At: tx.now, By: by, Action: aulabot.CourseDecided})
	return c, tx.saveCourse(c)
}

// ReopenCourse puts a course marked moved online back in progress (its
// ticks stay). Errors: ENOTFOUND course.err_not_found; EFORBIDDEN
// course.err_only_mentor; ECONFLICT course.err_not_moved.
func (tx *Tx) ReopenCourse(id uint64, by int64, r aulabot.Roles) (aulabot.Course, error) {
	c, err := tx.mentorCourse(id, by, r)
	if err != nil {
		return c, err
	}
	if c.Status != aulabot.CourseMoved {
		return c, aulabot.Errorf(aulabot.ECONFLICT, "course.err_not_moved")
	}
	c.Status, c.MovedAt = aulabot.CourseInProgress, time.Time{}
	c.Audit = append(c.Audit, aulabot.CourseEvent{At: tx.now, By: by, Action: aulabot.CourseReopened})
	return c, tx.saveCourse(c)
}

// AddCourseNote adds a mentor's comment to course id: shared (the teacher
// sees it) or private (only mentors and coordinators do). Errors:
// ENOTFOUND course.err_not_found; EFORBIDDEN course.err_only_mentor; the
// EINVALID ones of aulabot.ValidNote.
func (tx *Tx) AddCourseNote(id uint64, text string, shared bool, by int64, r aulabot.Roles) (aulabot.Course, error) {
	c, err := tx.mentorCourse(id, by, r)
	if err != nil {
		return c, err
	}
	if text, err = aulabot.ValidNote(text); err != nil {
		return c, err
	}
	n := aulabot.CourseNote{By: by, At: tx.now, Text: text}
	if shared {
		c.Comments = append(c.Comments, n)
	} else {
		c.Notes = append(c.Notes, n)
	}
	return c, tx.saveCourse(c)
}

// LinkCourseBooking records that booking (a session with mentor) is for
// course id, which must be the booker's own; a booking is for one course,
// so linking it again moves it. Errors: ENOTFOUND course.err_not_found
// (not the booker's course) or course.err_booking (not the booker's
// booking).
func (tx *Tx) LinkCourseBooking(id uint64, booking uint64, by int64) (aulabot.Course, error) {
	c, ok, err := tx.Course(id)
	if err != nil {
		return c, err
	}
	if !ok || c.Teacher == 0 || c.Teacher != by {
		return aulabot.Course{}, aulabot.Errorf(aulabot.ENOTFOUND, "course.err_not_found")
	}
	b, ok, err := tx.Booking(booking)
	if err != nil {
		return c, err
	}
	if !ok || b.User != by || b.Status == aulabot.BookingCancelled {
		return c, aulabot.Errorf(aulabot.ENOTFOUND, "course.err_booking")
	}
	s, ok, err := tx.Slot(b.Slot)
	if err != nil {
		return c, err
	}
	if !ok || s.University != c.University {
		return c, aulabot.Errorf(aulabot.ENOTFOUND, "course.err_booking")
	}
	if prev := tx.bucket(bCourseBooking).Get(u64(booking)); len(prev) == 8 {
		old := fromU64(prev)
		if old == id {
			return c, nil
		}
		if err := tx.unlinkBooking(old, booking); err != nil {
			return c, err
		}
	}
	c.Sessions = append(c.Sessions, aulabot.CourseSession{Booking: booking, Mentor: s.Mentor, MentorName: s.MentorName, At: s.Start})
	if err := tx.bucket(bCourseBooking).Put(u64(booking), u64(id)); err != nil {
		return c, err
	}
	return c, tx.saveCourse(c)
}

// CourseOfBooking returns the course booking was booked for; false if none.
func (tx *Tx) CourseOfBooking(booking uint64) (aulabot.Course, bool, error) {
	b := tx.bucket(bCourseBooking).Get(u64(booking))
	if len(b) != 8 {
		return aulabot.Course{}, false, nil
	}
	return tx.Course(fromU64(b))
}

// CoursesOf returns teacher's courses, oldest first.
func (tx *Tx) CoursesOf(teacher int64) ([]aulabot.Course, error) {
	return tx.coursesAt(tx.courseIDs(bCoursesTeacher, i64(teacher)))
}

// CoursesOfUniversity returns university uni's courses, oldest first
// (erased ones too: the counts read them).
func (tx *Tx) CoursesOfUniversity(uni string) ([]aulabot.Course, error) {
	return tx.coursesAt(tx.courseIDs(bCoursesUni, []byte(uni+"\x00")))
}

// CoursesWithMentor returns the courses of university uni that had a
// session booked with mentor, oldest first: of those that name the
// mentor, not every course of the university.
func (tx *Tx) CoursesWithMentor(uni string, mentor int64) ([]aulabot.Course, error) {
	named, err := tx.coursesAt(tx.courseIDs(bCoursesNamed, i64(mentor)))
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(named, func(c aulabot.Course) bool {
		return c.University != uni || c.Erased || !slices.Contains(c.Mentors(), mentor)
	}), nil
}

// mentorCourse loads course id for a mentor of its university. Errors:
// ENOTFOUND course.err_not_found; EFORBIDDEN course.err_only_mentor.
func (tx *Tx) mentorCourse(id uint64, by int64, r aulabot.Roles) (aulabot.Course, error) {
	c, err := tx.ViewCourse(id, by, r)
	if err != nil {
		return c, err
	}
	if !r.IsMentor(c.University) {
		return c, aulabot.Errorf(aulabot.EFORBIDDEN, "course.err_only_mentor")
	}
	return c, nil
}

func (tx *Tx) saveCourse(c aulabot.Course) error {
	c.Updated = tx.now
	if err := tx.indexNamed(c); err != nil {
		return err
	}
	return tx.put(bCourses, u64(c.ID), c)
}

// indexNamed adds c to bCoursesNamed under each person it names besides
// its teacher (who ticked, noted, decided or had a session). An entry
// stays after its mention goes (a session unlinked): erasing reads that
// course for nothing, and a mentor's list checks the sessions.
func (tx *Tx) indexNamed(c aulabot.Course) error {
	for _, who := range c.Named() {
		if who == c.Teacher {
			continue
		}
		if err := tx.bucket(bCoursesNamed).Put(append(i64(who), u64(c.ID)...), []byte{}); err != nil {
			return err
		}
	}
	return nil
}

// unlinkBooking removes booking from course id's sessions.
func (tx *Tx) unlinkBooking(id, booking uint64) error {
	c, ok, err := tx.Course(id)
	if err != nil || !ok {
		return err
	}
	c.Sessions = slices.DeleteFunc(c.Sessions, func(s aulabot.CourseSession) bool { return s.Booking == booking })
	return tx.saveCourse(c)
}

// courseIDs are the course numbers that end the keys of an index bucket
// under prefix.
func (tx *Tx) courseIDs(bucket string, prefix []byte) []uint64 {
	var ids []uint64
	c := tx.bucket(bucket).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) == len(prefix)+8 {
			ids = append(ids, fromU64(k[len(prefix):]))
		}
	}
	return ids
}

func (tx *Tx) coursesAt(ids []uint64) ([]aulabot.Course, error) {
	out := make([]aulabot.Course, 0, len(ids))
	for _, id := range ids {
		c, ok, err := tx.Course(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// CreateCourse is Tx.CreateCourse in its own transaction.
func (s *Store) CreateCourse(c aulabot.Course) (out aulabot.Course, err error) {
	err = s.Update(func(tx *Tx) error { out, err = tx.CreateCourse(c); return err })
	return out, err
}

// TickCourseItem is Tx.TickCourseItem in its own transaction.
func (s *Store) TickCourseItem(id uint64, item string, on bool, by int64, r aulabot.Roles, list []aulabot.ChecklistItem) (c aulabot.Course, err error) {
	err = s.Update(func(tx *Tx) error { c, err = tx.TickCourseItem(id, item, on, by, r, list); return err })
	return c, err
}

// MarkCourseMoved is Tx.MarkCourseMoved in its own transaction.
func (s *Store) MarkCourseMoved(id uint64, link string, by int64, r aulabot.Roles, list []aulabot.ChecklistItem) (c aulabot.Course, err error) {
	err = s.Update(func(tx *Tx) error { c, err = tx.MarkCourseMoved(id, link, by, r, list); return err })
	return c, err
}

// ViewCourse is Tx.ViewCourse in a read transaction.
func (s *Store) ViewCourse(id uint64, by int64, r aulabot.Roles) (c aulabot.Course, err error) {
	err = s.View(func(tx *Tx) error { c, err = tx.ViewCourse(id, by, r); return err })
	return c, err
}
