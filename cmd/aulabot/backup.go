package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot/store"
)

// controlPath is the unix socket a running bot listens on, next to its
// database: it is how "aulabot backup" reaches a database that is locked.
func controlPath(data string) string { return data + ".sock" }

// sumHeader carries the SHA-256 of the copy the control socket sends.
const sumHeader = "X-Aulabot-Sha256"

// chmod makes the control socket private; tests make it fail.
var chmod = os.Chmod

// listenControl serves /backup on the control socket, readable by the
// bot's user only; if it cannot be made so, it is not served.
func (m *Main) listenControl() (io.Closer, error) {
	p := controlPath(m.Settings.DataPath)
	_ = os.Remove(p) // a stale socket of a crashed run; the database lock says we are alone
	ln, err := net.Listen("unix", p)
	if err != nil {
		return nil, fmt.Errorf("control socket %s: %w", p, err)
	}
	if err := chmod(p, 0o600); err != nil {
		ln.Close()
		os.Remove(p)
		return nil, fmt.Errorf("control socket %s: make it private: %w", p, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /outbox", m.serveOutbox)
	mux.HandleFunc("GET /backup", m.serveBackup)
	mux.HandleFunc("GET /survey/results", m.serveSurveyResults)
	mux.HandleFunc("GET /report", m.serveReport)
	mux.HandleFunc("GET /moves", m.serveMoves)
	mux.HandleFunc("GET /reach", m.serveReach)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return closer(func() error { err := srv.Close(); os.Remove(p); return err }), nil
}

// serveBackup writes a consistent copy of the database to a temporary
// file next to it inside one read transaction, at disk speed, and only
// then streams the file with its length and SHA-256: the transaction does
// not last as long as the client reads, and the client can tell a whole
// copy from a cut one.
func (m *Main) serveBackup(w http.ResponseWriter, r *http.Request) {
	fail := func(err error) {
		m.Log.Error("backup", "err", err)
		http.Error(w, "backup: "+err.Error(), http.StatusInternalServerError)
	}
	data := m.Settings.DataPath
	f, err := os.CreateTemp(filepath.Dir(data), filepath.Base(data)+".backup-*")
	if err != nil {
		fail(err)
		return
	}
	defer os.Remove(f.Name())
	defer f.Close()
	h := sha256.New()
	n, err := m.Store.Backup(io.MultiWriter(f, h))
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		fail(err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	w.Header().Set(sumHeader, hex.EncodeToString(h.Sum(nil)))
	if _, err := io.Copy(w, f); err != nil {
		m.Log.Warn("backup: the client stopped reading", "err", err)
	}
}

type closer func() error

func (c closer) Close() error { return c() }

// backup writes a consistent copy of the database to FILE: directly when no
// bot holds it, through the running bot's control socket otherwise. The
// copy is checked (length and checksum of what came through the socket,
// then bbolt's consistency check of the file) before it takes FILE's name;
// if anything fails, FILE is not written.
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
	f, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".tmp-*")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dst, err)
	}
	defer os.Remove(f.Name())
	n, err := copyDatabase(ctx, s.DataPath, f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup of %s failed, %s not written: %w", s.DataPath, dst, err)
	}
	if err := store.Verify(f.Name()); err != nil {
		return fmt.Errorf("backup of %s failed, %s not written: the copy fails the consistency check (%s): the database is damaged; keep your last good backup", s.DataPath, dst, damage(err))
	}
	if err := os.Rename(f.Name(), dst); err != nil {
		return fmt.Errorf("backup of %s failed: %w", s.DataPath, err)
	}
	fmt.Fprintf(stdout, "backup of %s written to %s (%d bytes, consistency check passed)\n", s.DataPath, dst, n)
	return nil
}

// damage is what store.Verify found wrong with a file, in a few words.
func damage(err error) string {
	if what, ok := store.Damage(err); ok {
		return what
	}
	return err.Error()
}

// copyDatabase writes a consistent copy of the database at data to w.
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
	return copyFromRunning(ctx, data, w)
}

// copyFromRunning asks the running bot for a copy over its control socket
// and checks that all of it arrived intact.
func copyFromRunning(ctx context.Context, data string, w io.Writer) (int64, error) {
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
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return 0, fmt.Errorf("the running aulabot answered %s: %s", resp.Status, strings.Join(strings.Fields(string(msg)), " "))
	}
	want, sum := resp.ContentLength, resp.Header.Get(sumHeader)
	if want <= 0 || sum == "" {
		return 0, errors.New("the running aulabot sent a copy without its length and checksum (an older aulabot? upgrade it)")
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), resp.Body)
	switch {
	case err != nil:
		return n, fmt.Errorf("the copy from the running aulabot stopped after %d of %d bytes: %w", n, want, err)
	case n != want:
		return n, fmt.Errorf("the copy from the running aulabot has %d bytes, not the %d announced", n, want)
	case hex.EncodeToString(h.Sum(nil)) != sum:
		return n, errors.New("the copy from the running aulabot arrived altered (SHA-256 mismatch)")
	}
	return n, nil
}
