package i18n_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/aulabot/aulabot/i18n"
)

// Mentoring's Spanish texts speak to the person as usted, in one
// register, and never in English: no tú form of the verbs and pronouns
// they use, and no English word that once slipped into them.
var (
	tuteo   = regexp.MustCompile(`(?i)\b(tú|tu|tus|te|ti|tuyo|tuya|tuyos|tuyas|puedes|quieres|tienes|estás|eres|buscas|escribe|escríbelo|toca|elige|usa|cancela|vuelve|prueba|publica|acorta|asististe|confirmas|califícala|disculpa|unirme)\b`)
	english = regexp.MustCompile(`\b(closed|booked|cancelled|slot|slots|waitlist|seat|seats|link|topic)\b`)
)

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
			text := regexp.MustCompile(`<code>.*?</code>|/\w+|\{\w+\}`).ReplaceAllString(form, "")
			if w := tuteo.FindString(text); w != "" {
				t.Errorf("%s (es) says %q: use usted: %q", key, w, form)
			}
			if w := english.FindString(text); w != "" {
				t.Errorf("%s (es) has the English word %q: %q", key, w, form)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d Spanish mentoring texts checked", n)
	}
}
