package handlers

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
)

var testMentors = map[int64]string{
	4001: "Ana García", 4002: "Ana Ruiz", 4003: "María de la Cruz", 4004: "Mentor 2 unma", 4005: "Dr. Luis Paz",
}

// TestNamedMentors: the mentors a message's words name, and the words the
// intents then read (the name, with a title before it, as "mentor").
func TestNamedMentors(t *testing.T) {
	for _, tc := range []struct {
		text string
		ids  []int64
		rest string
	}{
		{"quiero una mentoría con García", []int64{4001}, "quiero una mentoria con mentor"},
		{"quiero una mentoría con Ana García", []int64{4001}, "quiero una mentoria con mentor"},
		{"reservar con Ana", []int64{4001, 4002}, "reservar con mentor"},
		{"¿qué horarios tiene la profesora Ruiz?", []int64{4002}, "que horarios tiene la mentor"},
		{"reservar con Mentor 2", []int64{4004}, "reservar con mentor"},
		{"sesión con la doctora Cruz", []int64{4003}, "sesion con la mentor"},
		{"book with Dr Paz on friday", []int64{4005}, "book with mentor on friday"},
		{"quiero una mentoría de la semana", nil, ""},         // "de la": links, not a name
		{"quiero una mentoría con un mentor", nil, ""},        // a title alone
		{"mentoría para la unma", nil, ""},                    // the university's id, which demo names carry
		{"reservar el 2", nil, ""},                            // a number alone
		{"hola soy Ana García, quiero una mentoría", nil, ""}, // the writer's own name
		{"I'm Ana, I want to book with Luis Paz", []int64{4005}, "i m ana i want to book with mentor"},
		{"my name is Ruiz, reservar con García", []int64{4001}, "my name is ruiz reservar con mentor"},
	} {
		ids, rest := namedMentors(strings.Fields(aulabot.TypedWords(tc.text)), testMentors, "unma")
		if !slices.Equal(ids, tc.ids) || strings.Join(rest, " ") != tc.rest {
			t.Errorf("%q: %v %q, want %v %q", tc.text, ids, strings.Join(rest, " "), tc.ids, tc.rest)
		}
	}
}

// FuzzNamedMentors: any words name only mentors there are, in order,
// and the words read after are never more, each a word of the message
// or the "mentor" that stands for a name; no name, no words.
func FuzzNamedMentors(f *testing.F) {
	for _, s := range []string{"reservar con Ana", "de la de la cruz", "mentor 2 mentor 2", "", "Ana Ana García García", "ñ 2 unma"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words := strings.Fields(aulabot.TypedWords(text))
		ids, rest := namedMentors(words, testMentors, "unma")
		if len(ids) == 0 && rest != nil {
			t.Fatalf("%q: no mentor, words %q", text, rest)
		}
		if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
			t.Fatalf("%q: ids %v not in order or twice", text, ids)
		}
		for _, id := range ids {
			if testMentors[id] == "" {
				t.Fatalf("%q: names %d, no mentor", text, id)
			}
		}
		if len(ids) > 0 && (len(rest) > len(words) || !slices.Contains(rest, "mentor")) {
			t.Fatalf("%q: words %q read after %q", text, rest, words)
		}
		for _, w := range rest {
			if w != "mentor" && !slices.Contains(words, w) {
				t.Fatalf("%q: %q read, not in the words", text, w)
			}
		}
	})
}
