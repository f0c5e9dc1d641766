package aulabot

import "testing"

// TestGroupQuestions_Accents: accents and case do not split a group.
func TestGroupQuestions_Accents(t *testing.T) {
	g := GroupQuestions([]Question{{ID: 1, Text: "Olvidé mi CONTRASEÑA del aula"}, {ID: 2, Text: "olvide mi contrasena del aula"}, {ID: 3, Text: "horario de clases"}})
	if len(g) != 2 || len(g[0]) != 2 {
		t.Errorf("groups = %v", g)
	}
}

// TestGroupQuestions_WordForms: a noun, a participle and an infinitive of
// one verb, and English -ing and -ed forms, land in one group; different
// topics do not.
func TestGroupQuestions_WordForms(t *testing.T) {
	qs := []Question{
		{ID: 1, Text: "¿Dónde está la clase grabada?"},
		{ID: 2, Text: "¿Dónde veo la grabación de la clase?"},
		{ID: 3, Text: "¿Cómo grabar la clase?"},
		{ID: 4, Text: "Where is the class recording?"},
		{ID: 5, Text: "class recorded where"},
		{ID: 6, Text: "¿Cuándo abren las becas?"},
	}
	g := GroupQuestions(qs)
	if len(g) != 3 || len(g[0]) != 3 || len(g[1]) != 2 || len(g[2]) != 1 {
		t.Fatalf("groups = %v", g)
	}
	for _, q := range g[0] {
		if q.ID > 3 {
			t.Errorf("the Spanish group holds %v", q)
		}
	}
}

// TestFormStem: an ending goes only when the stem keeps minFormStem letters.
func TestFormStem(t *testing.T) {
	for in, want := range map[string]string{
		"grabada": "grab", "grabacion": "grab", "grabar": "grab", "grabaciones": "grab",
		"clase": "clas", "clases": "clas", "recording": "record", "recorded": "record",
		"aula": "aula", "aulas": "aula", "mesa": "mesa", "meses": "mese", "examenes": "examen", "virtual": "virtual",
	} {
		if got := formStem(in); got != want {
			t.Errorf("formStem(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzGroupQuestions: every question lands in exactly one group, and a
// group's first question is its most recent.
func FuzzGroupQuestions(f *testing.F) {
	f.Add("¿Dónde está la clase grabada?", "grabación de la clase", "class recordings")
	f.Add("", "ñ", "aaaa aaaaa")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		qs := []Question{{ID: 1, Text: a}, {ID: 2, Text: b}, {ID: 3, Text: c}, {ID: 4, Text: a + " " + b}}
		seen := map[uint64]int{}
		for _, g := range GroupQuestions(qs) {
			if len(g) == 0 {
				t.Fatal("an empty group")
			}
			for i, q := range g {
				seen[q.ID]++
				if i > 0 && q.ID > g[0].ID {
					t.Errorf("group %v does not start with its most recent", g)
				}
			}
		}
		for _, q := range qs {
			if seen[q.ID] != 1 {
				t.Errorf("question %d in %d groups", q.ID, seen[q.ID])
			}
		}
	})
}
