package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/store"
)

// eventsData stores four events of unma (two in the tests' period, one
// in it that was cancelled, one after it) and one of unvs, with their
// counts and what those with a place said after.
func eventsData(e *env) {
	e.do(at(time.February, 20, 9, 0), func(tx *store.Tx) error {
		for _, ev := range []aulabot.Event{
			{University: "unma", Title: "Rubrics", At: at(time.March, 4, 17, 0), Counts: aulabot.EventCounts{Invited: 40, Attending: 12, Declined: 5,
				Asked: 12, Stars: [5]int{0, 0, 1, 2, 3}, Missed: 2}},
			{University: "unma", Title: "Quizzes", At: at(time.March, 12, 17, 0), Counts: aulabot.EventCounts{Invited: 40, Attending: 20, Declined: 3,
				Asked: 20, Stars: [5]int{0, 0, 0, 0, 2}}},
			{University: "unma", Title: "Later", At: at(time.March, 20, 17, 0), Counts: aulabot.EventCounts{Invited: 40, Attending: 1}},
			{University: "unma", Title: "Called off", At: at(time.March, 10, 17, 0), Counts: aulabot.EventCounts{Invited: 40, Attending: 7},
				Cancelled: at(time.March, 1, 9, 0)},
			{University: "unvs", Title: "Elsewhere", At: at(time.March, 5, 17, 0), Counts: aulabot.EventCounts{Invited: 9, Attending: 9}},
		} {
			if _, err := tx.CreateEvent(ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// The report counts the events that start in the period and were not
// cancelled, of its university (all of them for every university), with
// their answers and what those with a place said after; its Markdown and
// CSV show them.
func TestReport_Events(t *testing.T) {
	e := newEnv(t)
	eventsData(e)
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	if got, want := r.Current.Events, (Events{Events: 2, Invited: 80, Attending: 32, Declined: 8,
		Ratings: Ratings{Counts: [5]int{0, 0, 1, 2, 5}, Asked: 32}, Missed: 2}); got != want {
		t.Errorf("unma: %+v, want %+v", got, want)
	}
	if r.Current.Empty() {
		t.Error("a period with only events reads as empty")
	}
	all := e.mustBuild(All, march2, march16, admin)
	if got := all.Current.Events; got.Events != 3 || got.Attending != 41 {
		t.Errorf("all: %+v, want 3 events, 41 attending", got)
	}
	c := loadCatalogue(t)
	md := string(render(t, r, c, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return Markdown(b, r, tr, l) }))
	for _, want := range []string{"## Live trainings", "| Trainings | 2 |", "| Said they would attend | 32 |", "| Declined | 8 |",
		"| Said after that they came | 8 |", "| Said after that they could not come | 2 |", "| Mean rating | 4.5 |", "| Rated, of those who had a place | 25% |", "| Ratings of 5★ | 5 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if got := Summary(r, i18n.Builtin(), "en"); !strings.Contains(got, "🎓 Trainings: 2 · said they would attend: 32 · ⭐ mean: 4.5 (ratings: 8)") {
		t.Errorf("the chat summary lacks the trainings' line:\n%s", got)
	}
	if got := Summary(r, i18n.Builtin(), "es"); !strings.Contains(got, "⭐ media: 4,5 (calificaciones: 8)") {
		t.Errorf("the Spanish summary's trainings line:\n%s", got)
	}
	none := *r
	none.Current.Events = Events{}
	if got := Summary(&none, i18n.Builtin(), "en"); strings.Contains(got, "Trainings:") {
		t.Errorf("a summary with no trainings has their line:\n%s", got)
	}
	csv := string(render(t, r, c, "en", func(b *bytes.Buffer, r *Report, tr Texts, l string) error { return CSV(b, r, tr, l) }))
	if !strings.Contains(csv, "Invitations,80") {
		t.Errorf("CSV lacks the invitations:\n%s", csv)
	}
	c.check(t)
}
