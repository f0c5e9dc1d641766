package knowledge

import (
	"strings"
)

// failureCues are words and phrases (folded, lowercase) with which people
// describe a failure that no article can solve, only the technical team:
// an account an administrator locked, an error page, the virtual
// classroom down for everyone, a grade or a submission that disappeared.
// A phrase matches whole words in order.
var failureCues = map[string][]string{
	"es": {
		"error", "pagina de error", "404", "500", "502", "503",
		"bloquearon", "bloqueada", "bloqueado", "suspendieron", "suspendida", "suspendido", "deshabilitada", "deshabilitado",
		"caido", "caida", "se cayo", "esta caido", "esta caida", "no funciona para nadie", "a nadie le", "a todos nos",
		"desaparecio", "desaparecieron", "desaparecida", "desaparecido", "borraron", "se borro", "se borraron", "ya no aparece mi nota",
		"servidor", "mantenimiento", "excepcion",
	},
	"en": {
		"error", "error page", "404", "500", "502", "503",
		"locked by", "admin locked", "blocked", "suspended", "disabled",
		"down", "is down", "outage", "not working for anyone", "nobody can", "no one can",
		"disappeared", "vanished", "gone missing", "deleted my", "was deleted", "got deleted", "wiped",
		"server", "maintenance", "exception", "crashed for everyone",
	},
}

// failureOf reports whether the words of a message (talkWords) describe a
// failure only the technical team can fix (see failureCues), in either
// language.
func failureOf(words []string) bool {
	if len(words) == 0 {
		return false
	}
	line := " " + strings.Join(words, " ") + " "
	for _, cues := range failureCues {
		for _, c := range cues {
			if strings.Contains(line, " "+c+" ") {
				return true
			}
		}
	}
	return false
}

// lmsCues are words and phrases (folded, lowercase) that name the virtual
// classroom itself: a question with one of them is about something an
// outage of it stops ("no puedo entrar al aula virtual", "cómo subo un
// video a moodle").
var lmsCues = []string{
	"aula virtual", "aula", "moodle", "plataforma", "campus virtual", "lms",
	"virtual classroom", "platform", "online campus",
}

// mentionsLMS reports whether the words of a message (talkWords) name
// the virtual classroom (lmsCues), in either language.
func mentionsLMS(words []string) bool {
	line := " " + strings.Join(words, " ") + " "
	for _, c := range lmsCues {
		if strings.Contains(line, " "+c+" ") {
			return true
		}
	}
	return false
}
