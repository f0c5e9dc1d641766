package i18n_test

import (
	"regexp"
	"testing"

	"github.com/aulabot/aulabot/i18n"
)

// Every Spanish text speaks to the person as usted (docs/conversation.md):
// none uses a form that only tú takes. The words are matched whole, so
// "te" does not match "texto" nor "tu" "estudiante".
var tuteo = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}_])(tú|tu|tus|te|ti|contigo|tuyo|tuya|tuyos|tuyas|` +
	`puedes|quieres|tienes|estás|eres|necesitas|buscas|deseas|prefieres|sabes|debes|vas|has|` +
	`escribe|escríbeme|escríbelo|escríbela|elige|escoge|pulsa|toca|envía|envíame|cancela|` +
	`dime|cuéntame|avísame|inténtalo|pruébalo|confirmas|califícala|asististe|disculpa|` +
	`acórtalo|envíalo|márcalos|adjúntalo|regístrate|únete|bienvenido|bienvenida)(?:[^\p{L}\p{N}_]|$)`)

// Commands and their arguments are typed as shown, and placeholders are
// filled: neither is Spanish prose. "se envía" is the passive, not an
// order.
var notProse = regexp.MustCompile(`(?i)<code>.*?</code>|/\w+|\{\w+\}|\bse envía`)

func TestSpanishRegisterIsUsted(t *testing.T) {
	cat := i18n.Builtin()
	n := 0
	for _, key := range cat.Keys() {
		for _, form := range cat.Forms(key, "es") {
			n++
			if m := tuteo.FindStringSubmatch(notProse.ReplaceAllString(form, " ")); m != nil {
				t.Errorf("%s (es) says %q: use usted: %q", key, m[1], form)
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d Spanish texts checked", n)
	}
}

// The check itself: it catches tú forms as whole words and leaves usted
// and words that merely contain them alone.
func TestTuteoPattern(t *testing.T) {
	for _, s := range []string{"Escribe el texto", "¿Te refieres a esto?", "tu reserva", "Tus cursos",
		"Puedes volver", "Escríbeme /start", "para ti.", "Elige:", "Envía la foto", "toca aquí", "Bienvenido/a", "Avísame cuando vuelva", "adjúntalo ahí"} {
		if !tuteo.MatchString(s) {
			t.Errorf("%q not caught", s)
		}
	}
	for _, s := range []string{"Escriba el texto", "¿Se refiere a esto?", "su reserva", "Sus cursos",
		"Puede volver", "Escríbame /start", "para usted.", "Elija:", "texto", "estudiante", "tutor", "título", "El texto se envía al servidor"} {
		if m := tuteo.FindStringSubmatch(notProse.ReplaceAllString(s, " ")); m != nil {
			t.Errorf("%q caught as %q", s, m[1])
		}
	}
}
