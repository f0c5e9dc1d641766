package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// userExists opens the database at p and reports whether person id is in it.
func userExists(t *testing.T, p string, id int64) bool {
	t.Helper()
	s, err := store.Open(p, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, ok, err := s.User(id)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// backupOf writes a checked backup of data with "aulabot backup".
func backupOf(t *testing.T, data string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy.db")
	if code, errs := runBot(t, "backup", "--data", data, dst); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	return dst
}

// A backup restored over the database brings back what it held, and the
// database it replaced is kept beside it.
func TestRestore(t *testing.T) {
	data, _, _ := goodDB(t)
	copy := backupOf(t, data)
	s, err := store.Open(data, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.PutUser(aulabot.User{ID: 999, Name: "after the backup"}) }); err != nil {
		t.Fatal(err)
	}
	s.Close()

	var out, errb bytes.Buffer
	if code := run(t.Context(), []string{"restore", "--data", data, copy}, &out, &errb); code != 0 {
		t.Fatalf("restore exited %d: %s", code, errb.String())
	}
	if !strings.HasPrefix(out.String(), "restored "+copy+" to "+data) || !strings.Contains(out.String(), "the previous database is kept as "+data+".before-restore-") {
		t.Errorf("restore said %q", out.String())
	}
	if userExists(t, data, 999) || !userExists(t, data, 301) {
		t.Error("the database is not the backup")
	}
	kept, _ := filepath.Glob(data + ".before-restore-*")
	if len(kept) != 1 || !userExists(t, kept[0], 999) {
		t.Errorf("kept %v, want the replaced database", kept)
	}
	if left, _ := filepath.Glob(data + ".restoring"); len(left) != 0 {
		t.Errorf("left behind %v", left)
	}
}

// restore refuses, with one line and the database untouched, while a bot
// runs on it, and for a damaged backup or one from a newer aulabot.
func TestRestore_Refused(t *testing.T) {
	for _, tc := range []struct {
		name string
		prep func(t *testing.T, data, copy string)
		want string
	}{
		{"RunningBot", func(t *testing.T, data, _ string) {
			s, err := store.Open(data, store.Options{NoSync: true}) // as a running bot holds it
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
		}, "a bot is running on it: stop it first"},
		{"DamagedBackup", func(t *testing.T, _, copy string) {
			b, _ := os.ReadFile(copy)
			os.WriteFile(copy, b[:len(b)/2], 0o600)
		}, "the backup fails the consistency check"},
		{"NewerBackup", func(t *testing.T, _, _ string) {
			old := knownSchema
			knownSchema = func() int { return store.SchemaVersion() - 1 } // an older aulabot
			t.Cleanup(func() { knownSchema = old })
		}, "the backup was written by a newer aulabot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, _, _ := goodDB(t)
			copy := backupOf(t, data)
			tc.prep(t, data, copy)
			before, _ := os.ReadFile(data)
			code, errs := runBot(t, "restore", "--data", data, copy)
			if code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "not changed: "+tc.want) {
				t.Errorf("exit %d, %q; want 1 and one line saying %q", code, errs, tc.want)
			}
			if after, _ := os.ReadFile(data); !bytes.Equal(before, after) {
				t.Error("the database was changed")
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(data), "*restor*")); len(left) != 0 {
				t.Errorf("left behind %v", left)
			}
		})
	}
}
