//go:build linux

package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"
)

// spinEnv makes the test binary a process that keeps one core busy until
// it is killed (BenchmarkFdatasync's "busy").
const spinEnv = "AULABOT_SPIN"

func TestMain(m *testing.M) {
	if os.Getenv(spinEnv) != "" {
		for {
		}
	}
	os.Exit(m.Run())
}

// BenchmarkFdatasync times what every commit waits for twice: a page
// written and the file synced (bbolt writes the changed pages and syncs,
// then the meta page and syncs again). "idle" is the machine's disk with
// nothing else running; "busy" the same while other processes keep every
// core busy, as a term's load does (the bot's own work, and the crowd's in
// BenchmarkTerm): the thread that waited for the disk then waits for a
// core too. It reports the p50, p99 and p99.9 of one write and sync.
func BenchmarkFdatasync(b *testing.B) {
	b.Run("idle", benchSync)
	b.Run("busy", func(b *testing.B) {
		for range runtime.NumCPU() {
			spin := exec.Command(os.Args[0], "-test.run=^$")
			spin.Env = append(os.Environ(), spinEnv+"=1")
			if err := spin.Start(); err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { spin.Process.Kill(); spin.Wait() })
		}
		time.Sleep(100 * time.Millisecond) // the spinners running
		benchSync(b)
	})
}

func benchSync(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "sync"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	if _, err := f.Write(make([]byte, 64*len(page))); err != nil { // overwritten in place, as bbolt's pages mostly are
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := f.WriteAt(page, int64(i%64*len(page))); err != nil {
			b.Fatal(err)
		}
		if err := syscall.Fdatasync(int(f.Fd())); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		i++
	}
	slices.Sort(took)
	q := func(p float64) float64 {
		return float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds())
	}
	b.ReportMetric(q(0.5), "p50-µs")
	b.ReportMetric(q(0.99), "p99-µs")
	b.ReportMetric(q(0.999), "p99.9-µs")
}
