package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
)

// Jobs are durable timers: work due at an instant (a ticket's claim
// reminder, an automatic close). They are kept in due order so that
// finding the due ones reads only those; a job is removed in the same
// transaction that does its work, so it runs once even across restarts.
const (
	bJobs    = "jobs"     // due (i64 unix ns), id -> aulabot.Job
	bJobKeys = "job_keys" // key -> the job's key in bJobs
)

func jobKey(due time.Time, id uint64) []byte { return append(i64(due.UnixNano()), u64(id)...) }

// Schedule stores job j to run once the clock passes j.Due. A job already
// scheduled under the same Key is replaced. It fails on an empty Key or Kind.
func (tx *Tx) Schedule(j aulabot.Job) error {
	if j.Key == "" || j.Kind == "" {
		return errors.New("schedule: job needs a key and a kind")
	}
	if _, err := tx.removeJob(j.Key); err != nil {
		return err
	}
	id, err := tx.nextID(bJobs)
	if err != nil {
		return err
	}
	j.ID = id
	k := jobKey(j.Due, id)
	if err := tx.put(bJobs, k, j); err != nil {
		return err
	}
	return tx.bucket(bJobKeys).Put([]byte(j.Key), k)
}

// CancelJobs removes every scheduled job whose key starts with prefix and
// returns how many.
func (tx *Tx) CancelJobs(prefix string) (int, error) {
	if prefix == "" {
		return 0, errors.New("cancel jobs: empty prefix")
	}
	var keys []string
	c := tx.bucket(bJobKeys).Cursor()
	for k, _ := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, _ = c.Next() {
		keys = append(keys, string(k))
	}
	for _, k := range keys {
		if _, err := tx.removeJob(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}

// CancelJob removes the job scheduled under key, and reports whether
// there was one.
func (tx *Tx) CancelJob(key string) (bool, error) { return tx.removeJob(key) }

// TakeJob removes job id scheduled under key and reports whether it was
// still there: false if it ran already, was cancelled or was replaced by a
// later schedule of the same key. Running a job's work in the same
// transaction as TakeJob makes it run once.
func (tx *Tx) TakeJob(key string, id uint64) (bool, error) {
	j, ok, err := tx.ScheduledJob(key)
	if err != nil || !ok || j.ID != id {
		return false, err
	}
	return tx.removeJob(key)
}

// PostponeJob puts off job id scheduled under key, whose run failed, to
// due, counting the failure (aulabot.Job.Failed); false if it is no
// longer scheduled (it ran, was cancelled or was replaced meanwhile). It
// is scheduled again under a new id: the caller marks the failed run's id
// as done in the same transaction (a run that did commit meanwhile makes
// that transaction a duplicate, and nothing is put off).
func (tx *Tx) PostponeJob(key string, id uint64, due time.Time) (bool, error) {
	j, ok, err := tx.ScheduledJob(key)
	if err != nil || !ok || j.ID != id {
		return false, err
	}
	j.Due, j.Failed = due, j.Failed+1
	return true, tx.Schedule(j)
}

// ScheduledJob returns the job scheduled under key, if any.
func (tx *Tx) ScheduledJob(key string) (aulabot.Job, bool, error) {
	var j aulabot.Job
	k := tx.bucket(bJobKeys).Get([]byte(key))
	if k == nil {
		return j, false, nil
	}
	ok, err := tx.get(bJobs, k, &j)
	return j, ok, err
}

func (tx *Tx) removeJob(key string) (bool, error) {
	keys := tx.bucket(bJobKeys)
	k := keys.Get([]byte(key))
	if k == nil {
		return false, nil
	}
	k = append([]byte(nil), k...)
	if err := tx.bucket(bJobs).Delete(k); err != nil {
		return false, err
	}
	return true, keys.Delete([]byte(key))
}

// DueJobs returns up to limit jobs due at the transaction's clock, earliest
// first.
func (tx *Tx) DueJobs(limit int) ([]aulabot.Job, error) {
	var due []aulabot.Job
	end := i64(tx.now.UnixNano())
	c := tx.bucket(bJobs).Cursor()
	for k, v := c.First(); k != nil && len(due) < limit; k, v = c.Next() {
		if bytes.Compare(k[:8], end) > 0 {
			break
		}
		var j aulabot.Job
		if err := json.Unmarshal(v, &j); err != nil {
			return nil, fmt.Errorf("job %x: %w", k, err)
		}
		due = append(due, j)
	}
	return due, nil
}

// DueJobs returns up to limit jobs due at now, earliest first.
func (s *Store) DueJobs(now time.Time, limit int) (due []aulabot.Job, err error) {
	err = s.View(func(tx *Tx) error {
		tx.now = now
		due, err = tx.DueJobs(limit)
		return err
	})
	return due, err
}

// Schedule stores job j in its own transaction (see Tx.Schedule).
func (s *Store) Schedule(j aulabot.Job) error {
	return s.Update(func(tx *Tx) error { return tx.Schedule(j) })
}

// JobCount is the number of scheduled jobs.
func (s *Store) JobCount() (n int, err error) {
	err = s.View(func(tx *Tx) error { n = tx.bucket(bJobs).Stats().KeyN; return nil })
	return n, err
}
