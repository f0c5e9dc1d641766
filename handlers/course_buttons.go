package handlers

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// The courses' buttons, all under "crs:". A course field decodes any
// number: the service answers "not found" for a course that is not there
// or not the presser's to see, so a forged button changes nothing.

// Registering a course: Add "crs:add", Skip the code "crs:skip", a
// suggested term "crs:term:2027-I", the modality "crs:mod:online".
type (
	addCourseButton struct{}
	skipCodeButton  struct{}
	termButton      struct{ Term string }
	modalityButton  struct{ Modality string }
)

func (addCourseButton) Encode() string  { return button.Join("crs:add") }
func (skipCodeButton) Encode() string   { return button.Join("crs:skip") }
func (b termButton) Encode() string     { return button.Join("crs:term", b.Term) }
func (b modalityButton) Encode() string { return button.Join("crs:mod", b.Modality) }

// A page of /mycourses "crs:l:1".
type courseListButton struct{ Page int }

func (b courseListButton) Encode() string { return button.Join("crs:l", strconv.Itoa(b.Page)) }

// A course's buttons: Open "crs:v:7", tick "crs:t:7:syllabus:1" (0
// unticks), Moved online "crs:m:7", Reopen "crs:r:7", Comment "crs:c:7",
// Private note "crs:n:7".
type (
	openCourseButton struct{ Course uint64 }
	tickButton       struct {
		Course uint64
		Item   string
		On     bool
	}
	decideButton      struct{ Course uint64 }
	reopenCourseBtn   struct{ Course uint64 }
	commentButton     struct{ Course uint64 }
	privateNoteButton struct{ Course uint64 }
)

func decimal(n uint64) string { return strconv.FormatUint(n, 10) }

func (b openCourseButton) Encode() string  { return button.Join("crs:v", decimal(b.Course)) }
func (b decideButton) Encode() string      { return button.Join("crs:m", decimal(b.Course)) }
func (b reopenCourseBtn) Encode() string   { return button.Join("crs:r", decimal(b.Course)) }
func (b commentButton) Encode() string     { return button.Join("crs:c", decimal(b.Course)) }
func (b privateNoteButton) Encode() string { return button.Join("crs:n", decimal(b.Course)) }
func (b tickButton) Encode() string {
	on := "0"
	if b.On {
		on = "1"
	}
	return button.Join("crs:t", decimal(b.Course), b.Item, on)
}

// The session's course, asked after a booking: "crs:b:BOOKING:COURSE".
type forBookingButton struct{ Booking, Course uint64 }

func (b forBookingButton) Encode() string {
	return button.Join("crs:b", decimal(b.Booking), decimal(b.Course))
}

// The session is on none of the courses: "crs:bn:BOOKING".
type noCourseButton struct{ Booking uint64 }

func (b noCourseButton) Encode() string { return button.Join("crs:bn", decimal(b.Booking)) }

// courseButtons encodes the buttons the courses service puts on its
// messages to other people (service.CoursesButtons).
type courseButtons struct{}

func (courseButtons) ForBooking(booking, course uint64) string {
	return forBookingButton{booking, course}.Encode()
}
func (courseButtons) Open(course uint64) string { return openCourseButton{course}.Encode() }
func (courseButtons) NoCourse(booking uint64) string {
	return noCourseButton{booking}.Encode()
}

// suggestedTermRE is a term the bot suggests: a year and a semester.
var suggestedTermRE = regexp.MustCompile(`^[0-9]{4}-(I|II)$`)

// courseButtonKinds are the kinds above.
var courseButtonKinds = []button.Kind{
	noFields("crs:add", addCourseButton{}),
	noFields("crs:skip", skipCodeButton{}),
	{Prefix: "crs:term", Fields: 1, Longest: termButton{"2027-II"},
		Decode: func(f []string) (button.Data, bool) { return termButton{f[0]}, suggestedTermRE.MatchString(f[0]) }},
	{Prefix: "crs:mod", Fields: 1, Longest: modalityButton{aulabot.ModalityBlended},
		Decode: func(f []string) (button.Data, bool) {
			return modalityButton{f[0]}, f[0] == aulabot.ModalityOnline || f[0] == aulabot.ModalityBlended
		}},
	{Prefix: "crs:l", Fields: 1, Longest: courseListButton{math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) {
			page, ok := small(f[0])
			return courseListButton{page}, ok
		}},
	idKind("crs:v", func(n uint64) button.Data { return openCourseButton{n} }),
	idKind("crs:bn", func(n uint64) button.Data { return noCourseButton{n} }),
	idKind("crs:m", func(n uint64) button.Data { return decideButton{n} }),
	idKind("crs:r", func(n uint64) button.Data { return reopenCourseBtn{n} }),
	idKind("crs:c", func(n uint64) button.Data { return commentButton{n} }),
	idKind("crs:n", func(n uint64) button.Data { return privateNoteButton{n} }),
	{Prefix: "crs:t", Fields: 3, Longest: tickButton{math.MaxUint64, strings.Repeat("i", 24), true},
		Decode: func(f []string) (button.Data, bool) {
			n, ok := idField(f[0])
			return tickButton{n, f[1], f[2] == "1"}, ok && f[1] != "" && (f[2] == "1" || f[2] == "0")
		}},
	{Prefix: "crs:b", Fields: 2, Longest: forBookingButton{math.MaxUint64, math.MaxUint64},
		Decode: func(f []string) (button.Data, bool) {
			b, ok1 := idField(f[0])
			c, ok2 := idField(f[1])
			return forBookingButton{b, c}, ok1 && ok2
		}},
}
