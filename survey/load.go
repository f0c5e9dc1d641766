package survey

import (
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/aulabot/aulabot"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// Builtin is the built-in series, a baseline and an endline on
// perceptions of online education.
func Builtin() fs.FS {
	sub, err := fs.Sub(builtinFS, "builtin")
	if err != nil {
		panic(err)
	}
	return sub
}

// Set is the surveys loaded from a folder: the series in the order their
// files first name them, each series' waves as baseline, midline, endline
// (so a list offers the baseline before the endline whatever the files
// are called).
type Set struct {
	surveys []*Survey

	keysOnce sync.Once
	keys     map[string]bool // the Single options' words (MayBeOption)
}

// NewSet returns a set of surveys already checked together.
func NewSet(surveys ...*Survey) *Set { return &Set{surveys: inOrder(surveys)} }

// inOrder is surveys in a Set's order.
func inOrder(surveys []*Survey) []*Survey {
	series := map[string]int{}
	for _, sv := range surveys {
		if _, ok := series[sv.Series()]; !ok {
			series[sv.Series()] = len(series)
		}
	}
	out := slices.Clone(surveys)
	slices.SortStableFunc(out, func(a, b *Survey) int {
		return cmp.Or(cmp.Compare(series[a.Series()], series[b.Series()]), cmp.Compare(waveOrder(a.Wave), waveOrder(b.Wave)))
	})
	return out
}

// All returns every survey, in the set's order.
func (s *Set) All() []*Survey { return s.surveys }

// Get returns survey id. Errors: ENOTFOUND (survey.unknown) if no loaded
// survey has that id (it never existed, or its file was removed or has a
// problem).
func (s *Set) Get(id string) (*Survey, error) {
	for _, sv := range s.surveys {
		if sv.ID == id {
			return sv, nil
		}
	}
	return nil, aulabot.Errorf(aulabot.ENOTFOUND, "survey.unknown")
}

// Series returns the waves of series id: baseline, midline, endline, those
// that exist.
func (s *Set) Series(id string) []*Survey {
	var out []*Survey
	for _, sv := range s.surveys {
		if sv.Series() == id {
			out = append(out, sv)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return waveOrder(out[i].Wave) < waveOrder(out[j].Wave) })
	return out
}

// SeriesIDs lists the series, in file order.
func (s *Set) SeriesIDs() []string {
	var out []string
	for _, sv := range s.surveys {
		if !slices.Contains(out, sv.Series()) {
			out = append(out, sv.Series())
		}
	}
	return out
}

func waveOrder(w string) int {
	switch w {
	case Baseline:
		return 0
	case Midline:
		return 1
	case Endline:
		return 2
	}
	return 3
}

// Load reads every .yaml file under root in fsys, checks each and checks
// them together (survey ids unique, waves of a series comparable). A
// survey with a problem is left out; the others are loaded. known, if not
// nil, tells the university ids of the configuration, and a survey naming
// another is a problem. Problems are sorted by file and line; the error is
// for a folder that cannot be read.
func Load(fsys fs.FS, root string, known func(university string) bool) (*Set, []Problem, error) {
	var (
		parsed []*Survey
		probs  []Problem
	)
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || (path.Ext(p) != ".yaml" && path.Ext(p) != ".yml") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		s, ps := Parse(p, b)
		probs = append(probs, ps...)
		if s != nil {
			parsed = append(parsed, s)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("load surveys: %w", err)
	}
	ok, ps := checkSet(parsed, known)
	probs = append(probs, ps...)
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].File != probs[j].File {
			return probs[i].File < probs[j].File
		}
		return probs[i].Line < probs[j].Line
	})
	return &Set{surveys: inOrder(ok)}, probs, nil
}

// checkSet checks surveys parsed without problems against each other and
// returns those that pass. Within a series the waves are compared in
// order (baseline, midline, endline): a wave that disagrees with an
// earlier one is the one left out.
func checkSet(parsed []*Survey, known func(string) bool) ([]*Survey, []Problem) {
	var probs []Problem
	bad := map[*Survey]bool{}
	problem := func(s *Survey, line int, format string, args ...any) {
		probs = append(probs, Problem{File: s.File, Line: line, Msg: fmt.Sprintf(format, args...)})
		bad[s] = true
	}
	byID := map[string]*Survey{}
	for _, s := range parsed {
		if other := byID[s.ID]; other != nil {
			problem(s, s.Line, "duplicate survey id %q (also %s)", s.ID, other.Where())
			continue
		}
		byID[s.ID] = s
		for _, u := range s.Universities {
			if known != nil && !known(u) {
				problem(s, s.Line, "universities: %q is not a university of the configuration", u)
			}
		}
	}
	set := &Set{}
	for _, s := range parsed {
		if !bad[s] {
			set.surveys = append(set.surveys, s)
		}
	}
	for _, series := range set.SeriesIDs() {
		waves := set.Series(series)
		for i, s := range waves {
			for _, earlier := range waves[:i] {
				if bad[earlier] {
					continue
				}
				if earlier.Wave == s.Wave {
					problem(s, s.Line, "series %s has two %s surveys: %s and %s (%s)", series, s.Wave, earlier.ID, s.ID, earlier.Where())
					break
				}
				if earlier.Anonymous != s.Anonymous {
					problem(s, s.Line, "series %s: anonymous is %v here but %v in %s (%s): the waves of a series are all anonymous or none is", series, s.Anonymous, earlier.Anonymous, earlier.ID, earlier.Where())
					break
				}
				for _, q := range s.Questions {
					if e := earlier.Question(q.ID); e != nil && e.Signature() != q.Signature() {
						problem(s, q.Line, "question %s is %s here but %s in %s (%s:%d): the same id in the waves of a series must be the same kind of question",
							q.ID, describe(q), describe(e), earlier.ID, earlier.File, e.Line)
					}
				}
			}
		}
	}
	var ok []*Survey
	for _, s := range set.surveys {
		if !bad[s] {
			ok = append(ok, s)
		}
	}
	return ok, probs
}

// describe names a question's kind for a message: "a likert question",
// "a scale 0-10", "a single choice of yes, no".
func describe(q *Question) string {
	switch q.Type {
	case Scale:
		return fmt.Sprintf("a scale %d-%d", q.Min, q.Max)
	case Single, Multiple:
		ids := make([]string, len(q.Options))
		for i, o := range q.Options {
			ids[i] = o.ID
		}
		return fmt.Sprintf("a %s choice of %s", q.Type, strings.Join(ids, ", "))
	}
	return "a " + q.Type + " question"
}
