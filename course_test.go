package aulabot_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// Whatever a teacher types as a course's name, code and term, validation
// either refuses it with one of the course's own errors or accepts a
// cleaned text within the limits that validates again unchanged.
func FuzzValidateCourse(f *testing.F) {
	for _, s := range [][3]string{{"Cálculo I", "MA101", "2027-I"}, {"", "", ""}, {"\u200b", "x", "2027:I"},
		{strings.Repeat("a", 300), "", "2027-II"}, {" <b>x</b> ", "\x00", "\xff"}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, name, code, term string) {
		c := aulabot.Course{Name: name, Code: code, Term: term, Modality: aulabot.ModalityOnline}
		if err := aulabot.ValidateCourse(&c); err != nil {
			if aulabot.ErrorCode(err) != aulabot.EINVALID || !strings.HasPrefix(aulabot.ErrorKey(err), "course.err_") {
				t.Fatalf("ValidateCourse(%q, %q, %q): %v", name, code, term, err)
			}
			return
		}
		for _, s := range []string{c.Name, c.Code, c.Term} {
			if !utf8.ValidString(s) || s != strings.TrimSpace(s) {
				t.Fatalf("accepted %q", s)
			}
		}
		if c.Name == "" || utf8.RuneCountInString(c.Name) > aulabot.MaxCourseName || c.Term == "" ||
			utf8.RuneCountInString(c.Term) > aulabot.MaxCourseTerm || strings.Contains(c.Term, ":") || utf8.RuneCountInString(c.Code) > aulabot.MaxCourseCode {
			t.Fatalf("accepted %+v", c)
		}
		again := c
		if err := aulabot.ValidateCourse(&again); err != nil || again.Name != c.Name || again.Code != c.Code || again.Term != c.Term {
			t.Fatalf("validating %+v again: %+v, %v", c, again, err)
		}
	})
}

func TestTermOf(t *testing.T) {
	for _, tc := range []struct {
		month time.Month
		want  string
	}{{time.January, "2027-I"}, {time.June, "2027-I"}, {time.July, "2027-II"}, {time.December, "2027-II"}} {
		if got := aulabot.TermOf(time.Date(2027, tc.month, 15, 0, 0, 0, 0, time.UTC)); got != tc.want {
			t.Errorf("TermOf(%s) = %q, want %q", tc.month, got, tc.want)
		}
	}
}
