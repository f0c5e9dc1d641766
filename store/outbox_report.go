package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
)

// OutboxReport is what the outbox holds: what waits, what is stuck, what
// is dead and which people cannot be reached ("aulabot outbox").
type OutboxReport struct {
	Waiting OutboxWaiting
	// Stuck are the messages that failed and wait for another attempt.
	Stuck []StuckMessage
	// Dead are the latest dead letters, newest first, of DeadTotal.
	Dead      []DeadLetter
	DeadTotal int
	// Unreachable are the latest marked chats, newest first, of
	// UnreachableTotal.
	Unreachable      []UnreachableChat
	UnreachableTotal int
}

// OutboxWaiting counts the unsent messages.
type OutboxWaiting struct {
	Private, Group int
	// Due is how many may be sent now; Oldest is since when the oldest of
	// them waits (zero: none).
	Due    int
	Oldest time.Time
	// Next is when the next scheduled message falls due (zero: none).
	Next time.Time
}

// StuckMessage is a message waiting for another attempt after a failure.
type StuckMessage struct {
	Message aulabot.Message
	Since   time.Time // the first failure
	Error   string    // the last one
}

// OutboxReport reads the outbox for operators: the counts read its
// indexes, the lists at most limit entries each. A file written by an
// older aulabot and not migrated yet (opened read-only) is refused.
func (s *Store) OutboxReport(now time.Time, limit int) (r OutboxReport, err error) {
	err = s.View(func(tx *Tx) error {
		if v := tx.schema(); v < SchemaVersion() {
			return fmt.Errorf("database %s has schema %d, this aulabot reads %d: start the bot once to upgrade it", s.path, v, SchemaVersion())
		}
		d := tx.bucket(bOutboxDue).Cursor()
		for k, v := d.First(); k != nil; k, v = d.Next() {
			if aulabot.Group(dueEntry(k, v).Chat) {
				r.Waiting.Group++
			} else {
				r.Waiting.Private++
			}
			if t := fromI64(k[:8]); t > now.UnixNano() {
				if r.Waiting.Next.IsZero() {
					r.Waiting.Next = time.Unix(0, t)
				}
				continue
			}
			r.Waiting.Due++
		}
		var err error
		if r.Waiting.Oldest, err = tx.oldestDue(now); err != nil {
			return err
		}
		if err := tx.bucket(bOutboxRetry).ForEach(func(k, v []byte) error {
			var rec retryRecord
			if err := decode(bOutboxRetry, k, v, &rec); err != nil {
				return err
			}
			m, ok, err := tx.outboxMessage(fromU64(k))
			if ok && len(r.Stuck) < limit {
				r.Stuck = append(r.Stuck, StuckMessage{Message: m, Since: rec.Since, Error: rec.Error})
			}
			return err
		}); err != nil {
			return err
		}
		dead := tx.bucket(bOutboxDead)
		r.DeadTotal = dead.Stats().KeyN
		dc := dead.Cursor()
		for k, v := dc.Last(); k != nil && len(r.Dead) < limit; k, v = dc.Prev() {
			var dl DeadLetter
			if err := decode(bOutboxDead, k, v, &dl); err != nil {
				return err
			}
			r.Dead = append(r.Dead, dl)
		}
		r.UnreachableTotal = tx.bucket(bUnreachable).Stats().KeyN
		uc := tx.bucket(bUnreachableAt).Cursor()
		for k, _ := uc.Last(); k != nil && len(r.Unreachable) < limit; k, _ = uc.Prev() {
			var u UnreachableChat
			if _, err := tx.get(bUnreachable, k[8:16], &u); err != nil {
				return err
			}
			r.Unreachable = append(r.Unreachable, u)
		}
		return nil
	})
	return r, err
}

// OutboxHealth returns how many messages wait for a retry and since when
// the oldest message due waits (zero: none), for the metrics. It reads two
// index entries, one message and the retry records.
func (s *Store) OutboxHealth(now time.Time) (stuck int, oldest time.Time, err error) {
	err = s.View(func(tx *Tx) error {
		stuck = tx.bucket(bOutboxRetry).Stats().KeyN
		oldest, err = tx.oldestDue(now)
		return err
	})
	return stuck, oldest, err
}

// oldestDue is since when the oldest message due at now waits: the first
// message due at once (ids grow with time), the first scheduled one due,
// and the first failure of those waiting for a retry.
func (tx *Tx) oldestDue(now time.Time) (time.Time, error) {
	var oldest time.Time
	older := func(t time.Time) {
		if !t.IsZero() && (oldest.IsZero() || t.Before(oldest)) {
			oldest = t
		}
	}
	c := tx.bucket(bOutboxDue).Cursor()
	if k, _ := c.Seek(i64(0)); k != nil && fromI64(k[:8]) == 0 {
		m, _, err := tx.outboxMessage(fromU64(k[8:]))
		if err != nil {
			return oldest, err
		}
		older(m.Created)
	}
	if k, _ := c.Seek(i64(1)); k != nil && fromI64(k[:8]) <= now.UnixNano() {
		older(time.Unix(0, fromI64(k[:8])))
	}
	err := tx.bucket(bOutboxRetry).ForEach(func(k, v []byte) error {
		var r retryRecord
		if err := decode(bOutboxRetry, k, v, &r); err != nil {
			return err
		}
		older(r.Since)
		return nil
	})
	return oldest, err
}

// schema is the file's schema version.
func (tx *Tx) schema() int {
	meta := tx.tx.Bucket([]byte(bMeta))
	if meta == nil {
		return 0
	}
	if b := meta.Get(keySchema); len(b) == 8 {
		return int(binary.BigEndian.Uint64(b))
	}
	return 0
}
