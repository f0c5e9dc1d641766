//go:build linux

package store

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// limitedChild is set in the environment of the process that
// TestOpen_UnderAnAddressSpaceLimit starts: the database it opens.
const limitedChild = "AULABOT_STORE_LIMITED_AS"

// A process whose address space is limited (ulimit -v, systemd's
// LimitAS=) with less room left than mapSize still opens its database,
// with bbolt's map that grows with the file, and commits. With the 1 GiB
// map alone, the binary could not open a 16 MB file ("cannot allocate
// memory") under limits of 1.7–2.6 GB (3 December).
func TestOpen_UnderAnAddressSpaceLimit(t *testing.T) {
	if path := os.Getenv(limitedChild); path != "" {
		openLimited(t, path)
		return
	}
	path := filepath.Join(t.TempDir(), "a.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpen_UnderAnAddressSpaceLimit$", "-test.v")
	cmd.Env = append(os.Environ(), limitedChild+"="+path)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "committed under the limit") {
		t.Fatalf("the limited process: %v\n%s", err, out)
	}
	// The file it wrote is whole, read with the usual map.
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte("limited")); b == nil || b.Stats().KeyN != 500 {
			t.Errorf("the limited process's commits are not in the file")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// openLimited runs in the child: it limits its own address space to what
// it uses now plus half of mapSize, proves the limit leaves no room for
// mapSize, then opens the store at path and commits 500 records of 1 KB.
func openLimited(t *testing.T, path string) {
	used := addressSpace(t)
	limit := used + mapSize/2
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatal(err)
	}
	if _, err := syscall.Mmap(-1, 0, mapSize, syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_ANON); err == nil {
		t.Fatalf("a map of %d bytes fits under the limit: the test proves nothing", mapSize)
	}
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatalf("under an address space limit: %v", err)
	}
	defer s.Close()
	if err := grow(s, "limited", 10, 50, make([]byte, 1000)); err != nil {
		t.Fatal(err)
	}
	t.Log("committed under the limit")
}

// addressSpace is the process's mapped address space now (VmSize).
func addressSpace(t *testing.T) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmSize:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmSize in /proc/self/status")
	return 0
}
