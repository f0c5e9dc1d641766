package survey_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot/survey"
)

// The parser never panics, and either returns a survey that holds its
// invariants or problems that each name the file and a line.
func FuzzParse(f *testing.F) {
	f.Add([]byte(valid))
	f.Add([]byte("id: x\nquestions: [{id: a, type: likert, show_if: {question: a, in: [1]}}]"))
	f.Add([]byte("a: &x [*x, *x]\nb: *x"))
	f.Add([]byte("- 1\n- 2"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, probs := survey.Parse("f.yaml", b)
		if (s == nil) == (len(probs) == 0) {
			t.Fatalf("survey %v with %d problems", s != nil, len(probs))
		}
		for _, p := range probs {
			if !strings.HasPrefix(p.String(), "f.yaml:") || p.Line < 1 {
				t.Fatalf("problem without a place: %q", p.String())
			}
		}
		if s == nil {
			return
		}
		if len(s.Questions) == 0 || s.Title.ES == "" || s.Title.EN == "" {
			t.Fatalf("survey without questions or title: %+v", s)
		}
		for i, q := range s.Questions {
			if q.Text.ES == "" || q.Text.EN == "" || q.Signature() == "" {
				t.Fatalf("question %d without text: %+v", i, q)
			}
			if q.ShowIf != nil {
				target := s.Question(q.ShowIf.Question)
				if target == nil || indexOf(s, target) >= i {
					t.Fatalf("show_if of %s names no earlier question", q.ID)
				}
			}
			if q.Type == survey.Likert && len(q.Labels) != 5 {
				t.Fatalf("likert %s has %d labels", q.ID, len(q.Labels))
			}
		}
	})
}

func indexOf(s *survey.Survey, q *survey.Question) int {
	for i, x := range s.Questions {
		if x == q {
			return i
		}
	}
	return -1
}
