package knowledge

import (
	"testing"
)

// TestSearch_UnknownTopics: questions about what the built-in base does
// not cover (written for this test, not taken from the evaluation sets)
// get "none" when the articles have none of their informative words, or
// one in a question mostly about something else ("hay clases en
// carnaval"); questions it covers still get an article. Not every unknown
// topic is caught: one that shares two informative words with an article
// ("a que hora abre el gimnasio": "hora", "abre"), or one with a third of
// the question ("horario del gimnasio": "horario"), still gets suggestions.
func TestSearch_UnknownTopics(t *testing.T) {
	b := builtinBase(t)
	for _, q := range []Query{
		{Text: "cuando abren las becas de comedor", Lang: "es"},
		{Text: "resultados del partido de futbol", Lang: "es"},
		{Text: "hay clases en carnaval", Lang: "es"},
		{Text: "precio del menu en el comedor", Lang: "es"},
		{Text: "who won the football match", Lang: "en"},
		{Text: "parking permit for students", Lang: "en"},
		{Text: "what is the weather like in cusco", Lang: "en"},
	} {
		if r := b.Search(q); r.Confidence != ConfidenceNone {
			t.Errorf("%q: %s %s, want none", q.Text, r.Confidence, ids(r.Shown()))
		}
	}
	for _, q := range []Query{
		{Text: "no puedo entrar al aula virtual", Lang: "es"},
		{Text: "como subo un video a mi curso", Lang: "es"},
		{Text: "my microphone does not work in zoom", Lang: "en"},
	} {
		if r := b.Search(q); r.Confidence == ConfidenceNone {
			t.Errorf("%q: none, want an article", q.Text)
		}
	}
}

// TestResult_ShownSuggestions: a suggestion after the first is shown only
// when it has an informative word of the question and a fair share of the
// first one's coverage.
func TestResult_ShownSuggestions(t *testing.T) {
	a := func(id string) *Article { return &Article{ID: id} }
	r := Result{Confidence: ConfidenceSuggest, Hits: []Hit{
		{Article: a("first"), Coverage: 0.6, specific: 1},
		{Article: a("no-informative-word"), Coverage: 0.6, specific: 0},
		{Article: a("little-coverage"), Coverage: 0.1, specific: 1},
		{Article: a("fourth"), Coverage: 0.6, specific: 2},
	}}
	if got := ids(r.Shown()); got != "first" {
		t.Errorf("shown %s, want first only", got)
	}
	r.Hits[1].specific = 1
	if got := ids(r.Shown()); got != "first,no-informative-word" {
		t.Errorf("shown %s, want the first two", got)
	}
	r.Confidence = ConfidenceNone
	if got := ids(r.Shown()); got != "" {
		t.Errorf("none shows %s", got)
	}
}

// TestBase_HelpDesk: "I don't know" can offer the asker's university's
// help desk article, in the asker's language when there is one.
func TestBase_HelpDesk(t *testing.T) {
	b := builtinBase(t)
	for _, c := range []struct {
		q    Query
		want string
	}{
		{Query{Lang: "es", University: "unma"}, "unma-mesa-de-ayuda"},
		{Query{Lang: "en", University: "unma", Audience: "student"}, "unma-help-desk"},
		{Query{Lang: "es", University: "unvs"}, ""},
		{Query{Lang: "es"}, ""},
	} {
		got := ""
		if a := b.HelpDesk(c.q); a != nil {
			got = a.ID
		}
		if got != c.want {
			t.Errorf("%+v: %q, want %q", c.q, got, c.want)
		}
	}
}
