package handlers

import (
	"context"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge"
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
// its check of attendance) wakes the loop that runs due jobs, so that it
// reads the next due time again; one that schedules none does not.
func TestCommit_WakesJobsLoop(t *testing.T) {
	h, st := internalHandlers(t)
	mentor := aulabot.Person{ID: 4001, FirstName: "Mentor", LanguageCode: "es"}
	day := h.Now().AddDate(0, 0, 2).In(h.Config.Loc("unma")).Format("2006-01-02")
	for i, c := range []struct {
		text string
		wake bool
	}{{"/help", false}, {"/newslot " + day + " 15:00 60 personal", true}, {"/privacy", false}} {
		u := aulabot.Update{ID: int64(i + 1), ChatID: mentor.ID, ChatType: "private", From: mentor, MessageID: i + 1, Text: c.text, Date: h.Now()}
		if err := h.Handle(context.Background(), u); err != nil {
			t.Fatal(err)
		}
		select {
		case <-h.JobsScheduled():
			if !c.wake {
				t.Errorf("%s woke the jobs' loop", c.text)
			}
		default:
			if c.wake {
				t.Errorf("%s scheduled no job or did not wake the jobs' loop", c.text)
			}
		}
	}
	if _, ok, err := st.NextJobDue(); err != nil || !ok {
		t.Errorf("the session's jobs are not scheduled: %v, %v", ok, err)
	}
}
