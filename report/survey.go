package report

import "time"

// The surveys area. cmd/aulabot sets Service.Surveys to an adapter over
// the survey results (survey.Compute over the report's own transaction).
// Survey answers are anonymous: an implementation gives counts only, and
// says "fewer than 5" (Hidden) for any figure of fewer than 5 answers,
// never names.

// SurveySource gives a report the survey figures of a university (or
// All) for the period [from, to), read through src, the report's
// transaction.
type SurveySource interface {
	SurveyFigures(src Source, university string, from, to time.Time) (*Surveys, error)
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
