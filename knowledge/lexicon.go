package knowledge

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The word lists of the languages (see lexicon/README.md): folded words,
// sorted and front-coded. They tell a word the base does not have ("armas")
// from a typo ("amras").
//
//go:embed lexicon/*.words.gz lexicon/synonyms.yaml
var lexiconFS embed.FS

// lexicon is a sorted word list held as one string: each word ends in '\n'
// and starts[i] is where word i begins.
type lexicon struct {
	text   string
	starts []uint32
}

var lexicons = sync.OnceValue(func() map[string]*lexicon {
	out := map[string]*lexicon{}
	for lang := range validLangs {
		data, err := lexiconFS.ReadFile("lexicon/" + lang + ".words.gz")
		if err != nil {
			panic(fmt.Sprintf("embedded word list %s: %v", lang, err)) // built into the binary: cannot be missing
		}
		lx, err := decodeLexicon(data)
		if err != nil {
			panic(fmt.Sprintf("embedded word list %s: %v", lang, err))
		}
		out[lang] = lx
	}
	return out
})

// decodeLexicon reads a gzipped front-coded list: each line is a digit, how
// many leading bytes the word shares with the one before, then the rest.
func decodeLexicon(gz []byte) (*lexicon, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	var starts []uint32
	prev := ""
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] < '0' || line[0] > '9' || int(line[0]-'0') > len(prev) {
			return nil, fmt.Errorf("line %d: bad front coding %q", n, line)
		}
		w := prev[:line[0]-'0'] + line[1:]
		if w <= prev {
			return nil, fmt.Errorf("line %d: %q is not after %q", n, w, prev)
		}
		starts = append(starts, uint32(sb.Len()))
		sb.WriteString(w)
		sb.WriteByte('\n')
		prev = w
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return &lexicon{text: sb.String(), starts: starts}, nil
}

func (lx *lexicon) word(i int) string {
	s := lx.text[lx.starts[i]:]
	return s[:strings.IndexByte(s, '\n')]
}

func (lx *lexicon) has(w string) bool {
	i := sort.Search(len(lx.starts), func(i int) bool { return lx.word(i) >= w })
	return i < len(lx.starts) && lx.word(i) == w
}

// isWord reports whether t (folded, lowercase) is a word of the language.
func isWord(lang, t string) bool {
	lx := lexicons()[lang]
	return lx != nil && lx.has(t)
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
