package knowledge

import (
	"strings"
	"unicode"
)

// scoredHit is a hit with the query words it contains.
type scoredHit struct {
	Hit
	matched  []bool
	coverage float64
	before   float64 // score before the passage rerank, for the margin
}

// signals are the calibrated inputs of the confidence decision.
type signals struct {
	coverage float64 // idf-weighted share of the typed tokens found in the top hit
	margin   float64 // second score / first score before the passage rerank (1 = tie; over 1 when the rerank swapped them)
	typoOnly bool    // the top hit matches only corrected or related words
	numOnly  bool    // the top hit matches only numbers ("1" of "alert(1)")
	specific int     // informative typed tokens the top hit has
	tokens   int     // tokens typed (phone spellings written out)

	// In the space of character n-grams (ngram.go): the top hit's cosine
	// with the question, whether no other hit is closer, and the closest
	// other hit's cosine. hasSim is false when the question had no n-grams
	// or the top hit lists no other ways of asking.
	hasSim           bool
	sim, simRunnerUp float64
	simFirst         bool
}

// Confidence thresholds, tuned on the XQuAD sets and the built-in questions
// (see the README's Knowledge base section); with the n-gram signal, a
// direct answer follows answerRules instead.
const (
	answerCoverage  = 0.6  // most of the question is in the article
	answerMargin    = 0.85 // and the runner-up is clearly behind
	suggestCoverage = 0.1  // some specific word of the question is there
)

func signalsOf(words []word, hits []scoredHit) signals {
	s := signals{coverage: hits[0].coverage, typoOnly: true, numOnly: true, specific: hits[0].Hit.specific}
	if len(hits) > 1 && hits[0].before > 0 {
		s.margin = hits[1].before / hits[0].before
	}
	s.sim, s.simFirst = hits[0].sim, true
	for _, h := range hits[1:] {
		s.simRunnerUp = max(s.simRunnerUp, h.sim)
		s.simFirst = s.simFirst && h.sim <= s.sim
	}
	for i, m := range hits[0].matched {
		if m && !words[i].typo {
			s.typoOnly = false
		}
		if m && strings.ContainsFunc(words[i].exact, unicode.IsLetter) {
			s.numOnly = false
		}
	}
	return s
}

// mayAnswer reports whether some hit could be a direct answer to words
// whatever the base has: confidence answers only when the first hit has
// a word that is not a correction (typoOnly) and one with a letter
// (numOnly), and unknown words match nothing.
func mayAnswer(words []word) bool {
	typed, letters := false, false
	for _, w := range words {
		if w.unknown {
			continue
		}
		typed = typed || !w.typo
		letters = letters || strings.ContainsFunc(w.exact, unicode.IsLetter)
	}
	return typed && letters
}

// tokenWeights gives each typed token the idf of its most specific form
// (a corrected or related word stands for the token typed; synonyms do not
// change its weight).
// The weights are indexed by token, every token a word stands for (0 for
// one only synonyms stand for), so that they are summed in the order of
// the tokens.
func (b *Base) tokenWeights(words []word, lang string) []float64 {
	n := b.docCount[lang]
	v := b.vocab[lang]
	size := 0
	for _, w := range words {
		for _, k := range w.srcs {
			size = max(size, k+1)
		}
	}
	weight := make([]float64, size)
	for _, w := range words {
		if w.syn {
			continue
		}
		wt := idf(v.wordDF(w), n)
		for _, k := range w.srcs {
			weight[k] = max(weight[k], wt)
		}
	}
	return weight
}

// coverage is the idf-weighted share of the typed tokens that matched: a
// token counts as found when the article contains it, a correction of it or
// a synonym of it. tot is weightTotal(weight), the same for every hit.
func coverage(words []word, matched []bool, weight []float64, tot float64) float64 {
	if tot == 0 {
		return 0
	}
	found := make([]bool, len(weight))
	for i, w := range words {
		if matched[i] {
			for _, k := range w.srcs {
				found[k] = true
			}
		}
	}
	got := 0.0
	for k, wt := range weight {
		if found[k] {
			got += wt
		}
	}
	return got / tot
}

// weightTotal is the sum of the typed tokens' weights, in the order of
// the tokens: when the weights were a map, summed in map order, the last
// bits of the sum changed from run to run, and a coverage of exactly 0.5
// could come out just under it.
func weightTotal(weight []float64) float64 {
	tot := 0.0
	for _, wt := range weight {
		tot += wt
	}
	return tot
}

// confidence turns the signals of the ranked hits into an outcome (rules in
// the README's Knowledge base section).
func confidence(words []word, hits []scoredHit, hasSim bool, tokens int) Confidence {
	return decisionSignals(words, hits, hasSim, tokens).outcome()
}

// decisionSignals are the signals of the ranked hits of a question of
// tokens typed tokens; hasSim says whether the question had n-grams.
func decisionSignals(words []word, hits []scoredHit, hasSim bool, tokens int) signals {
	s := signalsOf(words, hits)
	s.tokens = tokens
	// An article without "other ways of asking" has only its title to
	// compare with: too little to judge by.
	s.hasSim = hasSim && len(hits[0].Article.Questions) > 0
	return s
}

// outcome is the confidence the signals give: the rules, then "I don't
// know" for a suggestion that looks like an unknown topic (absent.go).
func (s signals) outcome() Confidence {
	c := s.ruleOutcome()
	if c == ConfidenceSuggest && s.hasSim && absentProbability(s) >= absentThreshold {
		return ConfidenceNone
	}
	return c
}

// ruleOutcome is the confidence the rules give.
func (s signals) ruleOutcome() Confidence {
	switch {
	case s.numOnly:
		return ConfidenceNone
	case s.answers(answerRules):
		return ConfidenceAnswer
	case s.specific == 0 || (s.specific == 1 && s.coverage < oneWordCoverage):
		// none of the question's informative words, or one in a long
		// question: the article is about something else
		return ConfidenceNone
	case s.hasSim && s.sim < ngramFar && s.specific <= 1 && s.coverage < ngramFarCoverage:
		// one informative word, and far from the article's phrasings
		return ConfidenceNone
	case s.coverage >= suggestCoverage:
		return ConfidenceSuggest
	}
	return ConfidenceNone
}

// answerRule holds the thresholds of a direct answer when the n-gram
// signal applies (the first article lists other ways of asking):
//
//   - by the words: the first article has at least coverage of the
//     question, BM25's runner-up is at most margin of it, and the article
//     is at least veto close to the question in n-gram space and at least
//     closer times as close as the closest other hit;
//   - by the phrasing: the first article is the closest of the hits, at
//     least ngramAnswer, the next closest at most ngramMargin of it, and
//     it has at least ngramCoverage of the question (any margin);
//   - by the whole question: it has every informative word of a question
//     of wholeSpecific or more and is the closest of the hits (any
//     margin).
//
// Without the n-gram signal (XQuAD-style articles, titles only) the first
// rule applies alone, with answerCoverage and answerMargin and no
// closeness. No rule answers from corrected or related words alone.
type answerRule struct {
	coverage, margin, veto, closer          float64
	ngramAnswer, ngramMargin, ngramCoverage float64
	wholeSpecific                           int
}

// answerRules were chosen on the training and dev sets
// (knowledge/eval/builtin-*-{train,dev}.jsonl), never on test: of the
// rules in answerGrid that answer no unknown topic of train and dev
// directly and whose direct answers there are right at least
// answerPrecision of the time (and on each language's dev set at least
// 0.95), the one with the most right direct answers on dev (ties: on
// train and dev together, then the first in the grid).
// TestAnswerRules_Fit repeats that choice. The rules they replaced
// (0.6, 0.85, 0.15, 0; 0.2, 0.6, 0.5 with a margin of at most 1; 5),
// tuned on dev alone, were right 347 times in 367 (0.946) on train and dev.
// The choice was run again after each of two rounds of questions: lines
// added to the articles (17, then 16): the first moved the word rule's
// margin from 1.2 to 2, the second its coverage from 0.65 to 0.55. The
// four articles added on 3 December (creating an assignment, a quiz
// interrupted) moved the margin from 2 to 1.5. On 4 December the eighteen
// articles of nine new topics, and the sets' messages searched with the
// asker's role (as the bot searches; the expected article's audience),
// moved the word rule to coverage 0.5 and margin 0.8 (0.7 until five of
// their question lines, near copies of in-domain messages, went) and the
// phrasing rule to 0.15 close. The in-domain dev sets
// (eval/near-*-dev.jsonl) are not part of the choice: with them (none of
// their unknown topics answered directly), the choice answered 0.57 (es)
// and 0.58 (en) of the built-in dev messages directly, under issue 15's
// 0.60 (the README's Measured quality).
var answerRules = answerRule{
	coverage: 0.5, margin: 0.8, veto: 0.1, closer: 0.8,
	ngramAnswer: 0.15, ngramMargin: 0.8, ngramCoverage: 0.5,
	wholeSpecific: 4,
}

// answerPrecision is the share of direct answers on the training and dev
// sets together that must be right.
const answerPrecision = 0.95

// answers reports whether the signals give a direct answer under p.
func (s signals) answers(p answerRule) bool {
	switch {
	case s.typoOnly:
		return false
	case !s.hasSim:
		return s.coverage >= answerCoverage && s.margin <= answerMargin
	case s.coverage >= p.coverage && s.margin <= p.margin && s.sim >= p.veto && s.sim >= p.closer*s.simRunnerUp:
		return true
	case s.simFirst && s.sim >= p.ngramAnswer && s.simRunnerUp <= p.ngramMargin*s.sim && s.coverage >= p.ngramCoverage:
		return true
	}
	return s.simFirst && s.coverage >= wholeCoverage && s.specific >= p.wholeSpecific
}

// "I don't know" for a question the first article hardly touches: no
// direct answer, one informative word, under ngramFarCoverage of the
// question, and far (under ngramFar) from the article's phrasings (tuned
// on the dev sets).
const (
	ngramFar         = 0.1
	ngramFarCoverage = 0.5
)

// "I don't know" when the base does not know: an article that has none of
// the question's informative words (typed words in at most commonWordShare
// of the articles: "feriado", "pasaje", not "no" or "curso" alone), or
// only one of them and under oneWordCoverage of the question, does not
// answer it, however it ranks. commonWordShare was tuned on the dev sets;
// oneWordCoverage is 0.3, not the 0.5 the dev sets preferred, because 0.35
// and above hide the right article of more than 5 % of the phone-typed
// XQuAD questions (the floor of TestEvaluate_XQuAD).
const (
	commonWordShare = 0.7
	oneWordCoverage = 0.3
)

// specificMatches counts the typed tokens that hit has (as typed, in
// another form, through a synonym or as the correction of a misspelling,
// not as a word of the language taken for another: "cheap" for "cheat")
// and that are in at most commonWordShare of the articles.
func specificMatches(words []word, matched []bool, df func(word) int, n int) int {
	found := map[int]bool{}
	for i, w := range words {
		if !matched[i] || (w.typo && w.inLang) {
			continue
		}
		if float64(df(w)) > commonWordShare*float64(n) {
			continue
		}
		for _, k := range w.srcs {
			found[k] = true
		}
	}
	return len(found)
}

// A suggestion after the first is shown only when it has an informative
// word of the question and at least suggestShare of the first one's
// coverage: no unrelated buttons under the right one. Tuned on the dev sets
// only (0 to 0.3 gave the same figures; 0.5 lost a Spanish question).
const suggestShare = 0.3

// wholeCoverage is "every informative word" in the whole-question rule
// (answerRule.wholeSpecific), first motivated by the Spanish dev questions
// where the rerank and BM25 disagreed on an article that has every word
// ("como paso mi curso del semestre pasado al nuevo").
const wholeCoverage = 0.99
