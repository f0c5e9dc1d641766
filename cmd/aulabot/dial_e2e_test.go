package main

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot/config"
)

// failGetMe answers the first len(fails) getMe calls with fails[i] and
// passes everything else to next: "html" a 502 page of a proxy, "drop" a
// connection closed without an answer, "429" Telegram's flood answer with
// retry_after 7, "500" Telegram's internal error.
func failGetMe(fails ...string) func(http.Handler) http.Handler {
	var mu sync.Mutex
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			fail := ""
			if strings.HasSuffix(r.URL.Path, "/getMe") && len(fails) > 0 {
				fail, fails = fails[0], fails[1:]
			}
			mu.Unlock()
			switch fail {
			case "":
				next.ServeHTTP(w, r)
			case "html":
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				w.Write([]byte("<html><body>502 Bad Gateway</body></html>"))
			case "drop":
				conn, _, err := http.NewResponseController(w).Hijack()
				if err == nil {
					conn.Close()
				}
			case "429":
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusTooManyRequests)
				w.Write([]byte(`{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}`))
			case "500":
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusInternalServerError)
				w.Write([]byte(`{"ok":false,"error_code":500,"description":"Internal Server Error"}`))
			}
		})
	}
}

// A start while the Bot API cannot be reached (a proxy's error page, a
// dropped connection, Telegram busy or failing) waits for it, 1 s and
// doubling, at least what a 429 asks, and then runs as usual. It used to
// exit, and a service manager gives up after a few quick restarts.
func TestOpen_WaitsForTheBotAPI(t *testing.T) {
	var waits []time.Duration
	h := &harness{t: t, Cfg: config.Demo(), Tap: failGetMe("html", "drop", "429", "500"),
		Sleep: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }}
	h.SB = newSandbox(h.Cfg, false)
	h.startEmulator()
	want := []time.Duration{time.Second, 2 * time.Second, 7 * time.Second, 14 * time.Second}
	if !slices.Equal(waits, want) {
		t.Errorf("waited %v between the tries, want %v", waits, want)
	}
	if m := h.say(9003, "/start"); !strings.Contains(m.Text, "Hi,") {
		t.Errorf("/start after the wait: %q", m.Text)
	}
}

// A token the Bot API refuses (401) fails the start at once, saying what
// to check, without waiting: no retry changes it.
func TestOpen_RefusedTokenFailsAtOnce(t *testing.T) {
	h := &harness{t: t, Cfg: config.Demo()}
	h.SB = newSandbox(h.Cfg, false)
	h.serveEmulator()
	m := NewMain(Settings{Token: "123456:WRONG", Endpoint: h.SB.Endpoint(h.URL), DataPath: h.Data}, quietLog())
	m.Config = h.Cfg
	m.sleep = func(context.Context, time.Duration) error {
		t.Error("waited to try a refused token again")
		return nil
	}
	defer m.Close()
	err := m.Open(context.Background())
	if err == nil || !strings.Contains(err.Error(), "Unauthorized") || !strings.Contains(err.Error(), "TELEGRAM_BOT_TOKEN") {
		t.Fatalf("Open with a refused token = %v", err)
	}
}

// serve stopped (SIGTERM, Ctrl-C) while it waits for the Bot API exits
// at once and cleanly, with the database closed.
func TestServe_StopsWhileWaitingForTheBotAPI(t *testing.T) {
	h := &harness{t: t, Cfg: config.Demo(), Tap: failGetMe(slices.Repeat([]string{"500"}, 1000)...)}
	h.SB = newSandbox(h.Cfg, false)
	h.serveEmulator()
	t.Setenv("TELEGRAM_BOT_TOKEN", h.SB.Token())
	t.Setenv("TELEGRAM_API_ENDPOINT", h.SB.Endpoint(h.URL))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs syncBuffer
	done := make(chan int, 1)
	data := filepath.Join(t.TempDir(), "aulabot.db")
	go func() { done <- run(ctx, []string{"serve", "--data", data}, &out, &errs) }()
	if !errs.waitFor("cannot reach the Telegram Bot API; trying again", wait) {
		cancel()
		t.Fatalf("no word of the wait: %s", errs.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve stopped while waiting exited with %d: %s", code, errs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop while waiting for the Bot API")
	}
}
