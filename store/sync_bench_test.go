//go:build linux

package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// spinEnv makes the test binary a process that says "spinning" and keeps
// one core busy until it is killed (BenchmarkFdatasync's "busy"); with
// the value "idle" it spins in Linux's idle scheduling class, where any
// other thread that wants the core takes it at once.
const spinEnv = "AULABOT_SPIN"

func TestMain(m *testing.M) {
	if class := os.Getenv(spinEnv); class != "" {
		if class == "idle" {
			runtime.LockOSThread() // the class is the thread's
			attr := unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: unix.SCHED_IDLE}
			if err := unix.SchedSetAttr(0, &attr, 0); err != nil {
				os.Stdout.WriteString("no idle class: " + err.Error() + "\n")
				os.Exit(1)
			}
		}
		os.Stdout.WriteString("spinning\n")
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
// BenchmarkTerm). "busy-idle-class" spins in Linux's idle class, which
// gives a core to any other thread the moment it wants one: where its
// syncs are about as fast as "idle"'s, what "busy" adds is the wait for a
// core after the sync (so it was on 3 December, on the 2-core machine).
// It reports the p50, p99 and p99.9 of one write and sync. "commit-K" times what a commit of K
// changed pages does on the idle machine: K pages written at scattered
// places of a 64 MiB file, a sync, the meta page written, a sync.
// "commit-28-within-W" writes a commit of 28 pages (BenchmarkTerm/paced's
// size), each once, inside a window of W pages at a random place of the
// file: W = 28 is one run of them side by side, W = 256 a megabyte;
// "commit-28-anywhere" scatters them over the whole file, as "commit-K"
// does, in the same group of runs. It says how much of a commit's time is
// where bbolt puts the pages rather than how many there are.
func BenchmarkFdatasync(b *testing.B) {
	b.Run("idle", benchSync)
	for _, k := range []int{1, 8, 17, 24, 40} {
		b.Run(fmt.Sprintf("commit-%d", k), func(b *testing.B) { benchPageCommit(b, k, 0) })
	}
	for _, w := range []int{28, 56, 256, 0} {
		name := fmt.Sprintf("commit-28-within-%d", w)
		if w == 0 {
			name = "commit-28-anywhere"
		}
		b.Run(name, func(b *testing.B) { benchPageCommit(b, 28, w) })
	}
	b.Run("busy", func(b *testing.B) { spin(b, "normal"); benchSync(b) })
	b.Run("busy-idle-class", func(b *testing.B) { spin(b, "idle"); benchSync(b) })
}

// spin starts a process per core that keeps it busy, in the given
// scheduling class ("normal" or "idle"), until the benchmark ends.
func spin(b *testing.B, class string) {
	for range runtime.NumCPU() {
		p := exec.Command(os.Args[0], "-test.run=^$")
		p.Env = append(os.Environ(), spinEnv+"="+class)
		out, err := p.StdoutPipe()
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Start(); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { p.Process.Kill(); p.Wait() })
		if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "spinning\n" {
			b.Fatalf("a spinner did not start: %q %v", line, err)
		}
	}
}

// benchPageCommit writes that many pages, syncs, writes the first page
// and syncs again, as a bbolt commit of that many pages does. The pages
// are at scattered places of the whole file with window 0; otherwise
// distinct pages inside a window of that many (at least pages) at a
// random place, one run of them side by side when it is pages.
func benchPageCommit(b *testing.B, pages, window int) {
	const size = 64 << 20
	f := syncFile(b, size)
	page := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	filePages := size / len(page)
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		base, places := 1+r.IntN(filePages-1-window), r.Perm(window)
		for i := range pages {
			at := 1 + r.IntN(filePages-1)
			if window > 0 {
				at = base + places[i]
			}
			if _, err := f.WriteAt(page, int64(at)*int64(len(page))); err != nil {
				b.Fatal(err)
			}
		}
		datasync(b, f)
		if _, err := f.WriteAt(page, 0); err != nil { // the meta page
			b.Fatal(err)
		}
		datasync(b, f)
		took = append(took, time.Since(start))
	}
	reportQuantiles(b, took)
}

// syncFile is a file of size bytes written in full and synced, so that
// writes to it overwrite in place, as bbolt's mostly do.
func syncFile(b *testing.B, size int) *os.File {
	f, err := os.Create(filepath.Join(b.TempDir(), "sync"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	if _, err := f.Write(make([]byte, size)); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	return f
}

func benchSync(b *testing.B) {
	page := make([]byte, 4096)
	f := syncFile(b, 64*len(page))
	var took []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := f.WriteAt(page, int64(i%64*len(page))); err != nil {
			b.Fatal(err)
		}
		datasync(b, f)
		took = append(took, time.Since(start))
		i++
	}
	reportQuantiles(b, took)
}

func datasync(b *testing.B, f *os.File) {
	if err := syscall.Fdatasync(int(f.Fd())); err != nil {
		b.Fatal(err)
	}
}

// reportQuantiles reports the p50, p99 and p99.9 of took.
func reportQuantiles(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	q := func(p float64) float64 {
		return float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds())
	}
	b.ReportMetric(q(0.5), "p50-µs")
	b.ReportMetric(q(0.99), "p99-µs")
	b.ReportMetric(q(0.999), "p99.9-µs")
}
