package knowledge

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func art(id, lang, extra string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: Title " + id + "\nlang: " + lang + "\n" + extra + "---\nBody of " + id + "\n")}
}

func TestLoad(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		b, probs, err := Load(os.DirFS("testdata"), "kb")
		if err != nil || len(probs) > 0 {
			t.Fatalf("err %v problems %v", err, probs)
		}
		defer b.Close()
		var ids []string
		for _, a := range b.Articles() {
			ids = append(ids, a.ID)
		}
		want := "moodle-entregar-tarea moodle-grades moodle-submit-assignment moodle-ver-notas rubricas unsa-mesa-ayuda"
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("got %s, want %s (README.md must be skipped)", got, want)
		}
		if a, ok := b.Article("moodle-entregar-tarea"); !ok || a.File != "kb/es/moodle/entregar-tarea.md" || a.Translation != "moodle-submit-assignment" {
			t.Errorf("got %+v", a)
		}
	})
	t.Run("Problems", func(t *testing.T) {
		fsys := fstest.MapFS{
			"kb/es/a.md":           art("same", "es", ""),
			"kb/en/deep/er/b.md":   art("same", "en", ""),
			"kb/es/c.md":           art("c", "es", "translation: nowhere\n"),
			"kb/es/d.md":           art("d", "es", "color: red\n"),
			"kb/es/ok.md":          art("ok", "es", ""),
			"kb/es/notes.txt":      {Data: []byte("not markdown")},
			"kb/synonyms.yaml":     {Data: []byte("es: [[a, b]]\nfr: [[c, d]]\n")},
			"kb/es/sub/README.md":  {Data: []byte("# docs")},
			"kb/es/translated.md":  art("t", "es", "translation: ok2\n"),
			"kb/en/translation.md": art("ok2", "en", ""),
		}
		b, probs, err := Load(fsys, "kb")
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		var got []string
		for _, p := range probs {
			got = append(got, p.String())
		}
		want := []string{
			`kb/en/deep/er/b.md:1: duplicate id "same": also in kb/es/a.md`,
			`kb/es/a.md:1: duplicate id "same": also in kb/en/deep/er/b.md`,
			`kb/es/c.md:1: translation "nowhere" points to no article`,
			`kb/es/d.md:5: unknown key "color" (allowed: id, title, lang, audience, tags, questions, university, translation)`,
			`kb/synonyms.yaml:1: bad lang "fr" in synonyms: use es or en`,
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, id := range []string{"ok", "c", "t", "ok2"} {
			if _, ok := b.Article(id); !ok {
				t.Errorf("valid article %s not loaded", id)
			}
		}
		for _, id := range []string{"same", "d"} {
			if _, ok := b.Article(id); ok {
				t.Errorf("broken article %s loaded", id)
			}
		}
	})
	t.Run("BadSynonyms", func(t *testing.T) {
		_, probs, err := Load(fstest.MapFS{"synonyms.yaml": {Data: []byte("es: [a, b\n")}, "a.md": art("a", "es", "")}, ".")
		if err != nil || len(probs) != 1 || probs[0].File != "synonyms.yaml" {
			t.Errorf("err %v problems %v", err, probs)
		}
	})
}

func TestBuiltin(t *testing.T) {
	b, probs, err := Load(Builtin(), ".")
	if err != nil || len(probs) > 0 {
		t.Fatalf("built-in base: err %v problems %v", err, probs)
	}
	defer b.Close()
	n := map[string]int{}
	for _, a := range b.Articles() {
		n[a.Lang]++
	}
	if n["es"] < 20 || n["en"] < 20 {
		t.Errorf("built-in base has %v articles per language, want at least 20 each", n)
	}
}
