package store

import (
	"bytes"
	"hash/fnv"

	bolt "go.etcd.io/bbolt"
)

// Snapshot is the whole database as bucket path + NUL + key -> value, in
// one read transaction, for tests that search it (what is left of a
// person); bucket sequences, which only number things, are not part of
// it.
type Snapshot map[string]string

// Snapshot reads every key of every bucket, nested ones included.
func (s *Store) Snapshot() (Snapshot, error) {
	out := Snapshot{}
	err := s.walk(func(bucket string, k, v []byte) { out[bucket+"\x00"+string(k)] = string(v) })
	return out, err
}

// Fingerprint is a hash of each bucket's keys and values, without the
// markers every applied update writes (its id and the polling offset) and
// without the sent log (when replies went out, for the rate limits): two
// fingerprints differ exactly in the buckets an update changed.
type Fingerprint map[string]uint64

// Fingerprint hashes the database as it is now.
func (s *Store) Fingerprint() (Fingerprint, error) {
	out := Fingerprint{}
	h := fnv.New64a()
	last := ""
	flush := func() {
		if last != "" {
			out[last] = h.Sum64()
		}
		h.Reset()
	}
	// The markers' buckets are left unread: they grow with every update
	// (3,146 keys of 5,200 after the authorisation table's run), and the
	// tests that fingerprint the store after each refused update read
	// them each time.
	skip := func(bucket string) bool { return bucket == bUpdates || bucket == bSentLog }
	err := s.walkSkipping(skip, func(bucket string, k, v []byte) {
		if bucket == bMeta && bytes.Equal(k, keyOffset) {
			return
		}
		if bucket != last {
			flush()
			last = bucket
		}
		h.Write(k)
		h.Write([]byte{0})
		h.Write(v)
		h.Write([]byte{0})
	})
	flush()
	return out, err
}

// Changed names the buckets whose contents differ between f and g.
func (f Fingerprint) Changed(g Fingerprint) []string {
	var out []string
	for b, v := range f {
		if g[b] != v {
			out = append(out, b)
		}
	}
	for b := range g {
		if _, ok := f[b]; !ok {
			out = append(out, b)
		}
	}
	return out
}

// walk calls fn for every key of every bucket, nested ones by path, in
// one read transaction and in key order.
func (s *Store) walk(fn func(bucket string, k, v []byte)) error {
	return s.walkSkipping(func(string) bool { return false }, fn)
}

// walkSkipping is walk without the top-level buckets skip names.
func (s *Store) walkSkipping(skip func(bucket string) bool, fn func(bucket string, k, v []byte)) error {
	return s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if skip(string(name)) {
				return nil
			}
			return walkBucket(string(name), b, fn)
		})
	})
}

func walkBucket(path string, b *bolt.Bucket, fn func(bucket string, k, v []byte)) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			if sub := b.Bucket(k); sub != nil {
				return walkBucket(path+"/"+string(k), sub, fn)
			}
		}
		fn(path, k, v)
		return nil
	})
}
