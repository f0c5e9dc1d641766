package service

import (
	"fmt"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// Courses follows the face-to-face courses teachers move online: a
// teacher registers a course (FlowAddCourse), each mentoring session can
// be tied to one (AskForBooking, LinkBooking), the teacher and the
// university's mentors tick its checklist, mentors leave comments the
// teacher sees and private notes, and a mentor decides it is moved online
// (Decide) or reopens it. The teacher is told of the decision and of each
// comment, in their language.
type Courses struct {
	Config *aulabot.Config
	Cat    *i18n.Catalog
	// Buttons encodes the buttons the service puts on its messages to
	// other people: the handlers' codec, set by handlers.New.
	Buttons CoursesButtons
}

// CoursesButtons encodes the buttons of the courses' messages to other
// people; handlers/course_buttons.go implements it.
type CoursesButtons interface {
	// ForBooking ties booking to course.
	ForBooking(booking, course uint64) string
	// NoCourse answers that booking is not about any of the courses.
	NoCourse(booking uint64) string
	// Open shows course.
	Open(course uint64) string
}

// CoursesTx is what the courses need of the update's transaction: the
// courses (store/course.go), people's languages, counters and the outbox.
type CoursesTx interface {
	User(id int64) (aulabot.User, bool, error)
	Enqueue(m aulabot.Message) (uint64, error)
	Count(name string, n int64) error

	CreateCourse(c aulabot.Course) (aulabot.Course, error)
	ViewCourse(id uint64, by int64, r aulabot.Roles) (aulabot.Course, error)
	TickCourseItem(id uint64, item string, on bool, by int64, r aulabot.Roles, list []aulabot.ChecklistItem) (aulabot.Course, error)
	MarkCourseMoved(id uint64, link string, by int64, r aulabot.Roles, list []aulabot.ChecklistItem) (aulabot.Course, error)
	ReopenCourse(id uint64, by int64, r aulabot.Roles) (aulabot.Course, error)
	AddCourseNote(id uint64, text string, shared bool, by int64, r aulabot.Roles) (aulabot.Course, error)
	LinkCourseBooking(id uint64, booking uint64, by int64) (aulabot.Course, error)
	CourseOfBooking(booking uint64) (aulabot.Course, bool, error)
	CoursesOf(teacher int64) ([]aulabot.Course, error)
	CoursesOfUniversity(uni string) ([]aulabot.Course, error)
	CoursesWithMentor(uni string, mentor int64) ([]aulabot.Course, error)
	EraseCoursesOf(teacher int64) error
}

// FlowAddCourse is registering a course: its name, its code (or Skip),
// its term, then its modality target (a button), which creates it.
var FlowAddCourse = aulabot.Flow[CourseDraft]{Name: "course"}

// The steps of FlowAddCourse: what each waits for.
const (
	CourseName     = "name" // a text
	CourseCode     = "code" // a text or Skip
	CourseTerm     = "term" // a text or a suggested term's button
	CourseModality = "mod"  // Fully online or Blended
)

// CourseDraft is what FlowAddCourse keeps.
type CourseDraft struct {
	Name string `json:"name,omitempty"`
	Code string `json:"code,omitempty"`
	Term string `json:"term,omitempty"`
}

// FlowCourseText is a mentor writing about a course after pressing
// Comment, Private note or Moved online: the step says which.
var FlowCourseText = aulabot.Flow[OnCourse]{Name: "crstext"}

// The steps of FlowCourseText.
const (
	CourseComment = "comment" // a comment the teacher sees
	CourseNote    = "note"    // a private note
	CourseLink    = "link"    // the LMS link of the course, which marks it moved online
)

// OnCourse is what FlowCourseText keeps: the course.
type OnCourse struct {
	Course uint64 `json:"id"`
}

// The key formats of the courses' messages to other people: a question
// per booking ("crsask:B"), a note to the teacher per audit entry or
// comment ("crs:ID:aN", "crs:ID:cN"): a repeat of the same update never
// tells twice.
func askKey(booking uint64) string                 { return fmt.Sprintf("crsask:%d", booking) }
func toldKey(id uint64, what string, n int) string { return fmt.Sprintf("crs:%d:%s%d", id, what, n) }

// The courses' anonymous counters: registered and moved online, by
// university.
func coursesCounter(uni, what string) string { return "courses:" + uni + ":" + what }

// CourseView is a course as one person sees it: its checklist, and what
// they may do with it.
type CourseView struct {
	Course aulabot.Course
	Items  []aulabot.ChecklistItem
	// Tick: the person may tick items (the teacher, a mentor; not on a
	// course moved online). Decide: a mentor, who may mark it moved online
	// or reopen it, comment and keep private notes, and sees those notes.
	Tick, Decide bool
	// TeacherName is the teacher's name, for mentors and coordinators.
	TeacherName string
}

// MyCourses is what /mycourses lists for a person: their own courses, the
// courses that had sessions with them as a mentor, and for coordinators
// every course of the universities they coordinate.
type MyCourses struct {
	Own, Mentored []aulabot.Course
	Coordinated   map[string][]aulabot.Course // by university id
}

// view makes the CourseView of c for by.
func (s *Courses) view(tx Tx, c aulabot.Course, by int64, r aulabot.Roles) (CourseView, error) {
	mentor := r.IsMentor(c.University)
	v := CourseView{Course: c, Items: s.Config.Checklist(c.University),
		Tick:   c.Status != aulabot.CourseMoved && (mentor || c.Teacher == by),
		Decide: mentor}
	if !v.Decide {
		v.Course.Notes = nil // private: never in the teacher's view
	}
	if c.Teacher != 0 && c.Teacher != by {
		u, _, err := tx.User(c.Teacher)
		if err != nil {
			return v, err
		}
		v.TeacherName = u.Name
	}
	return v, nil
}

// Add registers a course of teacher u at their university. Errors:
// EFORBIDDEN course.err_only_teachers (a student, or someone who has not
// finished /start); those of aulabot.ValidateCourse; ECONFLICT
// course.err_too_many.
func (s *Courses) Add(tx Tx, u aulabot.User, d CourseDraft, modality string) (CourseView, error) {
	if !u.Onboarded() || u.Role != aulabot.RoleTeacher {
		return CourseView{}, aulabot.Errorf(aulabot.EFORBIDDEN, "course.err_only_teachers")
	}
	c, err := tx.CreateCourse(aulabot.Course{University: u.University, Teacher: u.ID,
		Name: d.Name, Code: d.Code, Term: d.Term, Modality: modality})
	if err != nil {
		return CourseView{}, err
	}
	if err := tx.Count(coursesCounter(c.University, "registered"), 1); err != nil {
		return CourseView{}, err
	}
	return s.view(tx, c, u.ID, aulabot.Roles{})
}

// Mine returns the courses user (with roles r) follows.
func (s *Courses) Mine(tx Tx, user int64, r aulabot.Roles) (MyCourses, error) {
	var m MyCourses
	var err error
	if m.Own, err = tx.CoursesOf(user); err != nil {
		return m, err
	}
	for _, uni := range r.Mentor {
		cs, err := tx.CoursesWithMentor(uni, user)
		if err != nil {
			return m, err
		}
		m.Mentored = append(m.Mentored, cs...)
	}
	for _, u := range s.Config.Universities {
		if !r.IsCoordinator(u.ID) {
			continue
		}
		cs, err := tx.CoursesOfUniversity(u.ID)
		if err != nil {
			return m, err
		}
		if m.Coordinated == nil {
			m.Coordinated = map[string][]aulabot.Course{}
		}
		m.Coordinated[u.ID] = cs
	}
	return m, nil
}

// View returns course id as by sees it. Error: ENOTFOUND
// course.err_not_found (not there, or not by's to see).
func (s *Courses) View(tx Tx, id uint64, by int64, r aulabot.Roles) (CourseView, error) {
	c, err := tx.ViewCourse(id, by, r)
	if err != nil {
		return CourseView{}, err
	}
	return s.view(tx, c, by, r)
}

// Tick ticks (on) or unticks item of course id. Errors: those of
// store's TickCourseItem (not found, only mentors, unknown item, moved).
func (s *Courses) Tick(tx Tx, id uint64, item string, on bool, by int64, r aulabot.Roles) (CourseView, error) {
	c, err := tx.ViewCourse(id, by, r)
	if err != nil {
		return CourseView{}, err
	}
	if c, err = tx.TickCourseItem(id, item, on, by, r, s.Config.Checklist(c.University)); err != nil {
		return CourseView{}, err
	}
	return s.view(tx, c, by, r)
}

// Decide marks course id moved online, published at link, and tells its
// teacher. Errors: those of store's MarkCourseMoved.
func (s *Courses) Decide(tx Tx, id uint64, link string, by int64, r aulabot.Roles) (CourseView, error) {
	c, err := tx.ViewCourse(id, by, r)
	if err != nil {
		return CourseView{}, err
	}
	if c, err = tx.MarkCourseMoved(id, link, by, r, s.Config.Checklist(c.University)); err != nil {
		return CourseView{}, err
	}
	if err := tx.Count(coursesCounter(c.University, "moved"), 1); err != nil {
		return CourseView{}, err
	}
	if err := s.tellTeacher(tx, c, toldKey(c.ID, "a", len(c.Audit)), "course.told_moved", "link", c.LMSURL); err != nil {
		return CourseView{}, err
	}
	return s.view(tx, c, by, r)
}

// Reopen puts course id back in progress and tells its teacher. Errors:
// those of store's ReopenCourse.
func (s *Courses) Reopen(tx Tx, id uint64, by int64, r aulabot.Roles) (CourseView, error) {
	c, err := tx.ReopenCourse(id, by, r)
	if err != nil {
		return CourseView{}, err
	}
	if err := s.tellTeacher(tx, c, toldKey(c.ID, "a", len(c.Audit)), "course.told_reopened"); err != nil {
		return CourseView{}, err
	}
	return s.view(tx, c, by, r)
}

// Note adds a mentor's comment (shared: the teacher is told) or private
// note to course id. Errors: those of store's AddCourseNote.
func (s *Courses) Note(tx Tx, id uint64, text string, shared bool, by int64, r aulabot.Roles) (CourseView, error) {
	c, err := tx.AddCourseNote(id, text, shared, by, r)
	if err != nil {
		return CourseView{}, err
	}
	if shared {
		last := c.Comments[len(c.Comments)-1]
		if err := s.tellTeacher(tx, c, toldKey(c.ID, "c", len(c.Comments)), "course.told_comment", "text", last.Text); err != nil {
			return CourseView{}, err
		}
	}
	return s.view(tx, c, by, r)
}

// LinkBooking ties the presser's booking to their course id. Errors:
// those of store's LinkCourseBooking.
func (s *Courses) LinkBooking(tx Tx, booking, id uint64, by int64) (aulabot.Course, error) {
	return tx.LinkCourseBooking(id, booking, by)
}

// AskForBooking asks the person who booked b, with one tap, which of
// their courses in progress the session is for: a separate message with
// a button per course (the newest first, at most maxAsk). Nothing is sent
// when they have no course in progress at the booking's university, when
// the booking is not active, or when it is already tied to a course.
// The booking confirmation calls it in the same transaction.
func (s *Courses) AskForBooking(tx Tx, b aulabot.Booking) error {
	if b.Status != aulabot.BookingActive {
		return nil
	}
	if _, tied, err := tx.CourseOfBooking(b.ID); err != nil || tied {
		return err
	}
	own, err := tx.CoursesOf(b.User)
	if err != nil {
		return err
	}
	var rows [][]aulabot.Button
	for i := len(own) - 1; i >= 0 && len(rows) < maxAsk; i-- {
		if c := own[i]; c.Status == aulabot.CourseInProgress && c.University == b.University {
			rows = append(rows, []aulabot.Button{{Text: CourseLabel(c), Data: s.Buttons.ForBooking(b.ID, c.ID)}})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	lang := s.langOf(tx, b.User)
	// A session on another subject had no answer but to leave the
	// question there.
	rows = append(rows, []aulabot.Button{{Text: s.Cat.T(lang, "course.button_no_course"), Data: s.Buttons.NoCourse(b.ID)}})
	_, err = tx.Enqueue(aulabot.Message{Key: askKey(b.ID), ChatID: b.User, Text: s.Cat.T(lang, "course.ask_booking"), Inline: rows})
	return err
}

// SessionCourse returns the course booking was tied to, as by (a mentor
// in the slot panel or /today) sees it; false when it is tied to none or
// by may not see it. The panel shows an Open button for it.
func (s *Courses) SessionCourse(tx Tx, booking uint64, by int64, r aulabot.Roles) (CourseView, bool, error) {
	c, ok, err := tx.CourseOfBooking(booking)
	if err != nil || !ok || !c.VisibleTo(by, r) {
		return CourseView{}, false, err
	}
	v, err := s.view(tx, c, by, r)
	return v, err == nil, err
}

// maxAsk is how many courses AskForBooking offers.
const maxAsk = 8

// Erase blanks the courses of a person who deletes their data (one of
// Onboarding.Erasers).
func (s *Courses) Erase(tx Tx, user int64) error { return tx.EraseCoursesOf(user) }
