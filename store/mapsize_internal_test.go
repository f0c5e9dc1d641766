package store

import (
	"bytes"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// heldWriter blocks its first Write until release is closed: a backup
// written into it keeps its read transaction open as long as the test
// wants.
type heldWriter struct {
	once    sync.Once
	started chan struct{} // closed at the first Write
	release chan struct{}
}

func (w *heldWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.started) })
	<-w.release
	return len(p), nil
}

// A backup in progress holds a read transaction. Commits that grow the
// file past what bbolt has mapped must map it again, which waits for
// every read transaction: without mapSize each of them, and every
// person's commit queued behind it, waited for the backup to end.
func TestCommits_GoOnWhileABackupHoldsItsTransaction(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := &heldWriter{started: make(chan struct{}), release: make(chan struct{})}
	backedUp := make(chan error, 1)
	go func() {
		_, err := s.Backup(w)
		backedUp <- err
	}()
	<-w.started

	// 8 MB in 100 commits: a fresh file maps 32 KiB and doubles it when
	// it outgrows it, so these would map it again about eight times.
	grown := make(chan error, 1)
	go func() {
		grown <- grow(s, "grow", 100, 40, bytes.Repeat([]byte("x"), 2000))
	}()
	select {
	case err := <-grown:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		close(w.release)
		t.Fatal("the commits waited for the backup's read transaction to end")
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		if size := tx.Size(); size < 8<<20 {
			t.Errorf("the file holds %d bytes after the commits, want at least 8 MiB", size)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	close(w.release)
	if err := <-backedUp; err != nil {
		t.Fatalf("the backup: %v", err)
	}
}

// grow commits records of val into bucket (created if needed): commits
// commits of per records each, keyed 0, 1, 2 …
func grow(s *Store, bucket string, commits, per int, val []byte) error {
	for i := range commits {
		err := s.commits.do(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte(bucket))
			if err != nil {
				return err
			}
			for j := range per {
				if err := b.Put(u64(uint64(i*per+j)), val); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
