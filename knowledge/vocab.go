package knowledge

import (
	"fmt"
	"hash/maphash"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2"
)

// vocabulary is the term dictionary of one exact (unstemmed, folded) field,
// with a symmetric-delete index for typo correction: a word and a dictionary
// term one edit apart (insertion, deletion, substitution or transposition of
// neighbours) share a one-deletion variant.
type vocabulary struct {
	df      map[string]int
	deletes deleteIndex

	// Stemmed terms of the title, questions and body fields, with the
	// most articles any one of those fields has them in, indexed by their
	// one-deletion variants (for typos) and by their first stemPrefix runes.
	stemDF      map[string]int
	stemDeletes deleteIndex
	prefixes    map[string][]string
}

// deleteIndex finds the terms that have a one-deletion variant: for each
// pair of a variant and a term, the variant's hash and the term's number
// in terms, sorted by hash. The built-in base has about 45,000 such pairs:
// as maps from each variant to its terms they took 3.7 of the 7.2 MB of
// heap the base holds once loaded (BenchmarkLoad), and about 0.6 MB so;
// TestDeleteIndex_SameAsMap checks that both give the same corrections.
// Two variants with one hash only give nearest a candidate more, which
// its distance check drops.
type deleteIndex struct {
	seed   maphash.Seed
	hashes []uint64
	ids    []uint32
	terms  []string
}

// add records that term has variant; sort must run before find.
func (x *deleteIndex) add(variant string, term uint32) {
	if x.hashes == nil {
		x.seed = maphash.MakeSeed()
	}
	x.hashes = append(x.hashes, maphash.String(x.seed, variant))
	x.ids = append(x.ids, term)
}

// addTerm adds term with each of its one-deletion variants.
func (x *deleteIndex) addTerm(term string) {
	id := uint32(len(x.terms))
	x.terms = append(x.terms, term)
	for _, d := range deletions(term) {
		x.add(d, id)
	}
}

// sort orders the pairs by hash and copies the slices to their length.
func (x *deleteIndex) sort() {
	sort.Sort(byHash{x})
	x.hashes, x.ids, x.terms = slices.Clone(x.hashes), slices.Clone(x.ids), slices.Clone(x.terms)
}

type byHash struct{ x *deleteIndex }

func (b byHash) Len() int           { return len(b.x.hashes) }
func (b byHash) Less(i, j int) bool { return b.x.hashes[i] < b.x.hashes[j] }
func (b byHash) Swap(i, j int) {
	b.x.hashes[i], b.x.hashes[j] = b.x.hashes[j], b.x.hashes[i]
	b.x.ids[i], b.x.ids[j] = b.x.ids[j], b.x.ids[i]
}

// find calls fn with each term that has variant (and, rarely, one whose
// variant has the same hash).
func (x *deleteIndex) find(variant string, fn func(term string)) {
	if len(x.hashes) == 0 {
		return
	}
	h := maphash.String(x.seed, variant)
	for i, _ := slices.BinarySearch(x.hashes, h); i < len(x.hashes) && x.hashes[i] == h; i++ {
		fn(x.terms[x.ids[i]])
	}
}

// minTypoLen is the shortest word we try to correct: shorter words have too
// many neighbours to guess from.
const minTypoLen = 4

func newVocabulary(idx bleve.Index, field string) (*vocabulary, error) {
	dict, err := idx.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("read dictionary %s: %w", field, err)
	}
	defer dict.Close()
	v := &vocabulary{df: map[string]int{}}
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("read dictionary %s: %w", field, err)
		}
		if e == nil {
			break
		}
		v.df[e.Term] = int(e.Count)
		if len(e.Term) >= minTypoLen-1 {
			v.deletes.addTerm(e.Term)
		}
	}
	v.deletes.sort()
	return v, nil
}

// addStems reads the dictionaries of the stemmed fields, so that a word the
// base has only in another form ("almacena" where articles say "almacenado")
// is searched by its stem instead of being taken for a typo.
func (v *vocabulary) addStems(idx bleve.Index, fields ...string) error {
	v.stemDF = map[string]int{}
	v.prefixes = map[string][]string{}
	v.stemDeletes = deleteIndex{}
	for _, field := range fields {
		dict, err := idx.FieldDict(field)
		if err != nil {
			return fmt.Errorf("read dictionary %s: %w", field, err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				dict.Close()
				return fmt.Errorf("read dictionary %s: %w", field, err)
			}
			if e == nil {
				break
			}
			if _, ok := v.stemDF[e.Term]; !ok {
				if r := []rune(e.Term); len(r) >= stemPrefix {
					p := string(r[:stemPrefix])
					v.prefixes[p] = append(v.prefixes[p], e.Term)
				}
				if len(e.Term) >= minTypoLen-1 {
					v.stemDeletes.addTerm(e.Term)
				}
			}
			v.stemDF[e.Term] = max(v.stemDF[e.Term], int(e.Count))
		}
		dict.Close()
	}
	v.stemDeletes.sort()
	return nil
}

// wordDF is the number of articles that have w: as typed when the base has
// that form, else by its stem.
func (v *vocabulary) wordDF(w word) int {
	if n := v.df[w.exact]; n > 0 || w.stem == "" {
		return n
	}
	return v.stemDF[w.stem]
}

// stemPrefix is how many leading runes a stem must share with a stem of the
// base to stand for it when nothing else matches: words of one family differ
// in their endings ("investigador", "investigación"), and after stemming
// six runes rarely join unrelated words.
const stemPrefix = 6

// relatedStems returns up to max stems of the base that share the first
// stemPrefix runes of stem, most frequent first.
func (v *vocabulary) relatedStems(stem string, max int) []string {
	r := []rune(stem)
	if len(r) < stemPrefix {
		return nil
	}
	cands := append([]string(nil), v.prefixes[string(r[:stemPrefix])]...)
	sort.Slice(cands, func(i, j int) bool {
		if v.stemDF[cands[i]] != v.stemDF[cands[j]] {
			return v.stemDF[cands[i]] > v.stemDF[cands[j]]
		}
		return cands[i] < cands[j]
	})
	return cands[:min(max, len(cands))]
}

// deletions returns the distinct strings made by deleting one rune of w.
func deletions(w string) []string {
	r := []rune(w)
	out := make([]string, 0, len(r))
	for i := range r {
		d := string(r[:i]) + string(r[i+1:])
		if i > 0 && r[i] == r[i-1] {
			continue // same result as the previous deletion
		}
		out = append(out, d)
	}
	return out
}

// corrections returns the words of the base near w (see nearest).
func (v *vocabulary) corrections(w string, max int) []string {
	return nearest(w, v.df, &v.deletes, max)
}

// stemCorrections is corrections for a stem, against the stems of the base:
// a typo in a word the base has only in other forms ("proetstar", where
// articles say "protesta").
func (v *vocabulary) stemCorrections(stem string, max int) []string {
	return nearest(stem, v.stemDF, &v.stemDeletes, max)
}

// nearest returns the terms of dict within one edit of w (Damerau, or one
// rune moved; two edits for words of 8 runes or more), found through
// deletes, most frequent first, at most max.
func nearest(w string, dict map[string]int, deletes *deleteIndex, max int) []string {
	r := []rune(w)
	if len(r) < minTypoLen {
		return nil
	}
	seen := map[string]bool{}
	var cands []string
	add := func(t string) {
		if seen[t] || t == w {
			return
		}
		seen[t] = true
		limit := 1
		if len(r) >= 8 {
			limit = 2
		}
		if osaDistance([]rune(t), r) <= limit || movedRune(t, w) {
			cands = append(cands, t)
		}
	}
	if _, ok := dict[w]; ok {
		return nil
	}
	for _, d := range append(deletions(w), w) {
		if _, ok := dict[d]; ok {
			add(d)
		}
		deletes.find(d, add)
	}
	// most frequent first, then alphabetical for stable results
	sort.SliceStable(cands, func(i, j int) bool {
		if dict[cands[i]] != dict[cands[j]] {
			return dict[cands[i]] > dict[cands[j]]
		}
		return cands[i] < cands[j]
	})
	if len(cands) > max {
		cands = cands[:max]
	}
	return cands
}

// osaDistance is the optimal string alignment distance (Levenshtein plus
// transposition of adjacent runes). It keeps three rows of the table, on
// the stack for words of up to 31 runes: it runs for every stop word
// against each unknown word of every question.
func osaDistance(a, b []rune) int {
	n := len(b) + 1
	var buf [3 * 32]int
	rows := buf[:]
	if 3*n > len(buf) {
		rows = make([]int, 3*n)
	}
	before, prev, cur := rows[:n], rows[n:2*n], rows[2*n:3*n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j < n; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		before, prev, cur = prev, cur, before
	}
	return prev[n-1]
}

// movedRune reports whether a and b differ by one rune typed in the wrong
// place ("ghandi" for "gandhi"): the same length, and deleting that rune
// from each gives the same word.
func movedRune(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) || len(ra) < minMovedLen {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	j := len(ra) - 1
	for j > i && ra[j] == rb[j] {
		j--
	}
	if i >= j {
		return false
	}
	// ra[i..j] is rb[i..j] with its first rune moved to the end, or the
	// other way round.
	rot := func(x, y []rune) bool {
		return x[i] == y[j] && string(x[i+1:j+1]) == string(y[i:j])
	}
	return rot(ra, rb) || rot(rb, ra)
}

// minMovedLen is the shortest word in which a moved rune is taken for a
// typo: in short words it too often makes another word.
const minMovedLen = 5
