package store

import (
	"bytes"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
)

// The store is a survey.Source: results read the responses and the
// audience from it, each in one read transaction, and are computed outside
// it. A transaction is one too (a report reads its surveys area in its
// own read transaction).
var (
	_ survey.Source = (*Store)(nil)
	_ survey.Source = (*Tx)(nil)
)

// SurveyResponses returns every response stored for survey id.
func (s *Store) SurveyResponses(id string) (out []survey.Response, err error) {
	err = s.View(func(tx *Tx) error {
		out, err = tx.SurveyResponses(id)
		return err
	})
	return out, err
}

// SurveyPeople returns every person who finished onboarding, with their
// university, role and key under series' secret ("" while the series has
// none): the audience a response rate is over.
func (s *Store) SurveyPeople(series string) (out []survey.Person, err error) {
	err = s.View(func(tx *Tx) error {
		out, err = tx.SurveyPeople(series)
		return err
	})
	return out, err
}

// SurveyResponses is Store.SurveyResponses in tx.
func (tx *Tx) SurveyResponses(id string) ([]survey.Response, error) {
	b := tx.maybe(bSurveyResponses)
	if b == nil {
		return nil, nil
	}
	var out []survey.Response
	prefix := append([]byte(id), 0)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var r survey.Response
		if _, err := tx.get(bSurveyResponses, k, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// SurveyPeople is Store.SurveyPeople in tx.
func (tx *Tx) SurveyPeople(series string) ([]survey.Person, error) {
	secret, err := tx.surveySecret(series, false)
	if err != nil {
		return nil, err
	}
	var out []survey.Person
	err = tx.Users(func(u aulabot.User) error {
		if !u.Onboarded() {
			return nil
		}
		p := survey.Person{University: u.University, Role: u.Role}
		if secret != nil {
			p.Key = personKey(secret, u.ID)
		}
		out = append(out, p)
		return nil
	})
	return out, err
}
