package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func TestStore_Jobs(t *testing.T) {
	s, now := open(t)
	at := func(d time.Duration) time.Time { return now.Add(d) }
	err := s.Update(func(tx *store.Tx) error {
		for _, j := range []aulabot.Job{
			{Key: "ticket:UNMA-1:remind", Kind: "r", Due: at(30 * time.Minute)},
			{Key: "ticket:UNMA-1:escalate", Kind: "e", Due: at(2 * time.Hour)},
			{Key: "ticket:UNMA-2:remind", Kind: "r", Due: at(10 * time.Minute)},
			{Key: "ticket:UNMA-2:remind", Kind: "r", Due: at(20 * time.Minute)}, // replaces
			{Key: "past", Kind: "p", Due: at(-time.Hour)},
		} {
			if err := tx.Schedule(j); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := func(js []aulabot.Job) (ks []string) {
		for _, j := range js {
			ks = append(ks, j.Key)
		}
		return ks
	}
	t.Run("DueInOrder", func(t *testing.T) {
		due, err := s.DueJobs(at(40*time.Minute), 10)
		if err != nil {
			t.Fatal(err)
		}
		got, want := keys(due), []string{"past", "ticket:UNMA-2:remind", "ticket:UNMA-1:remind"}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Errorf("due = %v, want %v", got, want)
		}
		if due, _ := s.DueJobs(at(15*time.Minute), 10); len(due) != 1 {
			t.Errorf("the replaced 10-minute job is still there: %v", keys(due))
		}
		if due, _ := s.DueJobs(at(3*time.Hour), 2); len(due) != 2 {
			t.Errorf("limit 2 gave %d", len(due))
		}
	})
	t.Run("Cancel", func(t *testing.T) {
		var n int
		s.Update(func(tx *store.Tx) error { n, err = tx.CancelJobs("ticket:UNMA-1:"); return err })
		if n != 2 {
			t.Errorf("cancelled %d, want 2", n)
		}
		if due, _ := s.DueJobs(at(3*time.Hour), 10); len(due) != 2 {
			t.Errorf("left %v, want past and UNMA-2", keys(due))
		}
	})
	t.Run("TakeReplaced", func(t *testing.T) {
		var ok bool
		s.Update(func(tx *store.Tx) error {
			ok, err = tx.TakeJob("ticket:UNMA-2:remind", 3) // the replaced schedule's id
			return err
		})
		if ok {
			t.Error("took a job by the id of its replaced schedule")
		}
	})
	t.Run("TakeOnce", func(t *testing.T) {
		var got []bool
		due, _ := s.DueJobs(*now, 1)
		for range 2 {
			s.Update(func(tx *store.Tx) error {
				ok, err := tx.TakeJob("past", due[0].ID)
				got = append(got, ok)
				return err
			})
		}
		if !got[0] || got[1] {
			t.Errorf("take twice = %v, want true then false", got)
		}
	})
}

// Jobs survive closing and reopening the database.
func TestStore_JobsSurviveRestart(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)
	if err := s.Schedule(aulabot.Job{Key: "k", Kind: "x", Due: due, Data: map[string]string{"a": "b"}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	js, err := s.DueJobs(due, 10)
	if err != nil || len(js) != 1 || js[0].Data["a"] != "b" {
		t.Fatalf("after restart: %+v, %v", js, err)
	}
}

// Many workers taking the same due jobs: each job is taken exactly once.
func TestStore_TakeJobConcurrent(t *testing.T) {
	s, now := open(t)
	const jobs = 100
	s.Update(func(tx *store.Tx) error {
		for i := range jobs {
			if err := tx.Schedule(aulabot.Job{Key: "j" + string(rune('A'+i%26)) + string(rune('a'+i/26)), Kind: "x", Due: *now}); err != nil {
				return err
			}
		}
		return nil
	})
	due, _ := s.DueJobs(*now, 1000)
	var mu sync.Mutex
	taken := map[string]int{}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, j := range due {
				s.Update(func(tx *store.Tx) error {
					ok, err := tx.TakeJob(j.Key, j.ID)
					if ok {
						mu.Lock()
						taken[j.Key]++
						mu.Unlock()
					}
					return err
				})
			}
		}()
	}
	wg.Wait()
	if len(taken) != jobs {
		t.Errorf("%d jobs taken, want %d", len(taken), jobs)
	}
	for k, n := range taken {
		if n != 1 {
			t.Errorf("job %s taken %d times", k, n)
		}
	}
}

// The jobs put off after a failure are listed with how many times they
// failed and the last error, until they run, are cancelled or are
// scheduled again afresh.
func TestStore_JobsFailing(t *testing.T) {
	s, clock := open(t)
	now := *clock
	failing := func() (int, []aulabot.Job) {
		t.Helper()
		var n int
		var jobs []aulabot.Job
		if err := s.View(func(tx *store.Tx) (err error) { n, jobs, err = tx.JobsFailing(10); return err }); err != nil {
			t.Fatal(err)
		}
		return n, jobs
	}
	fail := func(key, why string) {
		t.Helper()
		err := s.Update(func(tx *store.Tx) error {
			j, _, err := tx.ScheduledJob(key)
			if err != nil {
				return err
			}
			ok, err := tx.PostponeJob(key, j.ID, now.Add(time.Minute), errors.New(why))
			if err == nil && !ok {
				err = fmt.Errorf("%s was not put off", key)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, key := range []string{"a", "b", "c"} {
		if err := s.Schedule(aulabot.Job{Key: key, Kind: "k", Due: now}); err != nil {
			t.Fatal(err)
		}
	}
	fail("a", "does not fit")
	fail("b", "no such slot")
	fail("a", "still does not fit")
	n, jobs := failing()
	if n != 2 || len(jobs) != 2 || jobs[0].Key != "a" || jobs[0].Failed != 2 || jobs[0].Error != "still does not fit" || jobs[1].Key != "b" || jobs[1].Failed != 1 {
		t.Fatalf("failing: %d %+v", n, jobs)
	}
	// a runs; b is scheduled again by its domain (a new job).
	err := s.Update(func(tx *store.Tx) error {
		if _, err := tx.TakeJob("a", jobs[0].ID); err != nil {
			return err
		}
		return tx.Schedule(aulabot.Job{Key: "b", Kind: "k", Due: now.Add(time.Hour)})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, jobs := failing(); n != 0 || len(jobs) != 0 {
		t.Errorf("after a ran and b was scheduled again: %d %+v", n, jobs)
	}
}

// The next job's due time is the earliest scheduled, a replaced schedule's
// own time and a cancelled job's no longer counted; none is scheduled in
// an empty store.
func TestStore_NextJobDue(t *testing.T) {
	s, now := open(t)
	if due, ok, err := s.NextJobDue(); err != nil || ok {
		t.Fatalf("empty store: %v, %v, %v", due, ok, err)
	}
	at := func(d time.Duration) time.Time { return now.Add(d) }
	step := func(fn func(tx *store.Tx) error, want time.Duration) {
		t.Helper()
		if err := s.Update(fn); err != nil {
			t.Fatal(err)
		}
		due, ok, err := s.NextJobDue()
		if err != nil || !ok || !due.Equal(at(want)) {
			t.Errorf("next job due %v (%v, %v), want %v", due, ok, err, at(want))
		}
	}
	schedule := func(key string, d time.Duration) func(tx *store.Tx) error {
		return func(tx *store.Tx) error { return tx.Schedule(aulabot.Job{Key: key, Kind: "r", Due: at(d)}) }
	}
	step(schedule("a", 2*time.Hour), 2*time.Hour)
	step(schedule("b", 90*time.Second), 90*time.Second)
	step(schedule("b", 3*time.Hour), 2*time.Hour) // b moved later
	step(schedule("c", -time.Minute), -time.Minute)
	step(func(tx *store.Tx) error { _, err := tx.CancelJobs("c"); return err }, 2*time.Hour)
}
