package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/aulabot/aulabot/store"
)

// controlPath is the unix socket a running bot listens on, next to its
// database: it is how "aulabot backup" reaches a database that is locked.
func controlPath(data string) string { return data + ".sock" }

// listenControl serves /backup on the control socket.
func (m *Main) listenControl() (io.Closer, error) {
	p := controlPath(m.Settings.DataPath)
	_ = os.Remove(p) // a stale socket of a crashed run; the database lock says we are alone
	ln, err := net.Listen("unix", p)
	if err != nil {
		return nil, err
	}
	_ = os.Chmod(p, 0o600)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /outbox", m.serveOutbox)
	mux.HandleFunc("GET /backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		if _, err := m.Store.Backup(w); err != nil {
			m.Log.Error("backup", "err", err)
		}
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return closer(func() error { err := srv.Close(); os.Remove(p); return err }), nil
}

type closer func() error

func (c closer) Close() error { return c() }

// backup writes a consistent copy of the database to FILE: directly when no
// bot holds it, through the running bot's control socket otherwise.
func backup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	s, fs, err := parseSettings("backup", args, os.Getenv, stderr)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: aulabot backup [--data aulabot.db] FILE")
		return errUsage
	}
	dst := fs.Arg(0)
	tmp := dst + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	n, err := copyDatabase(ctx, s.DataPath, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup of %s written to %s (%d bytes)\n", s.DataPath, dst, n)
	return nil
}

func copyDatabase(ctx context.Context, data string, w io.Writer) (int64, error) {
	if _, err := os.Stat(data); err != nil {
		return 0, fmt.Errorf("database %s: %w", data, err)
	}
	st, err := store.Open(data, store.Options{ReadOnly: true, Timeout: 300 * time.Millisecond})
	if err == nil {
		defer st.Close()
		return st.Backup(w)
	}
	if !errors.Is(err, store.ErrLocked) {
		return 0, err
	}
	c := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", controlPath(data))
	}}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://aulabot/backup", nil)
	resp, err := c.Do(req)
	if err != nil {
		return 0, fmt.Errorf("another aulabot is using %s and its control socket did not answer: %w", data, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("backup through the running aulabot: %s", resp.Status)
	}
	return io.Copy(w, resp.Body)
}
