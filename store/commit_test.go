package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// queued is how many calls wait for the next group.
func (c *committer) queued() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.queue)
}

// committed is how many group transactions have committed.
func (c *committer) committed() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.groups
}

// waitQueued waits until n calls wait for the next group.
func waitQueued(c *committer, n int) {
	for c.queued() < n {
		runtime.Gosched()
	}
}

// The calls that arrive while a transaction is in flight share the next
// one, and each returns once it has committed.
func TestCommitter_GroupsWhileBusy(t *testing.T) {
	s := openInternal(t)
	inside, release := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- s.commits.do(func(tx *bolt.Tx) error {
			close(inside)
			<-release // the transaction stays in flight
			return nil
		})
	}()
	<-inside
	const n = 50
	txs := make([]*bolt.Tx, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = s.commits.do(func(tx *bolt.Tx) error {
				txs[i] = tx
				b, err := tx.CreateBucketIfNotExists([]byte("t"))
				if err != nil {
					return err
				}
				return b.Put(fmt.Appendf(nil, "k%02d", i), []byte("v"))
			})
		})
	}
	waitQueued(s.commits, n)
	close(release)
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("call %d: %v", i, errs[i])
		}
		if txs[i] != txs[0] {
			t.Fatalf("call %d ran in another transaction than call 0", i)
		}
	}
	if got := s.commits.committed(); got != 2 {
		t.Errorf("%d transactions committed, want 2 (the first call's, then the 50 waiting together)", got)
	}
	var keys int
	s.db.View(func(tx *bolt.Tx) error { keys = tx.Bucket([]byte("t")).Stats().KeyN; return nil })
	if keys != n {
		t.Errorf("%d keys stored, want %d", keys, n)
	}
}

// A call on an idle store commits at once, in its own transaction.
func TestCommitter_AloneWhenIdle(t *testing.T) {
	s := openInternal(t)
	for i := range 3 {
		if err := s.commits.do(func(tx *bolt.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if got := s.commits.committed(); got != i+1 {
			t.Fatalf("after %d calls one at a time, %d transactions; want %d", i+1, got, i+1)
		}
	}
}

// In a group where some functions fail and one panics, the others
// commit; each failing caller gets its own error and writes nothing; the
// panic reaches its own caller.
func TestCommitter_FailingCallRunsAlone(t *testing.T) {
	s := openInternal(t)
	inside, release := make(chan struct{}), make(chan struct{})
	go s.commits.do(func(tx *bolt.Tx) error {
		close(inside)
		<-release
		return nil
	})
	<-inside
	put := func(tx *bolt.Tx, k string) error {
		b, err := tx.CreateBucketIfNotExists([]byte("t"))
		if err != nil {
			return err
		}
		return b.Put([]byte(k), []byte("v"))
	}
	const n = 30
	errs := make([]error, n)
	runs := make([]int, n)
	var panics []any
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					mu.Lock()
					panics = append(panics, p)
					mu.Unlock()
				}
			}()
			errs[i] = s.commits.do(func(tx *bolt.Tx) error {
				mu.Lock()
				runs[i]++
				mu.Unlock()
				if err := put(tx, fmt.Sprintf("k%02d", i)); err != nil {
					return err
				}
				switch {
				case i == 7:
					panic("boom")
				case i%5 == 0:
					return fmt.Errorf("refused %d", i)
				}
				return nil
			})
		})
	}
	waitQueued(s.commits, n)
	close(release)
	wg.Wait()
	if len(panics) != 1 || panics[0] != "boom" {
		t.Errorf("panics = %v, want call 7's, once", panics)
	}
	stored := map[string]bool{}
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("t")).ForEach(func(k, _ []byte) error { stored[string(k)] = true; return nil })
	})
	for i := range n {
		k := fmt.Sprintf("k%02d", i)
		switch {
		case i == 7:
			if stored[k] {
				t.Errorf("the panicking call's write was committed")
			}
		case i%5 == 0:
			if want := fmt.Sprintf("refused %d", i); errs[i] == nil || errs[i].Error() != want {
				t.Errorf("call %d: err = %v, want %q", i, errs[i], want)
			}
			if stored[k] {
				t.Errorf("failed call %d's write was committed", i)
			}
			if runs[i] < 2 {
				t.Errorf("failed call %d ran %d times, want again alone", i, runs[i])
			}
		default:
			if errs[i] != nil {
				t.Errorf("call %d: %v, want committed despite the others' failures", i, errs[i])
			}
			if !stored[k] {
				t.Errorf("call %d's write is missing", i)
			}
		}
	}
}

// Many goroutines apply updates, some of them twice, some failing, while
// the store groups them: every update that succeeds takes effect exactly
// once, and one that fails takes no effect and is not marked applied.
func TestStore_ApplyGroupsConcurrent(t *testing.T) {
	s := openInternal(t)
	const updates, goroutines = 300, 8
	refused := errors.New("refused")
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for id := int64(1); id <= updates; id++ {
				if id%goroutines != int64(g) && id%3 != 0 {
					continue // updates divisible by 3 are applied by every goroutine
				}
				err := s.Apply(context.Background(), id, id+1, func(tx *Tx) error {
					if err := tx.Count("n", 1); err != nil {
						return err
					}
					if id%7 == 0 {
						return refused
					}
					return nil
				})
				switch {
				case id%7 == 0 && !errors.Is(err, refused):
					t.Errorf("update %d: err = %v, want refused", id, err)
				case id%7 != 0 && err != nil && !errors.Is(err, ErrDuplicate):
					t.Errorf("update %d: %v", id, err)
				}
			}
		})
	}
	wg.Wait()
	want := int64(0)
	for id := int64(1); id <= updates; id++ {
		ok, err := s.Applied(id)
		if err != nil {
			t.Fatal(err)
		}
		if ok != (id%7 != 0) {
			t.Errorf("update %d applied = %v", id, ok)
		}
		if id%7 != 0 {
			want++
		}
	}
	var n int64
	s.View(func(tx *Tx) error { n = tx.Counter("n"); return nil })
	if n != want {
		t.Errorf("n = %d, want %d (each successful update once)", n, want)
	}
}

// After Close, a call is refused rather than lost in a queue.
func TestCommitter_Closed(t *testing.T) {
	s, err := Open(t.TempDir()+"/aulabot.db", Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	err = s.Apply(context.Background(), 1, 0, func(*Tx) error { return nil })
	if !errors.Is(err, bolt.ErrDatabaseNotOpen) {
		t.Errorf("err = %v, want database not open", err)
	}
}

// txID is how many write transactions have committed.
func txID(t *testing.T, s *Store) int {
	t.Helper()
	id, err := s.Commits()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// RaiseOffset writes only when the offset is higher than the stored one:
// the poller calls it after most updates, whose own commits stored their
// offset already, and an empty write transaction still costs a commit
// that every update's waits behind.
func TestStore_RaiseOffsetWritesOnlyWhenHigher(t *testing.T) {
	s := openInternal(t)
	if err := s.Apply(context.Background(), 4, 5, func(*Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	before := txID(t, s)
	for _, off := range []int64{3, 5} {
		if err := s.RaiseOffset(off); err != nil {
			t.Fatal(err)
		}
	}
	if got := txID(t, s); got != before {
		t.Errorf("%d write transactions for offsets not above the stored one, want none", got-before)
	}
	if err := s.RaiseOffset(9); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Offset(); err != nil || got != 9 {
		t.Errorf("offset = %d, %v; want 9", got, err)
	}
}

// waited is how many times the committer has left lazy calls to wait for
// company.
func (c *committer) waited() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waits
}

// setLazyWait sets how long lazy calls wait for company.
func setLazyWait(c *committer, d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lazyWait = d
}

// A lazy call (the outbox's mark of a delivery) starts no transaction of
// its own while it may wait: it shares the next one someone waits for.
func TestCommitter_LazyJoinsTheNextCall(t *testing.T) {
	s := openInternal(t)
	c := s.commits
	setLazyWait(c, time.Hour)
	before := c.committed()
	var lazyTx, eagerTx int
	lazy := make(chan error, 1)
	go func() {
		lazy <- c.doLazy(func(tx *bolt.Tx) error { lazyTx = tx.ID(); return nil })
	}()
	for c.waited() == 0 { // until the committer chose to wait rather than commit it alone
		select {
		case err := <-lazy:
			t.Fatalf("the lazy call committed alone (%v)", err)
		default:
			runtime.Gosched()
		}
	}
	if err := c.do(func(tx *bolt.Tx) error { eagerTx = tx.ID(); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := <-lazy; err != nil {
		t.Fatal(err)
	}
	if lazyTx != eagerTx || c.committed() != before+1 {
		t.Errorf("lazy in transaction %d, eager in %d, %d transactions: want one shared", lazyTx, eagerTx, c.committed()-before)
	}
}

// Alone, a lazy call commits once it has waited lazyWait, and not before.
func TestCommitter_LazyAloneCommitsAfterItsWait(t *testing.T) {
	s := openInternal(t)
	const wait = 40 * time.Millisecond
	setLazyWait(s.commits, wait)
	start := time.Now()
	for range 2 { // a second lazy call does not restart the wait
		go func() { _ = s.commits.doLazy(func(*bolt.Tx) error { return nil }) }()
	}
	if err := s.commits.doLazy(func(*bolt.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < wait || took > wait+5*time.Second {
		t.Errorf("committed after %v, want after %v", took, wait)
	}
}

// Options.LazyWait sets the lazy calls' wait: a negative one commits them
// at once, alone, without ever leaving them to wait; 0 keeps the default.
func TestOpen_LazyWait(t *testing.T) {
	for _, tc := range []struct {
		opt  time.Duration
		want time.Duration
	}{{0, defaultLazyWait}, {-1, 0}, {time.Hour, time.Hour}} {
		s, err := Open(t.TempDir()+"/aulabot.db", Options{NoSync: true, LazyWait: tc.opt})
		if err != nil {
			t.Fatal(err)
		}
		s.commits.mu.Lock()
		got := s.commits.lazyWait
		s.commits.mu.Unlock()
		if got != tc.want {
			t.Errorf("LazyWait %v: the committer waits %v, want %v", tc.opt, got, tc.want)
		}
		if tc.opt < 0 {
			for range 3 {
				if err := s.commits.doLazy(func(*bolt.Tx) error { return nil }); err != nil {
					t.Fatal(err)
				}
			}
			if n := s.commits.waited(); n != 0 {
				t.Errorf("LazyWait %v: lazy calls were left to wait %d times", tc.opt, n)
			}
		}
		s.Close()
	}
}

// Closing commits the lazy calls at once.
func TestCommitter_CloseCommitsLazyCalls(t *testing.T) {
	s, err := Open(t.TempDir()+"/aulabot.db", Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	setLazyWait(s.commits, time.Hour)
	done := make(chan error, 1)
	go func() {
		done <- s.commits.doLazy(func(tx *bolt.Tx) error {
			_, err := tx.CreateBucketIfNotExists([]byte("lazy"))
			return err
		})
	}()
	waitQueued(s.commits, 1)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the lazy call still waits after Close")
	}
}

// Writes counts the pages each commit writes, and the time it takes: a
// commit that changes nothing writes nothing, one that stores a record
// writes its pages.
func TestStore_Writes(t *testing.T) {
	s := openInternal(t)
	before := s.Writes()
	if err := s.RaiseOffset(-1); err != nil { // not above the stored offset: no commit
		t.Fatal(err)
	}
	if got := s.Writes(); got != before {
		t.Errorf("no commit wrote %+v", got)
	}
	if err := s.Apply(context.Background(), 4, 5, func(*Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	got := s.Writes()
	if got.Pages <= before.Pages || got.Took <= before.Took {
		t.Errorf("after a commit: %+v, before: %+v; want more pages and more time", got, before)
	}
}
