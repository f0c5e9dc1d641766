package store

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

const bQuestions = "questions"

func init() {
	registerBuckets(bQuestions)
	registerEraser(eraseQuestions)
}

// AddQuestion records a question and returns its id.
func (tx *Tx) AddQuestion(q aulabot.Question) (uint64, error) {
	id, err := tx.nextID(bQuestions)
	if err != nil {
		return 0, err
	}
	q.ID = id
	if q.At.IsZero() {
		q.At = tx.now
	}
	return id, tx.put(bQuestions, u64(id), q)
}

// Question returns question id.
func (tx *Tx) Question(id uint64) (aulabot.Question, bool, error) {
	var q aulabot.Question
	ok, err := tx.get(bQuestions, u64(id), &q)
	return q, ok, err
}

// SetFeedback records the asker's feedback on question id, once. Errors:
// ENOTFOUND for another person's or an unknown question, ECONFLICT if
// feedback was given already.
func (tx *Tx) SetFeedback(id uint64, user int64, feedback, articleID string) error {
	q, ok, err := tx.Question(id)
	if err != nil {
		return err
	}
	if !ok || q.UserID != user || user == 0 {
		return aulabot.Errorf(aulabot.ENOTFOUND, "kb.feedback_unknown")
	}
	if q.Feedback != "" {
		return aulabot.Errorf(aulabot.ECONFLICT, "kb.feedback_twice")
	}
	if feedback != aulabot.FeedbackHelpful && feedback != aulabot.FeedbackNotHelpful {
		return fmt.Errorf("feedback %q", feedback)
	}
	q.Feedback = feedback
	if articleID != "" {
		q.ArticleID = articleID
	}
	if err := tx.Count("kb:"+feedback, 1); err != nil {
		return err
	}
	return tx.put(bQuestions, u64(id), q)
}

// PickSuggestion records which suggested article the asker opened.
func (tx *Tx) PickSuggestion(id uint64, user int64, articleID string) error {
	q, ok, err := tx.Question(id)
	if err != nil || !ok || q.UserID != user || user == 0 {
		return err
	}
	q.ArticleID = articleID
	return tx.put(bQuestions, u64(id), q)
}

// Questions calls fn for the questions of university (every university
// if "") asked since since, oldest first.
func (tx *Tx) Questions(university string, since time.Time, fn func(aulabot.Question) error) error {
	return tx.bucket(bQuestions).ForEach(func(k, v []byte) error {
		var q aulabot.Question
		if _, err := tx.get(bQuestions, k, &q); err != nil {
			return err
		}
		if (university == "" || q.University == university) && !q.At.Before(since) {
			return fn(q)
		}
		return nil
	})
}

// eraseQuestions unlinks a person's questions from them; the questions
// stay, anonymous, for the gap report.
func eraseQuestions(tx *Tx, user int64) error {
	b := tx.bucket(bQuestions)
	var mine []aulabot.Question
	err := b.ForEach(func(k, v []byte) error {
		var q aulabot.Question
		if _, err := tx.get(bQuestions, k, &q); err != nil {
			return err
		}
		if q.UserID == user {
			mine = append(mine, q)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, q := range mine {
		q.UserID = 0
		if err := tx.put(bQuestions, u64(q.ID), q); err != nil {
			return err
		}
	}
	return nil
}

const bVectors = "vectors"

func init() { registerBuckets(bVectors) }

// GetVector returns the cached embedding of content hash h.
func (s *Store) GetVector(h string) (v []float32, ok bool) {
	_ = s.View(func(tx *Tx) error {
		ok, _ = tx.get(bVectors, []byte(h), &v)
		return nil
	})
	return v, ok
}

// PutVector caches the embedding of content hash h.
func (s *Store) PutVector(h string, v []float32) error {
	return s.db.Batch(func(btx *bolt.Tx) error {
		return (&Tx{tx: btx, s: s, now: s.Now()}).put(bVectors, []byte(h), v)
	})
}
