package knowledge

import "sort"

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
func adjacentPairs(pairs [][2]int, words []word, at termPositions) int {
	n := 0
	for _, p := range pairs {
		a, b := words[p[0]], words[p[1]]
		if near(at.at(inExact, a.exact, a.exactID), at.at(inExact, b.exact, b.exactID)) {
			n++
		}
	}
	return n
}

func near(as, bs []uint32) bool {
	for _, x := range as {
		for _, y := range bs {
			if y > x && y-x <= maxGap {
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
	pos uint32
	tok int // index of the typed token
}

// passageCoverage is the largest idf-weighted share of the typed tokens
// that the hit has within passageWindow consecutive positions of its title,
// questions or body (stemmed fields, so any form of a word counts).
func passageCoverage(words []word, weight []float64, tot float64, at termPositions) float64 {
	if tot == 0 {
		return 0
	}
	best := 0.0
	var toks []tokenAt
	count := make([]int, len(weight)) // per token, in the window
	for _, f := range stemmedKinds {
		toks = toks[:0]
		for _, w := range words {
			if w.stem == "" {
				continue
			}
			for _, pos := range at.at(f, w.stem, w.stemID) {
				for _, k := range w.srcs {
					toks = append(toks, tokenAt{pos, k})
				}
			}
		}
		sort.Slice(toks, func(i, j int) bool { return toks[i].pos < toks[j].pos })
		clear(count)
		sum, lo := 0.0, 0
		for hi := range toks {
			if count[toks[hi].tok] == 0 {
				sum += weight[toks[hi].tok]
			}
			count[toks[hi].tok]++
			for toks[hi].pos-toks[lo].pos >= passageWindow {
				count[toks[lo].tok]--
				if count[toks[lo].tok] == 0 {
					sum -= weight[toks[lo].tok]
				}
				lo++
			}
			best = max(best, sum)
		}
	}
	return best / tot
}
