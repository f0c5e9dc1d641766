package knowledge

import (
	"slices"
	"strings"
	"testing"
)

func TestAddQuestions(t *testing.T) {
	const withList = "---\nid: a\ntitle: T\nlang: es\nquestions:\n  - como entrego\n  - entregar tarea\ntags: [x]\n---\nCuerpo.\n"
	const without = "---\nid: a\ntitle: T\nlang: es\n---\nCuerpo.\n"
	for _, c := range []struct {
		name, src string
		add       []string
		n         int
		want      []string
	}{
		{"append", withList, []string{"¿Cómo entrego?", "donde subo mi \"trabajo\"", "donde subo mi trabajo"}, 1,
			[]string{"como entrego", "entregar tarea", "donde subo mi \"trabajo\""}},
		{"new list", without, []string{"donde subo la tarea"}, 1, []string{"donde subo la tarea"}},
		{"nothing new", withList, []string{"Como entrego"}, 0, []string{"como entrego", "entregar tarea"}},
	} {
		out, n, err := AddQuestions([]byte(c.src), c.add)
		if err != nil || n != c.n {
			t.Fatalf("%s: %d, %v", c.name, n, err)
		}
		a, probs := parseArticle("a.md", out)
		if len(probs) > 0 || !slices.Equal(a.Questions, c.want) || strings.TrimSpace(a.Body) != "Cuerpo." {
			t.Errorf("%s: %q %v -> questions %q body %q", c.name, out, probs, a.Questions, a.Body)
		}
	}
	for _, bad := range []string{"no front matter", "---\nid: a\n", "---\nid: a\ntitle: T\nlang: es\nquestions: [a, b]\n---\nB\n"} {
		if _, _, err := AddQuestions([]byte(bad), []string{"x y"}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
