package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The embeddings of articles, cached by the SHA-256 of the article text
// so that unchanged articles are not embedded again (knowledge.VectorCache).
const bVectors = "vectors"

// GetVector returns the cached embedding of content hash h.
func (s *Store) GetVector(h string) (v []float32, ok bool) {
	_ = s.View(func(tx *Tx) error {
		ok, _ = tx.get(bVectors, []byte(h), &v)
		return nil
	})
	return v, ok
}

// PutVector caches the embedding of content hash h.
func (s *Store) PutVector(h string, v []float32) error {
	return s.db.Batch(func(btx *bolt.Tx) error {
		return (&Tx{tx: btx, s: s, now: s.Now()}).put(bVectors, []byte(h), v)
	})
}

// vectorBatch is how many cached vectors one transaction of PruneVectors
// looks at, so that pruning never holds the writer for long.
const vectorBatch = 500

// PruneVectors removes every cached embedding whose content hash keep
// rejects (articles changed or deleted since), vectorBatch keys per write
// transaction, and returns how many it removed.
func (s *Store) PruneVectors(keep func(hash string) bool) (int, error) {
	removed := 0
	var after []byte
	for {
		done := false
		err := s.Update(func(tx *Tx) error {
			b := tx.bucket(bVectors)
			c := b.Cursor()
			k, _ := c.First()
			if after != nil {
				k, _ = c.Seek(after)
				if k != nil && bytes.Equal(k, after) {
					k, _ = c.Next()
				}
			}
			var drop [][]byte
			for n := 0; k != nil && n < vectorBatch; k, _ = c.Next() {
				n++
				after = append(after[:0], k...)
				if !keep(string(k)) {
					drop = append(drop, append([]byte(nil), k...))
				}
			}
			for _, k := range drop {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
			removed += len(drop)
			done = k == nil
			return nil
		})
		if err != nil {
			return removed, fmt.Errorf("prune vectors: %w", err)
		}
		if done {
			return removed, nil
		}
	}
}
