package store

import (
	"path/filepath"
	"testing"

	"github.com/aulabot/aulabot"
)

// The buckets whose keys only grow keep their pages nearly full: after
// 3,000 updates and questions, each in a transaction of its own as the
// bot writes them, their leaf pages are over 85 % in use (questions by
// university, whose keys grow at the end of each university's, over
// 70 %), where bbolt's halves leave them at 47-50 %; a bucket whose keys
// come in any order keeps bbolt's rule.
func TestStore_AppendOnlyPagesStayFull(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := int64(1); i <= 3000; i++ {
		err := s.Update(func(tx *Tx) error {
			if err := tx.markApplied(i, 0); err != nil {
				return err
			}
			_, err := tx.AddQuestion(aulabot.Question{UserID: i%97 + 1, University: []string{"unma", "unvs"}[i%2], Lang: "es",
				Text: "¿cómo entrego la tarea del curso en el aula virtual?", Outcome: aulabot.OutcomeAnswer})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	err = s.View(func(tx *Tx) error {
		for name, want := range map[string]float64{bUpdates: 0.85, bQuestions: 0.85, bQuestionsUni: 0.70} {
			st := tx.tx.Bucket([]byte(name)).Stats()
			if use := float64(st.LeafInuse) / float64(st.LeafAlloc); use < want {
				t.Errorf("%s: leaf pages %.0f %% in use (%d pages)", name, 100*use, st.LeafPageN)
			}
		}
		st := tx.tx.Bucket([]byte(bQuestionsUser)).Stats() // user, id: any order
		if use := float64(st.LeafInuse) / float64(st.LeafAlloc); use > 0.85 {
			t.Errorf("%s: leaf pages %.0f %% in use, want bbolt's rule", bQuestionsUser, 100*use)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
