package store_test

import (
	"maps"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/aulabot/aulabot/store"
)

// A move of a group to a supergroup is kept across a restart; recording it
// again, or a later move of the same group, leaves one entry per group.
func TestStore_ChatMoves(t *testing.T) {
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	reopen := reopener(t, filepath.Join(t.TempDir(), "aulabot.db"), &now)
	s := reopen()
	for _, m := range [][2]int64{{-2001, -1000000002001}, {-2001, -1000000002001}, {-2002, -1000000002002}, {-2002, -1000000002009}} {
		if err := s.MoveChat(m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = reopen()
	defer s.Close()
	got, err := s.ChatMoves()
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int64]int64{-2001: -1000000002001, -2002: -1000000002009}; !maps.Equal(got, want) {
		t.Errorf("moves %v, want %v", got, want)
	}
}

// A database written before moves were kept, opened read-only (as
// "aulabot config check" does while no bot runs), has no moves rather
// than a missing bucket.
func TestStore_ChatMovesOldDatabaseReadOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(p, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucketIfNotExists([]byte("users")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := store.Open(p, store.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.ChatMoves(); err != nil || len(got) != 0 {
		t.Fatalf("moves = %v, %v; want none", got, err)
	}
}
