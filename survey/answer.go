package survey

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// Answer is one answer as stored: a number (Likert, Scale), option ids
// (Single: one, Multiple: one or more) or a text.
type Answer struct {
	// Sig is the question's Signature when it was answered: an answer
	// whose question has since changed kind is kept but no longer counts.
	Sig     string   `json:"sig"`
	Number  int      `json:"n,omitempty"`
	Choices []string `json:"c,omitempty"`
	Text    string   `json:"t,omitempty"`
}

// Response is one person's answers to one survey: there is at most one
// per person and survey, found by Key.
type Response struct {
	Survey string `json:"survey"`
	// Key is the keyed hash of the person under the series' secret: the
	// same person has the same key in every wave of a series.
	Key string `json:"key"`
	// User is the person's Telegram id, for a survey that is not
	// anonymous, until they delete their data.
	User int64 `json:"user,omitempty"`
	// Unlinked is a response whose person deleted their data: it is kept
	// as an anonymous one and never linked again.
	Unlinked   bool              `json:"unlinked,omitempty"`
	University string            `json:"university"`
	Role       string            `json:"role"`
	Answers    map[string]Answer `json:"answers"`
	Skipped    []string          `json:"skipped,omitempty"`
	// Stale holds answers to questions the file has since changed the
	// kind of: kept, readable, not counted.
	Stale map[string][]Answer `json:"stale,omitempty"`
	// Started and Completed are times, to the day only for an anonymous
	// survey (a time of day could be matched with other records).
	Started   time.Time `json:"started"`
	Completed time.Time `json:"completed,omitzero"`
}

// Valid returns the answer to q if there is one given under q's current
// kind.
func (r *Response) Valid(q *Question) (Answer, bool) {
	a, ok := r.Answers[q.ID]
	if !ok || a.Sig != q.Signature() {
		return Answer{}, false
	}
	return a, true
}

// Check checks answer a to q and returns it as stored: its signature set,
// the choices in the options' order, the text cleaned. Errors (EINVALID):
// survey.bad_answer for a number out of range or an unknown, repeated or
// missing option, survey.text_empty, survey.text_too_long (max).
func (q *Question) Check(a Answer) (Answer, error) {
	bad := aulabot.Errorf(aulabot.EINVALID, "survey.bad_answer")
	out := Answer{Sig: q.Signature()}
	switch q.Type {
	case Likert, Scale:
		lo, hi := q.Range()
		if a.Number < lo || a.Number > hi || len(a.Choices) > 0 || a.Text != "" {
			return out, bad
		}
		out.Number = a.Number
	case Single, Multiple:
		if len(a.Choices) == 0 || (q.Type == Single && len(a.Choices) > 1) || a.Number != 0 || a.Text != "" {
			return out, bad
		}
		for _, o := range q.Options {
			if slices.Contains(a.Choices, o.ID) {
				out.Choices = append(out.Choices, o.ID)
			}
		}
		if len(out.Choices) != len(a.Choices) { // unknown or repeated
			return out, bad
		}
	case Text:
		if a.Number != 0 || len(a.Choices) > 0 {
			return out, bad
		}
		t := strings.TrimSpace(aulabot.CleanText(a.Text))
		if n := utf8.RuneCountInString(t); n > MaxText {
			return out, aulabot.Errorf(aulabot.EINVALID, "survey.text_too_long", "max", MaxText, "n", n)
		}
		if t == "" {
			return out, aulabot.Errorf(aulabot.EINVALID, "survey.text_empty")
		}
		out.Text = t
	}
	return out, nil
}

// CanAnswer checks that a person of university and role may answer s at
// now (its dates read in loc). Errors: EFORBIDDEN survey.not_for_you,
// ECONFLICT survey.closed.
func (s *Survey) CanAnswer(university, role string, now time.Time, loc *time.Location) error {
	if !s.For(university, role) {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "survey.not_for_you")
	}
	if !s.OpenAt(now, loc) {
		return aulabot.Errorf(aulabot.ECONFLICT, "survey.closed")
	}
	return nil
}

// Shown reports whether q is asked of a person with role, the answers of
// r standing as they are: the question is for their role and its show_if
// (if any) holds on a shown earlier question.
func (s *Survey) Shown(q *Question, role string, r *Response) bool {
	if !q.ForRole(role) {
		return false
	}
	if q.ShowIf == nil {
		return true
	}
	target := s.Question(q.ShowIf.Question)
	if target == nil || !s.Shown(target, role, r) {
		return false
	}
	a, ok := r.Valid(target)
	if !ok {
		return false
	}
	for _, v := range q.ShowIf.Values {
		if slices.Contains(a.Choices, v) || (target.Numeric() && strconv.Itoa(a.Number) == v) {
			return true
		}
	}
	return false
}

// Progress is where a person stands in a survey.
type Progress struct {
	// Next is the first question shown to the person that is neither
	// answered nor skipped; nil when nothing is left.
	Next *Question
	// Position is Next's place among the questions shown (1-based, for
	// "3/12"); Total is how many are shown as the answers stand (a
	// show_if may add or remove some).
	Position, Total int
	// Answered counts the shown questions answered.
	Answered int
	// Done reports that every shown question is answered or skipped.
	Done bool
}

// ProgressOf returns where r stands in s for a person with role.
func (s *Survey) ProgressOf(role string, r *Response) Progress {
	var p Progress
	for _, q := range s.Questions {
		if !s.Shown(q, role, r) {
			continue
		}
		p.Total++
		_, answered := r.Valid(q)
		if answered {
			p.Answered++
		}
		if p.Next == nil && !answered && !slices.Contains(r.Skipped, q.ID) {
			p.Next, p.Position = q, p.Total
		}
	}
	p.Done = p.Next == nil
	return p
}

// Previous returns the question shown before question id, for Back; nil
// at the first.
func (s *Survey) Previous(role string, r *Response, id string) *Question {
	var prev *Question
	for _, q := range s.Questions {
		if q.ID == id {
			return prev
		}
		if s.Shown(q, role, r) {
			prev = q
		}
	}
	return nil
}

// question finds question id among those shown. Errors: ENOTFOUND
// survey.question_unknown (no such question: forged, or removed from the
// file), ECONFLICT survey.question_hidden (not asked of this person).
func (s *Survey) question(role string, r *Response, id string) (*Question, error) {
	q := s.Question(id)
	if q == nil {
		return nil, aulabot.Errorf(aulabot.ENOTFOUND, "survey.question_unknown")
	}
	if !s.Shown(q, role, r) {
		return nil, aulabot.Errorf(aulabot.ECONFLICT, "survey.question_hidden")
	}
	return q, nil
}

// Stamp is the time recorded for now: the day only in an anonymous survey.
func (s *Survey) Stamp(now time.Time) time.Time {
	if s.Anonymous {
		return Day(now)
	}
	return now
}

// Day is the start of t's day in UTC; the zero time stays zero.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Answer records answer a to question id in r, given by a person with
// role at now. Answering again replaces the answer (Back); an answer kept
// from before the question changed kind moves to Stale. Errors: those of
// question and Check.
func (s *Survey) Answer(r *Response, role, id string, a Answer, now time.Time) error {
	q, err := s.question(role, r, id)
	if err != nil {
		return err
	}
	a, err = q.Check(a)
	if err != nil {
		return err
	}
	if s.Anonymous && a.Text != "" {
		a.Text = aulabot.MaskPersonal(a.Text)
	}
	s.keepStale(r, q)
	r.Answers[q.ID] = a
	r.Skipped = slices.DeleteFunc(r.Skipped, func(x string) bool { return x == q.ID })
	s.complete(r, role, now)
	return nil
}

// Clear removes the answer to question id (a multiple choice whose
// every tick was taken off): it is unanswered again. Errors: those of
// question.
func (s *Survey) Clear(r *Response, role, id string) error {
	q, err := s.question(role, r, id)
	if err != nil {
		return err
	}
	s.keepStale(r, q)
	delete(r.Answers, q.ID)
	return nil
}

// Skip records that question id was skipped. Errors: those of question,
// EINVALID survey.not_optional for a question that must be answered.
func (s *Survey) Skip(r *Response, role, id string, now time.Time) error {
	q, err := s.question(role, r, id)
	if err != nil {
		return err
	}
	if !q.Optional {
		return aulabot.Errorf(aulabot.EINVALID, "survey.not_optional")
	}
	s.keepStale(r, q)
	delete(r.Answers, q.ID)
	if !slices.Contains(r.Skipped, q.ID) {
		r.Skipped = append(r.Skipped, q.ID)
	}
	s.complete(r, role, now)
	return nil
}

// keepStale moves an answer to q given under another kind of question to
// r.Stale before it is replaced.
func (s *Survey) keepStale(r *Response, q *Question) {
	if old, ok := r.Answers[q.ID]; ok && old.Sig != q.Signature() {
		if r.Stale == nil {
			r.Stale = map[string][]Answer{}
		}
		r.Stale[q.ID] = append(r.Stale[q.ID], old)
	}
}

func (s *Survey) complete(r *Response, role string, now time.Time) {
	if r.Completed.IsZero() && s.ProgressOf(role, r).Done {
		r.Completed = s.Stamp(now)
	}
}
