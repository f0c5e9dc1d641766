// Package survey holds perception surveys: their definitions read from
// YAML files and checked, the rules of answering one (which question
// comes next, what an answer may be), and the statistics computed over the
// stored responses (response rates, means, distributions and the change
// between a baseline and an endline wave). It knows nothing of Telegram or
// of the database: store keeps the responses, handlers ask the questions.
package survey

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// Question types.
const (
	Likert   = "likert"   // 1-5, agreement, with a label for each point
	Single   = "single"   // one of the options
	Multiple = "multiple" // any of the options, at least one
	Scale    = "scale"    // a number from Min to Max (default 0-10)
	Text     = "text"     // a short text, at most MaxText characters
)

// Waves of a series, in the order they are run.
const (
	Baseline = "baseline"
	Midline  = "midline"
	Endline  = "endline"
)

// Audiences: who a survey (or one of its questions) is for.
const (
	ForAll     = "all"
	ForTeacher = aulabot.RoleTeacher
	ForStudent = aulabot.RoleStudent
)

// MaxText is the longest text answer, in characters.
const MaxText = 1000

// Favourable is the lowest Likert point counted as a favourable answer.
const Favourable = 4

// Tr is a text in Spanish and English.
type Tr struct {
	ES string `json:"es"`
	EN string `json:"en"`
}

// In returns the text in lang (Spanish for any language but English).
func (t Tr) In(lang string) string {
	if lang == aulabot.LangEN {
		return t.EN
	}
	return t.ES
}

// Date is a calendar day, read as YYYY-MM-DD; the zero Date is no date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether d is no date.
func (d Date) IsZero() bool { return d == Date{} }

// Start is the first instant of d in loc.
func (d Date) Start(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// String renders d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Survey is one survey file: a wave of a series, or a survey on its own.
type Survey struct {
	ID    string
	Title Tr
	// Intro is shown before the first question (optional).
	Intro Tr
	// Audience is ForTeacher, ForStudent or ForAll; Universities, if any,
	// restricts it to those universities.
	Audience     string
	Universities []string
	// Series ties the waves of one measurement together: the same question
	// id in two waves of a series is the same question. A survey without a
	// series is a series of its own (Series returns its id).
	SeriesID string
	Wave     string
	// Opens and Closes bound the days it can be answered, inclusive, in
	// the university's time zone; a zero date is no bound.
	Opens, Closes Date
	// Anonymous responses are stored under a keyed hash of the person,
	// never with their Telegram id.
	Anonymous bool
	Questions []*Question

	// File and Line say where the survey was defined.
	File string
	Line int
}

// Series is the series the survey belongs to: its series id, or its own
// id when it has none.
func (s *Survey) Series() string {
	if s.SeriesID != "" {
		return s.SeriesID
	}
	return s.ID
}

// Question returns the question with id, or nil.
func (s *Survey) Question(id string) *Question {
	for _, q := range s.Questions {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// For reports whether a person of university and role is in the survey's
// audience. ForAll is the programme's people, teachers and students, not
// its staff (technicians, mentors, coordinators, admins): a campaign of
// the teachers' and students' perception survey invited the technicians
// and the admin as well (seen in the sandbox), and the results count
// teachers and students only.
func (s *Survey) For(university, role string) bool {
	if len(s.Universities) > 0 && !slices.Contains(s.Universities, university) {
		return false
	}
	if s.Audience == ForAll {
		return role == ForTeacher || role == ForStudent
	}
	return s.Audience == role
}

// OpenAt reports whether the survey can be answered at now, its dates
// read in loc (nil: UTC).
func (s *Survey) OpenAt(now time.Time, loc *time.Location) bool {
	if !s.Opens.IsZero() && now.Before(s.Opens.Start(loc)) {
		return false
	}
	if !s.Closes.IsZero() && !now.Before(s.Closes.Start(loc).AddDate(0, 0, 1)) {
		return false
	}
	return true
}

// Where is "FILE:LINE", for messages about the survey.
func (s *Survey) Where() string { return s.File + ":" + strconv.Itoa(s.Line) }

// Question is one question of a survey.
type Question struct {
	ID   string
	Type string
	Text Tr
	// Labels are the five Likert points' labels, 1 to 5; of a Scale
	// question, the names of its two ends, if the file gives them.
	Labels []Tr
	// Options are the choices of a Single or Multiple question.
	Options []Option
	// Min and Max bound a Scale question.
	Min, Max int
	// Optional questions can be skipped.
	Optional bool
	// Audience narrows who is asked (ForAll: whoever takes the survey).
	Audience string
	// ShowIf asks the question only when an earlier answer is one of the
	// given values.
	ShowIf *ShowIf
	// Headline reports whether a Likert question counts in the series'
	// headline index (all do unless the file says headline: false).
	Headline bool

	Line int
	sig  string // Signature, once the question is parsed
}

// Option is a choice of a Single or Multiple question.
type Option struct {
	ID   string
	Text Tr
	// Exclusive is an answer that excludes the others of a Multiple
	// question ("None"): ticking it unticks them, and ticking another
	// unticks it.
	Exclusive bool
}

// ShowIf is a condition on an earlier answer: the question is shown when
// the answer to Question is one of Values (an option id, or a number for
// a Likert or Scale question; for a Multiple question, when any chosen
// option is one of them).
type ShowIf struct {
	Question string
	Values   []string
}

// Numeric reports whether the question's answers are numbers (Likert and
// Scale), for which means and changes are computed.
func (q *Question) Numeric() bool { return q.Type == Likert || q.Type == Scale }

// Range is the lowest and highest number a Numeric question takes.
func (q *Question) Range() (int, int) {
	if q.Type == Likert {
		return 1, 5
	}
	return q.Min, q.Max
}

// Signature is the question's kind: its type and scale (the range of a
// number, the option ids of a choice). Two questions with one signature
// take the same answers; an answer given under another signature is kept
// but no longer counts (the file changed the question).
func (q *Question) Signature() string {
	if q.sig != "" {
		return q.sig
	}
	return q.signature()
}

func (q *Question) signature() string {
	switch q.Type {
	case Scale:
		return fmt.Sprintf("%s:%d-%d", Scale, q.Min, q.Max)
	case Single, Multiple:
		ids := make([]string, len(q.Options))
		for i, o := range q.Options {
			ids[i] = o.ID
		}
		return q.Type + ":" + strings.Join(ids, ",")
	}
	return q.Type
}

// Option returns the option with id, or false.
func (q *Question) Option(id string) (Option, bool) {
	for _, o := range q.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// ForRole reports whether the question is asked of a person with role.
func (q *Question) ForRole(role string) bool { return q.Audience == ForAll || q.Audience == role }

// DefaultLabels are the Likert labels of a question that gives none.
var DefaultLabels = []Tr{
	{ES: "Totalmente en desacuerdo", EN: "Strongly disagree"},
	{ES: "En desacuerdo", EN: "Disagree"},
	{ES: "Ni de acuerdo ni en desacuerdo", EN: "Neither agree nor disagree"},
	{ES: "De acuerdo", EN: "Agree"},
	{ES: "Totalmente de acuerdo", EN: "Strongly agree"},
}
