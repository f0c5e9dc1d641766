package aulabot_test

import (
	"strings"
	"testing"
	"time"
	"unicode"
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

// TestSplitCourseCode: a code typed before the course's name is read as
// its code; a name that only starts with a word, or a code alone, is not
// split.
func TestSplitCourseCode(t *testing.T) {
	for name, want := range map[string][2]string{
		"BIO110 Biología celular":    {"BIO110", "Biología celular"},
		"MA-101 Cálculo I":           {"MA-101", "Cálculo I"},
		"est201  Estadística":        {"est201", "Estadística"},
		"CS101A Programming":         {"CS101A", "Programming"},
		"Biología celular":           {"", "Biología celular"},
		"BIO110":                     {"", "BIO110"},
		"2026 Química":               {"", "2026 Química"},
		"Química 2":                  {"", "Química 2"},
		"BIO110 2026":                {"", "BIO110 2026"},
		"Álgebra lineal y geometría": {"", "Álgebra lineal y geometría"},
	} {
		if code, rest := aulabot.SplitCourseCode(name); code != want[0] || rest != want[1] {
			t.Errorf("SplitCourseCode(%q) = %q, %q; want %q, %q", name, code, rest, want[0], want[1])
		}
	}
}

// FuzzSplitCourseCode: a code read from a name is one word at its start,
// within a code's length, and the rest is the name after it, with a
// letter; a name not split comes back as it was.
func FuzzSplitCourseCode(f *testing.F) {
	for _, s := range []string{"BIO110 Biología celular", "MA-101 Cálculo I", "Biología", "BIO110", "", " x1 y", "ab12\u00a0c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		code, rest := aulabot.SplitCourseCode(name)
		if code == "" {
			if rest != name {
				t.Fatalf("not split, yet %q became %q", name, rest)
			}
			return
		}
		if strings.ContainsAny(code, " \t\n") || utf8.RuneCountInString(code) > aulabot.MaxCourseCode ||
			!strings.HasPrefix(strings.TrimSpace(name), code+" ") || rest != strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), code)) ||
			!strings.ContainsFunc(rest, unicode.IsLetter) {
			t.Fatalf("SplitCourseCode(%q) = %q, %q", name, code, rest)
		}
	})
}
