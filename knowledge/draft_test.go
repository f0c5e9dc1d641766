package knowledge

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aulabot/aulabot"
)

// builtinWith is the built-in base's files with more added.
func builtinWith(t *testing.T, more fstest.MapFS) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(Builtin(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Builtin(), p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, f := range more {
		fsys[p] = f
	}
	return fsys
}

// A coordinator's answer to a gap, as a draft, is a file the folder's check
// takes as it is; added to the base, the question that was a gap is
// answered with it directly, for the askers' role and university.
func TestDraft_AnswersTheGapOnceAdded(t *testing.T) {
	k, err := BuiltinService()
	if err != nil {
		t.Fatal(err)
	}
	d := aulabot.KBDraft{
		Title: "¿Puedo usar H5P en mis   cuestionarios?", Lang: "es", Audience: aulabot.RoleTeacher, University: "unma",
		Questions: []string{"h5p en el aula virtual", "puedo usar H5P en mis cuestionarios?", "se puede poner h5p\nen un quiz"},
		Body:      "Sí: H5P está activado.\r\nEn el cuestionario, agregue una pregunta de tipo «Contenido interactivo».",
	}
	name, data := k.Draft(d)
	if name != "usar-h5p-cuestionarios.md" {
		t.Errorf("name %q", name)
	}
	a, probs := parseArticle(name, data)
	if len(probs) > 0 || a == nil {
		t.Fatalf("the draft has problems: %v\n%s", probs, data)
	}
	want := Article{ID: "usar-h5p-cuestionarios", Title: "¿Puedo usar H5P en mis cuestionarios?", Lang: "es", Audience: "teacher", University: "unma",
		Questions: []string{"h5p en el aula virtual", "se puede poner h5p en un quiz"},
		Body:      "Sí: H5P está activado.\nEn el cuestionario, agregue una pregunta de tipo «Contenido interactivo»."}
	if a.ID != want.ID || a.Title != want.Title || a.Lang != want.Lang || a.Audience != want.Audience || a.University != want.University ||
		!slices.Equal(a.Questions, want.Questions) || a.Body != want.Body {
		t.Errorf("parsed back:\n%+v\nwant\n%+v", *a, want)
	}

	lib := NewLibrary(func() (*Base, []Problem, error) {
		return Load(builtinWith(t, fstest.MapFS{"es/docentes/" + name: {Data: data}}), ".")
	})
	if probs, err := lib.Reload(); err != nil || len(probs) > 0 {
		t.Fatalf("the base with the draft: %v %v", err, probs)
	}
	added := NewService(lib, nil, false, nil)
	asker := aulabot.KBQuery{Lang: "es", Audience: aulabot.RoleTeacher, University: "unma"}
	for _, q := range []string{"¿Puedo usar H5P en mis cuestionarios?", "se puede poner h5p en un quiz"} {
		asker.Text = q
		if res := added.Search(context.Background(), asker); res.Confidence != "answer" || res.Articles[0].ID != want.ID {
			t.Errorf("%q with the draft: %s %+v", q, res.Confidence, res.Articles)
		}
	}
	// The draft is its university's: another's teacher is not shown it.
	asker.University, asker.Text = "unvs", "¿Puedo usar H5P en mis cuestionarios?"
	if res := added.Search(context.Background(), asker); len(res.Articles) > 0 && res.Articles[0].ID == want.ID {
		t.Errorf("another university's teacher got the draft: %+v", res)
	}
	// The language is the words' when they tell it, else the askers'.
	for _, c := range []struct{ lang, body, want string }{{"en", "Sí, hay becas para estudiantes.", "es"}, {"en", "Yes.", "en"}, {"es", "Yes, there is a grant for you.", "en"}} {
		if a, _ := parseArticle(k.Draft(aulabot.KBDraft{Title: "becas?", Lang: c.lang, Body: c.body})); a.Lang != c.want {
			t.Errorf("%q asked in %s: lang %s, want %s", c.body, c.lang, a.Lang, c.want)
		}
	}
	// A second draft of the same question, once the first is in the base,
	// gets another id.
	if name, _ := added.Draft(d); name != "usar-h5p-cuestionarios-2.md" {
		t.Errorf("second draft %q", name)
	}
}

func TestDraft_IDAndTitle(t *testing.T) {
	none := func(string) bool { return false }
	for _, c := range []struct{ title, lang, want string }{
		{"¿Dónde veo la grabación de la clase?", "es", "grabacion-clase"},
		{"How do I get a certificate of enrolment for my scholarship?", "en", "certificate-enrolment-scholarship"},
		{"¿?", "es", "articulo"},
		{"???", "en", "article"},
		{"Ωμέγα 東京 ok", "es", "ok"},
	} {
		if got := draftID(c.title, c.lang, none); got != c.want || len(got) > maxDraftID {
			t.Errorf("draftID(%q) = %q, want %q", c.title, got, c.want)
		}
	}
	for _, c := range []struct{ in, lang, want string }{
		{"hay becas?", "es", "¿Hay becas?"},
		{"¿cómo entro?", "es", "¿Cómo entro?"},
		{"¡ayuda!", "es", "¡Ayuda!"},
		{"how do I log in?", "en", "How do I log in?"},
		{"3 dudas sobre el examen?", "es", "¿3 dudas sobre el examen?"},
		{"ñandú", "es", "Ñandú"},
	} {
		if got := asTitle(c.in, c.lang); got != c.want {
			t.Errorf("asTitle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	taken := map[string]bool{"grabacion-clase": true, "grabacion-clase-2": true}
	if got := draftID("¿Dónde veo la grabación de la clase?", "es", func(id string) bool { return taken[id] }); got != "grabacion-clase-3" {
		t.Errorf("taken twice: %q", got)
	}
}

// FuzzDraft holds any coordinator's words and any phrasings to a file the
// folder's check takes, which reads back what was meant: the title and
// questions on one line each, the body as written.
func FuzzDraft(f *testing.F) {
	f.Add("¿Hay becas?", "becas: para quién", "Sí.\n---\nEscriba a bienestar@unma.edu.pe", "es", "student")
	f.Add("- no", "#yes", "  ", "en", "")
	f.Add("\"quoted\": 'x'", "a\tb\r\nc", "{lms_url}\r\n\r\n- list", "fr", "all")
	f.Fuzz(func(t *testing.T, title, question, body, lang, audience string) {
		title, question, body = strings.ToValidUTF8(title, "?"), strings.ToValidUTF8(question, "?"), strings.ToValidUTF8(body, "?")
		name, data := draftArticle(aulabot.KBDraft{Title: title, Lang: lang, Audience: audience, Questions: []string{question}, Body: body},
			func(string) bool { return false })
		a, probs := parseArticle(name, data)
		if a == nil || len(probs) > 0 {
			t.Fatalf("problems %v in\n%s", probs, data)
		}
		if a.ID+".md" != name || len(a.ID) > maxDraftID || strings.ContainsAny(a.ID, ": /") {
			t.Errorf("id %q, name %q", a.ID, name)
		}
		if want := oneLine(title); want != "" && strings.ToLower(strings.TrimPrefix(a.Title, "¿")) != strings.ToLower(strings.TrimPrefix(want, "¿")) {
			t.Errorf("title %q, want %q", a.Title, want)
		}
		q := oneLine(question)
		key := func(s string) string { return strings.ToLower(strings.TrimLeft(s, "¿¡")) }
		if wantQ := q != "" && key(q) != key(oneLine(title)); wantQ != slices.Equal(a.Questions, []string{q}) {
			t.Errorf("questions %q for %q", a.Questions, question)
		}
		if b := strings.TrimSpace(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(body)); b != "" && a.Body != b {
			t.Errorf("body %q, want %q", a.Body, b)
		}
	})
}

// TestLoad_Added: the articles added from /gaps load with the folder's;
// the folder's article wins on the same id (its file was put there), and
// one the folder's check would refuse, or a second of one id, is left
// out without stopping the load.
func TestLoad_Added(t *testing.T) {
	folder := fstest.MapFS{"tareas.md": {Data: []byte("---\nid: entregar-tarea\ntitle: ¿Cómo entrego una tarea?\nlang: es\naudience: all\n---\nPulse «Agregar entrega».\n")}}
	becas, becasData := draftArticle(aulabot.KBDraft{Title: "hay becas?", Lang: "es", Body: "Sí, en marzo."}, func(string) bool { return false })
	_, again := draftArticle(aulabot.KBDraft{Title: "hay becas?", Lang: "es", Body: "Otra respuesta."}, func(string) bool { return false })
	_, tarea := draftArticle(aulabot.KBDraft{ID: "entregar-tarea", Title: "entrego tarea?", Lang: "es", Body: "Palabras de la coordinación."}, nil)
	b, probs, err := Load(folder, ".",
		aulabot.KBAdded{Q: 1, Name: becas, Data: becasData},
		aulabot.KBAdded{Q: 2, Name: "entregar-tarea.md", Data: tarea},
		aulabot.KBAdded{Q: 3, Name: "roto.md", Data: []byte("---\nlang: xx\n---\n")},
		aulabot.KBAdded{Q: 4, Name: becas, Data: again},
		aulabot.KBAdded{Q: 5, Draft: aulabot.KBDraft{Title: "no añadido"}})
	if err != nil || len(probs) > 0 {
		t.Fatalf("load: %v %v", err, probs)
	}
	defer b.Close()
	if n := len(b.Articles()); n != 2 {
		t.Errorf("%d articles, want the folder's and the added one", n)
	}
	if a, ok := b.Article("becas"); !ok || a.Body != "Sí, en marzo." || a.File != "added/becas.md" {
		t.Errorf("the added article: %+v %v", a, ok)
	}
	if a, ok := b.Article("entregar-tarea"); !ok || a.Body != "Pulse «Agregar entrega»." {
		t.Errorf("the folder's article of the same id: %+v %v", a, ok)
	}
}
