package service

import (
	"strings"

	"github.com/aulabot/aulabot"
)

// Typed reads text, typed at onboarding's step st instead of pressing a
// button, as that step's choice: a language ("español", "castellano",
// "English", "inglés"), a university (its id, its name, or words of its
// name that name no other: "montealto"), or a role ("docente",
// "profesora", "soy estudiante", "alumno", "teacher"). Case, accents and
// marks do not matter (aulabot.TypedWords). False when text names none,
// or more than one university: the step is asked again. Until 6 December
// typed words were held as a question, or, for "español", dropped, and
// the step was asked again without a word (seen in the sandbox).
func (s *Onboarding) Typed(st aulabot.State, text string) (string, bool) {
	if !FlowOnboard.In(st) {
		return "", false
	}
	key := aulabot.TypedWords(text)
	for _, lead := range []string{"soy ", "i am ", "i m ", "im ", "en "} {
		key = strings.TrimPrefix(key, lead)
	}
	if key == "" {
		return "", false
	}
	switch st.Step {
	case OnboardLanguage:
		v, ok := typedLanguages[key]
		return v, ok
	case OnboardRole:
		v, ok := typedRoles[key]
		return v, ok
	case OnboardUniversity:
		return s.typedUniversity(key)
	}
	return "", false
}

// typedLanguages are the words for the languages the bot speaks, as
// TypedWords reads them.
var typedLanguages = map[string]string{
	"espanol": aulabot.LangES, "castellano": aulabot.LangES, "spanish": aulabot.LangES, "es": aulabot.LangES,
	"english": aulabot.LangEN, "ingles": aulabot.LangEN, "en": aulabot.LangEN,
}

// typedRoles are the words for teacher and student, as TypedWords reads
// them, after "soy" or "I am".
var typedRoles = map[string]string{
	"docente": aulabot.RoleTeacher, "profesor": aulabot.RoleTeacher, "profesora": aulabot.RoleTeacher, "profe": aulabot.RoleTeacher,
	"maestro": aulabot.RoleTeacher, "maestra": aulabot.RoleTeacher, "teacher": aulabot.RoleTeacher, "a teacher": aulabot.RoleTeacher,
	"lecturer": aulabot.RoleTeacher, "a lecturer": aulabot.RoleTeacher,
	"estudiante": aulabot.RoleStudent, "alumno": aulabot.RoleStudent, "alumna": aulabot.RoleStudent,
	"student": aulabot.RoleStudent, "a student": aulabot.RoleStudent,
}

// typedUniversity is the university key names: its id or its whole name,
// or else the one university whose name holds key as whole words of at
// least five letters ("montealto", "nacional de montealto").
func (s *Onboarding) typedUniversity(key string) (string, bool) {
	found := ""
	for _, u := range s.Config.Universities {
		name := aulabot.TypedWords(u.Name)
		if key == aulabot.TypedWords(u.ID) || key == name {
			return u.ID, true
		}
		if len(key) >= 5 && strings.Contains(" "+name+" ", " "+key+" ") {
			if found != "" {
				return "", false // words of two names: which is not for the bot to guess
			}
			found = u.ID
		}
	}
	return found, found != ""
}
