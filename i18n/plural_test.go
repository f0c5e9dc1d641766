package i18n_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aulabot/aulabot/i18n"
)

// seats is a catalogue file with a plural text, as issue 14's texts will
// be written.
const seats = `
booking.seats_left:
  es:
    one: "{n} lugar libre en {slot}"
    other: "{n} lugares libres en {slot}"
  en:
    one: "{n} seat left in {slot}"
    other: "{n} seats left in {slot}"
booking.plain:
  es: "quedan {n}"
  en: "{n} left"
booking.told:
  es:
    zero: "Nadie había reservado."
    one: "Se avisa a la persona que reservó."
    other: "Se avisa a las {n} personas que reservaron."
  en:
    zero: "Nobody had booked."
    one: "The person who booked is being told."
    other: "The {n} people who booked are being told."
`

func TestCatalog_N(t *testing.T) {
	c, err := i18n.Load(fstest.MapFS{"booking.yaml": {Data: []byte(seats)}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"es", 0, "0 lugares libres en <b>"},
		{"es", 1, "1 lugar libre en <b>"},
		{"es", 2, "2 lugares libres en <b>"},
		{"es", 25, "25 lugares libres en <b>"},
		{"en", 0, "0 seats left in <b>"},
		{"en", 1, "1 seat left in <b>"},
		{"en", 2, "2 seats left in <b>"},
		{"en", 25, "25 seats left in <b>"},
	}
	for _, tt := range tests {
		// The other placeholders are filled (and escaped) as by T.
		got := c.N(tt.lang, "booking.seats_left", tt.n, "slot", "<b>")
		if want := strings.ReplaceAll(tt.want, "<b>", "&lt;b&gt;"); got != want {
			t.Errorf("N(%s, %d) = %q, want %q", tt.lang, tt.n, got, want)
		}
	}
	if got, want := c.N("en", "booking.plain", 1), "1 left"; got != want {
		t.Errorf("N of a text without plural forms = %q, want %q", got, want)
	}
	if got, want := c.T("es", "booking.seats_left", "n", 3, "slot", "x"), "3 lugares libres en x"; got != want {
		t.Errorf("T of a plural = %q, want the form other, %q", got, want)
	}
	if got := c.Forms("booking.seats_left", "en"); len(got) != 2 || got[0] != "{n} seat left in {slot}" {
		t.Errorf("Forms = %q, want one and other", got)
	}
	// A text whose 0 reads differently has the form zero; without it, 0
	// takes other (above).
	for n, want := range map[int]string{0: "Nadie había reservado.", 1: "Se avisa a la persona que reservó.", 2: "Se avisa a las 2 personas que reservaron."} {
		if got := c.N("es", "booking.told", n); got != want {
			t.Errorf("N(es, %d) of a text with zero = %q, want %q", n, got, want)
		}
	}
	if got := c.Forms("booking.told", "en"); len(got) != 3 || got[2] != "Nobody had booked." {
		t.Errorf("Forms = %q, want one, other and zero", got)
	}
}

func TestLoad_PluralErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"NoOther", "k.x:\n  es: {one: a}\n  en: {one: a, other: b}\n", "a plural needs both forms"},
		{"UnknownForm", "k.x:\n  es: {one: a, few: b, other: c}\n  en: {one: a, other: b}\n", `plural form "few"`},
		{"OneLanguage", "k.x:\n  es: {one: a, other: b}\n  en: b\n", "plural forms in one language only"},
		{"ZeroOneLanguage", "k.x:\n  es: {zero: z, one: a, other: b}\n  en: {one: a, other: b}\n", "plural forms in one language only"},
		{"ZeroWithoutOne", "k.x:\n  es: {zero: z, other: b}\n  en: {zero: z, other: b}\n", "a plural needs both forms"},
		{"NoEnglish", "k.x:\n  es: a\n", "needs both es and en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := i18n.Load(fstest.MapFS{"k.yaml": {Data: []byte(tt.yaml)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "k.yaml: ") {
				t.Errorf("err = %v, want k.yaml: ...%s", err, tt.want)
			}
		})
	}
}

// No text of the catalogue writes a count's plural as "(s)" or
// "vez/veces": a text with a count has plural forms (N), or is worded so
// that it needs none ("Preguntadas después del enlace: {later}").
func TestCatalog_NoPluralHacks(t *testing.T) {
	hack := regexp.MustCompile(`\p{L}\((?:s|es)\)|vez/veces|time\(s\)`)
	cat := i18n.Builtin()
	n := 0
	for _, key := range cat.Keys() {
		for _, lang := range []string{"es", "en"} {
			for _, form := range cat.Forms(key, lang) {
				n++
				if m := hack.FindString(form); m != "" {
					t.Errorf("%s (%s) writes a plural as %q: %q", key, lang, m, form)
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d texts checked", n)
	}
}
