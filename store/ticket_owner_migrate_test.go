package store

import (
	"path/filepath"
	"testing"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// TestTicketOwnerMigration: a database from before the owner index (its
// active index's values empty, no owner entries) gets each claimed active
// ticket indexed under its owner; open and resolved ones are not.
func TestTicketOwnerMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Update(func(tx *Tx) error {
		for range 4 {
			if _, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: 7, Category: aulabot.CategoryLMS, Description: "no entro"}, 0); err != nil {
				return err
			}
		}
		for _, c := range []struct {
			id string
			by int64
		}{{"UNMA-1", 3001}, {"UNMA-2", 3002}, {"UNMA-3", 3001}} {
			if _, err := tx.ClaimTicket(c.id, c.by, "Tec"); err != nil {
				return err
			}
		}
		_, err := tx.ResolveTicket("UNMA-3", 3001, "Tec")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// As the schema before: no owner entries, empty values.
	err = s.db.Update(func(btx *bolt.Tx) error {
		if err := btx.DeleteBucket([]byte(bTicketsActiveByOwner)); err != nil {
			return err
		}
		if _, err := btx.CreateBucket([]byte(bTicketsActiveByOwner)); err != nil {
			return err
		}
		active := btx.Bucket([]byte(bTicketsActive))
		var keys [][]byte
		active.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
		for _, k := range keys {
			if err := active.Put(k, []byte{}); err != nil {
				return err
			}
		}
		return ticketOwnerMigration(btx)
	})
	if err != nil {
		t.Fatal(err)
	}
	for owner, want := range map[int64]string{3001: "UNMA-1", 3002: "UNMA-2"} {
		s.View(func(tx *Tx) error {
			ts, err := tx.ActiveTicketsOwnedBy(owner)
			if err != nil || len(ts) != 1 || ts[0].ID != want {
				t.Errorf("tickets of %d: %v, %v; want %s", owner, ts, err, want)
			}
			return nil
		})
	}
	// The index follows the next transition: an unclaim removes it.
	if err := s.Update(func(tx *Tx) error { _, err := tx.UnclaimTicket("UNMA-1", 3001, false); return err }); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		if ts, _ := tx.ActiveTicketsOwnedBy(3001); len(ts) != 0 {
			t.Errorf("after the unclaim: %v", ts)
		}
		return nil
	})
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
