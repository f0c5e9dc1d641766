package store

import (
	"encoding/binary"
	"fmt"
	"io"
)

// walker reads every page reachable from a meta (the tree of buckets and
// the free list) with plain reads and checks what bbolt would trust when
// it follows them: page ids within the pages in use, page headers that
// name the page, page kinds, and element tables, keys and values inside
// their pages. bbolt asserts all of this with a panic (in the goroutine of
// its consistency check, where nobody can recover it) or reads past the
// end of the file: the walk runs first, so that bbolt's check only meets
// pages it can read, and a damaged page is a clear error.
type walker struct {
	r    io.ReaderAt
	ps   int64
	pgid uint64 // pages in use
	seen map[uint64]bool
}

const (
	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagMeta     = 0x04
	flagFreelist = 0x10
	elemSize     = 16 // branch and leaf elements alike
	bucketHeader = 16 // root page id, sequence
)

var ne = binary.NativeEndian

// walk checks the pages reachable from m.
func walk(r io.ReaderAt, ps int64, m meta) error {
	w := &walker{r: r, ps: ps, pgid: m.pgid, seen: map[uint64]bool{}}
	if m.freelist != noFreelist {
		if err := w.freelist(m.freelist); err != nil {
			return err
		}
	}
	return w.node(m.root)
}

// read returns page id with its overflow pages, checking its header.
func (w *walker) read(id uint64, kinds ...uint16) ([]byte, error) {
	if id < 2 || id >= w.pgid {
		return nil, fmt.Errorf("a reference to page %d, outside the %d pages in use", id, w.pgid)
	}
	hdr := make([]byte, pageHeaderSize)
	if _, err := w.r.ReadAt(hdr, int64(id)*w.ps); err != nil {
		return nil, fmt.Errorf("page %d cannot be read (%v)", id, err)
	}
	if got := ne.Uint64(hdr); got != id {
		return nil, fmt.Errorf("page %d calls itself page %d", id, got)
	}
	flags, over := ne.Uint16(hdr[8:]), uint64(ne.Uint32(hdr[12:]))
	ok := false
	for _, k := range kinds {
		ok = ok || flags == k
	}
	if !ok {
		return nil, fmt.Errorf("page %d is of kind %#x, not %#x", id, flags, kinds)
	}
	if id+over >= w.pgid {
		return nil, fmt.Errorf("page %d runs %d pages past the %d pages in use", id, over, w.pgid)
	}
	for i := id; i <= id+over; i++ {
		if w.seen[i] {
			return nil, fmt.Errorf("page %d is used twice", i)
		}
		w.seen[i] = true
	}
	buf := make([]byte, int64(over+1)*w.ps)
	if _, err := w.r.ReadAt(buf, int64(id)*w.ps); err != nil {
		return nil, fmt.Errorf("page %d cannot be read (%v)", id, err)
	}
	return buf, nil
}

func (w *walker) freelist(id uint64) error {
	p, err := w.read(id, flagFreelist)
	if err != nil {
		return err
	}
	n, start := uint64(ne.Uint16(p[10:])), uint64(pageHeaderSize)
	if n == 0xFFFF { // the count is the first id
		n, start = ne.Uint64(p[pageHeaderSize:]), pageHeaderSize+8
	}
	if start+8*n > uint64(len(p)) {
		return fmt.Errorf("the free list (page %d) counts %d pages, more than it holds", id, n)
	}
	return nil
}

// node checks the branch or leaf page id and the pages below it.
func (w *walker) node(id uint64) error {
	p, err := w.read(id, flagBranch, flagLeaf)
	if err != nil {
		return err
	}
	return w.elements(p, fmt.Sprintf("page %d", id))
}

// elements checks the element table of page p (a page of the file, or an
// inline bucket's page inside a value) and follows its references.
func (w *walker) elements(p []byte, where string) error {
	flags, n := ne.Uint16(p[8:]), int(ne.Uint16(p[10:]))
	if pageHeaderSize+n*elemSize > len(p) {
		return fmt.Errorf("%s counts %d elements, more than it holds", where, n)
	}
	for i := range n {
		e := pageHeaderSize + i*elemSize
		var pos, ksize, vsize int
		if flags == flagBranch {
			pos, ksize = int(ne.Uint32(p[e:])), int(ne.Uint32(p[e+4:]))
		} else {
			pos, ksize, vsize = int(ne.Uint32(p[e+4:])), int(ne.Uint32(p[e+8:])), int(ne.Uint32(p[e+12:]))
		}
		if e+pos+ksize+vsize > len(p) {
			return fmt.Errorf("%s: element %d lies past the end of the page", where, i)
		}
		switch {
		case flags == flagBranch:
			if err := w.node(ne.Uint64(p[e+8:])); err != nil {
				return err
			}
		case ne.Uint32(p[e:])&1 != 0: // a bucket
			v := p[e+pos+ksize : e+pos+ksize+vsize]
			if len(v) < bucketHeader {
				return fmt.Errorf("%s: bucket %d has a short header", where, i)
			}
			if root := ne.Uint64(v); root != 0 {
				if err := w.node(root); err != nil {
					return err
				}
				continue
			}
			inline := v[bucketHeader:]
			if len(inline) < pageHeaderSize || ne.Uint16(inline[8:]) != flagLeaf {
				return fmt.Errorf("%s: inline bucket %d is not a leaf page", where, i)
			}
			if err := w.elements(inline, fmt.Sprintf("%s: inline bucket %d", where, i)); err != nil {
				return err
			}
		}
	}
	return nil
}
