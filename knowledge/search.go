package knowledge

import (
	"math"
	"regexp"
	"sort"
	"unicode/utf8"

	"github.com/aulabot/aulabot"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Query is a question asked by a user.
type Query struct {
	Text       string // the question as typed
	Lang       string // the user's language, "es" or "en"; searched first
	Audience   string // the user's role, "student" or "teacher"; "" sees everything
	University string // the user's university id; "" sees only general articles
	Limit      int    // maximum number of hits; 0 means 5
}

// Confidence says what the bot should do with a Result.
type Confidence string

// The three outcomes of a search.
const (
	ConfidenceAnswer  Confidence = "answer"  // show the first hit as the answer
	ConfidenceSuggest Confidence = "suggest" // offer the first two or three hits
	ConfidenceNone    Confidence = "none"    // say the base has no answer
)

// Hit is one ranked article.
type Hit struct {
	Article  *Article
	Score    float64
	Coverage float64 // idf-weighted share of the question's words the article has
	specific int     // informative typed tokens it has (specificMatches)
	sim      float64 // cosine of the question and the article in n-gram space (ngram.go)
}

// Result is the outcome of a search. Hits are ranked candidates, best first;
// with ConfidenceNone they are too weak to show to a user. Shown returns the
// hits a user should see.
type Result struct {
	Confidence Confidence
	Hits       []Hit
	SmallTalk  string // the kind of small talk (SmallTalk), with ConfidenceNone
}

// Shown returns the hits to show: one for an answer, up to three for a
// suggestion, none otherwise.
func (r Result) Shown() []Hit {
	switch {
	case len(r.Hits) == 0:
		return nil
	case r.Confidence == ConfidenceAnswer:
		return r.Hits[:1]
	case r.Confidence != ConfidenceSuggest:
		return nil
	}
	out := r.Hits[:1]
	for _, h := range r.Hits[1:min(maxSuggestions, len(r.Hits))] {
		if h.specific > 0 && h.Coverage >= suggestShare*r.Hits[0].Coverage {
			out = append(out, h)
		}
	}
	return out
}

const (
	maxQueryRunes  = 1000 // longer questions are cut: nobody types more on a phone
	maxQueryWords  = 32
	maxSuggestions = 3
	defaultLimit   = 5
)

// Field boosts: titles and the "other ways people ask" lines say what an
// article is about; the body only mentions things.
const (
	titleBoost     = 2.0
	questionsBoost = 2.0
	bodyBoost      = 1.0
	exactBoost     = 1.0 // unstemmed: the word as typed counts twice
)

// proximityBoost rewards hits that have the question's neighbouring words
// close together: a hit with all pairs near scores 1.4 times as much.
const proximityBoost = 0.4

// passageBoost rewards hits that have the question's words in one place
// (passageCoverage): one with all of them within passageWindow positions
// scores 3 times as much. The margin of the confidence rules is measured
// before it, so that an answer needs both signals to agree.
const passageBoost = 2.0

// coverageExponent makes the share of the question an article has count in
// its order, whatever the frequency of each word: BM25 lets an article that
// repeats two of the words beat one that has them all once (the coordination
// factor of classic Lucene scoring, softened by a square root). The margin of
// the confidence rules is measured before it.
const coverageExponent = 0.5

// In bases of commonMinDocs articles or more, words found in more than
// commonShare of them are left out of the query: they cost the most to
// score and change the order least (and, with a low idf, weigh little in
// the coverage).
const (
	commonMinDocs = 1000
	commonShare   = 0.25
)

// In a language with fewer than twoPassDocs articles, the positions of
// each article's terms are kept from the load (articleTerms), and a search
// looks up there which of the question's words each hit has, and where.
// In larger ones, where keeping them would cost too much memory, a second
// search asks the index for them, for the first hits only.
const twoPassDocs = 1000

// Weights of words that were not typed as such.
const (
	typoWeight    = 0.7
	synonymWeight = 0.6
)

// Search finds the articles that answer q.Text, in the user's language first
// and in the other language when the first finds nothing and the other has a
// confident answer. It never fails: empty, huge or meaningless input gives
// ConfidenceNone, and so does small talk (with its kind in SmallTalk).
func (b *Base) Search(q Query) Result {
	words, emoji := talkWords(q.Text)
	return b.search(q, words, emoji)
}

// search is Search with the words of q.Text as talkWords gives them.
func (b *Base) search(q Query, talk []string, emoji bool) Result {
	if b == nil {
		return Result{Confidence: ConfidenceNone}
	}
	if kind := smallTalkOf(talk, emoji); kind != "" {
		return Result{Confidence: ConfidenceNone, SmallTalk: kind}
	}
	lang := q.Lang
	if !validLangs[lang] {
		lang = "es"
	}
	// A question written in the other language (an English speaker's
	// Spanish, a Spanish speaker's English) is searched in its own: in the
	// asker's language it matches only the words both share ("moodle",
	// "zoom") and gets unrelated suggestions. Its articles come in the
	// question's language, as they did when the asker's language found
	// nothing, and as the LLM writes its answer.
	if l := DetectLanguage(q.Text); validLangs[l] {
		lang = l
	}
	r := b.searchLang(q, lang, false)
	if len(talk) > longMessageWords && r.Confidence == ConfidenceSuggest {
		r = b.focusLong(q, lang, r)
	}
	if r.Confidence == ConfidenceNone {
		// Only a confident answer in the other language replaces "none":
		// weaker matches there are mostly typo corrections across languages.
		if r2 := b.searchLang(q, aulabot.OtherLanguage(lang), true); r2.Confidence == ConfidenceAnswer {
			return r2
		}
	}
	return r
}

// A long message (more than longMessageWords words: a voice note's
// words, a story typed out) mixes greetings, context and the question, so
// its best article covers a small part of it and the direct-answer rules,
// fitted on questions of a line, almost never answer it: they suggest.
// focusLong answers it directly when one of its clauses (split at
// clauseEnd), searched alone, gets a direct answer with the same first
// article as the whole message: two searches agreeing, one of them sure.
// At most maxFocusClauses clauses are searched, the last first (a spoken
// question tends to end with what is asked).
const (
	longMessageWords = 20
	maxFocusClauses  = 12
)

var clauseEnd = regexp.MustCompile(`[.!?;,…\n¿¡]+`)

// focusLong is r, the suggestions for long message q in lang, as a direct
// answer when one of q's clauses agrees (see longMessageWords).
func (b *Base) focusLong(q Query, lang string, r Result) Result {
	if len(r.Hits) == 0 {
		return r
	}
	clauses := clauseEnd.Split(q.Text, -1)
	tried := 0
	for i := len(clauses) - 1; i >= 0 && tried < maxFocusClauses; i-- {
		if w, _ := talkWords(clauses[i]); len(w) < 3 {
			continue
		}
		tried++
		cq := q
		cq.Text = clauses[i]
		if c := b.searchLang(cq, lang, true); c.Confidence == ConfidenceAnswer && c.Hits[0].Article.ID == r.Hits[0].Article.ID {
			r.Confidence = ConfidenceAnswer
			return r
		}
	}
	return r
}

// searchLang searches in one language. With answerOnly, only a direct
// answer matters: a question that cannot get one there (none of its words
// known as typed or in another form, or only numbers) is not searched.
func (b *Base) searchLang(q Query, lang string, answerOnly bool) Result {
	none := Result{Confidence: ConfidenceNone}
	if b.docCount[lang] == 0 {
		return none
	}
	text := q.Text
	if utf8.RuneCountInString(text) > maxQueryRunes {
		text = string([]rune(text)[:maxQueryRunes])
	}
	toks := b.typedTokens(text, lang)
	words := b.wordsOf(toks, lang)
	if answerOnly && !mayAnswer(words) {
		return none
	}
	qv := b.questionVector(toks, lang)
	scored := b.rank(words, qv, lang, q)
	if len(scored) == 0 {
		return none
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	out := Result{Confidence: confidence(words, scored, len(qv.keys) > 0, len(toks))}
	for _, s := range scored[:min(limit, len(scored))] {
		out.Hits = append(out.Hits, s.Hit)
	}
	return out
}

// rank runs the bleve query and returns the first max(q.Limit, 10) hits,
// each with the words it contains, reordered by proximity and by how much of
// the question each has in one passage.
func (b *Base) rank(words []word, qv ngramVec, lang string, q Query) []scoredHit {
	if len(words) == 0 {
		return nil
	}
	main := b.buildQuery(words, lang, q)
	req := bleve.NewSearchRequestOptions(main, max(q.Limit, 10), 0, false)
	res, err := b.idx.Search(req)
	if err != nil || len(res.Hits) == 0 {
		return nil
	}
	at, ok := b.hitPositions(res.Hits, words, lang)
	if !ok {
		return nil
	}
	pairs := wordPairs(words)
	weight := b.tokenWeights(words, lang)
	tot := weightTotal(weight)
	scored := make([]scoredHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		if a := b.byID[h.ID]; a != nil {
			sh := scoredHit{Hit: Hit{Article: a, Score: h.Score}, matched: matchedWords(words, at[h.ID])}
			sh.coverage = coverage(words, sh.matched, weight, tot)
			sh.Hit.Coverage = sh.coverage
			sh.Hit.specific = specificMatches(words, sh.matched, b.vocab[lang].wordDF, b.docCount[lang])
			if np := len(pairs); np > 0 {
				sh.Score *= 1 + proximityBoost*float64(adjacentPairs(pairs, words, at[h.ID]))/float64(np)
			}
			sh.before = sh.Score
			sh.Score *= 1 + passageBoost*passageCoverage(words, weight, tot, at[h.ID])
			sh.Score *= math.Pow(sh.coverage, coverageExponent)
			if len(qv.keys) > 0 {
				sh.Hit.sim = qv.dot(b.articleCentroid(a))
			}
			scored = append(scored, sh)
		}
	}
	sort.SliceStable(scored, func(i, j int) bool {
		if scored[i].Score != scored[j].Score {
			return scored[i].Score > scored[j].Score
		}
		return scored[i].Article.ID < scored[j].Article.ID // same order whatever the segment layout
	})
	return scored
}

// hitPositions says where each hit has the question's words. In a language
// searched in one pass they were kept at load (articleTerms); in a larger
// one, a second search asks the index for them, for these hits only.
func (b *Base) hitPositions(hits search.DocumentMatchCollection, words []word, lang string) (map[string]termPositions, bool) {
	out := make(map[string]termPositions, len(hits))
	if b.docCount[lang] < b.twoPassDocs {
		for _, h := range hits {
			out[h.ID] = b.terms[h.ID]
		}
		return out, true
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
		out[h.ID] = hitLocations{lang: lang}
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), b.wordsQuery(words, lang)), len(ids), 0, false)
	req.IncludeLocations = true
	res, err := b.idx.Search(req)
	if err != nil {
		return nil, false
	}
	for _, h := range res.Hits {
		out[h.ID] = hitLocations{h.Locations, lang}
	}
	return out, true
}

// buildQuery makes one disjunction of per-field term queries, filtered by
// audience and university.
func (b *Base) buildQuery(words []word, lang string, q Query) query.Query {
	main := b.wordsQuery(words, lang)
	var filters []query.Query
	if b.hasAudience && (q.Audience == "student" || q.Audience == "teacher") {
		filters = append(filters, anyOf("aud", "all", q.Audience))
	}
	if b.hasUniversity {
		if q.University != "" {
			filters = append(filters, anyOf("uni", noUniversity, q.University))
		} else {
			filters = append(filters, anyOf("uni", noUniversity))
		}
	}
	if len(filters) == 0 {
		return main
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(main)
	bq.AddFilter(bleve.NewConjunctionQuery(filters...))
	return bq
}

// wordsQuery is the disjunction of the words' term queries.
func (b *Base) wordsQuery(words []word, lang string) query.Query {
	n := b.docCount[lang]
	var clauses []query.Query
	term := func(t, field string, boost float64) {
		tq := bleve.NewTermQuery(t)
		tq.SetField(field)
		tq.SetBoost(boost)
		clauses = append(clauses, tq)
	}

	v := b.vocab[lang]
	for _, w := range words {
		if w.unknown {
			continue
		}
		if n >= commonMinDocs && float64(v.wordDF(w)) > commonShare*float64(n) {
			continue // in most articles: costly to score, says little
		}
		if w.stem != "" {
			term(w.stem, titleField(lang), w.weight*titleBoost)
			term(w.stem, qField(lang), w.weight*questionsBoost)
			term(w.stem, bodyField(lang), w.weight*bodyBoost)
		}
		if v.df[w.exact] > 0 { // not for a word known only by its stem
			term(w.exact, exactField(lang), w.weight*exactBoost)
		}
	}
	if len(clauses) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(clauses...)
}

func anyOf(field string, values ...string) query.Query {
	qs := make([]query.Query, len(values))
	for i, v := range values {
		qs[i] = termQuery(v, field)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// idf is the inverse document frequency used to weigh query words when
// measuring how much of a question an article covers.
func idf(df, n int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

func termQuery(t, field string) query.Query {
	tq := bleve.NewTermQuery(t)
	tq.SetField(field)
	return tq
}
