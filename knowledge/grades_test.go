package knowledge

import (
	"slices"
	"testing"
)

// A teacher whose students cannot see their grades is shown the
// gradebook article, which says what hides them (a hidden item, the
// course's setting, a marking workflow, a quiz's review options); the
// student's article on seeing one's grades is not for teachers. Before
// the gradebook had that section it said nothing of it, and "grades are
// not visible to my students" did not bring it up. A student asking
// where their grade is still gets their own article.
func TestSearch_GradesStudentsCannotSee(t *testing.T) {
	b := builtinBase(t)
	shown := func(r Result) []string {
		var ids []string
		for _, h := range r.Shown() {
			ids = append(ids, h.Article.ID)
		}
		return ids
	}
	for _, c := range []struct{ lang, audience, q, want string }{
		{"es", "teacher", "mis estudiantes no pueden ver sus notas", "moodle-libro-calificaciones"},
		{"es", "teacher", "los alumnos no ven las calificaciones que publiqué", "moodle-libro-calificaciones"},
		{"en", "teacher", "my students can't see their grades", "moodle-gradebook"},
		{"en", "teacher", "grades are not visible to my students", "moodle-gradebook"},
		{"es", "student", "no veo mi nota del examen", "moodle-ver-mis-notas"},
		{"en", "student", "where do I see my grade for the quiz", "moodle-check-my-grades"},
	} {
		r := b.Search(Query{Text: c.q, Lang: c.lang, Audience: c.audience})
		if ids := shown(r); !slices.Contains(ids, c.want) {
			t.Errorf("%s %q: %s %v, want %s among them", c.audience, c.q, r.Confidence, ids, c.want)
		}
	}
}
