package aulabot

import (
	"strconv"
	"strings"
	"testing"
)

// TestTypedCount: the ways people type a number of places.
func TestTypedCount(t *testing.T) {
	for in, want := range map[string]int{
		"20": 20, " 20 ": 20, "20 personas": 20, "20 Personas.": 20, "hasta 20 plazas": 20, "máximo 25": 25,
		"max. 8": 8, "30 seats": 30, "up to 12 people": 12, "1 persona": 1, "1.000": 1000, "1,000 places": 1000,
		"2 cupos": 2, "0": 0,
	} {
		if got, ok := TypedCount(in); !ok || got != want {
			t.Errorf("TypedCount(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "veinte", "20-30", "-5", "20 personas y 3 mentores", "1.00", "12,5", "sin límite", "20 minutos", "99999999999999999999999"} {
		if got, ok := TypedCount(in); ok {
			t.Errorf("TypedCount(%q) = %d, want refused", in, got)
		}
	}
}

// FuzzTypedCount: whatever TypedCount reads is the number its text
// writes, separators aside; every number written in digits is read.
func FuzzTypedCount(f *testing.F) {
	for _, s := range []string{"20", "hasta 20 plazas", "1.000", "1,000 seats", "x"} {
		f.Add(s, 20)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		if got, ok := TypedCount(s); ok {
			digits := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, s)
			if got < 0 || strings.TrimLeft(digits, "0") != strings.TrimLeft(strconv.Itoa(got), "0") {
				t.Errorf("%q read as %d", s, got)
			}
		}
		if n >= 0 {
			if got, ok := TypedCount(strconv.Itoa(n)); !ok || got != n {
				t.Errorf("%d read as %d %v", n, got, ok)
			}
		}
	})
}
