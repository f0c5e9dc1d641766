package htest_test

import (
	"fmt"
	"testing"

	"github.com/aulabot/aulabot/handlers/htest"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// An internal error in a handler fails the test that sent the update,
// unless the test opted in; the user got the apology either way.
func TestEnv_InternalErrorFails(t *testing.T) {
	for _, allow := range []bool{false, true} {
		t.Run(fmt.Sprint("AllowInternal=", allow), func(t *testing.T) {
			e := htest.New(t, nil)
			p := htest.Person(7001, "en")
			e.Onboard(p, "unma", "teacher")
			e.H.Knowledge = nil // a question now fails inside
			rec := &recorder{TB: t}
			e.T, e.AllowInternal = rec, allow
			out := e.Text(p, 0, "how do I grade an assignment?")
			if len(out) != 1 || out[0].Text != e.H.Catalog().T("en", "error.internal") {
				t.Errorf("reply %+v, want the apology", out)
			}
			if got := len(rec.failures) > 0; got == allow {
				t.Errorf("failures %q with AllowInternal=%v", rec.failures, allow)
			}
		})
	}
}
