package aulabot

import (
	"errors"
	"fmt"
)

// Error codes a user may see the consequence of. Anything else is internal.
const (
	EINVALID   = "invalid"   // bad input: a malformed date, an empty text, forged data
	ENOTFOUND  = "not_found" // the thing asked for does not exist (or is not visible)
	ECONFLICT  = "conflict"  // a rule stopped it: slot full, already claimed, overlap
	EFORBIDDEN = "forbidden" // the user's role does not allow it
	EINTERNAL  = "internal"  // our fault: logged, and the user gets an apology
)

// Error is the one error type whose message a user may see. Key names a
// message in the handlers' catalogue, Args fill its placeholders.
type Error struct {
	Code string
	Key  string
	Args []any
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("aulabot error: code=%s key=%s", e.Code, e.Key)
}

// Errorf returns an *Error with the given code, catalogue key and arguments
// (name/value pairs for the message's placeholders).
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// ErrorCode returns the code of the *Error in err's chain, EINTERNAL for any
// other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorKey returns the catalogue key of the *Error in err's chain, or "".
func ErrorKey(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}
