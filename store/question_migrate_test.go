package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// TestQuestionIndexMigration: questions stored before the indexes (no
// index entries, texts as typed, the erased ones with their text) are
// indexed, masked and erased by the migration.
func TestQuestionIndexMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 3, 10, 15, 30, 0, 0, time.UTC)
	old := []aulabot.Question{
		{ID: 1, UserID: 7, University: "unma", Text: "mi correo ana@unma.edu.pe no llega", Outcome: aulabot.OutcomeNone, At: at},
		{ID: 2, UserID: 0, University: "unma", Text: "soy Ana Pérez y no entro", Outcome: aulabot.OutcomeNone, At: at},
		{ID: 3, UserID: 8, University: "unvs", Text: "como entrego", Outcome: aulabot.OutcomeAnswer, At: at},
	}
	err = s.db.Update(func(btx *bolt.Tx) error {
		for _, name := range []string{bQuestionsUni, bQuestionsUser} {
			if err := btx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		tx := &Tx{tx: btx}
		for _, q := range old {
			if err := tx.put(bQuestions, u64(q.ID), q); err != nil {
				return err
			}
		}
		return questionIndexMigration(btx)
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []aulabot.Question
	err = s.View(func(tx *Tx) error {
		return tx.Questions("", at.Add(-48*time.Hour), func(q aulabot.Question) error { got = append(got, q); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint64]string{1: "mi correo " + aulabot.MaskedEmail + " no llega", 2: "", 3: "como entrego"}
	if len(got) != 3 {
		t.Fatalf("indexed %d questions, want 3: %+v", len(got), got)
	}
	for _, q := range got {
		if q.Text != want[q.ID] {
			t.Errorf("question %d text %q, want %q", q.ID, q.Text, want[q.ID])
		}
	}
	// The person index leads the eraser to person 7's question.
	if err := s.Update(func(tx *Tx) error { return tx.DeleteUserData(7) }); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		q, _, _ := tx.Question(1)
		if q.UserID != 0 || q.Text != "" {
			t.Errorf("after erasing 7, question 1 = %+v", q)
		}
		return nil
	})
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
