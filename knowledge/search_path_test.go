package knowledge

import (
	"math"
	"testing"
)

// evalMessages are all the messages of the built-in evaluation sets, each
// with its language.
func evalMessages(t testing.TB) []EvalQuestion {
	var out []EvalQuestion
	for _, s := range builtinSets {
		out = append(out, readQuestions(t, builtinSetPath(s.lang, s.split))...)
	}
	return out
}

// sameResult compares what two searches found: outcome, articles in order,
// scores and coverages (scores to 1e-9: bleve sums the segments' scores in
// whatever order they come, so the last bit may differ from one search of
// the same question to the next).
func sameResult(t *testing.T, q string, a, b Result) {
	t.Helper()
	if a.Confidence != b.Confidence || a.SmallTalk != b.SmallTalk || len(a.Hits) != len(b.Hits) {
		t.Fatalf("%q: %s %d hits vs %s %d hits", q, a.Confidence, len(a.Hits), b.Confidence, len(b.Hits))
	}
	for i := range a.Hits {
		x, y := a.Hits[i], b.Hits[i]
		if x.Article.ID != y.Article.ID || !near9(x.Score, y.Score) || !near9(x.Coverage, y.Coverage) || x.specific != y.specific {
			t.Fatalf("%q hit %d: %s %v %v vs %s %v %v", q, i, x.Article.ID, x.Score, x.Coverage, y.Article.ID, y.Score, y.Coverage)
		}
	}
}

// TestSearch_KeptPositionsSameAsIndex: looking up the words in the terms
// kept at load (small bases) finds exactly what the second search for them
// finds (large bases), for every message of the evaluation sets, with the
// audience and university filters on.
func TestSearch_KeptPositionsSameAsIndex(t *testing.T) {
	// Slow under -race, and reads only what it made: beside the others.
	t.Parallel()
	b, _, err := Load(Builtin(), ".") // its own: the test changes twoPassDocs
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.docCount["es"] >= b.twoPassDocs {
		t.Fatalf("the built-in base should be searched in one pass")
	}
	msgs := evalMessages(t)
	queries := func() []Result {
		var out []Result
		for _, m := range msgs {
			out = append(out, b.Search(Query{Text: m.Q, Lang: m.Lang, Audience: "student", University: "demo"}))
		}
		return out
	}
	one := queries()
	b.twoPassDocs = 0
	two := queries()
	for i, m := range msgs {
		sameResult(t, m.Q, one[i], two[i])
	}
}

// TestSearchLang_AnswerOnlySkipsNothing: the other language is searched
// only when it may answer directly (mayAnswer); for every message of the
// evaluation sets, in both languages, skipping changes no direct answer.
func TestSearchLang_AnswerOnlySkipsNothing(t *testing.T) {
	t.Parallel() // slow under -race, and reads only what it made or a base loaded once: beside the others
	b := builtinBase(t)
	skipped := 0
	for _, m := range append(evalMessages(t), EvalQuestion{Q: "xqzt vbnm plokij 12 3"}, EvalQuestion{Q: "2024 500"}) {
		for _, lang := range []string{"es", "en"} {
			q := Query{Text: m.Q, Lang: lang}
			full := b.searchLang(q, lang, false)
			only := b.searchLang(q, lang, true)
			if (full.Confidence == ConfidenceAnswer) != (only.Confidence == ConfidenceAnswer) {
				t.Errorf("%q in %s: %s searched in full, %s answer-only", m.Q, lang, full.Confidence, only.Confidence)
			}
			if only.Confidence == ConfidenceAnswer {
				sameResult(t, m.Q, full, only)
			}
			if len(only.Hits) == 0 && len(full.Hits) > 0 {
				skipped++
			}
		}
	}
	if skipped == 0 {
		t.Errorf("no search was skipped: the check does nothing")
	}
	t.Logf("%d searches skipped", skipped)
}

func near9(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }
