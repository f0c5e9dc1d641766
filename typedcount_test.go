package aulabot

import (
	"fmt"
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

// TestTypedMinutes: the ways people type how long a session lasts.
func TestTypedMinutes(t *testing.T) {
	for in, want := range map[string]int{
		"45": 45, "45 min": 45, "45 minutos": 45, "90 Minutes": 90, "2 h": 120, "2 horas": 120, "1,5 horas": 90,
		"1.5 h": 90, "1h30": 90, "1:30": 90, "1 hora 30 min": 90, "1 hour and 15 minutes": 75,
		"una hora y media": 90, "Hora y media": 90, "media hora": 30, "half an hour": 30, "an hour": 60,
		"1h15": 75, "an hour and a half": 90, // the prompt's examples (newslot.minutes)
	} {
		if got, ok := TypedMinutes(in); !ok || got != want {
			t.Errorf("TypedMinutes(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "un rato", "1h75", "1.3 h", "45-60", "-30", "mañana", "20 personas"} {
		if got, ok := TypedMinutes(in); ok {
			t.Errorf("TypedMinutes(%q) = %d, want refused", in, got)
		}
	}
}

// FuzzTypedMinutes: any text is a length or refused, never negative;
// minutes in digits read as themselves, and h:mm as h hours and mm.
func FuzzTypedMinutes(f *testing.F) {
	for _, s := range []string{"45", "1h30", "hora y media", "2,5 horas", "x"} {
		f.Add(s, 45)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		if got, ok := TypedMinutes(s); ok && got < 0 {
			t.Errorf("%q read as %d", s, got)
		}
		if n < 0 || n > 9999 {
			return
		}
		if got, ok := TypedMinutes(strconv.Itoa(n)); !ok || got != n {
			t.Errorf("%d read as %d %v", n, got, ok)
		}
		if h, m := n/60%100, n%60; h > 0 {
			if got, ok := TypedMinutes(fmt.Sprintf("%d:%02d", h, m)); !ok || got != h*60+m {
				t.Errorf("%d:%02d read as %d %v", h, m, got, ok)
			}
		}
	})
}
