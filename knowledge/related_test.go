package knowledge

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/aulabot/aulabot"
)

// TestBase_RelatedOnce: many goroutines asking for the related articles
// and the HTML of every article of a fresh base get what a search for them
// gives, computed once per article and shared.
func TestBase_RelatedOnce(t *testing.T) {
	b, probs, err := Load(Builtin(), ".")
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v problems %v", err, probs)
	}
	defer b.Close()
	arts := b.Articles()
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for _, a := range arts {
				b.Related(a.ID, 2)
				b.HTML(a)
			}
		})
	}
	wg.Wait()
	for _, a := range arts {
		want := b.relatedCandidates(a)
		got := b.Related(a.ID, relatedPool)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: related %v, want %v", a.ID, titles(got), titles(want))
		}
		if h := b.HTML(a); h != RenderHTML(a.Body) {
			t.Fatalf("%s: cached HTML differs from a fresh rendering", a.ID)
		}
	}
	// The cache is the base's: the first call's slice is the one returned.
	a := arts[0]
	if first, again := b.Related(a.ID, 1), b.Related(a.ID, 1); len(first) == 1 && first[0] != again[0] {
		t.Error("related articles searched again")
	}
}

func titles(arts []*Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	return out
}

// visibilityBase has a general article, one for teachers only on the same
// topic, and one for one university.
func visibilityBase(t *testing.T) *Base {
	t.Helper()
	b, probs, err := Load(fstest.MapFS{
		"kb/general.md": {Data: []byte("---\nid: general\ntitle: Rubricas de evaluacion\nlang: es\naudience: all\nquestions:\n  - como se evalua con una rubrica\n---\nUna rubrica de evaluacion describe niveles.\n")},
		"kb/teacher.md": {Data: []byte("---\nid: teacher\ntitle: Disenar una rubrica de evaluacion\nlang: es\naudience: teacher\nquestions:\n  - como hago una rubrica de evaluacion\n---\nPara disenar una rubrica de evaluacion elige criterios.\n")},
		"kb/unsa.md":    {Data: []byte("---\nid: unsa\ntitle: Rubricas de evaluacion en la UNSA\nlang: es\naudience: all\nuniversity: unsa\nquestions:\n  - rubrica de evaluacion de la unsa\n---\nLa UNSA publica sus rubricas de evaluacion.\n")},
		"kb/other.md":   {Data: []byte("---\nid: other\ntitle: Horario de clases\nlang: es\n---\nEl horario de clases esta en el aula virtual.\n")},
	}, "kb")
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v problems %v", err, probs)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func TestBase_RelatedFor(t *testing.T) {
	b := visibilityBase(t)
	if got := titles(b.Related("general", 3)); !slices.Contains(got, "teacher") {
		t.Fatalf("related of general = %v, want the teachers' article among them", got)
	}
	tests := []struct {
		name  string
		q     Query
		allow []string
	}{
		{"Student", Query{Audience: "student", University: "unma"}, []string{"other"}},
		{"Teacher", Query{Audience: "teacher", University: "unma"}, []string{"teacher", "other"}},
		{"StudentOfUNSA", Query{Audience: "student", University: "unsa"}, []string{"unsa", "other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, a := range b.RelatedFor("general", 3, tt.q) {
				if !slices.Contains(tt.allow, a.ID) {
					t.Errorf("related %s shown to %+v", a.ID, tt.q)
				}
			}
		})
	}
}

func TestService_ArticleFilters(t *testing.T) {
	b := visibilityBase(t)
	lib := NewLibrary(func() (*Base, []Problem, error) { return b, nil, nil })
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	k := NewService(lib, nil, false, nil)
	tests := []struct {
		id   string
		q    aulabot.KBQuery
		want bool
	}{
		{"general", aulabot.KBQuery{Audience: "student", University: "unma"}, true},
		{"teacher", aulabot.KBQuery{Audience: "student", University: "unma"}, false}, // a teachers' article to a student
		{"teacher", aulabot.KBQuery{Audience: "teacher", University: "unma"}, true},
		{"unsa", aulabot.KBQuery{Audience: "teacher", University: "unma"}, false}, // another university's article
		{"unsa", aulabot.KBQuery{Audience: "student", University: "unsa"}, true},
		{"nope", aulabot.KBQuery{Audience: "teacher", University: "unsa"}, false},
	}
	for _, tt := range tests {
		a, ok := k.Article(tt.id, tt.q)
		if ok != tt.want || (ok && a.ID != tt.id) {
			t.Errorf("Article(%s) for %+v = %v, %v; want %v", tt.id, tt.q, a.ID, ok, tt.want)
		}
	}
	for _, a := range k.Related("general", 3, aulabot.KBQuery{Audience: "student", University: "unma"}) {
		if a.ID == "teacher" || a.ID == "unsa" {
			t.Errorf("related %s shown to a student of unma", a.ID)
		}
	}
	// A search never shows them either: the rule is the same.
	res := k.Search(context.Background(), aulabot.KBQuery{Text: "rubrica de evaluacion", Lang: "es", Audience: "student", University: "unma"})
	for _, a := range res.Articles {
		if a.ID == "teacher" || a.ID == "unsa" {
			t.Errorf("search showed %s to a student of unma", a.ID)
		}
	}
}

type pruneCache struct {
	mapCache
	mu sync.Mutex
}

func (p *pruneCache) PruneVectors(keep func(string) bool) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for h := range p.mapCache {
		if !keep(h) {
			delete(p.mapCache, h)
			n++
		}
	}
	return n, nil
}

// TestService_PrunesVectors: after a reload, the cached vectors of
// articles that changed or went are gone, those of the others stay.
func TestService_PrunesVectors(t *testing.T) {
	fsys := fstest.MapFS{"a.md": art("a", "es", ""), "b.md": art("b", "es", ""), "c.md": art("c", "es", "")}
	lib := NewLibrary(func() (*Base, []Problem, error) { return Load(fsys, ".") })
	cache := &pruneCache{mapCache: mapCache{"stale": {1}}}
	NewService(lib, nil, false, cache)
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	if _, ok := cache.mapCache["stale"]; ok {
		t.Fatal("a vector of no article survived the first load")
	}
	hash := map[string]string{}
	for _, id := range []string{"a", "b", "c"} {
		a, _ := lib.Current().Article(id)
		hash[id] = ContentHash(a)
		cache.mapCache[hash[id]] = []float32{1}
	}
	delete(fsys, "a.md")                                                                            // deleted
	fsys["c.md"] = &fstest.MapFile{Data: []byte("---\nid: c\ntitle: C\nlang: es\n---\nNew body\n")} // changed
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"a": false, "b": true, "c": false} {
		if _, ok := cache.mapCache[hash[id]]; ok != want {
			t.Errorf("vector of %s kept = %v, want %v", id, ok, want)
		}
	}
}
