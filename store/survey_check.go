package store

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/aulabot/aulabot/survey"
)

func errAnonymityOff(s *survey.Survey, series string) error {
	return fmt.Errorf("%s: survey %s: anonymous cannot be switched off: series %s already has anonymous responses, and a response that names its person would link them (put back anonymous: true, or start a new series with new survey ids)",
		s.Where(), s.ID, series)
}

func errSeriesMoved(s *survey.Survey, was string) error {
	return fmt.Errorf("%s: survey %s: its responses belong to series %s; it cannot move to series %s (put back series: %s, or give the survey a new id)",
		s.Where(), s.ID, was, s.Series(), was)
}

// CheckSurveys compares the surveys loaded at start-up with the terms
// their responses were given under. It refuses (an error naming the file
// and the survey) a survey that would switch anonymity off in a series
// with anonymous responses, and one that moved to another series. A
// series that has become anonymous is made so: every response of it loses
// its person's id (as /deletemydata does), and a warning says how many.
// Warnings also name questions removed or changed in kind since they were
// answered: their answers are kept, and no longer counted.
func (s *Store) CheckSurveys(surveys []*survey.Survey) (warnings []string, err error) {
	err = s.Update(func(tx *Tx) error {
		warnings = nil
		for _, sv := range surveys {
			n, err := tx.surveyTerms(sv)
			if err != nil {
				return err
			}
			if n > 0 {
				warnings = append(warnings, fmt.Sprintf("%s: survey %s: series %s is anonymous now: %d responses no longer name their person", sv.Where(), sv.ID, sv.Series(), n))
			}
			ws, err := tx.changedQuestions(sv)
			if err != nil {
				return err
			}
			warnings = append(warnings, ws...)
		}
		return nil
	})
	return warnings, err
}

// surveyTerms holds s to the terms its series' responses were given
// under (surveyGuard) and, if the series has become anonymous, makes its
// responses so; it returns how many no longer name their person.
func (tx *Tx) surveyTerms(s *survey.Survey) (int, error) {
	if err := tx.surveyGuard(s); err != nil {
		return 0, err
	}
	var sm seriesMeta
	ok, err := tx.get(bSurveySeries, []byte(s.Series()), &sm)
	if err != nil || !ok || sm.Anonymous || !s.Anonymous {
		return 0, err
	}
	return tx.sealSeries(s.Series())
}

// changedQuestions names the questions of sv removed or changed in kind
// since its responses were given.
func (tx *Tx) changedQuestions(sv *survey.Survey) ([]string, error) {
	var m surveyMeta
	if ok, err := tx.get(bSurveyMeta, []byte(sv.ID), &m); err != nil || !ok {
		return nil, err
	}
	var out []string
	ids := make([]string, 0, len(m.Sigs))
	for id := range m.Sigs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		q := sv.Question(id)
		switch {
		case q == nil:
			out = append(out, fmt.Sprintf("%s: survey %s: question %s was removed; the answers given to it are kept and no longer counted", sv.Where(), sv.ID, id))
		case q.Signature() != m.Sigs[id]:
			out = append(out, fmt.Sprintf("%s:%d: survey %s: question %s changed kind since it was answered; those answers are kept and no longer counted, and people will be asked it again", sv.File, q.Line, sv.ID, id))
		}
	}
	return out, nil
}

// sealSeries makes every response of series anonymous and returns how
// many named a person; the freed pages are overwritten after the commit.
func (tx *Tx) sealSeries(series string) (int, error) {
	var surveys []string
	err := tx.bucket(bSurveyMeta).ForEach(func(k, v []byte) error {
		var m surveyMeta
		if _, err := tx.get(bSurveyMeta, k, &m); err != nil {
			return err
		}
		if m.Series == series {
			surveys = append(surveys, string(k))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	var users [][]byte
	c := tx.bucket(bSurveyUsers).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if id, _, ok := bytes.Cut(v, []byte{0}); ok && slices.Contains(surveys, string(id)) {
			users = append(users, bytes.Clone(k))
		}
	}
	n := 0
	for _, k := range users {
		key := bytes.Clone(tx.bucket(bSurveyUsers).Get(k))
		if err := tx.bucket(bSurveyUsers).Delete(k); err != nil {
			return 0, err
		}
		var r survey.Response
		if ok, err := tx.get(bSurveyResponses, key, &r); err != nil {
			return 0, err
		} else if !ok {
			continue
		}
		unlink(&r)
		n++
		if err := tx.put(bSurveyResponses, key, r); err != nil {
			return 0, err
		}
	}
	for _, id := range surveys {
		var m surveyMeta
		if _, err := tx.get(bSurveyMeta, []byte(id), &m); err != nil {
			return 0, err
		}
		m.Anonymous = true
		if err := tx.put(bSurveyMeta, []byte(id), m); err != nil {
			return 0, err
		}
	}
	if n > 0 {
		tx.scrub = true
	}
	return n, tx.put(bSurveySeries, []byte(series), seriesMeta{Anonymous: true})
}
