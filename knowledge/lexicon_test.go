package knowledge

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/blevesearch/vellum"
)

func TestIsWord(t *testing.T) {
	tests := []struct {
		lang, w string
		want    bool
	}{
		{"es", "armas", true},
		{"es", "contrasena", true}, // folded "contraseña"
		{"es", "temian", true},     // folded "temían"
		{"es", "oyen", true},
		{"es", "amras", false}, // a typo
		{"es", "ghandi", false},
		{"es", "", false},
		{"en", "starter", true},
		{"en", "sacks", true},
		{"en", "assignmnet", false},
		{"fr", "armas", false}, // no list for the language
	}
	for _, tt := range tests {
		if got := isWord(tt.lang, tt.w); got != tt.want {
			t.Errorf("isWord(%q, %q) = %v, want %v", tt.lang, tt.w, got, tt.want)
		}
	}
}

// TestLexicon checks the built-in word lists: they load, hold as many words
// as the packages they come from, and every word is folded and lower case,
// as the exact analyzer leaves the words it looks up.
func TestLexicon(t *testing.T) {
	t.Parallel() // slow under -race, and reads only what it made or a base loaded once: beside the others
	for lang, min := range map[string]int{"es": 600_000, "en": 250_000} {
		fst := lexicons()[lang]
		if fst == nil {
			t.Fatalf("no word list for %s", lang)
		}
		if n := fst.Len(); n < min {
			t.Errorf("%s word list has %d words, want at least %d", lang, n, min)
		}
		it, err := fst.Iterator(nil, nil)
		n := 0
		for err == nil {
			k, _ := it.Current()
			w := string(k)
			if w == "" || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLower(r) || unicode.Is(unicode.Mn, r) }) {
				t.Fatalf("%s word %q is not folded lower-case letters", lang, w)
			}
			n++
			err = it.Next()
		}
		if err != vellum.ErrIteratorDone {
			t.Fatalf("%s: iterate: %v", lang, err)
		}
		if n != fst.Len() {
			t.Errorf("%s: iterated %d words, Len %d", lang, n, fst.Len())
		}
	}
}

func TestGeneralSynonyms(t *testing.T) {
	syn := generalSynonyms()
	for _, lang := range []string{"es", "en"} {
		if len(syn[lang]) == 0 {
			t.Errorf("no general synonyms for %s", lang)
		}
		for _, g := range syn[lang] {
			if len(g) < 2 {
				t.Errorf("%s group %v has one phrase", lang, g)
			}
		}
	}
}

// exactWords returns the exact forms of the analyzed question.
func exactWords(b *Base, q, lang string) []string {
	var out []string
	for _, w := range b.queryWords(q, lang) {
		out = append(out, w.exact)
	}
	return out
}

func TestQueryWords_Lexicon(t *testing.T) {
	b, probs, err := Load(fstest.MapFS{
		"kb/a.md": {Data: []byte("---\nid: a\ntitle: Ramas\nlang: es\n---\nLas ramas del arbol, la gente que oye la radio y sus protestas.\n")},
		"kb/b.md": {Data: []byte("---\nid: b\ntitle: Lago\nlang: es\n---\nEl lago tiene 120 km2.\n")},
	}, "kb")
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v problems %v", err, probs)
	}
	defer b.Close()
	tests := []struct {
		q, has, hasNot string
	}{
		{"armas", "", "ramas"},              // a word of the language is not taken for a typo
		{"amras", "ramas", ""},              // a typo is corrected
		{"quien oyen", "oye", ""},           // another form of a word of the base is kept
		{"kilometros cuadrados", "km2", ""}, // general synonyms apply to every base
	}
	for _, tt := range tests {
		got := exactWords(b, tt.q, "es")
		if tt.has != "" && !slices.Contains(got, tt.has) {
			t.Errorf("%q → %v, want %q among them", tt.q, got, tt.has)
		}
		if tt.hasNot != "" && slices.Contains(got, tt.hasNot) {
			t.Errorf("%q → %v, want no %q", tt.q, got, tt.hasNot)
		}
	}
	// A typo in a word the base has only in another form is corrected by
	// its stem: "proetstar" (protestar) finds "protestas".
	var stems []string
	for _, w := range b.queryWords("proetstar", "es") {
		stems = append(stems, w.stem)
	}
	if want := b.stemOf("es", "protestas"); !slices.Contains(stems, want) {
		t.Errorf("proetstar → stems %v, want %q among them", stems, want)
	}
	// b says "km2" only, and a question in words finds it.
	r := b.Search(Query{Text: "superficie en kilometros cuadrados", Lang: "es"})
	if len(r.Hits) == 0 || r.Hits[0].Article.ID != "b" {
		t.Errorf("got %s %s, want b first", r.Confidence, ids(r.Hits))
	}
}
