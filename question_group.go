package aulabot

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// GroupQuestions groups similar questions (most shared words, accents and
// case ignored), largest group first; each group's first question is the
// most recent. It is safe for concurrent use.
func GroupQuestions(qs []Question) [][]Question {
	type group struct {
		words map[string]bool
		qs    []Question
	}
	var groups []*group
	fold := newFold()
	for i := len(qs) - 1; i >= 0; i-- { // newest first
		w := keywords(fold, qs[i].Text)
		var best *group
		bestSim := 0.0
		for _, g := range groups {
			if s := jaccard(w, g.words); s > bestSim {
				best, bestSim = g, s
			}
		}
		if best != nil && bestSim >= 0.5 {
			best.qs = append(best.qs, qs[i])
			continue
		}
		groups = append(groups, &group{words: w, qs: []Question{qs[i]}})
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].qs) > len(groups[j].qs) })
	out := make([][]Question, len(groups))
	for i, g := range groups {
		out[i] = g.qs
	}
	return out
}

// newFold removes accents. A transformer keeps state between calls, so
// each caller makes its own.
func newFold() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// stopwords are words too common to say what a question is about: the
// little words, and the verbs a question is framed with ("¿dónde veo…?",
// "¿puedo…?", "how do I get…").
var stopwords = func() map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(`a al como con cual cuando de del donde el en es esta este hay la las lo los me mi mis no o para pero por que se si su sus te tu un una uno y ya yo
		veo ver puedo puede pueden podemos hago hacer hace tengo tiene quiero necesito debo saber
		an and are can do does for from how i in is it my of on or the to what when where which who why with you your
		see find get need want know make should could`) {
		set[w] = true
	}
	return set
}()

// StopWord reports whether w (folded, lower case) is too common to say
// what a question is about: a little word, or a verb questions are framed
// with.
func StopWord(w string) bool { return stopwords[w] }

// keywords are the folded words of s, without stop words and one-letter
// words; a crude stem (formStem, then the first 6 letters) makes plurals
// and a word's forms meet.
func keywords(fold transform.Transformer, s string) map[string]bool {
	folded, _, _ := transform.String(fold, strings.ToLower(s))
	w := map[string]bool{}
	for _, f := range strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(f)) < 2 || stopwords[f] {
			continue
		}
		f = formStem(f)
		if r := []rune(f); len(r) > 6 {
			f = string(r[:6])
		}
		w[f] = true
	}
	return w
}

// formEndings are the endings formStem removes, longest first: Spanish
// nouns of action, participles, gerunds, infinitives, plurals and the
// final vowel, and English's "-ing", "-ed" and plurals. "clase grabada",
// "grabación de la clase" and "grabar la clase" meet on "clas" and "grab";
// "recording" and "recorded" on "record".
var formEndings = []string{
	"aciones", "amientos", "imientos", "amiento", "imiento", "acion", "icion",
	"ados", "adas", "idos", "idas", "ando", "iendo", "ings",
	"ado", "ada", "ido", "ida", "ing", "ar", "er", "ir", "es", "ed",
	"a", "e", "o", "s",
}

// minFormStem is the fewest letters formStem leaves: "aula" stays "aula",
// "mesa" and "meses" do not meet.
const minFormStem = 4

// formStem removes the first of formEndings that s (folded, lower case)
// ends with and that leaves at least minFormStem letters.
func formStem(s string) string {
	n := len([]rune(s))
	for _, end := range formEndings {
		if strings.HasSuffix(s, end) && n-len(end) >= minFormStem {
			return s[:len(s)-len(end)]
		}
	}
	return s
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
