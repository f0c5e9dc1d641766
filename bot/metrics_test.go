package bot_test

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/store"
)

// /metrics counts dead letters and messages dropped by reason, and shows
// the stuck messages and the age of the oldest one due.
func TestMetrics_Outbox(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	m := bot.NewMetrics(func() float64 { return 0 })
	m.WatchOutbox(e.store.OutboxHealth, time.Now)
	e.sender.Metrics = m
	e.outbox.Now = (&stepClock{t: time.Now()}).Now // the retry stays due later
	e.sb.Block(8, true)
	e.sb.AddGroup(-100, "Team", 7)
	e.sb.FailNext("sendMessage", 502, 0, 1)
	e.enqueue(aulabot.Message{ChatID: -100, Text: "fails once"})
	stop := e.run()
	logs.wait(t, "send failed, will retry")
	e.enqueue(
		aulabot.Message{ChatID: 7, Text: strings.Repeat("x", 5000)}, // too long: refused
		aulabot.Message{ChatID: 8, Text: "blocked"},
		aulabot.Message{ChatID: 8, Text: "blocked too"},
		aulabot.Message{ChatID: 7, Text: "starts in an hour", NotAfter: time.Now().Add(-time.Minute)},
		aulabot.Message{ChatID: 7, EditMessageID: 999, Delete: true}, // a message that is gone
	)
	logs.wait(t, "message refused")
	logs.wait(t, "person unreachable")
	logs.wait(t, "expired message dropped")
	logs.wait(t, "edit dropped")
	stop()
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`aulabot_outbox_dead_total{reason="refused"} 1`,
		`aulabot_outbox_dead_total{reason="unreachable"} 2`,
		`aulabot_outbox_dropped_total{reason="expired"} 1`,
		`aulabot_outbox_dropped_total{reason="gone"} 1`,
		"aulabot_outbox_stuck 1",
		`aulabot_send_errors_total{kind="retry"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if !strings.Contains(body, "aulabot_outbox_oldest_seconds ") || strings.Contains(body, "aulabot_outbox_oldest_seconds 0\n") {
		t.Errorf("/metrics shows no age for the stuck message:\n%s", grepLines(body, "aulabot_outbox"))
	}
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// /metrics shows how many durable jobs failed and wait for another try,
// read from the store.
func TestMetrics_JobsFailing(t *testing.T) {
	e := newEnv(t)
	m := bot.NewMetrics(func() float64 { return 0 })
	m.WatchJobs(e.store.JobsFailing)
	scrape := func() string {
		rec := httptest.NewRecorder()
		promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		return rec.Body.String()
	}
	if err := e.store.Schedule(aulabot.Job{Key: "ticket:UNMA-1:remind", Kind: "r", Due: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if body := scrape(); !strings.Contains(body, "aulabot_jobs_failing 0\n") {
		t.Errorf("none failing: %s", grepLines(body, "aulabot_jobs"))
	}
	err := e.store.Update(func(tx *store.Tx) error {
		j, _, err := tx.ScheduledJob("ticket:UNMA-1:remind")
		if err == nil {
			_, err = tx.PostponeJob(j.Key, j.ID, time.Now().Add(time.Minute), errors.New("does not fit"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if body := scrape(); !strings.Contains(body, "aulabot_jobs_failing 1\n") {
		t.Errorf("one failing: %s", grepLines(body, "aulabot_jobs"))
	}
}
