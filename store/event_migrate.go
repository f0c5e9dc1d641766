package store

import (
	"strconv"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// eventJobsMigration gives each training whose figures were still to
// come the question at its end (the job "evfb:ID" of kind
// "event_feedback", due at its end) and moves its figures ("evsum:ID")
// to a day after its end, as trainings created since 5 December have
// them. Until then a training had no question at its end and its figures
// came an hour after its start; a training whose figures went already,
// or that was cancelled, is left as it is. The keys and kinds are those
// released, written out here: a migration never changes.
func eventJobsMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	es, err := tx.Events()
	if err != nil {
		return err
	}
	for _, e := range es {
		if !e.Cancelled.IsZero() {
			continue
		}
		id := strconv.FormatUint(e.ID, 10)
		sum, ok, err := tx.ScheduledJob("evsum:" + id)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := tx.Schedule(aulabot.Job{Key: "evfb:" + id, Kind: "event_feedback", Due: e.End(), Data: map[string]string{"event": id}}); err != nil {
			return err
		}
		sum.Due = e.End().Add(24 * time.Hour)
		if err := tx.Schedule(sum); err != nil {
			return err
		}
	}
	return nil
}
