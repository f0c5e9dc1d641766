package knowledge

import (
	"strings"
	"testing"
)

func TestParseArticle(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		src := "---\nid: a1\ntitle: ¿Cómo entrego?\nlang: es\naudience: student\ntags: [moodle, tareas]\nquestions:\n  - no puedo subir\nuniversity: unsa\ntranslation: b1\n---\nCuerpo **Markdown**.\n"
		a, probs := parseArticle("es/a1.md", []byte(src))
		if len(probs) > 0 {
			t.Fatalf("problems: %v", probs)
		}
		if a.ID != "a1" || a.Title != "¿Cómo entrego?" || a.Lang != "es" || a.Audience != "student" ||
			a.University != "unsa" || a.Translation != "b1" || a.Body != "Cuerpo **Markdown**." || a.Line != 12 {
			t.Errorf("got %+v", a)
		}
		if strings.Join(a.Tags, ",") != "moodle,tareas" || strings.Join(a.Questions, ",") != "no puedo subir" {
			t.Errorf("tags %v questions %v", a.Tags, a.Questions)
		}
	})
	t.Run("DefaultsFromFileName", func(t *testing.T) {
		a, probs := parseArticle("x/mi-articulo.md", []byte("\ufeff---\r\ntitle: T\r\nlang: en\r\n---\r\nBody\r\n"))
		if len(probs) > 0 {
			t.Fatalf("problems: %v", probs)
		}
		if a.ID != "mi-articulo" || a.Audience != "all" {
			t.Errorf("got id %q audience %q", a.ID, a.Audience)
		}
	})
	tests := []struct {
		name, src string
		line      int
		want      string
	}{
		{"NoFrontMatter", "Just text\n", 1, "missing front matter"},
		{"Unclosed", "---\ntitle: T\nlang: es\n", 1, "not closed"},
		{"BadYAML", "---\ntitle: T\nlang: es\n  x: 3\n---\nB\n", 4, "invalid front matter"},
		{"NotAMap", "---\n- a\n- b\n---\nB\n", 2, "key: value"},
		{"UnknownKey", "---\ntitle: T\nlang: es\nautor: Ana\n---\nB\n", 4, `unknown key "autor"`},
		{"BadLang", "---\ntitle: T\nlang: fr\n---\nB\n", 3, `bad lang "fr"`},
		{"MissingLang", "---\ntitle: T\n---\nB\n", 1, `bad lang ""`},
		{"BadAudience", "---\ntitle: T\nlang: es\naudience: admin\n---\nB\n", 4, `bad audience "admin"`},
		{"EmptyTitle", "---\ntitle: \"\"\nlang: es\n---\nB\n", 2, "empty title"},
		{"EmptyBody", "---\ntitle: T\nlang: es\n---\n\n  \n", 4, "empty body"},
		{"TagsNotList", "---\ntitle: T\nlang: es\ntags: {a: b}\n---\nB\n", 4, "tags must be a list"},
		{"TitleNotText", "---\ntitle: [a, b]\nlang: es\n---\nB\n", 2, "title must be a single value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := parseArticle("f.md", []byte(tt.src))
			for _, p := range probs {
				if strings.Contains(p.Msg, tt.want) {
					if p.Line != tt.line || p.File != "f.md" {
						t.Errorf("got %s, want line %d", p, tt.line)
					}
					return
				}
			}
			t.Errorf("got %v, want a problem containing %q", probs, tt.want)
		})
	}
}

func TestProblem_String(t *testing.T) {
	got := Problem{File: "kb/es/a.md", Line: 4, Msg: `unknown key "autor"`}.String()
	if want := `kb/es/a.md:4: unknown key "autor"`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzParseArticle(f *testing.F) {
	f.Add("---\nid: a\ntitle: T\nlang: es\naudience: all\ntags: [x]\nquestions: [q]\n---\nBody\n")
	f.Add("---\ntitle: T\nlang: es\n---\n")
	f.Add("---\n---\n")
	f.Add("---\n: :\n---\nB")
	f.Add("---\ntitle: &a [*a]\n---\nB")
	f.Add("no front matter")
	f.Add("---\r\ntitle: T\r\nlang: en\r\n---\r\nB")
	f.Fuzz(func(t *testing.T, src string) {
		a, probs := parseArticle("f.md", []byte(src))
		for _, p := range probs {
			if p.Line < 1 || p.File != "f.md" || p.Msg == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if a == nil {
			if len(probs) == 0 {
				t.Fatal("no article and no problem")
			}
			return
		}
		if len(probs) == 0 {
			if !validLangs[a.Lang] || !validAudiences[a.Audience] || a.Title == "" || a.Body == "" || a.ID == "" {
				t.Fatalf("accepted invalid article %+v", a)
			}
		}
	})
}
