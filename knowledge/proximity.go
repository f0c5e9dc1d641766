package knowledge

import (
	"sort"

	"github.com/blevesearch/bleve/v2/search"
)

// wordPairs returns pairs of query words typed next to each other (stop
// words apart), as indexes into words.
func wordPairs(words []word) [][2]int {
	var out [][2]int
	for i, a := range words {
		if a.syn || a.unknown || len(a.srcs) != 1 {
			continue
		}
		for j, b := range words {
			if !b.syn && !b.unknown && len(b.srcs) == 1 && b.srcs[0] == a.srcs[0]+1 {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// maxGap is how far apart two words may be in an article to count as
// used together: positions count removed stop words, so "entrega de la
// tarea" has "entrega" and "tarea" three apart.
const maxGap = 3

// adjacentPairs counts the pairs that the hit has close together, in order,
// in its unstemmed text (title, questions and body).
func adjacentPairs(pairs [][2]int, words []word, locs search.FieldTermLocationMap, lang string) int {
	n := 0
	for _, p := range pairs {
		a, b := words[p[0]], words[p[1]]
		if near(locs[exactField(lang)][a.exact], locs[exactField(lang)][b.exact]) {
			n++
		}
	}
	return n
}

func near(as, bs search.Locations) bool {
	for _, x := range as {
		for _, y := range bs {
			if y.Pos > x.Pos && y.Pos-x.Pos <= maxGap {
				return true
			}
		}
	}
	return false
}

// passageWindow is the span, in positions of one field, in which the
// question's words are looked for together: a question is usually answered
// by one sentence, and an article that has most of its words in one place
// is more likely the answer than one that has them scattered.
const passageWindow = 8

type tokenAt struct {
	pos uint64
	tok int // index of the typed token
}

// passageCoverage is the largest idf-weighted share of the typed tokens
// that the hit has within passageWindow consecutive positions of its title,
// questions or body (stemmed fields, so any form of a word counts).
func passageCoverage(words []word, weight map[int]float64, locs search.FieldTermLocationMap, lang string) float64 {
	tot := weightTotal(weight)
	if tot == 0 {
		return 0
	}
	best := 0.0
	var at []tokenAt
	count := map[int]int{}
	for _, f := range []string{titleField(lang), qField(lang), bodyField(lang)} {
		at = at[:0]
		for _, w := range words {
			if w.stem == "" {
				continue
			}
			for _, l := range locs[f][w.stem] {
				for _, k := range w.srcs {
					at = append(at, tokenAt{l.Pos, k})
				}
			}
		}
		sort.Slice(at, func(i, j int) bool { return at[i].pos < at[j].pos })
		clear(count)
		sum, lo := 0.0, 0
		for hi := range at {
			if count[at[hi].tok] == 0 {
				sum += weight[at[hi].tok]
			}
			count[at[hi].tok]++
			for at[hi].pos-at[lo].pos >= passageWindow {
				count[at[lo].tok]--
				if count[at[lo].tok] == 0 {
					sum -= weight[at[lo].tok]
				}
				lo++
			}
			best = max(best, sum)
		}
	}
	return best / tot
}
