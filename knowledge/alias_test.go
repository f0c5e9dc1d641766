package knowledge

import (
	"context"
	"sync"
	"testing"

	"github.com/aulabot/aulabot"
)

// TestService_Aliases: a linked phrasing is answered directly at once,
// only for its university and language; an out-of-scope one gets
// OutOfScope with the help desk; a proposal changes nothing; searches
// running while the aliases change see the old or the new ones.
func TestService_Aliases(t *testing.T) {
	k, err := BuiltinService()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const q = "cuando abren las becas de comedor"
	ask := func(text, uni string) aulabot.KBResult {
		return k.Search(ctx, aulabot.KBQuery{Text: text, Lang: "es", Audience: "student", University: uni})
	}
	if r := ask(q, "unma"); r.Confidence != "none" {
		t.Fatalf("before: %s", r.Confidence)
	}
	k.SetAliases([]aulabot.KBAlias{
		{Key: aulabot.AliasKey(q), University: "unma", Lang: "es", Kind: aulabot.AliasLink, ArticleID: "pedir-ayuda-docente"},
		{Key: "radio universitaria", University: "unma", Lang: "es", Kind: aulabot.AliasOutOfScope},
		{Key: "horario del gimnasio", University: "unma", Lang: "es", Kind: aulabot.AliasProposed, ArticleID: "pedir-ayuda-docente"},
	})
	if r := ask("¿Cuándo abren las becas de comedor?", "unma"); r.Confidence != "answer" || len(r.Articles) != 1 || r.Articles[0].ID != "pedir-ayuda-docente" {
		t.Errorf("linked: %+v", r)
	}
	if r := ask(q, "unvs"); r.Confidence != "none" {
		t.Errorf("another university: %s", r.Confidence)
	}
	if r := ask("radio universitaria", "unma"); !r.OutOfScope || r.Confidence != "none" || r.HelpDesk == nil || r.HelpDesk.ID != "unma-mesa-de-ayuda" {
		t.Errorf("out of scope: %+v", r)
	}
	if r := ask("horario del gimnasio", "unma"); r.Confidence == "answer" {
		t.Errorf("a proposal answered: %+v", r)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 20 {
				if i%2 == 0 {
					k.SetAliases(nil)
				} else if r := ask(q, "unma"); r.Confidence == "suggest" {
					t.Errorf("mid-change: %s", r.Confidence)
				}
			}
		})
	}
	wg.Wait()
}

// TestService_AliasesOtherLanguage: a phrasing linked from a question
// written in the other language than its asker's (an English-profile
// teacher's Spanish, searched and curated in Spanish) answers everyone
// who types it in that language, whatever their profile; a link stored
// under the other profile language with an article of the language the
// words are not written in, or words of both languages, does not.
func TestService_AliasesOtherLanguage(t *testing.T) {
	k, err := BuiltinService()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const es, en = "cuando abren las becas de comedor", "when do the canteen grants open"
	ask := func(text, lang string) aulabot.KBResult {
		return k.Search(ctx, aulabot.KBQuery{Text: text, Lang: lang, Audience: "student", University: "unma"})
	}
	for _, q := range []struct{ text, lang string }{{es, "es"}, {es, "en"}, {en, "es"}, {en, "en"}, {"moodle", "en"}} {
		if r := ask(q.text, q.lang); r.Confidence == "answer" {
			t.Fatalf("before: %q (%s) answered: %+v", q.text, q.lang, r)
		}
	}
	k.SetAliases([]aulabot.KBAlias{
		// Spanish words of an English-profile asker, linked to a Spanish article.
		{Key: aulabot.AliasKey(es), University: "unma", Lang: "en", Kind: aulabot.AliasLink, ArticleID: "pedir-ayuda-docente"},
		// English words of an English-profile asker, linked to an English article.
		{Key: aulabot.AliasKey(en), University: "unma", Lang: "en", Kind: aulabot.AliasLink, ArticleID: "ask-teacher-for-help"},
		// A word of both languages, from a Spanish-profile asker, linked to a Spanish article.
		{Key: "moodle", University: "unma", Lang: "es", Kind: aulabot.AliasLink, ArticleID: "moodle-no-puedo-ingresar"},
	})
	for _, c := range []struct {
		text, lang, want string
	}{
		{es, "en", "pedir-ayuda-docente"},  // its own asker's language, as before
		{es, "es", "pedir-ayuda-docente"},  // a Spanish-profile asker of the same Spanish words
		{en, "en", "ask-teacher-for-help"}, // as before
		{en, "es", "ask-teacher-for-help"}, // a Spanish-profile asker writing English
		{"moodle", "es", "moodle-no-puedo-ingresar"},
		{"moodle", "en", ""}, // not written in Spanish: the Spanish link is not the English asker's
	} {
		r := ask(c.text, c.lang)
		got := ""
		if r.Confidence == "answer" && len(r.Articles) == 1 {
			got = r.Articles[0].ID
		}
		if c.want == "" && got != "" || c.want != "" && got != c.want {
			t.Errorf("%q asked with an %s profile: %q (%s), want %q", c.text, c.lang, got, r.Confidence, c.want)
		}
	}
}
