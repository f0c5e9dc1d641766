package lmswatch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot/lmswatch"
)

func TestChecker_Check(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	release := make(chan struct{})
	var written atomic.Int64
	lms := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Write([]byte("<html>Moodle</html>"))
		case "/down":
			http.Error(w, "db error", http.StatusServiceUnavailable)
		case "/sso":
			http.Redirect(w, r, other.URL+"/login", http.StatusFound)
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		case "/slow":
			<-release
		case "/huge":
			chunk := []byte(strings.Repeat("x", 1<<16))
			for range 1600 { // 100 MiB
				n, err := w.Write(chunk)
				written.Add(int64(n))
				if err != nil {
					return
				}
			}
		}
	}))
	defer lms.Close()
	defer close(release)
	c := lmswatch.New(500*time.Millisecond, nil)
	for _, tc := range []struct {
		path   string
		ok     bool
		status int
		err    string
	}{
		{"/ok", true, 200, ""},
		{"/down", false, 503, "503 Service Unavailable"},
		{"/sso", true, 302, ""}, // the server answers; its login lives elsewhere
		{"/moved", true, 200, ""},
		{"/slow", false, 0, "timeout"},
		{"/huge", true, 200, ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := c.Check(context.Background(), lms.URL+tc.path)
			if r.OK != tc.ok || r.Status != tc.status || !strings.Contains(r.Error, tc.err) {
				t.Errorf("check = %+v, want ok %v, status %d, error %q", r, tc.ok, tc.status, tc.err)
			}
		})
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("the checker followed a redirect to another host (%d requests there)", n)
	}
	if n := written.Load(); n >= 50<<20 {
		t.Errorf("the server could write %d bytes: the checker read far more than %d", n, lmswatch.MaxBody)
	}
	for _, bad := range []string{"ftp://x.edu", "file:///etc/passwd", "https://", "::"} {
		if r := c.Check(context.Background(), bad); r.OK || r.Error == "" {
			t.Errorf("check %q = %+v, want refused", bad, r)
		}
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	addr := closed.URL
	closed.Close()
	if r := c.Check(context.Background(), addr+"/"); r.OK || r.Status != 0 || r.Error == "" {
		t.Errorf("nobody listening: %+v", r)
	}
}
