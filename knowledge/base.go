package knowledge

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Base is an immutable, searchable knowledge base. It is safe for concurrent
// use; Library swaps whole Bases on reload.
type Base struct {
	// shared: several libraries use this base (Share); none closes it.
	shared   atomic.Bool
	articles []*Article
	byID     map[string]*Article
	idx      bleve.Index
	stem     map[string]analysis.Analyzer // per language
	exact    map[string]analysis.Analyzer // per language
	vocab    map[string]*vocabulary       // per language, from the exact field
	syn      map[string][]synGroup        // per language, analyzed
	docCount map[string]int               // articles per language
	cache    map[string]*articleCache     // per article id: HTML and related, computed once
	helpDesk []*Article                   // the help desk articles (HelpDesk), by id
	ngrams   map[string]*ngramStats       // per language: n-gram idf (ngram.go)
	terms    map[string]*articleTerms     // per article id, in languages searched in one pass
	termIDs  map[string]uint32            // the kept terms' ids (termsOf), from 1

	twoPassDocs int // see the constant; a field so that tests can lower it after the load

	hasAudience, hasUniversity bool // some articles are restricted: filter searches
}

// Field names. Each language has its own fields so that each is analyzed
// with its own analyzer; "aud" and "uni" are keyword filters.
func titleField(lang string) string { return "title_" + lang }
func qField(lang string) string     { return "q_" + lang }
func bodyField(lang string) string  { return "body_" + lang }
func exactField(lang string) string { return "exact_" + lang }

const noUniversity = "_none"

func buildMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	if err := addAnalyzers(im); err != nil {
		return nil, fmt.Errorf("knowledge analyzers: %w", err)
	}
	doc := bleve.NewDocumentStaticMapping()
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = true // for hit locations: which words matched
		f.DocValues = false         // no sorting or facets
		return f
	}
	for _, lang := range []string{"es", "en"} {
		doc.AddFieldMappingsAt(titleField(lang), text(stemAnalyzer(lang)))
		doc.AddFieldMappingsAt(qField(lang), text(stemAnalyzer(lang)))
		doc.AddFieldMappingsAt(bodyField(lang), text(stemAnalyzer(lang)))
		doc.AddFieldMappingsAt(exactField(lang), text(exactAnalyzer(lang)))
	}
	for _, f := range []string{"aud", "uni"} {
		k := text(keyword.Name)
		k.IncludeTermVectors = false
		doc.AddFieldMappingsAt(f, k)
	}
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = doc
	im.DefaultAnalyzer = keyword.Name
	return im, nil
}

// An in-memory index is never merged: each batch stays a segment, and every
// segment costs each query. Four segments (two per worker) keep both the
// build and the queries fast; small bases make one.
const (
	segments     = 4
	minBatchSize = 500
)

// newBase indexes arts in an in-memory scorch index.
func newBase(arts []*Article, syn synonyms) (*Base, error) {
	im, err := buildMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	b := &Base{
		articles: arts,
		byID:     make(map[string]*Article, len(arts)),
		idx:      idx,
		stem:     map[string]analysis.Analyzer{},
		exact:    map[string]analysis.Analyzer{},
		vocab:    map[string]*vocabulary{},
		syn:      map[string][]synGroup{},
		docCount: map[string]int{},
		cache:    make(map[string]*articleCache, len(arts)),

		twoPassDocs: twoPassDocs,
	}
	for _, a := range arts {
		b.byID[a.ID] = a
		b.cache[a.ID] = &articleCache{}
		b.docCount[a.Lang]++
		b.hasAudience = b.hasAudience || a.Audience != "all"
		b.hasUniversity = b.hasUniversity || a.University != ""
		if hasHelpDeskTag(a) {
			b.helpDesk = append(b.helpDesk, a)
		}
	}
	sort.Slice(b.helpDesk, func(i, j int) bool { return b.helpDesk[i].ID < b.helpDesk[j].ID })
	for _, lang := range []string{"es", "en"} {
		b.stem[lang] = im.AnalyzerNamed(stemAnalyzer(lang))
		b.exact[lang] = im.AnalyzerNamed(exactAnalyzer(lang))
	}
	// A small base is indexed by one worker: its terms are kept meanwhile.
	var kept sync.WaitGroup
	kept.Go(b.keepTerms)
	err = indexArticles(idx, arts)
	kept.Wait()
	if err != nil {
		return nil, err
	}
	for _, lang := range []string{"es", "en"} {
		v, err := newVocabulary(idx, exactField(lang))
		if err != nil {
			return nil, err
		}
		if err := v.addStems(idx, titleField(lang), qField(lang), bodyField(lang)); err != nil {
			return nil, err
		}
		b.vocab[lang] = v
		b.syn[lang] = b.analyzeSynonyms(lang, slices.Concat(generalSynonyms()[lang], syn[lang]))
	}
	b.ngrams = b.buildNgramStats()
	return b, nil
}

// keepTerms keeps the terms and positions of the articles of each language
// searched in one pass (twoPassDocs).
func (b *Base) keepTerms() {
	b.terms, b.termIDs = map[string]*articleTerms{}, map[string]uint32{}
	for _, a := range b.articles {
		if b.docCount[a.Lang] < b.twoPassDocs {
			b.terms[a.ID] = termsOf(articleDoc(a), a.Lang, b.stem[a.Lang], b.exact[a.Lang], b.termIDs)
		}
	}
}

// indexWorkers index batches concurrently: while one batch's segment is
// built, the next is mapped and analysed.
const indexWorkers = 2

func indexArticles(idx bleve.Index, arts []*Article) error {
	chunks := make(chan []*Article)
	errs := make(chan error, indexWorkers)
	var wg sync.WaitGroup
	for range indexWorkers {
		wg.Go(func() {
			for chunk := range chunks {
				batch := idx.NewBatch()
				for _, a := range chunk {
					if err := batch.Index(a.ID, articleDoc(a)); err != nil {
						errs <- fmt.Errorf("index %s: %w", a.ID, err)
						return
					}
				}
				if err := idx.Batch(batch); err != nil {
					errs <- fmt.Errorf("index: %w", err)
					return
				}
			}
		})
	}
	var err error
	size := max(minBatchSize, (len(arts)+segments-1)/segments)
send:
	for i := 0; i < len(arts); i += size {
		select {
		case chunks <- arts[i:min(i+size, len(arts))]:
		case err = <-errs:
			break send
		}
	}
	close(chunks)
	wg.Wait()
	if err == nil && len(errs) > 0 {
		err = <-errs
	}
	return err
}

// articleDoc is what bleve indexes for an article.
func articleDoc(a *Article) map[string]interface{} {
	uni := a.University
	if uni == "" {
		uni = noUniversity
	}
	body := markdownText(a.Body)
	return map[string]interface{}{
		titleField(a.Lang): a.Title,
		qField(a.Lang):     strings.Join(a.Questions, "\n") + "\n" + strings.Join(a.Tags, "\n"),
		bodyField(a.Lang):  body,
		exactField(a.Lang): a.Title + "\n" + strings.Join(a.Questions, "\n") + "\n" + body,
		"aud":              a.Audience,
		"uni":              uni,
	}
}

// Article returns the article with this id.
func (b *Base) Article(id string) (*Article, bool) {
	if b == nil {
		return nil, false
	}
	a, ok := b.byID[id]
	return a, ok
}

// Articles returns all articles sorted by id. The slice is a copy; the
// articles are shared and must not be modified.
func (b *Base) Articles() []*Article {
	if b == nil {
		return nil
	}
	out := append([]*Article(nil), b.articles...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Close releases the index. Searching a closed Base returns no results.
// A shared base (Share) stays open.
func (b *Base) Close() error {
	if b == nil || b.shared.Load() {
		return nil
	}
	return b.idx.Close()
}

// Share marks b as used by several libraries at once (the tests' bots
// share one loaded built-in base): a library that replaces it with
// another, and retires it, leaves it open for the others. It returns b.
func (b *Base) Share() *Base {
	b.shared.Store(true)
	return b
}
