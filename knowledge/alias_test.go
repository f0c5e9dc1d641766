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
