package handlers

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
)

// TestTypedStars: a rating typed is 1 to 5 as a digit, with its unit, or
// as stars; anything else is none.
func TestTypedStars(t *testing.T) {
	for text, want := range map[string]int{
		"5": 5, " 4 ": 4, "4 estrellas": 4, "1 estrella": 1, "5 stars": 5, "2 de 5": 2, "3 out of 5": 3,
		"⭐⭐⭐": 3, "⭐️⭐️": 2, "⭐ ⭐ ⭐ ⭐": 4,
		"0": 0, "6": 0, "10": 0, "⭐⭐⭐⭐⭐⭐": 0, "5 minutos": 0, "aula 5": 0, "": 0, "⭐ ok": 0,
	} {
		if got := typedStars(text, aulabot.TypedWords(text)); got != want {
			t.Errorf("typedStars(%q) = %d, want %d", text, got, want)
		}
	}
}

// FuzzTypedStars: whatever is typed, a rating is 0 to 5, and one above 0
// is typed with its digit or its stars.
func FuzzTypedStars(f *testing.F) {
	for _, s := range []string{"5", "4 estrellas", "⭐⭐⭐", "\xff", "5 de 5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := typedStars(s, aulabot.TypedWords(s))
		if n < 0 || n > 5 {
			t.Fatalf("typedStars(%q) = %d", s, n)
		}
		if n > 0 && !strings.ContainsRune(s, rune('0'+n)) && strings.Count(s, "⭐") != n {
			t.Errorf("typedStars(%q) = %d, typed neither as a digit nor as stars", s, n)
		}
	})
}
