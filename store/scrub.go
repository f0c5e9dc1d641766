package store

import (
	bolt "go.etcd.io/bbolt"
)

// A deleted record's bytes stay in the page bbolt freed until the page is
// used again, and a backup copies free pages as they are. After a
// transaction that erased a person's data, scrubFree overwrites the free
// pages. bbolt alone knows which free pages no open read transaction can
// still see, so the overwriting is done through it: filler records, four
// to a page, as many pages as the free list had, written in short
// transactions (other commits go on between them), then deleted.
const bScrub = "scrub" // filler records, only while scrubbing

// scrubChunk is how many filler records one transaction writes (about
// 512 pages).
const scrubChunk = 2048

// scrubRounds bounds how often the free list is filled again when pages
// were released meanwhile (a read transaction that was open during the
// deletion ended).
const scrubRounds = 3

func init() {
	// Every deletion of a person's data scrubs once it is committed.
	registerEraser(func(tx *Tx, _ int64) error { tx.scrub = true; return nil })
}

// scrubFree overwrites the file's free pages with zeros. A page still
// held by a read transaction that was open when the data was deleted is
// reached by the next scrub.
func (s *Store) scrubFree() error {
	size := s.db.Info().PageSize/4 - 32 // four records and their headers fill a page
	filler := make([]byte, size)
	var n uint64
	for range scrubRounds {
		st := s.db.Stats()
		pages := st.FreePageN + st.PendingPageN
		if pages == 0 {
			break
		}
		for left := 4 * pages; left > 0; left -= scrubChunk {
			err := s.db.Update(func(btx *bolt.Tx) error {
				b, err := btx.CreateBucketIfNotExists([]byte(bScrub))
				if err != nil {
					return err
				}
				b.FillPercent = 1 // full pages: each page holds filler only
				for range min(left, scrubChunk) {
					n++
					if err := b.Put(u64(n), filler); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		st = s.db.Stats()
		if st.FreePageN == 0 {
			break
		}
	}
	return s.db.Update(func(btx *bolt.Tx) error {
		if btx.Bucket([]byte(bScrub)) == nil {
			return nil
		}
		return btx.DeleteBucket([]byte(bScrub))
	})
}
