package store_test

import (
	"encoding/binary"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// setSchema rewrites the stored schema version and empties buckets, as an
// older aulabot would have left the file.
func setSchema(t *testing.T, p string, v uint64, empty ...string) {
	t.Helper()
	db, err := bolt.Open(p, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := make([]byte, 8)
		binary.BigEndian.PutUint64(b, v)
		for _, name := range empty {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), b)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A database of schema 1 (no outbox indexes) is migrated at start-up, and
// its pending messages are still delivered.
func TestMigrate_OutboxIndexes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.db")
	s, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Update(func(tx *store.Tx) error {
		tx.Enqueue(aulabot.Message{ChatID: 7, Text: "pending since the old version"})
		_, err := tx.Enqueue(aulabot.Message{ChatID: 7, Text: "later", NotBefore: time.Now().Add(time.Hour)})
		return err
	})
	s.Close()
	setSchema(t, p, 1, "outbox_due", "outbox_chat")

	s, err = store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	due, next, err := s.Due(time.Now(), 10)
	if err != nil || len(due) != 1 || due[0].Text != "pending since the old version" || next.IsZero() {
		t.Fatalf("after migration Due = %+v, next %v, %v", due, next, err)
	}
}

func TestMigrate_NewerSchemaRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "new.db")
	s, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	setSchema(t, p, uint64(store.SchemaVersion()+1))
	_, err = store.Open(p, store.Options{})
	if err == nil || !strings.Contains(err.Error(), "newer than this aulabot") {
		t.Errorf("open of a newer database: %v", err)
	}
}

// A database of schema 2 (refs, reverse entries and kept keys undated, a
// failed message with no retry record, the old per-chat hold counts) is
// migrated: its refs resolve, its failed message holds its lane, and its
// kept keys and refs can be pruned.
func TestMigrate_OutboxRuntime(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.db")
	s, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Update(func(tx *store.Tx) error {
		tx.Enqueue(aulabot.Message{ChatID: 7, Text: "sent long ago", Key: "k-sent"})
		_, err := tx.Enqueue(aulabot.Message{ChatID: 7, Text: "failed", Key: "k-failed", Attempts: 0})
		return err
	})
	s.Close()
	db, err := bolt.Open(p, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	loc := func(chat, id int64) []byte {
		b := make([]byte, 16)
		binary.BigEndian.PutUint64(b, uint64(chat)^(1<<63))
		binary.BigEndian.PutUint64(b[8:], uint64(id)^(1<<63))
		return b
	}
	err = db.Update(func(tx *bolt.Tx) error {
		// As schema 2 left them: message 1 sent (only its key kept, undated),
		// message 2 failed twice, a ref and its reverse entry undated.
		out := tx.Bucket([]byte("outbox"))
		id1, id2 := make([]byte, 8), make([]byte, 8)
		binary.BigEndian.PutUint64(id1, 1)
		binary.BigEndian.PutUint64(id2, 2)
		if err := out.Delete(id1); err != nil {
			return err
		}
		if err := out.Put(id2, []byte(`{"id":2,"key":"k-failed","chat":7,"text":"failed","att":2,"nb":"2000-01-01T00:00:00Z","created":"1999-12-31T00:00:00Z"}`)); err != nil {
			return err
		}
		if err := tx.Bucket([]byte("refs")).Put([]byte("ticket:1"), loc(-100, 5)); err != nil {
			return err
		}
		if err := tx.Bucket([]byte("msgrefs")).Put(loc(-100, 5), []byte("ticket:1")); err != nil {
			return err
		}
		held, err := tx.CreateBucketIfNotExists([]byte("outbox_held"))
		if err != nil {
			return err
		}
		return held.Put(loc(7, 0)[:8], []byte{0, 0, 0, 0, 0, 0, 0, 1})
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	setSchema(t, p, 2, "outbox_retry", "refs_at", "outbox_key_at")

	// Read-only (aulabot outbox with no bot running), it is not migrated:
	// the report says so instead of misreading it.
	ro, err := store.Open(p, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.OutboxReport(time.Now(), 10); err == nil || !strings.Contains(err.Error(), "start the bot once to upgrade it") {
		t.Errorf("report of an old file: %v", err)
	}
	ro.Close()

	s, err = store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if chat, id, ok := s.Ref("ticket:1"); !ok || chat != -100 || id != 5 {
		t.Errorf("ref after migration = %d/%d %v", chat, id, ok)
	}
	s.View(func(tx *store.Tx) error {
		if ref, ok := tx.MessageRef(-100, 5); !ok || ref != "ticket:1" {
			t.Errorf("reverse entry after migration = %q %v", ref, ok)
		}
		return nil
	})
	scan, err := s.ScanOutbox(store.OutboxCursor{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var retried bool
	for _, e := range scan.Entries {
		retried = retried || (e.ID == 2 && e.Chat == 7)
	}
	if !retried {
		t.Errorf("scan = %+v, want the failed message", scan.Entries)
	}
	r, _ := s.OutboxReport(time.Now(), 10)
	if len(r.Stuck) != 1 || r.Stuck[0].Message.Attempts != 2 {
		t.Errorf("stuck = %+v, want the failed message", r.Stuck)
	}
	pruned, err := s.PruneOutbox(time.Now().Add(store.RefKeep + time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if pruned.Keys != 1 || pruned.Refs != 2 {
		t.Errorf("pruned %+v, want the sent key and the ref's two entries", pruned)
	}
	if _, _, ok := s.Ref("ticket:1"); ok {
		t.Error("the old ref was not pruned")
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
