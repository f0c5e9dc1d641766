package knowledge

import (
	"slices"
	"strings"
	"testing"
)

func TestVocabulary_Corrections(t *testing.T) {
	v := &vocabulary{df: map[string]int{}}
	for w, df := range map[string]int{"tarea": 5, "tareas": 2, "jared": 1, "calificaciones": 3, "moodle": 9, "area": 1, "gandhi": 2} {
		v.df[w] = df
		v.deletes.addTerm(w)
	}
	v.deletes.sort()
	tests := []struct{ in, want string }{
		{"taera", "tarea"},                   // swapped neighbours
		{"tare", "tarea"},                    // missing letter
		{"mooodle", "moodle"},                // extra letter
		{"jaerd", "jared"},                   // swap in a short name
		{"califcaciones", "calificaciones"},  // long word, one edit
		{"calificacoines", "calificaciones"}, // long word, swapped letters
		{"ghandi", "gandhi"},                 // a letter typed two places early
		{"tarea", ""},                        // known words are not corrected
		{"xyz", ""},                          // too short to guess
		{"zzzzzz", ""},                       // nothing near
	}
	for _, tt := range tests {
		if got := strings.Join(v.corrections(tt.in, 2), ","); got != tt.want {
			t.Errorf("corrections(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnalyzers(t *testing.T) {
	b := loadTestBase(t)
	same := func(lang, a, c string) {
		t.Helper()
		if x, y := b.stemOf(lang, a), b.stemOf(lang, c); x != y || x == "" {
			t.Errorf("%s: %q → %q but %q → %q", lang, a, x, c, y)
		}
	}
	same("es", "evaluación", "evaluacion")
	same("es", "matrícula", "MATRICULA")
	same("es", "tareas", "tarea")
	same("es", "declaración", "declarar")
	same("es", "declaraciones", "declaracion")
	same("es", "evaluacion", "evaluar")
	same("en", "assignments", "assignment")
	// words that bleve's Spanish stop list would drop are searchable;
	// the forms of the copula "estar" are not, but the noun "estado" is
	for _, w := range []string{"estado", "tiene", "sin", "estaba", "están", "estuvieron"} {
		stop := w != "estado" && w != "tiene"
		if got := b.tokens(b.exact["es"], w); stop != (len(got) == 0) {
			t.Errorf("%q analyzed to %v", w, got)
		}
	}
}

func TestMovedRune(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"ghandi", "gandhi", true},       // "h" two places early
		{"gandhi", "ghandi", true},       // either way round
		{"avlanche", "avalanche", false}, // different lengths: an insertion
		{"moodel", "moodle", true},       // neighbours swapped
		{"tarea", "tarea", false},        // the same word
		{"trea", "tare", false},          // too short to judge
		{"ramas", "armas", true},         // a real word: left to the lexicon check
		{"abcdef", "fbcdea", false},      // two letters swapped far apart
		{"perro", "porre", false},        // the letters but not one moved
	}
	for _, tt := range tests {
		if got := movedRune(tt.a, tt.b); got != tt.want {
			t.Errorf("movedRune(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDeleteIndex_SameAsMap: on the built-in base, the compact index of
// one-deletion variants gives every word (each term of the base, and a
// typo of each made by deleting, swapping or replacing a letter) the same
// corrections as a map from each variant to its terms, the form it
// replaced; and it holds a pair in at most 16 bytes, where the map took
// about 90.
func TestDeleteIndex_SameAsMap(t *testing.T) {
	b := builtinBase(t)
	for _, lang := range []string{"es", "en"} {
		v := b.vocab[lang]
		ref := map[string][]string{}
		for t := range v.df {
			if len(t) >= minTypoLen-1 {
				for _, d := range deletions(t) {
					ref[d] = append(ref[d], t)
				}
			}
		}
		pairs := 0
		for _, ts := range ref {
			pairs += len(ts)
		}
		if n := len(v.deletes.hashes); n != pairs {
			t.Errorf("%s: %d pairs indexed, the map has %d", lang, n, pairs)
		}
		if size := 8*cap(v.deletes.hashes) + 4*cap(v.deletes.ids) + 16*cap(v.deletes.terms); size > 16*pairs {
			t.Errorf("%s: %d bytes for %d pairs", lang, size, pairs)
		}
		checked := 0
		for term := range v.df {
			r := []rune(term)
			words := []string{term}
			if len(r) > 3 {
				i := len(r) / 2
				swapped := append([]rune(nil), r...)
				swapped[i-1], swapped[i] = swapped[i], swapped[i-1]
				replaced := append([]rune(nil), r...)
				replaced[i] = 'q'
				words = append(words, string(r[:i])+string(r[i+1:]), string(swapped), string(replaced))
			}
			for _, w := range words {
				got := v.corrections(w, 3)
				want := nearestByMap(w, v.df, ref, 3)
				if !slices.Equal(got, want) {
					t.Errorf("%s: corrections(%q) = %q, a map of variants gives %q", lang, w, got, want)
				}
				checked++
			}
		}
		if checked < 5000 {
			t.Errorf("%s: only %d words checked", lang, checked)
		}
	}
}

// nearestByMap is nearest over a map from each one-deletion variant to
// the terms that have it.
func nearestByMap(w string, dict map[string]int, deletes map[string][]string, max int) []string {
	r := []rune(w)
	if len(r) < minTypoLen {
		return nil
	}
	if _, ok := dict[w]; ok {
		return nil
	}
	limit := 1
	if len(r) >= 8 {
		limit = 2
	}
	seen := map[string]bool{}
	var cands []string
	for _, d := range append(deletions(w), w) {
		ts := deletes[d]
		if _, ok := dict[d]; ok {
			ts = append([]string{d}, ts...)
		}
		for _, t := range ts {
			if !seen[t] && t != w && (osaDistance([]rune(t), r) <= limit || movedRune(t, w)) {
				cands = append(cands, t)
			}
			seen[t] = true
		}
	}
	slices.SortStableFunc(cands, func(a, b string) int {
		if dict[a] != dict[b] {
			return dict[b] - dict[a]
		}
		return strings.Compare(a, b)
	})
	return cands[:min(max, len(cands))]
}
