package knowledge

import (
	"embed"
	"fmt"
	"sync"

	"github.com/blevesearch/vellum"
)

// The word lists of the languages (see lexicon/README.md): folded words in
// a finite state transducer each. They tell a word the base does not have
// ("armas") from a typo ("amras"). The transducers are looked up where
// they lie in the binary, never decoded: 1.4 MB of read-only data instead
// of 16 MB of heap, and only the pages a lookup touches are read.
var (
	//go:embed lexicon/es.words.fst
	esWords []byte
	//go:embed lexicon/en.words.fst
	enWords []byte
	//go:embed lexicon/synonyms.yaml
	lexiconFS embed.FS
)

var lexicons = sync.OnceValue(func() map[string]*vellum.FST {
	out := map[string]*vellum.FST{}
	for lang, data := range map[string][]byte{"es": esWords, "en": enWords} {
		fst, err := vellum.Load(data)
		if err != nil {
			panic(fmt.Sprintf("embedded word list %s: %v", lang, err)) // built into the binary: checked by TestLexicon
		}
		out[lang] = fst
	}
	return out
})

// isWord reports whether t (folded, lowercase) is a word of the language.
func isWord(lang, t string) bool {
	fst := lexicons()[lang]
	if fst == nil || t == "" {
		return false
	}
	ok, err := fst.Contains([]byte(t))
	return ok && err == nil
}

// generalSynonyms are the groups of lexicon/synonyms.yaml, which every base
// gets on top of its own.
var generalSynonyms = sync.OnceValue(func() synonyms {
	syn, probs, err := loadSynonyms(lexiconFS, "lexicon/synonyms.yaml")
	if err != nil || len(probs) > 0 {
		panic(fmt.Sprintf("embedded lexicon/synonyms.yaml: %v %v", err, probs)) // checked by TestGeneralSynonyms
	}
	return syn
})
