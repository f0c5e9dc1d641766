package knowledge

import (
	"context"
	"errors"
	"time"
)

// Observer is told of the LLM's work, so that an operator can see the
// model's health and cost (logs, metrics).
type Observer interface {
	// Request is one call to the server: kind "chat" or "embed", how long
	// it took, its error (nil: it worked) and the tokens the server
	// reported (0 when it reports none).
	Request(kind string, d time.Duration, err error, promptTokens, completionTokens int)
	// Answer is one answer the model was asked for: reason "" when its
	// reply is shown, else FallbackReason(err), and the retrieved articles
	// are shown instead.
	Answer(reason string, err error)
}

// FallbackReasons are the names FallbackReason gives, for counters that
// start at zero.
var FallbackReasons = []string{"timeout", "stopped", "not_covered", "bad_citation", "ungrounded", "wrong_language", "error"}

// FallbackReason names why an answer fell back to the retrieved
// articles: timeout, stopped, not_covered, bad_citation, ungrounded,
// wrong_language or error (the server failed); "" for no error.
func FallbackReason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "stopped"
	case errors.Is(err, ErrNotCovered):
		return "not_covered"
	case errors.Is(err, ErrBadCitation):
		return "bad_citation"
	case errors.Is(err, ErrUngrounded):
		return "ungrounded"
	case errors.Is(err, ErrWrongLanguage):
		return "wrong_language"
	}
	return "error"
}

// RequestResult names how a request ended: ok, timeout, stopped or error.
func RequestResult(err error) string {
	switch r := FallbackReason(err); r {
	case "":
		return "ok"
	case "timeout", "stopped":
		return r
	}
	return "error"
}
