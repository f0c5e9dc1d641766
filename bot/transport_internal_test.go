package bot

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A request that gets no answer is given up at the transport's timeout,
// and one that gets an answer can read all of it: the deadline lasts
// until the body is closed.
func TestCtxTransport_Timeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hang" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.Write([]byte("answer"))
	}))
	defer srv.Close()
	defer close(release)
	client := &http.Client{Transport: ctxTransport{ctx: context.Background, timeout: 100 * time.Millisecond, base: srv.Client().Transport}}

	_, err := client.Get(srv.URL + "/hang")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hanging request: err = %v, want the deadline exceeded", err)
	}

	resp, err := client.Get(srv.URL + "/ok")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(body) != "answer" {
		t.Errorf("body = %q, %v; want the whole answer", body, err)
	}
}

// Shutdown (the client's context ending) ends a request at once.
func TestCtxTransport_Shutdown(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	client := &http.Client{Transport: ctxTransport{ctx: func() context.Context { return ctx }, timeout: time.Hour, base: srv.Client().Transport}}
	done := make(chan error)
	go func() {
		_, err := client.Get(srv.URL)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want canceled", err)
	}
}
