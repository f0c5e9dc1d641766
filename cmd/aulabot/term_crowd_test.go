package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/time/rate"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/sandbox"
)

// BenchmarkTerm's people and the Bot API emulator run in a process of
// their own, the crowd: the test binary started again with crowdEnv set
// (TestMain runs crowdMain instead of the tests). The bot then has its
// process to itself, as it has in production, where Telegram is not on
// its machine: its garbage collector does not trace the emulator's
// history, and its goroutines do not queue behind 400 people's. The two
// processes still share the machine's cores.
//
// The crowd speaks one JSON line at a time: it prints where the emulator
// listens (crowdHello), waits for a line on its standard input, plays the
// term, prints what it took (crowdDone), and exits when its standard input
// closes.
const crowdEnv = "AULABOT_TERM_CROWD"

// crowdSpec is the crowd's task, in crowdEnv.
type crowdSpec struct {
	People int     `json:"people"`
	Rate   float64 `json:"rate"` // steps per second; 0: as fast as the bot answers
	// Limits makes the emulator keep Telegram's rate limits, answering
	// 429 to what goes beyond them.
	Limits bool `json:"limits"`
	// NoSync runs the bot's database without fsync; the crowd does not
	// see it.
	NoSync bool `json:"-"`
}

type crowdHello struct {
	URL   string `json:"url"`
	Token string `json:"token"`
}

// crowdDone is the crowd's report: how long the term took, the CPU the
// crowd used, how long people waited for the bot, and why people got
// stuck, if any did.
type crowdDone struct {
	Elapsed time.Duration `json:"elapsed"`
	CPU     time.Duration `json:"cpu"`
	// Waits are the people's waits, one per step that sends a message or
	// presses a button: from the step reaching the emulator to what the
	// person waits for reaching it (the bot's reply; for a press, the
	// bot's answer to it, which stops the button's spinner).
	Waits  []time.Duration `json:"waits"`
	Errors []string        `json:"errors,omitempty"`
}

// crowd is the people of a term and the emulator they talk to the bot
// through.
type crowd struct {
	sb   *sandbox.Server
	cfg  *aulabot.Config
	w    *watcher
	qs   map[string][]string // answerable questions per language
	pace *rate.Limiter       // nil: as fast as the bot answers
	// techs holds each technician while they act: a technician is one
	// person, who presses or replies once the bot has answered their last
	// step, however many tickets wait.
	techs map[int64]*sync.Mutex

	mu    sync.Mutex
	waits []time.Duration // crowdDone.Waits
}

// crowdMain is the crowd process; spec is crowdEnv's value.
func crowdMain(spec string) int {
	if err := runCrowd(spec, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crowd:", err)
		return 1
	}
	return 0
}

func runCrowd(spec string, in io.Reader, out io.Writer) error {
	var s crowdSpec
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		return fmt.Errorf("%s: %w", crowdEnv, err)
	}
	cfg := termConfig()
	t := &crowd{sb: newSandbox(cfg, s.Limits), cfg: cfg, qs: map[string][]string{}, techs: map[int64]*sync.Mutex{}}
	for _, u := range cfg.Universities {
		for _, id := range u.Tech {
			t.techs[id] = &sync.Mutex{}
		}
	}
	t.w = newWatcher(t.waited)
	defer t.sb.Close()
	if s.Rate > 0 {
		t.pace = rate.NewLimiter(rate.Limit(s.Rate), 1)
	}
	for _, lang := range []string{"es", "en"} {
		qs, err := loadQuestions(lang)
		if err != nil {
			return err
		}
		t.qs[lang] = qs
	}
	t.sb.Watch(t.w.event)
	for p := range s.People {
		t.sb.AddUser(sandbox.User{ID: personID(p), FirstName: fmt.Sprintf("P%d", p), LanguageCode: []string{"es", "en"}[p%2]})
	}
	srv := httptest.NewServer(t.sb.Handler())
	defer srv.Close()
	enc := json.NewEncoder(out)
	if err := enc.Encode(crowdHello{URL: srv.URL, Token: t.sb.Token()}); err != nil {
		return err
	}
	r := bufio.NewReader(in)
	if _, err := r.ReadString('\n'); err != nil {
		return fmt.Errorf("waiting for the go: %w", err)
	}
	before := cpuNow()
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, s.People)
	for p := range s.People {
		wg.Go(func() { errs <- t.run(p) })
	}
	wg.Wait()
	done := crowdDone{Elapsed: time.Since(start), CPU: cpuNow() - before, Waits: t.waits}
	close(errs)
	for err := range errs {
		if err != nil {
			done.Errors = append(done.Errors, err.Error())
		}
	}
	if err := enc.Encode(done); err != nil {
		return err
	}
	io.Copy(io.Discard, r) // the bot stops before its emulator does
	return nil
}

// termTechs is how many technicians each university's team has in a
// term: a team of a few, as a university of thousands has.
const termTechs = 4

// termConfig is the built-in demo configuration with each university's
// technical team made termTechs strong (ids after the team's first); the
// bot and the crowd use the same.
func termConfig() *aulabot.Config {
	cfg := config.Demo()
	for i := range cfg.Universities {
		u := &cfg.Universities[i]
		for id := u.Tech[0] + 1; len(u.Tech) < termTechs; id++ {
			if !slices.Contains(u.Tech, id) {
				u.Tech = append(u.Tech, id)
			}
		}
	}
	return cfg
}

// cpuNow is the CPU time (user and system) the process has used.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// step waits for the pace, if any, before a person or a technician acts.
func (t *crowd) step() {
	if t.pace != nil {
		t.pace.Wait(context.Background())
	}
}

func personID(p int) int64 { return int64(300000 + p) }

// personUniversity is person p's university: every other pair of people.
func personUniversity(p int) string { return []string{"unma", "unvs"}[p/2%2] }

// stuck is what a simulated person panics with when the bot does not
// answer them; run turns it into an error for the benchmark's goroutine.
type stuck struct{ msg string }

func fail(format string, args ...any) { panic(stuck{fmt.Sprintf(format, args...)}) }

// run plays person p and returns why they got stuck, if they did.
func (t *crowd) run(p int) (err error) {
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
func (t *crowd) person(p int) {
	r := rand.New(rand.NewPCG(uint64(p), 7))
	id := personID(p)
	lang := []string{"es", "en"}[p%2]
	uni := personUniversity(p)
	role := []string{aulabot.RoleStudent, aulabot.RoleTeacher}[p/4%2]
	c := t.w.chat(id)

	t.send(id, "/start")
	t.press(id, c.next(withData("lang:")), "lang:"+lang)
	t.press(id, c.next(withData("uni:")), "uni:"+uni)
	t.press(id, c.next(withData("role:")), "role:"+role)

	// Half the people report a problem, after one of their questions:
	// problems come throughout the term, as they do in one.
	problem, after := r.IntN(2) == 0, r.IntN(7)
	// Seven different questions: the same words again a moment later get
	// a short reply instead of the answer (handlers.RepeatWindow), which
	// would flatter the figures. A question drawn twice gives way to the
	// next one not asked, so that the people draw as many numbers as
	// before and the term stays the one earlier figures measured.
	asked := map[int]bool{}
	for q := range 7 {
		if problem && q == after {
			t.ticket(p, id, uni, c)
		}
		i := r.IntN(len(t.qs[lang]))
		for asked[i] {
			i = (i + 1) % len(t.qs[lang])
		}
		asked[i] = true
		text := t.qs[lang][i]
		if r.IntN(10) == 0 {
			text = fmt.Sprintf("xqzt vbnm plokij %d %d", p, q)
		}
		c.drain()
		t.send(id, text)
		m := c.next(func(e event) bool { return e.button("kb:") != "" || e.button("bk:q:") != "" })
		if fb := m.button("kb:h:"); fb != "" && r.IntN(10) < 6 {
			helpful := r.IntN(4) < 3
			t.press(id, m, fb[:len(fb)-1]+map[bool]string{true: "1", false: "0"}[helpful])
			if !helpful {
				c.next(withData("tk:nq:")) // the next steps offered
			}
		}
	}

	c.drain()
	t.send(id, "/mentoring")
	t.press(id, c.next(withData("bk:k:g:")), "bk:k:g:0")
	list := c.next(withData("bk:s:"))
	slot := list.buttonsWith("bk:s:")
	t.press(id, list, slot[r.IntN(len(slot))])
	confirm := c.next(withData("bk:c:"))
	t.press(id, confirm, confirm.button("bk:c:"))
	if r.IntN(2) == 0 {
		c.drain()
		t.send(id, "/mybookings")
		mine := c.next(withData("bk:x:"))
		t.press(id, mine, mine.button("bk:x:"))
		sure := c.next(withData("bk:X:")) // cancelling asks a second tap
		t.press(id, sure, sure.button("bk:X:"))
	}

	c.drain()
	t.send(id, "/help")
	// The help, not a late message of an earlier step (a booking's
	// calendar file may come after the person went on).
	c.next(func(e event) bool { return strings.Contains(e.text, "/deletemydata") })
}

// problemMark starts every problem's description and fixedMark every
// person's reply to a technician, so the bot's side tells them from
// questions (kindOf).
const problemMark, fixedMark = "zxqv wrrm plkj", "Ya funciona, gracias "

var ticketRE = regexp.MustCompile(`\b(UNMA|UNVS)-\d+\b`)

// ticket: the person reports a problem, one of the university's
// technicians claims it and replies from the team group, and the person
// replies back. A technician takes one step at a time, as people do:
// the next once the bot has answered their press, or has passed their
// reply on (its note in the group comes in the same commit).
func (t *crowd) ticket(p int, id int64, uni string, c *mailbox) {
	c.drain()
	t.send(id, "/problem")
	cats := c.next(withData("tk:cat:"))
	// Not "LMS access": a crowd reporting that in a few minutes is an
	// outage to the LMS watch, which links later reporters to the incident
	// instead of opening tickets (see the README's LMS watch).
	t.press(id, cats, "tk:cat:"+[]string{aulabot.CategoryUpload, aulabot.CategoryVideo, aulabot.CategoryContent, aulabot.CategoryOther}[p%4])
	t.send(id, fmt.Sprintf("%s %d no funciona desde ayer", problemMark, p))
	ack := c.next(func(e event) bool { return ticketRE.MatchString(e.text) })
	tk := ticketRE.FindString(ack.text)
	u, _ := t.cfg.University(uni)
	group, tech := u.TeamChat, technicianOf(u, p)
	post := t.w.seen(tk)
	busy := t.techs[tech]
	t.step() // the step's place in the pace, then the technician's turn
	busy.Lock()
	cb := t.sb.Press(tech, group, post, "tk:c:"+tk)
	t.w.answered(cb)
	busy.Unlock()
	mark := fmt.Sprintf("#r%d", p)
	t.step()
	busy.Lock()
	t.sb.SendReply(tech, group, post, "Borra la caché y prueba de nuevo "+mark)
	relay := c.next(func(e event) bool { return strings.Contains(e.text, mark) })
	busy.Unlock()
	back := fmt.Sprintf("#b%d", p)
	t.step()
	t.sb.SendReply(id, id, relay.id, fixedMark+back)
	// The person goes on once the bot says it passed the reply on (in
	// their chat, so later replies there wait for it under Telegram's
	// limits, as they would for a person), and the team has it.
	c.next(func(e event) bool { return strings.HasPrefix(e.text, "✉️") && strings.Contains(e.text, tk) })
	t.w.seen(back)
}

// technicianOf is the technician of university u who works person p's
// ticket. A university's people are every other pair of p (person), so
// p/4 reaches all of its technicians where p%4 would reach two.
func technicianOf(u *aulabot.University, p int) int64 { return u.Tech[p/4%len(u.Tech)] }

// send sends text from person id in their chat; the next message the
// person waits for in that chat (mailbox.next) ends the wait.
func (t *crowd) send(id int64, text string) {
	t.step()
	t.w.chat(id).stepped(time.Now(), text)
	t.sb.SendText(id, id, text)
}

// press presses the button with data under the bot's message on in id's
// chat and waits for the bot to answer it (it answers once the update is
// committed).
func (t *crowd) press(id int64, on event, data string) {
	t.step()
	start := time.Now()
	t.waited(t.w.answered(t.sb.Press(id, id, on.id, data)).Sub(start))
}

// waited notes one person's wait for the bot.
func (t *crowd) waited(d time.Duration) {
	t.mu.Lock()
	t.waits = append(t.waits, d)
	t.mu.Unlock()
}

// watcher notes what the bot sends as the emulator sees it (sandbox
// Watch), so a simulated person waits for their own chat only (the
// emulator's WaitFor wakes every waiter on every change) and the run
// spends no time on reading the emulator's answers a second time.
type watcher struct {
	mu       sync.Mutex
	chats    map[int64]*mailbox
	answers  map[string]chan struct{}
	answerAt map[string]time.Time     // when each press was first answered
	keys     map[string]int           // ticket ids and marks seen in team groups -> message id
	waiting  map[string]chan struct{} // keys someone waits for
	waited   func(time.Duration)      // takes each person's wait for a message
}

func newWatcher(waited func(time.Duration)) *watcher {
	return &watcher{chats: map[int64]*mailbox{}, answers: map[string]chan struct{}{}, answerAt: map[string]time.Time{},
		keys: map[string]int{}, waiting: map[string]chan struct{}{}, waited: waited}
}

// event is a message the bot sent or edited, and when the emulator took
// it.
type event struct {
	id      int
	text    string
	buttons []string // callback data
	at      time.Time
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
	signal chan struct{}
	// since is when the person last sent a message; the next message
	// they wait for ends that wait, which next reports to waited.
	since  time.Time
	sent   string // the person's last message, named when they get stuck
	waited func(time.Duration)
}

// stepped notes that the person sent text at since.
func (c *mailbox) stepped(since time.Time, text string) {
	c.mu.Lock()
	c.since, c.sent = since, text
	c.mu.Unlock()
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
			if !c.since.IsZero() && e.at.Before(c.since) {
				// It came before the person's message (the bot's last
				// words on the step before): no answer to it. Taken as
				// one, it made a negative wait, and a loaded machine
				// failed TestTerm_OneWaitPerStep on it.
				continue
			}
			if pred(e) {
				if !c.since.IsZero() {
					c.waited(e.at.Sub(c.since))
					c.since = time.Time{}
				}
				c.mu.Unlock()
				return e
			}
		}
		c.mu.Unlock()
		select {
		case <-c.signal:
		case <-deadline:
			c.mu.Lock()
			sent := c.sent
			c.mu.Unlock()
			fail("no reply from the bot in a minute (their last message: %q)", sent)
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
		c = &mailbox{signal: make(chan struct{}, 1), waited: w.waited}
		w.chats[id] = c
	}
	return c
}

// answered waits until the bot answers the press callbackID and returns
// when the emulator took the answer.
func (w *watcher) answered(callbackID string) time.Time {
	select {
	case <-w.answerChan(callbackID):
	case <-time.After(time.Minute):
		fail("press %s not answered in a minute", callbackID)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.answerAt[callbackID]
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
		w.answerAt[id] = time.Now()
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
	e := event{id: m.ID, text: m.Plain, at: time.Now()}
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
