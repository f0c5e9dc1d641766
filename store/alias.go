package store

import (
	"encoding/json"
	"fmt"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// Aliases curated from /gaps: university 0 lang 0 key -> aulabot.KBAlias.
const bAliases = "kb_aliases"

func aliasKey(university, lang, key string) []byte {
	k := append([]byte(university), 0)
	k = append(k, lang...)
	k = append(k, 0)
	return append(k, key...)
}

// PutAlias records a coordinator's decision on a phrasing, replacing any
// earlier one for the same university, language and key. A proposal never
// replaces a decision.
func (tx *Tx) PutAlias(a aulabot.KBAlias) error {
	k := aliasKey(a.University, a.Lang, a.Key)
	if a.Kind == aulabot.AliasProposed {
		var old aulabot.KBAlias
		if ok, err := tx.get(bAliases, k, &old); err != nil || (ok && old.Kind != aulabot.AliasProposed) {
			return err
		}
	}
	if a.At.IsZero() {
		a.At = tx.now
	}
	return tx.put(bAliases, k, a)
}

// Aliases calls fn for every alias, by university, language and key.
func (tx *Tx) Aliases(fn func(aulabot.KBAlias) error) error {
	return tx.bucket(bAliases).ForEach(func(_, v []byte) error {
		var a aulabot.KBAlias
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("decode %s: %w", bAliases, err)
		}
		return fn(a)
	})
}

// Alias returns the alias of a phrasing (its normalised key) in a
// university and language.
func (tx *Tx) Alias(university, lang, key string) (aulabot.KBAlias, bool, error) {
	var a aulabot.KBAlias
	ok, err := tx.get(bAliases, aliasKey(university, lang, key), &a)
	return a, ok, err
}

// DeleteAlias forgets the alias of a phrasing: it is searched as before
// and, unanswered, is a gap again.
func (tx *Tx) DeleteAlias(university, lang, key string) error {
	return tx.bucket(bAliases).Delete(aliasKey(university, lang, key))
}

// aliasAuthorMigration rewrites every alias without the id of the
// coordinator who curated it ("by"), which nothing read and which
// outlived that coordinator's /deletemydata (an alias is kept: it is the
// base's words, not the person's). Other fields stay as they were.
func aliasAuthorMigration(btx *bolt.Tx) error {
	b := btx.Bucket([]byte(bAliases))
	type kv struct{ k, v []byte }
	var todo []kv
	err := b.ForEach(func(k, v []byte) error {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("decode %s: %w", bAliases, err)
		}
		if _, ok := m["by"]; !ok {
			return nil
		}
		delete(m, "by")
		nv, err := json.Marshal(m)
		if err != nil {
			return err
		}
		todo = append(todo, kv{append([]byte(nil), k...), nv})
		return nil
	})
	if err != nil {
		return err
	}
	for _, x := range todo {
		if err := b.Put(x.k, x.v); err != nil {
			return err
		}
	}
	return nil
}
