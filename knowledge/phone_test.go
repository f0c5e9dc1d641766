package knowledge

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestPhoneWords: spellings of stop words are dropped, spellings of
// content words become the word, and a spelling the base itself uses is
// kept as typed.
func TestPhoneWords(t *testing.T) {
	b := builtinBase(t)
	for _, c := range []struct {
		lang, text string
		want       []string
	}{
		{"es", "xq no me sale la camara en el celu q hago", []string{"no", "sale", "camara", "celular", "hago"}},
		{"es", "toy en clase pa la diapos", []string{"estoy", "clase", "diapositivas"}},
		{"en", "u r the best prof pls", []string{"best", "professor"}},
		{"en", "cant see my vids bc the wifi", []string{"cant", "see", "videos", "wifi"}}, // the base says "cant"
	} {
		if got := b.phoneWords(c.lang, b.tokens(b.exact[c.lang], c.text)); !slices.Equal(got, c.want) {
			t.Errorf("%s %q: %q, want %q", c.lang, c.text, got, c.want)
		}
	}
	kb := fstest.MapFS{"kb/a.md": {Data: []byte("---\nid: a\ntitle: El celu de la uni\nlang: es\n---\nSi el celu falla.\n")}}
	own, _, err := Load(kb, "kb")
	if err != nil {
		t.Fatal(err)
	}
	defer own.Close()
	if got := own.phoneWords("es", []string{"celu", "uni", "q"}); !slices.Equal(got, []string{"celu", "uni"}) {
		t.Errorf("a base that writes \"celu\" and \"uni\": %q", got)
	}
}
