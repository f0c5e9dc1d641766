package knowledge

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/registry"
)

// esFormsName is the registered name of the Spanish filter that comes before
// Snowball: light stemming of plural and gender endings, except where it
// would hide a verb ending from Snowball, and nouns in "-cción" turned into
// their verb (see esFormsFilter).
const esFormsName = "aulabot_es_forms"

func init() {
	registry.RegisterTokenFilter(esFormsName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return esFormsFilter{}, nil
	})
}

// esLight removes plural and gender endings ("tareas", "tarea" → "tare"),
// so that Snowball, which treats them as verb endings, stems them alike.
var esLight = es.NewSpanishLightStemmerFilter()

// esFormsFilter prepares folded Spanish words for the Snowball stemmer:
//
//   - The imperfect of "-ar" verbs ("llamaba", "cruzaba", "estabas") is left
//     to Snowball, which removes "-aba" and "-abas": the light stemmer would
//     cut the final vowel and leave "llamab", which stems like nothing else
//     ("llama", "llamado", "llamar" all stem to "llam").
//   - Other words lose their plural and gender endings (esLight).
//   - A noun in "-cción" stands for its verb when the language has it:
//     "construcción" for "construir", "producción" for "producir". Snowball
//     removes "-ación" and "-ución" ("declaración", "declarar") but not
//     "-cción", so "¿qué fuerte fue reconstruido?" missed "la reconstrucción
//     del fuerte". The word list decides, so "dirección" or "lección", whose
//     verbs are not formed that way, are left alone.
type esFormsFilter struct{}

func (esFormsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if imperfectAr(t.Term) {
			continue
		}
		esLight.Filter(analysis.TokenStream{t})
		if bytes.HasSuffix(t.Term, []byte("ccion")) {
			if v := cctionVerb(string(t.Term)); v != "" {
				t.Term = []byte(v)
			}
		}
	}
	return in
}

// imperfectAr reports whether w ends like the imperfect of an "-ar" verb,
// "-aba" or "-abas", with at least two letters before the ending.
func imperfectAr(w []byte) bool {
	for _, end := range [][]byte{[]byte("aba"), []byte("abas")} {
		if bytes.HasSuffix(w, end) && utf8.RuneCount(w[:len(w)-len(end)]) >= 2 {
			return true
		}
	}
	return false
}

// minDerivedStem is the fewest letters a noun in "-cción" must keep before
// its ending to be taken for a verb's noun: shorter ones ("acción",
// "lección") are words of their own.
const minDerivedStem = 4

// cctionVerb returns the verb of a folded noun in "-ccion" when the word
// list has it ("construccion" → "construir", "produccion" → "producir"),
// else "".
func cctionVerb(w string) string {
	if !strings.HasSuffix(w, "ccion") {
		return ""
	}
	for _, stem := range []string{w[:len(w)-len("ccion")], w[:len(w)-len("cion")]} {
		if utf8.RuneCountInString(stem) >= minDerivedStem && isWord("es", stem+"ir") {
			return stem + "ir"
		}
	}
	return ""
}
