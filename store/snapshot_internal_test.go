package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// A fingerprint does not change with the markers every update writes (its
// id, the polling offset, the log of sends), which it does not read, and
// names the bucket a real change touched.
func TestFingerprint_LeavesOutTheMarkers(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Update(func(tx *Tx) error { return tx.PutUser(aulabot.User{ID: 7, Name: "Ana", Lang: "es"}) }); err != nil {
		t.Fatal(err)
	}
	before, err := s.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *Tx) error {
		for id := range int64(50) {
			if err := tx.markApplied(100+id, 101+id); err != nil {
				return err
			}
		}
		return tx.logSends(1, []SentRecord{{At: time.Unix(1_800_000_000, 0), Chat: 7}})
	})
	if err != nil {
		t.Fatal(err)
	}
	markers, err := s.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	if changed := before.Changed(markers); len(changed) > 0 {
		t.Errorf("the markers changed the fingerprint of %q", changed)
	}
	if off, err := s.Offset(); err != nil || off != 150 {
		t.Fatalf("offset %d, %v: the markers were not written", off, err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.PutUser(aulabot.User{ID: 7, Name: "Ana María", Lang: "es"}) }); err != nil {
		t.Fatal(err)
	}
	after, err := s.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	if changed := markers.Changed(after); !slices.Contains(changed, bUsers) {
		t.Errorf("a user renamed changed %q, want %q among them", changed, bUsers)
	}
}
