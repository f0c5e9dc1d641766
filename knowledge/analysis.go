package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/token/length"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// foldName is the registered name of the accent-folding token filter.
// Folding is a token filter, not a char filter, so token offsets keep
// pointing at the original text.
const foldName = "aulabot_fold"

// cionName is the registered name of the filter that puts back the accent
// of "-ción" for the Spanish Snowball stemmer (see cionFilter).
const cionName = "aulabot_es_cion"

func init() {
	registry.RegisterTokenFilter(foldName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	})
	registry.RegisterTokenFilter(cionName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return cionFilter{}, nil
	})
}

// cionFilter restores the accent of a final "-cion": the Spanish Snowball
// stemmer removes "-ación" and "-ución" only when accented, and our tokens are
// folded before stemming (people type without accents). A Spanish word
// ending in "-cion" always has the accent, so with it "declaración" and
// "evaluación" stem like "declarar" and "evaluar", typed with accents or
// without.
type cionFilter struct{}

func (cionFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if n := len(t.Term); n >= 5 && string(t.Term[n-4:]) == "cion" {
			t.Term = append(t.Term[:n-4:n-4], "ción"...)
		}
	}
	return in
}

type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = foldBytes(t.Term)
	}
	return in
}

// foldBytes removes diacritics: "matrícula" → "matricula", "ñ" → "n".
func foldBytes(b []byte) []byte {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return b
	}
	return []byte(fold(string(b)))
}

// fold removes diacritics from s (NFD, then drop combining marks).
func fold(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// Stop lists are short on purpose: bleve's Spanish list drops content words
// such as "estado" or "tiene" that people do ask about. Entries are folded.
// The copulas say nothing about a topic: the usual forms of "ser" and of
// "estar" are stop words, but not "estado", which is also a noun ("el
// estado de mi trámite"); "está" and "esté" fold to "esta" and "este".
var stopWords = map[string][]string{
	"es": strings.Fields(`a al algo ante con contra cual cuales cuando cuanto cuanta cuantos cuantas
		de del desde donde durante e el ella ellas ellos en entre era eran es esa esas ese eso esos esta
		estas este esto estos fue fueron ha han hay la las le les lo los me mi mis muy nos o os para pero
		por porque que quien quienes se sea segun ser si sin sobre su sus te tu tus u un una unas unos y ya yo
		como cómo qué cuál cuándo dónde quién cuánto cuántos cuántas
		están estaba estaban estar estaría estarían estuvo estuvieron estando estén`),
	"en": strings.Fields(`a an and are as at be been being but by can could did do does for from had has
		have he her his how i if in into is it its me my of on or our she so than that the their them then
		there these they this those to us was we were what when where which who whom whose why will with
		would you your`),
}

// Analyzer names: "<lang>_stem" for the stemmed fields, "<lang>_exact" for
// the unstemmed, accent-folded field that also feeds typo correction.
func stemAnalyzer(lang string) string  { return lang + "_stem" }
func exactAnalyzer(lang string) string { return lang + "_exact" }

// foldedStops holds the stop lists as the analyzers see them.
var foldedStops = func() map[string][]string {
	out := map[string][]string{}
	for lang, ws := range stopWords {
		for _, w := range ws {
			out[lang] = append(out[lang], fold(w))
		}
	}
	return out
}()

var stemmers = map[string]string{"es": es.SnowballStemmerName, "en": en.SnowballStemmerName}

// addAnalyzers registers the per-language analyzers on the index mapping.
func addAnalyzers(im *mapping.IndexMappingImpl) error {
	// Very long tokens are noise (hashes, base64) or attacks.
	if err := im.AddCustomTokenFilter("aula_length", map[string]interface{}{
		"type": length.Name, "min": 1.0, "max": 40.0,
	}); err != nil {
		return err
	}
	for _, lang := range []string{"es", "en"} {
		tokens := make([]interface{}, 0, len(foldedStops[lang]))
		for _, w := range foldedStops[lang] {
			tokens = append(tokens, w)
		}
		if err := im.AddCustomTokenMap("stopmap_"+lang, map[string]interface{}{
			"type": tokenmap.Name, "tokens": tokens,
		}); err != nil {
			return err
		}
		if err := im.AddCustomTokenFilter("aula_stop_"+lang, map[string]interface{}{
			"type": stop.Name, "stop_token_map": "stopmap_" + lang,
		}); err != nil {
			return err
		}
		base := []interface{}{lowercase.Name}
		if lang == "en" {
			base = append(base, en.PossessiveName)
		}
		base = append(base, foldName, "aula_length", "aula_stop_"+lang)
		if err := im.AddCustomAnalyzer(exactAnalyzer(lang), map[string]interface{}{
			"type": custom.Name, "tokenizer": unicodetok.Name, "token_filters": base,
		}); err != nil {
			return err
		}
		stem := append([]interface{}{}, base...)
		if lang == "es" {
			// Snowball alone stems "tarea" to "tare" but "tareas" to "tar";
			// removing plural and gender endings first makes them agree.
			stem = append(stem, esFormsName, cionName)
		}
		stem = append(stem, stemmers[lang])
		if err := im.AddCustomAnalyzer(stemAnalyzer(lang), map[string]interface{}{
			"type": custom.Name, "tokenizer": unicodetok.Name, "token_filters": stem,
		}); err != nil {
			return err
		}
	}
	return nil
}
