package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/aulabot/aulabot/knowledge"
)

// llmObserver logs and counts the LLM's work (knowledge.Observer): the
// model's health (errors, timeouts, fallbacks by reason), speed and cost
// (tokens, when the server reports them).
type llmObserver struct {
	log       *slog.Logger
	requests  *prometheus.CounterVec
	seconds   *prometheus.HistogramVec
	tokens    *prometheus.CounterVec
	answers   *prometheus.CounterVec
	fallbacks *prometheus.CounterVec
}

// newLLMObserver registers the LLM's metrics on reg.
func newLLMObserver(reg prometheus.Registerer, log *slog.Logger) *llmObserver {
	o := &llmObserver{
		log: log,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_llm_requests_total", Help: "Requests to the LLM server, by kind (chat, embed) and result (ok, error, timeout, stopped).",
		}, []string{"kind", "result"}),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "aulabot_llm_request_seconds", Help: "Time of one request to the LLM server, by kind.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 10),
		}, []string{"kind"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_llm_tokens_total", Help: "Tokens the LLM server reported, by kind (prompt, completion).",
		}, []string{"kind"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_llm_answers_total", Help: "Answers asked of the model, by outcome: composed (shown) or fallback (the articles shown instead).",
		}, []string{"outcome"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_llm_fallbacks_total", Help: "Answers that fell back to the articles, by reason.",
		}, []string{"reason"}),
	}
	for _, r := range knowledge.FallbackReasons {
		o.fallbacks.WithLabelValues(r)
	}
	for _, out := range []string{"composed", "fallback"} {
		o.answers.WithLabelValues(out)
	}
	reg.MustRegister(o.requests, o.seconds, o.tokens, o.answers, o.fallbacks)
	return o
}

func (o *llmObserver) Request(kind string, d time.Duration, err error, prompt, completion int) {
	result := knowledge.RequestResult(err)
	o.requests.WithLabelValues(kind, result).Inc()
	o.seconds.WithLabelValues(kind).Observe(d.Seconds())
	o.tokens.WithLabelValues("prompt").Add(float64(prompt))
	o.tokens.WithLabelValues("completion").Add(float64(completion))
	if err != nil {
		o.log.Warn("llm request failed", "kind", kind, "result", result, "seconds", d.Seconds(), "err", err)
		return
	}
	o.log.Debug("llm request", "kind", kind, "seconds", d.Seconds(), "prompt_tokens", prompt, "completion_tokens", completion)
}

func (o *llmObserver) Answer(reason string, err error) {
	if reason == "" {
		o.answers.WithLabelValues("composed").Inc()
		return
	}
	o.answers.WithLabelValues("fallback").Inc()
	o.fallbacks.WithLabelValues(reason).Inc()
	level := slog.LevelWarn
	if reason == "not_covered" {
		level = slog.LevelInfo // the model did its job: the articles do not answer
	}
	o.log.Log(context.Background(), level, "llm answer not used; the articles are shown", "reason", reason, "err", err)
}
