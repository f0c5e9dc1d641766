package knowledge

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/knowledge/llmfake"
)

// fakeVector puts texts about grades and about assignments on different axes.
func fakeVector(s string) []float32 {
	s = strings.ToLower(s)
	v := []float32{0.1, 0.1, 0.1}
	if strings.Contains(s, "grade") || strings.Contains(s, "mark") {
		v[0] = 1
	}
	if strings.Contains(s, "assignment") || strings.Contains(s, "homework") {
		v[1] = 1
	}
	return v
}

func newFake(t *testing.T) (*llmfake.Server, *LLM) {
	f := llmfake.New(t)
	f.SetVector(fakeVector)
	return f, NewLLM("test-key", f.URL(), "", "emb", 2*time.Second)
}

func testHits(t testing.TB) []Hit {
	b := loadTestBase(t)
	a1, _ := b.Article("moodle-entregar-tarea")
	a2, _ := b.Article("moodle-ver-notas")
	return []Hit{{Article: a1, Score: 2}, {Article: a2, Score: 1}}
}

func TestLLM_Answer(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		f, l := newFake(t)
		reply := "Abre la tarea y pulsa Enviar [1]. Tus notas están en Calificaciones [2][1]."
		f.SetReply(reply)
		got, err := l.Answer(context.Background(), "¿cómo entrego?", "es", false, testHits(t))
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != reply || len(got.Sources) != 2 || got.Sources[0].ID != "moodle-entregar-tarea" || got.Sources[1].ID != "moodle-ver-notas" {
			t.Errorf("got %+v", got)
		}
		system := f.Prompts()[0]
		for _, want := range []string{"[1] ¿Cómo entrego una tarea en Moodle?", "[2] ¿Dónde veo mis notas en Moodle?", "Answer in Spanish"} {
			if !strings.Contains(system, want) {
				t.Errorf("prompt lacks %q", want)
			}
		}
		if p := f.Prompts()[1]; p != "<question>\n¿cómo entrego?\n</question>" {
			t.Errorf("user message %q", p)
		}
	})
	for name, reply := range map[string]string{
		"ErrBadCitation/None":       "Abre la tarea y pulsa Enviar.",
		"ErrBadCitation/OutOfRange": "Pulsa Enviar [3].",
		"ErrBadCitation/Zero":       "Pulsa Enviar [0] [1].",
		"ErrBadCitation/Empty":      "",
	} {
		t.Run(name, func(t *testing.T) {
			f, l := newFake(t)
			f.SetReply(reply)
			if _, err := l.Answer(context.Background(), "q", "es", false, testHits(t)); !errors.Is(err, ErrBadCitation) {
				t.Errorf("got %v, want ErrBadCitation", err)
			}
		})
	}
	t.Run("ServerError", func(t *testing.T) {
		f, l := newFake(t)
		f.SetStatus(http.StatusInternalServerError)
		_, err := l.Answer(context.Background(), "q", "en", false, testHits(t))
		if err == nil || errors.Is(err, ErrBadCitation) {
			t.Errorf("got %v, want a server error", err)
		}
	})
	t.Run("Timeout", func(t *testing.T) {
		f, _ := newFake(t)
		f.Block(true)
		l := NewLLM("k", f.URL(), "m", "", 50*time.Millisecond)
		start := time.Now()
		_, err := l.Answer(context.Background(), "q", "en", false, testHits(t))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("got %v, want deadline exceeded", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %s", d)
		}
	})
	t.Run("NoHits", func(t *testing.T) {
		_, l := newFake(t)
		if _, err := l.Answer(context.Background(), "q", "en", false, nil); err == nil {
			t.Error("answer without articles")
		}
	})
}

type mapCache map[string][]float32

func (m mapCache) GetVector(h string) ([]float32, bool)  { v, ok := m[h]; return v, ok }
func (m mapCache) PutVector(h string, v []float32) error { m[h] = v; return nil }

func TestLLM_RankByEmbedding(t *testing.T) {
	f, l := newFake(t)
	b := loadTestBase(t)
	sub, _ := b.Article("moodle-submit-assignment")
	grades, _ := b.Article("moodle-grades")
	arts := []*Article{sub, grades}
	cache := mapCache{}
	hits, err := l.RankByEmbedding(context.Background(), "where are my marks", arts, cache)
	if err != nil {
		t.Fatal(err)
	}
	if hits[0].Article.ID != "moodle-grades" || len(cache) != 2 {
		t.Errorf("got %s, cache %d", ids(hits), len(cache))
	}
	if _, ok := cache[ContentHash(grades)]; !ok {
		t.Error("vector not cached under the content hash")
	}
	f.Forget()
	hits, err = l.RankByEmbedding(context.Background(), "homework upload", arts, cache)
	if err != nil || hits[0].Article.ID != "moodle-submit-assignment" {
		t.Fatalf("got %s %v", ids(hits), err)
	}
	if n := len(f.Embedded()); n != 1 {
		t.Errorf("embedded %d texts, want only the question (articles cached)", n)
	}
	if _, err := NewLLM("k", "http://127.0.0.1:1/v1", "", "", time.Second).Embed(context.Background(), []string{"x"}); !errors.Is(err, ErrNoEmbeddings) {
		t.Errorf("got %v, want ErrNoEmbeddings", err)
	}
}

func TestFuseRRF(t *testing.T) {
	mk := func(ids ...string) []Hit {
		var hs []Hit
		for _, id := range ids {
			hs = append(hs, Hit{Article: &Article{ID: id}})
		}
		return hs
	}
	got := FuseRRF(0, mk("a", "b", "c"), mk("c", "b", "d"))
	// c: 1/61+1/63 = 0.03227 > b: 2/62 = 0.03226 > a: 1/61 > d: 1/63
	if ids(got) != "c,b,a,d" {
		t.Errorf("got %s, want c,b,a,d", ids(got))
	}
	if len(FuseRRF(60)) != 0 {
		t.Error("fusing nothing gave hits")
	}
}

func TestLLM_Server(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"", "api.openai.com"},
		{"http://127.0.0.1:11434/v1", "127.0.0.1:11434"},
		{"https://user:secret@llm.example.edu/v1/", "llm.example.edu"},
	} {
		if got := NewLLM("k", tt.base, "", "", 0).Server(); got != tt.want {
			t.Errorf("Server() for %q = %q, want %q", tt.base, got, tt.want)
		}
	}
}

// TestLLM_SendsNoPersonalData: what a person typed leaves the process
// masked, as it is stored: no e-mail address, @username or long number
// reaches the model's server, in the chat request or as an embedding.
func TestLLM_SendsNoPersonalData(t *testing.T) {
	const question = "soy ana.perez@uni.edu.pe, @anaperez, DNI 45871236: no puedo entregar"
	personal := []string{"ana.perez@uni.edu.pe", "@anaperez", "45871236"}
	f, l := newFake(t)
	f.SetReply("Abre la tarea y pulsa Enviar [1].")
	if _, err := l.Answer(context.Background(), question, "es", false, testHits(t)); err != nil {
		t.Fatal(err)
	}
	b := loadTestBase(t)
	sub, _ := b.Article("moodle-submit-assignment")
	if _, err := l.RankByEmbedding(context.Background(), question, []*Article{sub}, mapCache{}); err != nil {
		t.Fatal(err)
	}
	sent := append(f.Prompts(), f.Embedded()...)
	if !slices.ContainsFunc(sent, func(s string) bool { return strings.Contains(s, "no puedo entregar") }) {
		t.Fatalf("the question was not sent at all: %q", sent)
	}
	for _, s := range sent {
		for _, p := range personal {
			if strings.Contains(s, p) {
				t.Errorf("%q sent to the model's server in %q", p, s)
			}
		}
	}
}
