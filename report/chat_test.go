package report

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/i18n"
)

// TestSummary_Satisfaction: the chat summary tells what people said of
// what they got, a line for each with something to tell (the tickets
// resolved and their ratings, the sessions' ratings, the answers' 👍 and
// 👎), in both languages; a period with none of it has none of the lines.
func TestSummary_Satisfaction(t *testing.T) {
	e := newEnv(t)
	eventsData(e) // a period with trainings alone
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	if got := Summary(r, i18n.Builtin(), "en"); strings.Contains(got, "Tickets resolved") || strings.Contains(got, "Mentoring ·") || strings.Contains(got, "Answers:") {
		t.Errorf("an empty period's summary:\n%s", got)
	}
	r.Current.Helpdesk.Resolved = 3
	r.Current.Helpdesk.Ratings = Ratings{Counts: [5]int{0, 0, 0, 1, 1}, Asked: 3}
	r.Current.Mentoring.Ratings = Ratings{Counts: [5]int{0, 0, 0, 0, 2}, Asked: 4}
	r.Current.KB.Helpful, r.Current.KB.NotHelpful = 7, 2
	for lang, want := range map[string][]string{
		"en": {"✅ Tickets resolved: 3 · ⭐ mean: 4.5 (ratings: 2)", "🧑‍🏫 Mentoring · ⭐ mean: 5.0 (ratings: 2)", "📚 Answers: 👍 helpful 7 · 👎 not helpful 2"},
		"es": {"✅ Tickets resueltos: 3 · ⭐ media: 4,5 (calificaciones: 2)", "🧑‍🏫 Mentorías · ⭐ media: 5,0 (calificaciones: 2)", "📚 Respuestas: 👍 me sirvió 7 · 👎 no me sirvió 2"},
	} {
		got := Summary(r, i18n.Builtin(), lang)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s summary lacks %q:\n%s", lang, w, got)
			}
		}
	}
	r.Current.Helpdesk.Ratings = Ratings{Asked: 3}
	if got := Summary(r, i18n.Builtin(), "en"); !strings.Contains(got, "✅ Tickets resolved: 3 · ⭐ mean: – (ratings: 0)") {
		t.Errorf("tickets resolved, none rated:\n%s", got)
	}
}
