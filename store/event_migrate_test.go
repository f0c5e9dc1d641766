package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// TestEventJobsMigration: a training whose figures were still to come
// gets the question at its end and its figures a day after it; one whose
// figures went, and a cancelled one, get nothing.
func TestEventJobsMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 12, 9, 22, 0, 0, 0, time.UTC)
	err = s.Update(func(tx *Tx) error {
		for _, e := range []aulabot.Event{
			{Title: "to come, 90 min", At: at, Minutes: 90},
			{Title: "figures sent", At: at.Add(-48 * time.Hour)},
			{Title: "cancelled", At: at, Cancelled: at.Add(-time.Hour)},
		} {
			e, err := tx.CreateEvent(e)
			if err != nil {
				return err
			}
			if e.Title == "figures sent" {
				continue
			}
			id := map[string]string{"to come, 90 min": "1", "cancelled": "3"}[e.Title]
			if err := tx.Schedule(aulabot.Job{Key: "evsum:" + id, Kind: "event_summary", Due: at.Add(time.Hour), Data: map[string]string{"event": id}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(eventJobsMigration); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		end := at.Add(90 * time.Minute)
		for key, want := range map[string]aulabot.Job{
			"evfb:1":  {Kind: "event_feedback", Due: end},
			"evsum:1": {Kind: "event_summary", Due: end.Add(24 * time.Hour)},
			"evsum:3": {Kind: "event_summary", Due: at.Add(time.Hour)}, // cancelled: as it was
		} {
			j, ok, err := tx.ScheduledJob(key)
			if err != nil || !ok || j.Kind != want.Kind || !j.Due.Equal(want.Due) || j.Data["event"] != key[len(key)-1:] {
				t.Errorf("job %s: %+v %v %v, want %s due %v", key, j, ok, err, want.Kind, want.Due)
			}
		}
		for _, key := range []string{"evfb:2", "evsum:2", "evfb:3"} {
			if _, ok, _ := tx.ScheduledJob(key); ok {
				t.Errorf("job %s scheduled", key)
			}
		}
		return nil
	})
}
