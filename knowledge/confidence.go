package knowledge

// scoredHit is a hit with the query words it contains.
type scoredHit struct {
	Hit
	matched []bool
}

// signals are the calibrated inputs of the confidence decision.
type signals struct {
	coverage float64 // idf-weighted share of the typed tokens found in the top hit
	margin   float64 // second score / first score (1 = tie)
	typoOnly bool    // the top hit matches only corrected words
}

// Confidence thresholds, tuned on the XQuAD sets and the built-in questions
// (see docs/knowledge.md).
var thresholds = struct {
	answerCoverage, answerMargin, suggestCoverage float64
}{0.6, 0.85, 0.35}

func (b *Base) signals(words []word, hits []scoredHit, lang string) signals {
	var s signals
	if len(hits) > 1 && hits[0].Score > 0 {
		s.margin = hits[1].Score / hits[0].Score
	}
	n := b.docCount[lang]
	v := b.vocab[lang]
	// weight of each typed token: the idf of its best (most specific) word
	type src struct {
		w       float64
		matched bool
	}
	srcs := map[int]*src{}
	anyExact := false
	for i, w := range words {
		df := v.df[w.exact]
		wt := idf(df, n)
		for _, k := range w.srcs {
			sv := srcs[k]
			if sv == nil {
				sv = &src{}
				srcs[k] = sv
			}
			if w.weight == 1 || w.unknown || sv.w == 0 {
				sv.w = max(sv.w, wt)
			}
			if hits[0].matched[i] {
				sv.matched = true
				if !w.typo {
					anyExact = true
				}
			}
		}
	}
	var tot, got float64
	for _, sv := range srcs {
		tot += sv.w
		if sv.matched {
			got += sv.w
		}
	}
	if tot > 0 {
		s.coverage = got / tot
	}
	s.typoOnly = !anyExact
	return s
}

func (b *Base) confidence(words []word, hits []scoredHit, lang string) Confidence {
	s := b.signals(words, hits, lang)
	switch {
	case s.coverage >= thresholds.answerCoverage && s.margin <= thresholds.answerMargin && !s.typoOnly:
		return ConfidenceAnswer
	case s.coverage >= thresholds.suggestCoverage:
		return ConfidenceSuggest
	}
	return ConfidenceNone
}
