package knowledge

import (
	"context"
	"html"

	"github.com/aulabot/aulabot"
)

// Service is the knowledge base as the bot's handlers use it: the library
// in use, the optional LLM and the embedding cache.
type Service struct {
	lib   *Library
	llm   *LLM // nil: retrieval only
	embed bool
	cache VectorCache
}

// NewService returns a Service on lib; llm may be nil (retrieval only);
// embed fuses embedding ranks (cached in cache) into the search.
func NewService(lib *Library, llm *LLM, embed bool, cache VectorCache) *Service {
	return &Service{lib: lib, llm: llm, embed: embed && llm != nil, cache: cache}
}

// BuiltinService returns a Service on the built-in knowledge base, without
// an LLM (tests and demos).
func BuiltinService() (*Service, error) {
	lib := NewLibrary(func() (*Base, []Problem, error) { return Load(Builtin(), ".") })
	if _, err := lib.Reload(); err != nil {
		return nil, err
	}
	return NewService(lib, nil, false, nil), nil
}

func view(a *Article) aulabot.KBArticle {
	return aulabot.KBArticle{ID: a.ID, Title: a.Title, Lang: a.Lang, HTML: RenderHTML(a.Body)}
}

// Search finds what to show for a question; it never fails.
func (k *Service) Search(ctx context.Context, q aulabot.KBQuery) aulabot.KBResult {
	res := k.lib.Current().Search(Query{Text: q.Text, Lang: q.Lang, Audience: q.Audience, University: q.University})
	if k.embed && res.Confidence != ConfidenceNone {
		var pool []*Article
		for _, h := range res.Hits {
			pool = append(pool, h.Article)
		}
		if ranked, err := k.llm.RankByEmbedding(ctx, q.Text, pool, k.cache); err == nil {
			res.Hits = FuseRRF(60, res.Hits, ranked)
		}
	}
	out := aulabot.KBResult{Confidence: string(res.Confidence)}
	for _, h := range res.Shown() {
		out.Articles = append(out.Articles, view(h.Article))
	}
	return out
}

// Article returns one article, rendered.
func (k *Service) Article(id string) (aulabot.KBArticle, bool) {
	a, ok := k.lib.Current().Article(id)
	if !ok {
		return aulabot.KBArticle{}, false
	}
	return view(a), true
}

// Related returns up to n articles close to id.
func (k *Service) Related(id string, n int) []aulabot.KBArticle {
	var out []aulabot.KBArticle
	for _, a := range k.lib.Current().Related(id, n) {
		out = append(out, view(a))
	}
	return out
}

// Compose asks the LLM for an answer from arts only. It returns the answer
// as HTML and the 1-based numbers of the articles it cites, or ok=false
// with no LLM, on timeout or error, or when the citations are bad; the
// caller then shows the plain article.
func (k *Service) Compose(ctx context.Context, question, lang string, arts []aulabot.KBArticle) (string, []int, bool) {
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
	ans, err := k.llm.Answer(ctx, question, lang, hits)
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

// Reload reads the knowledge base again; with problems the previous one
// stays in use and the problems are returned as FILE:LINE: message.
func (k *Service) Reload() (int, []string, error) {
	probs, err := k.lib.Reload()
	var out []string
	for _, p := range probs {
		out = append(out, p.String())
	}
	return len(k.lib.Current().Articles()), out, err
}

// Split cuts HTML into Telegram messages of at most max characters.
func (k *Service) Split(s string, max int) []string { return SplitHTML(s, max) }
