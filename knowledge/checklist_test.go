package knowledge_test

import (
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge"
)

// Each item of the built-in checklist of moving a course online links to
// an article of the built-in base, in Spanish and in English, written for
// teachers.
func TestBuiltinChecklistArticles(t *testing.T) {
	b, _, err := knowledge.Load(knowledge.Builtin(), ".")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, it := range aulabot.BuiltinChecklist {
		for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
			id := it.ArticleFor(lang)
			a, ok := b.Article(id)
			if !ok {
				t.Errorf("item %s (%s): no article %q", it.ID, lang, id)
				continue
			}
			if a.Lang != lang || a.Audience == "student" {
				t.Errorf("item %s (%s): article %q is %s for %s", it.ID, lang, id, a.Lang, a.Audience)
			}
		}
	}
}
