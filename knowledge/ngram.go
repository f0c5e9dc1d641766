package knowledge

import (
	"math"
	"slices"
	"strings"
)

// The second retrieval signal: how close a question is to an article in
// the space of character n-grams, which BM25 over whole words and stems
// does not see ("contra" and "contrasena", "calif" and "calificacion",
// "subtitulo" and "subtitulos", "assesment" and "assessment"). Each article
// is the centroid of its phrasings (title, each "other way of asking", its
// tags): the mean of their unit vectors of n-gram weights (count times
// idf). Built when an article is first among a question's hits and kept
// with the base; no server, no model.

// ngramVec is a sparse unit vector: hashed n-grams in increasing order and
// their weights.
type ngramVec struct {
	keys []uint32
	vals []float32
}

// ngramSizes are the lengths of the n-grams taken from each word, padded
// with a space at each end ("tarea" → " ta", "tar", ..., "ea ").
var ngramSizes = []int{3, 4}

// ngramsOf appends the hashed n-grams of each token to out.
func ngramsOf(toks []string, out []uint32) []uint32 {
	var starts []int
	for _, t := range toks {
		p := " " + t + " "
		starts = starts[:0]
		for i := range p { // the byte offset of each rune
			starts = append(starts, i)
		}
		starts = append(starts, len(p))
		runes := len(starts) - 1
		for _, n := range ngramSizes {
			for i := 0; i+n <= runes; i++ {
				out = append(out, fnv32a(p[starts[i]:starts[i+n]]))
			}
		}
	}
	return out
}

// fnv32a is the 32-bit FNV-1a hash of s.
func fnv32a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// ngramStats are the document frequencies of the n-grams of one language's
// articles (over their phrasings), for idf.
type ngramStats struct {
	df map[uint32]int32
	n  int
}

func (s *ngramStats) idf(k uint32) float64 {
	return math.Log(1 + float64(s.n)/float64(1+s.df[k]))
}

// phrasings are the parts of an article that say what it is about.
func phrasings(a *Article) []string {
	out := append([]string{a.Title}, a.Questions...)
	if len(a.Tags) > 0 {
		out = append(out, strings.Join(a.Tags, " "))
	}
	return out
}

// phrasingGrams are the hashed n-grams of each of a's phrasings, analyzed
// as the exact field is.
func (b *Base) phrasingGrams(a *Article) [][]uint32 {
	var out [][]uint32
	for _, p := range phrasings(a) {
		out = append(out, ngramsOf(b.tokens(b.exact[a.Lang], p), nil))
	}
	return out
}

// buildNgramStats counts, per language, in how many articles each n-gram
// of their phrasings appears.
func (b *Base) buildNgramStats() map[string]*ngramStats {
	out := map[string]*ngramStats{}
	for _, a := range b.articles {
		s := out[a.Lang]
		if s == nil {
			s = &ngramStats{df: map[uint32]int32{}}
			out[a.Lang] = s
		}
		s.n++
		grams := slices.Concat(b.phrasingGrams(a)...)
		slices.Sort(grams)
		for _, g := range slices.Compact(grams) {
			s.df[g]++
		}
	}
	return out
}

// vectorOf is the unit vector of n-gram weights of grams (count × idf).
func (s *ngramStats) vectorOf(grams []uint32) ngramVec {
	slices.Sort(grams)
	var v ngramVec
	for i := 0; i < len(grams); {
		j := i
		for j < len(grams) && grams[j] == grams[i] {
			j++
		}
		v.keys = append(v.keys, grams[i])
		v.vals = append(v.vals, float32(float64(j-i)*s.idf(grams[i])))
		i = j
	}
	v.normalize()
	return v
}

func (v *ngramVec) normalize() {
	var sum float64
	for _, x := range v.vals {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v.vals {
		v.vals[i] *= inv
	}
}

// dot is the dot product of two sparse vectors.
func (v ngramVec) dot(w ngramVec) float64 {
	var sum float64
	for i, j := 0, 0; i < len(v.keys) && j < len(w.keys); {
		switch {
		case v.keys[i] < w.keys[j]:
			i++
		case v.keys[i] > w.keys[j]:
			j++
		default:
			sum += float64(v.vals[i]) * float64(w.vals[j])
			i++
			j++
		}
	}
	return sum
}

// centroid is the unit vector of the mean of the unit vectors of an
// article's phrasings.
func (b *Base) centroid(a *Article) ngramVec {
	s := b.ngrams[a.Lang]
	acc := map[uint32]float64{}
	for _, g := range b.phrasingGrams(a) {
		v := s.vectorOf(g)
		for i, k := range v.keys {
			acc[k] += float64(v.vals[i])
		}
	}
	var c ngramVec
	for k := range acc {
		c.keys = append(c.keys, k)
	}
	slices.Sort(c.keys)
	for _, k := range c.keys {
		c.vals = append(c.vals, float32(acc[k]))
	}
	c.normalize()
	return c
}

// articleCentroid returns a's centroid, built once per base.
func (b *Base) articleCentroid(a *Article) ngramVec {
	c := b.cacheOf(a.ID)
	if c == nil || b.ngrams[a.Lang] == nil {
		return ngramVec{}
	}
	c.centroidOnce.Do(func() { c.centroid = b.centroid(a) })
	return c.centroid
}

// questionVector is the n-gram vector of a question's typed tokens (phone
// spellings written out, stop words left out).
func (b *Base) questionVector(toks []string, lang string) ngramVec {
	s := b.ngrams[lang]
	if s == nil {
		return ngramVec{}
	}
	return s.vectorOf(ngramsOf(toks, nil))
}
