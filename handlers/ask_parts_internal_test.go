package handlers

import (
	"slices"
	"strings"
	"testing"
)

func TestQuestionParts(t *testing.T) {
	for text, want := range map[string][]string{
		"¿cómo entrego la tarea? y ¿dónde veo mis notas?": {"cómo entrego la tarea", "dónde veo mis notas"},
		"how do i submit? where are my grades?":           {"how do i submit", "where are my grades"},
		"cómo entrego la tarea":                           {"cómo entrego la tarea"},
		"¿qué? ¿cómo? no entiendo nada":                   {"no entiendo nada"},
		"???":                                             nil,
	} {
		if got := questionParts(text); !slices.Equal(got, want) {
			t.Errorf("questionParts(%q) = %q, want %q", text, got, want)
		}
	}
}

// FuzzQuestionParts: every part is a piece of the text of three words or
// more, without a question mark.
func FuzzQuestionParts(f *testing.F) {
	for _, s := range []string{"¿a b c? ¿d e f?", "a b c", "?", "\xff? a b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range questionParts(s) {
			if !strings.Contains(s, p) || strings.ContainsAny(p, "?¿") || len(strings.Fields(p)) < 3 {
				t.Errorf("%q: part %q", s, p)
			}
		}
	})
}
