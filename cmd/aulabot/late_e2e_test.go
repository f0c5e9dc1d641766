package main

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_LateMessageApology: a message Telegram dates ten minutes before
// the bot receives it (the bot was cut off meanwhile) is answered with an
// apology for the delay first, then the answer; a message on time is
// answered plainly. The emulator's clock is set back to date the message.
func TestE2E_LateMessageApology(t *testing.T) {
	var behind atomic.Int64
	cfg := config.Demo()
	h := &harness{t: t, Cfg: cfg, SB: sandbox.New(sandbox.Options{Now: func() time.Time {
		return time.Now().Add(-time.Duration(behind.Load()))
	}})}
	for _, p := range demoPeople(cfg) {
		h.SB.AddUser(p)
	}
	h.startEmulator()
	const emma = 9003 // an English teacher of the demo

	if m := h.say(emma, "/help"); strings.Contains(m.Text, "Sorry for the delay") {
		t.Errorf("a message on time: %q", m.Text)
	}
	behind.Store(int64(10 * time.Minute))
	before := h.lastBot(emma)
	h.SB.SendText(emma, emma, "/privacy")
	sorry := h.waitText(emma, before, "Sorry for the delay")
	behind.Store(0)
	if privacy := h.waitNew(emma, sorry.ID, nil); strings.Contains(privacy.Text, "Sorry") {
		t.Errorf("after the apology: %q, want the answer", privacy.Text)
	}
}
