package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A deleted record's bytes stay in the page bbolt freed until the page is
// used again (a backup writes free pages as zeros since 4 December 2026:
// Store.Backup; the file keeps them). After a
// transaction that erased a person's data, scrubFree overwrites the free
// pages with zeros, through a file handle of its own: bbolt lists them in
// the free list page its last commit wrote, and while the store holds the
// writer's lock and no read transaction sees an older commit, nobody can
// reach them. It goes a chunk of pages at a time, letting the lock go in
// between so that other commits go on, and reads the list again each time.
// It reads each free page first and leaves alone those that are zeros
// already (scrubbed before and not used since), so a scrub writes and
// syncs only what was freed since the last one.
// (It used to fill the free pages with records of a bucket of its own and
// delete it. The bucket's branch pages and the copies each chunk's commit
// made grew the file past the free pages, and all of them were free pages
// the next time: each scrub had about 1.5 % more to fill, for good.)
//
// What the deleting transaction queues for the person (the confirmation
// that their data is gone) must still carry their chat id; once such a
// message leaves the outbox, sent or dropped, the free pages are
// overwritten again.
const (
	bScrubAfter = "scrub_after" // outbox id -> nil: scrub once it leaves the outbox
	bOldScrub   = "scrub"       // the old scrub's filler; deleted when found (migrate.go)
)

// Under one hold of the writer's lock the scrub overwrites at most
// scrubChunk free pages and reads at most scrubRead pages. It reads free
// pages that lie less than scrubGap pages apart in one read, of at most
// scrubRun pages (reading the pages in use between them costs less than
// a read of its own for each, and reading many of them more).
const (
	scrubChunk = 512
	scrubRead  = 2048
	scrubRun   = 64
	scrubGap   = 4
)

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
		for _, id := range tx.chatOutbox(chat) {
			if err := tx.bucket(bScrubAfter).Put(u64(id), []byte{}); err != nil {
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

// scrubFree overwrites the file's free pages that are not zeros with
// zeros, and syncs the file if it wrote any (unless the store runs without
// fsync). It waits for the read transactions that see a commit older than
// the last to end (a backup in progress, or a lookup that began before the
// last commit); newer ones cannot reach a free page.
func (s *Store) scrubFree() error {
	f, err := os.OpenFile(s.path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("scrub free pages: %w", err)
	}
	defer f.Close()
	s.readerMu.Lock()
	c := scrubCursor{all: s.scrubAll}
	s.readerMu.Unlock()
	for {
		done, last, err := s.scrubChunk(f, &c)
		if err != nil {
			return s.scrubbed(err)
		}
		if done {
			break
		}
		if last != 0 {
			s.awaitReaders(last)
		}
	}
	s.readerMu.Lock()
	s.scrubWrote += c.wrote
	s.scrubLongest = max(s.scrubLongest, c.longest)
	s.readerMu.Unlock()
	if s.db.NoSync || c.wrote == 0 {
		return s.scrubbed(nil)
	}
	return s.scrubbed(f.Sync())
}

// scrubbed notes how a scrub ended. After a failure, zeros it wrote may
// be in memory and not on the disk (Linux may even count pages whose
// sync failed as written), so the next scrub writes every free page
// again, whatever it reads.
func (s *Store) scrubbed(err error) error {
	s.readerMu.Lock()
	s.scrubAll = err != nil
	s.readerMu.Unlock()
	if err != nil {
		return fmt.Errorf("scrub free pages of %s: %w", s.path, err)
	}
	return nil
}

// scrubCursor is where a scrub is: the free pages below from are done,
// and wrote of them were overwritten; all: every free page is written,
// zeros or not. It keeps the buffers it reads into and writes from, as
// large as the longest run so far.
type scrubCursor struct {
	from       uint64
	wrote      int
	all        bool
	longest    time.Duration // the longest hold of the writer's lock
	buf, empty []byte
	list       freeBuf
}

// read is a buffer for n pages of ps bytes.
func (c *scrubCursor) read(n int, ps int64) []byte {
	if int64(len(c.buf)) < int64(n)*ps {
		c.buf = make([]byte, int64(n)*ps)
	}
	return c.buf[:int64(n)*ps]
}

// zeros is n pages of ps bytes of zeros.
func (c *scrubCursor) zeros(n int, ps int64) []byte {
	if int64(len(c.empty)) < int64(n)*ps {
		c.empty = make([]byte, int64(n)*ps)
	}
	return c.empty[:int64(n)*ps]
}

// scrubChunk overwrites the free pages from c.from on that are not zeros,
// up to scrubChunk of them and reading up to scrubRead, holding the
// writer's lock, and moves c.from past them. done: none is left. wait,
// if not 0: a reader that sees a commit older than wait may still read
// some of them, so nothing was done.
func (s *Store) scrubChunk(f *os.File, c *scrubCursor) (done bool, wait uint64, err error) {
	tx, err := s.db.Begin(true)
	if err != nil {
		return false, 0, err
	}
	defer tx.Rollback()
	held := time.Now() // from here until the rollback, every commit waits
	defer func() { c.longest = max(c.longest, time.Since(held)) }()
	last := uint64(tx.ID() - 1) // the commit this transaction follows
	s.readerMu.Lock()
	older := s.olderReaders(last)
	s.readerMu.Unlock()
	if older {
		return false, last, nil
	}
	free, ps, err := freePages(f, s.path, last, &c.list)
	if err != nil {
		return false, 0, err
	}
	free = free[sort.Search(len(free), func(i int) bool { return free[i] >= c.from }):]
	zero := c.zeros(1, ps)
	read, wrote := 0, 0 // this chunk's
	for len(free) > 0 {
		if read >= scrubRead || wrote >= scrubChunk {
			return false, 0, nil
		}
		// One read for the next free pages that lie close together.
		first := free[0]
		n := window(free, first+scrubRun, scrubChunk-wrote)
		span := free[n-1] - first + 1
		pages := c.read(int(span), ps)
		if _, err := f.ReadAt(pages, int64(first)*ps); err != nil {
			return false, 0, err
		}
		dirty := func(i int) bool {
			at := int64(free[i]-first) * ps
			return c.all || !bytes.Equal(pages[at:at+ps], zero)
		}
		for i := 0; i < n; {
			if !dirty(i) {
				i++
				continue
			}
			j := i + 1 // pages free[i] to free[j-1] follow one another: one write
			for j < n && free[j] == free[j-1]+1 && dirty(j) {
				j++
			}
			if _, err := f.WriteAt(c.zeros(j-i, ps), int64(free[i])*ps); err != nil {
				return false, 0, err
			}
			wrote, c.wrote, i = wrote+j-i, c.wrote+j-i, j
		}
		read += int(span)
		c.from = free[n-1] + 1
		free = free[n:]
	}
	return true, 0, nil
}

// window is how many of ids (increasing, at least one) are below end and
// less than scrubGap from the one before: at least one and at most most.
func window(ids []uint64, end uint64, most int) int {
	n := 1
	for n < len(ids) && n < most && ids[n] < end && ids[n]-ids[n-1] < scrubGap {
		n++
	}
	return n
}

// freeBuf is what freePages reads the free list into, kept from one
// chunk of a scrub to the next: a list of 135,000 free pages is 1 MB.
type freeBuf struct {
	page []byte
	ids  []uint64
}

// freePages reads, from the file r of the database at path, the free
// list that commit txid wrote: the pages it left free, in order (bbolt
// lists the pages still pending for old readers among them), into buf's
// slices. It refuses a file whose newest meta is not that commit's.
func freePages(r *os.File, path string, txid uint64, buf *freeBuf) ([]uint64, int64, error) {
	l, err := checkLayout(path, r, fileSize(r))
	if err != nil {
		return nil, 0, err
	}
	m := l.meta
	switch {
	case m.txid != txid:
		return nil, 0, fmt.Errorf("the newest meta page is of commit %d, not %d", m.txid, txid)
	case m.freelist == noFreelist:
		return nil, 0, errors.New("the free list is not stored")
	}
	var h [pageHeaderSize]byte
	if _, err := r.ReadAt(h[:], int64(m.freelist)*l.ps); err != nil {
		return nil, 0, err
	}
	n := (int64(binary.NativeEndian.Uint32(h[12:])) + 1) * l.ps
	if int64(cap(buf.page)) < n {
		buf.page = make([]byte, n)
	}
	page := buf.page[:n]
	if int64(m.freelist)*l.ps+int64(len(page)) > l.size {
		return nil, 0, fmt.Errorf("the free list of page %d runs past the end of the file", m.freelist)
	}
	if _, err := r.ReadAt(page, int64(m.freelist)*l.ps); err != nil {
		return nil, 0, err
	}
	ids, err := parseFreeList(page, m.pgid, buf.ids)
	if err != nil {
		return nil, 0, fmt.Errorf("the free list of page %d: %w", m.freelist, err)
	}
	buf.ids = ids
	return ids, l.ps, nil
}

// parseFreeList reads a free list page (with its overflow pages) of a
// file of pgid pages: the ids of the free pages, each in [2, pgid), in
// increasing order, as bbolt writes them, in ids' array if it is large
// enough.
func parseFreeList(page []byte, pgid uint64, ids []uint64) ([]uint64, error) {
	if len(page) < pageHeaderSize {
		return nil, errors.New("is shorter than a page header")
	}
	e := binary.NativeEndian
	if flags := e.Uint16(page[8:]); flags != freelistPageFlag {
		return nil, fmt.Errorf("is not a free list (flags %#x)", flags)
	}
	count, at := uint64(e.Uint16(page[10:])), uint64(pageHeaderSize)
	if count == 0xFFFF { // more than the header can count: the first element counts them
		if len(page) < pageHeaderSize+8 {
			return nil, errors.New("has no count")
		}
		count, at = e.Uint64(page[pageHeaderSize:]), pageHeaderSize+8
	}
	if count > (uint64(len(page))-at)/8 {
		return nil, fmt.Errorf("lists %d pages, more than it holds", count)
	}
	if uint64(cap(ids)) < count {
		ids = make([]uint64, count)
	}
	ids = ids[:count]
	for i := range ids {
		id := e.Uint64(page[at+uint64(i)*8:])
		if id < 2 || id >= pgid || (i > 0 && id <= ids[i-1]) {
			return nil, fmt.Errorf("lists page %d, out of order or outside the %d pages in use", id, pgid)
		}
		ids[i] = id
	}
	return ids, nil
}

// fileSize is f's size, 0 if unknown (checkLayout then refuses it).
func fileSize(f *os.File) int64 {
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}

// reader is one read transaction: the commit it sees, 0 until it begins.
type reader struct{ txid uint64 }

// view runs fn in a read transaction, known to the scrub while it is open.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	r := &reader{}
	s.readerMu.Lock()
	s.readers[r] = struct{}{}
	s.readerMu.Unlock()
	defer func() {
		s.readerMu.Lock()
		delete(s.readers, r)
		s.readerMu.Unlock()
		s.readerMoved.Broadcast()
	}()
	return s.db.View(func(tx *bolt.Tx) error {
		s.readerMu.Lock()
		r.txid = uint64(tx.ID())
		s.readerMu.Unlock()
		s.readerMoved.Broadcast()
		return fn(tx)
	})
}

// awaitReaders waits until no read transaction open may see a commit
// older than last. Readers that begin meanwhile see last or a later one.
func (s *Store) awaitReaders(last uint64) {
	s.readerMu.Lock()
	defer s.readerMu.Unlock()
	s.scrubWaits++
	for s.olderReaders(last) {
		s.readerMoved.Wait()
	}
}

// olderReaders reports whether a read transaction open may see a commit
// older than last, or has not said yet which it sees. s.readerMu is held.
func (s *Store) olderReaders(last uint64) bool {
	for r := range s.readers {
		if r.txid < last {
			return true
		}
	}
	return false
}
