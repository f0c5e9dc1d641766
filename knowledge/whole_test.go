package knowledge

import "testing"

// TestSignals_WholeQuestion: an article that has every informative word of
// a question of four or more, and is the closest to it in n-gram space,
// is a direct answer even when BM25 and the passage rerank disagree on the
// order (margin over answerRules.margin); one informative word fewer, another
// article closer, only corrected words, or no n-gram signal keep the
// suggestions.
func TestSignals_WholeQuestion(t *testing.T) {
	// The margin is over the word rule's, and over the one that applies
	// without the n-gram signal.
	whole := signals{coverage: 1, margin: max(answerRules.margin, answerMargin) + 0.1, specific: 4, hasSim: true, sim: 0.3, simRunnerUp: 0.25, simFirst: true}
	if got := whole.outcome(); got != ConfidenceAnswer {
		t.Errorf("whole question, closest article: %s, want answer", got)
	}
	for name, change := range map[string]func(*signals){
		"three informative words": func(s *signals) { s.specific = 3 },
		"a word missing":          func(s *signals) { s.coverage = 0.9 },
		"another article closer":  func(s *signals) { s.simFirst = false },
		"only corrected words":    func(s *signals) { s.typoOnly = true },
		"no n-gram signal":        func(s *signals) { s.hasSim = false },
	} {
		s := whole
		change(&s)
		if got := s.outcome(); got != ConfidenceSuggest {
			t.Errorf("%s: %s, want suggest", name, got)
		}
	}
}

// TestSearch_WholeQuestion: on the built-in base, a question written for
// this test (not from the evaluation sets) that the course-copy article
// covers word for word, where the rerank puts it first against BM25's
// order (margin 1.18), is answered with it (it got suggestions before).
func TestSearch_WholeQuestion(t *testing.T) {
	b := builtinBase(t)
	for _, q := range []string{
		"como paso los materiales de mi curso pasado al nuevo",
	} {
		r := b.Search(Query{Text: q, Lang: "es"})
		if r.Confidence != ConfidenceAnswer || r.Hits[0].Article.ID != "moodle-respaldo-curso" {
			t.Errorf("%q: %s %s, want answer [moodle-respaldo-curso]", q, r.Confidence, ids(r.Shown()))
		}
	}
}
