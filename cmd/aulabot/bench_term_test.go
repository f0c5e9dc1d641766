package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/store"
)

// BenchmarkTerm runs a term's mix of traffic through the real bot (Main),
// fsync on, from 400 people at once talking to it through the Bot API
// emulator, each acting as a person does: one step, then the bot's reply,
// then the next. The people and the emulator run in a process of their
// own (the crowd, term_crowd_test.go), so the bot has this process to
// itself. Each person onboards (/start, language, university, role), asks
// 7 questions of the built-in base (1 in 10 one it cannot answer) and
// presses Helpful or Not helpful under 6 in 10 answers, reports a
// technical problem half the time, after one of the questions (/problem,
// category, description; one of the university's 4 technicians claims it
// and replies in the team group, the person replies back), books a group
// session (/mentoring, Group, a slot, Confirm) and cancels it half the
// time (/mybookings, Cancel, Yes), and asks for /help once. A technician
// is a person too: one step at a time, however many tickets wait. That
// is about 23 updates per person: 41 % questions and feedback, 24 %
// bookings and cancels, 17 % onboarding, 13 % tickets, 4 % other. A term
// is mostly questions, the bot's main job; everybody onboards once;
// problems come throughout.
//
// The bot sends without Telegram's rate limits (the harness turns its
// limiter off, and the emulator keeps none), except in "telegram": with
// them the replies of 1,000 updates a second would queue and the people,
// who wait for each reply, could not keep the pace.
//
// It reports updates/s over the whole run, how long people waited for
// the bot (reply_p50_ms, reply_p99_ms: from a person's message or press
// reaching the emulator to the bot's reply, or its answer to the press,
// reaching it, as the crowd sees it), the 429s the bot got, and, per
// kind of update, the p50 and p99 time from the poller handing the
// update to the dispatcher to its effects and replies committed (and
// logs the time to the handler done, which for a button press includes
// answering it, and what the time to committed is made of: the wait for
// a worker, the handler's work, the wait for its transaction, the
// transaction). It also reports the bot's CPU time and bytes allocated
// per update, the share of that CPU the garbage collector took
// (gc_cpu_%), the crowd's CPU time per update, and the time each commit
// took to write its pages and sync the file (write_ms/commit, two
// fdatasyncs): on a shared machine they vary far less than latencies do. It also reports the bot's anonymous resident
// memory right after the load and once the bot has given back what the
// load left free (anon_MB_busy, anon_MB_quiet). It logs how long a ready
// goroutine of the bot waited for a processor. The bot logs only
// warnings, with or without -v. "paced" offers 1,000 updates a second
// (the people wait for a shared token bucket before each step): handling
// times at the target load. "max" lets them go as fast as the bot
// answers: what it sustains at most, with the queueing that saturation
// brings. "half" offers 500 a second: whether the tail at 1,000 comes
// from the load. "trickle" is a quiet bot: 20 people offer 50 steps a
// second, without Telegram's limits, so it takes about 10 s; what one
// person waits for when nobody else keeps the cores busy (with 20 to 140
// updates of each kind, a p99 is the slowest or the next). "telegram" is
// the load Telegram lets a bot have: both the bot and the emulator keep
// Telegram's limits (30 messages a second overall, 1 a second per person,
// 20 a minute per group), and 20 people offer 10 steps a second; the team
// groups' 20 messages a minute make the technicians wait for the tickets'
// posts, so it takes about 95 s. "nosync" is "paced" with the bot's
// database never synced to the disk: not a way to run the bot (a machine
// that stops loses what was committed), but what the tail at 1,000
// updates a second is without the disk, the cores alone. Each run also
// logs the updates that took over 10 ms to commit and what their time
// went on (over10ms_%: their share of all updates).
func BenchmarkTerm(b *testing.B) {
	b.Run("paced", func(b *testing.B) { benchTerm(b, crowdSpec{People: 400, Rate: 1000}) })
	b.Run("max", func(b *testing.B) { benchTerm(b, crowdSpec{People: 400}) })
	b.Run("half", func(b *testing.B) { benchTerm(b, crowdSpec{People: 400, Rate: 500}) })
	b.Run("trickle", func(b *testing.B) { benchTerm(b, crowdSpec{People: 20, Rate: 50}) })
	b.Run("telegram", func(b *testing.B) { benchTerm(b, crowdSpec{People: 20, Rate: 10, Limits: true}) })
	b.Run("nosync", func(b *testing.B) { benchTerm(b, crowdSpec{People: 400, Rate: 1000, NoSync: true}) })
}

func benchTerm(b *testing.B, spec crowdSpec) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		t := newTerm(b, spec)
		b.StartTimer()
		commits, writes := t.commits(), t.h.M.Store.Writes()
		before := resourcesNow()
		done := t.play()
		used := resourcesNow().since(before)
		b.StopTimer()
		used.commits = t.commits() - commits
		after := t.h.M.Store.Writes()
		used.pages, used.writing = after.Pages-writes.Pages, after.Took-writes.Took
		if len(done.Errors) > 0 {
			b.Fatalf("%d people got stuck; the first: %s", len(done.Errors), done.Errors[0])
		}
		t.report(b, done, used)
		t.quiet(b)
		t.stop()
	}
}

// term is one run: the bot in this process, the crowd in its own.
type term struct {
	b     testing.TB
	h     *harness
	kinds *kindTimer
	crowd *exec.Cmd
	in    io.WriteCloser // the crowd's standard input
	out   *bufio.Reader  // the crowd's standard output
	trims chan struct{}  // a trim of the bot's memory happened
}

// newTerm starts the crowd, then the bot against the crowd's emulator,
// with group sessions of each university's mentors, one an hour from
// tomorrow on, with room for everybody.
func newTerm(b testing.TB, spec crowdSpec) *term {
	js, err := json.Marshal(spec)
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crowdEnv+"="+string(js))
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	t := &term{b: b, crowd: cmd, in: in, out: bufio.NewReader(out), trims: make(chan struct{}, 1)}
	b.Cleanup(t.stop)
	var hello crowdHello
	t.read(&hello)
	cfg := termConfig()
	// The bot gets the memory settings serve sets: the collector's target,
	// the soft memory limit, the trim when quiet (every second here).
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	b.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
	t.h = &harness{t: b, URL: hello.URL, Token: hello.Token, Cfg: cfg, Data: filepath.Join(b.TempDir(), "aulabot.db"), Quiet: true, Limits: spec.Limits, NoSync: spec.NoSync, FreshKB: true,
		TuneMemory: true, IdleTrimEvery: time.Second, AfterTrim: func() {
			select {
			case t.trims <- struct{}{}:
			default:
			}
		}}
	// The timer goes in before the bot runs: its workers and the
	// announcer read these fields from the start.
	t.h.BeforeRun = func(m *Main) {
		t.kinds = newKindTimer(m.Handlers)
		m.Dispatcher.Handler = t.kinds
		m.Handlers.Store = commitClock{Store: m.Handlers.Store}
	}
	warmed := make(chan struct{}, 1)
	t.h.AfterWarm = func(*knowledge.Base) {
		select {
		case warmed <- struct{}{}:
		default: // a later base's warming: nobody waits for it
		}
	}
	t.h.start()
	<-warmed // as in production, where people come after the 0.1 s it takes
	err = t.h.M.Store.Update(func(tx *store.Tx) error {
		day := time.Now().UTC().Truncate(time.Hour).Add(26 * time.Hour)
		for _, u := range cfg.Universities {
			for k := range 10 {
				_, err := tx.CreateSlot(u.ID, u.Mentors[k%len(u.Mentors)], "Mentor", aulabot.NewSlot{Start: day.Add(time.Duration(k) * time.Hour),
					Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 100, Topic: "Moodle"})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// read reads the crowd's next line into v.
func (t *term) read(v any) {
	line, err := t.out.ReadBytes('\n')
	if err != nil {
		t.b.Fatalf("the crowd stopped: %v", err)
	}
	if err := json.Unmarshal(line, v); err != nil {
		t.b.Fatalf("the crowd said %q: %v", line, err)
	}
}

// play has the crowd play the term and returns its report.
func (t *term) play() crowdDone {
	if _, err := io.WriteString(t.in, "go\n"); err != nil {
		t.b.Fatal(err)
	}
	var done crowdDone
	t.read(&done)
	return done
}

// stop stops the bot, then the crowd.
func (t *term) stop() {
	if t.h != nil {
		t.h.stop()
	}
	if t.in != nil {
		t.in.Close()
		t.in = nil
		if err := t.crowd.Wait(); err != nil {
			t.b.Errorf("the crowd: %v", err)
		}
	}
}

// report prints the mix and reports throughput, the bot's CPU time and
// allocation per update and the crowd's CPU time per update, and
// latencies per kind: to committed (name_p50_ms, name_p99_ms) and to the
// handler done (logged), and what the committed time is made of (logged).
func (t *term) report(b *testing.B, done crowdDone, used resources) {
	el := done.Elapsed
	k := t.kinds
	k.mu.Lock()
	defer k.mu.Unlock()
	total := 0
	for _, d := range k.handled {
		total += len(d)
	}
	slow, spent := k.slow(slowUpdate) // before the sorting below reorders took
	b.ReportMetric(float64(total)/el.Seconds(), "updates/s")
	b.ReportMetric(float64(used.cpu.Microseconds())/float64(total), "cpu_us/update")
	b.ReportMetric(float64(done.CPU.Microseconds())/float64(total), "crowd_cpu_us/update")
	b.ReportMetric(float64(used.alloc)/1024/float64(total), "alloc_KiB/update")
	b.ReportMetric(float64(used.commits)/float64(total), "commits/update")
	names := make([]string, 0, len(k.took))
	for name := range k.took {
		names = append(names, name)
	}
	slices.Sort(names)
	ms := func(d []time.Duration, q float64) float64 {
		slices.Sort(d)
		return float64(d[min(len(d)-1, int(q*float64(len(d))))].Microseconds()) / 1000
	}
	for _, name := range names {
		c, h := k.took[name], k.handled[name]
		b.ReportMetric(ms(c, 0.5), name+"_p50_ms")
		b.ReportMetric(ms(c, 0.99), name+"_p99_ms")
		b.Logf("%-10s %5d updates (%4.1f %%)  committed p50 %5.2f ms p99 %6.2f ms  handled p50 %5.2f ms p99 %6.2f ms",
			name, len(h), 100*float64(len(h))/float64(total), ms(c, 0.5), ms(c, 0.99), ms(h, 0.5), ms(h, 0.99))
	}
	if len(done.Waits) > 0 {
		w := done.Waits
		b.ReportMetric(ms(w, 0.5), "reply_p50_ms")
		b.ReportMetric(ms(w, 0.99), "reply_p99_ms")
		b.Logf("people waited for the bot p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, at most %.2f ms (%d steps)",
			ms(w, 0.5), ms(w, 0.99), ms(w, 0.999), ms(w, 1), len(w))
	}
	b.ReportMetric(counter(b, t.h.M.Metrics.Registry, "aulabot_telegram_429_total"), "429s")
	b.ReportMetric(100*float64(slow)/float64(total), "over10ms_%")
	if slow > 0 {
		var all time.Duration
		for _, d := range spent {
			all += d
		}
		share := func(d time.Duration) float64 { return 100 * d.Seconds() / all.Seconds() }
		b.Logf("%d updates (%.1f %%) took over %v to commit; of their time the wait for a worker was %.0f %%, the handler's work %.0f %%, the wait for their transaction %.0f %% and the transaction %.0f %%",
			slow, 100*float64(slow)/float64(total), slowUpdate, share(spent[0]), share(spent[1]), share(spent[2]), share(spent[3]))
	}
	for _, name := range names {
		p := k.parts[name]
		b.Logf("%-10s waited for a worker p50 %5.2f ms p99 %6.2f ms  before the commit p50 %5.2f ms p99 %6.2f ms  waited for its transaction p50 %5.2f ms p99 %6.2f ms  committing p50 %5.2f ms p99 %6.2f ms",
			name, ms(p[0], 0.5), ms(p[0], 0.99), ms(p[1], 0.5), ms(p[1], 0.99), ms(p[2], 0.5), ms(p[2], 0.99), ms(p[3], 0.5), ms(p[3], 0.99))
	}
	b.Logf("%d updates in %v; the bot's CPU %v (%.2f cores), the crowd's %v (%.2f cores), %d garbage collections, %d commits",
		total, el.Round(time.Millisecond), used.cpu.Round(time.Millisecond), used.cpu.Seconds()/el.Seconds(),
		done.CPU.Round(time.Millisecond), done.CPU.Seconds()/el.Seconds(), used.gcs, used.commits)
	if used.commits > 0 {
		write := float64(used.writing.Microseconds()) / 1000 / float64(used.commits)
		b.ReportMetric(write, "write_ms/commit")
		b.Logf("each commit wrote %.1f pages; writing them and syncing the file took %.2f ms on average",
			float64(used.pages)/float64(used.commits), write)
	}
	b.ReportMetric(100*used.gcCPU/used.cpu.Seconds(), "gc_cpu_%")
	b.Logf("the collector took %.1f %% of the bot's CPU (assists included); a ready goroutine waited for a processor p50 %v, p99 %v, p99.9 %v",
		100*used.gcCPU/used.cpu.Seconds(), used.waitQuantile(0.5), used.waitQuantile(0.99), used.waitQuantile(0.999))
}

// quiet reports the bot's anonymous resident memory (its heap and stacks:
// the test binary's own pages would say nothing of the bot's) right after
// the load, and once the bot has given back what the load left free: at
// its first trim after the load (trimWhenIdle), or after three of its
// periods if none comes.
func (t *term) quiet(b *testing.B) {
	anon := func() float64 {
		st, err := procStatus(os.Getpid())
		if err != nil {
			b.Fatal(err)
		}
		return st["RssAnon"] / 1024
	}
	select {
	case <-t.trims: // one from before the load
	default:
	}
	busy := anon()
	// The first quiet period after the load trims; a load too light ever
	// to make the bot busy (telegram) never does.
	select {
	case <-t.trims:
	case <-time.After(3 * t.h.IdleTrimEvery):
		b.Logf("no trim: the load never made the bot busy")
	}
	quiet := anon()
	b.ReportMetric(busy, "anon_MB_busy")
	b.ReportMetric(quiet, "anon_MB_quiet")
	b.Logf("anonymous resident memory %.1f MB after the load, %.1f MB once quiet", busy, quiet)
}

// kindTimer times each update by kind (kindOf): from the dispatcher
// queuing it (bot.Queued) to its transaction committed, and to the
// handler done (which, for a button press, includes answering it: a Bot
// API call).
type kindTimer struct {
	next    bot.Handler
	mu      sync.Mutex
	took    map[string][]time.Duration // to committed
	handled map[string][]time.Duration // to the handler done
	// parts splits the time to committed: the wait for a worker, the
	// handler's work before it asks to commit, the wait for its
	// transaction to start running its function, and from then to
	// committed (the group's functions, the write, the fsync).
	parts map[string]*[4][]time.Duration
	// steps counts the updates the crowd times a wait for: the people's
	// messages and presses, but not their replies to a technician.
	steps int
}

func newKindTimer(next bot.Handler) *kindTimer {
	return &kindTimer{next: next, took: map[string][]time.Duration{}, handled: map[string][]time.Duration{},
		parts: map[string]*[4][]time.Duration{}}
}

// kindOf is what the sender of u is doing, read from what the crowd
// sends (term_crowd_test.go): each step's command, button or text says
// it, and anything else a person types is a question.
func kindOf(u aulabot.Update) string {
	if u.ChatID < 0 {
		return "ticket" // the technicians in the team groups
	}
	s := u.Text
	if u.Callback != nil {
		s = u.Callback.Data
	}
	prefixed := func(ps ...string) bool {
		return slices.ContainsFunc(ps, func(p string) bool { return strings.HasPrefix(s, p) })
	}
	switch {
	case s == "/start" || prefixed("lang:", "uni:", "role:"):
		return "onboarding"
	case prefixed("kb:h:"):
		return "feedback"
	case s == "/mybookings" || prefixed("bk:x:", "bk:X:"):
		return "cancel"
	case s == "/mentoring" || prefixed("bk:"):
		return "booking"
	case s == "/problem" || prefixed("tk:") || strings.Contains(s, problemMark) || strings.Contains(s, fixedMark):
		return "ticket"
	case s == "/help":
		return "other"
	}
	return "question"
}

// slowUpdate is the goal for every kind's p99: the updates that take
// longer are the tail.
const slowUpdate = 10 * time.Millisecond

// slow counts the updates that took over limit from queued to committed
// and adds up what their time went on, part by part (kindTimer.parts).
// k.mu is held; took and parts must still be in the order they came.
func (k *kindTimer) slow(limit time.Duration) (n int, spent [4]time.Duration) {
	for name, took := range k.took {
		p := k.parts[name]
		for i, d := range took {
			if d <= limit {
				continue
			}
			n++
			for j := range spent {
				spent[j] += p[j][i]
			}
		}
	}
	return n, spent
}

// timing is one update's clock readings; it travels in the handler's
// context, so timing takes no lock until the update is done.
type timing struct {
	queued, start, asked, ran, committed time.Time
}

type timingKey struct{}

func (k *kindTimer) Handle(ctx context.Context, u aulabot.Update) error {
	tm := &timing{start: time.Now()}
	tm.queued = tm.start
	if at, ok := bot.Queued(ctx); ok { // the dispatcher's clock: time.Now in the benchmark
		tm.queued = at
	}
	if u.ChatID > 0 && !strings.Contains(u.Text, fixedMark) {
		// Counted before it is handled: the person's wait may end, and
		// the term with it, before the handler returns.
		k.mu.Lock()
		k.steps++
		k.mu.Unlock()
	}
	err := k.next.Handle(context.WithValue(ctx, timingKey{}, tm), u)
	took := time.Since(tm.queued)
	name := kindOf(u)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.handled[name] = append(k.handled[name], took)
	if !tm.committed.IsZero() {
		k.took[name] = append(k.took[name], tm.committed.Sub(tm.queued))
		p := k.parts[name]
		if p == nil {
			p = new([4][]time.Duration)
			k.parts[name] = p
		}
		for i, d := range []time.Duration{tm.start.Sub(tm.queued), tm.asked.Sub(tm.start), tm.ran.Sub(tm.asked), tm.committed.Sub(tm.ran)} {
			p[i] = append(p[i], d)
		}
	}
	return err
}

// commitClock is the handlers' store, noting in each update's timing
// when its transaction was asked for, started running its function and
// committed.
type commitClock struct {
	handlers.Store
}

func (c commitClock) Apply(ctx context.Context, id, offset int64, fn func(tx handlers.Tx) error) error {
	tm, _ := ctx.Value(timingKey{}).(*timing)
	asked := time.Now()
	var ran time.Time
	err := c.Store.Apply(ctx, id, offset, func(tx handlers.Tx) error {
		if ran.IsZero() {
			ran = time.Now()
		}
		return fn(tx)
	})
	if err == nil && tm != nil && tm.committed.IsZero() {
		tm.asked, tm.ran, tm.committed = asked, ran, time.Now()
	}
	return err
}

// resources are what the process has used: CPU time (user and system),
// bytes allocated, garbage collections and the CPU time the collector
// took (assists included), the bot's write transactions (each one write
// and two fsyncs; set by the caller), and how long goroutines waited
// for a processor once ready (counts per bucket of runtime/metrics'
// histogram).
type resources struct {
	cpu     time.Duration
	alloc   uint64
	gcs     uint32
	gcCPU   float64 // seconds
	commits int
	pages   int64         // written by the commits
	writing time.Duration // the commits' writing and syncing
	waits   []uint64
}

// runtimeMetrics are the collector's CPU time and the scheduling latency.
var runtimeMetrics = []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/sched/latencies:seconds"}}

// commits is how many write transactions the bot's database has committed.
func (t *term) commits() int {
	n, err := t.h.M.Store.Commits()
	if err != nil {
		t.b.Fatal(err)
	}
	return n
}

func resourcesNow() resources {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	metrics.Read(runtimeMetrics)
	h := runtimeMetrics[1].Value.Float64Histogram()
	return resources{cpu: cpuNow(), alloc: ms.TotalAlloc, gcs: ms.NumGC,
		gcCPU: runtimeMetrics[0].Value.Float64(), waits: slices.Clone(h.Counts)}
}

func (r resources) since(old resources) resources {
	waits := make([]uint64, len(r.waits))
	for i := range waits {
		waits[i] = r.waits[i] - old.waits[i]
	}
	return resources{cpu: r.cpu - old.cpu, alloc: r.alloc - old.alloc, gcs: r.gcs - old.gcs, gcCPU: r.gcCPU - old.gcCPU, waits: waits}
}

// waitQuantile is the q quantile of the scheduling latency (the upper
// bound of its histogram bucket).
func (r resources) waitQuantile(q float64) time.Duration {
	var total, seen uint64
	for _, n := range r.waits {
		total += n
	}
	bounds := runtimeMetrics[1].Value.Float64Histogram().Buckets
	for i, n := range r.waits {
		if seen += n; total > 0 && float64(seen) >= q*float64(total) {
			return time.Duration(bounds[i+1] * float64(time.Second))
		}
	}
	return 0
}

// TestTerm_OneWaitPerStep plays a small term and checks the crowd's
// waits: one for each message or press of a person that the bot handled,
// none negative, none longer than the term.
func TestTerm_OneWaitPerStep(t *testing.T) {
	t.Parallel() // waits on the bot more than it computes (TestMain)
	tm := newTerm(t, crowdSpec{People: 6})
	done := tm.play()
	if len(done.Errors) > 0 {
		t.Fatalf("%d people got stuck; the first: %s", len(done.Errors), done.Errors[0])
	}
	tm.kinds.mu.Lock()
	steps := tm.kinds.steps
	tm.kinds.mu.Unlock()
	if len(done.Waits) != steps || steps < 6*20 {
		t.Errorf("%d waits for %d steps of 6 people", len(done.Waits), steps)
	}
	for _, w := range done.Waits {
		if w <= 0 || w > done.Elapsed {
			t.Errorf("a wait of %v in a term of %v", w, done.Elapsed)
		}
	}
}

// TestTermConfig checks the term's configuration: it is valid, each
// university has termTechs technicians of its own and of no other, and
// the crowd's people's tickets reach every one of them.
func TestTermConfig(t *testing.T) {
	cfg := termConfig()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, u := range cfg.Universities {
		if len(u.Tech) != termTechs {
			t.Errorf("%s has technicians %v, want %d", u.ID, u.Tech, termTechs)
		}
		for _, id := range u.Tech {
			if got := cfg.Roles(id).Tech; !slices.Equal(got, []string{u.ID}) {
				t.Errorf("technician %d of %s works for %v", id, u.ID, got)
			}
		}
	}
	working := map[int64]int{}
	for p := range 400 {
		u, _ := cfg.University(personUniversity(p))
		working[technicianOf(u, p)]++
	}
	for _, u := range cfg.Universities {
		for _, id := range u.Tech {
			if working[id] != 400/len(cfg.Universities)/termTechs {
				t.Errorf("technician %d of %s works %d of 400 people's tickets, want a fair share", id, u.ID, working[id])
			}
		}
	}
}

// TestKindTimer_Slow checks the tail's account: only the updates over the
// limit count, in every kind, and each adds its own parts, whatever the
// order the updates finished in.
func TestKindTimer_Slow(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	k := newKindTimer(nil)
	add := func(kind string, parts ...int) {
		p := k.parts[kind]
		if p == nil {
			p = new([4][]time.Duration)
			k.parts[kind] = p
		}
		sum := 0
		for i, d := range parts {
			p[i] = append(p[i], ms(d))
			sum += d
		}
		k.took[kind] = append(k.took[kind], ms(sum))
	}
	add("question", 1, 2, 3, 4) // 10 ms: not over
	add("question", 0, 1, 6, 5) // 12 ms
	add("question", 1, 1, 1, 1) // 4 ms
	add("booking", 9, 0, 0, 2)  // 11 ms
	add("booking", 0, 0, 0, 3)  // 3 ms
	add("ticket", 2, 3, 10, 20) // 35 ms
	n, spent := k.slow(10 * time.Millisecond)
	if want := [4]time.Duration{ms(11), ms(4), ms(16), ms(27)}; n != 3 || spent != want {
		t.Errorf("slow = %d updates, %v; want 3, %v", n, spent, want)
	}
}
