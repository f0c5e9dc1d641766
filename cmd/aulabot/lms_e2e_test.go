package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/lmswatch"
	"github.com/aulabot/aulabot/sandbox"
)

// The LMS watch through the running bot, against the emulator's fake LMS
// that goes down and comes back, with restarts in the middle: the team
// group is told once when it goes down and sees the end on the same post,
// a teacher who asked to be told hears once that it is back, and neither
// restart announces anything again.
func TestLMS_DownAndBackAcrossRestarts(t *testing.T) {
	t.Parallel() // waits on the bot more than it computes (TestMain)
	cfg := config.Demo()
	h := &harness{t: t, Cfg: cfg, Settings: func(s *Settings) { s.LMSWatch = true }}
	h.SB = newSandbox(cfg, false)
	h.serveEmulator()
	cfg.Universities[0].LMSURL = h.URL + sandbox.LMSPath("unma")
	cfg.Universities[1].LMSURL = ""
	cfg.LMSWatch.Interval = aulabot.Duration(time.Hour) // the test runs each round itself
	// start starts the bot and waits until the round its watch runs at
	// start-up is recorded: a check of that round recorded after the
	// test's next rounds would count among them (a failed one from before
	// the LMS came back would break the good ones in a row).
	start := func() {
		t.Helper()
		recorded := make(chan struct{}, 1)
		h.BeforeRun = func(m *Main) {
			record := m.LMS.Record
			m.LMS.Record = func(uni string, r lmswatch.Result) error {
				err := record(uni, r)
				select {
				case recorded <- struct{}{}:
				default:
				}
				return err
			}
		}
		h.start()
		select {
		case <-recorded:
		case <-time.After(wait):
			t.Fatal("the watch's round at start-up was not recorded")
		}
	}
	start()
	t.Cleanup(h.stop)
	const team, teacher = -2001, 9101
	h.teacher(teacher, "Ana", "unma")
	round := func() {
		t.Helper()
		if err := h.M.LMS.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	posts := func() (n int, last string) {
		for _, m := range h.SB.Messages(team) {
			if m.FromBot && (strings.Contains(m.Text, "Aula virtual caída") || strings.Contains(m.Text, "de nuevo en línea")) {
				n, last = n+1, m.Text
			}
		}
		return n, last
	}
	round()
	if got := h.say(teacher, "/status").Text; !strings.Contains(got, "is up") {
		t.Errorf("/status while up = %q", got)
	}

	h.SB.SetLMSDown("unma", true)
	round()
	round()
	h.stop() // a restart between the second and the third failure
	start()
	round()
	h.waitText(team, 0, "Aula virtual caída")
	m := h.say(teacher, "/status")
	if !strings.Contains(m.Text, "having problems") {
		t.Fatalf("/status while down = %q", m.Text)
	}
	before := h.lastBot(teacher)
	h.press(teacher, m, "Tell me when it is back")
	h.waitText(teacher, before, "I will tell you")
	h.stop() // a restart during the incident: nothing is announced again
	start()
	round()
	if n, _ := posts(); n != 1 {
		t.Errorf("%d incident posts after a restart, want 1", n)
	}

	h.SB.SetLMSDown("unma", false)
	before = h.lastBot(teacher)
	for range 3 {
		round()
	}
	h.waitText(teacher, before, "virtual classroom is back.")
	h.stop()
	start()
	round()
	back := 0
	for _, m := range h.SB.Messages(teacher) {
		if m.FromBot && strings.HasPrefix(m.Text, "✅") && strings.Contains(m.Text, "virtual classroom is back") {
			back++
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if _, err := h.SB.WaitFor(ctx, team, func(m sandbox.Message) bool { return strings.Contains(m.Text, "de nuevo en línea") }); err != nil {
		t.Fatal(err)
	}
	if n, last := posts(); n != 1 || !strings.Contains(last, "las comprobaciones") {
		t.Errorf("team posts = %d, last %q; want the one post, edited to show the checks closed it", n, last)
	}
	if back != 1 {
		t.Errorf("the teacher was told %d times that it is back, want once", back)
	}
}
