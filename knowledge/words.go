package knowledge

import (
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
)

// word is one term of an analyzed question: as typed, corrected from a typo,
// or added from a synonym group.
type word struct {
	exact   string  // folded, unstemmed form (exact field)
	stem    string  // stemmed form (title, questions and body fields)
	exactID uint32  // exact's id among the kept terms (Base.termIDs), 0 if none
	stemID  uint32  // stem's id among the kept terms, 0 if none
	weight  float64 // query boost multiplier
	srcs    []int   // which typed tokens this word stands for
	typo    bool    // a correction of an unknown typed token, or a related word
	syn     bool    // added from a synonym group
	unknown bool    // a typed token the base does not know and we could not correct
	inLang  bool    // with typo: the token typed is a word of the language, not a misspelling
}

// synGroup is a set of equivalent phrases, each as exact-analyzed tokens.
type synGroup [][]string

func (b *Base) analyzeSynonyms(lang string, groups [][]string) []synGroup {
	var out []synGroup
	for _, g := range groups {
		var sg synGroup
		for _, phrase := range g {
			if toks := b.tokens(b.exact[lang], phrase); len(toks) > 0 {
				sg = append(sg, toks)
			}
		}
		if len(sg) > 1 {
			out = append(out, sg)
		}
	}
	return out
}

// tokens runs an analyzer and returns the terms.
func (b *Base) tokens(a analysis.Analyzer, text string) []string {
	ts := a.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// queryWords analyzes a question into weighted words: known tokens as they
// are, unknown ones corrected against the dictionary when one edit away (two
// for long words), plus synonyms of phrases found in the question.
func (b *Base) queryWords(text, lang string) []word {
	return b.wordsOf(b.typedTokens(text, lang), lang)
}

// typedTokens are the tokens of a question as the exact field has them,
// phone spellings written out (phoneWords), at most maxQueryWords.
func (b *Base) typedTokens(text, lang string) []string {
	toks := b.phoneWords(lang, b.tokens(b.exact[lang], text))
	if len(toks) > maxQueryWords {
		toks = toks[:maxQueryWords]
	}
	return toks
}

// wordsOf is queryWords on the typed tokens of a question.
func (b *Base) wordsOf(toks []string, lang string) []word {
	v := b.vocab[lang]
	var words []word
	seen := map[string]bool{}
	for i, t := range toks {
		if seen[t] {
			continue
		}
		seen[t] = true
		if v.df[t] > 0 {
			words = append(words, word{exact: t, stem: b.stemOf(lang, t), weight: 1, srcs: []int{i}})
			continue
		}
		if isStopTypo(lang, t) || courtesy(t) {
			continue // "cmo", "dnde": a mistyped stop word says nothing; nor does "hola"
		}
		stem := b.stemOf(lang, t)
		if stem != "" && v.stemDF[stem] > 0 {
			// Another form of a word the base has: "almacena", "almacenado".
			words = append(words, word{exact: t, stem: stem, weight: 1, srcs: []int{i}})
			continue
		}
		cs := v.corrections(t, 2)
		inLanguage := isWord(lang, t)
		if inLanguage {
			// A word of the language ("armas") is not a typo of another
			// word of the base ("ramas"), only maybe another form of one
			// ("oyen", "oye").
			cs = slices.DeleteFunc(cs, func(c string) bool { return !sameStem(c, t) })
		}
		if len(cs) > 0 {
			for _, c := range cs {
				words = append(words, word{exact: c, stem: b.stemOf(lang, c), weight: typoWeight, srcs: []int{i}, typo: true, inLang: inLanguage})
			}
			continue
		}
		if cs := v.stemCorrections(stem, 2); len(cs) > 0 && !inLanguage {
			// A typo in a word the base has in other forms only:
			// "proetstar" where articles say "protesta".
			for _, c := range cs {
				words = append(words, word{exact: t, stem: c, weight: typoWeight, srcs: []int{i}, typo: true})
			}
			continue
		}
		if rs := v.relatedStems(stem, 2); len(rs) > 0 {
			// A word of the same family: "investigador", "investigación".
			for _, r := range rs {
				words = append(words, word{exact: t, stem: r, weight: typoWeight, srcs: []int{i}, typo: true, inLang: inLanguage})
			}
			continue
		}
		words = append(words, word{exact: t, unknown: true, srcs: []int{i}})
	}
	for _, g := range b.syn[lang] {
		for _, phrase := range g {
			at := indexPhrase(toks, phrase)
			if at < 0 {
				continue
			}
			srcs := make([]int, len(phrase))
			for k := range phrase {
				srcs[k] = at + k
			}
			for _, other := range g {
				if slices.Equal(other, phrase) {
					continue
				}
				for _, t := range other {
					if seen[t] {
						continue
					}
					seen[t] = true
					words = append(words, word{exact: t, stem: b.stemOf(lang, t), weight: synonymWeight, srcs: srcs, syn: true})
				}
			}
		}
	}
	for i := range words {
		words[i].exactID, words[i].stemID = b.termIDs[words[i].exact], b.termIDs[words[i].stem]
	}
	return words
}

// isStopTypo reports whether t is one edit away from a stop word of three
// letters or more.
func isStopTypo(lang, t string) bool {
	r := []rune(t)
	if len(r) > 8 {
		return false
	}
	for _, w := range stopRunes[lang] {
		if d := len(w) - len(r); d >= -1 && d <= 1 && osaDistance(w, r) <= 1 {
			return true
		}
	}
	return false
}

// stopRunes are the folded stop words of three letters or more, as runes
// (isStopTypo compares each unknown word with all of them).
var stopRunes = func() map[string][][]rune {
	out := map[string][][]rune{}
	for lang, ws := range foldedStops {
		for _, w := range ws {
			if r := []rune(w); len(r) >= 3 {
				out[lang] = append(out[lang], r)
			}
		}
	}
	return out
}()

func indexPhrase(toks, phrase []string) int {
	for i := 0; i+len(phrase) <= len(toks); i++ {
		if slices.Equal(toks[i:i+len(phrase)], phrase) {
			return i
		}
	}
	return -1
}

func (b *Base) stemOf(lang, t string) string {
	if s := b.tokens(b.stem[lang], t); len(s) > 0 {
		return s[0]
	}
	return ""
}

// matchedWords reports, for each word, whether the hit contains it.
func matchedWords(words []word, at termPositions) []bool {
	out := make([]bool, len(words))
	for i, w := range words {
		if w.unknown {
			continue
		}
		if len(at.at(inExact, w.exact, w.exactID)) > 0 {
			out[i] = true
			continue
		}
		if w.stem == "" {
			continue
		}
		for _, f := range stemmedKinds {
			if len(at.at(f, w.stem, w.stemID)) > 0 {
				out[i] = true
				break
			}
		}
	}
	return out
}

// sameStem reports whether a and b differ only in their last two runes and
// share at least three: forms of one word ("oyen", "oye"; "llamaba",
// "llamada") rather than two words.
func sameStem(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n >= 3 && n >= max(len(ra), len(rb))-2
}
