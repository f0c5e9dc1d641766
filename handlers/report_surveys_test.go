package handlers_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	reports "github.com/aulabot/aulabot/report"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// The reports' surveys area: a wave open during the period shows how many
// people of the university answered it out of its audience, read in the
// report's transaction; fewer than 5 is hidden; a wave closed before the
// period is left out.
func TestReportSurveys(t *testing.T) {
	src := `id: pulse-%s
series: pulse
wave: %s
title: {es: Pulso, en: Pulse}
audience: all
anonymous: true
opens: %s
closes: %s
questions:
  - {id: quality, type: likert, text: {es: Calidad, en: Quality}}
`
	var waves []*survey.Survey
	for _, w := range []struct{ wave, opens, closes string }{
		{survey.Baseline, "2026-03-01", "2026-03-15"},
		{survey.Endline, "2026-06-01", "2026-06-15"},
	} {
		sv, probs := survey.Parse(w.wave+".yaml", fmt.Appendf(nil, src, w.wave, w.wave, w.opens, w.closes))
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		waves = append(waves, sv)
	}
	cfg := config.Demo()
	st, err := store.Open(filepath.Join(t.TempDir(), "aulabot.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lima, _ := time.LoadLocation("America/Lima")
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, lima)
	st.Now = func() time.Time { return now }
	// 8 people at unma, 6 of whom answer the baseline; 4 at unvs, who answer.
	for i := range 12 {
		id, uni := int64(700+i), "unma"
		if i >= 8 {
			uni = "unvs"
		}
		err := st.Update(func(tx *store.Tx) error {
			u := aulabot.User{ID: id, Name: fmt.Sprint("P", i), Lang: "es", University: uni, Role: aulabot.RoleTeacher, ConsentAt: now, CreatedAt: now}
			if err := tx.PutUser(u); err != nil {
				return err
			}
			if i == 6 || i == 7 {
				return nil
			}
			_, err := tx.AnswerSurvey(waves[0], id, "quality", survey.Answer{Number: 4}, lima)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	figures := func(uni string, from, to time.Time) *reports.Surveys {
		t.Helper()
		var out *reports.Surveys
		err := st.View(func(tx *store.Tx) (err error) {
			out, err = handlers.ReportSurveys{Set: survey.NewSet(waves...), Config: cfg}.SurveyFigures(tx, uni, from, to)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	march := time.Date(2026, 3, 2, 0, 0, 0, 0, lima)
	got := figures("unma", march, march.AddDate(0, 0, 14))
	want := []reports.SurveyWave{{Name: "pulse · baseline", Invited: 8, Answers: 6}}
	if fmt.Sprint(got.Waves) != fmt.Sprint(want) {
		t.Errorf("unma in March: %+v, want %+v", got.Waves, want)
	}
	if got := figures("unvs", march, march.AddDate(0, 0, 14)); len(got.Waves) != 1 || !got.Waves[0].Hidden {
		t.Errorf("unvs (4 answers): %+v, want the wave hidden", got.Waves)
	}
	if got := figures(reports.All, march, march.AddDate(0, 0, 14)); len(got.Waves) != 1 || got.Waves[0].Answers != 10 || got.Waves[0].Invited != 12 {
		t.Errorf("all in March: %+v, want 10 of 12", got.Waves)
	}
	if got := figures("unma", march.AddDate(0, 1, 0), march.AddDate(0, 2, 0)); len(got.Waves) != 0 {
		t.Errorf("April, no wave open: %+v", got.Waves)
	}
}
