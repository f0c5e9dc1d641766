package bot_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// A press is answered without holding the handler: AnswerCallback returns
// while Telegram has not answered yet, and the answer still arrives. With
// MaxAnswering answers on their way, the next one is answered in the
// caller (it waits) rather than dropped.
func TestSender_AnswersPressesInTheBackground(t *testing.T) {
	release := make(chan struct{})
	held := make(chan string, 10)
	e := newEnvWith(t, sandbox.Options{}, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/answerCallbackQuery") {
				held <- r.FormValue("callback_query_id")
				<-release
			}
			h.ServeHTTP(w, r)
		})
	})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) }) // before the emulator closes
	e.sender.MaxAnswering = 2
	presses := []string{e.sb.Press(7, 7, 1, "a"), e.sb.Press(7, 7, 1, "b"), e.sb.Press(7, 7, 1, "c")}
	returned := make([]chan struct{}, len(presses))
	answer := func(i int) {
		returned[i] = make(chan struct{})
		go func() {
			if err := e.sender.AnswerCallback(context.Background(), presses[i], "ok", false); err != nil {
				t.Error(err)
			}
			close(returned[i])
		}()
		if id := <-held; id != presses[i] {
			t.Fatalf("Telegram got an answer to %s, want %s", id, presses[i])
		}
	}
	for i := range 2 {
		answer(i)
		select {
		case <-returned[i]:
		case <-time.After(10 * time.Second): // a failure, never a wait the test relies on
			t.Fatalf("AnswerCallback of press %d waited for Telegram's answer", i)
		}
	}
	answer(2) // two on their way: this one waits
	select {
	case <-returned[2]:
		t.Fatal("AnswerCallback returned with MaxAnswering answers on their way: the answer could be dropped")
	default:
	}
	once.Do(func() { close(release) })
	<-returned[2]
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, id := range presses {
		a, err := e.sb.WaitAnswer(ctx, id)
		if err != nil || a.Text != "ok" {
			t.Fatalf("press %s: answer %+v, %v", id, a, err)
		}
	}
	e.sender.WaitActions()
}
