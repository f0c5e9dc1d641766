package service_test

import (
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// What people type at onboarding's steps reads as the step's button:
// the languages, the universities by id, name or words of one name, the
// roles; anything else, words of two names, or another step's words,
// do not.
func TestOnboarding_Typed(t *testing.T) {
	o := newOnboarding()
	at := func(step string) aulabot.State { return service.FlowOnboard.At(step, service.Onboard{}) }
	for _, tc := range []struct {
		step, typed, want string
	}{
		{service.OnboardLanguage, "español", aulabot.LangES},
		{service.OnboardLanguage, "En Español!", aulabot.LangES},
		{service.OnboardLanguage, "castellano", aulabot.LangES},
		{service.OnboardLanguage, "ENGLISH", aulabot.LangEN},
		{service.OnboardLanguage, "inglés", aulabot.LangEN},
		{service.OnboardLanguage, "es posible entrar", ""},
		{service.OnboardLanguage, "docente", ""},
		{service.OnboardUniversity, "UNMA", "unma"},
		{service.OnboardUniversity, "universidad nacional de montealto", "unma"},
		{service.OnboardUniversity, "Montealto", "unma"},
		{service.OnboardUniversity, "la de montealto", "unma"},
		{service.OnboardUniversity, "soy de la unma", "unma"},
		{service.OnboardUniversity, "valle sur", "unvs"},
		{service.OnboardUniversity, "from the Universidad Nacional del Valle Sur", "unvs"},
		{service.OnboardUniversity, "nacional", ""}, // both names
		{service.OnboardUniversity, "universidad", ""},
		{service.OnboardUniversity, "la de montealto y valle sur", ""},
		{service.OnboardUniversity, "no puedo entrar al aula de montealto", ""},
		{service.OnboardUniversity, "de", ""},
		{service.OnboardUniversity, "de la unma a la unvs", ""}, // two ids
		{service.OnboardUniversity, "no puedo entrar a la unma", ""},
		{service.OnboardUniversity, "no, la de Valle Sur", "unvs"},
		{service.OnboardRole, "otra universidad", service.OtherUniversity},
		{service.OnboardUniversity, "no se", ""},
		{service.OnboardRole, "docente", aulabot.RoleTeacher},
		{service.OnboardRole, "Soy profesora.", aulabot.RoleTeacher},
		{service.OnboardRole, "I am a teacher", aulabot.RoleTeacher},
		{service.OnboardRole, "alumno", aulabot.RoleStudent},
		{service.OnboardRole, "student", aulabot.RoleStudent},
		{service.OnboardRole, "soy docente de matematicas", ""},
		{service.OnboardRole, "staff", ""},
	} {
		got, ok := o.Typed(at(tc.step), tc.typed)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s step, %q: %q, %v; want %q", tc.step, tc.typed, got, ok, tc.want)
		}
	}
	for text, want := range map[string]bool{"Inglés": true, "soy alumno": true, "montealto": false, "¿cómo entrego una tarea?": false} {
		if got := o.StepWord(text); got != want {
			t.Errorf("StepWord(%q) = %v, want %v", text, got, want)
		}
	}
	if got, ok := o.Typed(aulabot.State{}, "docente"); ok {
		t.Errorf("outside onboarding, %q read as %q", "docente", got)
	}
}

// Whatever is typed, Typed answers a choice the step's buttons offer, or
// none.
func FuzzOnboarding_Typed(f *testing.F) {
	for _, s := range []string{"español", "la de montealto", "soy docente", "I am a student", "nacional", "", "🙂", "de de de"} {
		f.Add(s)
	}
	o := newOnboarding()
	offered := map[string]map[string]bool{
		service.OnboardLanguage:   {aulabot.LangES: true, aulabot.LangEN: true},
		service.OnboardRole:       {aulabot.RoleTeacher: true, aulabot.RoleStudent: true, service.OtherUniversity: true},
		service.OnboardUniversity: {},
	}
	for _, u := range o.Config.Universities {
		offered[service.OnboardUniversity][u.ID] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		for step, choices := range offered {
			if v, ok := o.Typed(service.FlowOnboard.At(step, service.Onboard{}), text); ok != (v != "") || ok && !choices[v] {
				t.Errorf("%s step, %q: %q, %v", step, text, v, ok)
			}
		}
	})
}
