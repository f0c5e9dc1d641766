package store

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// attendanceJobMigration turns each "mark who came" still queued for a
// mentor into the job that asks only when someone holds a seat. Until 5
// December the prompt was a message queued at publishing for five minutes
// after the start, sent whether or not anyone booked; a weekly
// availability queued one per slot for weeks ahead. Each becomes the job
// service.JobSlotAttendance under the same key, due when the message was,
// in the mentor's language of the day it runs (the message's language is
// not recorded); the message goes. Prompts already sent stay as they are.
// The key's form and the job's kind are those released, written out here:
// a migration never changes.
func attendanceJobMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	const prefix, suffix = "slot:s", ":attendance"
	type prompt struct {
		key, slot string
		id        uint64
	}
	var todo []prompt
	c := tx.bucket(bOutboxKeys).Cursor()
	for k, v := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, v = c.Next() {
		slot, ok := strings.CutSuffix(strings.TrimPrefix(string(k), prefix), suffix)
		if _, err := strconv.ParseUint(slot, 10, 64); !ok || err != nil || len(v) != 8 {
			continue // another key, or sent already (only its key and time remain)
		}
		todo = append(todo, prompt{key: string(k), slot: slot, id: fromU64(v)})
	}
	for _, p := range todo {
		m, ok, err := tx.outboxMessage(p.id)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if _, err := tx.CancelOutbox(p.key); err != nil {
			return err
		}
		if err := tx.Schedule(aulabot.Job{Key: p.key, Kind: "slot.attendance", Due: m.NotBefore, Data: map[string]string{"slot": p.slot}}); err != nil {
			return err
		}
	}
	return nil
}
