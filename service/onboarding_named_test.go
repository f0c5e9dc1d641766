package service_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// A university named in what a person writes while onboarding is theirs:
// in a sentence while none is known, typed alone at the role step too;
// at the university step the role comes next. Words of two names, or of
// none, change nothing, nor does a sentence once one is known.
func TestOnboarding_Named(t *testing.T) {
	o := newOnboarding()
	at := func(step, uni string) aulabot.State {
		return service.FlowOnboard.At(step, service.Onboard{University: uni})
	}
	for _, tc := range []struct {
		name     string
		st       aulabot.State
		text     string
		step     string // want
		uni      string // want
		wantRead bool
	}{
		{"id in a sentence", at(service.OnboardLanguage, ""), "Buenas, soy docente de la UNMA y no puedo entrar al aula virtual", service.OnboardLanguage, "unma", true},
		{"own word in a sentence", at(service.OnboardLanguage, ""), "hi, I study at Montealto", service.OnboardLanguage, "unma", true},
		{"all own words", at(service.OnboardUniversity, ""), "soy estudiante del Valle Sur", service.OnboardRole, "unvs", true},
		{"one own word of two", at(service.OnboardUniversity, ""), "vivo en el sur", service.OnboardUniversity, "", false},
		{"shared words only", at(service.OnboardLanguage, ""), "soy de la universidad nacional", service.OnboardLanguage, "", false},
		{"two universities", at(service.OnboardLanguage, ""), "me cambié de la unma a la unvs", service.OnboardLanguage, "", false},
		{"none", at(service.OnboardLanguage, ""), "como subo una tarea", service.OnboardLanguage, "", false},
		{"a word inside another", at(service.OnboardLanguage, ""), "unmatched grades", service.OnboardLanguage, "", false},
		{"sentence once known", at(service.OnboardRole, "unma"), "la tarea de valle sur", service.OnboardRole, "unma", false},
		{"typed alone at the role step", at(service.OnboardRole, "unma"), "no, la de Valle Sur", service.OnboardRole, "unvs", true},
		{"the same typed again", at(service.OnboardRole, "unma"), "Montealto", service.OnboardRole, "unma", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := o.Named(tc.st, tc.text)
			d, ok := service.FlowOnboard.Data(got)
			if !ok || got.Step != tc.step || d.University != tc.uni || service.ReadUniversity(got) != tc.wantRead {
				t.Errorf("Named(%q) = step %q uni %q read %v, want %q %q %v", tc.text, got.Step, d.University, service.ReadUniversity(got), tc.step, tc.uni, tc.wantRead)
			}
		})
	}
	if got := o.Named(aulabot.State{}, "soy de la unma"); got.Flow != "" {
		t.Errorf("Named outside onboarding = %+v, want no flow", got)
	}
}

// The role step's button for another university goes back to the
// university step, forgetting the one read; a university pressed is not
// read.
func TestOnboarding_OtherUniversity(t *testing.T) {
	o := newOnboarding()
	st := o.Named(service.FlowOnboard.At(service.OnboardUniversity, service.Onboard{Lang: "es"}), "soy de la unma")
	step, err := o.PickUniversity(st, service.OtherUniversity)
	d, _ := service.FlowOnboard.Data(step.State)
	if err != nil || step.State.Step != service.OnboardUniversity || d.University != "" || d.Read || d.Lang != "es" {
		t.Fatalf("another university = %+v %+v, %v; want the university step, the language kept", step.State, d, err)
	}
	step, err = o.PickUniversity(step.State, "unvs")
	if err != nil || step.State.Step != service.OnboardRole || service.ReadUniversity(step.State) {
		t.Errorf("pressed = %+v, %v; want the role step, not read", step.State, err)
	}
	if _, err := o.PickUniversity(aulabot.State{}, service.OtherUniversity); !isStale(err) {
		t.Errorf("another university outside onboarding: %v, want a stale button", err)
	}
	if v, ok := o.Typed(step.State, "otra universidad"); !ok || v != service.OtherUniversity {
		t.Errorf(`"otra universidad" typed at the role step = %q %v`, v, ok)
	}
}

// Words that only say who a person is are no question to hold: a
// university's name typed at the role step, as "Montealto" was (seen in
// the sandbox), is one.
func TestOnboarding_Introduction(t *testing.T) {
	o := newOnboarding()
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"soy estudiante de la unma", true},
		{"Montealto", true},
		{"Hola, soy Lucía, estudiante de la UNMA", true},
		{"buenas tardes, soy profesora en Valle Sur", true},
		{"Hi! I'm a teacher at the Universidad Nacional de Montealto", true},
		{"soy docente de la UNMA y no puedo entrar al aula virtual", false},
		{"soy Pedro", false}, // not the person's name
		{"como entrego mi tarea", false},
		{"", false},
		{"!!!", false},
	} {
		if got := o.Introduction(tc.text, "Lucía", "Quispe"); got != tc.want {
			t.Errorf("Introduction(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// Whatever is written, Named keeps the person onboarding, at their step
// or the role's, with their university or a configured one; Introduction
// does not fail.
func FuzzOnboarding_Named(f *testing.F) {
	for _, s := range []string{"soy docente de la UNMA", "valle sur", "no, la de montealto", "", "🙂", "unma unvs", "de de de"} {
		f.Add(s)
	}
	o := newOnboarding()
	f.Fuzz(func(t *testing.T, text string) {
		for _, step := range []string{service.OnboardLanguage, service.OnboardUniversity, service.OnboardRole} {
			for _, uni := range []string{"", "unma"} {
				got := o.Named(service.FlowOnboard.At(step, service.Onboard{University: uni}), text)
				d, ok := service.FlowOnboard.Data(got)
				_, configured := o.Config.University(d.University)
				if !ok || (got.Step != step && got.Step != service.OnboardRole) || (d.University != uni && !configured) {
					t.Fatalf("Named(%q) at %s with %q = %+v %+v", text, step, uni, got, d)
				}
			}
		}
		o.Introduction(text, text)
	})
}

// Introduced drops the clauses that only introduce the person, at the
// start only; a sentence that begins otherwise is left whole.
func TestOnboarding_Introduced(t *testing.T) {
	o := newOnboarding()
	for _, tc := range []struct{ text, want string }{
		{"hola soy estudiante de valle sur, ¿cuándo es mi próxima mentoría?", "¿cuándo es mi próxima mentoría?"},
		{"Hola, soy docente de la UNMA y quiero reservar una mentoría", "quiero reservar una mentoría"},
		{"Hi! I'm a teacher at Valle Sur and I want to book a mentoring session", "I want to book a mentoring session"},
		{"¡Hola! Soy Lucía. ¿Cómo entrego mi tarea?", "¿Cómo entrego mi tarea?"},
		{"quiero reservar una mentoría", "quiero reservar una mentoría"},
		{"no puedo entrar, soy docente de la UNMA", "no puedo entrar, soy docente de la UNMA"},
		{"Hola, soy Lucía, estudiante de la UNMA", ""},
		{"", ""},
	} {
		if got := o.Introduced(tc.text, "Lucía", "Quispe"); got != tc.want {
			t.Errorf("Introduced(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Whatever is written, Introduced is text's end, trimmed, or nothing when
// text only introduces the person.
func FuzzOnboarding_Introduced(f *testing.F) {
	for _, s := range []string{"hola, soy docente y quiero reservar", "¿¿", "y y y", "", "soy Ana. ok", " , and "} {
		f.Add(s)
	}
	o := newOnboarding()
	f.Fuzz(func(t *testing.T, text string) {
		got := o.Introduced(text, "Ana")
		if got != strings.TrimSpace(got) || !strings.HasSuffix(strings.TrimSpace(text), got) {
			t.Fatalf("Introduced(%q) = %q, not the end of the text", text, got)
		}
		if o.Introduction(text, "Ana") && got != "" {
			t.Fatalf("Introduced(%q) = %q, of an introduction", text, got)
		}
	})
}
