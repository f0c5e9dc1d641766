// Package bot is aulabot's Telegram runtime: the client, our own polling
// loop and webhook, the dispatcher (one chat in order, chats concurrently),
// the one sender with Telegram's rate limits, and the outbox worker that
// delivers stored messages at least once. tgbotapi appears only here.
package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultEndpoint is Telegram's Bot API URL format (token, method).
const DefaultEndpoint = tgbotapi.APIEndpoint

// Client is a Telegram Bot API client with separate HTTP clients for long
// polling and for sending, so a slow poll never delays a reply.
type Client struct {
	poll *tgbotapi.BotAPI
	send *tgbotapi.BotAPI
	// sendID is send for the calls whose answer the sender reads only the
	// message id of (idOnly).
	sendID *tgbotapi.BotAPI
	// files downloads files: send's HTTP client, without botAPI's reading
	// of answers.
	files tokenless
	// Username is the bot's @name (without @), from getMe.
	Username string
	// ID is the bot's user id.
	ID int64
	// endpoint is the Bot API URL format, from which file.go derives the
	// file download URL.
	endpoint string

	pollCtx atomic.Pointer[context.Context]
	// skew is Telegram's clock minus ours, in nanoseconds, from the Date of
	// the last getUpdates answer; 0 while it is within minSkew.
	skew atomic.Int64
}

// minSkew is the difference of clocks below which Skew reports none: an
// HTTP Date counts whole seconds, and a poll's answer takes a moment to
// arrive.
const minSkew = 30 * time.Second

// Skew is how far Telegram's clock is ahead of this machine's (negative:
// behind), as the Date of its last getUpdates answer tells; 0 when they
// agree within minSkew. Telegram dates messages on its clock.
func (c *Client) Skew() time.Duration { return time.Duration(c.skew.Load()) }

// noteSkew reads the Date of an answer received at now (this machine's
// clock).
func (c *Client) noteSkew(date string, now time.Time) {
	at, err := http.ParseTime(date)
	if err != nil {
		return // no Date: the last measure stands
	}
	d := at.Sub(now.Truncate(time.Second))
	if d.Abs() < minSkew {
		d = 0
	}
	c.skew.Store(int64(d))
}

// ctxTransport ties every request to ctx, so shutdown interrupts a long
// poll (tgbotapi takes no context), and bounds it, the answer's body
// included, by timeout. The bound is a deadline on the request's context
// rather than http.Client.Timeout, which around a transport it does not
// know costs a goroutine and a timer per request.
type ctxTransport struct {
	ctx     func() context.Context
	timeout time.Duration
	base    http.RoundTripper
}

func (t ctxTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(t.ctx(), t.timeout)
	resp, err := t.base.RoundTrip(r.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose ends a request's context once its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// Dial connects to the Bot API at endpoint (DefaultEndpoint if empty) with
// token, checking it with getMe. Requests made through the client stop when
// ctx ends.
func Dial(ctx context.Context, token, endpoint string) (*Client, error) {
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 50 * time.Second,
	}
	c := &Client{}
	c.pollCtx.Store(&ctx)
	// Telegram answers a call within a second or two; one that hangs for
	// 10 s is given up and retried by the outbox, so a stuck connection
	// delays its chat 10 s, not 20. A long poll (25 s) gets 10 s more.
	sending := ctxTransport{ctx: func() context.Context { return ctx }, timeout: 10 * time.Second, base: tr}
	c.files = tokenless{&http.Client{Transport: sending}, token}
	send, err := tgbotapi.NewBotAPIWithClient(token, endpoint, botAPI{c.files})
	if err != nil {
		return nil, fmt.Errorf("connect to the Telegram Bot API (getMe): %w", err)
	}
	poll := *send
	poll.Client = botAPI{tokenless{&http.Client{Transport: ctxTransport{ctx: func() context.Context { return *c.pollCtx.Load() }, timeout: 35 * time.Second, base: tr}}, token}}
	ids := *send
	ids.Client = botAPI{tokenless{&http.Client{Transport: idOnly{base: sending}}, token}}
	c.poll, c.send, c.sendID, c.Username, c.ID, c.endpoint = &poll, send, &ids, send.Self.UserName, send.Self.ID, endpoint
	return c, nil
}

// tokenless is an HTTP client whose errors never carry the bot's token:
// net/http names the request's URL, /bot<token>/method, in every error it
// returns, and those errors are logged (a log is read by more people, and
// kept longer, than the token's file).
type tokenless struct {
	*http.Client
	token string
}

func (c tokenless) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.Client.Do(r)
	if ue := (*url.Error)(nil); errors.As(err, &ue) && c.token != "" {
		ue.URL = strings.ReplaceAll(ue.URL, c.token, "<token>")
	}
	return resp, err
}

// botAPI is the HTTP client of the calls to the Bot API: tokenless, and
// its answers in the Bot API's form (botAPIAnswer), so that the error of
// one that was not says what came back. File downloads, whose answers
// are the files, use the tokenless client under it.
type botAPI struct{ tokenless }

func (c botAPI) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.tokenless.Do(r)
	if err != nil {
		return nil, err
	}
	return botAPIAnswer(resp, c.token)
}

// Refused reports whether err, from Dial, is the Bot API refusing the
// token: an answer in the Bot API's form with a 4xx other than 429 (a
// revoked or mistyped token is 401, one of the wrong form 404), which no
// retry changes. Anything else (no network yet, a timeout, Telegram down
// or busy, an answer that is not the Bot API's) may pass.
func Refused(err error) bool {
	var te *tgbotapi.Error
	return errors.As(err, &te) && te.Code >= 400 && te.Code < 500 && te.Code != 429
}

// RetryAfter is the wait the Bot API's answer in err asks for (its
// retry_after, given with a 429), or 0.
func RetryAfter(err error) time.Duration {
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		return time.Duration(te.RetryAfter) * time.Second
	}
	return 0
}

// pollWith makes long polls stop when ctx ends (the poller's context,
// shorter than the client's).
func (c *Client) pollWith(ctx context.Context) { c.pollCtx.Store(&ctx) }
