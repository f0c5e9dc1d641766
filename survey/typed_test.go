package survey

import (
	"testing"

	"github.com/aulabot/aulabot"
)

var typedQuestion = &Question{ID: "device", Type: Single, Options: []Option{
	{ID: "pc", Text: Tr{ES: "PC", EN: "Computer"}},
	{ID: "phone", Text: Tr{ES: "📱 Celular", EN: "📱 Phone"}},
	{ID: "long", Text: Tr{ES: "Más de 10 h", EN: "More than 10 h"}},
	{ID: "other", Text: Tr{ES: "Otro", EN: "Other"}},
	{ID: "else", Text: Tr{ES: "otro.", EN: "Something else"}},
}}

// An option's words typed answer a single-choice question whatever their
// case, accents, marks and emoji, in either language; words that only
// contain them, two options read alike, and other kinds of question do not.
func TestTypedOption(t *testing.T) {
	for _, tc := range []struct {
		typed, want string
	}{
		{"celular", "phone"},
		{"  PHONE ", "phone"},
		{"¡Celular!", "phone"},
		{"mas de 10 h.", "long"},
		{"MÁS DE 10 H", "long"},
		{"pc", "pc"},
		{"Something else", "else"},
		{"Otro", ""}, // two options read "otro"
		{"celulares", ""},
		{"mi celular", ""},
		{"mas de 10h", ""},
		{"", ""},
		{"🙂", ""},
	} {
		id, ok := typedQuestion.TypedOption(tc.typed)
		if id != tc.want || ok != (tc.want != "") {
			t.Errorf("TypedOption(%q) = %q, %v; want %q", tc.typed, id, ok, tc.want)
		}
	}
	multiple := *typedQuestion
	multiple.Type = Multiple
	if id, ok := multiple.TypedOption("celular"); ok {
		t.Errorf("a multiple-choice question took %q", id)
	}
	// A Likert question's points by their labels, its own or the default
	// ones, in either language.
	likert := &Question{Type: Likert}
	for typed, want := range map[string]string{"de acuerdo": "4", "Totalmente de acuerdo": "5", "strongly disagree": "1",
		"Ni de acuerdo ni en desacuerdo": "3", "acuerdo": "", "totalmente": "", "4": ""} {
		if id, ok := likert.TypedOption(typed); id != want || ok != (want != "") {
			t.Errorf("Likert TypedOption(%q) = %q, %v; want %q", typed, id, ok, want)
		}
	}
	own := &Question{Type: Likert, Labels: []Tr{{ES: "Nunca", EN: "Never"}, {ES: "Poco", EN: "Rarely"}, {ES: "A veces", EN: "Sometimes"},
		{ES: "Seguido", EN: "Often"}, {ES: "Siempre", EN: "Always"}}}
	if id, ok := own.TypedOption("siempre"); id != "5" || !ok {
		t.Errorf("a Likert question's own label: %q, %v", id, ok)
	}
	if _, ok := own.TypedOption("de acuerdo"); ok {
		t.Error("a Likert question with labels of its own took a default label")
	}
}

// The set knows, in memory, which words are some single question's option
// or some Likert question's point.
func TestSet_MayBeOption(t *testing.T) {
	multiple := &Question{ID: "tools", Type: Multiple, Options: []Option{{ID: "moodle", Text: Tr{ES: "Moodle", EN: "Moodle"}}}}
	likert := &Question{ID: "quality", Type: Likert}
	set := NewSet(&Survey{ID: "s", Questions: []*Question{typedQuestion, multiple, likert}})
	for typed, want := range map[string]bool{"CELULAR": true, "more than 10 h": true, "otro": true, "moodle": false, "hola": false, "": false, "!!": false,
		"De acuerdo": true, "strongly agree": true, "acuerdo": false} {
		if got := set.MayBeOption(aulabot.TypedWords(typed)); got != want {
			t.Errorf("MayBeOption(%q) = %v, want %v", typed, got, want)
		}
	}
}

// An option TypedOption names reads as what was typed.
func FuzzTypedOption(f *testing.F) {
	for _, s := range []string{"celular", "¡Celular!", "Más de 10 h", "otro", "  a  b ", "ñandú"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := typedQuestion.TypedOption(s)
		if !ok {
			return
		}
		k := aulabot.TypedWords(s)
		for _, o := range typedQuestion.Options {
			if o.ID == id && (aulabot.TypedWords(o.Text.ES) == k || aulabot.TypedWords(o.Text.EN) == k) {
				return
			}
		}
		t.Errorf("TypedOption(%q) = %q, which does not read so", s, id)
	})
}
