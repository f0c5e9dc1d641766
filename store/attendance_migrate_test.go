package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// TestAttendanceJobMigration: the "mark who came" prompts the previous
// version queued as messages become jobs under the same key, due when the
// message was; a prompt already sent, and other messages, stay.
func TestAttendanceJobMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	due := time.Date(2026, 12, 9, 15, 5, 0, 0, time.UTC)
	var sent uint64
	err = s.Update(func(tx *Tx) error {
		for _, m := range []aulabot.Message{
			{Key: "slot:s7:attendance", ChatID: 4001, Text: "¿Quién vino?", NotBefore: due},
			{Key: "slot:s12:attendance", ChatID: 4001, Text: "Who came?", NotBefore: due.Add(time.Hour)},
			{Key: "slot:s3:attendance", ChatID: 4002, Text: "Who came?"},
			{Key: "slot:s7:note", ChatID: 4001, Text: "another key"},
			{Key: "remind:b5:1h", ChatID: 9001, Text: "a reminder", NotBefore: due},
		} {
			id, err := tx.Enqueue(m)
			if err != nil {
				return err
			}
			if m.Key == "slot:s3:attendance" {
				sent = id
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Sent(sent, 4002, 77); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(attendanceJobMigration); err != nil {
		t.Fatal(err)
	}
	// As in Open, the outbox's chats are built from the file after the
	// migrations.
	s.chats.mu.Lock()
	s.db.View(func(btx *bolt.Tx) error { s.chats.load(btx); return nil })
	s.chats.mu.Unlock()
	pending, err := s.Pending()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range pending {
		keys = append(keys, m.Key)
	}
	if len(keys) != 2 || keys[0] != "slot:s7:note" || keys[1] != "remind:b5:1h" {
		t.Errorf("left in the outbox: %q", keys)
	}
	s.View(func(tx *Tx) error {
		for key, want := range map[string]aulabot.Job{
			"slot:s7:attendance":  {Kind: "slot.attendance", Due: due, Data: map[string]string{"slot": "7"}},
			"slot:s12:attendance": {Kind: "slot.attendance", Due: due.Add(time.Hour), Data: map[string]string{"slot": "12"}},
		} {
			j, ok, err := tx.ScheduledJob(key)
			if err != nil || !ok || j.Kind != want.Kind || !j.Due.Equal(want.Due) || len(j.Data) != 1 || j.Data["slot"] != want.Data["slot"] {
				t.Errorf("job %s: %+v %v %v", key, j, ok, err)
			}
		}
		if _, ok, _ := tx.ScheduledJob("slot:s3:attendance"); ok {
			t.Error("a job for the prompt already sent")
		}
		return nil
	})
	// The sent prompt's key still keeps it from being sent again.
	s.Update(func(tx *Tx) error {
		if id, err := tx.Enqueue(aulabot.Message{Key: "slot:s3:attendance", ChatID: 4002, Text: "again"}); err != nil || id != 0 {
			t.Errorf("the sent prompt queued again: %d %v", id, err)
		}
		return nil
	})
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}
