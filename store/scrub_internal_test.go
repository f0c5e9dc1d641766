package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// churn stores n records of 500 bytes holding text in a bucket of their
// own (20,000 to a transaction), then deletes the bucket: its pages are
// free and hold text.
func churn(t testing.TB, s *Store, n int, text string) {
	t.Helper()
	val := bytes.Repeat([]byte(text), 500/len(text))
	for done := 0; done < n; {
		err := s.db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("churn"))
			if err != nil {
				return err
			}
			for end := min(done+20_000, n); done < end; done++ {
				if err := b.Put(u64(uint64(done)), val); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("churn")) }); err != nil {
		t.Fatal(err)
	}
}

// freeList is freePages inside a write transaction, as the scrub reads it,
// with bbolt's own view of every page: which it calls free.
func freeList(t testing.TB, s *Store) (listed []uint64, free map[uint64]bool) {
	t.Helper()
	f, err := os.Open(s.path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tx, err := s.db.Begin(true)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	listed, _, err = freePages(f, s.path, uint64(tx.ID()-1), &freeBuf{})
	if err != nil {
		t.Fatal(err)
	}
	free = map[uint64]bool{}
	for id := 2; ; id++ {
		p, err := tx.Page(id)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			break
		}
		if p.Type == "free" {
			free[uint64(id)] = true
		}
	}
	return listed, free
}

// The free list the scrub reads from the file is the one bbolt keeps:
// the same pages, every one of them.
func TestFreePages_AsBboltSees(t *testing.T) {
	s := openInternal(t)
	churn(t, s, 6000, "secreto ") // more free pages than one page lists
	listed, free := freeList(t, s)
	if len(listed) <= 4096/8 || len(listed) != len(free) {
		t.Fatalf("the file lists %d free pages, bbolt has %d", len(listed), len(free))
	}
	for _, id := range listed {
		if !free[id] {
			t.Errorf("page %d is listed free, bbolt says it is not", id)
		}
	}
}

// A scrub overwrites every free page with zeros, and scrubbing again and
// again grows neither the file nor its free list.
func TestScrubFree_ZerosEveryFreePageAndGrowsNothing(t *testing.T) {
	s := openInternal(t)
	churn(t, s, 2000, "Girasol-77 ")
	if err := s.scrubFree(); err != nil {
		t.Fatal(err)
	}
	file, _ := os.ReadFile(s.path)
	if n := bytes.Count(file, []byte("Girasol-77")); n > 0 {
		t.Errorf("the file still holds the deleted text %d times", n)
	}
	listed, _ := freeList(t, s)
	ps := int64(s.db.Info().PageSize)
	zeros := make([]byte, ps)
	for _, id := range listed {
		if page := file[int64(id)*ps : int64(id+1)*ps]; !bytes.Equal(page, zeros) {
			t.Errorf("free page %d is not zeros", id)
		}
	}
	size := int64(len(file))
	for range 30 {
		if err := s.scrubFree(); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := os.Stat(s.path)
	if again, _ := freeList(t, s); st.Size() != size || len(again) != len(listed) {
		t.Errorf("after 30 more scrubs: %d bytes and %d free pages, want %d and %d", st.Size(), len(again), size, len(listed))
	}
}

// A scrub writes only the free pages that are not zeros: a second one
// writes nothing, and one byte of text in the middle of a free page (the
// rest of a node that spanned pages has no page header) is overwritten.
func TestScrubFree_WritesOnlyWhatIsNotZeros(t *testing.T) {
	s := openInternal(t)
	churn(t, s, 2000, "Girasol-77 ")
	listed, _ := freeList(t, s)
	if n := scrubWrites(t, s); n < 250 || n > len(listed) { // 2,000 records of 500 bytes fill about 250 pages
		t.Errorf("the first scrub overwrote %d pages of %d free, want those the records filled", n, len(listed))
	}
	if n := scrubWrites(t, s); n != 0 {
		t.Errorf("a scrub with nothing freed since the last overwrote %d pages, want 0", n)
	}

	ps := int64(s.db.Info().PageSize)
	f, err := os.OpenFile(s.path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := listed[len(listed)/2]
	if _, err := f.WriteAt([]byte("Quispe"), int64(page)*ps+ps/2); err != nil {
		t.Fatal(err)
	}
	if n := scrubWrites(t, s); n != 1 {
		t.Errorf("with text in the middle of free page %d the scrub overwrote %d pages, want 1", page, n)
	}
	file, _ := os.ReadFile(s.path)
	if bytes.Contains(file, []byte("Quispe")) {
		t.Errorf("the text written into free page %d is still in the file", page)
	}
}

// scrubWrites scrubs and returns how many pages the scrub wrote.
func scrubWrites(t *testing.T, s *Store) int {
	t.Helper()
	before := s.scrubWrote
	if err := s.scrubFree(); err != nil {
		t.Fatal(err)
	}
	return s.scrubWrote - before
}

// After a scrub that failed, the zeros it wrote may not be on the disk
// although the file reads them: the next scrub writes every free page,
// and the one after only what is not zeros again.
func TestScrubFree_AfterAFailureWritesEveryFreePage(t *testing.T) {
	s := openInternal(t)
	churn(t, s, 500, "Girasol-77 ")
	if err := s.scrubFree(); err != nil {
		t.Fatal(err)
	}
	listed, _ := freeList(t, s)
	s.scrubAll = true // as scrubbed leaves it when the sync fails
	if n := scrubWrites(t, s); n != len(listed) {
		t.Errorf("after a failed scrub the next wrote %d pages, want all %d free", n, len(listed))
	}
	if n := scrubWrites(t, s); n != 0 || s.scrubAll {
		t.Errorf("the scrub after that wrote %d pages (want 0), and still writes all: %v", n, s.scrubAll)
	}
	if err := s.scrubbed(errors.New("sync failed")); err == nil || !s.scrubAll {
		t.Errorf("a failed sync returned %v and left the next scrub writing all: %v", err, s.scrubAll)
	}
}

// window counts the first ids below a page and close to each other, at
// least one and at most a limit.
func TestWindow(t *testing.T) {
	for _, c := range []struct {
		ids  []uint64
		end  uint64
		most int
		want int
	}{
		{[]uint64{7}, 71, 64, 1},
		{[]uint64{7, 8, 9, 12, 16, 17}, 71, 64, 4},
		{[]uint64{7, 8, 9, 10, 70}, 71, 64, 4},
		{[]uint64{7, 8, 9, 10}, 71, 2, 2},
		{[]uint64{7, 71}, 71, 64, 1},
		{[]uint64{7, 8}, 7, 64, 1},
		{[]uint64{7, 8}, 71, 0, 1},
	} {
		if got := window(c.ids, c.end, c.most); got != c.want {
			t.Errorf("window(%v, %d, %d) = %d, want %d", c.ids, c.end, c.most, got, c.want)
		}
	}
}

// A read transaction that sees a commit older than the last may still
// read pages that are free now: the scrub waits for it to end, and it
// reads what it saw, whole.
func TestScrubFree_WaitsForOlderReaders(t *testing.T) {
	s := openInternal(t)
	val := bytes.Repeat([]byte("Quispe "), 70)
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("churn"))
		if err != nil {
			return err
		}
		for i := range 500 {
			if err := b.Put(u64(uint64(i)), val); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reading, release, read := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		read <- s.view(func(tx *bolt.Tx) error {
			close(reading)
			<-release
			return tx.Bucket([]byte("churn")).ForEach(func(k, v []byte) error {
				if !bytes.Equal(v, val) {
					t.Errorf("the reader found record %x overwritten", k)
				}
				return nil
			})
		})
	}()
	<-reading
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("churn")) }); err != nil {
		t.Fatal(err)
	}
	// Two scrubs, as two deletions one after the other make: both wait,
	// and both end once the reader does, with no other reader to come.
	scrubbed := make(chan error, 2)
	for range 2 {
		go func() { scrubbed <- s.scrubFree() }()
	}
	for waits := 0; waits < 2; {
		select {
		case err := <-scrubbed:
			t.Fatalf("a scrub ended (%v) while a reader of the deleted pages was open", err)
		default:
			runtime.Gosched()
		}
		s.readerMu.Lock()
		waits = s.scrubWaits
		s.readerMu.Unlock()
	}
	close(release)
	if err := <-read; err != nil {
		t.Fatal(err)
	}
	for range 2 {
		select {
		case err := <-scrubbed:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("a scrub still waits after the reader ended")
		}
	}
	file, _ := os.ReadFile(s.path)
	if n := bytes.Count(file, []byte("Quispe")); n > 0 {
		t.Errorf("after the reader ended the file still holds the deleted text %d times", n)
	}
}

// freeListPage builds a free list page as bbolt writes one: the header,
// the count in it or, from 0xFFFF on, in the first element, then the ids.
func freeListPage(ids []uint64, ps int) []byte {
	e := binary.NativeEndian
	at := pageHeaderSize
	if len(ids) >= 0xFFFF {
		at += 8
	}
	size := ps * ((at+8*len(ids))/ps + 1)
	p := make([]byte, size)
	e.PutUint16(p[8:], freelistPageFlag)
	e.PutUint32(p[12:], uint32(size/ps-1))
	if len(ids) >= 0xFFFF {
		e.PutUint16(p[10:], 0xFFFF)
		e.PutUint64(p[pageHeaderSize:], uint64(len(ids)))
	} else {
		e.PutUint16(p[10:], uint16(len(ids)))
	}
	for i, id := range ids {
		e.PutUint64(p[at+8*i:], id)
	}
	return p
}

// parseFreeList reads back the pages bbolt lists, with the count in the
// header or in the first element, and refuses anything else without
// panicking: whatever it returns is in order and within the file.
func FuzzParseFreeList(f *testing.F) {
	many := make([]uint64, 0x10000)
	for i := range many {
		many[i] = uint64(2 + 2*i)
	}
	for _, ids := range [][]uint64{nil, {2}, {3, 4, 9, 100}, many} {
		f.Add(freeListPage(ids, 4096), uint64(1<<20))
	}
	f.Add([]byte{1, 2, 3}, uint64(10))
	f.Add(freeListPage([]uint64{5, 4}, 4096), uint64(10))
	f.Fuzz(func(t *testing.T, page []byte, pgid uint64) {
		ids, err := parseFreeList(page, pgid, nil)
		if err != nil {
			return
		}
		for i, id := range ids {
			if id < 2 || id >= pgid || (i > 0 && id <= ids[i-1]) {
				t.Fatalf("parsed page %d (of %d in use) at %d of %v", id, pgid, i, ids)
			}
		}
		if again, err := parseFreeList(freeListPage(ids, 4096), pgid, nil); err != nil || !slices.Equal(again, ids) {
			t.Fatalf("%v written and read again: %v, %v", ids, again, err)
		}
	})
}

// The pages bbolt's free lists hold, however many, read back as written.
func TestParseFreeList_Counts(t *testing.T) {
	for _, n := range []int{0, 1, 510, 511, 0xFFFE, 0xFFFF, 0x10001} {
		ids := make([]uint64, n)
		for i := range ids {
			ids[i] = uint64(2 + i)
		}
		got, err := parseFreeList(freeListPage(ids, 4096), uint64(n+2), nil)
		if err != nil || !slices.Equal(got, ids) {
			t.Errorf("%d pages: read %d, %v", n, len(got), err)
		}
	}
	if _, err := parseFreeList(freeListPage([]uint64{2, 3}, 4096), 3, nil); err == nil {
		t.Error("a free page past the pages in use was taken")
	}
}

// A database left with the old scrub's filler bucket (a crash in the
// middle of one) loses it when opened.
func TestOpen_DropsOldScrubBucket(t *testing.T) {
	path := t.TempDir() + "/aulabot.db"
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte(bOldScrub))
		if err != nil {
			return err
		}
		return b.Put(u64(1), make([]byte, 992))
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	defer s.Close()
	s.view(func(tx *bolt.Tx) error {
		if tx.Bucket([]byte(bOldScrub)) != nil {
			t.Error("the old scrub's bucket is still there")
		}
		return nil
	})
}

// BenchmarkScrubFree times one scrub, fsync on, of a file with about
// 2,700, 27,000 and 135,000 free pages (11, 110 and 550 MB freed, as a
// term's pruning or a large deletion may leave). fresh: every free page
// holds data (freed since the last scrub, as after a large deletion);
// again: all are zeros already (a scrub soon after another, as
// /deletemydata's second one is, reads them and writes nothing).
// longest_hold_ms is the longest the scrub held the writer's lock at
// once, which every other commit waits for.
func BenchmarkScrubFree(b *testing.B) {
	for nth, records := range []int{8_000, 80_000, 400_000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		for _, fresh := range []bool{true, false} {
			name := fmt.Sprintf("records=%dk/again", records/1000)
			if fresh {
				name = fmt.Sprintf("records=%dk/fresh", records/1000)
			}
			b.Run(name, func(b *testing.B) { benchScrub(b, records, fresh) })
		}
	}
}

func benchScrub(b *testing.B, records int, fresh bool) {
	s, err := Open(filepath.Join(b.TempDir(), "aulabot.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	churn(b, s, records, "x")
	st := s.db.Stats()
	free := st.FreePageN + st.PendingPageN
	f, err := os.OpenFile(s.path, os.O_RDWR, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	ps := int64(s.db.Info().PageSize)
	dirty := func() { // a byte of data in every free page, on disk
		b.Helper()
		listed, _ := freeList(b, s)
		for _, id := range listed {
			if _, err := f.WriteAt([]byte{'x'}, int64(id)*ps+ps/2); err != nil {
				b.Fatal(err)
			}
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
	}
	if !fresh {
		if err := s.scrubFree(); err != nil {
			b.Fatal(err)
		}
	}
	wrote := s.scrubWrote
	s.scrubLongest = 0
	for b.Loop() {
		if fresh {
			b.StopTimer()
			dirty()
			b.StartTimer()
		}
		if err := s.scrubFree(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(free), "free_pages")
	b.ReportMetric(float64(s.scrubWrote-wrote)/float64(b.N), "written_pages")
	b.ReportMetric(float64(s.scrubLongest.Microseconds())/1000, "longest_hold_ms")
}

// A backup holds no free page's old contents: pages freed by a commit
// whose scrub has not run yet (here, a bucket deleted with no scrub at
// all) are zeros in the copy, and the copy is whole.
func TestStore_BackupZeroesFreePages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "Zacarias-40404040-"
	churn(t, s, 200, secret)
	var b bytes.Buffer
	if _, err := s.Backup(&b); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte(secret)) {
		t.Error("the backup holds the contents of pages freed before it")
	}
	// The same from the file opened read-only (a backup with no bot).
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var rb bytes.Buffer
	if _, err := ro.Backup(&rb); err != nil {
		t.Fatal(err)
	}
	ro.Close()
	if file, _ := os.ReadFile(path); !bytes.Contains(file, []byte(secret)) || bytes.Contains(rb.Bytes(), []byte(secret)) {
		t.Error("a backup of the file opened read-only holds what its free pages hold")
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copyPath, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Open(copyPath, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Check(); err != nil {
		t.Errorf("the backup: %v", err)
	}
}

// zeroPages zeroes exactly the free pages of what passes through it,
// however the writes split the pages.
func TestZeroPages(t *testing.T) {
	const ps, pages = 16, 12
	src := make([]byte, ps*pages)
	for i := range src {
		src[i] = byte(i%250 + 1)
	}
	free := []uint64{2, 3, 7, 11}
	want := slices.Clone(src)
	for _, id := range free {
		clear(want[id*ps : (id+1)*ps])
	}
	for _, chunk := range []int{1, 5, 16, 17, 40, len(src)} {
		var out bytes.Buffer
		z := &zeroPages{w: &out, free: free, ps: ps}
		if n, err := z.Write(nil); n != 0 || err != nil {
			t.Fatalf("an empty write: %d, %v", n, err)
		}
		for p := src; len(p) > 0; {
			n := min(chunk, len(p))
			if _, err := z.Write(p[:n]); err != nil {
				t.Fatal(err)
			}
			p = p[n:]
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("writes of %d bytes: got %v", chunk, out.Bytes())
		}
	}
}
