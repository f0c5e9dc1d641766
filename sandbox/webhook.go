package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// webhook is the bot's webhook registration.
type webhook struct {
	url       string
	secret    string
	allowed   []string
	maxConn   int
	lastErrAt int64
	lastErr   string
	cancel    context.CancelFunc
}

func (s *Server) stopWebhookLocked() {
	if s.webhook.cancel != nil {
		s.webhook.cancel()
	}
	s.webhook = webhook{}
}

func (s *Server) setWebhook(_ context.Context, p params) (any, *apiError) {
	var allowed []string
	if a := p.str("allowed_updates"); a != "" {
		if json.Unmarshal([]byte(a), &allowed) != nil {
			return nil, badRequest("can't parse allowed updates")
		}
	}
	maxConn, err := p.int("max_connections")
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopWebhookLocked()
	if p.bool("drop_pending_updates") {
		s.updates = nil
	}
	url := p.str("url")
	if url == "" {
		return true, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.webhook = webhook{url: url, secret: p.str("secret_token"), allowed: allowed, maxConn: maxConn, cancel: cancel}
	s.pollGen++
	s.notifyLocked()
	s.wg.Add(1)
	go s.deliver(ctx, url, p.str("secret_token"), allowed)
	return true, nil
}

func (s *Server) deleteWebhook(_ context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopWebhookLocked()
	if p.bool("drop_pending_updates") {
		s.updates = nil
	}
	return true, nil
}

func (s *Server) getWebhookInfo(_ context.Context, _ params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.webhook
	return map[string]any{
		"url":                    w.url,
		"has_custom_certificate": false,
		"pending_update_count":   len(s.updates),
		"last_error_date":        w.lastErrAt,
		"last_error_message":     w.lastErr,
		"max_connections":        w.maxConn,
		"allowed_updates":        w.allowed,
	}, nil
}

// deliver POSTs queued updates to the webhook in order until ctx ends,
// retrying failures with a growing delay as Telegram does.
func (s *Server) deliver(ctx context.Context, url, secret string, allowed []string) {
	defer s.wg.Done()
	client := &http.Client{Timeout: 10 * time.Second}
	backoff := 50 * time.Millisecond
	for {
		s.mu.Lock()
		var u *pendingUpdate
		for u == nil {
			if ctx.Err() != nil {
				s.mu.Unlock()
				return
			}
			s.updates = slices.DeleteFunc(s.updates, func(u *pendingUpdate) bool {
				return len(allowed) > 0 && !slices.Contains(allowed, u.kind)
			})
			if len(s.updates) > 0 {
				u = s.updates[0]
				break
			}
			ch := s.changed
			s.mu.Unlock()
			select {
			case <-ch:
			case <-ctx.Done():
			}
			s.mu.Lock()
		}
		s.mu.Unlock()

		errMsg := post(ctx, client, url, secret, u.raw)
		s.mu.Lock()
		if errMsg == "" {
			s.updates = slices.DeleteFunc(s.updates, func(x *pendingUpdate) bool { return x == u })
			backoff = 50 * time.Millisecond
			s.notifyLocked()
		} else if ctx.Err() == nil {
			s.webhook.lastErrAt, s.webhook.lastErr = s.opts.Now().Unix(), errMsg
		}
		s.mu.Unlock()
		if errMsg != "" {
			t := time.NewTimer(backoff)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return
			}
			backoff = min(2*backoff, 5*time.Second)
		}
	}
}

func post(ctx context.Context, c *http.Client, url, secret string, body []byte) string {
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := c.Do(req)
	if err != nil {
		return "Connection refused"
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return "Wrong response from the webhook: " + resp.Status
	}
	return ""
}
