package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrDamaged means the database file is not a sound bbolt file: truncated,
// overwritten or inconsistent. Open returns it (wrapped, naming the file
// and the problem) without having written to the file.
var ErrDamaged = errors.New("database file damaged")

// damagedError says which file is damaged, how, and what to do.
type damagedError struct {
	path string
	what string
}

func (e *damagedError) Error() string {
	return fmt.Sprintf("database %s is damaged: %s; it was not changed. Restore a backup (made with 'aulabot backup FILE') or move the file away to start empty",
		e.path, e.what)
}

func (e *damagedError) Unwrap() error { return ErrDamaged }

// Damage returns what is wrong with a damaged database file, if err (from
// Open or Verify) says that it is damaged.
func Damage(err error) (string, bool) {
	var d *damagedError
	if errors.As(err, &d) {
		return d.what, true
	}
	return "", false
}

func damaged(path, format string, a ...any) error {
	return &damagedError{path: path, what: fmt.Sprintf(format, a...)}
}

// bbolt's file layout (go.etcd.io/bbolt/internal/common: page.go, meta.go):
// every page starts with a 16-byte header (id, flags, count, overflow);
// pages 0 and 1 hold a meta each, in the host's byte order.
const (
	pageHeaderSize = 16
	metaSize       = 64 // up to and including the checksum
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	noFreelist     = ^uint64(0)
	minPages       = 4 // two metas, a freelist and a leaf: a new file
	// freelistPageFlag marks the page that lists the free pages.
	freelistPageFlag = 0x10
)

// meta is the part of bbolt's meta page that the checks read.
type meta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64 // high-water mark: pages in use
	txid     uint64
}

// readMeta reads the meta of the page at off; it reports why it is
// invalid, as bbolt's Meta.Validate does.
func readMeta(r io.ReaderAt, off int64) (meta, error) {
	var b [pageHeaderSize + metaSize]byte
	if _, err := r.ReadAt(b[:], off); err != nil {
		return meta{}, fmt.Errorf("cannot be read (%v)", err)
	}
	m := b[pageHeaderSize:]
	e := binary.NativeEndian
	h := fnv.New64a()
	h.Write(m[:metaSize-8])
	switch {
	case e.Uint32(m[0:]) != boltMagic:
		return meta{}, errors.New("has no bbolt marker")
	case e.Uint32(m[4:]) != boltVersion:
		return meta{}, fmt.Errorf("has format version %d, not %d", e.Uint32(m[4:]), boltVersion)
	case e.Uint64(m[56:]) != h.Sum64():
		return meta{}, errors.New("fails its checksum")
	}
	return meta{pageSize: e.Uint32(m[8:]), root: e.Uint64(m[16:]), freelist: e.Uint64(m[32:]),
		pgid: e.Uint64(m[40:]), txid: e.Uint64(m[48:])}, nil
}

// layout is what checkFile learnt about a file.
type layout struct {
	size    int64
	ps      int64 // page size
	meta    meta  // the meta bbolt uses
	headers bool  // both meta pages have sound page headers
}

// checkFile checks what bbolt trusts when it opens path, so that a
// damaged file gives a clear error instead of a crash (bbolt maps the file
// and reads past its end, which kills the process with SIGBUS). A missing
// or empty file is a new database: then it reports false. It reads only.
func checkFile(path string) (exists bool, err error) {
	f, size, err := openFile(path)
	if f == nil || err != nil {
		return false, err
	}
	defer f.Close()
	_, err = checkLayout(path, f, size)
	return true, err
}

// openFile opens path for reading; nil if it is missing or empty.
func openFile(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	} else if err != nil {
		return nil, 0, fmt.Errorf("open database %s: %w", path, err)
	}
	st, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, 0, fmt.Errorf("open database %s: %w", path, err)
	case !st.Mode().IsRegular():
		f.Close()
		return nil, 0, fmt.Errorf("database %s is not a regular file", path)
	case st.Size() == 0:
		f.Close()
		return nil, 0, nil
	}
	return f, st.Size(), nil
}

// checkLayout checks the meta pages of the bbolt file f of size bytes.
func checkLayout(path string, f io.ReaderAt, size int64) (layout, error) {
	// The first meta page gives the page size; if it is bad, bbolt looks
	// for the second one at each possible page size, and so do we.
	m0, err0 := readMeta(f, 0)
	ps := int64(m0.pageSize)
	if err0 != nil {
		ps = 0
		for i := 0; i <= 14; i++ {
			pos := int64(1024) << i
			if pos+pageHeaderSize+metaSize > size {
				break
			}
			if m, err := readMeta(f, pos); err == nil && int64(m.pageSize) == pos {
				ps = pos
				break
			}
		}
		if ps == 0 {
			return layout{}, damaged(path, "neither of its two meta pages is valid (the first %s): it is not an aulabot database, or its beginning was overwritten", err0)
		}
	}
	switch {
	case ps < 1024 || ps > 1<<24 || ps&(ps-1) != 0:
		return layout{}, damaged(path, "its page size %d is impossible", ps)
	case size < minPages*ps:
		return layout{}, damaged(path, "it is %d bytes, less than the %d pages of %d bytes of an empty database (truncated)", size, minPages, ps)
	case size%ps != 0:
		return layout{}, damaged(path, "its size %d is not a whole number of %d-byte pages (truncated)", size, ps)
	}
	m1, err1 := readMeta(f, ps)
	if err0 != nil && err1 != nil {
		return layout{}, damaged(path, "both meta pages are invalid (the first %s, the second %s)", err0, err1)
	}
	// bbolt uses the valid meta with the higher transaction id.
	m, which := m0, "first"
	if err0 != nil || (err1 == nil && m1.txid > m0.txid) {
		m, which = m1, "second"
	}
	switch pages := uint64(size / ps); {
	case m.pgid > pages:
		return layout{}, damaged(path, "its last commit (%s meta page) uses %d pages of %d bytes but the file holds only %d (truncated)", which, m.pgid, ps, pages)
	case m.root < 2 || m.root >= m.pgid:
		return layout{}, damaged(path, "the %s meta page points its root at page %d, outside the %d pages in use", which, m.root, m.pgid)
	case m.freelist != noFreelist && (m.freelist < 2 || m.freelist >= m.pgid):
		return layout{}, damaged(path, "the %s meta page points its free list at page %d, outside the %d pages in use", which, m.freelist, m.pgid)
	}
	l := layout{size: size, ps: ps, meta: m, headers: true}
	for id := range int64(2) {
		var h [pageHeaderSize]byte
		if _, err := f.ReadAt(h[:], id*ps); err != nil || ne.Uint64(h[:]) != uint64(id) || ne.Uint16(h[8:]) != flagMeta {
			l.headers = false
		}
	}
	return l, nil
}

// openBolt opens the file with bbolt. A fault or panic while bbolt reads a
// damaged file (past its end, a page of the wrong kind) becomes an error.
func openBolt(path string, o *bolt.Options) (db *bolt.DB, err error) {
	p, err := safely(func() error {
		db, err = bolt.Open(path, 0o600, o)
		return err
	})
	switch {
	case p != nil:
		return nil, damaged(path, "reading it failed (%v)", p)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return nil, damaged(path, "%v", err)
	}
	return db, err
}

// safely runs fn and returns what it panicked with, if it did. A memory
// fault in fn (bbolt reading a mapped file past its end) panics instead of
// killing the process.
func safely(fn func() error) (p any, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { p = recover() }()
	return nil, fn()
}

// checkTx runs bbolt's consistency check over the whole file and returns
// the first problem found with the number of problems.
func checkTx(tx *bolt.Tx) error {
	var first error
	n := 0
	for err := range tx.Check() { // read to the end: the check runs in its own goroutine
		if first == nil {
			first = err
		}
		n++
	}
	if n > 1 {
		return fmt.Errorf("%w (and %d more problems)", first, n-1)
	}
	return first
}

// Verify checks the database file at path without changing it: the quick
// checks of Open, then every page reachable from its meta, then bbolt's
// full consistency check. A problem is an error wrapping ErrDamaged.
func Verify(path string) error {
	f, size, err := openFile(path)
	if err != nil {
		return err
	}
	if f == nil {
		return damaged(path, "it is empty or missing")
	}
	defer f.Close()
	l, err := checkLayout(path, f, size)
	if err != nil {
		return err
	}
	if err := walk(f, l.ps, l.meta); err != nil {
		return damaged(path, "%v", err)
	}
	return verifyBolt(path, l)
}

// verifyBolt runs bbolt's consistency check on a file whose pages walk
// found sound. bbolt's check insists on sound headers on both meta pages;
// with one overwritten (a write a crash interrupted: bbolt opens such a
// file on the other) it checks a copy written from the good one.
func verifyBolt(path string, l layout) error {
	db, err := openBolt(path, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	if !l.headers {
		return verifyCopy(path, db)
	}
	p, err := safely(func() error { return db.View(checkTx) })
	switch {
	case p != nil:
		return damaged(path, "reading it failed (%v)", p)
	case err != nil:
		return damaged(path, "bbolt's consistency check failed: %v", err)
	}
	return nil
}

// verifyCopy writes a copy of db next to path and verifies it.
func verifyCopy(path string, db *bolt.DB) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".check-*")
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	err = db.View(func(tx *bolt.Tx) error { _, err := tx.WriteTo(f); return err })
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("check %s: copy: %w", path, err)
	}
	err = Verify(f.Name())
	if what, ok := Damage(err); ok {
		return damaged(path, "a copy of it fails the check: %s", what)
	} else if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	return nil
}
