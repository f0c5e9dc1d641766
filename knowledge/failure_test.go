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
		if got := failureOf(lineOf(words)); got != want {
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
		if got := mentionsLMS(lineOf(words)); got != want {
			t.Errorf("mentionsLMS(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestUrgentTrouble: something that does not work and cannot wait (a
// class starting in minutes, "urgente") asks for the team's way in;
// urgency without trouble, or trouble without urgency, does not.
func TestUrgentTrouble(t *testing.T) {
	for text, want := range map[string]bool{
		"urgente: el aula virtual no carga y mi clase empieza en 10 minutos": true,
		"URGENTE no puedo entrar a moodle!!":                                 true,
		"no me deja subir las notas, mi clase empieza en 5 min":              true,
		"la videollamada se congela y tengo examen ahora mismo":              true,
		"the platform won't load and my class starts in 15 minutes":          true,
		"urgent, i can't open the quiz":                                      true,
		"zoom is frozen right now":                                           true,
		"urgente: como hago una rubrica":                                     false,
		"el aula virtual no carga":                                           false,
		"la clase empieza en 10 minutos":                                     false,
		"no puedo":                                                           false,
		"urgente":                                                            false,
		"what is an urgent assignment and how do i grade it":                 false,
		"": false,
	} {
		words, _ := talkWords(text)
		if got := urgentTroubleOf(words, lineOf(words)); got != want {
			t.Errorf("urgentTroubleOf(%q) = %v, want %v", text, got, want)
		}
	}
}
