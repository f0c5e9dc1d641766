package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

func TestE2E_Question(t *testing.T) {
	h := newHarness(t, nil)
	h.onboard(9002, "es", "Montealto", "Estudiante")
	before := h.lastBot(9002)
	h.SB.SendText(9002, 9002, "no puedo subir mi trabajo, pesa mucho")
	m := h.waitNew(9002, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	if !strings.Contains(m.Text, "¿Se refiere a alguno de estos?") {
		t.Fatalf("unsure question got %q, want suggestions", m.Text)
	}
	before = h.lastBot(9002)
	h.press(9002, m, "Mi archivo es muy grande")
	m = h.waitNew(9002, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	if !strings.Contains(m.Text, "Fuente: Mi archivo es muy grande") {
		t.Errorf("picked article = %q", m.Text)
	}
	a := h.press(9002, m, "Me sirvió")
	if a.Text != "¡Gracias! 🙌" {
		t.Errorf("Helpful answered %+v", a)
	}
	// The rating's buttons go; the related articles stay to open.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rated, err := h.SB.WaitFor(ctx, 9002, func(x sandbox.Message) bool { return x.ID == m.ID && x.Edited > m.Edited })
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, row := range rated.Inline {
		for _, b := range row {
			kept = append(kept, b.Text)
		}
	}
	if len(kept) == 0 || len(kept) != len(m.Inline)-1 || strings.Contains(strings.Join(kept, " "), "sirvió") {
		t.Errorf("after Helpful the answer has %q (before: %v), want its articles only", kept, m.Inline)
	}
}

// fakeLLM is an OpenAI-compatible chat completions server.
func fakeLLM(t *testing.T, reply *atomic.Value, calls *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if !strings.HasSuffix(r.URL.Path, "/chat/completions") || r.Header.Get("Authorization") != "Bearer test-key" {
			http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "model": "m",
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
				"message": map[string]string{"role": "assistant", "content": reply.Load().(string)}}},
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestE2E_QuestionWithLLM(t *testing.T) {
	var reply atomic.Value
	var calls atomic.Int32
	llm := fakeLLM(t, &reply, &calls)
	h := newHarnessWith(t, nil, func(s *Settings) {
		s.OpenAIKey, s.OpenAIBaseURL, s.OpenAIModel = "test-key", llm.URL+"/v1", "m"
	})
	h.onboard(9003, "en", "Montealto", "Student")

	reply.Store("Open the assignment and press <Add submission> [1].")
	before := h.lastBot(9003)
	h.SB.SendText(9003, 9003, "how do i submit homework")
	m := h.waitNew(9003, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	if !strings.Contains(m.Text, "press &lt;Add submission&gt; [1]") || !strings.Contains(m.Text, "Sources:") {
		t.Errorf("LLM answer = %q, want the escaped reply with its sources", m.Text)
	}
	if calls.Load() == 0 {
		t.Fatal("the LLM was not asked")
	}
	// An answer citing an article it was not given is dropped: the plain
	// article is shown instead.
	reply.Store("Ask your teacher [7].")
	before = h.lastBot(9003)
	h.SB.SendText(9003, 9003, "how do i submit homework")
	m = h.waitNew(9003, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	if strings.Contains(m.Text, "Ask your teacher") || !strings.Contains(m.Text, "Source:") {
		t.Errorf("bad citation shown: %q", m.Text)
	}
}

// TestE2E_EditedQuestion: a person who corrects a typo in their question
// by editing it, as Telegram lets them, gets the corrected question's
// answer: the bot asks Telegram for edits and reads the edit of the last
// question as that question asked anew.
func TestE2E_EditedQuestion(t *testing.T) {
	h := newHarness(t, nil)
	h.onboard(9004, "es", "Montealto", "Estudiante")
	before := h.lastBot(9004)
	q := h.SB.SendText(9004, 9004, "xq zzvw")
	h.waitNew(9004, before, func(sandbox.Message) bool { return true })
	before = h.lastBot(9004)
	if _, ok := h.SB.Edit(9004, 9004, q.ID, "no puedo subir mi trabajo, pesa mucho"); !ok {
		t.Fatal("the sandbox did not take the edit")
	}
	m := h.waitNew(9004, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	var buttons string
	for _, row := range m.Inline {
		buttons += row[0].Text + "\n"
	}
	if !strings.Contains(m.Text, "¿Se refiere a alguno de estos?") || !strings.Contains(buttons, "Mi archivo es muy grande") {
		t.Fatalf("the edited question got %q %v, want the suggestions the new words get", m.Text, m.Inline)
	}
}
