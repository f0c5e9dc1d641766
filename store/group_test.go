package store_test

import (
	"maps"
	"path/filepath"
	"testing"
	"time"
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
