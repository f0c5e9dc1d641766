package bot

import (
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the runtime's Prometheus metrics. A nil *Metrics records
// nothing.
type Metrics struct {
	Registry *prometheus.Registry
	updates  *prometheus.CounterVec
	latency  prometheus.Histogram
	wait     prometheus.Histogram
	messages *prometheus.CounterVec
	errors   *prometheus.CounterVec
	limited  prometheus.Counter
	deadN    *prometheus.CounterVec
	drops    *prometheus.CounterVec
	// pollFailing is when getUpdates began to fail, in Unix nanoseconds;
	// 0 while the last poll succeeded.
	pollFailing atomic.Int64
}

// NewMetrics registers the metrics; outboxDepth is read at each scrape.
func NewMetrics(outboxDepth func() float64) *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_updates_handled_total", Help: "Telegram updates handled, by result.",
		}, []string{"result"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "aulabot_handler_seconds", Help: "Time to handle one update, commit included.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}),
		wait: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "aulabot_update_wait_seconds", Help: "Time an update waited for a worker: behind its chat's earlier updates, or for one to be free.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_messages_sent_total", Help: "Calls that reached Telegram, by method.",
		}, []string{"method"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_send_errors_total", Help: "Failed calls, by Telegram's answer (retry, 429, gone, refused, blocked, forbidden, moved).",
		}, []string{"kind"}),
		limited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "aulabot_telegram_429_total", Help: "429 Too Many Requests answers from Telegram.",
		}),
		deadN: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_outbox_dead_total", Help: "Messages moved to the dead letters, by reason (retries, refused, unreachable, forbidden).",
		}, []string{"reason"}),
		drops: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aulabot_outbox_dropped_total", Help: "Messages dropped unsent, by reason: gone (an edit or deletion of a message that is gone), expired (past its NotAfter: a reminder once its session started).",
		}, []string{"reason"}),
	}
	m.Registry.MustRegister(m.updates, m.latency, m.wait, m.messages, m.errors, m.limited, m.deadN, m.drops,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "aulabot_outbox_depth", Help: "Messages stored and not yet delivered.",
		}, outboxDepth),
		collectors.NewGoCollector())
	return m
}

func (m *Metrics) handled(result string, d time.Duration) {
	if m == nil {
		return
	}
	m.updates.WithLabelValues(result).Inc()
	m.latency.Observe(d.Seconds())
}

func (m *Metrics) waited(d time.Duration) {
	if m != nil {
		m.wait.Observe(d.Seconds())
	}
}

func (m *Metrics) sent(method string) {
	if m != nil {
		m.messages.WithLabelValues(method).Inc()
	}
}

func (m *Metrics) failed(kind string) {
	if m != nil {
		m.errors.WithLabelValues(kind).Inc()
	}
}

func (m *Metrics) tooMany() {
	if m != nil {
		m.limited.Inc()
	}
}

func (m *Metrics) dead(reason string) {
	if m != nil {
		m.deadN.WithLabelValues(reason).Inc()
	}
}

// Reasons a message is dropped unsent (aulabot_outbox_dropped_total).
const (
	dropGone    = "gone"    // an edit or deletion of a message that is gone
	dropExpired = "expired" // past its NotAfter
)

func (m *Metrics) dropped(reason string) {
	if m != nil {
		m.drops.WithLabelValues(reason).Inc()
	}
}

// polled records a poll's outcome at now: the first failure after a
// success starts the time polls have been failing, a success ends it.
func (m *Metrics) polled(now time.Time, err error) {
	switch {
	case m == nil:
	case err == nil:
		m.pollFailing.Store(0)
	default:
		m.pollFailing.CompareAndSwap(0, now.UnixNano())
	}
}

// WatchPolls adds aulabot_polls_failing_seconds, read at each scrape on
// the clock now: how long getUpdates has been failing, 0 while the last
// poll succeeded (and always with a webhook, where the bot does not poll).
func (m *Metrics) WatchPolls(now func() time.Time) {
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "aulabot_polls_failing_seconds", Help: "How long getUpdates has been failing (0: the last poll succeeded, or webhook mode).",
	}, func() float64 {
		since := m.pollFailing.Load()
		if since == 0 {
			return 0
		}
		return max(now().Sub(time.Unix(0, since)).Seconds(), 0)
	}))
}

// WatchJobs adds the gauge of the jobs put off after a failure (the
// store's JobsFailing), read at each scrape.
func (m *Metrics) WatchJobs(failing func() (int, error)) {
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "aulabot_jobs_failing", Help: "Durable jobs (reminders, escalations, closes) whose last run failed, waiting for another try.",
	}, func() float64 {
		n, _ := failing()
		return float64(n)
	}))
}

// WatchOutbox adds the outbox's gauges, read at each scrape: the messages
// waiting for a retry and the age of the oldest message due. health
// returns them (the store's OutboxHealth); now is the clock.
func (m *Metrics) WatchOutbox(health func(now time.Time) (stuck int, oldest time.Time, err error), now func() time.Time) {
	m.Registry.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "aulabot_outbox_stuck", Help: "Messages that failed and wait for another attempt.",
		}, func() float64 {
			n, _, _ := health(now())
			return float64(n)
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "aulabot_outbox_oldest_seconds", Help: "How long the oldest message due has waited (0: none).",
		}, func() float64 {
			t := now()
			_, oldest, _ := health(t)
			if oldest.IsZero() {
				return 0
			}
			return max(t.Sub(oldest).Seconds(), 0)
		}))
}
