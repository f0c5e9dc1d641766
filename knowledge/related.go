package knowledge

import "strings"

// Related returns up to n other articles in the same language that are
// closest to the article id (by its title, questions and tags), visible to
// the same audience and university. It returns nil for an unknown id.
func (b *Base) Related(id string, n int) []*Article {
	if b == nil || n <= 0 {
		return nil
	}
	a, ok := b.byID[id]
	if !ok {
		return nil
	}
	text := a.Title + "\n" + strings.Join(a.Questions, "\n") + "\n" + strings.Join(a.Tags, " ")
	q := Query{Text: text, Lang: a.Lang, University: a.University, Limit: n + 1}
	if a.Audience != "all" {
		q.Audience = a.Audience
	}
	words := b.queryWords(text, a.Lang)
	var out []*Article
	for _, h := range b.rank(words, a.Lang, q) {
		if h.Article.ID != id && len(out) < n {
			out = append(out, h.Article)
		}
	}
	return out
}
