package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// TestStaffTicketsMigration: a database from before the index of the
// tickets staff worked fails Check on it; the migration indexes each
// ticket under its owner, whoever else moved it and the authors of the
// team's messages (not the requester), and a member's deletion then finds
// their tickets.
func TestStaffTicketsMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Update(func(tx *Tx) error {
		for range 3 {
			if _, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: 7, Category: aulabot.CategoryLMS, Description: "no entro"}, 0); err != nil {
				return err
			}
		}
		if _, err := tx.ClaimTicket("UNMA-1", 3001, "Tec"); err != nil {
			return err
		}
		if _, _, err := tx.AddTicketMessage("UNMA-2", aulabot.TicketMessage{From: 3002, FromName: "Tec Dos", Team: true, Text: "¿Sigue?"}); err != nil {
			return err
		}
		_, _, err := tx.AddTicketMessage("UNMA-2", aulabot.TicketMessage{From: 7, FromName: "Ana", Text: "sí"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	empty := func(btx *bolt.Tx) error {
		if err := btx.DeleteBucket([]byte(bTicketsByStaff)); err != nil {
			return err
		}
		_, err := btx.CreateBucket([]byte(bTicketsByStaff))
		return err
	}
	if err := s.db.Update(empty); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "UNMA-1 is not in the index of the tickets 3001 worked") {
		t.Fatalf("Check without the index: %v", err)
	}
	if err := s.db.Update(staffTicketsMigration); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check after the migration: %v", err)
	}
	var entries []string
	s.db.View(func(btx *bolt.Tx) error {
		return btx.Bucket([]byte(bTicketsByStaff)).ForEach(func(k, _ []byte) error {
			entries = append(entries, fmt.Sprintf("%d:%s-%d", fromI64(k[:8]), k[8:len(k)-9], fromU64(k[len(k)-8:])))
			return nil
		})
	})
	if got := strings.Join(entries, " "); got != "3001:unma-1 3002:unma-2" {
		t.Errorf("entries = %q, want the owner of UNMA-1 and the author on UNMA-2", got)
	}
	err = s.Update(func(tx *Tx) error {
		changed, reopened, _, err := tx.EraseStaffOf(3002)
		if len(changed) != 1 || changed[0].ID != "UNMA-2" || len(reopened) != 0 {
			t.Errorf("the author's deletion changed %+v, opened %v", changed, reopened)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
