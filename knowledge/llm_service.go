package knowledge

import (
	"context"
	"html"

	"github.com/aulabot/aulabot"
)

// answerLang is the language to search and answer in: the question's,
// or lang (the asker's) when DetectLanguage cannot tell.
func answerLang(question, lang string) string {
	if l := DetectLanguage(question); l != "" {
		return l
	}
	return lang
}

// Deadline bounds one answer: searching with embeddings and writing with
// the LLM share it, so the whole answer takes at most the LLM's timeout.
func (k *Service) Deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if k.llm == nil {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, k.llm.timeout)
}

// Remote returns the host questions are sent to ("" without an LLM) and
// whether they are also sent for embeddings.
func (k *Service) Remote() (server string, embeddings bool) {
	if k.llm == nil {
		return "", false
	}
	return k.llm.Server(), k.embed
}

// SearchEmbedded is Search in the question's language (answerLang) with
// the ranking of article embeddings fused in when an embedding model is
// configured: it may call the server (until ctx ends; see Deadline), so
// only background work uses it. If embedding fails, the ranking is
// retrieval's alone.
func (k *Service) SearchEmbedded(ctx context.Context, q aulabot.KBQuery) aulabot.KBResult {
	b := k.lib.Current()
	q.Lang = answerLang(q.Text, q.Lang)
	if r, ok := k.byAlias(b, q); ok {
		return r
	}
	res := b.Search(kbQuery(q))
	if k.embed && res.Confidence != ConfidenceNone {
		var pool []*Article
		for _, h := range res.Hits {
			pool = append(pool, h.Article)
		}
		if ranked, err := k.llm.RankByEmbedding(ctx, q.Text, pool, k.cache); err == nil {
			res.Hits = FuseRRF(60, res.Hits, ranked)
		}
	}
	talk, _ := talkWords(q.Text)
	return k.result(b, res, q, talk)
}

// Compose asks the LLM for an answer from arts only, in the question's
// language (answerLang; lang is the asker's); unsure says the search was
// only "suggest", so the model is told the articles may not answer. It
// returns the answer as HTML and the 1-based numbers of the articles it
// cites, or ok=false with no LLM or when the reply is not used (timeout,
// error, the checks of LLM.Answer); the caller then shows the articles.
// Each answer asked for is told to the LLM's Observer.
func (k *Service) Compose(ctx context.Context, question, lang string, unsure bool, arts []aulabot.KBArticle) (string, []int, bool) {
	if k.llm == nil {
		return "", nil, false
	}
	b := k.lib.Current()
	var hits []Hit
	for _, a := range arts {
		if art, ok := b.Article(a.ID); ok {
			hits = append(hits, Hit{Article: art})
		}
	}
	ans, err := k.llm.Answer(ctx, question, answerLang(question, lang), unsure, hits)
	if o := k.llm.Observer; o != nil {
		o.Answer(FallbackReason(err), err)
	}
	if err != nil {
		return "", nil, false
	}
	var cited []int
	for _, src := range ans.Sources {
		for i, h := range hits {
			if h.Article.ID == src.ID {
				cited = append(cited, i+1)
			}
		}
	}
	return html.EscapeString(ans.Text), cited, true
}
