package service_test

import (
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

func newQuestions() *service.Questions { return service.New(config.Demo()).Questions }

// A question is recorded with its outcome counted; a deferred one gets its
// background job and is counted once its answer is written.
func TestQuestions_AskedAndDeferred(t *testing.T) {
	qs, s := newQuestions(), newStore(t)
	asker := aulabot.Question{UserID: 7, University: "unma", Role: aulabot.RoleTeacher, Lang: "es", Text: "¿cómo entrego la tarea?"}
	update(t, s, func(tx *store.Tx) error {
		q := asker
		q.Outcome, q.ArticleID = aulabot.OutcomeAnswer, "moodle-entregar-tarea"
		id, err := qs.Asked(tx, q)
		if err != nil {
			return err
		}
		got, ok, err := tx.Question(id)
		if err != nil || !ok || got.Outcome != aulabot.OutcomeAnswer || got.ArticleID != "moodle-entregar-tarea" {
			t.Errorf("stored %+v (%v, %v)", got, ok, err)
		}
		if n := tx.Counter("kb:answer"); n != 1 {
			t.Errorf("kb:answer = %d, want 1", n)
		}
		id, err = qs.Deferred(tx, asker)
		if err != nil {
			return err
		}
		jobs, err := tx.BackgroundJobs(10)
		if err != nil || len(jobs) != 1 {
			t.Fatalf("jobs %+v (%v), want the answer's", jobs, err)
		}
		if n := tx.Counter("kb:none"); n != 0 {
			t.Errorf("deferred question counted before its answer: %d", n)
		}
		if err := qs.Answered(tx, id, aulabot.OutcomeNone, ""); err != nil {
			return err
		}
		if n := tx.Counter("kb:none"); n != 1 {
			t.Errorf("kb:none = %d, want 1", n)
		}
		return qs.SmallTalk(tx)
	})
	update(t, s, func(tx *store.Tx) error {
		if n := tx.Counter("kb:smalltalk"); n != 1 {
			t.Errorf("kb:smalltalk = %d, want 1", n)
		}
		return nil
	})
}

// Feedback is the asker's, once; Helpful on an article picked among
// suggestions proposes the phrasing as its alias, and nothing else does.
func TestQuestions_Feedback(t *testing.T) {
	qs, s := newQuestions(), newStore(t)
	var picked, direct uint64
	update(t, s, func(tx *store.Tx) (err error) {
		picked, err = qs.Asked(tx, aulabot.Question{UserID: 7, Lang: "es", Text: "no me deja subir el trabajo", Outcome: aulabot.OutcomeSuggest})
		if err != nil {
			return err
		}
		direct, err = qs.Asked(tx, aulabot.Question{UserID: 7, Lang: "es", Text: "¿dónde veo mis notas?", Outcome: aulabot.OutcomeAnswer, ArticleID: "moodle-ver-notas"})
		return err
	})
	update(t, s, func(tx *store.Tx) error {
		if _, err := qs.Opened(tx, picked, aulabot.User{ID: 7}, "es", aulabot.KBArticle{ID: "moodle-entregar-tarea", Title: "Entregar"}); err != nil {
			return err
		}
		if err := qs.Feedback(tx, picked, 8, true); aulabot.ErrorCode(err) != aulabot.ENOTFOUND {
			t.Errorf("someone else's feedback: %v, want ENOTFOUND", err)
		}
		if err := qs.Feedback(tx, picked, 7, true); err != nil {
			return err
		}
		if err := qs.Feedback(tx, picked, 7, false); aulabot.ErrorCode(err) != aulabot.ECONFLICT {
			t.Errorf("second feedback: %v, want ECONFLICT", err)
		}
		return qs.Feedback(tx, direct, 7, true)
	})
	update(t, s, func(tx *store.Tx) error {
		var got []aulabot.KBAlias
		if err := tx.Aliases(func(a aulabot.KBAlias) error { got = append(got, a); return nil }); err != nil {
			return err
		}
		if len(got) != 1 || got[0].Kind != aulabot.AliasProposed || got[0].ArticleID != "moodle-entregar-tarea" || got[0].Text != "no me deja subir el trabajo" {
			t.Errorf("aliases %+v, want the picked suggestion proposed", got)
		}
		return nil
	})
}

// An article opened from a suggestion belongs to that question; opened
// from another article, or after the question was rated, it is a question
// of its own; someone else's question id is a stale button.
func TestQuestions_Opened(t *testing.T) {
	qs, s := newQuestions(), newStore(t)
	art := aulabot.KBArticle{ID: "moodle-ver-notas", Title: "Ver notas"}
	asker := aulabot.User{ID: 7, University: "unma", Role: aulabot.RoleStudent}
	update(t, s, func(tx *store.Tx) error {
		id, err := qs.Asked(tx, aulabot.Question{UserID: 7, Lang: "es", Text: "mis notas", Outcome: aulabot.OutcomeSuggest})
		if err != nil {
			return err
		}
		if got, err := qs.Opened(tx, id, asker, "es", art); err != nil || got != id {
			t.Errorf("opened from its suggestion: %d, %v; want %d", got, err, id)
		}
		if _, err := qs.Opened(tx, id, aulabot.User{ID: 8}, "es", art); !isStale(err) {
			t.Errorf("someone else's question: %v, want a stale button", err)
		}
		if err := qs.Feedback(tx, id, 7, false); err != nil {
			return err
		}
		for _, from := range []uint64{0, id} {
			got, err := qs.Opened(tx, from, asker, "es", art)
			if err != nil {
				return err
			}
			q, ok, err := tx.Question(got)
			if err != nil || !ok || got == id || q.Text != "→ Ver notas" || q.ArticleID != art.ID || q.University != "unma" {
				t.Errorf("opened from %d: question %d %+v, want a new one for the article", from, got, q)
			}
		}
		return nil
	})
}

// Curating a group records each distinct phrasing once per language.
func TestQuestions_Curate(t *testing.T) {
	qs, s := newQuestions(), newStore(t)
	group := []aulabot.Question{
		{Lang: "es", University: "unma", Text: "¿A qué hora abre la biblioteca?"},
		{Lang: "es", University: "unma", Text: "a que hora abre la biblioteca"},
		{Lang: "en", University: "unma", Text: "a que hora abre la biblioteca"},
		{Lang: "es", University: "unma", Text: "   "},
	}
	update(t, s, func(tx *store.Tx) error {
		n, err := qs.Curate(tx, group, aulabot.AliasOutOfScope, "")
		if err != nil || n != 2 {
			t.Errorf("Curate = %d, %v; want 2 phrasings", n, err)
		}
		var got []aulabot.KBAlias
		if err := tx.Aliases(func(a aulabot.KBAlias) error { got = append(got, a); return nil }); err != nil {
			return err
		}
		for _, a := range got {
			if a.Kind != aulabot.AliasOutOfScope || a.University != "unma" || a.Key != "a que hora abre la biblioteca" {
				t.Errorf("alias %+v", a)
			}
		}
		if len(got) != 2 {
			t.Errorf("%d aliases, want 2", len(got))
		}
		return nil
	})
}
