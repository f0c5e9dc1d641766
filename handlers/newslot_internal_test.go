package handlers

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
)

func TestNamedLength(t *testing.T) {
	for text, want := range map[string]int{
		"quiero abrir un horario el viernes a las 10 de 45 minutos": 45,
		"nueva sesión el jueves a las 3 por una hora y media":       90,
		"publish a slot on friday at 9 for 2 hours":                 120,
		"una sesión de 1h30 el lunes":                               90,
		"abrir un horario el viernes de 10 a 11":                    0, // a range of times
		"abrir un horario el viernes de 2h a 4h":                    0,
		"abrir un horario el viernes a las 10:30":                   0,
		"abrir un horario de 10:30":                                 0, // a time on the clock
		"abrir un horario el viernes a las 45 minutos":              0, // no word before a length
		"abrir un horario de 9 horas":                               0, // longer than a slot may be
		"abrir un horario de 5 minutos":                             0, // shorter
	} {
		got, ok := namedLength(text)
		if ok != (want > 0) || got != want {
			t.Errorf("namedLength(%q) = %d %v, want %d", text, got, ok, want)
		}
	}
}

// FuzzNamedLength: whatever the words, a length read is one a slot may
// have, and it is read from a length after one of its leading words.
func FuzzNamedLength(f *testing.F) {
	for _, s := range []string{"de 45 minutos", "por una hora y media", "for 2 hours", "de 10 a 11", "de 1:30", "de", "de ñ 9 h", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, ok := namedLength(text)
		if !ok {
			if n != 0 {
				t.Fatalf("%q: %d with no length", text, n)
			}
			return
		}
		if n < aulabot.SlotMinMinutes || n > aulabot.SlotMaxMinutes {
			t.Fatalf("%q: %d minutes, out of a slot's range", text, n)
		}
		lower := " " + strings.ToLower(text)
		if !strings.Contains(lower, "de ") && !strings.Contains(lower, "por ") && !strings.Contains(lower, "durante ") && !strings.Contains(lower, "for ") && !strings.Contains(lower, "of ") {
			t.Fatalf("%q: %d read with no word that leads a length", text, n)
		}
	})
}

func TestEveryWeek(t *testing.T) {
	for text, want := range map[string]bool{
		"quiero abrir horarios todos los lunes de 3 a 5": true,
		"abrir un horario cada martes a las 10":          true,
		"publish a slot every monday at 9":               true,
		"open slots on mondays at 9":                     true,
		"nuevo horario semanal el jueves":                true,
		"abrir horarios todas las semanas":               true,
		"abrir un horario el lunes a las 3":              false,
		"publish a slot on monday":                       false,
		"abrir un horario para la semana que viene":      false,
	} {
		if got := everyWeek(text); got != want {
			t.Errorf("everyWeek(%q) = %v, want %v", text, got, want)
		}
	}
}
