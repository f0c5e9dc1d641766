package aulabot

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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

// A "none" typed where a course's code is asked for, and what is a code.
func TestTypedNone(t *testing.T) {
	for in, want := range map[string]bool{
		"no tiene código": true, "No": true, "sin código": true, "ninguno": true, "none": true, "No code.": true,
		"it doesn't have one": true, "No, gracias.": true, "no thanks": true, "MA101": false, "Muy útil": false, "no tiene código, es nuevo": false, "": false, "EST 201": false,
	} {
		if got := TypedNone(in); got != want {
			t.Errorf("TypedNone(%q) = %v, want %v", in, got, want)
		}
	}
}

// A term named by when it is, typed where a course's term is asked for.
func TestTypedTerm(t *testing.T) {
	march := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"este semestre": "2026-I", "Este ciclo": "2026-I", "this term": "2026-I", "el semestre actual": "2026-I",
		"el próximo ciclo": "2026-II", "next semester": "2026-II", "el siguiente": "2026-II", "next": "2026-II",
		"2027-I": "", "Verano 2027": "", "este": "2026-I", "el": "", "": "", "este semestre y el próximo": "",
	} {
		if got, ok := TypedTerm(in, march); got != want || ok != (want != "") {
			t.Errorf("TypedTerm(%q) = %q, %v, want %q", in, got, ok, want)
		}
	}
	if got, _ := TypedTerm("next term", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)); got != "2027-I" {
		t.Errorf("next term in November = %q, want 2027-I", got)
	}
}

// TypedTerm gives a term TermOf names, of now or the next, or nothing.
func FuzzTypedTerm(f *testing.F) {
	for _, s := range []string{"este semestre", "next term", "el próximo", "2027-I", ""} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := TypedTerm(s, now)
		if ok != (got != "") || ok && got != TermOf(now) && got != TermOf(now.AddDate(0, 6, 0)) {
			t.Errorf("TypedTerm(%q) = %q, %v", s, got, ok)
		}
	})
}

// An English possessive typed after a name is taken off, and nothing else.
func TestWithoutPossessives(t *testing.T) {
	for in, want := range map[string]string{
		"Rosa's ticket": "Rosa ticket", "show me Tec 1's tickets": "show me Tec 1 tickets", "Carla’s": "Carla",
		"it's down": "it down", "the class's end": "the class end", "rosa'sa": "rosa'sa", "'s": "'s", "": "",
		"los tickets de Rosa": "los tickets de Rosa", "Ana 's": "Ana 's",
	} {
		if got := WithoutPossessives(in); got != want {
			t.Errorf("WithoutPossessives(%q) = %q, want %q", in, got, want)
		}
	}
}

// WithoutPossessives only takes runes out, and a second pass finds none.
func FuzzWithoutPossessives(f *testing.F) {
	for _, s := range []string{"Rosa's ticket", "it's", "'s", "a's's", "x’S"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := WithoutPossessives(s)
		if len(got) > len(s) {
			t.Errorf("WithoutPossessives(%q) = %q, longer", s, got)
		}
		if again := WithoutPossessives(got); again != got && utf8.ValidString(s) {
			t.Errorf("WithoutPossessives(%q) = %q, then %q", s, got, again)
		}
	})
}
