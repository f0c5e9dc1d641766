package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestSandboxCmd_OwnAddressOnly: the sandbox command's web chat answers
// only under its own address, so that another site's name pointing at it
// (DNS rebinding) or a page of another origin cannot act as a demo person.
func TestSandboxCmd_OwnAddressOnly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs syncBuffer
	done := make(chan int, 1)
	data := filepath.Join(t.TempDir(), "sandbox.db")
	go func() {
		done <- run(ctx, []string{"sandbox", "--addr", "127.0.0.1:0", "--fresh", "--data", data}, &out, &errs)
	}()
	if !out.waitFor("open http://", 30*time.Second) {
		t.Fatalf("the sandbox did not start: %s %s", out.String(), errs.String())
	}
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(out.String())
	do := func(method, host, origin, body string) int {
		t.Helper()
		req, _ := http.NewRequest(method, base+"/sandbox/api/send", strings.NewReader(body))
		if method == "GET" {
			req, _ = http.NewRequest(method, base+"/sandbox/api/people", nil)
		}
		req.Header.Set("Content-Type", "application/json")
		if host != "" {
			req.Host = host
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	port := base[strings.LastIndex(base, ":"):]
	send := `{"from":9001,"chat":9001,"text":"/help"}`
	for _, tt := range []struct {
		name                 string
		method, host, origin string
		want                 int
	}{
		{"OwnAddress", "GET", "", "", 200},
		{"Localhost", "GET", "localhost" + port, "", 200},
		{"OwnPage", "POST", "", base, 200},
		{"OtherName", "GET", "sandbox.evil.example" + port, "", 421},
		{"OtherPort", "GET", "127.0.0.1:1", "", 421},
		{"OtherPage", "POST", "", "http://evil.example", 403},
	} {
		if got := do(tt.method, tt.host, tt.origin, send); got != tt.want {
			t.Errorf("%s: %s with Host %q, Origin %q = %d, want %d", tt.name, tt.method, tt.host, tt.origin, got, tt.want)
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("sandbox exited with %d: %s", code, errs.String())
	}
}
