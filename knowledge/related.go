package knowledge

import (
	"context"
	"strings"
	"sync"
)

// relatedPool is how many related candidates are kept per article: enough
// that an asker who may not see some of them still gets two.
const relatedPool = 8

// articleCache is what a Base computes once per article, the first time it
// is needed, and keeps until the Base is replaced: the rendered HTML and the
// related candidates. A reload builds a new Base and so a new cache.
type articleCache struct {
	htmlOnce sync.Once
	html     string
	relOnce  sync.Once
	related  []*Article

	centroidOnce sync.Once
	centroid     ngramVec // of its phrasings (articleCentroid)
}

func (b *Base) cacheOf(id string) *articleCache { return b.cache[id] }

// Warm computes ahead what the base otherwise computes for each article
// the first time a question needs it: its related candidates (a search),
// its n-gram centroid (compared with every question it is a hit for) and
// its HTML. Without it, the first question after a load answered with an
// article, or with it among its hits, waits for them: on the built-in
// base on the idle machine such a question took 0.7–3.6 ms instead of
// 0.15–0.7 ms, and on busy cores up to 12 ms. Only languages searched in
// one pass (fewer than twoPassDocs articles) are warmed, as only their
// terms are kept: on the built-in base it takes 0.13 s and 0.3 MB; a
// larger language would hold its centroids for every article. It stops
// when ctx ends, and is safe while the base is searched; it reports
// whether it went through every article.
func (b *Base) Warm(ctx context.Context) bool {
	if b == nil {
		return true
	}
	for _, a := range b.articles {
		if ctx.Err() != nil {
			return false
		}
		if b.docCount[a.Lang] >= b.twoPassDocs {
			continue
		}
		b.related(a.ID, 1, func(*Article) bool { return true })
		b.articleCentroid(a)
		b.HTML(a)
	}
	return true
}

// HTML returns article a of this base rendered for Telegram (RenderHTML),
// rendering it once.
func (b *Base) HTML(a *Article) string {
	c := b.cacheOf(a.ID)
	if c == nil || b.byID[a.ID] != a {
		return RenderHTML(a.Body) // not an article of this base
	}
	c.htmlOnce.Do(func() { c.html = RenderHTML(a.Body) })
	return c.html
}

// Related returns up to n other articles in the same language that are
// closest to the article id (by its title, questions and tags), visible to
// the same audience and university. It returns nil for an unknown id. The
// candidates are searched for once per article and base.
func (b *Base) Related(id string, n int) []*Article {
	return b.related(id, n, func(*Article) bool { return true })
}

// RelatedFor is Related restricted to the articles the asker of q may see
// (Visible): the related articles of a general article may include some
// for teachers only, which a student is not shown.
func (b *Base) RelatedFor(id string, n int, q Query) []*Article {
	return b.related(id, n, func(a *Article) bool { return Visible(a, q) })
}

func (b *Base) related(id string, n int, keep func(*Article) bool) []*Article {
	if b == nil || n <= 0 {
		return nil
	}
	c := b.cacheOf(id)
	if c == nil {
		return nil
	}
	c.relOnce.Do(func() { c.related = b.relatedCandidates(b.byID[id]) })
	var out []*Article
	for _, r := range c.related {
		if len(out) == n {
			break
		}
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// relatedCandidates searches for the articles closest to a.
func (b *Base) relatedCandidates(a *Article) []*Article {
	text := a.Title + "\n" + strings.Join(a.Questions, "\n") + "\n" + strings.Join(a.Tags, " ")
	q := Query{Text: text, Lang: a.Lang, University: a.University, Limit: relatedPool + 1}
	if a.Audience != "all" {
		q.Audience = a.Audience
	}
	words := b.queryWords(text, a.Lang)
	var out []*Article
	for _, h := range b.rank(words, ngramVec{}, a.Lang, q) {
		if h.Article.ID != a.ID && len(out) < relatedPool {
			out = append(out, h.Article)
		}
	}
	return out
}

// Visible reports whether the asker of q may be shown article a, by the
// same filters a search applies: an article for one audience only to that
// audience (when the asker's is known: student or teacher), an article of
// one university only to its people.
func Visible(a *Article, q Query) bool {
	if a.Audience != "all" && (q.Audience == "student" || q.Audience == "teacher") && a.Audience != q.Audience {
		return false
	}
	return a.University == "" || a.University == q.University
}
