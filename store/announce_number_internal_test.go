package store

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// Announcements are numbered apart from the trainings' invitations and the
// corrections, whose campaigns share the ids: new ones as they are
// stored, and those of a database from before the numbers by
// announcementNumberMigration, oldest first, the count going on from them.
func TestAnnouncementNumbers(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	create := func(c aulabot.Campaign) (got aulabot.Campaign) {
		t.Helper()
		c.University, c.Audience, c.State, c.Message.Text = "unma", aulabot.AudienceTeachers, aulabot.CampaignRunning, "Taller"
		if err := s.Update(func(tx *Tx) (err error) { got, err = tx.CreateCampaign(c); return err }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	numbers := func() (got []uint64) {
		t.Helper()
		if err := s.View(func(tx *Tx) error {
			return tx.bucket(bCampaigns).ForEach(func(k, v []byte) error {
				var c aulabot.Campaign
				err := decode(bCampaigns, k, v, &c)
				got = append(got, c.Number)
				return err
			})
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if err := s.Update(func(tx *Tx) error {
		return tx.PutUser(aulabot.User{ID: 100, Name: "P", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: tx.Now(), CreatedAt: tx.Now()})
	}); err != nil {
		t.Fatal(err)
	}
	create(aulabot.Campaign{Owner: "event:1"})
	create(aulabot.Campaign{})
	create(aulabot.Campaign{Owner: "ann:2"})
	if c := create(aulabot.Campaign{}); c.ID != 4 || c.Number != 2 {
		t.Errorf("the second announcement, campaign %d, is number %d", c.ID, c.Number)
	}
	if got := numbers(); !slices.Equal(got, []uint64{0, 1, 0, 2}) {
		t.Errorf("numbers %v, want the announcements' alone", got)
	}

	// A database from before the numbers.
	if err := s.db.Update(func(btx *bolt.Tx) error {
		tx := &Tx{tx: btx}
		if err := tx.bucket(bMeta).Delete(keyAnnouncements); err != nil {
			return err
		}
		for id := uint64(1); id <= 4; id++ {
			var c aulabot.Campaign
			if _, err := tx.get(bCampaigns, u64(id), &c); err != nil {
				return err
			}
			c.Number = 0
			if err := tx.put(bCampaigns, u64(id), c); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(announcementNumberMigration); err != nil {
		t.Fatal(err)
	}
	if got := numbers(); !slices.Equal(got, []uint64{0, 1, 0, 2}) {
		t.Errorf("numbers after the migration %v", got)
	}
	if c := create(aulabot.Campaign{}); c.Number != 3 {
		t.Errorf("the first announcement after the migration is number %d, want 3", c.Number)
	}
}
