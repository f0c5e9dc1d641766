package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/store"
)

// outboxLimit bounds each list "aulabot outbox" shows.
const outboxLimit = 50

// outboxView is what "aulabot outbox" shows, as JSON with --json.
type outboxView struct {
	Now     time.Time `json:"now"`
	Waiting struct {
		Private int `json:"private"`
		Group   int `json:"group"`
		Due     int `json:"due"`
		// OldestSeconds is how long the oldest message due has waited.
		OldestSeconds float64    `json:"oldest_seconds"`
		Next          *time.Time `json:"next,omitempty"`
	} `json:"waiting"`
	Stuck            []stuckView       `json:"stuck"`
	Dead             []deadView        `json:"dead"`
	DeadTotal        int               `json:"dead_total"`
	Unreachable      []unreachableView `json:"unreachable"`
	UnreachableTotal int               `json:"unreachable_total"`
	// JobsFailing are the durable jobs put off after a failure, of
	// JobsFailingTotal.
	JobsFailing      []jobView `json:"jobs_failing"`
	JobsFailingTotal int       `json:"jobs_failing_total"`
}

type jobView struct {
	Key       string    `json:"key"`
	Kind      string    `json:"kind"`
	Failures  int       `json:"failures"`
	NextTry   time.Time `json:"next_try"`
	LastError string    `json:"last_error"`
}

type stuckView struct {
	ID        uint64    `json:"id"`
	Chat      int64     `json:"chat"`
	Method    string    `json:"method"`
	Attempts  int       `json:"attempts"`
	LastError string    `json:"last_error"`
	NextTry   time.Time `json:"next_try"`
	Since     time.Time `json:"failing_since"`
}

type deadView struct {
	ID     uint64    `json:"id"`
	Chat   int64     `json:"chat"`
	Method string    `json:"method"`
	Reason string    `json:"reason"`
	Error  string    `json:"error"`
	At     time.Time `json:"at"`
}

type unreachableView struct {
	Chat  int64     `json:"chat"`
	Error string    `json:"error"`
	At    time.Time `json:"at"`
}

// viewOutbox reads the outbox of st as of now.
func viewOutbox(st *store.Store, now time.Time) (outboxView, error) {
	var v outboxView
	r, err := st.OutboxReport(now, outboxLimit)
	if err != nil {
		return v, err
	}
	err = st.View(func(tx *store.Tx) error {
		n, jobs, err := tx.JobsFailing(outboxLimit)
		v.JobsFailingTotal = n
		for _, j := range jobs {
			v.JobsFailing = append(v.JobsFailing, jobView{Key: j.Key, Kind: j.Kind, Failures: j.Failed, NextTry: j.Due, LastError: j.Error})
		}
		return err
	})
	if err != nil {
		return v, err
	}
	v.Now = now
	v.Waiting.Private, v.Waiting.Group, v.Waiting.Due = r.Waiting.Private, r.Waiting.Group, r.Waiting.Due
	if !r.Waiting.Oldest.IsZero() {
		v.Waiting.OldestSeconds = max(now.Sub(r.Waiting.Oldest).Seconds(), 0)
	}
	if !r.Waiting.Next.IsZero() {
		v.Waiting.Next = &r.Waiting.Next
	}
	for _, s := range r.Stuck {
		v.Stuck = append(v.Stuck, stuckView{ID: s.Message.ID, Chat: s.Message.ChatID, Method: bot.Method(s.Message),
			Attempts: s.Message.Attempts, LastError: s.Error, NextTry: s.Message.NotBefore, Since: s.Since})
	}
	for _, d := range r.Dead {
		v.Dead = append(v.Dead, deadView{ID: d.Message.ID, Chat: d.Message.ChatID, Method: bot.Method(d.Message), Reason: d.Reason, Error: d.Error, At: d.At})
	}
	for _, u := range r.Unreachable {
		v.Unreachable = append(v.Unreachable, unreachableView{Chat: u.Chat, Error: u.Error, At: u.At})
	}
	v.DeadTotal, v.UnreachableTotal = r.DeadTotal, r.UnreachableTotal
	return v, nil
}

// serveOutbox answers GET /outbox on the control socket.
func (m *Main) serveOutbox(w http.ResponseWriter, r *http.Request) {
	v, err := viewOutbox(m.Store, m.Now())
	if err != nil {
		m.Log.Error("outbox report", "err", err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// outboxCmd prints what the outbox holds: directly when no bot holds the
// database, through the running bot's control socket otherwise.
func outboxCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("aulabot outbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := os.Getenv("AULABOT_DATA")
	if data == "" {
		data = "aulabot.db"
	}
	fs.StringVar(&data, "data", data, "bbolt database file")
	asJSON := fs.Bool("json", false, "print JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: aulabot outbox [--data aulabot.db] [--json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	v, err := readOutbox(ctx, data)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	return printOutbox(stdout, v)
}

func readOutbox(ctx context.Context, data string) (outboxView, error) {
	if _, err := os.Stat(data); err != nil {
		return outboxView{}, fmt.Errorf("database %s: %w", data, err)
	}
	var v outboxView
	err := fromStoreOrBot(ctx, data, "/outbox",
		func(st *store.Store) (err error) { v, err = viewOutbox(st, time.Now()); return err },
		func(r io.Reader) error { return json.NewDecoder(r).Decode(&v) })
	return v, err
}

// fromStoreOrBot reads the database at data: with local, opened read-only,
// when no bot holds it; when one does, by asking that bot for path over its
// control socket and reading its answer with remote. A refusal from the
// bot is an error with its text (or, with none, its status).
func fromStoreOrBot(ctx context.Context, data, path string, local func(*store.Store) error, remote func(io.Reader) error) error {
	st, err := store.Open(data, store.Options{ReadOnly: true, Timeout: 300 * time.Millisecond})
	if err == nil {
		defer st.Close()
		return local(st)
	}
	if !errors.Is(err, store.ErrLocked) {
		return err
	}
	resp, err := controlGet(ctx, data, path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		if msg := strings.TrimSpace(string(b)); msg != "" {
			return errors.New(msg)
		}
		return fmt.Errorf("the running aulabot answered %s", resp.Status)
	}
	return remote(resp.Body)
}

// controlGet asks the bot that holds database data over its control socket.
func controlGet(ctx context.Context, data, path string) (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", controlPath(data))
	}}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://aulabot"+path, nil)
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("another aulabot is using %s and its control socket did not answer: %w", data, err)
	}
	return resp, nil
}

// section writes a list's title with its total (and which of them are
// shown when not all are), and its header when it has rows.
func section(w io.Writer, title string, total, shown int, which, header string) {
	fmt.Fprintf(w, "\n%s: %d", title, total)
	if total > shown {
		fmt.Fprintf(w, " (the %s %d)", which, shown)
	}
	fmt.Fprintln(w)
	if shown > 0 {
		fmt.Fprintln(w, "  "+header)
	}
}

// printOutbox writes v as plain text.
func printOutbox(w io.Writer, v outboxView) error {
	age := func(t time.Time) string { return v.Now.Sub(t).Round(time.Second).String() }
	wt := v.Waiting
	fmt.Fprintf(w, "Waiting: %d messages (%d to private chats, %d to groups); %d due now", wt.Private+wt.Group, wt.Private, wt.Group, wt.Due)
	if wt.Due > 0 {
		fmt.Fprintf(w, ", the oldest for %s", (time.Duration(wt.OldestSeconds) * time.Second).String())
	}
	if wt.Next != nil {
		fmt.Fprintf(w, "; next scheduled at %s (in %s)", wt.Next.Format(time.RFC3339), wt.Next.Sub(v.Now).Round(time.Second))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "\nStuck (failed, waiting for another attempt): %d\n", len(v.Stuck))
	if len(v.Stuck) > 0 {
		fmt.Fprintln(tw, "  ID\tCHAT\tMETHOD\tATTEMPTS\tNEXT TRY\tFAILING FOR\tLAST ERROR")
	}
	for _, s := range v.Stuck {
		fmt.Fprintf(tw, "  %d\t%d\t%s\t%d\t%s\t%s\t%s\n", s.ID, s.Chat, s.Method, s.Attempts, s.NextTry.Format(time.RFC3339), age(s.Since), s.LastError)
	}
	section(tw, "Dead", v.DeadTotal, len(v.Dead), "latest", "ID\tCHAT\tMETHOD\tREASON\tWHEN\tTELEGRAM SAID")
	for _, d := range v.Dead {
		fmt.Fprintf(tw, "  %d\t%d\t%s\t%s\t%s\t%s\n", d.ID, d.Chat, d.Method, d.Reason, d.At.Format(time.RFC3339), d.Error)
	}
	section(tw, "Unreachable chats (blocked the bot or gone)", v.UnreachableTotal, len(v.Unreachable), "latest", "CHAT\tSINCE\tTELEGRAM SAID")
	for _, u := range v.Unreachable {
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", u.Chat, u.At.Format(time.RFC3339), u.Error)
	}
	section(tw, "Jobs failing (reminders, escalations, closes; tried again after 1, 2, 4... up to 60 min)", v.JobsFailingTotal, len(v.JobsFailing),
		"first", "KEY\tKIND\tFAILURES\tNEXT TRY\tLAST ERROR")
	for _, j := range v.JobsFailing {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\n", j.Key, j.Kind, j.Failures, j.NextTry.Format(time.RFC3339), j.LastError)
	}
	return tw.Flush()
}
