package knowledge

import "testing"

func TestFailure(t *testing.T) {
	for text, want := range map[string]bool{
		"me sale error 500 en el aula virtual":    true,
		"el aula virtual esta caida":              true,
		"el campus no funciona para nadie":        true,
		"desaparecio mi nota del parcial":         true,
		"me bloquearon la cuenta":                 true,
		"the virtual classroom is down":           true,
		"my grade disappeared from the gradebook": true,
		"admin locked my account":                 true,
		"404 when opening the quiz":               true,
		"como entrego mi tarea":                   false,
		"how do i download my course":             false,
		"como corrijo los errores de mis alumnos": false,
		"gracias": false,
		"":        false,
		"my errors in the essay, how do i learn from": false,
	} {
		words, _ := talkWords(text)
		if got := failureOf(words); got != want {
			t.Errorf("failureOf(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestMentionsLMS: words that name the virtual classroom, in either
// language and as phones type them; others do not.
func TestMentionsLMS(t *testing.T) {
	for text, want := range map[string]bool{
		"no puedo entrar al aula virtual":        true,
		"No puedo entrar al AULA VIRTUAL!!":      true,
		"como subo un video a moodle":            true,
		"la plataforma no carga":                 true,
		"i cant log in to the virtual classroom": true,
		"the platform is slow":                   true,
		"como hago una rubrica":                  false,
		"how do i keep my students engaged":      false,
		"moodles":                                false,
		"":                                       false,
	} {
		words, _ := talkWords(text)
		if got := mentionsLMS(words); got != want {
			t.Errorf("mentionsLMS(%q) = %v, want %v", text, got, want)
		}
	}
}
