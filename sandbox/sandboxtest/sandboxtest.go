// Package sandboxtest runs the Telegram Bot API emulator (package sandbox)
// for a test. It is kept apart from sandbox so that the aulabot binary,
// which runs the emulator as the sandbox, does not link package testing.
package sandboxtest

import (
	"net/http/httptest"
	"testing"

	"github.com/aulabot/aulabot/sandbox"
)

// New starts a sandbox.Server behind an httptest.Server for tb and returns
// it with the tgbotapi endpoint format to pass to NewBotAPIWithClient. Both
// are closed at the end of the test, the emulator first so that open long
// polls end at once. Connections are tagged with the generation
// (ConnContext).
func New(tb testing.TB, opts sandbox.Options) (s *sandbox.Server, endpoint string) {
	tb.Helper()
	s = sandbox.New(opts)
	hs := httptest.NewUnstartedServer(s.Handler())
	hs.Config.ConnContext = s.ConnContext
	hs.Start()
	tb.Cleanup(hs.Close)
	tb.Cleanup(s.Close) // cleanups run last-in first-out
	return s, s.Endpoint(hs.URL)
}
