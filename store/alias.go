package store

import (
	"encoding/json"
	"fmt"

	"github.com/aulabot/aulabot"
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
