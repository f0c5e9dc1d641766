package i18n_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/aulabot/aulabot/i18n"
)

// Mentoring's Spanish texts are never in English: no English word that
// once slipped into them. (Their register, usted, is checked for the whole
// catalogue in register_test.go.)
var english = regexp.MustCompile(`\b(closed|booked|cancelled|slot|slots|waitlist|seat|seats|link|topic)\b`)

func TestMentoringSpanishRegister(t *testing.T) {
	cat := i18n.Builtin()
	n := 0
	for _, key := range cat.Keys() {
		if !strings.HasPrefix(key, "booking.") && !strings.HasPrefix(key, "slot.") && !strings.HasPrefix(key, "newslot.") {
			continue
		}
		for _, form := range cat.Forms(key, "es") {
			n++
			// Commands and their arguments are typed as shown; placeholders are
			// filled.
			text := notProse.ReplaceAllString(form, "")
			if w := english.FindString(text); w != "" {
				t.Errorf("%s (es) has the English word %q: %q", key, w, form)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d Spanish mentoring texts checked", n)
	}
}
