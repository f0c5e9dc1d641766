package store

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// maxGroup bounds the functions that share one write transaction.
const maxGroup = 1000

// errSolo tells a caller that its function failed inside a group: the
// group went on without it, and it runs again in a transaction of its own.
var errSolo = errors.New("store: run alone")

// committer is a group commit. One goroutine commits; a call that finds
// it idle is committed at once, and the calls that arrive while a
// transaction and its fsync are in flight are gathered and share the next
// transaction. There is no waiting for companions, with one exception:
// a call that may wait (doLazy: the outbox's marks of what Telegram
// took) waits up to lazyWait for one that may not, and shares its
// transaction rather than starting one of its own. A function that
// fails (or panics) inside a group is taken out, the others run again
// without it, and it runs again alone in its caller's goroutine, so its
// error, or its panic, is its own.
type committer struct {
	// update runs a write transaction (Store.update).
	update func(func(*bolt.Tx) error) error
	wake   chan struct{} // a call was queued (buffered: never blocks)
	exited chan struct{} // closed when run returns
	// lazyWait bounds the wait of calls that may wait (defaultLazyWait).
	lazyWait time.Duration

	mu     sync.Mutex
	queue  []call
	spare  []call // the previous group's slice, reused for the queue
	closed bool
	groups int // group transactions that ran to the end (tests)
	waits  int // times lazy calls were left to wait for company (tests)
}

// defaultLazyWait is how long a call that may wait waits for one that
// may not. In BenchmarkTerm a fifth of the transactions held nothing but
// the outbox's marks, and each was two fsyncs that the next person's
// update waited for; at a term's load another update comes within a
// millisecond or two.
const defaultLazyWait = 5 * time.Millisecond

// call is one function waiting for its group's transaction.
type call struct {
	fn   func(*bolt.Tx) error
	done chan error // buffered: receives the outcome once
	// lazy: the call may wait for others (doLazy); at is when it came.
	lazy bool
	at   time.Time
}

func newCommitter(update func(func(*bolt.Tx) error) error, lazyWait time.Duration) *committer {
	c := &committer{update: update, wake: make(chan struct{}, 1), exited: make(chan struct{}), lazyWait: lazyWait}
	go c.run()
	return c
}

// do runs fn in a write transaction, possibly shared with other calls, and
// returns once that transaction has committed (or failed). fn may run more
// than once, so it must only touch tx.
func (c *committer) do(fn func(*bolt.Tx) error) error { return c.join(call{fn: fn}) }

// doLazy is do for a write nobody is waiting for: it shares the
// transaction of the next call that is not lazy, or commits after
// lazyWait if none comes.
func (c *committer) doLazy(fn func(*bolt.Tx) error) error {
	return c.join(call{fn: fn, lazy: true, at: time.Now()})
}

// join queues k for the next group and returns its outcome; a call its
// group put out runs again alone.
func (c *committer) join(k call) error {
	done := make(chan error, 1)
	k.done = done
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return berrors.ErrDatabaseNotOpen
	}
	c.queue = append(c.queue, k)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default: // a wake-up is pending already
	}
	if err := <-done; err != errSolo {
		return err
	}
	return c.update(k.fn)
}

// close commits what is queued, refuses new calls and stops the goroutine.
func (c *committer) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
	<-c.exited
}

func (c *committer) run() {
	defer close(c.exited)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		c.mu.Lock()
		if len(c.queue) == 0 {
			closed := c.closed
			c.mu.Unlock()
			if closed {
				return
			}
			<-c.wake
			continue
		}
		if wait := c.patience(); wait > 0 {
			c.waits++
			c.mu.Unlock()
			timer.Reset(wait)
			select {
			case <-c.wake:
				timer.Stop()
			case <-timer.C:
			}
			continue
		}
		group := c.queue
		if len(group) > maxGroup {
			group, c.queue = group[:maxGroup:maxGroup], group[maxGroup:]
		} else {
			c.queue = c.spare[:0]
		}
		c.mu.Unlock()
		c.commit(group)
		clear(group) // no function or channel outlives its call
		c.mu.Lock()
		c.spare = group
		c.mu.Unlock()
	}
}

// patience is how much longer the queued calls may wait: while all of
// them are lazy, until the oldest has waited lazyWait; 0 once any call
// is not lazy, or the committer is closing. c.mu is held.
func (c *committer) patience() time.Duration {
	if c.closed {
		return 0
	}
	oldest := c.queue[0].at
	for _, k := range c.queue {
		if !k.lazy {
			return 0
		}
		if k.at.Before(oldest) {
			oldest = k.at
		}
	}
	return c.lazyWait - time.Since(oldest)
}

// commit runs group's functions in order in one transaction and tells
// each caller the outcome. A function that fails is taken out and its
// caller runs it again alone; the rest run again without it.
func (c *committer) commit(group []call) {
	for len(group) > 0 {
		failed := -1
		err := c.update(func(tx *bolt.Tx) error {
			for i, k := range group {
				if err := safelyCall(k.fn, tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		if failed < 0 {
			c.mu.Lock()
			c.groups++
			c.mu.Unlock()
			for _, k := range group {
				k.done <- err // nil, or the commit's own failure: everybody's
			}
			// Each send above readied a caller on this goroutine's P,
			// and the next group's write and fsync would hold that P in
			// a system call while they wait: step aside so they run
			// first. In BenchmarkTerm this cut the time from a commit to
			// its caller running again from p50 0.9 ms / p99 11 ms to
			// 0.15 / 6 ms.
			runtime.Gosched()
			return
		}
		group[failed].done <- errSolo
		group = append(group[:failed], group[failed+1:]...)
	}
}

// safelyCall runs fn, turning a panic into an error: the function runs
// again alone, where the panic reaches its caller.
func safelyCall(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return fn(tx)
}

// Writes is what the commits have written since the database was opened:
// pages, and the time writing them and syncing the file took (two
// fdatasyncs a commit). It says how much of a commit's time is the disk's.
type Writes struct {
	Pages int64
	Took  time.Duration
}

// Writes returns what the commits have written so far.
func (s *Store) Writes() Writes {
	st := s.db.Stats().TxStats
	return Writes{Pages: st.GetWrite(), Took: st.GetWriteTime()}
}

// Commits is how many write transactions the database has committed since
// it was created: each is one write of its pages and two fsyncs, so
// commits per update is what group commit saves.
func (s *Store) Commits() (int, error) {
	var id int
	err := s.view(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
	return id, err
}
