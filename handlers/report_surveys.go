package handlers

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/report"
	"github.com/aulabot/aulabot/survey"
)

// ReportSurveys is the surveys area of reports: for each series, the
// waves open on some day of the period, each with its response rate at
// the university (or all), computed as the survey results are and read
// in the report's own transaction. Counts only; fewer than 5 respondents
// is Hidden.
type ReportSurveys struct {
	Set    *survey.Set
	Config *aulabot.Config
}

// reportSurveys is the surveys area of h's reports; nil without surveys.
func (h *Handlers) reportSurveys() report.SurveySource {
	if h.Survey.Set == nil {
		return nil
	}
	return ReportSurveys{Set: h.Survey.Set, Config: h.Config}
}

// SurveyFigures implements report.SurveySource; src must also be a
// survey.Source (a store transaction is).
func (s ReportSurveys) SurveyFigures(src report.Source, university string, from, to time.Time) (*report.Surveys, error) {
	ss, ok := src.(survey.Source)
	if !ok {
		return nil, fmt.Errorf("%T cannot read survey responses", src)
	}
	uni := university
	if uni == report.All {
		uni = ""
	}
	opt := survey.Options{University: uni, Resamples: 1} // counts only: no interval is shown
	for _, u := range s.Config.Universities {
		opt.Universities = append(opt.Universities, u.ID)
	}
	out := &report.Surveys{}
	for _, id := range s.Set.SeriesIDs() {
		var waves []*survey.Survey
		for _, w := range s.Set.Series(id) {
			if openDuring(w, from, to) {
				waves = append(waves, w)
			}
		}
		if len(waves) == 0 {
			continue
		}
		res, err := survey.Compute(ss, waves, opt)
		if err != nil {
			return nil, err
		}
		for _, g := range res.Groups {
			if g.University != uni || g.Role != "" {
				continue
			}
			for _, wc := range g.Waves {
				n, shown := wc.Respondents.Value()
				out.Waves = append(out.Waves, report.SurveyWave{Name: id + " · " + wc.Wave, Invited: wc.Audience, Answers: int(n), Hidden: !shown})
			}
		}
	}
	return out, nil
}

// openDuring reports whether s can be answered on some day of [from, to),
// its days read in from's zone.
func openDuring(s *survey.Survey, from, to time.Time) bool {
	loc := from.Location()
	if !s.Opens.IsZero() && !s.Opens.Start(loc).Before(to) {
		return false
	}
	return s.Closes.IsZero() || s.Closes.Start(loc).AddDate(0, 0, 1).After(from)
}
