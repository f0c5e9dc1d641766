package report

import "time"

// HOOK (issue 17, surveys): the surveys area. Survey results are being
// built apart (survey/ and store/survey*.go). Once they land, an adapter
// over them implements SurveySource and cmd/aulabot sets
// Service.Surveys; Build then fills Report.Surveys and every renderer
// shows it. Until then Report.Surveys is nil and the renderers say that
// survey figures are not available yet. Survey answers are anonymous: an
// implementation must give counts only, and say "fewer than 5" (Hidden)
// for any figure of fewer than 5 answers, never names.

// SurveySource gives a report the survey figures of a university (or
// All) for the period [from, to).
type SurveySource interface {
	SurveyFigures(university string, from, to time.Time) (*Surveys, error)
}

// Surveys is the surveys area: the waves (baseline, endline, ...) whose
// answers fall in the period, their response rates and the change
// between waves.
type Surveys struct {
	Waves []SurveyWave
}

// SurveyWave is one wave of a survey: how many people were asked and how
// many answered; Hidden when fewer than 5 answered (the figures are then
// not shown).
type SurveyWave struct {
	Name             string
	Invited, Answers int
	Hidden           bool
}

// Response is the share of people asked who answered.
func (w SurveyWave) Response() Share { return Share{w.Answers, w.Invited} }
