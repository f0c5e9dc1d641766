package service

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
)

// Typed reads text, typed at onboarding's step st instead of pressing a
// button, as that step's choice: a language ("español", "castellano",
// "English", "inglés"), a university (its id, its name, or words of its
// name that name no other: "la de montealto"), or a role ("docente",
// "profesora", "soy estudiante", "alumno", "teacher"). Case, accents and
// marks do not matter (aulabot.TypedWords). At the role step, "otra
// universidad" is OtherUniversity. False when text names none,
// or more than one university: the step is asked again. Until 6 December
// typed words were held as a question, or, for "español", dropped, and
// the step was asked again without a word (seen in the sandbox).
func (s *Onboarding) Typed(st aulabot.State, text string) (string, bool) {
	if !FlowOnboard.In(st) {
		return "", false
	}
	key := typedKey(text)
	if key == "" {
		return "", false
	}
	switch st.Step {
	case OnboardLanguage:
		v, ok := typedLanguages[key]
		return v, ok
	case OnboardRole:
		if typedOther[key] {
			return OtherUniversity, true
		}
		v, ok := typedRoles[key]
		return v, ok
	case OnboardUniversity:
		return s.typedUniversity(key)
	}
	return "", false
}

// typedKey is text as Typed matches it: its words (aulabot.TypedWords)
// without a leading "soy", "I am", "en" or "in".
func typedKey(text string) string {
	key := aulabot.TypedWords(text)
	for _, lead := range []string{"soy ", "i am ", "i m ", "im ", "en ", "in "} {
		key = strings.TrimPrefix(key, lead)
	}
	return key
}

// TypedLanguage reads text as a language the bot speaks, as Typed does at
// onboarding's first step ("english", "en español"): /language typed
// with one, or asked for in its words, changes to it at once.
func TypedLanguage(text string) (string, bool) {
	v, ok := typedLanguages[typedKey(text)]
	return v, ok
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

// typedOther are the words of the role step's button for another
// university, as typedKey reads them.
var typedOther = map[string]bool{
	"de otra universidad": true, "otra universidad": true, "otra": true, "de otra": true,
	"from another university": true, "another university": true, "another one": true, "other university": true,
}

// typedUniversity is the university key names: its id or its whole name,
// or else the one university whose id and name hold every word of key but
// the little ones ("la de montealto", "soy de la unma", "valle sur",
// "from Montealto"); words of two names ("nacional") name none, nor do
// other words ("no puedo entrar a la unma": a question, not a choice).
func (s *Onboarding) typedUniversity(key string) (string, bool) {
	var words []string
	for _, w := range strings.Fields(key) {
		if !uniFiller[w] {
			words = append(words, w)
		}
	}
	found := ""
	for _, u := range s.Config.Universities {
		id, name := aulabot.TypedWords(u.ID), aulabot.TypedWords(u.Name)
		if key == id || key == name {
			return u.ID, true
		}
		named := append(strings.Fields(name), id)
		if len(words) == 0 || slices.ContainsFunc(words, func(w string) bool { return !slices.Contains(named, w) }) {
			continue
		}
		if found != "" {
			return "", false // words of two names: which is not for the bot to guess
		}
		found = u.ID
	}
	return found, found != ""
}

// uniFiller are the little words around a university's name as people
// type it ("soy de la unma", "from the university of …", "no, la de …").
var uniFiller = map[string]bool{
	"no": true, "la": true, "el": true, "de": true, "del": true, "en": true, "soy": true, "mi": true, "es": true, "universidad": true,
	"from": true, "the": true, "of": true, "at": true, "my": true, "is": true, "university": true,
}

// StepWord reports whether text reads as a choice of some onboarding step
// (a language, a role): typed at another step, it is no question to hold
// for the end.
func (s *Onboarding) StepWord(text string) bool {
	for _, step := range []string{OnboardLanguage, OnboardRole} {
		if _, ok := s.Typed(FlowOnboard.At(step, Onboard{}), text); ok {
			return true
		}
	}
	return false
}
