package survey_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
)

func parse(t *testing.T, src string) *survey.Survey {
	t.Helper()
	s, probs := survey.Parse("demo.yaml", []byte(src))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return s
}

func TestQuestion_Check(t *testing.T) {
	s := parse(t, valid)
	long := strings.Repeat("á", survey.MaxText)
	for _, tc := range []struct {
		q       string
		a       survey.Answer
		wantKey string
		want    survey.Answer
	}{
		{"quality", survey.Answer{Number: 5}, "", survey.Answer{Sig: "likert", Number: 5}},
		{"quality", survey.Answer{Number: 0}, "survey.bad_answer", survey.Answer{}},
		{"quality", survey.Answer{Number: 6}, "survey.bad_answer", survey.Answer{}},
		{"quality", survey.Answer{Number: 3, Text: "x"}, "survey.bad_answer", survey.Answer{}},
		{"overall", survey.Answer{Number: 0}, "", survey.Answer{Sig: "scale:0-10", Number: 0}},
		{"overall", survey.Answer{Number: 11}, "survey.bad_answer", survey.Answer{}},
		{"device", survey.Answer{Choices: []string{"phone"}}, "", survey.Answer{Sig: "single:pc,phone", Choices: []string{"phone"}}},
		{"device", survey.Answer{Choices: []string{"pc", "phone"}}, "survey.bad_answer", survey.Answer{}},
		{"device", survey.Answer{Choices: []string{"tablet"}}, "survey.bad_answer", survey.Answer{}},
		{"device", survey.Answer{}, "survey.bad_answer", survey.Answer{}},
		{"why", survey.Answer{Choices: []string{"habit", "cost"}}, "", survey.Answer{Sig: "multiple:cost,habit", Choices: []string{"cost", "habit"}}},
		{"why", survey.Answer{Choices: []string{"cost", "cost"}}, "survey.bad_answer", survey.Answer{}},
		{"comments", survey.Answer{Text: "  ok\u202e  "}, "", survey.Answer{Sig: "text", Text: "ok"}},
		{"comments", survey.Answer{Text: long}, "", survey.Answer{Sig: "text", Text: long}},
		{"comments", survey.Answer{Text: long + "a"}, "survey.text_too_long", survey.Answer{}},
		{"comments", survey.Answer{Text: " \n "}, "survey.text_empty", survey.Answer{}},
	} {
		got, err := s.Question(tc.q).Check(tc.a)
		if key := aulabot.ErrorKey(err); key != tc.wantKey || (err != nil && aulabot.ErrorCode(err) != aulabot.EINVALID) {
			t.Errorf("%s %+v: error %v, want %q", tc.q, tc.a, err, tc.wantKey)
			continue
		}
		if err == nil && (got.Sig != tc.want.Sig || got.Number != tc.want.Number || got.Text != tc.want.Text || strings.Join(got.Choices, ",") != strings.Join(tc.want.Choices, ",")) {
			t.Errorf("%s %+v = %+v, want %+v", tc.q, tc.a, got, tc.want)
		}
	}
}

// A person goes through the survey: the progress line counts the
// questions shown to them, show_if adds one, Back gives the one before,
// answering it again replaces the answer, and the survey is done once
// every shown question is answered or skipped.
func TestSurvey_Progress(t *testing.T) {
	s := parse(t, valid)
	now := time.Date(2026, 3, 10, 15, 4, 5, 0, time.UTC)
	r := &survey.Response{Answers: map[string]survey.Answer{}}
	step := func(wantNext string, wantPos, wantTotal int) {
		t.Helper()
		p := s.ProgressOf("teacher", r)
		next := ""
		if p.Next != nil {
			next = p.Next.ID
		}
		if next != wantNext || p.Position != wantPos || p.Total != wantTotal || p.Done != (wantNext == "") {
			t.Fatalf("progress = %s %d/%d done %v, want %s %d/%d", next, p.Position, p.Total, p.Done, wantNext, wantPos, wantTotal)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// A teacher is not asked the students' question; why only follows phone.
	step("quality", 1, 4)
	must(s.Answer(r, "teacher", "quality", survey.Answer{Number: 4}, now))
	step("device", 2, 4)
	if err := s.Answer(r, "teacher", "why", survey.Answer{Choices: []string{"cost"}}, now); aulabot.ErrorKey(err) != "survey.question_hidden" {
		t.Errorf("answering a hidden question: %v", err)
	}
	if err := s.Answer(r, "teacher", "study", survey.Answer{Number: 3}, now); aulabot.ErrorKey(err) != "survey.question_hidden" {
		t.Errorf("answering another role's question: %v", err)
	}
	if err := s.Answer(r, "teacher", "gone", survey.Answer{Number: 3}, now); aulabot.ErrorKey(err) != "survey.question_unknown" {
		t.Errorf("answering an unknown question: %v", err)
	}
	must(s.Answer(r, "teacher", "device", survey.Answer{Choices: []string{"phone"}}, now))
	step("why", 3, 5)
	if q := s.Previous("teacher", r, "why"); q == nil || q.ID != "device" {
		t.Errorf("Back from why = %v, want device", q)
	}
	// Back, and the other answer: why is no longer shown.
	must(s.Answer(r, "teacher", "device", survey.Answer{Choices: []string{"pc"}}, now))
	step("overall", 3, 4)
	if err := s.Skip(r, "teacher", "overall", now); aulabot.ErrorKey(err) != "survey.not_optional" {
		t.Errorf("skipping a required question: %v", err)
	}
	must(s.Answer(r, "teacher", "overall", survey.Answer{Number: 7}, now))
	step("comments", 4, 4)
	if !r.Completed.IsZero() {
		t.Error("completed before the end")
	}
	must(s.Skip(r, "teacher", "comments", now))
	step("", 0, 4)
	if r.Completed != survey.Day(now) {
		t.Errorf("completed = %v, want the day only (anonymous survey)", r.Completed)
	}
	if q := s.Previous("teacher", r, "quality"); q != nil {
		t.Errorf("Back from the first question = %v", q.ID)
	}
}

// A question whose kind changed in the file is asked again; the earlier
// answer moves to Stale and stays readable.
func TestSurvey_RetypedQuestion(t *testing.T) {
	old := parse(t, valid)
	now := time.Now()
	r := &survey.Response{Answers: map[string]survey.Answer{}}
	if err := old.Answer(r, "student", "overall", survey.Answer{Number: 9}, now); err != nil {
		t.Fatal(err)
	}
	changed := parse(t, strings.Replace(valid, "    type: scale\n", "    type: scale\n    min: 1\n    max: 5\n", 1))
	if _, ok := r.Valid(changed.Question("overall")); ok {
		t.Error("an answer to the old scale counts for the new one")
	}
	if p := changed.ProgressOf("student", r); p.Next.ID != "quality" || p.Answered != 0 {
		t.Errorf("progress = %+v", p)
	}
	if err := changed.Answer(r, "student", "overall", survey.Answer{Number: 4}, now); err != nil {
		t.Fatal(err)
	}
	if st := r.Stale["overall"]; len(st) != 1 || st[0].Number != 9 || st[0].Sig != "scale:0-10" {
		t.Errorf("stale = %+v", r.Stale)
	}
	if a := r.Answers["overall"]; a.Number != 4 || a.Sig != "scale:1-5" {
		t.Errorf("answer = %+v", a)
	}
}

func TestSurvey_CanAnswer(t *testing.T) {
	src := strings.Replace(valid, "    audience: student\n", "", 1)
	s := parse(t, strings.Replace(src, "audience: all", "audience: teacher\nuniversities: [unsa]", 1))
	lima := time.FixedZone("Lima", -5*3600)
	for _, tc := range []struct {
		uni, role string
		at        time.Time
		want      string
	}{
		{"unsa", "teacher", time.Date(2026, 3, 1, 5, 0, 0, 0, time.UTC), ""},                    // 00:00 in Lima on the opening day
		{"unsa", "teacher", time.Date(2026, 3, 1, 4, 59, 0, 0, time.UTC), "survey.closed"},      // 23:59 the day before
		{"unsa", "teacher", time.Date(2026, 4, 1, 4, 59, 0, 0, time.UTC), ""},                   // 23:59 on the closing day
		{"unsa", "teacher", time.Date(2026, 4, 1, 5, 0, 0, 0, time.UTC), "survey.closed"},       // the day after
		{"unsa", "student", time.Date(2026, 3, 10, 5, 0, 0, 0, time.UTC), "survey.not_for_you"}, // other role
		{"unma", "teacher", time.Date(2026, 3, 10, 5, 0, 0, 0, time.UTC), "survey.not_for_you"}, // other university
	} {
		if got := aulabot.ErrorKey(s.CanAnswer(tc.uni, tc.role, tc.at, lima)); got != tc.want {
			t.Errorf("%s %s at %v: %q, want %q", tc.uni, tc.role, tc.at, got, tc.want)
		}
	}
}
