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

// pruneKeys forgets at most max keys settled before cutoff.
func (tx *Tx) pruneKeys(before time.Time, max int) (int, error) {
	idx, keys := tx.bucket(bOutboxKeyAt), tx.bucket(bOutboxKeys)
	n := 0
	for k, _ := idx.Cursor().First(); k != nil && n < max && fromI64(k[:8]) < before.UnixNano(); k, _ = idx.Cursor().First() {
		k = append([]byte(nil), k...)
		key := k[8:]
		// A key cancelled and used again since has a newer time: keep it.
		if v := keys.Get(key); len(v) == 16 && string(v[8:]) == string(k[:8]) {
			if err := keys.Delete(key); err != nil {
				return n, err
			}
		}
		if err := idx.Delete(k); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// pruneDead forgets at most max dead letters buried before cutoff.
func (tx *Tx) pruneDead(before time.Time, max int) (int, error) {
	dead := tx.bucket(bOutboxDead)
	n := 0
	for k, v := dead.Cursor().First(); k != nil && n < max && fromI64(k[:8]) < before.UnixNano(); k, v = dead.Cursor().First() {
		k = append([]byte(nil), k...)
		var dl DeadLetter
		if err := decode(bOutboxDead, k, v, &dl); err != nil {
			return n, err
		}
		if err := tx.bucket(bOutboxDeadChat).Delete(append(i64(dl.Message.ChatID), k...)); err != nil {
			return n, err
		}
		if err := dead.Delete(k); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// pruneUnreachable forgets at most max marks made before cutoff.
func (tx *Tx) pruneUnreachable(before time.Time, max int) (int, error) {
	idx := tx.bucket(bUnreachableAt)
	n := 0
	for k, _ := idx.Cursor().First(); k != nil && n < max && fromI64(k[:8]) < before.UnixNano(); k, _ = idx.Cursor().First() {
		k = append([]byte(nil), k...)
		if err := tx.bucket(bUnreachable).Delete(k[8:16]); err != nil {
			return n, err
		}
		if err := idx.Delete(k); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
