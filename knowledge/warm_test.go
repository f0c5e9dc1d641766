package knowledge

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
)

// notDone reports whether any of an article's computed-once values
// (related candidates, centroid, HTML) has not been computed yet: a Once
// that already ran does not run the function given to it.
func notDone(c *articleCache) (missing []string) {
	c.relOnce.Do(func() { missing = append(missing, "related") })
	c.centroidOnce.Do(func() { missing = append(missing, "centroid") })
	c.htmlOnce.Do(func() { missing = append(missing, "html") })
	return missing
}

// Warm computes every article's related candidates, centroid and HTML
// before any question needs them, while questions are being searched,
// and gives what computing them on first need gives.
func TestBase_Warm(t *testing.T) {
	warm, probs, err := Load(Builtin(), ".")
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v problems %v", err, probs)
	}
	defer warm.Close()
	lazy, _, err := Load(Builtin(), ".")
	if err != nil {
		t.Fatal(err)
	}
	defer lazy.Close()

	var wg sync.WaitGroup
	wg.Go(func() {
		if !warm.Warm(context.Background()) {
			t.Error("Warm says it stopped early")
		}
	})
	for _, q := range []Query{{Text: "cómo entrego una tarea", Lang: "es"}, {Text: "how do I join a live class", Lang: "en"}} {
		wg.Go(func() {
			for range 20 {
				warm.Search(q)
			}
		})
	}
	wg.Wait()
	for _, a := range warm.Articles() {
		if missing := notDone(warm.cacheOf(a.ID)); len(missing) > 0 {
			t.Fatalf("%s: %v not computed by Warm", a.ID, missing)
		}
		lz := lazy.byID[a.ID]
		if got, want := warm.Related(a.ID, relatedPool), lazy.Related(a.ID, relatedPool); !slices.Equal(titles(got), titles(want)) {
			t.Errorf("%s: related %v warmed, %v on first need", a.ID, titles(got), titles(want))
		}
		if got, want := warm.articleCentroid(a), lazy.articleCentroid(lz); !slices.Equal(got.keys, want.keys) || !slices.Equal(got.vals, want.vals) {
			t.Errorf("%s: the warmed centroid differs from the one computed on first need", a.ID)
		}
		if warm.HTML(a) != lazy.HTML(lz) {
			t.Errorf("%s: the warmed HTML differs from the one rendered on first need", a.ID)
		}
	}
}

// Warm leaves alone a language searched in two passes (as many articles
// as twoPassDocs or more), whose centroids would cost memory for every
// article, and stops when its context ends.
func TestBase_WarmOnlySmallLanguages(t *testing.T) {
	doc := func(id, lang, title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: " + title + "\nlang: " + lang + "\n---\n" + title + ".\n")}
	}
	b, probs, err := Load(fstest.MapFS{
		"a.md": doc("a", "es", "Entregar una tarea"),
		"b.md": doc("b", "es", "Entregar un examen"),
		"c.md": doc("c", "en", "Submit an assignment"),
	}, ".")
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v problems %v", err, probs)
	}
	defer b.Close()
	b.twoPassDocs = 2 // Spanish, with 2 articles, is now searched in two passes; English is not
	b.Warm(context.Background())
	for _, a := range b.Articles() {
		missing := notDone(b.cacheOf(a.ID))
		if a.Lang == "es" && len(missing) != 3 {
			t.Fatalf("%s (es, two passes): computed all but %v, want none computed", a.ID, missing)
		}
		if a.Lang == "en" && len(missing) > 0 {
			t.Fatalf("%s (en, one pass): %v not computed", a.ID, missing)
		}
	}

	stopped, _, err := Load(Builtin(), ".")
	if err != nil {
		t.Fatal(err)
	}
	defer stopped.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if stopped.Warm(ctx) {
		t.Error("Warm with its context ended says it went through every article")
	}
	for _, a := range stopped.Articles() {
		if missing := notDone(stopped.cacheOf(a.ID)); len(missing) != 3 {
			t.Fatalf("%s: computed by a Warm whose context had ended (missing only %v)", a.ID, missing)
		}
	}
}
