package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/knowledge/llmfake"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// llmHarnessWith runs the bot with an LLM on a fake OpenAI server and
// settings adjusted by adjust.
func llmHarnessWith(t *testing.T, adjust func(*Settings)) (*harness, *llmfake.Server) {
	f := llmfake.New(t)
	h := newHarnessWith(t, nil, func(s *Settings) {
		s.OpenAIKey, s.OpenAIBaseURL = "test-key", f.URL()
		if adjust != nil {
			adjust(s)
		}
	})
	return h, f
}

// scrape is what /metrics shows now of reg.
func scrape(reg prometheus.Gatherer) string {
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}

// wantMetrics checks lines of /metrics, each given as a regular expression.
func wantMetrics(t *testing.T, h *harness, lines ...string) {
	t.Helper()
	body := scrape(h.M.Metrics.Registry)
	missing := false
	for _, l := range lines {
		if !regexp.MustCompile(`(?m)^` + l + `$`).MatchString(body) {
			t.Errorf("/metrics lacks a line %s", l)
			missing = true
		}
	}
	if missing { // what it has instead, to tell a slow run from a wrong count
		t.Logf("the LLM's lines of /metrics:\n%s", strings.Join(slices.DeleteFunc(strings.Split(body, "\n"), func(l string) bool {
			return !strings.HasPrefix(l, "aulabot_llm_")
		}), "\n"))
	}
}

// ask sends a question from chat and waits for the bot's answer (the
// message with buttons).
func (h *harness) ask(chat int64, question string) sandbox.Message {
	h.t.Helper()
	before := h.lastBot(chat)
	h.SB.SendText(chat, chat, question)
	return h.waitNew(chat, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
}

// TestE2E_LLMOneDeadline: with embeddings and the model both hanging, the
// answer falls back to the article when the one deadline of the answer
// passes: the chat request is never made after the embeddings used up the
// time. (Before, each call had its own 20 s: 40 s in all.)
func TestE2E_LLMOneDeadline(t *testing.T) {
	h, f := llmHarnessWith(t, func(s *Settings) { s.EmbedModel, s.LLMTimeout = "emb", 300*time.Millisecond })
	onboarded(t, h, askerChat, "en", aulabot.RoleStudent)
	f.Block(true)
	m := h.ask(askerChat, "how do i submit homework")
	if !strings.Contains(m.Text, "How do I submit an assignment in Moodle?") || !strings.Contains(m.Text, "Source:") {
		t.Errorf("fallback = %q", m.Text)
	}
	if got := f.Paths(); !slices.Equal(got, []string{"/v1/embeddings"}) {
		t.Errorf("requests to the server: %v, want the embeddings' alone", got)
	}
	wantMetrics(t, h,
		`aulabot_llm_requests_total\{kind="embed",result="timeout"\} 1`,
		`aulabot_llm_fallbacks_total\{reason="timeout"\} 1`,
		`aulabot_llm_answers_total\{outcome="fallback"\} 1`)
}

// TestE2E_LLMQuestionLanguage: an English profile asking in Spanish gets
// the Spanish article and a prompt that asks for Spanish; a reply in
// English is refused (the article is shown), one in Spanish is shown.
func TestE2E_LLMQuestionLanguage(t *testing.T) {
	h, f := llmHarnessWith(t, nil)
	f.SetUsage(700, 40)
	onboarded(t, h, askerChat, "en", aulabot.RoleStudent)
	f.SetReply("Open the assignment and press Add submission [1].")
	m := h.ask(askerChat, "¿cómo entrego mi tarea en moodle?")
	if !strings.Contains(m.Text, "¿Cómo entrego una tarea en Moodle?") || strings.Contains(m.Text, "Open the assignment") {
		t.Errorf("answer to an English reply = %q, want the Spanish article", m.Text)
	}
	system := f.Prompts()[0]
	if !strings.Contains(system, "Answer in Spanish") || !strings.Contains(system, "[1] ¿Cómo entrego una tarea en Moodle?") {
		t.Errorf("prompt: %q", system)
	}
	f.SetReply("Entre al curso, abra la tarea y pulse Agregar entrega [1].")
	m = h.ask(askerChat, "¿cómo entrego mi tarea en moodle?")
	if !strings.Contains(m.Text, "pulse Agregar entrega [1]") || !strings.Contains(m.Text, "Sources:") {
		t.Errorf("answer to a Spanish reply = %q", m.Text)
	}
	wantMetrics(t, h,
		`aulabot_llm_requests_total\{kind="chat",result="ok"\} 2`,
		`aulabot_llm_fallbacks_total\{reason="wrong_language"\} 1`,
		`aulabot_llm_answers_total\{outcome="composed"\} 1`,
		`aulabot_llm_tokens_total\{kind="prompt"\} 1400`,
		`aulabot_llm_tokens_total\{kind="completion"\} 80`,
		`aulabot_llm_request_seconds_count\{kind="chat"\} 2`)
}

// TestE2E_LLMSuggestNotCovered: after an unsure search the model is told
// the articles may not answer; its "not covered" brings the suggestions.
func TestE2E_LLMSuggestNotCovered(t *testing.T) {
	h, f := llmHarnessWith(t, nil)
	h.teacher(askerChat, "Asker", "unma")
	f.SetReply("NOT_COVERED")
	m := h.ask(askerChat, "problemas con el zoom de mi clase")
	if !strings.Contains(m.Text, "Did you mean one of these?") || len(m.Inline) < 3 {
		t.Errorf("answer = %q %v, want the suggestions", m.Text, m.Inline)
	}
	if !strings.Contains(f.Prompts()[0], "may be about something else") {
		t.Errorf("the model was not told the articles may not answer: %q", f.Prompts()[0])
	}
	wantMetrics(t, h, `aulabot_llm_fallbacks_total\{reason="not_covered"\} 1`)
}

// TestE2E_PrivacyNamesLLMServer: with an LLM, /privacy says in both
// languages that questions leave the programme, and for what server;
// without one it says nothing is shared.
func TestE2E_PrivacyNamesLLMServer(t *testing.T) {
	h, f := llmHarnessWith(t, func(s *Settings) { s.EmbedModel = "emb" })
	u, _ := url.Parse(f.URL())
	h.teacher(askerChat, "Asker", "unma")
	onboarded(t, h, neighbourChat, "es", aulabot.RoleTeacher)
	for chat, want := range map[int64][]string{
		askerChat:     {"Your questions leave the programme", "embeddings server, <b>" + u.Host + "</b>"},
		neighbourChat: {"Sus preguntas salen del programa", "de embeddings, <b>" + u.Host + "</b>"},
	} {
		m := h.say(chat, "/privacy")
		for _, w := range want {
			if !strings.Contains(m.Text, w) {
				t.Errorf("/privacy = %q, lacks %q", m.Text, w)
			}
		}
		if strings.Contains(m.Text, "Nothing is shared outside the programme.\n") || strings.Contains(m.Text, "No comparto nada fuera del programa") ||
			strings.Contains(m.Text, "voice notes") || strings.Contains(m.Text, "notas de voz") {
			t.Errorf("/privacy still says nothing leaves: %q", m.Text)
		}
	}
	plain := newHarness(t, nil)
	plain.teacher(askerChat, "Asker", "unma")
	if m := plain.say(askerChat, "/privacy"); !strings.Contains(m.Text, "Nothing is shared outside the programme") || strings.Contains(m.Text, "leave") {
		t.Errorf("/privacy without an LLM = %q", m.Text)
	}
}

// onboarded adds someone of unma to the emulator and to the database as
// already onboarded, speaking lang, in role.
func onboarded(t *testing.T, h *harness, id int64, lang, role string) {
	t.Helper()
	h.SB.AddUser(sandbox.User{ID: id, FirstName: "P" + lang, LanguageCode: lang})
	err := h.M.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: id, Name: "P" + lang, Lang: lang, University: "unma", Role: role, ConsentAt: h.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLLMObserver: a failed request and a fallback are logged with their
// reason and counted.
func TestLLMObserver(t *testing.T) {
	var buf bytes.Buffer
	reg := prometheus.NewRegistry()
	o := newLLMObserver(reg, slog.New(slog.NewTextHandler(&buf, nil)))
	o.Request("chat", 2*time.Second, fmt.Errorf("llm answer: %w", errors.New("HTTP 500")), 0, 0)
	o.Answer("ungrounded", fmt.Errorf("x: %w", knowledge.ErrUngrounded))
	log := buf.String()
	for _, want := range []string{`msg="llm request failed" kind=chat result=error seconds=2`, `msg="llm answer not used; the articles are shown" reason=ungrounded`} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	body := scrape(reg)
	for _, want := range []string{`aulabot_llm_requests_total{kind="chat",result="error"} 1`, `aulabot_llm_fallbacks_total{reason="ungrounded"} 1`,
		`aulabot_llm_fallbacks_total{reason="timeout"} 0`, `aulabot_llm_answers_total{outcome="fallback"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
