package handlers

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// A job whose run fails is put off, a minute after its first failure, then
// two, four… up to an hour, never dropped: until 6 December it was tried
// again at every tick, a write transaction every few seconds that every
// chat waited behind, for as long as it failed. Other jobs run meanwhile;
// once it runs, its work is done once and it is gone.
func TestTick_FailingJobPutOff(t *testing.T) {
	h, st := internalHandlers(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	h.Now = func() time.Time { return now }
	st.Now = h.Now
	// A failing run may be run twice in its transaction (a batch's
	// failing function is run again alone): the tries are counted by the
	// failures the job carries.
	tried := map[int]bool{}
	tries, done, others := 0, 0, 0
	const fails = 8 // the ninth try runs
	h.jobs["test.flaky"] = func(h *Handlers, tx Tx, j aulabot.Job) error {
		tried[j.Failed] = true
		if tries = len(tried); j.Failed < fails {
			return errors.New("the message does not fit")
		}
		done++
		return nil
	}
	h.jobs["test.other"] = func(h *Handlers, tx Tx, j aulabot.Job) error { others++; return nil }
	schedule := func(key, kind string) {
		t.Helper()
		if err := st.Schedule(aulabot.Job{Key: key, Kind: kind, Due: now}); err != nil {
			t.Fatal(err)
		}
	}
	tick := func() error {
		t.Helper()
		return h.Tick(context.Background())
	}
	schedule("flaky", "test.flaky")
	schedule("other:1", "test.other")
	if err := tick(); err == nil || tries != 1 || others != 1 {
		t.Fatalf("the first tick: %v, %d tries, %d other jobs run", err, tries, others)
	}
	// Minutes after each failure until the next try.
	for i, wait := range []int{1, 2, 4, 8, 16, 32, 60, 60} {
		var j aulabot.Job
		st.View(func(tx *store.Tx) (err error) { j, _, err = tx.ScheduledJob("flaky"); return err })
		if j.Failed != i+1 || !j.Due.Equal(now.Add(time.Duration(wait)*time.Minute)) || j.Error != "the message does not fit" {
			t.Fatalf("after failure %d: %d failures counted, due %v (%q), want %d and %v", i+1, j.Failed, j.Due, j.Error, i+1, now.Add(time.Duration(wait)*time.Minute))
		}
		schedule("other:2", "test.other") // runs at the next tick, while the failing one waits
		now = now.Add(time.Duration(wait)*time.Minute - time.Second)
		if err := tick(); err != nil || tries != i+1 {
			t.Fatalf("a second before the retry: %v, %d tries, want %d", err, tries, i+1)
		}
		now = now.Add(time.Second)
		tick()
		if tries != i+2 {
			t.Fatalf("at the retry: %d tries, want %d", tries, i+2)
		}
	}
	if done != 1 || others != 9 {
		t.Errorf("the job's work done %d times, other jobs run %d times; want 1 and 9", done, others)
	}
	var left bool
	st.View(func(tx *store.Tx) (err error) { _, left, err = tx.ScheduledJob("flaky"); return err })
	if left || tick() != nil || done != 1 {
		t.Errorf("after it ran: still scheduled %v, done %d times", left, done)
	}
}

// A failed run's job that another worker ran meanwhile, or that was
// scheduled again, is left as that made it: not put off.
func TestTick_PutOffOnlyTheFailedRun(t *testing.T) {
	h, st := internalHandlers(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	h.Now = func() time.Time { return now }
	st.Now = h.Now
	runs := 0
	h.jobs["test.ok"] = func(h *Handlers, tx Tx, j aulabot.Job) error { runs++; return nil }
	jobOf := func(key string) (j aulabot.Job, ok bool) {
		st.View(func(tx *store.Tx) (err error) { j, ok, err = tx.ScheduledJob(key); return err })
		return j, ok
	}
	for _, key := range []string{"ran", "again"} {
		if err := st.Schedule(aulabot.Job{Key: key, Kind: "test.ok", Due: now}); err != nil {
			t.Fatal(err)
		}
	}
	ran, _ := jobOf("ran")
	if err := h.runJob(context.Background(), ran); err != nil || runs == 0 {
		t.Fatalf("the run: %v", err)
	}
	h.postpone(context.Background(), ran, errors.New("a stale failure"))
	if _, ok := jobOf("ran"); ok {
		t.Error("a job that ran was scheduled again by a stale failure")
	}
	again, _ := jobOf("again")
	if err := st.Schedule(aulabot.Job{Key: "again", Kind: "test.ok", Due: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	h.postpone(context.Background(), again, errors.New("a stale failure"))
	if j, ok := jobOf("again"); !ok || j.Failed != 0 || !j.Due.Equal(now.Add(time.Hour)) {
		t.Errorf("a job scheduled again after the failed run: %+v, want it as scheduled", j)
	}
}

// A failed job keeps the start of its error for aulabot outbox (the log
// has it whole): a message that does not fit can quote a long text.
func TestTick_FailedJobKeepsShortError(t *testing.T) {
	h, st := internalHandlers(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	h.Now = func() time.Time { return now }
	st.Now = h.Now
	long := "message does not fit: " + strings.Repeat("ñ", 2000)
	h.jobs["test.long"] = func(h *Handlers, tx Tx, j aulabot.Job) error { return errors.New(long) }
	if err := st.Schedule(aulabot.Job{Key: "long", Kind: "test.long", Due: now}); err != nil {
		t.Fatal(err)
	}
	h.Tick(context.Background())
	var j aulabot.Job
	st.View(func(tx *store.Tx) (err error) { j, _, err = tx.ScheduledJob("long"); return err })
	if n := utf8.RuneCountInString(j.Error); j.Failed != 1 || n != maxJobError || !strings.HasPrefix(j.Error, "message does not fit: ñ") || !strings.HasSuffix(j.Error, "…") {
		t.Errorf("the job kept %d characters of its error (%d failures), want %d ending in …", n, j.Failed, maxJobError)
	}
}

// JobRetry doubles from a minute to an hour.
func TestJobRetry(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 6: 32 * time.Minute,
		7: time.Hour, 8: time.Hour, 1000: time.Hour} {
		if got := aulabot.JobRetry(n); got != want {
			t.Errorf("after %d failures: %v, want %v", n, got, want)
		}
	}
}
