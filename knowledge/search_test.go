package knowledge

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// loadTestBase returns the small base in testdata/kb, shared by the tests.
var loadTestBase = sharedBase("testdata/kb", func() (*Base, []Problem, error) { return Load(os.DirFS("testdata"), "kb") })

// builtinBase returns the built-in base, loaded once for the tests that
// only read it (about 1.5 s a load under the race detector). The tests of
// the load, the warming and what is computed once per base load their own.
var builtinBase = sharedBase("built-in base", func() (*Base, []Problem, error) { return Load(Builtin(), ".") })

// sharedBase returns the base load gives, loaded the first time it is
// asked for and then shared (a Base is immutable and safe for concurrent
// use); name says which in the panic of a load that fails.
func sharedBase(name string, load func() (*Base, []Problem, error)) func(testing.TB) *Base {
	var once sync.Once
	var b *Base
	return func(t testing.TB) *Base {
		t.Helper()
		once.Do(func() {
			var probs []Problem
			var err error
			if b, probs, err = load(); err != nil || len(probs) > 0 {
				panic(fmt.Sprint(name, ": ", err, probs))
			}
		})
		return b
	}
}

func ids(hits []Hit) string {
	var s []string
	for _, h := range hits {
		s = append(s, h.Article.ID)
	}
	return strings.Join(s, ",")
}

func TestBase_Search(t *testing.T) {
	b := loadTestBase(t)
	tests := []struct {
		name string
		q    Query
		conf Confidence
		top  string
	}{
		{"ExactTitle", Query{Text: "¿Cómo entrego una tarea en Moodle?", Lang: "es", Audience: "student"}, ConfidenceAnswer, "moodle-entregar-tarea"},
		{"OtherWayOfAsking", Query{Text: "no puedo subir mi tarea", Lang: "es"}, ConfidenceAnswer, "moodle-entregar-tarea"},
		{"PhoneTyped", Query{Text: "como entrgo una tarae en moodle", Lang: "es"}, ConfidenceAnswer, "moodle-entregar-tarea"},
		{"Synonym", Query{Text: "donde veo mi calificacion", Lang: "es"}, ConfidenceAnswer, "moodle-ver-notas"},
		{"SynonymPhrase", Query{Text: "entregar tarea en el aula virtual", Lang: "es"}, ConfidenceAnswer, "moodle-entregar-tarea"},
		{"English", Query{Text: "how do I submit an assignment", Lang: "en"}, ConfidenceAnswer, "moodle-submit-assignment"},
		{"FallbackToOtherLanguage", Query{Text: "how do I submit my homework", Lang: "es"}, ConfidenceAnswer, "moodle-submit-assignment"},
		{"TeacherSeesTeacherArticles", Query{Text: "rúbrica de evaluación", Lang: "es", Audience: "teacher"}, ConfidenceAnswer, "rubricas"},
		{"UniversityArticle", Query{Text: "mesa de ayuda del aula virtual", Lang: "es", University: "unsa"}, ConfidenceAnswer, "unsa-mesa-ayuda"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Search(tt.q)
			if r.Confidence != tt.conf || len(r.Hits) == 0 || r.Hits[0].Article.ID != tt.top {
				t.Errorf("got %s %s, want %s with %s first", r.Confidence, ids(r.Hits), tt.conf, tt.top)
			}
		})
	}
	t.Run("StudentDoesNotSeeTeacherArticles", func(t *testing.T) {
		r := b.Search(Query{Text: "rúbrica de evaluación", Lang: "es", Audience: "student"})
		if strings.Contains(ids(r.Hits), "rubricas") {
			t.Errorf("got %s", ids(r.Hits))
		}
	})
	t.Run("OtherUniversityDoesNotSeeIt", func(t *testing.T) {
		for _, uni := range []string{"", "unsaac"} {
			r := b.Search(Query{Text: "mesa de ayuda del aula virtual", Lang: "es", University: uni})
			if strings.Contains(ids(r.Hits), "unsa-mesa-ayuda") {
				t.Errorf("university %q: got %s", uni, ids(r.Hits))
			}
		}
	})
	t.Run("Limit", func(t *testing.T) {
		r := b.Search(Query{Text: "moodle", Lang: "es", Limit: 1})
		if len(r.Hits) != 1 {
			t.Errorf("got %d hits, want 1", len(r.Hits))
		}
	})
	t.Run("Shown", func(t *testing.T) {
		hits := []Hit{{specific: 1}, {specific: 1}, {specific: 1}, {specific: 1}}
		for conf, want := range map[Confidence]int{ConfidenceAnswer: 1, ConfidenceSuggest: 3, ConfidenceNone: 0} {
			if got := len(Result{Confidence: conf, Hits: hits}.Shown()); got != want {
				t.Errorf("%s: got %d shown, want %d", conf, got, want)
			}
		}
	})
}

func TestBase_Search_BadInput(t *testing.T) {
	b := loadTestBase(t)
	for name, text := range map[string]string{
		"Empty":       "",
		"Spaces":      "   \n\t ",
		"Huge":        strings.Repeat("zqxw ", 1000),
		"Emoji":       "🙂🙂🙂 👍",
		"OtherScript": "Привет, как дела? 你好吗",
		"StopWords":   "¿qué es lo que el de la?",
		"HTML":        "<script>alert('x')</script><b onclick=x>",
		"Markdown":    "**[x](javascript:alert(1))** `rm -rf` # ##",
		"Control":     "\x00\x01\u202e\ufffd",
		"Punctuation": "?!¿¡...,,,;;;",
	} {
		t.Run(name, func(t *testing.T) {
			r := b.Search(Query{Text: text, Lang: "es"})
			if r.Confidence != ConfidenceNone {
				t.Errorf("got %s %s, want none", r.Confidence, ids(r.Hits))
			}
		})
	}
	t.Run("NilBase", func(t *testing.T) {
		var nb *Base
		if r := nb.Search(Query{Text: "tarea"}); r.Confidence != ConfidenceNone {
			t.Errorf("got %s", r.Confidence)
		}
	})
}

// TestBM25 proves the index scores with BM25: bleve's explanation of a
// score names the model it used (TF-IDF is bleve's default).
func TestBM25(t *testing.T) {
	b := loadTestBase(t)
	req := bleve.NewSearchRequest(termQuery(b.stemOf("es", "tarea"), bodyField("es")))
	req.Explain = true
	res, err := b.idx.Search(req)
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("err %v hits %d", err, len(res.Hits))
	}
	if expl := res.Hits[0].Expl.String(); !strings.Contains(expl, "as per "+index.BM25Scoring+" model") {
		t.Errorf("explanation does not name BM25:\n%s", expl)
	}
}

func TestBase_Related(t *testing.T) {
	b := loadTestBase(t)
	got := b.Related("moodle-entregar-tarea", 2)
	if len(got) == 0 || len(got) > 2 {
		t.Fatalf("got %d related", len(got))
	}
	for _, a := range got {
		if a.ID == "moodle-entregar-tarea" || a.Lang != "es" {
			t.Errorf("related includes %s (%s)", a.ID, a.Lang)
		}
		if a.Audience == "teacher" {
			t.Errorf("student article relates to teacher article %s", a.ID)
		}
	}
	if b.Related("nope", 3) != nil {
		t.Error("unknown id has related articles")
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "no puedo subir mi tarea", "🙂", "<b>x</b>", "tarea tarea tarea", "Привет", "a\x00b", strings.Repeat("x", 2000)} {
		f.Add(s, "es", "student")
	}
	f.Add("how do I submit", "en", "teacher")
	f.Add("x", "zz", "")
	b := loadTestBase(f)
	f.Fuzz(func(t *testing.T, text, lang, audience string) {
		r := b.Search(Query{Text: text, Lang: lang, Audience: audience, Limit: 3})
		switch r.Confidence {
		case ConfidenceAnswer, ConfidenceSuggest:
			if len(r.Hits) == 0 {
				t.Fatalf("%s with no hits", r.Confidence)
			}
		case ConfidenceNone:
		default:
			t.Fatalf("bad confidence %q", r.Confidence)
		}
		if len(r.Hits) > 3 {
			t.Fatalf("%d hits over the limit", len(r.Hits))
		}
	})
}

// TestBase_Search_Coverage: an article with every word of the question
// comes before one that repeats only some of them.
func TestBase_Search_Coverage(t *testing.T) {
	b, probs, err := Load(fstest.MapFS{
		"kb/a.md": {Data: []byte("---\nid: a\ntitle: La selva\nlang: es\n---\nLa selva amazonica es enorme, con rios, lagos, pueblos y caminos que cruzan la selva.\n")},
		"kb/b.md": {Data: []byte("---\nid: b\ntitle: Los bosques\nlang: es\n---\nLos bosques guardan carbono en sus troncos durante siglos, " +
			"y los incendios de la selva lo devuelven al aire en toda la cuenca amazonica.\n")},
		"kb/c.md": {Data: []byte("---\nid: c\ntitle: Otra cosa\nlang: es\n---\nNada que ver con esto, solo texto de relleno para el indice.\n")},
	}, "kb")
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v problems %v", err, probs)
	}
	defer b.Close()
	r := b.Search(Query{Text: "carbono de la selva amazonica", Lang: "es"})
	if got := ids(r.Hits); got != "b,a" {
		t.Errorf("got %s, want b,a", got)
	}
}
