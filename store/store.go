// Package store keeps aulabot's state in a bbolt file and owns the rules
// that must hold atomically: each rule is checked and written inside one
// transaction. bbolt is used nowhere else.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrLocked means another process holds the database file.
var ErrLocked = errors.New("database is locked")

// ErrDuplicate means an update was already applied.
var ErrDuplicate = errors.New("update already applied")

// Store is the bbolt database.
type Store struct {
	db   *bolt.DB
	path string
	// Now is the clock; tests move it.
	Now func() time.Time

	commits *committer

	// readers are the read transactions open, each with the id of the
	// commit it sees (0 until it has begun): the scrub overwrites the
	// free pages only while none sees a commit older than the last
	// (scrub.go). readerMoved is signalled when a reader says which
	// commit it sees and when it ends.
	readerMu    sync.Mutex
	readers     map[*reader]struct{}
	readerMoved *sync.Cond
	scrubWaits  int // times a scrub waited for such a reader (tests)
	scrubWrote  int // free pages the scrubs overwrote (tests)
	// scrubLongest is the longest a scrub held the writer's lock at once
	// (benchmarks).
	scrubLongest time.Duration
	scrubAll     bool // the last scrub failed: the next writes every free page

	// sending are the outbox messages being sent, decoded (outbox.go).
	sending sendingMessages
	// chats are the outbox's unsent messages by chat (outbox_chats.go).
	chats outboxChats

	mu       sync.Mutex
	onOutbox []func()
}

// Options tune Open.
type Options struct {
	// Timeout is how long to wait for another process's lock (default 1 s).
	Timeout time.Duration
	// ReadOnly opens the file for reading (used by backup when no bot runs).
	ReadOnly bool
	// NoSync skips fsync (benchmarks and tests only).
	NoSync bool
	// LazyWait is how long a write nobody waits for (the outbox's mark of
	// a delivered message) waits for one somebody waits for, to share its
	// commit: 0 is 5 ms, a negative value commits it at once. Tests that
	// mark each message delivered the moment it is queued, with no other
	// writes coming, set it negative: there the wait is only dead time.
	LazyWait time.Duration
	// Check runs bbolt's full consistency check before anything else opens
	// the file (reads every page: slow on a large database).
	Check bool
}

const bMeta = "meta"

// mapSize is the address space bbolt maps for the file from the start. A
// commit that outgrows the mapping maps the file again, and must first
// wait for every read transaction open to finish: a backup's copy of the
// whole file would hold every person's commit until it ended. Mapping 1
// GiB at once (address space, not memory: only the pages read are
// resident) leaves that wait to files past 1 GiB. 32-bit builds keep
// bbolt's default, which grows from 32 KiB, and so does a process whose
// address space is limited below what the map needs (Open).
const mapSize = (1 << 30) * (strconv.IntSize / 64)

// Open opens (creating it if needed) the database at path, creates missing
// buckets and runs pending migrations. If another aulabot holds the file it
// fails after the timeout with an error wrapping ErrLocked that names the
// file. A damaged file (truncated, overwritten, failing opts.Check) gives an
// error wrapping ErrDamaged that names the file, says what is wrong and
// what to do; the file is then left exactly as it was.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout == 0 {
		opts.Timeout = time.Second
	}
	exists, err := checkFile(path)
	if err != nil {
		return nil, err
	}
	if exists && opts.Check {
		if err := Verify(path); err != nil {
			return nil, openError(path, err)
		}
	}
	bo := &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly, NoSync: opts.NoSync, InitialMmapSize: mapSize}
	db, err := openBolt(path, bo)
	if errors.Is(err, syscall.ENOMEM) && bo.InitialMmapSize > 0 {
		// A limit on the process's address space (ulimit -v, systemd's
		// LimitAS=) leaves no room for mapSize: bbolt's own map, which
		// grows with the file, still fits. Only the backup's wait comes back.
		bo.InitialMmapSize = 0
		db, err = openBolt(path, bo)
	}
	if err != nil {
		return nil, openError(path, err)
	}
	s := &Store{db: db, path: path, Now: time.Now, readers: map[*reader]struct{}{}}
	s.readerMoved = sync.NewCond(&s.readerMu)
	if !opts.ReadOnly {
		if err := s.migrate(); err != nil {
			db.Close()
			return nil, err
		}
		if err := s.db.View(func(btx *bolt.Tx) error { s.chats.load(btx); return nil }); err != nil {
			db.Close()
			return nil, openError(path, err)
		}
	}
	lazy := defaultLazyWait
	if opts.LazyWait != 0 {
		lazy = max(opts.LazyWait, 0)
	}
	s.commits = newCommitter(s.update, lazy)
	return s, nil
}

// openError says why bbolt could not open path.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("another aulabot is using %s (stop it first, or give this one another AULABOT_DATA): %w", path, ErrLocked)
	case errors.Is(err, ErrDamaged):
		return err
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

// Close commits the calls in progress and closes the database.
func (s *Store) Close() error {
	s.commits.close()
	return s.db.Close()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Backup writes a consistent copy of the database to w while it is in use,
// with the pages free in that copy written as zeros. A commit that erased
// someone's data scrubs the pages it freed only once it has returned, and
// a copy taken in between held them as they were. The free list is read
// with the writer held, so that it is the copy's commit's: commits wait
// for that read, once per backup. A file opened read-only has no writer:
// its newest commit is the copy's.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var free []uint64
	var ps int64
	freeAt := func(txid uint64) (err error) {
		f, err := os.Open(s.path)
		if err != nil {
			return err
		}
		defer f.Close()
		if free, ps, err = freePages(f, s.path, txid, &freeBuf{}); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		return nil
	}
	var release func()
	if !s.db.IsReadOnly() {
		wtx, err := s.db.Begin(true)
		if err != nil {
			return 0, err
		}
		release = func() { _ = wtx.Rollback() }
		defer release()
		if err := freeAt(uint64(wtx.ID() - 1)); err != nil {
			return 0, err
		}
	}
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		if release != nil {
			release() // the copy's commit is the one the free list is of
		} else if err := freeAt(uint64(tx.ID())); err != nil {
			return err
		}
		var err error
		n, err = tx.WriteTo(&zeroPages{w: w, free: free, ps: ps})
		return err
	})
	return n, err
}

// zeroPages writes what it is given, as a copy of the database file from
// its start, with the pages free (sorted ids of ps bytes) written as
// zeros.
type zeroPages struct {
	w    io.Writer
	free []uint64
	ps   int64
	off  int64
	buf  []byte
}

func (z *zeroPages) Write(p []byte) (int, error) {
	if len(p) > 0 && z.ps > 0 {
		first, last := uint64(z.off/z.ps), uint64((z.off+int64(len(p))-1)/z.ps)
		i, _ := slices.BinarySearch(z.free, first)
		if i < len(z.free) && z.free[i] <= last { // a free page in this write
			z.buf = append(z.buf[:0], p...)
			for ; i < len(z.free) && z.free[i] <= last; i++ {
				from := max(int64(z.free[i])*z.ps-z.off, 0)
				to := min(int64(z.free[i]+1)*z.ps-z.off, int64(len(p)))
				clear(z.buf[from:to])
			}
			p = z.buf
		}
	}
	n, err := z.w.Write(p)
	z.off += int64(n)
	return n, err
}

// Check runs bbolt's consistency check over the whole file, then checks
// that the indexes hold what their records say (checkIndexes) and the
// outbox's chats in memory what the due index says, and returns the
// first problem found, if any. Tests run it on every store
// they used.
// It holds the writer's lock (a write transaction, rolled back): bbolt's
// check reads the freelist, which a concurrent commit changes, so a check
// beside a writer reports pages as "reachable freed" or panics. A store
// opened read-only has no writer and is checked in a read transaction.
func (s *Store) Check() error {
	writable := !s.db.IsReadOnly()
	if writable { // the outbox's chats, as of the last commit
		s.chats.mu.Lock()
		defer s.chats.mu.Unlock()
	}
	tx, err := s.db.Begin(writable)
	if err != nil {
		return fmt.Errorf("database %s: %w", s.path, err)
	}
	defer tx.Rollback()
	if err := checkTx(tx); err != nil {
		return fmt.Errorf("database %s is inconsistent: %w", s.path, err)
	}
	if err := (&Tx{tx: tx, s: s}).checkIndexes(); err != nil {
		return fmt.Errorf("database %s: an index does not hold what its records say: %w", s.path, err)
	}
	if writable {
		if err := s.chats.check(tx); err != nil {
			return fmt.Errorf("database %s: %w", s.path, err)
		}
	}
	return nil
}

// OnOutbox registers f to be called after a transaction that enqueued
// outgoing messages commits (the sender wakes up).
func (s *Store) OnOutbox(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onOutbox = append(s.onOutbox, f)
}

func (s *Store) notifyOutbox() {
	s.mu.Lock()
	fs := s.onOutbox
	s.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

// Update runs fn in one write transaction.
func (s *Store) Update(fn func(tx *Tx) error) error {
	var enq, scrub bool
	err := s.update(func(btx *bolt.Tx) error {
		tx := &Tx{tx: btx, s: s, now: s.Now()}
		err := fn(tx)
		if err == nil {
			err = tx.oweScrub()
		}
		enq, scrub = tx.enqueued, tx.scrub
		return err
	})
	if err == nil && enq {
		s.notifyOutbox()
	}
	if err == nil && scrub {
		err = s.scrubFree()
	}
	return err
}

// View runs fn in a read-only transaction.
func (s *Store) View(fn func(tx *Tx) error) error {
	return s.view(func(btx *bolt.Tx) error {
		return fn(&Tx{tx: btx, s: s, now: s.Now()})
	})
}

// Apply runs fn and marks Telegram update id as applied, in one transaction,
// so that an update takes effect exactly once. If the update was applied
// before it returns ErrDuplicate without running fn. offset, if positive,
// is the polling offset that is safe to store with it. Because of the
// marker Apply is idempotent, and concurrent calls share commits (see
// committer); fn may be run more than once and must only touch tx.
func (s *Store) Apply(ctx context.Context, id, offset int64, fn func(tx *Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var enq, scrub bool
	err := s.commits.do(func(btx *bolt.Tx) error {
		tx := &Tx{tx: btx, s: s, now: s.Now()}
		if tx.applied(id) {
			return ErrDuplicate
		}
		if err := fn(tx); err != nil {
			return err
		}
		if err := tx.markApplied(id, offset); err != nil {
			return err
		}
		if err := tx.oweScrub(); err != nil {
			return err
		}
		enq, scrub = tx.enqueued, tx.scrub
		return nil
	})
	if err == nil && enq {
		s.notifyOutbox()
	}
	if err == nil && scrub {
		err = s.scrubFree()
	}
	return err
}
