package handlers

import (
	"strconv"
	"strings"
	"testing"
)

// TestSeatsNumber: the one number of words that set a session's seats is
// its seats; a date's numbers, two numbers or none are none, as are 0 and
// more than 1000. (Which words set seats, and that a question does not,
// is knowledge's BookingAsk: TestBookingAsk, TestSlots_SeatsInWords.)
func TestSeatsNumber(t *testing.T) {
	for text, want := range map[string]int{
		"cambia el cupo de mi sesión del viernes a 8": 8,
		"set the seats of my friday session to 12":    12,
		"pon 10 lugares en la sesión del jueves":      10,
		"cambia el cupo de la sesión del 12/03 a 8":   0, // three numbers: which?
		"cambia el cupo de mi sesión del viernes":     0,
		"cupos: 0":  0,
		"cupo 5000": 0,
	} {
		n, ok := seatsNumber(text)
		if ok != (want != 0) || n != want {
			t.Errorf("seatsNumber(%q) = %d, %v; want %d", text, n, ok, want)
		}
	}
}

// FuzzSeatsNumber: whatever is typed, the seats read are a number of it,
// from 1 to 1000.
func FuzzSeatsNumber(f *testing.F) {
	for _, s := range []string{"cupo 8", "set the seats to 12", "cupos 0", "lugares 1001", "\xff cupo 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, ok := seatsNumber(text)
		if !ok {
			return
		}
		if n < 1 || n > 1000 || !strings.Contains(text, strconv.Itoa(n)) {
			t.Fatalf("seatsNumber(%q) = %d", text, n)
		}
	})
}
