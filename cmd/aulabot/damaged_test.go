package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// goodDB writes a database with some people in it (seen by both meta
// pages) and returns its path, its bytes and its page size.
func goodDB(t *testing.T) (string, []byte, int) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := store.Open(p, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *store.Tx) error {
		for id := int64(1); id <= 300; id++ {
			if err := tx.PutUser(aulabot.User{ID: id, Name: strings.Repeat("Ana ", 20)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A second commit, so that both meta pages see the people.
	if err := s.Update(func(tx *store.Tx) error { return tx.PutUser(aulabot.User{ID: 301, Name: "Bea"}) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, b, int(binary.NativeEndian.Uint32(b[16+8:]))
}

// Offsets in bbolt's meta page (after the 16-byte page header).
const (
	metaRoot  = 16 + 16
	metaFree  = 16 + 32
	metaPgid  = 16 + 40
	metaTxid  = 16 + 48
	metaCheck = 16 + 56
)

// rewriteMetas applies f to both meta pages and fixes their checksums, so
// that only what f changed is wrong.
func rewriteMetas(b []byte, ps int, f func(meta []byte)) {
	for _, off := range []int{0, ps} {
		m := b[off : off+ps]
		f(m)
		h := fnv.New64a()
		h.Write(m[16:metaCheck])
		binary.NativeEndian.PutUint64(m[metaCheck:], h.Sum64())
	}
}

// newerMeta is the offset of the meta page bbolt uses (higher txid).
func newerMeta(b []byte, ps int) int {
	if binary.NativeEndian.Uint64(b[ps+metaTxid:]) > binary.NativeEndian.Uint64(b[metaTxid:]) {
		return ps
	}
	return 0
}

// runBot runs aulabot with args and returns its exit code and stderr.
func runBot(t *testing.T, args ...string) (int, string) {
	t.Helper()
	// serve must fail before it dials; if it did dial, nothing listens there
	t.Setenv("TELEGRAM_BOT_TOKEN", "123456:NEVER-USED")
	t.Setenv("TELEGRAM_API_ENDPOINT", "http://127.0.0.1:1/bot%s/%s")
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, errb.String()
}

// A damaged database file stops start-up with one line that names the file
// and the problem and says what to do; exit 1; the file is not touched.
// (Before, a truncated file crashed with SIGBUS and a bad page with a panic
// inside the migration.)
func TestServe_DamagedDatabase(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(b []byte, ps int) []byte
		want   string
	}{
		{"truncated to whole pages", func(b []byte, ps int) []byte { return b[:4*ps] }, "truncated"},
		{"truncated mid-page", func(b []byte, ps int) []byte { return b[:len(b)-ps/2] }, "not a whole number of"},
		{"shorter than an empty database", func(b []byte, ps int) []byte { return b[:2*ps] }, "less than the 4 pages"},
		{"zeroed meta pages", func(b []byte, ps int) []byte { clear(b[:2*ps]); return b }, "neither of its two meta pages is valid"},
		{"random garbage", func(b []byte, ps int) []byte {
			r := rand.New(rand.NewPCG(1, 2))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			return b
		}, "neither of its two meta pages is valid"},
		{"root page overwritten", func(b []byte, ps int) []byte {
			root := int(binary.NativeEndian.Uint64(b[newerMeta(b, ps)+metaRoot:]))
			clear(b[root*ps : (root+1)*ps]) // a page of no kind: bbolt panics reading it
			return b
		}, "start-up failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, b, ps := goodDB(t)
			bad := tc.damage(b, ps)
			if err := os.WriteFile(p, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			code, stderr := runBot(t, "serve", "--data", p)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if lines := strings.Count(stderr, "\n"); lines != 1 {
				t.Errorf("stderr has %d lines, want 1: %q", lines, stderr)
			}
			for _, want := range []string{"database " + p + " is damaged", tc.want, "Restore a backup"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr %q lacks %q", stderr, want)
				}
			}
			if after, _ := os.ReadFile(p); !bytes.Equal(after, bad) {
				t.Error("the damaged file was changed")
			}
		})
	}
}

// With one meta page bad (here the first, so that even the page size must
// be found from the second) bbolt uses the other, and so does aulabot: the
// file opens, passes the full check, and a backup of it passes too.
func TestBackup_OneMetaPageBad(t *testing.T) {
	p, b, ps := goodDB(t)
	clear(b[:ps])
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	if code, stderr := runBot(t, "backup", "--data", p, out); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	s, err := store.Open(p, store.Options{NoSync: true, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok, err := s.User(1); err != nil || !ok {
		t.Errorf("User(1) = %v, %v after opening on the other meta page", ok, err)
	}
}

// Files that pass the quick checks but not the full one: refused with
// --check-db (and AULABOT_CHECK_DB=1), one line, untouched. A free list
// page overwritten made bbolt's own check panic in its goroutine, which
// nothing can recover: the pages are walked before it runs.
func TestServe_CheckDB(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(b []byte, ps int)
		want   string
	}{
		{"a page nobody uses", func(b []byte, ps int) {
			// One more page in use than the tree and the free list account for.
			rewriteMetas(b, ps, func(m []byte) {
				binary.NativeEndian.PutUint64(m[metaPgid:], binary.NativeEndian.Uint64(m[metaPgid:])+1)
			})
		}, "unreachable unfreed"},
		{"free list overwritten", func(b []byte, ps int) {
			free := int(binary.NativeEndian.Uint64(b[newerMeta(b, ps)+metaFree:]))
			clear(b[free*ps : (free+1)*ps])
		}, "calls itself page 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, b, ps := goodDB(t)
			tc.damage(b, ps)
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"serve", "--check-db", "--data", p}, {"serve", "--data", p}} {
				if len(args) == 3 {
					t.Setenv("AULABOT_CHECK_DB", "1")
				}
				code, stderr := runBot(t, args...)
				if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "is damaged") || !strings.Contains(stderr, tc.want) {
					t.Errorf("%v: exit %d, stderr %q; want 1 and one line saying %q", args, code, stderr, tc.want)
				}
				if after, _ := os.ReadFile(p); !bytes.Equal(after, b) {
					t.Errorf("%v: the file was changed", args)
				}
			}
		})
	}
}
