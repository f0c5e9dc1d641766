package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge/llmfake"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

const llmReply = "Open the assignment and press Add submission [1]."

// llmHarness runs the bot with an LLM on a fake OpenAI server.
func llmHarness(t *testing.T) (*harness, *llmfake.Server) {
	f := llmfake.New(t)
	f.SetReply(llmReply)
	h := newHarnessWith(t, nil, func(s *Settings) { s.OpenAIKey, s.OpenAIBaseURL = "test-key", f.URL() })
	return h, f
}

// waitStarted waits until the fake model is asked a question.
func waitStarted(t *testing.T, f *llmfake.Server) {
	t.Helper()
	select {
	case <-f.Started():
	case <-time.After(wait):
		t.Fatal("the LLM was never asked")
	}
}

// Chats 7001 and 7017 are handled by the same dispatcher worker (chat id
// modulo its 16 workers).
const askerChat, neighbourChat = 7001, 7017

// TestE2E_SlowLLMDoesNotDelayOthers: while the model takes its time over
// one person's question, another person whose chat shares that person's
// worker gets /help at once. (Before, the answer was written on the
// worker, and the neighbour waited for the model: 20 s at worst.)
func TestE2E_SlowLLMDoesNotDelayOthers(t *testing.T) {
	h, f := llmHarness(t)
	h.student(askerChat, "Asker", "unma") // submitting homework is a student's question
	h.teacher(neighbourChat, "Neighbour", "unma")
	release := f.Hold()
	defer release()
	before := h.lastBot(askerChat)
	h.SB.SendText(askerChat, askerChat, "how do i submit homework")
	waitStarted(t, f)
	if m := h.say(neighbourChat, "/help"); m.Text == "" {
		t.Fatal("no /help for the neighbour")
	}
	if got := h.lastBot(askerChat); got != before {
		t.Fatalf("the asker got a reply before the model answered: %s", dump(h.SB.Messages(askerChat)))
	}
	release()
	m := h.waitNew(askerChat, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	if !strings.Contains(m.Text, "Add submission [1]") || !strings.Contains(m.Text, "Sources:") {
		t.Errorf("answer = %q", m.Text)
	}
}

// TestE2E_AnswerJobSurvivesRestart: the bot stops while the model is
// writing an answer; the next start writes it, once.
func TestE2E_AnswerJobSurvivesRestart(t *testing.T) {
	h, f := llmHarness(t)
	h.student(askerChat, "Asker", "unma") // submitting homework is a student's question
	release := f.Hold()
	before := h.lastBot(askerChat)
	h.SB.SendText(askerChat, askerChat, "how do i submit homework")
	waitStarted(t, f)
	h.stop() // the model's answer never came: the job stays
	var jobs []aulabot.Job
	s, err := store.Open(h.Data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *store.Tx) (err error) { jobs, err = tx.BackgroundJobs(10); return err })
	s.Close()
	if len(jobs) != 1 {
		t.Fatalf("jobs after the stop: %+v, want the answer's", jobs)
	}
	release()
	h.start()
	h.waitNew(askerChat, before, func(m sandbox.Message) bool { return strings.Contains(m.Text, "Add submission [1]") })
	// Nothing is left to answer it again, and it was answered once.
	h.M.Handlers.RunBackgroundJobs(context.Background())
	if n := h.countBot(askerChat, "Add submission [1]"); n != 1 {
		t.Errorf("answered %d times", n)
	}
	h.M.Store.View(func(tx *store.Tx) (err error) { jobs, err = tx.BackgroundJobs(10); return err })
	if len(jobs) != 0 {
		t.Errorf("jobs after the answer: %+v", jobs)
	}
}
