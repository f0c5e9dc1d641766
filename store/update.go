package store

import (
	"time"
)

const bUpdates = "updates"

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

// markerBatch bounds the markers one transaction of PruneUpdates deletes,
// so that no other commit waits long behind it.
const markerBatch = 10000

// PruneUpdates forgets the markers of updates applied before cutoff
// (Telegram keeps undelivered updates for 24 hours) and returns how many.
// Markers are keyed by update id, which grows with time, so it walks from
// the oldest and stops at the first applied after cutoff: it reads only
// what it deletes (and one more), at most markerBatch per transaction.
// Timer jobs share the bucket under negative ids (-job id): those are
// walked from -1 down, the oldest job first.
func (s *Store) PruneUpdates(cutoff time.Time) (int, error) {
	total := 0
	for _, jobs := range []bool{false, true} {
		for more := true; more; {
			var n int
			err := s.Update(func(tx *Tx) error {
				var err error
				n, more, err = tx.pruneMarkers(cutoff.Unix(), jobs)
				return err
			})
			total += n
			if err != nil {
				return total, err
			}
		}
	}
	return total, nil
}

// pruneMarkers deletes up to markerBatch markers older than cutoff from the
// oldest end of the updates (jobs false) or timer jobs (true); more says
// whether it stopped at the bound.
func (tx *Tx) pruneMarkers(cutoff int64, jobs bool) (n int, more bool, err error) {
	c := tx.bucket(bUpdates).Cursor()
	oldest := func() ([]byte, []byte) {
		k, v := c.Seek(i64(0)) // the first update id
		if !jobs {
			return k, v
		}
		if k == nil {
			return c.Last()
		}
		return c.Prev() // the job nearest to 0: the oldest
	}
	for k, v := oldest(); k != nil && (fromI64(k) < 0) == jobs; k, v = oldest() {
		if len(v) == 8 && fromI64(v) >= cutoff {
			return n, false, nil
		}
		if n == markerBatch {
			return n, true, nil
		}
		if err := c.Delete(); err != nil {
			return n, false, err
		}
		n++
	}
	return n, false, nil
}
