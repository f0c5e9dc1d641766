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
		// In words, as dictated or typed on a phone.
		"doce": 12, "Doce personas": 12, "hasta veinte plazas": 20, "dieciséis": 16, "veintitrés cupos": 23,
		"treinta y cinco": 35, "una persona": 1, "cien": 100, "unas quince personas": 15, "twelve": 12,
		"up to twenty-five people": 25, "thirty five seats": 35, "a hundred": 100, "one person": 1,
	} {
		if got, ok := TypedCount(in); !ok || got != want {
			t.Errorf("TypedCount(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for n := range 101 {
		for _, w := range []string{spanish(n), english(n), "hasta " + spanish(n) + " plazas", "up to " + english(n) + " seats"} {
			if got, ok := TypedCount(w); !ok || got != n {
				t.Errorf("TypedCount(%q) = %d %v, want %d", w, got, ok, n)
			}
		}
	}
	for _, in := range []string{"", "veinte o treinta", "twenty cinco", "treinta y", "y cinco", "veinte y cinco personas y tres", "muchas", "dozen", "twenty and five", "treinta five", "20-30", "-5", "20 personas y 3 mentores", "1.00", "12,5", "sin límite", "20 minutos", "99999999999999999999999"} {
		if got, ok := TypedCount(in); ok {
			t.Errorf("TypedCount(%q) = %d, want refused", in, got)
		}
	}
}

// FuzzTypedCount: whatever TypedCount reads is the number its text
// writes, separators aside, or, without digits, a number up to a hundred;
// every number written in digits is read, and so is every number up to a
// hundred spelt out in Spanish or English (spelt here from the languages'
// rules, not from TypedCount's tables).
func FuzzTypedCount(f *testing.F) {
	for _, s := range []string{"20", "hasta 20 plazas", "1.000", "1,000 seats", "x", "doce", "treinta y cinco plazas"} {
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
			if got < 0 || (digits == "" && got > 100) || (digits != "" && strings.TrimLeft(digits, "0") != strings.TrimLeft(strconv.Itoa(got), "0")) {
				t.Errorf("%q read as %d", s, got)
			}
		}
		if n >= 0 {
			if got, ok := TypedCount(strconv.Itoa(n)); !ok || got != n {
				t.Errorf("%d read as %d %v", n, got, ok)
			}
		}
		if n >= 0 && n <= 100 {
			for _, w := range []string{spanish(n), english(n)} {
				if got, ok := TypedCount(w); !ok || got != n {
					t.Errorf("%q read as %d %v, want %d", w, got, ok, n)
				}
			}
		}
	})
}

// spanish spells n (0–100) as Spanish writes it.
func spanish(n int) string {
	units := strings.Fields("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince")
	tens := strings.Fields("_ _ veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa")
	accented := map[int]string{16: "dieciséis", 22: "veintidós", 23: "veintitrés", 26: "veintiséis"}
	switch {
	case accented[n] != "":
		return accented[n]
	case n < 16:
		return units[n]
	case n < 20:
		return "dieci" + units[n-10]
	case n == 20:
		return "veinte"
	case n < 30:
		return "veinti" + units[n-20]
	case n == 100:
		return "cien"
	case n%10 == 0:
		return tens[n/10]
	}
	return tens[n/10] + " y " + units[n%10]
}

// english spells n (0–100) as English writes it.
func english(n int) string {
	units := strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
	tens := strings.Fields("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
	switch {
	case n < 20:
		return units[n]
	case n == 100:
		return "one hundred"
	case n%10 == 0:
		return tens[n/10]
	}
	return tens[n/10] + "-" + units[n%10]
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

// "No limit" is read as people type it at the step that offers the No
// limit button; a number or a word that is not it is not.
func TestTypedNoLimit(t *testing.T) {
	for _, s := range []string{"sin límite", "Sin limite", "  sin   límite. ", "ilimitado", "Ilimitadas", "no limit", "Unlimited!", "∞"} {
		if !TypedNoLimit(s) {
			t.Errorf("%q not read as no limit", s)
		}
	}
	for _, s := range []string{"", "20", "sin", "límite", "no", "limit", "20 sin límite", "sin límite 20"} {
		if TypedNoLimit(s) {
			t.Errorf("%q read as no limit", s)
		}
	}
}

// FuzzTypedNoLimit: nothing is read both as a number of places and as no
// limit.
func FuzzTypedNoLimit(f *testing.F) {
	for _, s := range []string{"sin límite", "20", "no limit", "veinte", "ilimitado"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, ok := TypedCount(s); ok && TypedNoLimit(s) {
			t.Errorf("%q read as a number and as no limit", s)
		}
	})
}
