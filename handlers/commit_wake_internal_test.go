package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/store"
)

// An update whose commit queues background work wakes a background worker
// once committed, whichever use case queued it (Ctx.Commit); one that
// queues none does not. Before, each use case woke the workers itself, and
// one that forgot (➕ of /gaps) left its reload for the workers' next look,
// a minute later.
func TestCommit_WakesBackground(t *testing.T) {
	h, _ := internalHandlers(t)
	k, err := knowledge.BuiltinService()
	if err != nil {
		t.Fatal(err)
	}
	h.Knowledge = k
	coord := aulabot.Person{ID: 5001, FirstName: "Coord", LanguageCode: "es"}
	for i, c := range []struct {
		text string
		wake bool
	}{{"/help", false}, {"/reload", true}, {"/privacy", false}} {
		u := aulabot.Update{ID: int64(i + 1), ChatID: coord.ID, ChatType: "private", From: coord, MessageID: i + 1, Text: c.text, Date: h.Now()}
		if err := h.Handle(context.Background(), u); err != nil {
			t.Fatal(err)
		}
		select {
		case <-h.bg().kick:
			if !c.wake {
				t.Errorf("%s woke the background workers", c.text)
			}
		default:
			if c.wake {
				t.Errorf("%s queued a reload and did not wake the background workers", c.text)
			}
		}
	}
}

// An update whose commit schedules a job (a new session's reminders and
// its check of attendance) due before the time the loop that runs due
// jobs said it would look next (JobsLookAt) wakes that loop, so that it
// reads the next due time again; one that schedules none, or only jobs
// due after that time, does not. Before the loop says (or while it reads)
// every job scheduled wakes it.
func TestCommit_WakesJobsLoop(t *testing.T) {
	h, st := internalHandlers(t)
	mentor := aulabot.Person{ID: 4001, FirstName: "Mentor", LanguageCode: "es"}
	loc := h.Config.Loc("unma")
	for i, c := range []struct {
		text string
		look time.Duration // from now; 0: not said
		wake bool
	}{
		{"/help", 0, false},
		{"/newslot %s 15:00 60 personal", 0, true},
		{"/newslot %s 17:00 60 personal", time.Hour, false},          // its jobs fall due a day or more later
		{"/newslot %s 19:00 60 personal", 10 * 24 * time.Hour, true}, // the loop would look in ten days
		{"/privacy", 0, false},
	} {
		text := c.text
		if strings.Contains(text, "%s") {
			text = fmt.Sprintf(text, h.Now().AddDate(0, 0, 2).In(loc).Format("2006-01-02"))
		}
		look := time.Time{}
		if c.look > 0 {
			look = h.Now().Add(c.look)
		}
		h.JobsLookAt(look)
		u := aulabot.Update{ID: int64(i + 1), ChatID: mentor.ID, ChatType: "private", From: mentor, MessageID: i + 1, Text: text, Date: h.Now()}
		if err := h.Handle(context.Background(), u); err != nil {
			t.Fatal(err)
		}
		select {
		case <-h.JobsScheduled():
			if !c.wake {
				t.Errorf("%s (the loop looking in %v) woke the jobs' loop", text, c.look)
			}
		default:
			if c.wake {
				t.Errorf("%s (the loop looking in %v) scheduled no job or did not wake the jobs' loop", text, c.look)
			}
		}
	}
	if _, ok, err := st.NextJobDue(); err != nil || !ok {
		t.Errorf("the sessions' jobs are not scheduled: %v, %v", ok, err)
	}
}

// Work that is no update's wakes the loop as an update's commit does: a
// job whose run schedules the next due soon (a job's run commits through
// apply), and three failed checks of the LMS, whose incident schedules
// its escalation (through update). Until 7 December such jobs waited for
// the loop's next look, up to 20 s.
func TestApply_WakesJobsLoop(t *testing.T) {
	h, st := internalHandlers(t)
	h.jobs["test.next"] = func(h *Handlers, tx Tx, j aulabot.Job) error {
		return tx.Schedule(aulabot.Job{Key: "test:after", Kind: "test.after", Due: tx.Now().Add(time.Second)})
	}
	woken := func() bool {
		select {
		case <-h.JobsScheduled():
			return true
		default:
			return false
		}
	}
	if err := st.Update(func(tx *store.Tx) error {
		return tx.Schedule(aulabot.Job{Key: "test:first", Kind: "test.next", Due: h.Now().Add(-time.Second)})
	}); err != nil {
		t.Fatal(err)
	}
	woken() // a commit outside the handlers: none
	h.JobsLookAt(h.Now().Add(10 * 24 * time.Hour))
	if err := h.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !woken() {
		t.Error("a job's run scheduled the next, due in a second, and did not wake the loop that would look in ten days")
	}
	if _, ok, err := st.NextJobDue(); err != nil || !ok {
		t.Fatalf("the next job is not scheduled: %v, %v", ok, err)
	}

	h.JobsLookAt(h.Now().Add(10 * 24 * time.Hour))
	for i := range 3 {
		r := aulabot.LMSCheck{At: h.Now().Add(time.Duration(i) * time.Minute), Status: 503, Error: "503 Service Unavailable"}
		if err := h.RecordLMSCheck(AdaptUpdater[*store.Tx](st), "unma", r); err != nil {
			t.Fatal(err)
		}
	}
	if !woken() {
		t.Error("an LMS incident opened, its escalation due within the day, and did not wake the loop that would look in ten days")
	}
}
