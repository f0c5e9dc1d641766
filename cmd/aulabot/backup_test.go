package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aulabot/aulabot/store"
)

// lockedDB returns a good database held open as by a running bot (so that
// backup goes through the control socket), its bytes and the open store.
func lockedDB(t *testing.T) (string, []byte, *store.Store) {
	t.Helper()
	p, b, _ := goodDB(t)
	s, err := store.Open(p, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return p, b, s
}

// fakeControl serves /backup on data's control socket with h.
func fakeControl(t *testing.T, data string, h http.HandlerFunc) {
	t.Helper()
	ln, err := net.Listen("unix", controlPath(data))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// failedBackup runs aulabot backup into a fresh directory and checks that
// it failed with one line saying want, leaving nothing behind.
func failedBackup(t *testing.T, data, want string) {
	t.Helper()
	dir := t.TempDir()
	code, stderr := runBot(t, "backup", "--data", data, filepath.Join(dir, "copy.db"))
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and one line saying %q", code, stderr, want)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// A copy through the control socket that is cut or altered on the way, or
// refused by the bot, fails; FILE is not written. (Before, the running bot
// streamed the copy from inside its read transaction with a 200 sent
// first, so a copy cut half-way was reported as written.)
func TestBackup_FromRunningBotFails(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve func(b []byte) http.HandlerFunc
		want  func(b []byte) string
	}{
		{"cut half-way", func(b []byte) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				sum := sha256.Sum256(b)
				conn, buf, _ := w.(http.Hijacker).Hijack()
				defer conn.Close()
				fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s: %s\r\n\r\n", len(b), sumHeader, hex.EncodeToString(sum[:]))
				buf.Write(b[:len(b)/2])
				buf.Flush()
			}
		}, func(b []byte) string { return fmt.Sprintf("stopped after %d of %d bytes", len(b)/2, len(b)) }},
		{"altered", func(b []byte) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				sum := sha256.Sum256(b)
				w.Header().Set(sumHeader, hex.EncodeToString(sum[:]))
				w.Header().Set("Content-Length", fmt.Sprint(len(b)))
				bad := append([]byte(nil), b...)
				bad[len(bad)-1] ^= 1
				w.Write(bad)
			}
		}, func([]byte) string { return "SHA-256 mismatch" }},
		{"refused", func([]byte) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "backup: no space left on device", http.StatusInternalServerError)
			}
		}, func([]byte) string { return "500 Internal Server Error: backup: no space left on device" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, b, _ := lockedDB(t)
			fakeControl(t, p, tc.serve(b))
			failedBackup(t, p, tc.want(b))
		})
	}
}

// A source that passes the quick checks but not bbolt's consistency check
// is never reported as backed up. (Before, it was copied and "written".)
func TestBackup_CorruptSource(t *testing.T) {
	p, b, ps := goodDB(t)
	rewriteMetas(b, ps, func(m []byte) {
		binary.NativeEndian.PutUint64(m[metaPgid:], binary.NativeEndian.Uint64(m[metaPgid:])+1)
	})
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	failedBackup(t, p, "the copy fails the consistency check")
}

// A good database backs up through the real control socket: the copy has
// the announced length and checksum, passes the check and opens.
func TestBackup_FromRunningBot(t *testing.T) {
	p, _, s := lockedDB(t)
	m := &Main{Settings: Settings{DataPath: p}, Log: quietLog(), Store: s}
	ctl, err := m.listenControl()
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	out := filepath.Join(t.TempDir(), "copy.db")
	if code, stderr := runBot(t, "backup", "--data", p, out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	c, err := store.Open(out, store.Options{ReadOnly: true, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, ok, _ := c.User(301); !ok {
		t.Error("the copy lacks the last person written")
	}
	if left, _ := filepath.Glob(p + ".backup-*"); len(left) != 0 {
		t.Errorf("the bot left its temporary copy: %v", left)
	}
}

// If the control socket cannot be made private it is not served.
func TestListenControl_ChmodFails(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	chmod = func(string, os.FileMode) error { return errors.New("operation not permitted") }
	defer func() { chmod = os.Chmod }()
	m := &Main{Settings: Settings{DataPath: p}, Log: quietLog()}
	if _, err := m.listenControl(); err == nil || !strings.Contains(err.Error(), "make it private: operation not permitted") {
		t.Errorf("listenControl: %v, want the chmod error", err)
	}
	if _, err := os.Stat(controlPath(p)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the socket is still there: %v", err)
	}
}
