package store

import (
	"bytes"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
)

// The store is a survey.Source: results read the responses and the
// audience from it, each in one read transaction, and are computed outside
// it.
var _ survey.Source = (*Store)(nil)

// SurveyResponses returns every response stored for survey id.
func (s *Store) SurveyResponses(id string) ([]survey.Response, error) {
	var out []survey.Response
	err := s.View(func(tx *Tx) error {
		b := tx.maybe(bSurveyResponses)
		if b == nil {
			return nil
		}
		prefix := append([]byte(id), 0)
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var r survey.Response
			if _, err := tx.get(bSurveyResponses, k, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// SurveyPeople returns every person who finished onboarding, with their
// university, role and key under series' secret ("" while the series has
// none): the audience a response rate is over.
func (s *Store) SurveyPeople(series string) ([]survey.Person, error) {
	var out []survey.Person
	err := s.View(func(tx *Tx) error {
		secret, err := tx.surveySecret(series, false)
		if err != nil {
			return err
		}
		return tx.Users(func(u aulabot.User) error {
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
	})
	return out, err
}
