package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// copyDir copies the files of src into a new temporary folder.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestRunKB_Aliases: kb check --data lists the aliases curated in /gaps
// (a link to an article the folder lacks is a problem), and kb aliases
// export adds the linked phrasings to their articles' questions:, after
// which the folder's own search answers them directly.
func TestRunKB_Aliases(t *testing.T) {
	dir := copyDir(t, testKB)
	db := filepath.Join(t.TempDir(), "aulabot.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const phrasing = "el sistema me rebota el documento"
	err = st.Update(func(tx *store.Tx) error {
		for _, a := range []aulabot.KBAlias{
			{Key: aulabot.AliasKey(phrasing), Text: phrasing, Lang: "es", University: "unma", Kind: aulabot.AliasLink, ArticleID: "moodle-entregar-tarea"},
			{Key: "horario del gimnasio", Text: "horario del gimnasio", Lang: "es", University: "unma", Kind: aulabot.AliasOutOfScope},
			{Key: "x", Text: "x", Lang: "es", Kind: aulabot.AliasDismiss},
		} {
			if err := tx.PutAlias(a); err != nil {
				return err
			}
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := runKBTest("check", "--kb", dir, "--data", db)
	if code != 0 || !strings.Contains(out, `alias unma es "`+phrasing+`" -> moodle-entregar-tarea`) ||
		!strings.Contains(out, `out of scope unma es "horario del gimnasio"`) || !strings.Contains(out, "aliases: 1 linked, 1 out of scope, 1 dismissed, 0 proposed") {
		t.Errorf("check: exit %d, out %q", code, out)
	}
	if code, out, _ := runKBTest("search", "--kb", dir, phrasing); code != 0 || strings.HasPrefix(out, "confidence: answer") {
		t.Fatalf("before export the folder answers %q: %q", phrasing, out)
	}
	code, out, errOut := runKBTest("aliases", "export", "--kb", dir, "--data", db)
	if code != 0 || !strings.Contains(out, "exported 1 alias(es)") {
		t.Fatalf("export: exit %d, out %q, err %q", code, out, errOut)
	}
	if code, out, _ := runKBTest("search", "--kb", dir, phrasing); code != 0 || !strings.HasPrefix(out, "confidence: answer\n1. moodle-entregar-tarea") {
		t.Errorf("after export %q: %q", phrasing, out)
	}
	// A second export adds nothing; a missing database is an error.
	if _, out, _ := runKBTest("aliases", "export", "--kb", dir, "--data", db); !strings.Contains(out, "exported 0 alias(es)") {
		t.Errorf("second export: %q", out)
	}
	if code, _, errOut := runKBTest("aliases", "export", "--kb", dir, "--data", filepath.Join(dir, "none.db")); code != 2 || errOut == "" {
		t.Errorf("missing database: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runKBTest("aliases", "export", "--data", db); code != 2 || !strings.Contains(errOut, "--kb DIR is required") {
		t.Errorf("no --kb: exit %d, %q", code, errOut)
	}
}

// TestRunKB_Added: an article added in /gaps (➕) is listed by kb check
// --data, and a phrasing linked to it is no problem though the folder
// lacks it; kb search --data finds it for its university's askers only;
// kb aliases export writes it into the folder, whose own search then
// answers the phrasing with it.
func TestRunKB_Added(t *testing.T) {
	dir := copyDir(t, testKB)
	db := filepath.Join(t.TempDir(), "aulabot.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const phrasing = "hay becas para estudiantes a distancia"
	article := "---\nid: becas-estudiantes-distancia\ntitle: ¿Hay becas para estudiantes a distancia?\nlang: es\naudience: student\nuniversity: unma\n---\nSí: la convocatoria abre en marzo.\n"
	err = st.Update(func(tx *store.Tx) error {
		a, err := tx.KeepDraft(7, aulabot.KBDraft{Title: phrasing, Lang: "es", University: "unma", Body: "Sí: la convocatoria abre en marzo."})
		if err != nil {
			return err
		}
		a.ID, a.Name, a.Data = "becas-estudiantes-distancia", "becas-estudiantes-distancia.md", []byte(article)
		if err := tx.PutAdded(a); err != nil {
			return err
		}
		return tx.PutAlias(aulabot.KBAlias{Key: aulabot.AliasKey(phrasing), Text: phrasing, Lang: "es", University: "unma", Kind: aulabot.AliasLink, ArticleID: a.ID})
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := runKBTest("check", "--kb", dir, "--data", db)
	if code != 0 || !strings.Contains(out, `added in /gaps unma becas-estudiantes-distancia "`+phrasing+`"`+"\n") ||
		strings.Contains(out, "no such article") || !strings.Contains(out, "articles added in /gaps: 1") {
		t.Errorf("check: exit %d, out %q", code, out)
	}
	// kb search --data finds it as the bot does: for unma's askers only.
	if code, out, _ := runKBTest("search", "--kb", dir, "--data", db, "--university", "unma", phrasing); code != 0 || !strings.HasPrefix(out, "confidence: answer\n1. becas-estudiantes-distancia") {
		t.Errorf("search --data --university unma %q: %q", phrasing, out)
	}
	for _, args := range [][]string{{"--data", db}, {"--data", db, "--university", "unvs"}, {"--university", "unma"}} {
		if _, out, _ := runKBTest(append(append([]string{"search", "--kb", dir}, args...), phrasing)...); strings.Contains(out, "becas-estudiantes-distancia") {
			t.Errorf("search %q %q: %q", args, phrasing, out)
		}
	}
	code, out, errOut := runKBTest("aliases", "export", "--kb", dir, "--data", db)
	if code != 0 || !strings.Contains(out, filepath.Join(dir, "added", "becas-estudiantes-distancia.md")+": article added in /gaps written") ||
		!strings.Contains(out, "exported 1 alias(es)") {
		t.Fatalf("export: exit %d, out %q, err %q", code, out, errOut)
	}
	if code, out, _ := runKBTest("search", "--kb", dir, "--university", "unma", phrasing); code != 0 || !strings.HasPrefix(out, "confidence: answer\n1. becas-estudiantes-distancia") {
		t.Errorf("after export %q: %q", phrasing, out)
	}
	if _, out, _ := runKBTest("check", "--kb", dir, "--data", db); !strings.Contains(out, "(the folder has this id: its article is used)") {
		t.Errorf("check after export: %q", out)
	}
}
