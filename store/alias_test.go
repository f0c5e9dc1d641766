package store_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func aliases(t *testing.T, s *store.Store) map[string]aulabot.KBAlias {
	t.Helper()
	out := map[string]aulabot.KBAlias{}
	if err := s.View(func(tx *store.Tx) error {
		return tx.Aliases(func(a aulabot.KBAlias) error { out[a.University+"/"+a.Lang+"/"+a.Key] = a; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStore_Aliases: one alias per university, language and phrasing, the
// latest decision winning; a proposal never replaces a decision.
func TestStore_Aliases(t *testing.T) {
	s, _ := open(t)
	put := func(a aulabot.KBAlias) {
		t.Helper()
		if err := s.Update(func(tx *store.Tx) error { return tx.PutAlias(a) }); err != nil {
			t.Fatal(err)
		}
	}
	put(aulabot.KBAlias{Key: "horario tutoria", University: "unma", Lang: "es", Kind: aulabot.AliasProposed, ArticleID: "a"})
	put(aulabot.KBAlias{Key: "horario tutoria", University: "unma", Lang: "es", Kind: aulabot.AliasLink, ArticleID: "b"})
	put(aulabot.KBAlias{Key: "horario tutoria", University: "unma", Lang: "es", Kind: aulabot.AliasProposed, ArticleID: "c"})
	put(aulabot.KBAlias{Key: "horario tutoria", University: "unvs", Lang: "es", Kind: aulabot.AliasDismiss})
	put(aulabot.KBAlias{Key: "horario tutoria", University: "unma", Lang: "en", Kind: aulabot.AliasOutOfScope})
	got := aliases(t, s)
	if len(got) != 3 {
		t.Fatalf("%d aliases: %+v", len(got), got)
	}
	if a := got["unma/es/horario tutoria"]; a.Kind != aulabot.AliasLink || a.ArticleID != "b" || a.At.IsZero() {
		t.Errorf("unma es = %+v, want the link to b", a)
	}
	if got["unvs/es/horario tutoria"].Kind != aulabot.AliasDismiss || got["unma/en/horario tutoria"].Kind != aulabot.AliasOutOfScope {
		t.Errorf("other slots = %+v", got)
	}
}

// TestStore_AliasesConcurrent: coordinators curating at once lose nothing.
func TestStore_AliasesConcurrent(t *testing.T) {
	s, _ := open(t)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			a := aulabot.KBAlias{Key: fmt.Sprintf("q %d", i), University: "unma", Lang: "es", Kind: aulabot.AliasLink, ArticleID: "x"}
			if err := s.Update(func(tx *store.Tx) error { return tx.PutAlias(a) }); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := len(aliases(t, s)); n != 20 {
		t.Errorf("%d aliases, want 20", n)
	}
}
