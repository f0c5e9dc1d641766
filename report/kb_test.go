package report

import (
	"reflect"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// kbData stores the questions of TestReport_KB.
func kbData(e *env) {
	q := func(user int64, uni, outcome, feedback, text string, when time.Time) {
		e.question(aulabot.Question{UserID: user, University: uni, Role: aulabot.RoleTeacher, Lang: "es",
			Text: text, Outcome: outcome, Feedback: feedback, At: when})
	}
	const A, S, N = aulabot.OutcomeAnswer, aulabot.OutcomeSuggest, aulabot.OutcomeNone
	q(100, "unma", A, "", "horario de tutoría", at(time.March, 1, 23, 59))                    // the previous period
	q(101, "unma", A, aulabot.FeedbackHelpful, "cómo entro al aula", at(time.March, 2, 0, 0)) // the first instant
	q(102, "unma", A, aulabot.FeedbackNotHelpful, "no veo mis notas", at(time.March, 3, 10, 0))
	q(101, "unma", S, "", "foro de debate", at(time.March, 4, 10, 0))
	q(103, "unma", N, "", "como subo mi tarea", at(time.March, 4, 11, 0))
	// A coordinator's answer reached this one later.
	e.question(aulabot.Question{UserID: 104, University: "unma", Role: aulabot.RoleTeacher, Lang: "es",
		Text: "cómo subo mi TAREA al aula", Outcome: N, At: at(time.March, 12, 9, 0), Late: at(time.March, 13, 8, 0)})
	q(105, "unma", "", "", "pregunta en espera", at(time.March, 13, 9, 0))
	q(106, "unma", A, aulabot.FeedbackHelpful, followUp+"Entregar una tarea", at(time.March, 13, 10, 0))
	q(0, "unma", N, "", "", at(time.March, 14, 0, 0)) // someone who deleted their data
	q(107, "unma", A, "", "fuera del periodo", at(time.March, 16, 0, 0))
	q(108, "unvs", A, "", "otra universidad", at(time.March, 5, 10, 0))
}

// The knowledge base's figures count the questions asked in [from, to) in
// the university's zone, by outcome and feedback; the gaps are grouped as
// /gaps groups them; a related article opened is not a question.
func TestReport_KB(t *testing.T) {
	e := newEnv(t)
	kbData(e)
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	got := r.Current.KB
	got.gapQs = nil
	want := KB{Asked: 7, Answered: 2, Suggested: 1, Unknown: 3, Pending: 1, Helpful: 1, NotHelpful: 1,
		GapQuestions: 4, GapsErased: 1, AnsweredLate: 1, Gaps: []Gap{
			{Count: 2, Text: "cómo subo mi TAREA al aula", Also: "como subo mi tarea"},
			{Count: 1, Text: "no veo mis notas"},
		}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("KB =\n%+v, want\n%+v", got, want)
	}
	if s := got.HelpfulShare(); s != (Share{1, 3}) {
		t.Errorf("helpful share = %v, want 1 of 3 answered", s)
	}
	if s := got.AnsweredShare(); s != (Share{2, 7}) {
		t.Errorf("answered share = %v, want 2 of 7", s)
	}
	if r.Previous.KB.Asked != 1 {
		t.Errorf("previous period asked = %d, want 1", r.Previous.KB.Asked)
	}
	if p := r.Current.People; p.Asked != 5 || p.Active != 5 {
		t.Errorf("people who asked = %d, active %d; want 5 (not the anonymous one, not the related article)", p.Asked, p.Active)
	}
	if len(r.Questions) != 7 || r.Questions[0].Text != "cómo entro al aula" || r.Questions[0].At.Location().String() != "America/Lima" {
		t.Errorf("question rows = %+v", r.Questions)
	}
	weeks := []struct{ a, s, n int }{{2, 1, 1}, {0, 0, 2}}
	for i, w := range weeks {
		if got := r.Weeks[i]; got.Answered != w.a || got.Suggested != w.s || got.Unknown != w.n {
			t.Errorf("week %d outcomes = %d/%d/%d, want %d/%d/%d", i, got.Answered, got.Suggested, got.Unknown, w.a, w.s, w.n)
		}
	}
}

// A university in another zone counts its own days: a question asked at
// 00:30 on 16 March in Madrid (still the 15th in Lima) is after its
// period.
func TestReport_KBZone(t *testing.T) {
	e := newEnv(t)
	for _, when := range []time.Time{
		time.Date(2026, 3, 2, 0, 0, 0, 0, madrid),   // Madrid's first instant: in
		time.Date(2026, 3, 1, 23, 59, 0, 0, madrid), // the day before: out
		time.Date(2026, 3, 16, 0, 30, 0, 0, madrid), // 18:30 on the 15th in Lima: out
	} {
		e.question(aulabot.Question{UserID: 1, University: "unvs", Outcome: aulabot.OutcomeAnswer, Text: "q", At: when})
	}
	e.now = at(time.March, 20, 9, 0)
	if got := e.mustBuild("unvs", march2, march16, coordUNVS).Current.KB.Asked; got != 1 {
		t.Errorf("asked = %d, want 1", got)
	}
}
