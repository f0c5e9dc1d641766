package service

import (
	"regexp"
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
)

// What a person says of themselves while onboarding: "soy docente de la
// UNMA y no puedo entrar al aula" names the university, which is then
// not asked. Until 6 December it was asked all the same, and "soy
// estudiante de la unma" was held as a question and searched for after
// the last step (seen in the sandbox).

// OtherUniversity is the university "picked" by the role step's button
// for another university than the one read from the person's words: the
// university step is asked.
const OtherUniversity = "-"

// Named is st, the state of a person onboarding, after their message
// text: a university it names is theirs from now on, as a deep link's
// is. A sentence names one only while none is known ("soy docente de la
// UNMA y …"); a university typed alone changes it at the role step too
// ("no, la de Valle Sur"). At the university step the role step comes
// next. st unchanged when text names none, or more than one.
func (s *Onboarding) Named(st aulabot.State, text string) aulabot.State {
	d, ok := FlowOnboard.Data(st)
	if !ok {
		return st
	}
	id, typed := s.typedUniversity(typedKey(text))
	if !typed && d.University == "" {
		id = s.namedUniversity(text)
	}
	if id == "" || id == d.University {
		return st
	}
	d.University, d.Read = id, true
	step := st.Step
	if step == OnboardUniversity {
		step = OnboardRole
	}
	return FlowOnboard.At(step, d)
}

// ReadUniversity reports whether the university of onboarding's state st
// was read from the person's words (Named), not pressed: the role step
// then offers another (OtherUniversity).
func ReadUniversity(st aulabot.State) bool {
	d, _ := FlowOnboard.Data(st)
	return d.Read
}

// TapsLeft is how many buttons a person onboarding (st) has still to
// press: the language, the university unless it is known, the role.
func TapsLeft(st aulabot.State) int {
	d, _ := FlowOnboard.Data(st)
	switch {
	case st.Step == OnboardRole:
		return 1
	case st.Step == OnboardUniversity || d.University != "":
		return 2
	}
	return 3
}

// namedUniversity is the one university whose id is a word of text
// ("unma"), or whose name's own words (those of no other university's
// name, and not little ones) are all words of text ("montealto", "valle
// … sur"); "" when none is, or more than one.
func (s *Onboarding) namedUniversity(text string) string {
	words := strings.Fields(aulabot.TypedWords(text))
	found := ""
	for _, u := range s.Config.Universities {
		own := s.ownWords(u)
		if !slices.Contains(words, aulabot.TypedWords(u.ID)) &&
			(len(own) == 0 || slices.ContainsFunc(own, func(w string) bool { return !slices.Contains(words, w) })) {
			continue
		}
		if found != "" {
			return ""
		}
		found = u.ID
	}
	return found
}

// ownWords are the words of university u's name that no other
// university's name has and that are not little ones ("montealto" of the
// Universidad Nacional de Montealto, beside the Universidad Nacional del
// Valle Sur).
func (s *Onboarding) ownWords(u aulabot.University) []string {
	var own []string
	for _, w := range strings.Fields(aulabot.TypedWords(u.Name)) {
		if uniFiller[w] || slices.ContainsFunc(s.Config.Universities, func(o aulabot.University) bool {
			return o.ID != u.ID && slices.Contains(strings.Fields(aulabot.TypedWords(o.Name)), w)
		}) {
			continue
		}
		own = append(own, w)
	}
	return own
}

// Introduction reports whether text only says who the person is, with
// nothing to answer: a greeting, their names (names, as Telegram gives
// them), a role, a university and the little words between ("hola, soy
// Lucía, estudiante de la UNMA"; "I'm a teacher at Valle Sur"). It is no
// question to hold for after the last step.
func (s *Onboarding) Introduction(text string, names ...string) bool {
	known := map[string]bool{}
	for _, n := range names {
		for _, w := range strings.Fields(aulabot.TypedWords(n)) {
			known[w] = true
		}
	}
	for _, u := range s.Config.Universities {
		known[aulabot.TypedWords(u.ID)] = true
		for _, w := range strings.Fields(aulabot.TypedWords(u.Name)) {
			known[w] = true
		}
	}
	words := strings.Fields(aulabot.TypedWords(text))
	for _, w := range words {
		if !known[w] && !uniFiller[w] && !introWords[w] && typedRoles[w] == "" {
			return false
		}
	}
	return len(words) > 0
}

// Introduced is text without the clauses at its start that only say
// who the person is (Introduction): "hola soy estudiante de valle sur,
// ¿cuándo es mi próxima mentoría?" is "¿cuándo es mi próxima mentoría?",
// "soy docente de la UNMA y quiero reservar una mentoría" is "quiero
// reservar una mentoría". text itself when it begins otherwise; "" when
// no words follow the introduction. Clauses end at punctuation and at
// "y" or "and" between words.
func (s *Onboarding) Introduced(text string, names ...string) string {
	rest := text
	for {
		end := clauseEnd.FindStringIndex(rest)
		if end == nil {
			if aulabot.TypedWords(rest) == "" || s.Introduction(rest, names...) {
				return ""
			}
			return strings.TrimSpace(rest)
		}
		if clause := rest[:end[0]]; aulabot.TypedWords(clause) != "" && !s.Introduction(clause, names...) {
			return strings.TrimSpace(rest)
		}
		rest = rest[end[1]:]
	}
}

// clauseEnd is where a clause of a sentence ends (Introduced); an
// opening ¿ or ¡ stays with the clause it opens.
var clauseEnd = regexp.MustCompile(`(?i)[,.;:!?\n]|\s(?:y|and)\s`)

// introWords are the words of a greeting and of saying who one is,
// beside the roles (typedRoles) and a university's little words
// (uniFiller), as TypedWords reads them.
var introWords = map[string]bool{
	"hola": true, "buenas": true, "buenos": true, "buen": true, "dia": true, "dias": true, "tardes": true, "noches": true,
	"saludos": true, "me": true, "llamo": true, "nombre": true, "y": true, "un": true, "una": true, "estudio": true,
	"trabajo": true, "enseno": true, "doy": true, "clases": true, "aqui": true, "hi": true, "hello": true, "hey": true,
	"good": true, "morning": true, "afternoon": true, "evening": true, "i": true, "am": true, "m": true, "im": true,
	"a": true, "an": true, "name": true, "and": true, "study": true, "work": true, "teach": true, "here": true,
}
