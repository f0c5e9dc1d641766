package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/knowledge/llmfake"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// withLLM gives e's handlers the built-in base with an LLM on a fake
// OpenAI server.
func withLLM(t *testing.T, e *htest.Env) *llmfake.Server {
	t.Helper()
	f := llmfake.New(t)
	f.SetReply("Abre la tarea y pulsa «Agregar entrega» [1].")
	lib := knowledge.NewLibrary(func() (*knowledge.Base, []knowledge.Problem, error) { return knowledge.Load(knowledge.Builtin(), ".") })
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	e.H.Knowledge = knowledge.NewService(lib, knowledge.NewLLM("k", f.URL(), "", "", 5*time.Second), false, nil)
	return f
}

// anotherProcess is a second Handlers on e's database, as a second
// process (or a restart) would have.
func anotherProcess(e *htest.Env) *handlers.Handlers {
	h := handlers.New(e.Config, service.New(e.Config), handlers.Adapt[*store.Tx](e.Store, store.ErrDuplicate), e, slog.New(slog.NewTextHandler(io.Discard, nil)))
	h.Now, h.Knowledge, h.BotUsername = e.H.Now, e.H.Knowledge, htest.BotUsername
	return h
}

func backgroundJobs(t *testing.T, e *htest.Env) []aulabot.Job {
	t.Helper()
	var jobs []aulabot.Job
	if err := e.Store.View(func(tx *store.Tx) (err error) { jobs, err = tx.BackgroundJobs(100); return err }); err != nil {
		t.Fatal(err)
	}
	return jobs
}

// TestAsk_LLMInBackground: with an LLM the question commits at once with
// a job, and the answer comes from the background run: the model's text
// with its sources, recorded on the question.
func TestAsk_LLMInBackground(t *testing.T) {
	e := htest.New(t, nil)
	f := withLLM(t, e)
	p := htest.Person(140, "es")
	e.Onboard(p, "unma", "student")
	if out := e.Text(p, 0, "como entrego mi tarea"); len(out) != 0 {
		t.Fatalf("answered on the chat's worker: %q", texts(out))
	}
	if jobs := backgroundJobs(t, e); len(jobs) != 1 || jobs[0].Kind != aulabot.JobAnswer {
		t.Fatalf("jobs = %+v, want one answer job", jobs)
	}
	if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := e.Deliver()
	all := texts(out)
	if !strings.Contains(all, "Agregar entrega» [1]") || !strings.Contains(all, "Fuentes:") || htest.Buttons(out)["👍 Me sirvió"] == "" {
		t.Errorf("background answer = %q %v", all, htest.Buttons(out))
	}
	if len(backgroundJobs(t, e)) != 0 || f.Chats() != 1 {
		t.Errorf("after the answer: jobs %v, LLM calls %d", backgroundJobs(t, e), f.Chats())
	}
	// The question is recorded as answered, and feedback works on it.
	e.Press(p, 0, 0, htest.Buttons(out)["👎 No me sirvió"])
	if a := e.LastAnswer(); a.Alert {
		t.Errorf("feedback on a background answer: %+v", a)
	}
}

// TestAsk_LLMFailsFallsBack: when the model fails, the background answer
// is the retrieved article.
func TestAsk_LLMFailsFallsBack(t *testing.T) {
	e := htest.New(t, nil)
	f := withLLM(t, e)
	f.SetStatus(500)
	p := htest.Person(141, "es")
	e.Onboard(p, "unma", "student")
	e.Text(p, 0, "como entrego mi tarea")
	if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	if all := texts(e.Deliver()); !strings.Contains(all, "<b>¿Cómo entrego una tarea en Moodle?</b>") {
		t.Errorf("fallback = %q, want the article", all)
	}
}

// TestAsk_JobRunTwiceAnswersOnce: two processes running the same job at
// once (a slow answer still running when a restarted process starts it
// again) send one answer.
func TestAsk_JobRunTwiceAnswersOnce(t *testing.T) {
	e := htest.New(t, nil)
	f := withLLM(t, e)
	p := htest.Person(142, "es")
	e.Onboard(p, "unma", "student")
	e.Text(p, 0, "como entrego mi tarea")
	release := f.Hold()
	var wg sync.WaitGroup
	for _, h := range []*handlers.Handlers{e.H, anotherProcess(e)} {
		wg.Go(func() {
			if err := h.RunBackgroundJobs(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	for range 2 { // both are asking the model
		<-f.Started()
	}
	release()
	wg.Wait()
	out := e.Deliver()
	if n := strings.Count(texts(out), "Agregar entrega"); n != 1 {
		t.Errorf("the answer was sent %d times: %q", n, texts(out))
	}
	if f.Chats() != 2 {
		t.Errorf("LLM answered %d times, want 2 (both runs asked)", f.Chats())
	}
}

// TestAsk_DeletedBeforeAnswer: a person who deletes their data while the
// answer is pending gets none, and the job goes.
func TestAsk_DeletedBeforeAnswer(t *testing.T) {
	e := htest.New(t, nil)
	f := withLLM(t, e)
	p := htest.Person(143, "es")
	e.Onboard(p, "unma", "student")
	e.Text(p, 0, "como entrego mi tarea")
	e.Press(p, 0, 0, "del:yes")
	if jobs := backgroundJobs(t, e); len(jobs) != 0 {
		t.Errorf("jobs after /deletemydata: %+v", jobs)
	}
	if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	if out := e.Deliver(); len(out) != 0 || f.Chats() != 0 {
		t.Errorf("after deletion: sent %q, LLM calls %d", texts(out), f.Chats())
	}
}

// A background job that keeps failing (here the knowledge base is gone,
// so neither the answer nor the reload can be done) is tried
// maxJobFailures times, one run after another, and then given up: the
// asker is told their question could not be answered (naming it), the
// coordinator that the reload failed, and no job is left to run every
// minute for ever.
func TestBackground_GivesUpAfterFailures(t *testing.T) {
	e := htest.New(t, nil)
	withLLM(t, e)
	p, coord := htest.Person(145, "es"), htest.Person(5001, "en")
	e.Onboard(p, "unma", "student")
	e.Text(p, 0, "como entrego mi tarea")
	e.Text(coord, 0, "/reload")
	if n := len(backgroundJobs(t, e)); n != 2 {
		t.Fatalf("%d jobs, want the answer's and the reload's", n)
	}
	e.H.Knowledge = nil
	for i := range 5 {
		if err := e.H.RunBackgroundJobs(context.Background()); err == nil {
			t.Fatalf("run %d: no error", i+1)
		}
		if got := e.Deliver(); len(got) != 0 {
			t.Fatalf("run %d sent %q", i+1, texts(got))
		}
	}
	if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := e.Deliver()
	if s := texts(to(got, p.ID)); !strings.Contains(s, "no pude preparar la respuesta a su pregunta «como entrego mi tarea»") {
		t.Errorf("the asker was told %q", s)
	}
	if s := texts(to(got, coord.ID)); !strings.Contains(s, "I couldn't reload the knowledge base") {
		t.Errorf("the coordinator was told %q", s)
	}
	if jobs := backgroundJobs(t, e); len(jobs) != 0 {
		t.Errorf("jobs left: %+v", jobs)
	}
}
