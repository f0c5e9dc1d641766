package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/aulabot/aulabot/store"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestE2E_HealthAndMetrics(t *testing.T) {
	h := newHarnessWith(t, nil, func(s *Settings) { s.HTTPAddr = "127.0.0.1:0" })
	h.say(9001, "/start")
	if code, body := get(t, "http://"+h.M.HTTPAddr+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	if code, body := get(t, "http://"+h.M.HTTPAddr+"/metrics"); code != 200 || !strings.Contains(body, "aulabot_outbox_depth") {
		t.Errorf("/metrics = %d", code)
	}
	// Read the counters once everything in flight is done.
	h.stop()
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(h.M.Metrics.Registry, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{`aulabot_updates_handled_total{result="ok"}`, `aulabot_messages_sent_total{method="sendMessage"}`,
		"aulabot_handler_seconds_bucket", "aulabot_telegram_429_total 0", "aulabot_outbox_depth"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// Webhook mode: the emulator pushes updates with the secret header.
func TestE2E_Webhook(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	h := newHarnessWith(t, nil, func(s *Settings) {
		s.HTTPAddr, s.WebhookURL, s.WebhookSecret = addr, "http://"+addr+"/telegram", "0123456789abcdef"
	})
	m := h.say(9003, "/start")
	if !strings.Contains(m.Text, "Hi,") {
		t.Errorf("/start over the webhook said %q", m.Text)
	}
	// Edits come over the webhook too (setWebhook asks for them): one
	// made while onboarding waits is answered that it was not read.
	before := h.lastBot(9003)
	if _, ok := h.SB.Edit(9003, 9003, h.SB.Messages(9003)[0].ID, "/start unma"); !ok {
		t.Fatal("the sandbox did not take the edit")
	}
	if m := h.waitNew(9003, before, nil); !strings.Contains(m.Text, "in the middle of a step") {
		t.Errorf("an edit over the webhook got %q", m.Text)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/telegram", strings.NewReader(`{"update_id":1}`))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "wrong")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("wrong secret: %d, want 403", resp.StatusCode)
	}
}

// A backup while the bot runs goes through its control socket; without a
// bot the file is read directly. Both copies open and hold the data.
func TestBackup(t *testing.T) {
	h := newHarness(t, nil)
	h.onboard(9001, "es", "Montealto", "Docente")
	ctl, err := h.M.listenControl()
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	check := func(p string) {
		t.Helper()
		s, err := store.Open(p, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if u, ok, _ := s.User(9001); !ok || u.University != "unma" {
			t.Errorf("backup %s lacks the user: %+v", p, u)
		}
	}
	live := filepath.Join(t.TempDir(), "live.db")
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"backup", "--data", h.Data, live}, &out, &errb); code != 0 {
		t.Fatalf("backup while running: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "backup of "+h.Data+" written to "+live) {
		t.Errorf("output = %q", out.String())
	}
	check(live)
	ctl.Close()
	h.stop()
	cold := filepath.Join(t.TempDir(), "cold.db")
	if code := run(context.Background(), []string{"backup", "--data", h.Data, cold}, &out, &errb); code != 0 {
		t.Fatalf("backup of a stopped bot: exit %d: %s", code, errb.String())
	}
	check(cold)
	if code := run(context.Background(), []string{"backup"}, &out, &errb); code != 2 {
		t.Errorf("backup without FILE: exit %d, want 2", code)
	}
}

// A second bot on the same database says who holds it.
func TestMain_Locked(t *testing.T) {
	h := newHarness(t, nil)
	m := NewMain(Settings{Token: h.SB.Token(), Endpoint: h.SB.Endpoint(h.URL), DataPath: h.Data}, quietLog())
	m.Config = h.Cfg
	defer m.Close()
	err := m.Open(context.Background())
	if err == nil || !strings.Contains(err.Error(), "another aulabot is using "+h.Data) {
		t.Errorf("second Open: %v", err)
	}
}

func TestRun_Commands(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"version"}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "aulabot ") {
		t.Errorf("version: %d %q", code, out.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "aulabot backup FILE") {
		t.Errorf("help: %d %q", code, out.String())
	}
	errb.Reset()
	if code := run(context.Background(), []string{"frobnicate"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), `unknown command "frobnicate"`) {
		t.Errorf("unknown: %d %q", code, errb.String())
	}
	// A bad configuration stops start-up with one clear line.
	cfg := filepath.Join(t.TempDir(), "aulabot.yaml")
	os.WriteFile(cfg, []byte("universities:\n  - id: unsa\n    team_chat: 5\n"), 0o600)
	errb.Reset()
	code := run(context.Background(), []string{"serve", "--config", cfg, "--data", filepath.Join(t.TempDir(), "x.db")}, &out, &errb)
	t.Setenv("TELEGRAM_BOT_TOKEN", "")
	if code != 1 || !strings.Contains(errb.String(), cfg+":3: universities[0].team_chat: 5 is not a group id") {
		t.Errorf("bad config: exit %d, %q", code, errb.String())
	}
}

// With no token, serve starts the sandbox: the web chat answers and the bot
// talks to it; Ctrl-C stops both.
func TestRun_NoTokenStartsSandbox(t *testing.T) {
	t.Setenv("TELEGRAM_BOT_TOKEN", "")
	t.Setenv("AULABOT_DATA", filepath.Join(t.TempDir(), "sandbox.db"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() { done <- run(ctx, []string{"--addr", addr}, &out, &errb) }()
	if !out.waitFor("open http://"+addr, 10*time.Second) {
		t.Fatalf("sandbox did not start: %q %q", out.String(), errb.String())
	}
	if !strings.Contains(errb.String(), "BotFather") {
		t.Errorf("no hint about getting a token: %q", errb.String())
	}
	if code, body := get(t, "http://"+addr+"/"); code != 200 || !strings.Contains(body, "<html") {
		t.Errorf("web chat: %d", code)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d after Ctrl-C: %s", code, errb.String())
	}
}
