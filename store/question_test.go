package store_test

import (
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func TestStore_Questions(t *testing.T) {
	s, now := open(t)
	var id uint64
	err := s.Update(func(tx *store.Tx) (err error) {
		id, err = tx.AddQuestion(aulabot.Question{UserID: 7, University: "unma", Text: "x", Outcome: aulabot.OutcomeAnswer})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		err := s.Update(func(tx *store.Tx) error { return tx.SetFeedback(id, 8, aulabot.FeedbackHelpful, "") })
		if aulabot.ErrorCode(err) != aulabot.ENOTFOUND {
			t.Errorf("feedback by another person: %v", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		if err := s.Update(func(tx *store.Tx) error { return tx.SetFeedback(id, 7, aulabot.FeedbackNotHelpful, "") }); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		err := s.Update(func(tx *store.Tx) error { return tx.SetFeedback(id, 7, aulabot.FeedbackHelpful, "") })
		if aulabot.ErrorCode(err) != aulabot.ECONFLICT {
			t.Errorf("second feedback: %v", err)
		}
	})
	t.Run("ErasedKeepsGap", func(t *testing.T) {
		s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(7) })
		var got []aulabot.Question
		s.View(func(tx *store.Tx) error {
			return tx.Questions("unma", now.Add(-time.Hour), func(q aulabot.Question) error { got = append(got, q); return nil })
		})
		if len(got) != 1 || got[0].UserID != 0 || !got[0].Gap() {
			t.Errorf("questions after deletion = %+v, want one anonymous gap", got)
		}
	})
}

func TestStore_Vectors(t *testing.T) {
	s, _ := open(t)
	if _, ok := s.GetVector("h1"); ok {
		t.Fatal("vector before put")
	}
	if err := s.PutVector("h1", []float32{1, 0.5}); err != nil {
		t.Fatal(err)
	}
	if v, ok := s.GetVector("h1"); !ok || len(v) != 2 || v[1] != 0.5 {
		t.Errorf("GetVector = %v, %v", v, ok)
	}
}
