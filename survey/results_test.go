package survey_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/survey"
)

// fakeSource is a survey.Source in memory.
type fakeSource struct {
	responses map[string][]survey.Response
	people    []survey.Person
}

func (f *fakeSource) SurveyResponses(id string) ([]survey.Response, error) {
	return append([]survey.Response(nil), f.responses[id]...), nil
}

func (f *fakeSource) SurveyPeople(string) ([]survey.Person, error) { return f.people, nil }

// pair is a baseline and an endline with two Likert items, a and b, for
// teachers.
func pair(t *testing.T) []*survey.Survey {
	t.Helper()
	src := `id: w-%s
series: w
wave: %s
title: {es: W, en: W}
audience: teacher
anonymous: true
questions:
  - {id: a, type: likert, text: {es: A, en: A}}
  - {id: b, type: likert, text: {es: B, en: B}}
`
	return []*survey.Survey{parse(t, fmt.Sprintf(src, "base", "baseline")), parse(t, fmt.Sprintf(src, "end", "endline"))}
}

// add stores a completed response of person key with answers a and b.
func (f *fakeSource) add(s *survey.Survey, key, uni string, a, b int) {
	if f.responses == nil {
		f.responses = map[string][]survey.Response{}
	}
	r := survey.Response{Survey: s.ID, Key: key, University: uni, Role: "teacher", Answers: map[string]survey.Answer{},
		Completed: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	for id, v := range map[string]int{"a": a, "b": b} {
		if v > 0 {
			r.Answers[id] = survey.Answer{Sig: survey.Likert, Number: v}
		}
	}
	f.responses[s.ID] = append(f.responses[s.ID], r)
}

// near checks a figure against a hand-computed value.
func near(t *testing.T, what string, f survey.Figure, want float64) {
	t.Helper()
	v, ok := f.Value()
	if !ok || math.Abs(v-want) > 1e-6 {
		t.Errorf("%s = %s, want %.6f", what, f.Format(6), want)
	}
}

func fewer(t *testing.T, what string, f survey.Figure) {
	t.Helper()
	if !f.Withheld() || f.Format(2) != "fewer than 5" {
		t.Errorf("%s = %s, want it withheld as \"fewer than 5\"", what, f.Format(6))
	}
}

// The worked example of the README: eight teachers of one university
// are known; seven answered the baseline, six of them the endline too.
//
//	person  baseline a b  score   endline a b  score   difference
//	p1               2 2  2.0             3 3  3.0     1.0
//	p2               3 2  2.5             4 3  3.5     1.0
//	p3               3 3  3.0             4 4  4.0     1.0
//	p4               4 3  3.5             4 4  4.0     0.5
//	p5               2 3  2.5             3 3  3.0     0.5
//	p6               4 4  4.0             5 4  4.5     0.5
//	p7               1 1  1.0             -            (baseline only)
//	p8               -                    -            (never answered)
//
// Response rates: 7/8 = 87.5 % and 6/8 = 75 %. The six pairs are at least
// half of the smaller wave (6), so every change is paired, over p1-p6.
//
// Headline (the index is each person's mean of a and b):
// before 17.5/6 = 2.916667, after 22/6 = 3.666667,
// change (3.666667 - 2.916667) / 2.916667 = 0.75 / 2.916667 = 25.714286 %;
// differences 1, 1, 1, .5, .5, .5: mean .75, sd sqrt(6 * .0625 / 5) =
// sqrt(.075), d_z = .75 / sqrt(.075) = sqrt(7.5) = 2.738613; favourable
// answers (4 or 5) among p1-p6's twelve: 3/12 = 25 % before (p4 a, p6 a
// and b), 7/12 = 58.333333 % after.
//
// Item a: over the pairs, before 18/6 = 3, after 23/6 = 3.833333, change
// 27.777778 %; differences 1,1,1,0,1,1: mean 5/6, variance 1/6, d_z =
// (5/6)/sqrt(1/6) = 5/sqrt(6) = 2.041241; favourable 2/6 = 33.333333 % and
// 4/6 = 66.666667 %. In the baseline wave (p1-p7) 7 answers, mean 19/7 =
// 2.714286, favourable 2/7 = 28.571429 %; endline 6, 23/6, 4/6.
//
// Item b: before 17/6 = 2.833333, after 21/6 = 3.5, change 4/17 =
// 23.529412 %; differences 1,1,1,1,0,0: mean 2/3, variance 4/15, d_z =
// sqrt(15)/3 = 1.290994; favourable 1/6 = 16.666667 % and 3/6 = 50 %. In
// the baseline wave mean 18/7 = 2.571429, favourable 1/7 = 14.285714 %.
//
// No value of a or b was given by 5 people or more, so every cell of the
// distributions says "fewer than 5".
func TestCompute_WorkedExample(t *testing.T) {
	waves := pair(t)
	src := &fakeSource{}
	base := [][2]int{{2, 2}, {3, 2}, {3, 3}, {4, 3}, {2, 3}, {4, 4}, {1, 1}}
	end := [][2]int{{3, 3}, {4, 3}, {4, 4}, {4, 4}, {3, 3}, {5, 4}}
	for i, v := range base {
		src.add(waves[0], fmt.Sprintf("p%d", i+1), "unsa", v[0], v[1])
	}
	for i, v := range end {
		src.add(waves[1], fmt.Sprintf("p%d", i+1), "unsa", v[0], v[1])
	}
	for i := 1; i <= 8; i++ {
		src.people = append(src.people, survey.Person{Key: fmt.Sprintf("p%d", i), University: "unsa", Role: "teacher"})
	}
	res, err := survey.Compute(src, waves, survey.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Resamples != 2000 || strings.Join(res.HeadlineItems, ",") != "a,b" {
		t.Errorf("resamples %d, headline items %v", res.Resamples, res.HeadlineItems)
	}
	var keys []string
	for _, g := range res.Groups {
		keys = append(keys, g.University+"/"+g.Role)
	}
	if strings.Join(keys, " ") != "/ /teacher unsa/ unsa/teacher" {
		t.Fatalf("groups = %q", keys)
	}
	g := res.Groups[3]
	for i, want := range []struct {
		respondents, audience int
		rate                  float64
	}{{7, 8, 87.5}, {6, 8, 75}} {
		w := g.Waves[i]
		near(t, "respondents", w.Respondents, float64(want.respondents))
		near(t, "completed", w.Completed, float64(want.respondents))
		near(t, "rate", w.Rate, want.rate)
		if w.Audience != want.audience {
			t.Errorf("audience = %d, want %d", w.Audience, want.audience)
		}
	}

	h := g.Headline
	if !h.Paired || h.EffectKind != "d_z" {
		t.Errorf("headline paired %v, %s", h.Paired, h.EffectKind)
	}
	near(t, "headline n before", h.NBefore, 6)
	near(t, "headline n after", h.NAfter, 6)
	near(t, "headline before", h.Before, 17.5/6)
	near(t, "headline after", h.After, 22.0/6)
	near(t, "headline change", h.Percent, 25.714285714)
	near(t, "headline d_z", h.Effect, math.Sqrt(7.5))
	near(t, "headline favourable before", h.FavBefore, 25)
	near(t, "headline favourable after", h.FavAfter, 700.0/12)

	for _, want := range []struct {
		id                     string
		baseMean, baseFav      float64
		endMean, endFav        float64
		before, after, pct, dz float64
		favBefore, favAfter    float64
	}{
		{"a", 19.0 / 7, 200.0 / 7, 23.0 / 6, 400.0 / 6, 3, 23.0 / 6, 250.0 / 9, 5 / math.Sqrt(6), 200.0 / 6, 400.0 / 6},
		{"b", 18.0 / 7, 100.0 / 7, 3.5, 50, 17.0 / 6, 3.5, 400.0 / 17, math.Sqrt(15) / 3, 100.0 / 6, 50},
	} {
		var q survey.QuestionResult
		for _, x := range g.Questions {
			if x.ID == want.id {
				q = x
			}
		}
		bw, ew := q.Waves[0], q.Waves[1]
		near(t, want.id+" baseline responses", bw.Responses, 7)
		near(t, want.id+" baseline mean", bw.Mean, want.baseMean)
		near(t, want.id+" baseline favourable", bw.Favourable, want.baseFav)
		near(t, want.id+" endline responses", ew.Responses, 6)
		near(t, want.id+" endline mean", ew.Mean, want.endMean)
		near(t, want.id+" endline favourable", ew.Favourable, want.endFav)
		for _, w := range q.Waves {
			if len(w.Distribution) != 5 {
				t.Errorf("%s: %d cells", want.id, len(w.Distribution))
			}
			for _, c := range w.Distribution {
				fewer(t, want.id+" "+w.Wave+" count of "+c.Value, c.Count)
				fewer(t, want.id+" "+w.Wave+" share of "+c.Value, c.Share)
			}
		}
		c := q.Change
		if !c.Paired || c.EffectKind != "d_z" {
			t.Errorf("%s: paired %v, %s", want.id, c.Paired, c.EffectKind)
		}
		near(t, want.id+" n", c.NBefore, 6)
		near(t, want.id+" before", c.Before, want.before)
		near(t, want.id+" after", c.After, want.after)
		near(t, want.id+" change", c.Percent, want.pct)
		near(t, want.id+" d_z", c.Effect, want.dz)
		near(t, want.id+" favourable before", c.FavBefore, want.favBefore)
		near(t, want.id+" favourable after", c.FavAfter, want.favAfter)
		lo, _ := c.Low.Value()
		hi, _ := c.High.Value()
		if !(lo < want.pct && want.pct < hi) {
			t.Errorf("%s: interval [%v, %v] does not hold the change %v", want.id, lo, hi, want.pct)
		}
	}
	lo, _ := h.Low.Value()
	hi, _ := h.High.Value()
	// Each resample is six of the six pairs: the smallest change it can
	// give is all six from the 0.5 group whose baseline is highest (p6:
	// 4 -> 4.5, 12.5 %), the largest all p1 (100 %).
	if !(12.5 <= lo && lo < 25.714285714 && 25.714285714 < hi && hi <= 100) {
		t.Errorf("headline interval [%v, %v]", lo, hi)
	}
	// All the universities' group is the same people (its interval is
	// drawn with a seed of its own).
	all := *res.Groups[0].Headline
	all.Low, all.High = h.Low, h.High
	if !reflect.DeepEqual(&all, g.Headline) || !reflect.DeepEqual(res.Groups[0].Waves, g.Waves) {
		t.Errorf("the all-universities group differs from unsa's")
	}
	// The same data give the same intervals; another seed others.
	again, _ := survey.Compute(src, waves, survey.Options{})
	if !reflect.DeepEqual(again, res) {
		t.Error("two computations of the same data differ")
	}
	other, _ := survey.Compute(src, waves, survey.Options{Seed: 7})
	if reflect.DeepEqual(other.Groups[3].Headline.Low, h.Low) && reflect.DeepEqual(other.Groups[3].Headline.High, h.High) {
		t.Error("another seed gives the same interval")
	}
}

// Different people in each wave: the change is unpaired, with Hedges' g.
//
//	baseline 2 3 3 4 3: mean 3, variance .5; endline 4 4 3 5 4: mean 4,
//	variance .5; change 33.333333 %; pooled sd sqrt(.5), d = 1.414214,
//	J = 1 - 3/(4*10-9) = 28/31, g = 1.277353; favourable 1/5 = 20 % and
//	4/5 = 80 %.
func TestCompute_Unpaired(t *testing.T) {
	waves := pair(t)
	src := &fakeSource{}
	for i, v := range []int{2, 3, 3, 4, 3} {
		src.add(waves[0], fmt.Sprintf("b%d", i), "unsa", v, 0)
	}
	for i, v := range []int{4, 4, 3, 5, 4} {
		src.add(waves[1], fmt.Sprintf("e%d", i), "unsa", v, 0)
	}
	res, err := survey.Compute(src, waves, survey.Options{University: "unsa"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 2 || res.Groups[0].University != "unsa" || res.Groups[0].Role != "" {
		t.Fatalf("groups = %+v", res.Groups)
	}
	c := res.Groups[1].Questions[0].Change
	if c.Paired || c.EffectKind != "g" {
		t.Errorf("paired %v, %s", c.Paired, c.EffectKind)
	}
	near(t, "n before", c.NBefore, 5)
	near(t, "n after", c.NAfter, 5)
	near(t, "before", c.Before, 3)
	near(t, "after", c.After, 4)
	near(t, "change", c.Percent, 100.0/3)
	near(t, "g", c.Effect, math.Sqrt2*28/31)
	near(t, "favourable before", c.FavBefore, 20)
	near(t, "favourable after", c.FavAfter, 80)
}

// Every person's change is +25 % (4 -> 5): every resample gives 25 %, so
// the interval is exactly [25, 25]; with no spread there is no d_z.
func TestCompute_IntervalOfAConstantChange(t *testing.T) {
	waves := pair(t)
	src := &fakeSource{}
	for i := range 6 {
		src.add(waves[0], fmt.Sprint(i), "unsa", 4, 4)
		src.add(waves[1], fmt.Sprint(i), "unsa", 5, 5)
	}
	res, _ := survey.Compute(src, waves, survey.Options{University: "unsa"})
	c := res.Groups[1].Headline
	near(t, "change", c.Percent, 25)
	near(t, "low", c.Low, 25)
	near(t, "high", c.High, 25)
	if c.Effect.Format(2) != "n/a" {
		t.Errorf("d_z = %s, want n/a", c.Effect.Format(2))
	}
}

// With many pairs the bootstrap interval of the relative change agrees
// with the normal interval of the delta method (an independent way to
// the same standard error): within 10 % in width and position.
func TestCompute_IntervalAgreesWithDeltaMethod(t *testing.T) {
	waves := pair(t)
	src := &fakeSource{}
	rng := rand.New(rand.NewPCG(3, 4))
	var b, e []float64
	for i := range 600 {
		bv := 1 + rng.IntN(4)
		ev := min(5, bv+rng.IntN(3)-0)
		src.add(waves[0], fmt.Sprint(i), "unsa", bv, 0)
		src.add(waves[1], fmt.Sprint(i), "unsa", ev, 0)
		b, e = append(b, float64(bv)), append(e, float64(ev))
	}
	res, _ := survey.Compute(src, waves, survey.Options{University: "unsa"})
	c := res.Groups[1].Questions[0].Change
	// Cells of 5 answers or more show their count and share.
	cells := res.Groups[1].Questions[0].Waves[0].Distribution
	ones := 0
	for _, v := range b {
		if v == 1 {
			ones++
		}
	}
	near(t, "baseline count of 1", cells[0].Count, float64(ones))
	near(t, "baseline share of 1", cells[0].Share, 100*float64(ones)/600)
	n := float64(len(b))
	mb, me := avg(b), avg(e)
	var vb, ve, cov float64
	for i := range b {
		vb += (b[i] - mb) * (b[i] - mb)
		ve += (e[i] - me) * (e[i] - me)
		cov += (b[i] - mb) * (e[i] - me)
	}
	vb, ve, cov = vb/(n-1)/n, ve/(n-1)/n, cov/(n-1)/n // variances of the means
	r := me / mb
	se := 100 * math.Sqrt(ve/(mb*mb)+r*r*vb/(mb*mb)-2*r*cov/(mb*mb))
	pct := 100 * (r - 1)
	lo, _ := c.Low.Value()
	hi, _ := c.High.Value()
	if w, want := hi-lo, 2*1.96*se; math.Abs(w-want) > 0.1*want {
		t.Errorf("interval width %.3f, delta method %.3f", w, want)
	}
	if mid := (lo + hi) / 2; math.Abs(mid-pct) > 0.1*1.96*se {
		t.Errorf("interval centre %.3f, change %.3f", mid, pct)
	}
}

func avg(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// A group of four: every figure says "fewer than 5", in JSON too, and
// nothing of the four answers shows.
func TestCompute_FewerThanFive(t *testing.T) {
	waves := pair(t)
	src := &fakeSource{}
	for i := range 4 {
		src.add(waves[0], fmt.Sprint(i), "unma", 2, 5)
		src.add(waves[1], fmt.Sprint(i), "unma", 4, 5)
	}
	for i := range 4 {
		src.people = append(src.people, survey.Person{Key: fmt.Sprint(i), University: "unma", Role: "teacher"})
	}
	res, _ := survey.Compute(src, waves, survey.Options{University: "unma"})
	g := res.Groups[1]
	for _, w := range g.Waves {
		fewer(t, "respondents", w.Respondents)
		fewer(t, "completed", w.Completed)
		fewer(t, "rate", w.Rate)
	}
	for _, f := range []survey.Figure{g.Headline.NBefore, g.Headline.Before, g.Headline.After, g.Headline.Percent, g.Headline.Low,
		g.Headline.High, g.Headline.Effect, g.Headline.FavBefore, g.Headline.FavAfter} {
		fewer(t, "headline", f)
	}
	for _, q := range g.Questions {
		for _, w := range q.Waves {
			fewer(t, q.ID+" responses", w.Responses)
			fewer(t, q.ID+" mean", w.Mean)
			fewer(t, q.ID+" favourable", w.Favourable)
		}
		fewer(t, q.ID+" change", q.Change.Percent)
	}
	b, _ := json.Marshal(res)
	for _, leak := range []string{`"respondents":4`, `"mean":2`, `"mean":5`, `"count":4`, `:100`, `:50`} {
		if strings.Contains(string(b), leak) {
			t.Errorf("JSON shows %s: %s", leak, b)
		}
	}
	var back survey.Results
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(&back, res) {
		t.Errorf("JSON does not read back: %v", err)
	}
}

// Answers to a question since removed or changed are counted as kept.
func TestCompute_Kept(t *testing.T) {
	waves := pair(t)
	src := &fakeSource{}
	for i := range 5 {
		src.add(waves[0], fmt.Sprint(i), "unsa", 3, 3)
	}
	for i := range src.responses["w-base"] {
		r := &src.responses["w-base"][i]
		r.Answers["gone"] = survey.Answer{Sig: survey.Likert, Number: 2}
		r.Answers["a"] = survey.Answer{Sig: "scale:0-10", Number: 8}
	}
	res, _ := survey.Compute(src, waves, survey.Options{})
	if len(res.Kept) != 2 || res.Kept[0].Question != "a" || res.Kept[0].Why != "changed" || res.Kept[1].Question != "gone" || res.Kept[1].Why != "removed" {
		t.Fatalf("kept = %+v", res.Kept)
	}
	near(t, "kept", res.Kept[0].Answers, 5)
	fewer(t, "a responses", res.Groups[0].Questions[0].Waves[0].Responses)
}
