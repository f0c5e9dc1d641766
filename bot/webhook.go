package bot

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SecretHeader carries the webhook secret Telegram sends with each update.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// Webhook receives updates pushed by Telegram. It checks the secret token,
// and answers 200 only once the update was handled (or dropped by the input
// limit); an update it could not apply gets 503 during shutdown and 500
// after a handler error, so Telegram delivers it again (the store's markers
// ignore repeats).
type Webhook struct {
	Secret     string
	Dispatcher *Dispatcher
	Log        *slog.Logger
	// Now is the clock of the refusals' log (time.Now if nil).
	Now func() time.Time

	mu      sync.Mutex
	refused int       // requests refused since the last line about them
	logged  time.Time // when that line was written
}

// refusalLogEvery is how often at most the webhook logs the requests it
// refused for their secret: behind a proxy that drops the header, or
// after another process set the webhook with another secret, every update
// is refused and only Telegram's getWebhookInfo said so; a flood of
// forged requests is one line a minute.
const refusalLogEvery = time.Minute

// ServeHTTP implements http.Handler.
func (w *Webhook) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := r.Header.Get(SecretHeader)
	if w.Secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(w.Secret)) != 1 {
		w.refuse(r, got == "")
		http.Error(rw, "forbidden", http.StatusForbidden)
		return
	}
	var u tgbotapi.Update
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&u); err != nil {
		http.Error(rw, "bad update", http.StatusBadRequest)
		return
	}
	res, err := w.Dispatcher.Dispatch(r.Context(), u)
	if err != nil {
		http.Error(rw, "shutting down", http.StatusServiceUnavailable)
		return
	}
	select {
	case err := <-res:
		switch {
		case err == nil:
			rw.WriteHeader(http.StatusOK)
		case errors.Is(err, ErrStopped):
			http.Error(rw, "shutting down", http.StatusServiceUnavailable)
		default:
			http.Error(rw, "update failed", http.StatusInternalServerError)
		}
	case <-w.Dispatcher.Done():
		http.Error(rw, "shutting down", http.StatusServiceUnavailable)
	case <-r.Context().Done():
	}
}

// refuse counts a request refused for its secret, and logs the count at
// most once every refusalLogEvery.
func (w *Webhook) refuse(r *http.Request, missing bool) {
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	t := now()
	w.mu.Lock()
	w.refused++
	n := w.refused
	if !w.logged.IsZero() && t.Sub(w.logged) < refusalLogEvery {
		w.mu.Unlock()
		return
	}
	w.refused, w.logged = 0, t
	w.mu.Unlock()
	why := "wrong"
	if missing {
		why = "missing"
	}
	w.Log.Warn("webhook requests refused: the secret token was missing or wrong (if Telegram's updates are among them, a proxy in front drops the "+SecretHeader+" header, or another process set the webhook with another secret)",
		"refused", n, "last_from", r.RemoteAddr, "last_token", why)
}
