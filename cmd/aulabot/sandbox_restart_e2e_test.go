package main

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// restartSandbox stops the bot, replaces the emulator with a new one (its
// update numbering starts again at 1) and starts the bot on the same
// database, as running the sandbox command again does.
func (h *harness) restartSandbox() {
	h.t.Helper()
	h.stop()
	h.SB = newSandbox(h.Cfg, false)
	srv := httptest.NewServer(h.SB.Handler())
	h.t.Cleanup(srv.Close)
	h.t.Cleanup(h.SB.Close)
	h.URL = srv.URL
	h.start()
}

// TestE2E_SandboxRestartAnswersFirstMessage: after a restart of the
// sandbox on the same database, the first message gets its answer. Before,
// the new emulator numbered updates from 1 while the bot kept its stored
// offset, and the first messages (as many as the bot had handled) were
// confirmed unseen.
func TestE2E_SandboxRestartAnswersFirstMessage(t *testing.T) {
	h := newHarness(t, nil)
	for range 3 {
		h.say(9003, "/help")
	}
	h.restartSandbox()
	if m := h.say(9003, "/help"); !strings.Contains(m.Text, "What I can do") {
		t.Errorf("first message after the restart: %q", m.Text)
	}
}
