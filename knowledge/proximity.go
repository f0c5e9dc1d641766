package knowledge

import "github.com/blevesearch/bleve/v2/search"

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
