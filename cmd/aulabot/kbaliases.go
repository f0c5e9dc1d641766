package main

import (
	"fmt"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/store"
)

// loadAliases puts the aliases curated in /gaps (stored in st) in use in
// kb at start-up; /gaps refreshes them after each change.
func loadAliases(st *store.Store, kb *knowledge.Service) error {
	var as []aulabot.KBAlias
	if err := st.View(func(tx *store.Tx) error {
		return tx.Aliases(func(a aulabot.KBAlias) error { as = append(as, a); return nil })
	}); err != nil {
		return fmt.Errorf("read knowledge base aliases: %w", err)
	}
	kb.SetAliases(as)
	return nil
}
