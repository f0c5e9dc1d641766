package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// A deleted record's bytes stay in the page bbolt freed until the page is
// used again, and a backup copies free pages as they are. After a
// transaction that erased a person's data, scrubFree overwrites the free
// pages. bbolt alone knows which free pages no open read transaction can
// still see, so the overwriting is done through it: filler records, four
// to a page, as many pages as the free list had, written in short
// transactions (other commits go on between them), then deleted.
//
// What the deleting transaction queues for the person (the confirmation
// that their data is gone) must still carry their chat id; once such a
// message leaves the outbox, sent or dropped, the free pages are
// overwritten again.
const (
	bScrub      = "scrub"       // filler records, only while scrubbing
	bScrubAfter = "scrub_after" // outbox id -> nil: scrub once it leaves the outbox
)

// scrubChunk is how many filler records one transaction writes (about
// 512 pages).
const scrubChunk = 2048

// scrubRounds bounds how often the free list is filled again when pages
// were released meanwhile (a read transaction that was open during the
// deletion ended).
const scrubRounds = 3

// scrubAfter makes the transaction that erases user's data scrub the
// file once it is committed (DeleteUserData).
func (tx *Tx) scrubAfter(user int64) {
	tx.scrub, tx.erased = true, append(tx.erased, user)
}

// oweScrub runs at the end of a transaction that erased someone's data:
// each message it left queued for them is marked, so that the file is
// scrubbed again once the message has left the outbox. It reads only
// those chats' queued messages.
func (tx *Tx) oweScrub() error {
	for _, chat := range tx.erased {
		prefix := i64(chat)
		c := tx.bucket(bOutboxChat).Cursor()
		var ids [][]byte
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			ids = append(ids, append([]byte(nil), k[8:]...))
		}
		for _, id := range ids {
			if err := tx.bucket(bScrubAfter).Put(id, []byte{}); err != nil {
				return err
			}
		}
	}
	tx.erased = nil
	return nil
}

// scrubOwed reports whether outbox message id was queued for someone who
// deleted their data (and forgets it): its removal must be scrubbed.
func (tx *Tx) scrubOwed(id uint64) (bool, error) {
	b := tx.bucket(bScrubAfter)
	if b.Get(u64(id)) == nil {
		return false, nil
	}
	return true, b.Delete(u64(id))
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
