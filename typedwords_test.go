package aulabot

import (
	"strings"
	"testing"
)

// Typed words read alike whatever their case, accents, marks and emoji.
func TestTypedWords(t *testing.T) {
	for in, want := range map[string]string{
		"¡Celular!": "celular", "  PHONE ": "phone", "📱 Celular": "celular", "Más de 10 h.": "mas de 10 h",
		"mas  de\t10h": "mas de 10h", "ÑANDÚ": "nandu", "": "", "🙂 !!": "",
	} {
		if got := TypedWords(in); got != want {
			t.Errorf("TypedWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// TypedWords is a fixed point of itself, with single spaces between words.
func FuzzTypedWords(f *testing.F) {
	for _, s := range []string{"celular", "¡Celular!", "Más de 10 h", "  a  b ", "ñandú", "İ", "\u0301", "x\u200by"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := TypedWords(s)
		if TypedWords(k) != k {
			t.Errorf("TypedWords(%q) = %q, which reads %q", s, k, TypedWords(k))
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Errorf("TypedWords(%q) = %q", s, k)
		}
	})
}

// A yes typed at a question that asks to confirm, and what is not one.
func TestTypedYes(t *testing.T) {
	for in, want := range map[string]bool{
		"sí": true, "Sí, confirmo": true, "OK": true, "dale": true, "yes please": true, "👍 yes": true, "de acuerdo.": true,
		"no": false, "sí pero otro día": false, "yes, but another day": false, "": false, "sin": false,
	} {
		if got := TypedYes(in); got != want {
			t.Errorf("TypedYes(%q) = %v, want %v", in, got, want)
		}
	}
}
