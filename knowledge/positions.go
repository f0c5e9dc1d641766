package knowledge

import (
	"cmp"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
)

// fieldKind is one of an article's four searched fields, whatever its
// language.
type fieldKind uint8

const (
	inTitle fieldKind = iota
	inQuestions
	inBody
	inExact
	fieldKinds
)

// stemmedKinds are the fields analysed with the stemmer.
var stemmedKinds = [...]fieldKind{inTitle, inQuestions, inBody}

func fieldName(k fieldKind, lang string) string {
	switch k {
	case inTitle:
		return titleField(lang)
	case inQuestions:
		return qField(lang)
	case inBody:
		return bodyField(lang)
	}
	return exactField(lang)
}

// termPositions says where one hit has a term: the positions of term in
// field k, in order, or none when the hit lacks it. Positions are those
// the index gives (its analyzers' token positions, removed stop words
// counted).
type termPositions interface {
	// at is where field k has term, which the kept terms know by id (0
	// for a term no kept article has; wordsOf sets the ids).
	at(k fieldKind, term string, id uint32) []uint32
}

// articleTerms are an article's terms with their positions, field by
// field, kept from the load. In a base searched in one pass (see
// twoPassDocs) they are where a search finds which words each hit has and
// where: asking the index for them would decode them for every article
// that matches any word of the question, and each search would allocate
// them again.
type articleTerms [fieldKinds]fieldTerms

// fieldTerms are the distinct terms of one field, by id (Base.termIDs),
// sorted, each with its positions: those of terms[i] are
// pos[ends[i-1]:ends[i]]. Ids rather than the terms themselves: finding a
// question's words in each hit was a sixth of a question's time when it
// compared strings.
type fieldTerms struct {
	terms []uint32
	ends  []uint32
	pos   []uint32
}

func (t *articleTerms) at(k fieldKind, _ string, id uint32) []uint32 {
	if t == nil || id == 0 {
		return nil
	}
	f := &t[k]
	i, ok := slices.BinarySearch(f.terms, id)
	if !ok {
		return nil
	}
	lo := uint32(0)
	if i > 0 {
		lo = f.ends[i-1]
	}
	return f.pos[lo:f.ends[i]]
}

// termsOf analyses an article's fields as the index does (articleDoc, and
// the same analyzers). ids gives each term its id across articles, adding
// the terms it has not seen (from 1).
func termsOf(doc map[string]interface{}, lang string, stem, exact analysis.Analyzer, ids map[string]uint32) *articleTerms {
	type posting struct {
		term uint32
		pos  uint32
	}
	out := &articleTerms{}
	var ps []posting
	for k := range fieldKinds {
		an := stem
		if k == inExact {
			an = exact
		}
		text, _ := doc[fieldName(k, lang)].(string)
		ps = ps[:0]
		for _, tok := range an.Analyze([]byte(text)) {
			id, ok := ids[string(tok.Term)]
			if !ok {
				id = uint32(len(ids) + 1)
				ids[string(tok.Term)] = id
			}
			ps = append(ps, posting{id, uint32(tok.Position)})
		}
		slices.SortFunc(ps, func(a, b posting) int {
			return cmp.Or(cmp.Compare(a.term, b.term), cmp.Compare(a.pos, b.pos))
		})
		f := &out[k]
		f.pos = make([]uint32, len(ps))
		for i, p := range ps {
			if i == 0 || p.term != ps[i-1].term {
				if i > 0 {
					f.ends = append(f.ends, uint32(i))
				}
				f.terms = append(f.terms, p.term)
			}
			f.pos[i] = p.pos
		}
		if len(ps) > 0 {
			f.ends = append(f.ends, uint32(len(ps)))
		}
		f.terms = slices.Clip(f.terms)
		f.ends = slices.Clip(f.ends)
	}
	return out
}

// hitLocations are the positions the index gave for one hit (the second
// pass of a large base).
type hitLocations struct {
	locs search.FieldTermLocationMap
	lang string
}

func (h hitLocations) at(k fieldKind, term string, _ uint32) []uint32 {
	ls := h.locs[fieldName(k, h.lang)][term]
	if len(ls) == 0 {
		return nil
	}
	out := make([]uint32, len(ls))
	for i, l := range ls {
		out[i] = uint32(l.Pos)
	}
	return out
}
