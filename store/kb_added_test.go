package store_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// The articles added from /gaps: each draft kept is a new version of its
// gap's record; an added article's id belongs to one record at a time
// (another record adding it is a conflict until it is removed); only
// records with a file are listed for the base.
func TestStore_KBAdded(t *testing.T) {
	s, _ := open(t)
	update := func(fn func(tx *store.Tx) error) error {
		t.Helper()
		return s.Update(fn)
	}
	listed := func() (ids []string) {
		t.Helper()
		if err := s.View(func(tx *store.Tx) error {
			return tx.Added(func(a aulabot.KBAdded) error { ids = append(ids, a.ID); return nil })
		}); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	at := func(uni string) (qs []uint64) {
		t.Helper()
		if err := s.View(func(tx *store.Tx) error {
			return tx.AddedAt(uni, func(a aulabot.KBAdded) error { qs = append(qs, a.Q); return nil })
		}); err != nil {
			t.Fatal(err)
		}
		return qs
	}
	var a1, a2 aulabot.KBAdded
	if err := update(func(tx *store.Tx) (err error) {
		if _, err = tx.KeepDraft(1, aulabot.KBDraft{Title: "hay becas?", University: "unma", Body: "Sí."}); err != nil {
			return err
		}
		if a1, err = tx.KeepDraft(1, aulabot.KBDraft{Title: "hay becas?", University: "unma", Body: "Sí, en marzo."}); err != nil {
			return err
		}
		a2, err = tx.KeepDraft(2, aulabot.KBDraft{Title: "becas?", University: "unvs", Body: "No."})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if a1.Version != 2 || a1.Draft.Body != "Sí, en marzo." || a2.Version != 1 {
		t.Fatalf("drafts: %+v %+v", a1, a2)
	}
	if ids := listed(); len(ids) != 0 {
		t.Fatalf("drafts listed as added: %q", ids)
	}
	a1.ID, a1.Name, a1.Data = "becas", "becas.md", []byte("x")
	if err := update(func(tx *store.Tx) error { return tx.PutAdded(a1) }); err != nil {
		t.Fatal(err)
	}
	a2.ID, a2.Name, a2.Data = "becas", "becas.md", []byte("y")
	err := update(func(tx *store.Tx) error { return tx.PutAdded(a2) })
	if ae := (*aulabot.Error)(nil); !errors.As(err, &ae) || ae.Code != aulabot.ECONFLICT {
		t.Fatalf("a second record adding the same id: %v", err)
	}
	if ids := listed(); len(ids) != 1 || ids[0] != "becas" {
		t.Fatalf("listed %q", ids)
	}
	if unma, unvs := at("unma"), at("unvs"); !slices.Equal(unma, []uint64{1}) || len(unvs) != 0 {
		t.Errorf("added at unma %v, at unvs %v", unma, unvs)
	}
	// Removed, the id is free for another record; the draft stays.
	a1.Data = nil
	if err := update(func(tx *store.Tx) error { return tx.PutAdded(a1) }); err != nil {
		t.Fatal(err)
	}
	if err := update(func(tx *store.Tx) error { return tx.PutAdded(a2) }); err != nil {
		t.Fatalf("the id once removed: %v", err)
	}
	var kept aulabot.KBAdded
	if err := s.View(func(tx *store.Tx) (err error) { kept, _, err = tx.AddedArticle(1); return err }); err != nil {
		t.Fatal(err)
	}
	if kept.ID != "" || kept.Draft.Body != "Sí, en marzo." || kept.Version != 2 {
		t.Errorf("the removed record: %+v", kept)
	}
	if ids := listed(); len(ids) != 1 || ids[0] != "becas" {
		t.Errorf("listed %q", ids)
	}
	if unma, unvs, all := at("unma"), at("unvs"), at(""); len(unma) != 0 || !slices.Equal(unvs, []uint64{2}) || !slices.Equal(all, []uint64{2}) {
		t.Errorf("added at unma %v, at unvs %v, everywhere %v", unma, unvs, all)
	}
}
