package main

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/sandbox"
)

// A job runs when it falls due, not at the bot's next periodic tick: a
// ticket nobody claims gets its reminder in the team group about 2 s
// after it was opened (the configuration's claim_reminder), through the
// real client and the emulator. Until 7 December jobs waited for the
// 20-second tick: the reminder came 19.95 s after the ticket here
// (1.99 s now).
func TestE2E_JobRunsWhenDue(t *testing.T) {
	cfg, err := config.Parse("sim.yaml", []byte(strings.ReplaceAll(simConfig, "claim_reminder: 15s", "claim_reminder: 2s")))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, cfg)
	const ana, group = 9201, -2001
	h.teacher(ana, "Ana", "unma")
	h.startReport(ana, "Virtual classroom access")
	before := h.lastBot(ana)
	h.SB.SendText(ana, ana, "I cannot open the virtual classroom")
	h.waitText(ana, before, "<b>UNMA-1</b>")
	opened := time.Now()
	post := h.waitText(group, 0, "UNMA-1")
	reminder := h.waitNew(group, post.ID, func(m sandbox.Message) bool {
		return m.FromBot && m.ReplyTo == post.ID && data(m, "tk:c:UNMA-1")
	})
	if took := time.Since(opened); took > 12*time.Second {
		t.Errorf("the claim reminder came %v after the ticket, want about 2 s (the job's due time): %q", took.Round(time.Second), reminder.Plain)
	}
}
