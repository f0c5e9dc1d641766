package knowledge

import (
	"math"
	"testing"
)

// TestAbsentModel_Fit repeats the fit documented in absent.go on the
// training and dev sets and checks that it gives the weights and the
// threshold in the code (weights to 0.002): the model is reproducible and
// was fitted on nothing else.
func TestAbsentModel_Fit(t *testing.T) {
	t.Parallel() // slow under -race, and reads only what it made or a base loaded once: beside the others
	b := builtinBase(t)
	type example struct {
		x      []float64
		absent bool
		found  bool // the right article is among the suggestions shown
	}
	var fit []example
	for _, q := range fitQuestions(t, b, "train", "dev") {
		if q.hasSim && q.ruleOutcome() == ConfidenceSuggest {
			fit = append(fit, example{x: q.features().vector(), absent: q.unknown, found: q.suggested})
		}
	}
	w := make([]float64, len(absentWeights.vector()))
	for step := 0; step < 20000; step++ {
		g := make([]float64, len(w))
		for _, e := range fit {
			y := 0.0
			if e.absent {
				y = 1
			}
			p := logistic(w, e.x)
			for i := range g {
				g[i] += (p - y) * e.x[i]
			}
		}
		for i := range w {
			penalty := 0.01 * w[i]
			if i == 0 {
				penalty = 0
			}
			w[i] -= 0.5 * (g[i]/float64(len(fit)) + penalty)
		}
	}
	for i, want := range absentWeights.vector() {
		if math.Abs(w[i]-want) > 0.002 {
			t.Errorf("weight %d: fitted %.4f, code has %.3f", i, w[i], want)
		}
	}
	// The threshold: of 0.20, 0.21, ..., 0.50, the one with the most
	// unknown topics caught minus absentHiddenCost times the right
	// articles hidden (ties: the higher threshold).
	threshold, best := 0.0, math.Inf(-1)
	for h := 50; h >= 20; h-- {
		th := float64(h) / 100
		caught, hidden := 0, 0
		for _, e := range fit {
			switch {
			case logistic(w, e.x) < th:
			case e.absent:
				caught++
			case e.found:
				hidden++
			}
		}
		if score := float64(caught) - absentHiddenCost*float64(hidden); score > best {
			threshold, best = th, score
			t.Logf("threshold %.2f: %d unknown topics caught, %d right articles hidden", th, caught, hidden)
		}
	}
	if math.Abs(threshold-absentThreshold) > 1e-9 {
		t.Errorf("threshold from the training and dev sets %.2f, code has %.2f", threshold, absentThreshold)
	}
}

// TestSignals_Absent: a suggestion far from every phrasing of the base,
// with two informative words and another article closer, is "I don't
// know"; one close to the first article's phrasings keeps its buttons, and
// so does one with no n-gram signal to judge by.
func TestSignals_Absent(t *testing.T) {
	far := signals{coverage: 0.15, margin: 0.3, specific: 2, tokens: 2, hasSim: true, sim: 0.01, simRunnerUp: 0.03}
	if got := far.ruleOutcome(); got != ConfidenceSuggest {
		t.Fatalf("rules alone: %s, want suggest", got)
	}
	if got := far.outcome(); got != ConfidenceNone {
		t.Errorf("far from every phrasing: %s (p %.2f), want none", got, absentProbability(far))
	}
	close := far
	close.sim, close.simFirst = 0.4, true
	if got := close.outcome(); got != ConfidenceSuggest {
		t.Errorf("close to the first article: %s (p %.2f), want suggest", got, absentProbability(close))
	}
	noSim := far
	noSim.hasSim = false
	if got := noSim.outcome(); got != ConfidenceSuggest {
		t.Errorf("no n-gram signal: %s, want suggest", got)
	}
}
