package main

import (
	"bytes"
	"strings"
	"testing"
)

// aulabot health (the container's HEALTHCHECK) is 0 while the bot serves
// /healthz and 1 with one line once it has stopped.
func TestHealth(t *testing.T) {
	h := newHarnessWith(t, nil, func(s *Settings) { s.HTTPAddr = "127.0.0.1:0" })
	var out, errb bytes.Buffer
	if code := run(t.Context(), []string{"health", "--http", h.M.HTTPAddr}, &out, &errb); code != 0 || out.String() != "ok\n" {
		t.Errorf("health of a running bot: exit %d, %q %q", code, out.String(), errb.String())
	}
	addr := h.M.HTTPAddr
	h.stop()
	out.Reset()
	errb.Reset()
	if code := run(t.Context(), []string{"health", "--http", addr}, &out, &errb); code != 1 || strings.Count(errb.String(), "\n") != 1 || !strings.Contains(errb.String(), "aulabot: health:") {
		t.Errorf("health of a stopped bot: exit %d, %q", code, errb.String())
	}
}
