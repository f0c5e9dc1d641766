package store

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// TestAliasAuthorMigration: aliases stored with the id of the coordinator
// who curated them lose it, and keep everything else; one without it
// stays byte for byte.
func TestAliasAuthorMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := `{"key":"hay becas","text":"¿Hay becas?","lang":"es","uni":"unma","kind":"link","article":"becas","by":5001,"at":"2026-12-01T10:00:00Z"}`
	plain := `{"key":"x","text":"x","lang":"es","uni":"unma","kind":"dismiss","at":"2026-12-01T10:00:00Z"}`
	err = s.db.Update(func(btx *bolt.Tx) error {
		b := btx.Bucket([]byte(bAliases))
		if err := b.Put(aliasKey("unma", "es", "hay becas"), []byte(old)); err != nil {
			return err
		}
		return b.Put(aliasKey("unma", "es", "x"), []byte(plain))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(aliasAuthorMigration); err != nil {
		t.Fatal(err)
	}
	s.db.View(func(btx *bolt.Tx) error {
		b := btx.Bucket([]byte(bAliases))
		if v := string(b.Get(aliasKey("unma", "es", "hay becas"))); strings.Contains(v, "5001") || strings.Contains(v, `"by"`) {
			t.Errorf("the curator is still named: %s", v)
		}
		if v := string(b.Get(aliasKey("unma", "es", "x"))); v != plain {
			t.Errorf("an alias without a curator changed: %s", v)
		}
		return nil
	})
	var got []aulabot.KBAlias
	s.View(func(tx *Tx) error {
		return tx.Aliases(func(a aulabot.KBAlias) error { got = append(got, a); return nil })
	})
	want := aulabot.KBAlias{Key: "hay becas", Text: "¿Hay becas?", Lang: "es", University: "unma", Kind: aulabot.AliasLink, ArticleID: "becas",
		At: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	if len(got) != 2 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("aliases after the migration: %+v", got)
	}
}
