package store

import (
	"time"
)

const bUpdates = "updates"

func init() { registerBuckets(bUpdates) }

var keyOffset = []byte("offset")

// applied reports whether update id was applied.
func (tx *Tx) applied(id int64) bool {
	return tx.bucket(bUpdates).Get(i64(id)) != nil
}

// markApplied records update id and raises the stored polling offset to
// offset if that is higher.
func (tx *Tx) markApplied(id, offset int64) error {
	if err := tx.bucket(bUpdates).Put(i64(id), i64(tx.now.Unix())); err != nil {
		return err
	}
	if offset > 0 {
		return tx.raiseOffset(offset)
	}
	return nil
}

func (tx *Tx) raiseOffset(offset int64) error {
	meta := tx.bucket(bMeta)
	if old := meta.Get(keyOffset); len(old) == 8 && fromI64(old) >= offset {
		return nil
	}
	return meta.Put(keyOffset, i64(offset))
}

// Offset returns the stored Telegram polling offset: every update below it
// was applied.
func (s *Store) Offset() (int64, error) {
	var off int64
	err := s.View(func(tx *Tx) error {
		if b := tx.bucket(bMeta).Get(keyOffset); len(b) == 8 {
			off = fromI64(b)
		}
		return nil
	})
	return off, err
}

// RaiseOffset stores offset if it is higher than the stored one.
func (s *Store) RaiseOffset(offset int64) error {
	return s.Update(func(tx *Tx) error { return tx.raiseOffset(offset) })
}

// Applied reports whether update id was applied.
func (s *Store) Applied(id int64) (ok bool, err error) {
	err = s.View(func(tx *Tx) error { ok = tx.applied(id); return nil })
	return ok, err
}

// PruneUpdates forgets the markers of updates applied before cutoff
// (Telegram keeps undelivered updates for 24 hours) and returns how many.
func (s *Store) PruneUpdates(cutoff time.Time) (int, error) {
	n := 0
	err := s.Update(func(tx *Tx) error {
		b := tx.bucket(bUpdates)
		var old [][]byte
		_ = b.ForEach(func(k, v []byte) error {
			if len(v) == 8 && fromI64(v) < cutoff.Unix() {
				old = append(old, append([]byte(nil), k...))
			}
			return nil
		})
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(old)
		return nil
	})
	return n, err
}
