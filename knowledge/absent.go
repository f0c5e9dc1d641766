package knowledge

import "math"

// "I don't know" for a suggestion that looks like an unknown topic: a
// logistic model over the confidence signals gives the probability that
// the question is about something the base does not cover, and a
// suggestion at absentThreshold or above becomes "none".
//
// The model was fitted on the training and dev sets of both languages,
// never on the test halves: the examples are the questions the rules would
// answer with suggestions (n-gram signal present), labelled 1 for unknown
// topics and 0 for answerable ones; logistic regression by full-batch
// gradient descent from zero weights, 20,000 steps of 0.5, L2 penalty
// 0.01 on every weight but the bias. The threshold is the one of 0.20,
// 0.21, ..., 0.50 with the most unknown topics caught minus
// absentHiddenCost times the right articles hidden (suggestions that
// showed the right article and become "none") on the same examples.
// TestAbsentModel_Fit repeats the fit and checks these weights and that
// threshold. Fitted again on 4 December, after the nine new topics and
// the direct-answer rules chosen with them; the messages are searched with
// the asker's role. Fitted again the same day after three synonym groups
// per language and a section of the groups articles (threshold 0.39 →
// 0.38): four question lines of one article moved the margin's weight
// from -0.05 to 0.07, which is how unsteady this fit is. Fitted again
// after five question lines (due dates, more time in a quiz, hiding a
// section): threshold 0.38 → 0.37. Fitted again on 5 December after the
// booking article's section on /mybookings named 🔁 Change the time and ✉️
// Write to the mentor (body text only: each weight moved by 0.015 or
// less, the threshold stayed). Motivated by the dev unknown topics
// that shared two informative words with some article and got unrelated
// buttons ("como llego a la facultad de medicina", "what time does the
// registrar office open"): far from every article's phrasings, with
// another article closer than the first.
var absentWeights = absentFeatures{
	bias: 0.526, coverage: -0.705, margin: 0.062, sim: -1.275, simRunnerUp: -1.519,
	simFirst: 0.227, specific: -1.549, tokens: -0.980,
}

const absentThreshold = 0.37

// absentHiddenCost is what a right article hidden costs against an unknown
// topic caught when the threshold is chosen. It is 3, not 2: when the
// model was first fitted on train and dev, a cost of 2 chose 0.30, which
// caught 25 unknown topics there but hid 5 right articles, one more in
// Spanish than the dev-only model it replaced; and the right article shown
// is the figure with the thinnest margin to its target (issue 15: 0.90;
// the Spanish test half was 0.7 of a question above it, its unknown topics
// 2 above theirs).
const absentHiddenCost = 3

// absentFeatures are the model's inputs (or, in absentWeights, its
// weights).
type absentFeatures struct {
	bias, coverage, margin, sim, simRunnerUp, simFirst, specific, tokens float64
}

// features scales the signals into the model's inputs: the margin capped
// at 2, informative words and tokens as shares of 6 and 10 (capped).
func (s signals) features() absentFeatures {
	first := 0.0
	if s.simFirst {
		first = 1
	}
	return absentFeatures{
		bias: 1, coverage: s.coverage, margin: math.Min(s.margin, 2), sim: s.sim, simRunnerUp: s.simRunnerUp,
		simFirst: first, specific: math.Min(float64(s.specific), 6) / 6, tokens: math.Min(float64(s.tokens), 10) / 10,
	}
}

func (f absentFeatures) vector() []float64 {
	return []float64{f.bias, f.coverage, f.margin, f.sim, f.simRunnerUp, f.simFirst, f.specific, f.tokens}
}

// absentProbability is the model's probability that the question is about
// a topic the base does not cover.
func absentProbability(s signals) float64 {
	return logistic(absentWeights.vector(), s.features().vector())
}

func logistic(w, x []float64) float64 {
	z := 0.0
	for i := range w {
		z += w[i] * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}
