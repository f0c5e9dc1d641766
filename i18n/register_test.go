package i18n_test

import (
	"io/fs"
	"regexp"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/survey"
)

// Every Spanish text speaks to the person as usted (docs/conversation.md):
// none uses a form that only tú takes. The words are matched whole, so
// "te" does not match "texto" nor "tu" "estudiante".
var tuteo = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}_])(tú|tu|tus|te|ti|contigo|tuyo|tuya|tuyos|tuyas|` +
	`puedes|quieres|quieras|tienes|estás|eres|necesitas|buscas|deseas|prefieres|sabes|debes|vas|has|calificas|conectas|` +
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
		"Puedes volver", "Escríbeme /start", "para ti.", "Elige:", "Envía la foto", "toca aquí", "Bienvenido/a", "Avísame cuando vuelva", "adjúntalo ahí", "lo que quieras", "¿cómo calificas esto?", "si conectas el cable"} {
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

// The built-in surveys speak to the person in the same register as the
// bot that asks them: every Spanish text in them (title, introduction,
// questions, options) is usted. Until 4 December they said tú ("¿cómo
// calificas tu experiencia…?") between the bot's usted messages.
func TestBuiltinSurveysRegisterIsUsted(t *testing.T) {
	files, err := fs.Glob(survey.Builtin(), "*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in survey: %v", err)
	}
	n := 0
	for _, name := range files {
		b, err := fs.ReadFile(survey.Builtin(), name)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		for _, text := range spanish(doc) {
			n++
			if m := tuteo.FindStringSubmatch(text); m != nil {
				t.Errorf("%s says %q: use usted: %q", name, m[1], text)
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d Spanish texts checked in %v", n, files)
	}
}

// spanish returns every value under an "es" key in a decoded YAML
// document.
func spanish(doc any) []string {
	var out []string
	switch v := doc.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "es" {
				out = append(out, s)
			} else {
				out = append(out, spanish(x)...)
			}
		}
	case []any:
		for _, x := range v {
			out = append(out, spanish(x)...)
		}
	}
	return out
}
