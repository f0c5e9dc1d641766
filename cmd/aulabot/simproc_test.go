package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// The suites that test the real binary from outside (crash, faults, flood)
// build cmd/aulabot once per test run, with the race detector when the
// tests run with it, and run it as a separate process against an emulator
// in the test.

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// testParallel is how many of this package's parallel tests run at once
// unless -test.parallel says otherwise. The suites and the slow
// end-to-end tests marked parallel wait on the bot (its fsyncs, its
// timers, Telegram's pace in the emulator) far more than they compute:
// the crash, fault and flood suites took 92 s together at 4 under -race
// on the 2-core machine, against 180 s at Go's default of one per core.
// A test whose waits cover CPU work (warming the knowledge base, seeding,
// filling pages) stays sequential: TestE2E_KnowledgeWarmed, made
// parallel, missed its 10 s wait for a reload's warm-up once.
const testParallel = 4

// TestMain runs testParallel parallel tests at once, and removes the
// binary built for the suites. Started as BenchmarkTerm's crowd
// (crowdEnv set), the test binary is the crowd instead.
func TestMain(m *testing.M) {
	if spec := os.Getenv(crowdEnv); spec != "" {
		os.Exit(crowdMain(spec))
	}
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(testParallel))
	}
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// botBinary builds the aulabot binary (once per test run) and returns its
// path.
func botBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			binErr = fmt.Errorf("the go command is needed to build the binary under test: %w", err)
			return
		}
		if binDir, binErr = os.MkdirTemp("", "aulabot-bin-"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "aulabot")
		args := []string{"build", "-o", binPath}
		if raceEnabled {
			args = append(args, "-race")
		}
		out, err := exec.Command(goTool, append(args, ".")...).CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// botProc is one run of the binary: one generation.
type botProc struct {
	gen     int
	cmd     *exec.Cmd
	log     string // file with its stdout and stderr
	started time.Time
	done    chan struct{} // closed when it exited
	err     error         // what Wait returned
}

// stop is how one process ended.
type stop struct {
	Gen    int
	Signal string // "KILL", "TERM"
	At     time.Time
	Took   time.Duration // from the signal to the exit
	Exit   int           // exit status; -1 killed by a signal
}

// botRunner starts, kills and restarts the binary on one database against
// one emulator, numbering the processes as generations in the emulator.
type botRunner struct {
	t   testing.TB
	sb  *sandbox.Server
	env []string
	dir string

	mu    sync.Mutex
	cur   *botProc
	procs []*botProc
	stops []stop
}

// newBotRunner runs the binary with TELEGRAM_API_ENDPOINT at the emulator
// behind endpoint and its database and configuration in dir.
func newBotRunner(t testing.TB, sb *sandbox.Server, endpoint, dir, config string) *botRunner {
	return &botRunner{t: t, sb: sb, dir: dir, env: []string{
		"TELEGRAM_BOT_TOKEN=" + sb.Token(),
		"TELEGRAM_API_ENDPOINT=" + endpoint,
		"AULABOT_DATA=" + filepath.Join(dir, "aulabot.db"),
		"AULABOT_CONFIG=" + config,
		"GORACE=halt_on_error=0",
		"HOME=" + dir,
	}}
}

// dataPath is the database the processes share.
func (r *botRunner) dataPath() string { return filepath.Join(r.dir, "aulabot.db") }

// start starts the next generation and waits until it polls for updates.
func (r *botRunner) start() {
	r.t.Helper()
	r.mu.Lock()
	gen := len(r.procs) + 1
	r.mu.Unlock()
	r.sb.SetGeneration(gen)
	p := &botProc{gen: gen, log: filepath.Join(r.dir, fmt.Sprintf("bot-%02d.log", gen)), done: make(chan struct{})}
	f, err := os.Create(p.log)
	if err != nil {
		r.t.Fatal(err)
	}
	p.cmd = exec.Command(botBinary(r.t), "serve")
	p.cmd.Env, p.cmd.Dir = r.env, r.dir
	p.cmd.Stdout, p.cmd.Stderr = f, f
	p.started = time.Now()
	if err := p.cmd.Start(); err != nil {
		f.Close()
		r.t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		f.Close()
		close(p.done)
	}()
	r.mu.Lock()
	r.cur = p
	r.procs = append(r.procs, p)
	r.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	seq := 0
	for {
		ch := r.sb.Changed()
		for _, rec := range r.sb.RecordSince(seq) {
			seq = rec.Seq
			if rec.Kind == sandbox.RecPoll && rec.Generation == gen {
				return
			}
		}
		select {
		case <-ch:
		case <-p.done:
			r.t.Fatalf("bot generation %d exited at start (%v):\n%s", gen, p.err, tail(p.log, 30))
		case <-ctx.Done():
			r.t.Fatalf("bot generation %d did not poll within a minute:\n%s", gen, tail(p.log, 30))
		}
	}
}

// kill ends the current process with SIGKILL.
func (r *botRunner) kill() {
	r.t.Helper()
	p := r.current()
	at := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		r.t.Fatalf("kill generation %d: %v", p.gen, err)
	}
	<-p.done
	r.ended(p, "KILL", at)
}

// term stops the current process with SIGTERM and waits for it to exit,
// at most limit (then it is killed). It returns how it ended.
func (r *botRunner) term(limit time.Duration) stop {
	r.t.Helper()
	p := r.current()
	at := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		r.t.Fatalf("SIGTERM generation %d: %v", p.gen, err)
	}
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case <-p.done:
	case <-t.C:
		_ = p.cmd.Process.Signal(syscall.SIGKILL)
		<-p.done
	}
	return r.ended(p, "TERM", at)
}

func (r *botRunner) current() *botProc {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur == nil {
		r.t.Fatal("no bot process is running")
	}
	return r.cur
}

func (r *botRunner) ended(p *botProc, signal string, at time.Time) stop {
	s := stop{Gen: p.gen, Signal: signal, At: at, Took: time.Since(at), Exit: p.cmd.ProcessState.ExitCode()}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cur = nil
	r.stops = append(r.stops, s)
	return s
}

// stopAll ends a process still running (at the end of a failed test).
func (r *botRunner) stopAll() {
	r.mu.Lock()
	p := r.cur
	r.mu.Unlock()
	if p != nil {
		_ = p.cmd.Process.Signal(syscall.SIGKILL)
		<-p.done
	}
}

// problems returns what every process printed about a panic, a data race
// or a fatal error, prefixed with the generation: the line, and for a
// runtime report (a panic, a race) the lines of its report that follow.
func (r *botRunner) problems() []string {
	var out []string
	for _, p := range r.procs {
		b, _ := os.ReadFile(p.log)
		lines := strings.Split(string(b), "\n")
		for i := 0; i < len(lines); i++ {
			l := strings.ToLower(lines[i])
			if !strings.Contains(l, "panic") && !strings.Contains(l, "data race") && !strings.Contains(l, "fatal error") {
				continue
			}
			report := []string{clipLine(lines[i])}
			if strings.HasPrefix(lines[i], "panic:") || strings.HasPrefix(lines[i], "fatal error:") || strings.Contains(lines[i], "WARNING: DATA RACE") {
				for i+1 < len(lines) && len(report) < 40 && !strings.HasPrefix(lines[i+1], "==================") && !strings.HasPrefix(lines[i+1], "time=") {
					i++
					report = append(report, clipLine(lines[i]))
				}
			}
			out = append(out, fmt.Sprintf("generation %d: %s", p.gen, strings.Join(report, "\n    ")))
		}
	}
	return out
}

func clipLine(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
