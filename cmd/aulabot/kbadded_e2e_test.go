package main

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/store"
)

// TestAdded_LoadedAtStart: an article a coordinator added in /gaps (➕)
// answers after a restart: the bot loads the stored ones with its base at
// start, not only at the reload ➕ queues.
func TestAdded_LoadedAtStart(t *testing.T) {
	h := newHarness(t, nil)
	h.student(9701, "Ana", "unma")
	const asked = "Are there grants for distance students?"
	if m := h.say(9701, asked); strings.Contains(m.Text, "Yes: the grants office") {
		t.Fatalf("answered before the article was added: %q", m.Text)
	}
	k, err := knowledge.BuiltinService()
	if err != nil {
		t.Fatal(err)
	}
	name, data := k.Draft(aulabot.KBDraft{Title: asked, Lang: "en", Audience: aulabot.RoleStudent, University: "unma",
		Body: "Yes: the grants office opens the call in March."})
	h.stop()
	st, err := store.Open(h.Data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *store.Tx) error {
		a, err := tx.KeepDraft(1, aulabot.KBDraft{Title: asked, University: "unma"})
		if err != nil {
			return err
		}
		a.ID, a.Name, a.Data = strings.TrimSuffix(name, ".md"), name, data
		return tx.PutAdded(a)
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	h.start()
	if m := h.say(9701, asked); !strings.Contains(m.Text, "Yes: the grants office opens the call in March.") {
		t.Errorf("after the restart: %q", m.Text)
	}
}
