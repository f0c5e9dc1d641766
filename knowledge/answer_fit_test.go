package knowledge

import (
	"math/bits"
	"testing"
)

// answerGrid is the grid answerRules were chosen from (see answerRules).
var answerGrid = struct {
	coverage, margin, veto, closer          []float64
	ngramAnswer, ngramMargin, ngramCoverage []float64
	wholeSpecific                           []int
}{
	coverage:      []float64{0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8},
	margin:        []float64{0.6, 0.7, 0.8, 0.85, 0.9, 1.0, 1.2, 1.5, 2.0},
	veto:          []float64{0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25},
	closer:        []float64{0, 0.8, 0.9, 1.0},
	ngramAnswer:   []float64{0.15, 0.2, 0.25, 0.3, 0.35, 0.4},
	ngramMargin:   []float64{0.4, 0.5, 0.6, 0.7, 0.8},
	ngramCoverage: []float64{0, 0.2, 0.3, 0.4, 0.5},
	wholeSpecific: []int{4, 5, 6, 99},
}

// fitQuestion is a question of the training or dev sets with the signals
// of its ranked hits.
type fitQuestion struct {
	signals
	split, lang string
	right       bool // the first hit is the article it expects
	unknown     bool // an unknown topic: expects no article
	suggested   bool // the article it expects is among the hits a suggestion would show
}

// fitQuestions ranks every answerable question and unknown topic of the
// given splits (train, dev; never test) of both languages and returns
// their signals, as the confidence rules see them. Questions with no hit
// are left out: nothing answers them.
func fitQuestions(t *testing.T, b *Base, splits ...string) []fitQuestion {
	t.Helper()
	var qs []fitQuestion
	for _, lang := range []string{"es", "en"} {
		for _, split := range splits {
			for _, q := range readQuestions(t, builtinSetPath(lang, split)) {
				if q.Kind == KindSmallTalk {
					continue
				}
				toks := b.typedTokens(q.Q, lang)
				words := b.wordsOf(toks, lang)
				qv := b.questionVector(toks, lang)
				hits := b.rank(words, qv, lang, Query{Text: q.Q, Lang: lang, Audience: q.Audience, University: q.University, Limit: 10})
				if len(hits) == 0 {
					continue // never answered
				}
				s := decisionSignals(words, hits, len(qv.keys) > 0, len(toks))
				r := Result{Confidence: ConfidenceSuggest}
				for _, h := range hits {
					r.Hits = append(r.Hits, h.Hit)
				}
				suggested := false
				for _, h := range r.Shown() {
					suggested = suggested || h.Article.ID == q.Expect
				}
				qs = append(qs, fitQuestion{signals: s, split: split, lang: lang, unknown: q.Expect == "",
					right: q.Expect != "" && hits[0].Article.ID == q.Expect, suggested: suggested})
			}
		}
	}
	return qs
}

// questionSet is a set of fitQuestions, by index.
type questionSet []uint64

func newQuestionSet(n int, in func(i int) bool) questionSet {
	s := make(questionSet, (n+63)/64)
	for i := 0; i < n; i++ {
		if in(i) {
			s[i/64] |= 1 << (i % 64)
		}
	}
	return s
}

// countAnd counts the questions in every one of sets.
func countAnd(sets ...questionSet) int {
	n := 0
	for w := range sets[0] {
		x := sets[0][w]
		for _, s := range sets[1:] {
			x &= s[w]
		}
		n += bits.OnesCount64(x)
	}
	return n
}

// TestAnswerRules_Fit repeats the choice documented at answerRules over
// answerGrid, on the training and dev sets only, and checks that it gives
// the rules in the code.
func TestAnswerRules_Fit(t *testing.T) {
	t.Parallel() // slow under -race, and reads only what it made or a base loaded once: beside the others
	b := builtinBase(t)
	qs := fitQuestions(t, b, "train", "dev")
	n := len(qs)
	if n < 500 {
		t.Fatalf("only %d questions to fit on", n)
	}
	// Each rule alone (the others made impossible), so that a rule set's
	// answers are the union of three precomputed sets.
	const never = 1e9
	answered := func(p answerRule) questionSet {
		return newQuestionSet(n, func(i int) bool { return qs[i].answers(p) })
	}
	g := answerGrid
	byWords := map[[4]float64]questionSet{}
	for _, c := range g.coverage {
		for _, m := range g.margin {
			for _, v := range g.veto {
				for _, cl := range g.closer {
					byWords[[4]float64{c, m, v, cl}] = answered(answerRule{coverage: c, margin: m, veto: v, closer: cl, ngramAnswer: never, wholeSpecific: never})
				}
			}
		}
	}
	byPhrasing := map[[3]float64]questionSet{}
	for _, a := range g.ngramAnswer {
		for _, m := range g.ngramMargin {
			for _, c := range g.ngramCoverage {
				byPhrasing[[3]float64{a, m, c}] = answered(answerRule{coverage: never, ngramAnswer: a, ngramMargin: m, ngramCoverage: c, wholeSpecific: never})
			}
		}
	}
	byWhole := map[int]questionSet{}
	for _, w := range g.wholeSpecific {
		byWhole[w] = answered(answerRule{coverage: never, ngramAnswer: never, wholeSpecific: w})
	}
	right := newQuestionSet(n, func(i int) bool { return qs[i].right })
	unknown := newQuestionSet(n, func(i int) bool { return qs[i].unknown })
	devLang := map[string]questionSet{}
	dev := newQuestionSet(n, func(i int) bool { return qs[i].split == "dev" })
	for _, lang := range []string{"es", "en"} {
		devLang[lang] = newQuestionSet(n, func(i int) bool { return qs[i].split == "dev" && qs[i].lang == lang })
	}

	var best answerRule
	bestDev, bestAll := -1, -1
	union := make(questionSet, len(right))
	for _, c := range g.coverage {
		for _, m := range g.margin {
			for _, v := range g.veto {
				for _, cl := range g.closer {
					w1 := byWords[[4]float64{c, m, v, cl}]
					for _, a := range g.ngramAnswer {
						for _, nm := range g.ngramMargin {
							for _, nc := range g.ngramCoverage {
								w2 := byPhrasing[[3]float64{a, nm, nc}]
								for _, ws := range g.wholeSpecific {
									w3 := byWhole[ws]
									for i := range union {
										union[i] = w1[i] | w2[i] | w3[i]
									}
									ans, ok := countAnd(union), countAnd(union, right)
									if ans == 0 || float64(ok) < answerPrecision*float64(ans) || countAnd(union, unknown) > 0 {
										continue
									}
									precise := true
									for _, d := range devLang {
										if da := countAnd(union, d); da > 0 && float64(countAnd(union, d, right)) < 0.95*float64(da) {
											precise = false
										}
									}
									if !precise {
										continue
									}
									okDev := countAnd(union, dev, right)
									if okDev > bestDev || (okDev == bestDev && ok > bestAll) {
										bestDev, bestAll = okDev, ok
										best = answerRule{coverage: c, margin: m, veto: v, closer: cl,
											ngramAnswer: a, ngramMargin: nm, ngramCoverage: nc, wholeSpecific: ws}
									}
								}
							}
						}
					}
				}
			}
		}
	}
	if best != answerRules {
		t.Errorf("chosen on train and dev: %+v, code has %+v", best, answerRules)
	}
	cur := answered(answerRules)
	t.Logf("%d questions; answerRules: %d direct answers, %d right (%d of them on dev)", n, countAnd(cur), countAnd(cur, right), countAnd(cur, dev, right))
}
