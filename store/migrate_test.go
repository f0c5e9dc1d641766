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
