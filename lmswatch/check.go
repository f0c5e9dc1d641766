// Package lmswatch checks the universities' virtual classrooms (their LMS,
// usually Moodle) over HTTP: one GET with a timeout, the status and the
// latency. It never follows a redirect to another host and reads at most
// MaxBody bytes of an answer, so a slow or hostile server costs little.
package lmswatch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// MaxBody is the most of an answer a check reads.
const MaxBody = 64 << 10

// Result is one check of one address.
type Result struct {
	URL     string
	At      time.Time
	OK      bool
	Status  int           // HTTP status; 0 when there was no answer
	Latency time.Duration // until the answer's headers (or the failure)
	Error   string        // why it failed: the status, a timeout, the network error
}

// Checker checks addresses. The zero value is not usable: use New.
type Checker struct {
	client *http.Client
	Now    func() time.Time
}

// New returns a Checker whose checks give up after timeout. transport may
// be nil (http.DefaultTransport's settings, without proxies).
func New(timeout time.Duration, transport http.RoundTripper) *Checker {
	if transport == nil {
		transport = &http.Transport{DisableKeepAlives: true, ResponseHeaderTimeout: timeout, MaxResponseHeaderBytes: MaxBody}
	}
	c := &http.Client{Timeout: timeout, Transport: transport}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errTooManyRedirects
		}
		if req.URL.Host != via[0].URL.Host || (req.URL.Scheme != "http" && req.URL.Scheme != "https") {
			return http.ErrUseLastResponse // elsewhere (a login on another host): the answer so far counts
		}
		return nil
	}
	return &Checker{client: c, Now: time.Now}
}

var errTooManyRedirects = errors.New("more than 5 redirects")

// Check fetches address once. The LMS is up when it answers below 500:
// a login page, a redirect to single sign-on on another host, even 403
// show the server runs; a 5xx, a timeout or no connection show it does
// not.
func (c *Checker) Check(ctx context.Context, address string) Result {
	r := Result{URL: address, At: c.Now()}
	start := time.Now()
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		r.Error = "not an http(s) address"
		return r
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	req.Header.Set("User-Agent", "aulabot-lmswatch/1")
	resp, err := c.client.Do(req)
	r.Latency = time.Since(start)
	if err != nil {
		r.Error = describe(err)
		return r
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, MaxBody))
	r.Status = resp.StatusCode
	r.OK = resp.StatusCode < 500
	if !r.OK {
		r.Error = resp.Status
	}
	return r
}

// describe says briefly why a request failed.
func describe(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return "timeout"
		}
		err = ue.Err
	}
	return fmt.Sprint(err)
}
