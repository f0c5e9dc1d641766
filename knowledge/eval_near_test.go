package knowledge

import (
	"path/filepath"
	"strings"
	"testing"
)

// nearTopics are the nine topics added on 4 December, by language: the
// in-domain sets (eval/near-*.jsonl) ask each of them three times per half.
var nearTopics = map[string][]string{
	"es": {"moodle-matricular-estudiantes", "moodle-asistencia", "moodle-calificar-tareas", "moodle-avisos-mensajes",
		"moodle-grupos", "moodle-perfil-correo", "reservar-mentoria", "moodle-participar-foro", "moodle-notificaciones"},
	"en": {"moodle-enrol-students", "moodle-attendance", "moodle-grade-assignments", "moodle-announcements-messages",
		"moodle-groups", "moodle-profile-email", "book-mentoring", "moodle-forum-post", "moodle-notifications"},
}

// nearFloors hold the in-domain sets at the figures the README shows,
// measured once the nine articles were in and the rules chosen again,
// minus one question (27 answerable, 20 unknown topics per half). An
// unknown topic here is close to the base's vocabulary ("a co-teacher",
// "H5P"), and some get a direct answer: the floor holds the measured share,
// not the built-in sets' "never" (see the README).
var nearFloors = map[string]builtinFloor{
	"es-dev": {p1: (23 - 1) / 27.0, recall3: (26 - 1) / 27.0, mrr: 0.901 - 1/27.0,
		answered: (11 - 1) / 27.0, precise: (11 - 1) / 14.0, found: (26 - 1) / 27.0,
		unknownNotAnswered: (17 - 1) / 20.0},
	"es-test": {p1: (23 - 1) / 27.0, recall3: (26 - 1) / 27.0, mrr: 0.914 - 1/27.0,
		answered: (17 - 1) / 27.0, precise: (17 - 1) / 18.0, found: (26 - 1) / 27.0,
		unknownNotAnswered: (19 - 1) / 20.0},
	"en-dev": {p1: (19 - 1) / 27.0, recall3: (24 - 1) / 27.0, mrr: 0.796 - 1/27.0,
		answered: (11 - 1) / 27.0, precise: (10 - 1) / 14.0, found: (23 - 1) / 27.0,
		unknownNotAnswered: (17 - 1) / 20.0},
	"en-test": {p1: (18 - 1) / 27.0, recall3: (23 - 1) / 27.0, mrr: 0.786 - 1/27.0,
		answered: (10 - 1) / 27.0, precise: (8 - 1) / 14.0, found: (21 - 1) / 27.0,
		unknownNotAnswered: (16 - 1) / 20.0},
}

// TestEvaluate_Near holds the built-in base at the figures the README
// shows for the in-domain sets, dev and test separately.
func TestEvaluate_Near(t *testing.T) {
	eachHalf(t, func(t *testing.T, b *Base, lang, split string) {
		f, ok := nearFloors[lang+"-"+split]
		if !ok {
			t.Fatalf("no floors for %s-%s", lang, split)
		}
		f.check(t, Evaluate(b, readQuestions(t, nearSetPath(lang, split))))
	})
}

// TestNearSets_Shape: each in-domain half says whether it may be tuned on
// and holds three messages for each new topic and 20 unknown topics, in
// its language, each with the asker's role; no message is in both halves.
func TestNearSets_Shape(t *testing.T) {
	for lang, topics := range nearTopics {
		seen := map[string]bool{}
		for _, split := range []string{"dev", "test"} {
			path := nearSetPath(lang, split)
			want := map[string]string{"dev": "may be used to tune", "test": "never read it to tune"}[split]
			if h := firstLineHeader(t, path); !strings.Contains(h, want) {
				t.Errorf("%s: header %q does not say %q", path, h, want)
			}
			per, unknown := map[string]int{}, 0
			for _, q := range readQuestions(t, path) {
				if q.Lang != lang || q.Audience == "" || q.Kind != "" || seen[strings.ToLower(q.Q)] {
					t.Errorf("%s: %+v: another language, no role, small talk or in both halves", path, q)
				}
				seen[strings.ToLower(q.Q)] = true
				if q.Expect == "" {
					unknown++
				} else {
					per[q.Expect]++
				}
			}
			for _, id := range topics {
				if per[id] != 3 {
					t.Errorf("%s: %d messages for %s, want 3", path, per[id], id)
				}
			}
			if len(per) != len(topics) || unknown != 20 {
				t.Errorf("%s: topics %v and %d unknown topics, want the nine and 20", path, per, unknown)
			}
		}
	}
}

// TestEvalSets_Audience: in every set, a message that expects an article
// written for teachers (or students) is asked by a teacher (or a student),
// as in the bot, where nobody is shown the other role's articles; and
// every expected article is in the built-in base.
func TestEvalSets_Audience(t *testing.T) {
	b := builtinBase(t)
	paths, err := filepath.Glob("eval/*.jsonl")
	if err != nil || len(paths) < 14 {
		t.Fatalf("sets %v (%v)", paths, err)
	}
	for _, path := range paths {
		for _, q := range readQuestions(t, path) {
			if q.Expect == "" {
				continue
			}
			a, ok := b.Article(q.Expect)
			switch {
			case !ok:
				t.Errorf("%s: %q expects %q, which is not an article", path, q.Q, q.Expect)
			case a.Audience != "all" && q.Audience != a.Audience:
				t.Errorf("%s: %q expects %s, written for %s, and is asked by %q", path, q.Q, a.ID, a.Audience, q.Audience)
			}
		}
	}
}
