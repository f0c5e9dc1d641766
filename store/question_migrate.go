package store

import (
	"fmt"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// questionIndexMigration builds the indexes of questions by university and
// time and by person, masks what could identify a person in the stored
// texts, and removes the text of the questions of people who deleted
// their data before texts were erased (their user id is already 0).
func questionIndexMigration(btx *bolt.Tx) error {
	for _, name := range []string{bQuestionsUni, bQuestionsUser} {
		if err := btx.DeleteBucket([]byte(name)); err != nil && err != bolt.ErrBucketNotFound {
			return fmt.Errorf("reset %s: %w", name, err)
		}
		if _, err := btx.CreateBucket([]byte(name)); err != nil {
			return fmt.Errorf("create %s: %w", name, err)
		}
	}
	tx := &Tx{tx: btx}
	var qs []aulabot.Question
	err := tx.bucket(bQuestions).ForEach(func(k, v []byte) error {
		var q aulabot.Question
		if _, err := tx.get(bQuestions, k, &q); err != nil {
			return err
		}
		qs = append(qs, q)
		return nil
	})
	if err != nil {
		return err
	}
	for _, q := range qs {
		if q.UserID == 0 {
			q = anonymous(q)
		} else {
			q.Text = aulabot.MaskPersonal(q.Text)
		}
		if err := tx.putQuestion(q); err != nil {
			return err
		}
	}
	return nil
}
