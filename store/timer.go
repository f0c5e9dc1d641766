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
	bJobs       = "jobs"        // due (i64 unix ns), id -> aulabot.Job
	bJobKeys    = "job_keys"    // key -> the job's key in bJobs
	bJobsFailed = "jobs_failed" // key -> nil: the jobs put off after a failure
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

// PostponeJob puts off job id scheduled under key, whose run failed with
// err, to due, counting the failure (aulabot.Job.Failed, Error); false if
// it is no longer scheduled (it ran, was cancelled or was replaced
// meanwhile). It is scheduled again under a new id: the caller marks the
// failed run's id as done in the same transaction (a run that did commit
// meanwhile makes that transaction a duplicate, and nothing is put off).
// It stays among the failing jobs (JobsFailing) until it runs or goes.
func (tx *Tx) PostponeJob(key string, id uint64, due time.Time, err error) (bool, error) {
	j, ok, rerr := tx.ScheduledJob(key)
	if rerr != nil || !ok || j.ID != id {
		return false, rerr
	}
	j.Due, j.Failed, j.Error = due, j.Failed+1, aulabot.CleanText(err.Error())
	if err := tx.Schedule(j); err != nil {
		return false, err
	}
	return true, tx.bucket(bJobsFailed).Put([]byte(key), nil)
}

// JobsFailing returns how many jobs were put off after a failure and up
// to limit of them, by key.
func (tx *Tx) JobsFailing(limit int) (n int, jobs []aulabot.Job, err error) {
	b := tx.bucket(bJobsFailed)
	n = b.Stats().KeyN
	c := b.Cursor()
	for k, _ := c.First(); k != nil && len(jobs) < limit; k, _ = c.Next() {
		j, ok, err := tx.ScheduledJob(string(k))
		if err != nil {
			return n, jobs, err
		}
		if ok {
			jobs = append(jobs, j)
		}
	}
	return n, jobs, nil
}

// JobsFailing is Tx.JobsFailing's count in a read transaction, for the
// metrics.
func (s *Store) JobsFailing() (n int, err error) {
	err = s.View(func(tx *Tx) error { n = tx.bucket(bJobsFailed).Stats().KeyN; return nil })
	return n, err
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
	if err := tx.bucket(bJobsFailed).Delete([]byte(key)); err != nil {
		return false, err
	}
	return true, keys.Delete([]byte(key))
}

// DueJobs returns up to limit jobs due at the transaction's clock, earliest
// first.
func (tx *Tx) DueJobs(limit int) ([]aulabot.Job, error) {
	return tx.DueJobsBy(tx.now, limit)
}

// DueJobsBy returns up to limit jobs due by at, earliest first.
func (tx *Tx) DueJobsBy(at time.Time, limit int) ([]aulabot.Job, error) {
	var due []aulabot.Job
	end := i64(at.UnixNano())
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

// NextJobDue returns when the earliest scheduled job falls due, and
// whether any is scheduled: the first key of the jobs, which are kept in
// order of their due time.
func (s *Store) NextJobDue() (due time.Time, ok bool, err error) {
	err = s.View(func(tx *Tx) error {
		k, _ := tx.bucket(bJobs).Cursor().First()
		if len(k) >= 8 {
			due, ok = time.Unix(0, fromI64(k[:8])), true
		}
		return nil
	})
	return due, ok, err
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
