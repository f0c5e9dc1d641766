package knowledge

import (
	"slices"
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

// lineOf is the words of a message (talkWords) joined, each between
// spaces, as the cues are looked for in it: once for all of them.
func lineOf(words []string) string {
	return " " + strings.Join(words, " ") + " "
}

// failureOf reports whether the words of a message (line: lineOf)
// describe a failure only the technical team can fix (see failureCues),
// in either language.
func failureOf(line string) bool {
	if strings.TrimSpace(line) == "" {
		return false
	}
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

// mentionsLMS reports whether the words of a message (line: lineOf) name
// the virtual classroom (lmsCues), in either language.
func mentionsLMS(line string) bool {
	for _, c := range lmsCues {
		if strings.Contains(line, " "+c+" ") {
			return true
		}
	}
	return false
}

// urgentCues are words and phrases with which people say their trouble
// cannot wait; troubleCues those with which they say something does not
// work. Both are read as talkWords reads a message (folded, squeezed:
// "immediately" is "imediately"), once (cueLines).
var (
	urgentCues = cueLines(
		"urgente", "urgentemente", "urge", "urgencia", "emergencia", "ahora mismo", "ya mismo", "de inmediato",
		"inmediatamente", "en este momento", "ya empieza", "ya comienza", "esta por empezar", "esta por comenzar",
		"urgent", "urgently", "asap", "right now", "emergency", "immediately", "about to start", "starting now")
	troubleCues = cueLines(
		"no carga", "no abre", "no funciona", "no puedo", "no me deja", "no sirve", "no entra", "no responde",
		"no se ve", "no se escucha", "no anda", "no logro", "se traba", "se congela", "se cuelga", "se cierra",
		"not loading", "wont load", "wont open", "doesnt work", "does not work", "not working", "cant", "cannot",
		"unable", "stuck", "frozen", "keeps crashing", "wont let me")
	// minuteWords follow "en N" or "in N" in a class or an exam that
	// starts in minutes ("mi clase empieza en 10 minutos").
	minuteWords = map[string]bool{"minutos": true, "minuto": true, "min": true, "mins": true, "minutes": true, "minute": true}
)

// cueLines are phrases as talkWords reads them, each between spaces.
func cueLines(phrases ...string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		words, _ := talkWords(p)
		out[i] = lineOf(words)
	}
	return out
}

// urgentTroubleOf reports whether the words of a message (talkWords;
// line: lineOf) say that something does not work (troubleCues) and cannot
// wait (urgentCues, or minutes named: "en 10 minutos"): whatever article
// answers it, the asker needs the team's way in at once. Until 6 December "urgente: el
// aula virtual no carga y mi clase empieza en 10 minutos" got an article
// on designing a course and no way to the team (seen in the sandbox).
func urgentTroubleOf(words []string, line string) bool {
	if len(words) < 2 {
		return false
	}
	has := func(cues []string) bool {
		return slices.ContainsFunc(cues, func(c string) bool { return strings.Contains(line, c) })
	}
	if !has(troubleCues) {
		return false
	}
	for i := 0; i+2 < len(words); i++ {
		if (words[i] == "en" || words[i] == "in") && isNumber(words[i+1]) && minuteWords[words[i+2]] {
			return true
		}
	}
	return has(urgentCues)
}

// isNumber reports whether w is digits only.
func isNumber(w string) bool {
	return w != "" && strings.Trim(w, "0123456789") == ""
}
