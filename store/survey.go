package store

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"strconv"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
	bolt "go.etcd.io/bbolt"
)

// Survey responses, one per person and survey, stored under a keyed hash
// of the person: HMAC-SHA256 of their Telegram id under a random secret
// of the survey's series. The same person has the same key in every wave
// of a series, so that waves pair up, and an anonymous response holds
// nothing else of the person. A response to a survey that is not
// anonymous also holds the person's id, and an index entry finds it for
// /deletemydata.
const (
	bSurveySecrets   = "survey_secrets"   // series -> 32 random bytes
	bSurveyResponses = "survey_responses" // survey 0 key -> survey.Response
	bSurveyUsers     = "survey_users"     // user(i64) survey -> response key: responses that name the person
	bSurveyMeta      = "survey_meta"      // survey -> surveyMeta
	bSurveySeries    = "survey_series"    // series -> seriesMeta
)

// surveyMeta is what a survey was answered under: the start-up check
// compares it with the file.
type surveyMeta struct {
	Series    string            `json:"series"`
	Anonymous bool              `json:"anonymous"`
	Sigs      map[string]string `json:"sigs"` // question id -> signature when last answered
	File      string            `json:"file"`
}

// seriesMeta is whether a series' responses are anonymous.
type seriesMeta struct {
	Anonymous bool `json:"anonymous"`
}

// maybe returns bucket name, or nil in a database opened read-only that
// predates it.
func (tx *Tx) maybe(name string) *bolt.Bucket { return tx.tx.Bucket([]byte(name)) }

// surveySecret returns the secret of series; with create, one is made if
// there is none. Without it, nil means the series has no response.
func (tx *Tx) surveySecret(series string, create bool) ([]byte, error) {
	b := tx.maybe(bSurveySecrets)
	if b == nil {
		return nil, nil
	}
	if v := b.Get([]byte(series)); v != nil {
		return bytes.Clone(v), nil
	}
	if !create {
		return nil, nil
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	return secret, b.Put([]byte(series), secret)
}

// personKey is the keyed hash of user under secret.
func personKey(secret []byte, user int64) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("aulabot survey respondent " + strconv.FormatInt(user, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

func responseKey(surveyID, key string) []byte {
	return append(append([]byte(surveyID), 0), key...)
}

// SurveyResponse returns user's response to s, if there is one.
func (tx *Tx) SurveyResponse(s *survey.Survey, user int64) (survey.Response, bool, error) {
	var r survey.Response
	secret, err := tx.surveySecret(s.Series(), false)
	if err != nil || secret == nil || tx.maybe(bSurveyResponses) == nil {
		return r, false, err
	}
	ok, err := tx.get(bSurveyResponses, responseKey(s.ID, personKey(secret, user)), &r)
	return r, ok, err
}

// SurveyProgress returns where user stands in s: the question to ask next
// (the first one shown to them that is neither answered nor skipped, so
// that someone who comes back days later continues there), its position
// and how many there are. Errors: EFORBIDDEN error.start_first for someone
// who has not finished /start.
func (tx *Tx) SurveyProgress(s *survey.Survey, user int64) (survey.Progress, error) {
	r, _, role, err := tx.surveyStart(s, user)
	if err != nil {
		return survey.Progress{}, err
	}
	return s.ProgressOf(role, &r), nil
}

// SurveyPrevious returns the question shown to user before question id
// (Back); nil at the first. Errors: those of SurveyProgress.
func (tx *Tx) SurveyPrevious(s *survey.Survey, user int64, id string) (*survey.Question, error) {
	r, _, role, err := tx.surveyStart(s, user)
	if err != nil {
		return nil, err
	}
	return s.Previous(role, &r, id), nil
}

// surveyStart returns user's response to s (a new one if none) and the
// role it is answered in: the one it was started in.
func (tx *Tx) surveyStart(s *survey.Survey, user int64) (survey.Response, bool, string, error) {
	u, ok, err := tx.User(user)
	if err != nil {
		return survey.Response{}, false, "", err
	}
	if !ok || !u.Onboarded() {
		return survey.Response{}, false, "", aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
	}
	r, found, err := tx.SurveyResponse(s, user)
	if err != nil {
		return r, false, "", err
	}
	if !found {
		r = survey.Response{Survey: s.ID, University: u.University, Role: u.Role, Answers: map[string]survey.Answer{}}
	}
	if r.Answers == nil {
		r.Answers = map[string]survey.Answer{}
	}
	return r, found, r.Role, nil
}

// AnswerSurvey stores user's answer a to question id of s at once, in
// the caller's transaction (so that it commits with the update), and
// returns where they stand after it. The person has one response per
// survey whatever they press twice; answering a question again replaces
// its answer. loc is the university's time zone, for the survey's dates.
// Errors: EFORBIDDEN error.start_first, survey.not_for_you; ECONFLICT
// survey.closed, survey.question_hidden; ENOTFOUND survey.question_unknown
// (forged, or removed from the file); EINVALID survey.bad_answer,
// survey.text_empty, survey.text_too_long (over survey.MaxText
// characters). On an error nothing is written.
func (tx *Tx) AnswerSurvey(s *survey.Survey, user int64, id string, a survey.Answer, loc *time.Location) (survey.Progress, error) {
	return tx.changeResponse(s, user, loc, func(r *survey.Response) error {
		return s.Answer(r, r.Role, id, a, tx.now)
	})
}

// ClearSurveyAnswer removes user's answer to question id of s (every
// tick of a multiple choice taken off). Errors: those of AnswerSurvey but
// the answer's own.
func (tx *Tx) ClearSurveyAnswer(s *survey.Survey, user int64, id string, loc *time.Location) (survey.Progress, error) {
	return tx.changeResponse(s, user, loc, func(r *survey.Response) error {
		return s.Clear(r, r.Role, id)
	})
}

// SkipSurveyQuestion records that user skipped optional question id of s.
// Errors: those of AnswerSurvey, and EINVALID survey.not_optional.
func (tx *Tx) SkipSurveyQuestion(s *survey.Survey, user int64, id string, loc *time.Location) (survey.Progress, error) {
	return tx.changeResponse(s, user, loc, func(r *survey.Response) error {
		return s.Skip(r, r.Role, id, tx.now)
	})
}

// changeResponse applies change to user's response to s and stores it.
func (tx *Tx) changeResponse(s *survey.Survey, user int64, loc *time.Location, change func(*survey.Response) error) (survey.Progress, error) {
	r, found, role, err := tx.surveyStart(s, user)
	if err != nil {
		return survey.Progress{}, err
	}
	if err := s.CanAnswer(r.University, role, tx.now, loc); err != nil {
		return survey.Progress{}, err
	}
	if c, ok, err := tx.SurveyCampaign(s, r.University); err != nil {
		return survey.Progress{}, err
	} else if ok && c.ClosedAt(s, tx.now, loc) {
		return survey.Progress{}, aulabot.Errorf(aulabot.ECONFLICT, "survey.closed") // closed there by hand
	}
	if _, err := tx.surveyTerms(s); err != nil {
		return survey.Progress{}, err
	}
	secret, err := tx.surveySecret(s.Series(), true)
	if err != nil {
		return survey.Progress{}, err
	}
	if !found {
		r.Key, r.Started = personKey(secret, user), s.Stamp(tx.now)
	}
	if err := change(&r); err != nil {
		return survey.Progress{}, err
	}
	key := responseKey(s.ID, r.Key)
	if !s.Anonymous && !r.Unlinked && r.User == 0 {
		r.User = user
		if err := tx.bucket(bSurveyUsers).Put(append(i64(user), s.ID...), key); err != nil {
			return survey.Progress{}, err
		}
	}
	if err := tx.put(bSurveyResponses, key, r); err != nil {
		return survey.Progress{}, err
	}
	if err := tx.noteSurvey(s); err != nil {
		return survey.Progress{}, err
	}
	return s.ProgressOf(role, &r), nil
}

// surveyGuard refuses to store a response to s under other terms than its
// series' earlier responses: a survey that is not anonymous in a series
// with anonymous responses would link them to people (the keys are the
// same in every wave), and a survey moved to another series would find
// nobody's response. The start-up check (CheckSurveys) refuses such files
// first; this holds whatever loaded them.
func (tx *Tx) surveyGuard(s *survey.Survey) error {
	var sm seriesMeta
	if ok, err := tx.get(bSurveySeries, []byte(s.Series()), &sm); err != nil {
		return err
	} else if ok && sm.Anonymous && !s.Anonymous {
		return errAnonymityOff(s, s.Series())
	}
	var m surveyMeta
	if ok, err := tx.get(bSurveyMeta, []byte(s.ID), &m); err != nil {
		return err
	} else if ok && m.Series != s.Series() {
		return errSeriesMoved(s, m.Series)
	}
	return nil
}

// noteSurvey records what s is answered under: anonymity, series and its
// questions' kinds.
func (tx *Tx) noteSurvey(s *survey.Survey) error {
	sigs := map[string]string{}
	for _, q := range s.Questions {
		sigs[q.ID] = q.Signature()
	}
	var m surveyMeta
	ok, err := tx.get(bSurveyMeta, []byte(s.ID), &m)
	if err != nil {
		return err
	}
	if ok && m.Anonymous == s.Anonymous && maps.Equal(m.Sigs, sigs) && m.File == s.File {
		return nil
	}
	m = surveyMeta{Series: s.Series(), Anonymous: s.Anonymous, Sigs: sigs, File: s.File}
	if err := tx.put(bSurveyMeta, []byte(s.ID), m); err != nil {
		return err
	}
	return tx.put(bSurveySeries, []byte(s.Series()), seriesMeta{Anonymous: s.Anonymous})
}

// eraseSurveys unlinks user from every response that names them: the
// response stays, as an anonymous one (no id, times to the day, personal
// data in texts masked), and is never linked again. Anonymous responses
// hold nothing of the person and stay as they are.
func eraseSurveys(tx *Tx, user int64) error {
	c := tx.bucket(bSurveyUsers).Cursor()
	prefix := i64(user)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Seek(prefix) {
		key := bytes.Clone(v)
		if err := c.Delete(); err != nil {
			return err
		}
		var r survey.Response
		if ok, err := tx.get(bSurveyResponses, key, &r); err != nil || !ok {
			return err
		}
		unlink(&r)
		if err := tx.put(bSurveyResponses, key, r); err != nil {
			return err
		}
	}
	return nil
}

// unlink makes r anonymous.
func unlink(r *survey.Response) {
	r.User, r.Unlinked = 0, true
	r.Started, r.Completed = survey.Day(r.Started), survey.Day(r.Completed)
	mask := func(a survey.Answer) survey.Answer {
		a.Text = aulabot.MaskPersonal(a.Text)
		return a
	}
	for id, a := range r.Answers {
		r.Answers[id] = mask(a)
	}
	for id, as := range r.Stale {
		for i, a := range as {
			r.Stale[id][i] = mask(a)
		}
	}
}
