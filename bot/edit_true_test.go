package bot_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
)

// A Bot API server that answers a text edit with true, as Telegram does
// for inline messages only (some emulators do it for every edit): the edit
// is done. It was taken for a failure and sent again a second later,
// holding the chat's next messages meanwhile.
func TestOutbox_EditAnsweredWithTrue(t *testing.T) {
	e := newEnvWith(t, sandbox.Options{}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/editMessageText") {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			w.Header().Set("Content-Type", "application/json")
			if strings.Contains(rec.Body.String(), `"ok":true`) {
				_, _ = io.WriteString(w, `{"ok":true,"result":true}`)
				return
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		})
	})
	e.run()
	e.enqueue(
		aulabot.Message{ChatID: 7, Text: "UNMA-1 open", Ref: "ticket:UNMA-1"},
		aulabot.Message{ChatID: 7, EditRef: "ticket:UNMA-1", Text: "UNMA-1 claimed"},
		aulabot.Message{ChatID: 7, Text: "end"},
	)
	e.waitText(7, "end")
	if got := e.sb.Calls("editMessageText"); got != 1 {
		t.Errorf("editMessageText called %d times, want once", got)
	}
	if ms := e.sb.Messages(7); len(ms) != 2 || ms[0].Text != "UNMA-1 claimed" {
		t.Errorf("chat shows %+v, want the edited message and the next", ms)
	}
	if r := e.report(); r.DeadTotal != 0 || len(r.Stuck) != 0 {
		t.Errorf("dead %+v, stuck %+v", r.Dead, r.Stuck)
	}
}
