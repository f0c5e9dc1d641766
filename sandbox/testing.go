package sandbox

import (
	"net/http/httptest"
	"testing"
)

// NewTest starts a Server behind an httptest.Server for tb and returns it
// with the tgbotapi endpoint format to pass to NewBotAPIWithClient. Both are
// closed at the end of the test, the emulator first so that open long polls
// end at once. Connections are tagged with the generation (ConnContext).
func NewTest(tb testing.TB, opts Options) (s *Server, endpoint string) {
	tb.Helper()
	s = New(opts)
	hs := httptest.NewUnstartedServer(s.Handler())
	hs.Config.ConnContext = s.ConnContext
	hs.Start()
	tb.Cleanup(hs.Close)
	tb.Cleanup(s.Close) // cleanups run last-in first-out
	return s, s.Endpoint(hs.URL)
}
