package store

import (
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Snapshot is the whole database as bucket path + NUL + key -> value, in
// one read transaction. Tests compare two snapshots (what an update
// changed) and search one (what is left of a person); bucket sequences,
// which only number things, are not part of it.
type Snapshot map[string]string

// Snapshot reads every key of every bucket, nested ones included.
func (s *Store) Snapshot() (Snapshot, error) {
	out := Snapshot{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return snapshotBucket(out, string(name), b)
		})
	})
	return out, err
}

func snapshotBucket(out Snapshot, path string, b *bolt.Bucket) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			if sub := b.Bucket(k); sub != nil {
				return snapshotBucket(out, path+"/"+string(k), sub)
			}
		}
		out[path+"\x00"+string(k)] = string(v)
		return nil
	})
}

// Without returns a copy of s without the keys of bucket (and, if keys
// are given, only those keys of it).
func (s Snapshot) Without(bucket string, keys ...string) Snapshot {
	out := make(Snapshot, len(s))
	for k, v := range s {
		out[k] = v
	}
	for k := range out {
		b, key, _ := strings.Cut(k, "\x00")
		if b != bucket {
			continue
		}
		if len(keys) == 0 {
			delete(out, k)
		}
		for _, want := range keys {
			if key == want {
				delete(out, k)
			}
		}
	}
	return out
}

// WithoutUpdates is s without the update markers and the polling offset
// that every update writes.
func (s Snapshot) WithoutUpdates() Snapshot {
	return s.Without(bUpdates).Without(bMeta, string(keyOffset))
}
