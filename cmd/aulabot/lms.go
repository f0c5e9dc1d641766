package main

import (
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/lmswatch"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// lmsWatcher watches every university's lms_url, or is nil when none has
// one or the watch is off (--lms-watch=false; tests leave it off).
func (m *Main) lmsWatcher() *lmswatch.Watcher {
	if !m.Settings.LMSWatch {
		return nil
	}
	targets := map[string]string{}
	for _, u := range m.Config.Universities {
		if u.LMSURL != "" {
			targets[u.ID] = u.LMSURL
		}
	}
	if len(targets) == 0 {
		return nil
	}
	w := m.Config.LMSWatch
	checker := lmswatch.New(time.Duration(w.Timeout), nil)
	checker.Now = func() time.Time { return m.Now() }
	up := handlers.AdaptUpdater[*store.Tx](m.Store)
	return &lmswatch.Watcher{Checker: checker, Targets: targets, Interval: time.Duration(w.Interval), Log: m.Log,
		Record: func(uni string, r lmswatch.Result) error {
			return m.Handlers.RecordLMSCheck(up, uni, aulabot.LMSCheck{At: r.At, OK: r.OK, Status: r.Status, Latency: r.Latency, Error: r.Error})
		}}
}

// sandboxLMS points every university of cfg that has an lms_url at the
// emulator's fake LMS on base (the web chat's address), checked every
// 10 s, so the watch runs without a network and an outage can be played
// with POST /sandbox/api/lms {"uni": ID, "down": true}.
func sandboxLMS(cfg *aulabot.Config, base string) {
	for i, u := range cfg.Universities {
		if u.LMSURL != "" {
			cfg.Universities[i].LMSURL = base + sandbox.LMSPath(u.ID)
		}
	}
	cfg.LMSWatch.Interval = aulabot.Duration(10 * time.Second)
	cfg.LMSWatch.Timeout = aulabot.Duration(5 * time.Second)
}
