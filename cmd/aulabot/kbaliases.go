package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

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

// storedAdded reads the articles coordinators added from /gaps (stored in
// st), for the base to load.
func storedAdded(st *store.Store) ([]aulabot.KBAdded, error) {
	var as []aulabot.KBAdded
	if err := st.View(func(tx *store.Tx) error {
		return tx.Added(func(a aulabot.KBAdded) error { as = append(as, a); return nil })
	}); err != nil {
		return nil, fmt.Errorf("read the articles added from /gaps: %w", err)
	}
	return as, nil
}

// readCurated reads what coordinators curated in /gaps from the database
// at data, opened read-only (the bot must not be holding it): the aliases
// and the articles added to the base.
func readCurated(data string) ([]aulabot.KBAlias, []aulabot.KBAdded, error) {
	if _, err := os.Stat(data); err != nil {
		return nil, nil, fmt.Errorf("database %s: %w", data, err)
	}
	st, err := store.Open(data, store.Options{ReadOnly: true, Timeout: 300 * time.Millisecond})
	if err != nil {
		return nil, nil, fmt.Errorf("database %s (is the bot running? stop it first): %w", data, err)
	}
	defer st.Close()
	var (
		as    []aulabot.KBAlias
		added []aulabot.KBAdded
	)
	err = st.View(func(tx *store.Tx) error {
		if err := tx.Aliases(func(a aulabot.KBAlias) error { as = append(as, a); return nil }); err != nil {
			return err
		}
		return tx.Added(func(a aulabot.KBAdded) error { added = append(added, a); return nil })
	})
	return as, added, err
}

// printAliases lists what the database at data curated for kb check: the
// articles added in /gaps (noting those the folder now has), then the
// aliases, links to articles neither has marked as problems (exit 1).
func printAliases(b *knowledge.Base, data string, stdout, stderr io.Writer) int {
	as, added, err := readCurated(data)
	if err != nil {
		fmt.Fprintf(stderr, "aulabot kb check: %v\n", err)
		return 2
	}
	code := 0
	exists := map[string]bool{}
	for _, a := range added {
		exists[a.ID] = true
		mark := ""
		if _, ok := b.Article(a.ID); ok {
			mark = "  (the folder has this id: its article is used)"
		}
		fmt.Fprintf(stdout, "added in /gaps %s %s %q%s\n", orAll(a.Draft.University), a.ID, a.Draft.Title, mark)
	}
	count := map[string]int{}
	for _, a := range as {
		count[a.Kind]++
		switch a.Kind {
		case aulabot.AliasLink:
			mark := ""
			if _, ok := b.Article(a.ArticleID); !ok && !exists[a.ArticleID] {
				mark, code = "  (no such article)", 1
			}
			fmt.Fprintf(stdout, "alias %s %s %q -> %s%s\n", orAll(a.University), a.Lang, a.Text, a.ArticleID, mark)
		case aulabot.AliasOutOfScope:
			fmt.Fprintf(stdout, "out of scope %s %s %q\n", orAll(a.University), a.Lang, a.Text)
		}
	}
	fmt.Fprintf(stdout, "aliases: %d linked, %d out of scope, %d dismissed, %d proposed; articles added in /gaps: %d\n",
		count[aulabot.AliasLink], count[aulabot.AliasOutOfScope], count[aulabot.AliasDismiss], count[aulabot.AliasProposed], len(added))
	return code
}

func orAll(uni string) string {
	if uni == "" {
		return "all"
	}
	return uni
}

// kbAliasesExport writes the articles added in /gaps that the folder --kb
// lacks as its files (under knowledge.AddedDir), adds the phrasings linked
// in /gaps to the questions: of their articles, and reloads the folder to
// check the result.
func kbAliasesExport(args []string, stdout, stderr io.Writer) int {
	set, dir := kbFlags("aliases export", stderr)
	data := set.String("data", "aulabot.db", "bbolt database file")
	pos, err := parseInterspersed(set, args)
	if err != nil {
		return 2
	}
	if len(pos) > 0 || *dir == "" {
		fmt.Fprintf(stderr, "aulabot kb aliases export: --kb DIR is required, nothing else\n%s", kbUsage)
		return 2
	}
	b, probs, err := loadKB(*dir)
	if err != nil || len(probs) > 0 {
		fmt.Fprintf(stderr, "aulabot kb aliases export: %v %d problem(s); run aulabot kb check\n", err, len(probs))
		return 2
	}
	as, added, err := readCurated(*data)
	if err != nil {
		b.Close()
		fmt.Fprintf(stderr, "aulabot kb aliases export: %v\n", err)
		return 2
	}
	// The articles added in /gaps become files of the folder (the bot
	// then loads the folder's, of the same id), so that the aliases
	// linked to them are exported too.
	wrote := 0
	for _, a := range added {
		if _, ok := b.Article(a.ID); ok {
			continue
		}
		path := filepath.Join(*dir, knowledge.AddedDir, a.Name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Close()
			fmt.Fprintf(stderr, "aulabot kb aliases export: %v\n", err)
			return 2
		}
		if err := os.WriteFile(path, a.Data, 0o644); err != nil {
			b.Close()
			fmt.Fprintf(stderr, "aulabot kb aliases export: %v\n", err)
			return 2
		}
		fmt.Fprintf(stdout, "%s: article added in /gaps written\n", path)
		wrote++
	}
	if wrote > 0 {
		b.Close()
		if b, probs, err = loadKB(*dir); err != nil || len(probs) > 0 {
			fmt.Fprintf(stderr, "aulabot kb aliases export: the folder now has problems (%v, %d); run aulabot kb check\n", err, len(probs))
			return 1
		}
	}
	defer b.Close()
	byFile := map[string][]string{}
	var files []string
	for _, a := range as {
		art, ok := b.Article(a.ArticleID)
		if a.Kind != aulabot.AliasLink || !ok {
			continue
		}
		if _, seen := byFile[art.File]; !seen {
			files = append(files, art.File)
		}
		byFile[art.File] = append(byFile[art.File], a.Text)
	}
	total := 0
	for _, f := range files {
		path := filepath.Join(*dir, filepath.FromSlash(f))
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "aulabot kb aliases export: %v\n", err)
			return 2
		}
		out, n, err := knowledge.AddQuestions(src, byFile[f])
		if err != nil {
			fmt.Fprintf(stderr, "aulabot kb aliases export: %s: %v\n", path, err)
			return 2
		}
		if n == 0 {
			continue
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			fmt.Fprintf(stderr, "aulabot kb aliases export: %v\n", err)
			return 2
		}
		fmt.Fprintf(stdout, "%s: %d question(s) added\n", path, n)
		total += n
	}
	if _, probs, err := loadKB(*dir); err != nil || len(probs) > 0 {
		fmt.Fprintf(stderr, "aulabot kb aliases export: the folder now has problems (%v, %d); run aulabot kb check\n", err, len(probs))
		return 1
	}
	fmt.Fprintf(stdout, "exported %d alias(es)\n", total)
	return 0
}
