package knowledge

import (
	"testing"
	"unicode/utf8"
)

// Forms of one Spanish word stem alike, and words that only look like them
// do not.
func TestSpanishForms(t *testing.T) {
	b := loadTestBase(t)
	stem := func(w string) string { return b.stemOf("es", w) }
	same := [][]string{
		// the imperfect of "-ar" verbs, with the other forms of the verb
		{"llamaba", "llamabas", "llamaban", "llama", "llamado", "llamar"},
		{"cruzaba", "cruzar", "cruzó"},
		// nouns in "-cción" with their verb, singular and plural
		{"construcción", "construcciones", "construir", "construido"},
		{"reconstrucción", "reconstruido", "reconstruir"},
		{"producción", "producciones", "producir", "produce"},
		{"traducción", "traducir"},
		// unchanged: plural and gender endings, "-ción" of "-ar" verbs
		{"tarea", "tareas"},
		{"declaración", "declarar"},
	}
	for _, g := range same {
		for _, w := range g[1:] {
			if x, y := stem(g[0]), stem(w); x != y || x == "" {
				t.Errorf("%q → %q but %q → %q", g[0], x, w, y)
			}
		}
	}
	// Nouns in "-cción" whose verb is not formed from them keep their own
	// stem, shared with their plural.
	for _, w := range []string{"dirección", "lección", "acción", "fracción"} {
		if v := cctionVerb(fold(w)); v != "" {
			t.Errorf("%q taken for the noun of %q", w, v)
		}
		if x, y := stem(w), stem(w[:len(w)-len("ón")]+"ones"); x != y {
			t.Errorf("%q → %q but its plural → %q", w, x, y)
		}
	}
	if x, y := stem("dirección"), stem("dirigir"); x == y {
		t.Errorf("dirección and dirigir both → %q", x)
	}
}

// FuzzSpanishForms: the Spanish analysis never fails, and the filter keeps
// every word (it changes words, never drops or adds them).
func FuzzSpanishForms(f *testing.F) {
	for _, s := range []string{"llamaba", "aba abas", "construcción", "ccion", "cción", "ñccion", "reconstrucciones del fuerte", "\xffaba"} {
		f.Add(s)
	}
	b := loadTestBase(f)
	f.Fuzz(func(t *testing.T, s string) {
		exact := b.tokens(b.exact["es"], s)
		stems := b.tokens(b.stem["es"], s)
		if len(exact) != len(stems) {
			t.Fatalf("%q: %d words but %d stems", s, len(exact), len(stems))
		}
		for _, st := range stems {
			if st == "" || (utf8.ValidString(s) && !utf8.ValidString(st)) {
				t.Fatalf("%q: stem %q", s, st)
			}
		}
	})
}
