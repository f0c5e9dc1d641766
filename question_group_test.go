package aulabot

import "testing"

// TestGroupQuestions_Accents: accents and case do not split a group.
func TestGroupQuestions_Accents(t *testing.T) {
	g := GroupQuestions([]Question{{ID: 1, Text: "Olvidé mi CONTRASEÑA del aula"}, {ID: 2, Text: "olvide mi contrasena del aula"}, {ID: 3, Text: "horario de clases"}})
	if len(g) != 2 || len(g[0]) != 2 {
		t.Errorf("groups = %v", g)
	}
}
