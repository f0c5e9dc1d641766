package main

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot/config"
)

// The command menus and descriptions are set beside polling, not before
// it: while Telegram holds every setMyCommands, the bot already answers.
// (Set first, one call per menu and language, they held the first poll
// back 4.8 s with Telegram 100 ms away and the demo's configuration.)
func TestRun_AnswersWhileMenusArePublished(t *testing.T) {
	hold := make(chan struct{})
	var release sync.Once
	h := &harness{t: t, Cfg: config.Demo(), KeepPublishing: true, Tap: func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/setMyCommands") {
				<-hold
			}
			next.ServeHTTP(w, r)
		})
	}}
	h.SB = newSandbox(h.Cfg, false)
	h.serveEmulator()
	t.Cleanup(func() { release.Do(func() { close(hold) }) }) // before the server closes

	started := make(chan struct{})
	go func() { h.start(); close(started) }()
	select {
	case <-started:
	case <-time.After(time.Minute):
		release.Do(func() { close(hold) })
		<-started
		h.stop()
		t.Fatal("the bot did not poll while its command menus were being set")
	}
	t.Cleanup(h.stop)
	if m := h.say(9003, "/start"); !strings.Contains(m.Text, "Hi,") {
		t.Errorf("/start while the menus were being set: %q", m.Text)
	}
	select {
	case <-h.M.published:
		t.Fatal("the menus were published while Telegram held every setMyCommands")
	default:
	}

	release.Do(func() { close(hold) })
	select {
	case <-h.M.published:
	case <-time.After(time.Minute):
		t.Fatal("the menus were not published once Telegram answered")
	}
	if got := names(h.SB.Commands("es")); len(got) == 0 || got[0] != "start" {
		t.Errorf("everyone's menu = %v", got)
	}
}
