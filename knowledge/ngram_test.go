package knowledge

import (
	"hash/fnv"
	"math"
	"sync"
	"testing"
)

// TestNgramsOf: each word gives its padded 3- and 4-grams, by runes (an
// accent or ñ is one letter), hashed as FNV-1a.
func TestNgramsOf(t *testing.T) {
	want := []string{" añ", "año", "ño ", " año", "año "}
	got := ngramsOf([]string{"año"}, nil)
	if len(got) != len(want) {
		t.Fatalf("got %d n-grams, want %d", len(got), len(want))
	}
	for i, w := range want {
		h := fnv.New32a()
		h.Write([]byte(w))
		if got[i] != h.Sum32() {
			t.Errorf("n-gram %d: got %x, want the hash of %q", i, got[i], w)
		}
	}
	if g := ngramsOf([]string{"a"}, nil); len(g) != 1 { // " a " only
		t.Errorf("one-letter word: %d n-grams, want 1", len(g))
	}
}

// TestCentroid_CloserToItsOwnPhrasings: a question typed with other forms
// of an article's words (a typo, a plural, a word cut short) is closer in
// n-gram space to that article than to the others, and the vectors are
// unit length.
func TestCentroid_CloserToItsOwnPhrasings(t *testing.T) {
	b := builtinBase(t)
	for _, c := range []struct{ q, lang, want string }{
		{"olvide mi contra del campus", "es", "moodle-no-puedo-ingresar"},
		{"forgot my passwrd for moodle", "en", "moodle-forgot-password"},
	} {
		qv := b.questionVector(b.typedTokens(c.q, c.lang), c.lang)
		best, bestSim := "", -1.0
		for _, a := range b.Articles() {
			if a.Lang != c.lang {
				continue
			}
			cv := b.articleCentroid(a)
			if n := cv.dot(cv); math.Abs(n-1) > 1e-5 {
				t.Fatalf("%s: centroid norm² %v", a.ID, n)
			}
			if s := qv.dot(cv); s > bestSim {
				best, bestSim = a.ID, s
			}
		}
		if best != c.want {
			t.Errorf("%q: closest %s (%.2f), want %s", c.q, best, bestSim, c.want)
		}
	}
}

// FuzzQuestionVector: any text gives a unit vector (or none) whose dot
// product with itself is 1 and with any article's centroid is in [0, 1].
func FuzzQuestionVector(f *testing.F) {
	b := builtinBase(f)
	arts := b.Articles()
	for _, s := range []string{"", "hola", "olvidé mi contraseña", "👍👍", "a b c", "\xff\xfe", "zoom zoom zoom"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, k int) {
		for _, lang := range []string{"es", "en"} {
			qv := b.questionVector(b.typedTokens(text, lang), lang)
			if len(qv.keys) == 0 {
				continue
			}
			if n := qv.dot(qv); math.Abs(n-1) > 1e-5 {
				t.Fatalf("%q: norm² %v", text, n)
			}
			a := arts[(k%len(arts)+len(arts))%len(arts)]
			if s := qv.dot(b.articleCentroid(a)); s < -1e-9 || s > 1+1e-5 {
				t.Fatalf("%q · %s = %v", text, a.ID, s)
			}
		}
	})
}

// TestConfidence_NgramRules: the n-gram signal turns a suggestion into an
// answer, vetoes a BM25 answer far from the article's phrasings, and says
// "I don't know" for a question far from an article that has one of its
// words; an article without other ways of asking is judged by BM25 alone.
func TestConfidence_NgramRules(t *testing.T) {
	words := []word{
		{exact: "clave", stem: "clav", weight: 1, srcs: []int{0}},
		{exact: "campus", stem: "campus", weight: 1, srcs: []int{1}},
	}
	asked := &Article{ID: "a", Questions: []string{"olvidé mi clave"}}
	bare := &Article{ID: "b"}
	hit := func(a *Article, before, cov, sim float64, specific int) scoredHit {
		return scoredHit{Hit: Hit{Article: a, Score: before, Coverage: cov, specific: specific, sim: sim},
			matched: []bool{true, cov > 0.5}, coverage: cov, before: before}
	}
	other := &Article{ID: "c", Questions: []string{"x"}}
	// BM25 unsure: under the word rule's coverage, over the n-gram rule's.
	unsure := (answerRules.coverage + answerRules.ngramCoverage) / 2
	for _, c := range []struct {
		name string
		hits []scoredHit
		want Confidence
	}{
		{"BM25 answer, close", []scoredHit{hit(asked, 10, 0.8, 0.4, 2), hit(other, 5, 0.3, 0.1, 1)}, ConfidenceAnswer},
		{"BM25 answer, far: vetoed", []scoredHit{hit(asked, 10, 0.8, 0.08, 2), hit(other, 5, 0.3, 0.05, 1)}, ConfidenceSuggest},
		{"BM25 answer, another hit clearly closer", []scoredHit{hit(asked, 10, 0.8, 0.2, 2), hit(other, 5, 0.3, 0.3, 1)}, ConfidenceSuggest},
		{"BM25 answer, another hit a little closer", []scoredHit{hit(asked, 10, 0.8, 0.2, 2), hit(other, 5, 0.3, 0.24, 1)}, ConfidenceAnswer},
		{"BM25 answer, no questions to compare", []scoredHit{hit(bare, 10, 0.8, 0.1, 2), hit(other, 5, 0.3, 0.05, 1)}, ConfidenceAnswer},
		{"BM25 unsure, n-grams sure", []scoredHit{hit(asked, 10, unsure, 0.4, 2), hit(other, 9.5, 0.5, 0.2, 1)}, ConfidenceAnswer},
		{"n-grams prefer another hit", []scoredHit{hit(asked, 10, unsure, 0.3, 2), hit(other, 9.5, 0.5, 0.35, 1)}, ConfidenceSuggest},
		{"n-grams close but not clearly", []scoredHit{hit(asked, 10, unsure, 0.4, 2), hit(other, 9.5, 0.5, 0.34, 1)}, ConfidenceSuggest},
		{"one informative word, far", []scoredHit{hit(asked, 10, 0.4, 0.05, 1), hit(other, 9, 0.3, 0.01, 1)}, ConfidenceNone},
		{"one informative word, close", []scoredHit{hit(asked, 10, 0.4, 0.5, 1), hit(other, 9, 0.3, 0.01, 1)}, ConfidenceSuggest},
		{"one informative word, far, no questions", []scoredHit{hit(bare, 10, 0.4, 0.05, 1), hit(other, 9, 0.3, 0.01, 1)}, ConfidenceSuggest},
	} {
		if got := confidence(words, c.hits, true, len(words)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestSearch_ConcurrentCentroids: centroids are built the first time an
// article is a hit, by whichever search gets there first; 4 goroutines
// asking half the evaluation messages at once on a fresh base, each from
// another place in the list, get what one search at a time gets (run with
// -race; 8 goroutines took 18 s of a run of the package, twice the
// searches after the first pass built every centroid).
func TestSearch_ConcurrentCentroids(t *testing.T) {
	var msgs []EvalQuestion
	for i, m := range evalMessages(t) {
		if i%2 == 0 {
			msgs = append(msgs, m)
		}
	}
	search := func(b *Base, m EvalQuestion) Result { return b.Search(Query{Text: m.Q, Lang: m.Lang}) }
	seq, _, err := Load(Builtin(), ".")
	if err != nil {
		t.Fatal(err)
	}
	defer seq.Close()
	want := make([]Result, len(msgs))
	for i, m := range msgs {
		want[i] = search(seq, m)
	}
	b, _, err := Load(Builtin(), ".")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	const workers = 4
	got := make([][]Result, workers)
	var wg sync.WaitGroup
	for w := range workers {
		got[w] = make([]Result, len(msgs))
		wg.Go(func() {
			for k := range msgs {
				i := (k + w*len(msgs)/workers) % len(msgs) // each starts elsewhere
				got[w][i] = search(b, msgs[i])
			}
		})
	}
	wg.Wait()
	for w := range workers {
		for i, m := range msgs {
			sameResult(t, m.Q, want[i], got[w][i])
		}
	}
}
