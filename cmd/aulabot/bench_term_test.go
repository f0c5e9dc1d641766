package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// BenchmarkTerm runs a term's mix of traffic through the real bot (Main)
// and the Bot API emulator, fsync on, from 400 people at once, each acting
// as a person does: one step, then the bot's reply, then the next. Each
// person onboards (/start, language, university, role), asks 7 questions
// of the built-in base (1 in 10 one it cannot answer) and presses Helpful
// or Not helpful under 6 in 10 answers, books a group session (/mentoring,
// Group, a slot, Confirm) and cancels it half the time (/mybookings,
// Cancel), reports a technical problem half the time (/problem, category,
// description; a technician claims it and replies in the team group, the
// person replies back) and asks for /help once. That is about 22 updates
// per person: 43 % questions and feedback, 23 % bookings and cancels,
// 18 % onboarding, 12 % tickets, 4 % other. A term is mostly questions,
// the bot's main job; everybody onboards once; mentoring and problems
// come throughout.
//
// It reports updates/s over the whole run and, per kind of update, the
// p50 and p99 time from the update reaching the bot's handler to its
// effects and replies committed (and logs the time to the handler done,
// which for a button press includes answering it, and what the time to
// committed is made of: the handler's work, the wait for its transaction,
// the transaction). It also reports the process's CPU time and bytes
// allocated per update (bot, emulator and people together): on a shared
// machine they vary far less than latencies do. The bot logs only
// warnings, with or without -v. "paced"
// offers 1,000 updates a second (the people wait for a shared token
// bucket before each step): handling times at the target load. "max"
// lets them go as fast as the bot answers: what it sustains at most, with
// the queueing that saturation brings.
func BenchmarkTerm(b *testing.B) {
	b.Run("paced", func(b *testing.B) { benchTerm(b, rate.NewLimiter(1000, 1)) })
	b.Run("max", func(b *testing.B) { benchTerm(b, nil) })
}

func benchTerm(b *testing.B, pace *rate.Limiter) {
	const people = 400
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		t := newTerm(b, people)
		t.pace = pace
		b.StartTimer()
		commits := t.commits()
		before := resourcesNow()
		start := time.Now()
		var wg sync.WaitGroup
		errs := make(chan error, people)
		for p := range people {
			wg.Go(func() { errs <- t.run(p) })
		}
		wg.Wait()
		el := time.Since(start)
		used := resourcesNow().since(before)
		b.StopTimer()
		used.commits = t.commits() - commits
		close(errs)
		for err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		t.report(b, el, used)
		t.h.stop()
	}
}

// term is one run: the bot, the emulator behind a watcher, the people.
type term struct {
	b     testing.TB
	h     *harness
	w     *watcher
	kinds *kindTimer
	slots map[string][]uint64 // group slots per university
	qs    map[string][]string // answerable questions per language
	pace  *rate.Limiter       // nil: as fast as the bot answers
}

// step waits for the pace, if any, before a person or a technician acts.
func (t *term) step() {
	if t.pace != nil {
		t.pace.Wait(context.Background())
	}
}

func newTerm(b testing.TB, people int) *term {
	cfg := config.Demo()
	sb := newSandbox(cfg, false)
	w := newWatcher()
	sb.Watch(w.event)
	srv := httptest.NewServer(sb.Handler())
	b.Cleanup(srv.Close)
	b.Cleanup(sb.Close)
	h := &harness{t: b, SB: sb, URL: srv.URL, Cfg: cfg, Data: filepath.Join(b.TempDir(), "aulabot.db"), Quiet: true}
	h.start()
	b.Cleanup(h.stop)
	t := &term{b: b, h: h, w: w, slots: map[string][]uint64{}, qs: map[string][]string{}}
	for _, lang := range []string{"es", "en"} {
		t.qs[lang] = builtinQuestions(b, lang)
	}
	// Group sessions of each university's mentors, one an hour from
	// tomorrow on, with room for everybody.
	mentors := map[string][]int64{}
	for _, u := range cfg.Universities {
		mentors[u.ID] = u.Mentors
	}
	err := h.M.Store.Update(func(tx *store.Tx) error {
		day := time.Now().UTC().Truncate(time.Hour).Add(26 * time.Hour)
		for uni, ms := range mentors {
			for k := range 10 {
				s, err := tx.CreateSlot(uni, ms[k%len(ms)], "Mentor", aulabot.NewSlot{Start: day.Add(time.Duration(k) * time.Hour),
					Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 100, Topic: "Moodle"})
				if err != nil {
					return err
				}
				t.slots[uni] = append(t.slots[uni], s.ID)
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for p := range people {
		sb.AddUser(sandbox.User{ID: personID(p), FirstName: fmt.Sprintf("P%d", p), LanguageCode: []string{"es", "en"}[p%2]})
	}
	t.kinds = newKindTimer(h.M.Handlers)
	h.M.Dispatcher.Handler = t.kinds
	h.M.Handlers.Store = commitClock{Store: h.M.Handlers.Store}
	return t
}

func personID(p int) int64 { return int64(300000 + p) }

// stuck is what a simulated person panics with when the bot does not
// answer them; run turns it into an error for the benchmark's goroutine.
type stuck struct{ msg string }

func fail(format string, args ...any) { panic(stuck{fmt.Sprintf(format, args...)}) }

// run plays person p and returns why they got stuck, if they did.
func (t *term) run(p int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(stuck)
			if !ok {
				panic(r)
			}
			err = fmt.Errorf("person %d: %s", p, s.msg)
		}
	}()
	t.person(p)
	return nil
}

// person plays one person's term, deterministically from p.
func (t *term) person(p int) {
	r := rand.New(rand.NewPCG(uint64(p), 7))
	id := personID(p)
	lang := []string{"es", "en"}[p%2]
	uni := []string{"unma", "unvs"}[p/2%2]
	role := []string{aulabot.RoleStudent, aulabot.RoleTeacher}[p/4%2]
	c := t.w.chat(id)

	t.kinds.set(id, "onboarding")
	t.send(id, "/start")
	c.next(withData("lang:"))
	t.press(id, "lang:"+lang)
	t.press(id, "uni:"+uni)
	t.press(id, "role:"+role)

	for q := range 7 {
		t.kinds.set(id, "question")
		text := t.qs[lang][r.IntN(len(t.qs[lang]))]
		if r.IntN(10) == 0 {
			text = fmt.Sprintf("xqzt vbnm plokij %d %d", p, q)
		}
		c.drain()
		t.send(id, text)
		m := c.next(func(e event) bool { return e.button("kb:") != "" || e.button("bk:q:") != "" })
		if fb := m.button("kb:h:"); fb != "" && r.IntN(10) < 6 {
			t.kinds.set(id, "feedback")
			helpful := r.IntN(4) < 3
			t.press(id, fb[:len(fb)-1]+map[bool]string{true: "1", false: "0"}[helpful])
			if !helpful {
				c.next(withData("tk:new")) // the next steps offered
			}
		}
	}

	t.kinds.set(id, "booking")
	c.drain()
	t.send(id, "/mentoring")
	c.next(withData("bk:k:g:"))
	t.press(id, "bk:k:g:0")
	list := c.next(withData("bk:s:"))
	slot := list.buttonsWith("bk:s:")
	t.press(id, slot[r.IntN(len(slot))])
	confirm := c.next(withData("bk:c:"))
	t.press(id, confirm.button("bk:c:"))
	if r.IntN(2) == 0 {
		t.kinds.set(id, "cancel")
		c.drain()
		t.send(id, "/mybookings")
		mine := c.next(withData("bk:x:"))
		t.press(id, mine.button("bk:x:"))
		sure := c.next(withData("bk:X:")) // cancelling asks a second tap
		t.press(id, sure.button("bk:X:"))
	}

	if r.IntN(2) == 0 {
		t.ticket(p, id, uni, c)
	}
	t.kinds.set(id, "other")
	c.drain()
	t.send(id, "/help")
	c.next(func(e event) bool { return e.text != "" })
}

var ticketRE = regexp.MustCompile(`\b(UNMA|UNVS)-\d+\b`)

// ticket: the person reports a problem, a technician claims it and
// replies from the team group, and the person replies back.
func (t *term) ticket(p int, id int64, uni string, c *mailbox) {
	t.kinds.set(id, "ticket")
	c.drain()
	t.send(id, "/problem")
	c.next(withData("tk:cat:"))
	// Not "LMS access": a crowd reporting that in a few minutes is an
	// outage to the LMS watch, which links later reporters to the incident
	// instead of opening tickets (see the README's LMS watch).
	t.press(id, "tk:cat:"+[]string{aulabot.CategoryUpload, aulabot.CategoryVideo, aulabot.CategoryContent, aulabot.CategoryOther}[p%4])
	t.send(id, fmt.Sprintf("zxqv wrrm plkj %d no funciona desde ayer", p))
	ack := c.next(func(e event) bool { return ticketRE.MatchString(e.text) })
	tk := ticketRE.FindString(ack.text)
	u, _ := t.h.Cfg.University(uni)
	group, tech := u.TeamChat, u.Tech[0]
	post := t.w.seen(tk)
	t.step()
	cb := t.h.SB.Press(tech, group, post, "tk:c:"+tk)
	t.w.answered(cb)
	mark := fmt.Sprintf("#r%d", p)
	t.step()
	t.h.SB.SendReply(tech, group, post, "Borra la caché y prueba de nuevo "+mark)
	relay := c.next(func(e event) bool { return strings.Contains(e.text, mark) })
	back := fmt.Sprintf("#b%d", p)
	t.step()
	t.h.SB.SendReply(id, id, relay.id, "Ya funciona, gracias "+back)
	t.w.seen(back)
}

// send sends text from person id in their chat.
func (t *term) send(id int64, text string) { t.step(); t.h.SB.SendText(id, id, text) }

// press presses a button with data in id's chat and waits for the bot to
// answer it (it answers once the update is committed).
func (t *term) press(id int64, data string) {
	t.step()
	t.w.answered(t.h.SB.Press(id, id, t.w.chat(id).lastID(), data))
}

// report prints the mix and reports throughput, the process's CPU time
// and allocation per update (bot, emulator and people together), and
// latencies per kind: to committed (name_p50_ms, name_p99_ms) and to the
// handler done (logged), and what the committed time is made of (logged).
func (t *term) report(b *testing.B, el time.Duration, used resources) {
	k := t.kinds
	k.mu.Lock()
	defer k.mu.Unlock()
	total := 0
	for _, d := range k.handled {
		total += len(d)
	}
	b.ReportMetric(float64(total)/el.Seconds(), "updates/s")
	b.ReportMetric(float64(used.cpu.Microseconds())/float64(total), "cpu_us/update")
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
	for _, name := range names {
		p := k.parts[name]
		b.Logf("%-10s before the commit p50 %5.2f ms p99 %6.2f ms  queued p50 %5.2f ms p99 %6.2f ms  committing p50 %5.2f ms p99 %6.2f ms",
			name, ms(p[0], 0.5), ms(p[0], 0.99), ms(p[1], 0.5), ms(p[1], 0.99), ms(p[2], 0.5), ms(p[2], 0.99))
	}
	b.Logf("%d updates in %v; CPU %v (%.2f cores), %d garbage collections, %d commits", total, el.Round(time.Millisecond),
		used.cpu.Round(time.Millisecond), used.cpu.Seconds()/el.Seconds(), used.gcs, used.commits)
}

// kindTimer times each update by kind (what its sender is doing, set
// before each step, or "ticket" in the team groups): from reaching the
// bot's handler to its transaction committed, and to the handler done
// (which, for a button press, includes answering it: a Bot API call).
type kindTimer struct {
	next    bot.Handler
	kind    sync.Map // user id -> what they are doing
	mu      sync.Mutex
	took    map[string][]time.Duration // to committed
	handled map[string][]time.Duration // to the handler done
	// parts splits the time to committed: the handler's work before it
	// asks to commit, the wait for its transaction to start running its
	// function, and from then to committed (the group's functions, the
	// write, the fsync).
	parts map[string]*[3][]time.Duration
}

func newKindTimer(next bot.Handler) *kindTimer {
	return &kindTimer{next: next, took: map[string][]time.Duration{}, handled: map[string][]time.Duration{},
		parts: map[string]*[3][]time.Duration{}}
}

func (k *kindTimer) set(user int64, kind string) { k.kind.Store(user, kind) }

// timing is one update's clock readings; it travels in the handler's
// context, so timing takes no lock until the update is done.
type timing struct {
	start, asked, ran, committed time.Time
}

type timingKey struct{}

func (k *kindTimer) Handle(ctx context.Context, u aulabot.Update) error {
	tm := &timing{start: time.Now()}
	kind, _ := k.kind.Load(u.From.ID) // before the reply lets the person move on
	if u.ChatID < 0 {
		kind = "ticket"
	}
	err := k.next.Handle(context.WithValue(ctx, timingKey{}, tm), u)
	took := time.Since(tm.start)
	name, _ := kind.(string)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.handled[name] = append(k.handled[name], took)
	if !tm.committed.IsZero() {
		k.took[name] = append(k.took[name], tm.committed.Sub(tm.start))
		p := k.parts[name]
		if p == nil {
			p = new([3][]time.Duration)
			k.parts[name] = p
		}
		for i, d := range []time.Duration{tm.asked.Sub(tm.start), tm.ran.Sub(tm.asked), tm.committed.Sub(tm.ran)} {
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
// bytes allocated, garbage collections, and the bot's write transactions
// (each one write and two fsyncs; set by the caller).
type resources struct {
	cpu     time.Duration
	alloc   uint64
	gcs     uint32
	commits int
}

// commits is how many write transactions the bot's database has committed.
func (t *term) commits() int {
	n, err := t.h.M.Store.Commits()
	if err != nil {
		t.b.Fatal(err)
	}
	return n
}

func resourcesNow() resources {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return resources{cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), alloc: ms.TotalAlloc, gcs: ms.NumGC}
}

func (r resources) since(old resources) resources {
	return resources{cpu: r.cpu - old.cpu, alloc: r.alloc - old.alloc, gcs: r.gcs - old.gcs}
}

// watcher notes what the bot sends as the emulator sees it (sandbox
// Watch), so a simulated person waits for their own chat only (the
// emulator's WaitFor wakes every waiter on every change) and the run
// spends no time on reading the emulator's answers a second time.
type watcher struct {
	mu      sync.Mutex
	chats   map[int64]*mailbox
	answers map[string]chan struct{}
	keys    map[string]int           // ticket ids and marks seen in team groups -> message id
	waiting map[string]chan struct{} // keys someone waits for
}

func newWatcher() *watcher {
	return &watcher{chats: map[int64]*mailbox{}, answers: map[string]chan struct{}{},
		keys: map[string]int{}, waiting: map[string]chan struct{}{}}
}

// event is a message the bot sent or edited.
type event struct {
	id      int
	text    string
	buttons []string // callback data
}

func withData(prefix string) func(event) bool {
	return func(e event) bool { return e.button(prefix) != "" }
}

func (e event) button(prefix string) string {
	if bs := e.buttonsWith(prefix); len(bs) > 0 {
		return bs[0]
	}
	return ""
}

func (e event) buttonsWith(prefix string) []string {
	var out []string
	for _, d := range e.buttons {
		if strings.HasPrefix(d, prefix) {
			out = append(out, d)
		}
	}
	return out
}

// mailbox holds the bot's messages to one private chat, in order.
type mailbox struct {
	mu     sync.Mutex
	events []event
	last   int // the id of the bot's latest message
	signal chan struct{}
}

// lastID is the id of the bot's latest message in the chat.
func (c *mailbox) lastID() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// next waits for the bot's next message (or edit) that satisfies pred,
// dropping the ones before it.
func (c *mailbox) next(pred func(event) bool) event {
	deadline := time.After(time.Minute)
	for {
		c.mu.Lock()
		for len(c.events) > 0 {
			e := c.events[0]
			c.events = c.events[1:]
			if pred(e) {
				c.mu.Unlock()
				return e
			}
		}
		c.mu.Unlock()
		select {
		case <-c.signal:
		case <-deadline:
			fail("no reply from the bot in a minute")
		}
	}
}

// drain drops the messages received so far.
func (c *mailbox) drain() {
	c.mu.Lock()
	c.events = nil
	c.mu.Unlock()
}

func (w *watcher) chat(id int64) *mailbox {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.chats[id]
	if c == nil {
		c = &mailbox{signal: make(chan struct{}, 1)}
		w.chats[id] = c
	}
	return c
}

// answered waits until the bot answers the press callbackID.
func (w *watcher) answered(callbackID string) {
	select {
	case <-w.answerChan(callbackID):
	case <-time.After(time.Minute):
		fail("press %s not answered in a minute", callbackID)
	}
}

// answer notes that the bot answered the press id (once, however often
// it answers).
func (w *watcher) answer(id string) {
	ch := w.answerChan(id)
	w.mu.Lock()
	defer w.mu.Unlock()
	select {
	case <-ch:
	default:
		close(ch)
	}
}

func (w *watcher) answerChan(id string) chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	ch := w.answers[id]
	if ch == nil {
		ch = make(chan struct{})
		w.answers[id] = ch
	}
	return ch
}

// seen waits until a team group shows key (a ticket id or a mark) and
// returns the id of the first message that did.
func (w *watcher) seen(key string) int {
	w.mu.Lock()
	id, ok := w.keys[key]
	ch := w.waiting[key]
	if !ok && ch == nil {
		ch = make(chan struct{})
		w.waiting[key] = ch
	}
	w.mu.Unlock()
	if ok {
		return id
	}
	select {
	case <-ch:
	case <-time.After(time.Minute):
		fail("%s never appeared in a team group", key)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.keys[key]
}

var groupKeyRE = regexp.MustCompile(`\b(UNMA|UNVS)-\d+\b|#b\d+`)

// event takes the emulator's events: the bot's messages and edits go to
// their chat's mailbox or, in a team group, to the keys seen; answers to
// presses wake whoever waits for them. It runs under the emulator's lock.
func (w *watcher) event(ev sandbox.Event) {
	switch ev.Kind {
	case "answer":
		w.answer(ev.Answer.ID)
		return
	case "message", "edit":
	default:
		return
	}
	m := ev.Message
	if !m.FromBot {
		return
	}
	e := event{id: m.ID, text: m.Plain}
	for _, row := range m.Inline {
		for _, b := range row {
			e.buttons = append(e.buttons, b.Data)
		}
	}
	if m.Chat < 0 {
		w.group(e)
		return
	}
	c := w.chat(m.Chat)
	c.mu.Lock()
	c.events = append(c.events, e)
	c.last = max(c.last, m.ID)
	c.mu.Unlock()
	select {
	case c.signal <- struct{}{}:
	default:
	}
}

// group notes the first message showing each ticket id or mark.
func (w *watcher) group(e event) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, key := range groupKeyRE.FindAllString(e.text, -1) {
		if _, ok := w.keys[key]; ok {
			continue
		}
		w.keys[key] = e.id
		if ch := w.waiting[key]; ch != nil {
			close(ch)
			delete(w.waiting, key)
		}
	}
}
