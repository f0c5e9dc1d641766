package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Tx is one transaction. The rules of the domain are methods on Tx, so that
// a handler can apply an update's effects, its replies and the update marker
// in one commit; each Store method of the same name runs its own.
type Tx struct {
	tx       *bolt.Tx
	s        *Store
	now      time.Time
	enqueued bool
	scrub    bool    // a person's data was erased: overwrite free pages after the commit
	erased   []int64 // whose data was erased, for oweScrub
}

// Now is the transaction's clock reading.
func (tx *Tx) Now() time.Time { return tx.now }

// Backdated runs fn with the transaction's clock at at, then puts the
// clock back. The demo seeds a session that ended yesterday as it was
// published and booked before it (a slot in the past is refused, as it
// should be), and the report's tests live a term's tickets in few
// transactions with it; nothing else uses it.
func (tx *Tx) Backdated(at time.Time, fn func() error) error {
	now := tx.now
	tx.now = at
	defer func() { tx.now = now }()
	return fn()
}

func (tx *Tx) bucket(name string) *bolt.Bucket {
	b := tx.tx.Bucket([]byte(name))
	if b == nil {
		panic("store: bucket " + name + " is not in buckets (store/buckets.go)")
	}
	if tx.tx.Writable() && appendOnly[name] {
		b.FillPercent = appendFill
	}
	return b
}

// get decodes the JSON record at key into v; false if there is none.
func (tx *Tx) get(bucket string, key []byte, v any) (bool, error) {
	b := tx.bucket(bucket).Get(key)
	if b == nil {
		return false, nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, fmt.Errorf("decode %s/%x: %w", bucket, key, err)
	}
	return true, nil
}

// put stores v as JSON at key.
func (tx *Tx) put(bucket string, key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s/%x: %w", bucket, key, err)
	}
	return tx.bucket(bucket).Put(key, b)
}

// nextID returns the bucket's next sequence number.
func (tx *Tx) nextID(bucket string) (uint64, error) {
	return tx.bucket(bucket).NextSequence()
}

// u64 is a big-endian key, so keys sort by number.
func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// i64 is a big-endian key for a signed id (chat ids are negative for
// groups); the sign bit is flipped so that keys sort by number.
func i64(v int64) []byte { return u64(uint64(v) ^ (1 << 63)) }

func fromI64(b []byte) int64 { return int64(binary.BigEndian.Uint64(b) ^ (1 << 63)) }

// pair joins two signed ids into one key.
func pair(a, b int64) []byte { return append(i64(a), i64(b)...) }
