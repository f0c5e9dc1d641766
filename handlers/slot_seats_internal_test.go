package handlers

import (
	"strconv"
	"strings"
	"testing"
)

// TestSeatsAsked: a word of seats and one number are the seats asked
// for; a time's numbers, two numbers or none are not, nor a question's.
func TestSeatsAsked(t *testing.T) {
	for text, want := range map[string]int{
		"cambia el cupo de mi sesión del viernes a 8": 8,
		"set the seats of my friday session to 12":    12,
		"pon 10 lugares en la sesión del jueves":      10,
		"cambia el cupo de la sesión del 12/03 a 8":   0, // three numbers: which?
		"mueve mi sesión del viernes a las 8":         0, // no seats
		"cambia el cupo de mi sesión del viernes":     0,
		"cupos: 0":  0,
		"cupo 5000": 0,
		"¿cuántos lugares quedan en la sesión del 12?": 0, // a question: the 12th
		"cuantos lugares quedan en la sesion del 12":   0,
	} {
		n, ok := seatsAsked(text)
		if ok != (want != 0) || n != want {
			t.Errorf("seatsAsked(%q) = %d, %v; want %d", text, n, ok, want)
		}
	}
}

// FuzzSeatsAsked: whatever is typed, the seats read are a number of it,
// from 1 to 1000, beside a word of seats.
func FuzzSeatsAsked(f *testing.F) {
	for _, s := range []string{"cupo 8", "set the seats to 12", "cupos 0", "lugares 1001", "\xff cupo 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, ok := seatsAsked(text)
		if !ok {
			return
		}
		if n < 1 || n > 1000 || !strings.Contains(text, strconv.Itoa(n)) {
			t.Fatalf("seatsAsked(%q) = %d", text, n)
		}
	})
}
