package bot

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

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
}

// ServeHTTP implements http.Handler.
func (w *Webhook) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := r.Header.Get(SecretHeader)
	if w.Secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(w.Secret)) != 1 {
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
