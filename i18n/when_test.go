package i18n_test

import (
	"testing"
	"time"

	"github.com/aulabot/aulabot/i18n"
)

func TestWhen(t *testing.T) {
	lima, err := time.LoadLocation("America/Lima")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 4, 15, 0, 0, 0, lima)
	for _, c := range []struct{ lang, want string }{
		{"es", "vie 4 dic, 15:00"},
		{"en", "Fri 4 Dec, 15:00"},
		{"pt", "vie 4 dic, 15:00"}, // a language the bot does not speak reads as Spanish
	} {
		if got := i18n.When(c.lang, at); got != c.want {
			t.Errorf("When(%s) = %q, want %q", c.lang, got, c.want)
		}
	}
	if got := i18n.Day("en", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); got != "Sun 1 Mar" {
		t.Errorf("Day = %q", got)
	}
}

func TestZone(t *testing.T) {
	ba, err := time.LoadLocation("America/Argentina/Buenos_Aires")
	if err != nil {
		t.Fatal(err)
	}
	lima, _ := time.LoadLocation("America/Lima")
	for _, c := range []struct {
		lang string
		loc  *time.Location
		want string
	}{
		{"es", lima, "hora de Lima"},
		{"en", lima, "Lima time"},
		{"es", ba, "hora de Buenos Aires"},
		{"en", time.UTC, "UTC"},
	} {
		if got := i18n.Zone(c.lang, c.loc); got != c.want {
			t.Errorf("Zone(%s, %s) = %q, want %q", c.lang, c.loc, got, c.want)
		}
	}
}
