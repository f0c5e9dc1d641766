package store

import (
	"bytes"
	"fmt"
	"math"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// Questions asked to the knowledge base, and two indexes over them, so
// that the gap report reads only the questions of its university and
// window and erasing a person reads only that person's questions.
const (
	bQuestions     = "questions"         // id -> aulabot.Question
	bQuestionsUni  = "questions_by_uni"  // university 0 at(i64 unix ns) id -> nothing
	bQuestionsUser = "questions_by_user" // user(i64) id -> nothing
)

func uniPrefix(university string) []byte {
	return append([]byte(university), 0)
}

func uniKey(q aulabot.Question) []byte {
	k := uniPrefix(q.University)
	k = append(k, i64(q.At.UnixNano())...)
	return append(k, u64(q.ID)...)
}

func userKey(q aulabot.Question) []byte { return append(i64(q.UserID), u64(q.ID)...) }

// AddQuestion records a question and returns its id. What could identify
// the person in its text (e-mail addresses, phone numbers, ids) is masked
// before it is stored (aulabot.MaskPersonal).
func (tx *Tx) AddQuestion(q aulabot.Question) (uint64, error) {
	id, err := tx.nextID(bQuestions)
	if err != nil {
		return 0, err
	}
	q.ID = id
	if q.At.IsZero() {
		q.At = tx.now
	}
	q.Text = aulabot.MaskPersonal(q.Text)
	return id, tx.putQuestion(q)
}

// putQuestion stores q and its index entries (whose fields never change
// but when a person's data is erased).
func (tx *Tx) putQuestion(q aulabot.Question) error {
	if err := tx.put(bQuestions, u64(q.ID), q); err != nil {
		return err
	}
	if err := tx.bucket(bQuestionsUni).Put(uniKey(q), nil); err != nil {
		return err
	}
	if q.UserID == 0 {
		return nil
	}
	return tx.bucket(bQuestionsUser).Put(userKey(q), nil)
}

// DropQuestion removes question id and its index entries (none if there
// is no such question).
func (tx *Tx) DropQuestion(id uint64) error {
	q, ok, err := tx.Question(id)
	if err != nil || !ok {
		return err
	}
	if err := tx.bucket(bQuestionsUni).Delete(uniKey(q)); err != nil {
		return err
	}
	if q.UserID != 0 {
		if err := tx.bucket(bQuestionsUser).Delete(userKey(q)); err != nil {
			return err
		}
	}
	return tx.bucket(bQuestions).Delete(u64(id))
}

// LastQuestion returns the last question user asked: one seek in the
// index of their questions.
func (tx *Tx) LastQuestion(user int64) (aulabot.Question, bool, error) {
	prefix := i64(user)
	c := tx.bucket(bQuestionsUser).Cursor()
	k, _ := c.Seek(append(prefix, u64(math.MaxUint64)...)) // past the user's last key
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if user == 0 || k == nil || !bytes.HasPrefix(k, prefix) || len(k) != 16 {
		return aulabot.Question{}, false, nil
	}
	return tx.Question(fromU64(k[8:]))
}

// Question returns question id.
func (tx *Tx) Question(id uint64) (aulabot.Question, bool, error) {
	var q aulabot.Question
	ok, err := tx.get(bQuestions, u64(id), &q)
	return q, ok, err
}

// InferFeedback records feedback on question id read from its asker's
// words, not pressed (Question.FeedbackInferred): a press may replace it
// (SetFeedback). Errors: those of SetFeedback.
func (tx *Tx) InferFeedback(id uint64, user int64, feedback string) error {
	if err := tx.SetFeedback(id, user, feedback, ""); err != nil {
		return err
	}
	q, _, err := tx.Question(id)
	if err != nil {
		return err
	}
	q.FeedbackInferred = true
	return tx.put(bQuestions, u64(id), q)
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
	if q.Feedback != "" && !q.FeedbackInferred {
		return aulabot.Errorf(aulabot.ECONFLICT, "kb.feedback_twice")
	}
	if feedback != aulabot.FeedbackHelpful && feedback != aulabot.FeedbackNotHelpful {
		return fmt.Errorf("feedback %q", feedback)
	}
	if q.FeedbackInferred { // the press replaces what was read from words
		if err := tx.Count("kb:"+q.Feedback, -1); err != nil {
			return err
		}
	}
	q.Feedback, q.FeedbackInferred = feedback, false
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

// Answered records the outcome of a question answered after it was stored
// (a background answer) and the article shown, if one.
func (tx *Tx) Answered(id uint64, outcome, articleID string) error {
	q, ok, err := tx.Question(id)
	if err != nil || !ok {
		return err
	}
	q.Outcome, q.ArticleID = outcome, articleID
	return tx.put(bQuestions, u64(id), q)
}

// AnsweredLate records that an answer reached the asker of question id
// later, at the transaction's time; the first such answer's time stays.
func (tx *Tx) AnsweredLate(id uint64) error {
	q, ok, err := tx.Question(id)
	if err != nil || !ok || !q.Late.IsZero() {
		return err
	}
	q.Late = tx.now
	return tx.put(bQuestions, u64(id), q)
}

// QuestionReported records that question id became ticket (Question.Ticket).
func (tx *Tx) QuestionReported(id uint64, ticket string) error {
	q, ok, err := tx.Question(id)
	if err != nil || !ok {
		return err
	}
	q.Ticket = ticket
	return tx.put(bQuestions, u64(id), q)
}

// Questions calls fn for the questions of university asked since since,
// oldest first; for university "" those of every university (oldest first
// within each). It reads only those questions, through the index by
// university and time.
func (tx *Tx) Questions(university string, since time.Time, fn func(aulabot.Question) error) error {
	c := tx.bucket(bQuestionsUni).Cursor()
	from := i64(since.UnixNano())
	if university != "" {
		return tx.questionsOf(c, uniPrefix(university), from, nil, fn)
	}
	for k, _ := c.First(); k != nil; {
		end := bytes.IndexByte(k, 0)
		if end < 0 {
			return fmt.Errorf("questions index: bad key %x", k)
		}
		prefix := append([]byte(nil), k[:end+1]...)
		if err := tx.questionsOf(c, prefix, from, nil, fn); err != nil {
			return err
		}
		next := append(prefix[:end:end], 1) // the first key after this university
		k, _ = c.Seek(next)
	}
	return nil
}

// questionsOf reads the questions under one university's prefix from
// time from on, and before time to if to is not nil.
func (tx *Tx) questionsOf(c *bolt.Cursor, prefix, from, to []byte, fn func(aulabot.Question) error) error {
	var end []byte
	if to != nil {
		end = append(prefix[:len(prefix):len(prefix)], to...)
	}
	for k, _ := c.Seek(append(prefix[:len(prefix):len(prefix)], from...)); k != nil && bytes.HasPrefix(k, prefix) && (end == nil || bytes.Compare(k, end) < 0); k, _ = c.Next() {
		var q aulabot.Question
		ok, err := tx.get(bQuestions, k[len(k)-8:], &q)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("questions index: question %x missing", k[len(k)-8:])
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}

// eraseQuestions removes a person's link to their questions and the text
// of each, which they typed and may name them; what stays is anonymous:
// the university, role, language, outcome, the article shown and the
// feedback, and the day it was asked (no longer the instant), so the
// counts per topic and the gap report's "N questions from people who
// deleted their data" remain. It reads only the person's questions, and
// drops the background jobs that name them (answers due to them, a
// reload they asked for).
func eraseQuestions(tx *Tx, user int64) error {
	if user == 0 {
		return nil
	}
	idx := tx.bucket(bQuestionsUser)
	prefix := i64(user)
	var mine [][]byte
	c := idx.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		mine = append(mine, append([]byte(nil), k...))
	}
	for _, k := range mine {
		if err := idx.Delete(k); err != nil {
			return err
		}
		q, ok, err := tx.Question(fromU64(k[8:]))
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := tx.bucket(bQuestionsUni).Delete(uniKey(q)); err != nil {
			return err
		}
		if err := tx.putQuestion(anonymous(q)); err != nil {
			return err
		}
	}
	if _, err := tx.CancelJobs(answerJobPrefix(user)); err != nil {
		return err
	}
	_, err := tx.removeJob(reloadJobKey(user)) // their private chat's
	return err
}

// anonymous is q without the person: no user, no text, no file, no
// fingerprint of the answer (it could confirm a guess of the words), the
// day only.
func anonymous(q aulabot.Question) aulabot.Question {
	q.UserID, q.Text, q.File, q.AnswerSum, q.Ticket = 0, "", nil, 0, ""
	y, m, d := q.At.UTC().Date()
	q.At = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return q
}
