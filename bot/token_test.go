package bot_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
)

// dropCalls closes the connection, without an answer, of every call to
// a method named in methods: a network failure, which net/http reports
// with the request's URL.
func dropCalls(methods ...string) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, m := range methods {
				if strings.HasSuffix(r.URL.Path, "/"+m) {
					if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
						conn.Close()
					}
					return
				}
			}
			h.ServeHTTP(w, r)
		})
	}
}

// lockedBuffer is a log's output, written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// The bot's token never appears in an error or in the log: net/http names
// the request's URL, /bot<token>/method, in every network error, and the
// poller and the sender log those errors. The URL keeps its shape with
// "<token>" in the token's place.
func TestClient_ErrorsHideTheToken(t *testing.T) {
	e := newEnvWith(t, sandbox.Options{}, dropCalls("sendMessage", "getUpdates"))
	token := e.sb.Token()
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))

	_, err := bot.NewSender(e.client, log, nil).Send(context.Background(), aulabot.Message{ChatID: 7, Text: "hola"}, nil)
	if err == nil || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "/bot<token>/sendMessage") {
		t.Errorf("a send that failed on the network: %v", err)
	}

	d := &bot.Dispatcher{Handler: &recorder{seen: map[int64][]int64{}, done: make(chan aulabot.Update, 1)}, Log: quiet, Workers: 1}
	d.Start()
	defer d.Stop(time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &bot.Poller{Client: e.client, Store: e.store, Dispatcher: d, Log: log,
		Sleep: func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }}
	p.Run(ctx)
	out := logs.String()
	if !strings.Contains(out, "getUpdates failed") || !strings.Contains(out, "<token>") || strings.Contains(out, token) {
		t.Errorf("the poller's log of a failed poll:\n%s", out)
	}
}
