package store

import (
	"time"
)

// How long the outbox keeps what it no longer needs to send.
const (
	// KeyKeep: the key of a sent message stops a repeat for this long.
	KeyKeep = 30 * 24 * time.Hour
	// RefKeep: a ref can be edited or replied to for this long.
	RefKeep = 180 * 24 * time.Hour
	// DeadKeep: dead letters and unreachable marks are shown this long.
	DeadKeep = 30 * 24 * time.Hour
)

// pruneBatch bounds the entries one pruning transaction deletes, so that
// other writers wait little.
const pruneBatch = 1000

// Pruned counts what PruneOutbox forgot.
type Pruned struct {
	Keys, Refs, Dead, Unreachable, Sends int
}

// PruneOutbox forgets what the outbox kept past its time at now: keys of
// messages settled KeyKeep ago, refs and reverse entries older than
// RefKeep, dead letters and unreachable marks older than DeadKeep, sends
// older than SentLogKeep. Each step reads only what it deletes, through the
// time indexes, in transactions of at most pruneBatch entries.
func (s *Store) PruneOutbox(now time.Time) (p Pruned, err error) {
	steps := []struct {
		n    *int
		step func(tx *Tx) (int, error)
	}{
		{&p.Keys, func(tx *Tx) (int, error) { return tx.pruneKeys(now.Add(-KeyKeep), pruneBatch) }},
		{&p.Refs, func(tx *Tx) (int, error) { return tx.pruneRefs(now.Add(-RefKeep), pruneBatch) }},
		{&p.Dead, func(tx *Tx) (int, error) { return tx.pruneDead(now.Add(-DeadKeep), pruneBatch) }},
		{&p.Unreachable, func(tx *Tx) (int, error) { return tx.pruneUnreachable(now.Add(-DeadKeep), pruneBatch) }},
		{&p.Sends, func(tx *Tx) (int, error) { return tx.pruneSends(now.Add(-SentLogKeep), pruneBatch) }},
	}
	for _, st := range steps {
		for {
			var n int
			if err := s.Update(func(tx *Tx) (err error) { n, err = st.step(tx); return err }); err != nil {
				return p, err
			}
			*st.n += n
			if n < pruneBatch {
				break
			}
		}
	}
	return p, nil
}

// pruneOldest deletes the entries of bucket, whose keys start with a
// time, older than before: oldest first, at most max, calling also (if
// set) with each before it goes. It reads nothing it keeps but the first
// entry it stops at.
func (tx *Tx) pruneOldest(bucket string, before time.Time, max int, also func(k, v []byte) error) (int, error) {
	b := tx.bucket(bucket)
	n := 0
	for k, v := b.Cursor().First(); k != nil && n < max && len(k) >= 8 && fromI64(k[:8]) < before.UnixNano(); k, v = b.Cursor().First() {
		k, v = append([]byte(nil), k...), append([]byte(nil), v...)
		if also != nil {
			if err := also(k, v); err != nil {
				return n, err
			}
		}
		if err := b.Delete(k); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// pruneKeys forgets at most max keys settled before cutoff.
func (tx *Tx) pruneKeys(before time.Time, max int) (int, error) {
	keys := tx.bucket(bOutboxKeys)
	return tx.pruneOldest(bOutboxKeyAt, before, max, func(k, chat []byte) error {
		// A key cancelled and used again since has a newer time: keep it.
		if v := keys.Get(k[8:]); len(v) == 16 && string(v[8:]) == string(k[:8]) {
			if len(chat) == 8 {
				if err := tx.bucket(bOutboxKeyChat).Delete(append(chat[:8:8], k[8:]...)); err != nil {
					return err
				}
			}
			return keys.Delete(k[8:])
		}
		return nil
	})
}

// pruneDead forgets at most max dead letters buried before cutoff.
func (tx *Tx) pruneDead(before time.Time, max int) (int, error) {
	return tx.pruneOldest(bOutboxDead, before, max, func(k, v []byte) error {
		var dl DeadLetter
		if err := decode(bOutboxDead, k, v, &dl); err != nil {
			return err
		}
		return tx.bucket(bOutboxDeadChat).Delete(append(i64(dl.Message.ChatID), k...))
	})
}

// pruneUnreachable forgets at most max marks made before cutoff.
func (tx *Tx) pruneUnreachable(before time.Time, max int) (int, error) {
	return tx.pruneOldest(bUnreachableAt, before, max, func(k, _ []byte) error {
		return tx.bucket(bUnreachable).Delete(k[8:16])
	})
}
