package knowledge

import (
	"strings"
	"testing"
)

func TestVocabulary_Corrections(t *testing.T) {
	v := &vocabulary{df: map[string]int{}, deletes: map[string][]string{}}
	for w, df := range map[string]int{"tarea": 5, "tareas": 2, "jared": 1, "calificaciones": 3, "moodle": 9, "area": 1, "gandhi": 2} {
		v.df[w] = df
		for _, d := range deletions(w) {
			v.deletes[d] = append(v.deletes[d], w)
		}
	}
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
