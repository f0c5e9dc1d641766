package main

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/sandbox"
)

// The simulated people of the crash, fault and flood suites. Each person
// acts, then waits for the bot's answer with a timeout, so that every
// action is matched to its reply or effect: a message of the bot that only
// that action explains, the answer to a press, or the edit it causes.
// People recognise the bot's messages by their buttons' callback data,
// ticket ids and file names rather than by wording where they can.

// simConfig is the configuration of the runs: two universities whose
// service levels run all day every day with short timers, bookings that
// may start a minute ahead, and input limits far above what people do.
const simConfig = `language: en
timezone: UTC
admins: [1001]
booking:
  min_notice: 1m
  horizon: 3d
  cancel_cutoff: 1m
  max_active: 3
limits:
  updates_per_minute: 6000
  questions_per_minute: 6000
  questions_per_day: 1000000
  open_tickets: 1000
  ticket_messages_per_hour: 6000
universities:
  - id: unma
    name: Universidad Nacional de Montealto
    team_chat: -2001
    tech: [3001, 3002]
    mentors: [4001, 4002]
    coordinators: [5001]
    service: {claim_reminder: 15s, escalate: 30s, days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "23:59"}
  - id: unvs
    name: Universidad Nacional del Valle Sur
    team_chat: -2002
    tech: [3101, 3102]
    mentors: [4101, 4102]
    coordinators: [5101]
    service: {claim_reminder: 15s, escalate: 30s, days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "23:59"}
`

// questions are asked in plain text; the built-in knowledge base has
// articles about each.
var questions = []string{
	"how do I submit an assignment in moodle",
	"I forgot my password for the virtual classroom",
	"my camera doesn't work in the video call",
	"how do I study with slow internet",
	"where do I see my grades",
	"which browser should I use",
	"how do I record my live classes",
	"how do I upload materials to my course",
	"people can't hear me in the call",
	"a course is missing from my classroom",
}

// act is one thing a person did and what came of it.
type act struct {
	who, chat int64
	what      string
	msgID     int    // the person's message; 0 for a press
	cb        string // the press's callback query id
	sent      time.Time
	took      time.Duration
	ok        bool // an answer or effect came within the wait
}

// simTicket is what a requester saw of a ticket they reported.
type simTicket struct {
	id, desc  string
	requester int64
	at        time.Time // when the requester was told its number
}

// world is one run: the emulator, the binary, the people and what they saw.
type world struct {
	t     testing.TB
	sb    *sandbox.Server
	cfg   *aulabot.Config
	run   *botRunner
	wait  time.Duration // how long a person waits for an answer
	begin time.Time

	stop chan struct{} // closed: people finish their round and stop
	quit chan struct{} // closed: the teams stop watching their groups

	mu        sync.Mutex
	acts      []*act
	tickets   map[string]simTicket
	booked    map[uint64]int64 // booking id → the person who saw it confirmed
	cancelled map[uint64]bool  // bookings whose cancellation the person saw
	rounds    map[int64]int    // rounds each person finished
}

// newWorld starts an emulator (Telegram's limits on, everything recorded)
// on 127.0.0.1 with everyone in the configuration yaml plus people per
// university, and a runner for the binary on a fresh database.
func newWorld(t testing.TB, yaml string, people int, faults sandbox.Faults, wait time.Duration) (*world, []*person) {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "aulabot.yaml")
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(cfgPath, []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	sb := sandbox.New(sandbox.Options{Limits: true, Bounds: sandbox.Unbounded, Faults: faults})
	for _, p := range demoPeople(cfg) {
		p.LanguageCode = "en"
		sb.AddUser(p)
	}
	for _, u := range cfg.Universities {
		sb.AddGroup(u.TeamChat, "Support "+u.ID, append(append([]int64{}, u.Tech...), u.Coordinators...)...)
	}
	hs := httptest.NewUnstartedServer(sb.Handler())
	hs.Config.ConnContext = sb.ConnContext
	hs.Start()
	t.Cleanup(hs.Close)
	t.Cleanup(sb.Close)
	w := &world{t: t, sb: sb, cfg: cfg, wait: wait, begin: time.Now(),
		stop: make(chan struct{}), quit: make(chan struct{}),
		tickets: map[string]simTicket{}, booked: map[uint64]int64{}, cancelled: map[uint64]bool{},
		rounds: map[int64]int{}}
	w.run = newBotRunner(t, sb, sb.Endpoint(hs.URL), dir, cfgPath)
	t.Cleanup(w.run.stopAll)
	var ps []*person
	for ui := range cfg.Universities {
		u := &cfg.Universities[ui]
		for i := range people {
			id := int64(700000 + 10000*ui + i)
			role := aulabot.RoleTeacher
			if i%2 == 1 {
				role = aulabot.RoleStudent
			}
			sb.AddUser(sandbox.User{ID: id, FirstName: fmt.Sprintf("Sim %d %s", i+1, u.ID), LanguageCode: "en"})
			ps = append(ps, &person{w: w, id: id, uni: u, role: role,
				rng: rand.New(rand.NewPCG(uint64(id), 1)), handled: map[string]bool{}})
		}
	}
	return w, ps
}

// await blocks until cond holds or d passes, and reports whether it held.
func (w *world) await(d time.Duration, cond func() bool) bool { return awaitSB(w.sb, d, cond) }

// awaitSB blocks until cond holds or d passes, and reports whether it
// held. cond is checked at every change of the emulator sb, and every
// second for conditions on the clock.
func awaitSB(sb *sandbox.Server, d time.Duration, cond func() bool) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		ch := sb.Changed()
		if cond() {
			return true
		}
		select {
		case <-ch:
		case <-tick.C:
		case <-timer.C:
			return cond()
		}
	}
}

func (w *world) record(a *act, ok bool) {
	a.ok = ok
	if ok {
		a.took = time.Since(a.sent)
	}
	w.mu.Lock()
	w.acts = append(w.acts, a)
	w.mu.Unlock()
}

// lastID is the id of the latest message of a chat (0: none).
func (w *world) lastID(chat int64) int {
	ms := w.sb.Messages(chat)
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].ID
}

// send writes text in chat as who (replying to replyTo, if not 0) and
// waits for a new bot message of the chat that want accepts.
func (w *world) send(who, chat int64, replyTo int, what, text string, want func(sandbox.Message) bool) (sandbox.Message, bool) {
	return w.sendFor(who, chat, replyTo, what, text, func(sandbox.Message) func(sandbox.Message) bool { return want })
}

// sendFor is send with a want that depends on the message sent.
func (w *world) sendFor(who, chat int64, replyTo int, what, text string, want func(sent sandbox.Message) func(sandbox.Message) bool) (sandbox.Message, bool) {
	a := &act{who: who, chat: chat, what: what, sent: time.Now()}
	m := w.sb.SendReply(who, chat, replyTo, text)
	a.msgID = m.ID
	accept := want(m)
	var got sandbox.Message
	ok := w.await(w.wait, func() bool {
		for _, x := range w.sb.MessagesSince(chat, m.ID) {
			if x.FromBot && accept(x) {
				got = x
				return true
			}
		}
		return false
	})
	w.record(a, ok)
	return got, ok
}

// press presses the button data of msg as who and waits until the press is
// refused with an alert, or a new bot message of the chat that want
// accepts arrives, or, with want nil, until it is answered or msg edited.
func (w *world) press(who int64, msg sandbox.Message, what, data string, want func(sandbox.Message) bool) (sandbox.Message, sandbox.CallbackAnswer, bool) {
	cur, _ := w.sb.Message(msg.Chat, msg.ID)
	after := w.lastID(msg.Chat)
	a := &act{who: who, chat: msg.Chat, what: what, sent: time.Now()}
	a.cb = w.sb.Press(who, msg.Chat, msg.ID, data)
	var got sandbox.Message
	var ans sandbox.CallbackAnswer
	how := ""
	ok := w.await(w.wait, func() bool {
		ans, _ = w.sb.CallbackAnswers(a.cb)
		if want != nil {
			// A press may edit the message it was pressed on into the
			// answer (the mentoring flows do).
			if now, ok := w.sb.Message(msg.Chat, msg.ID); ok && now.Edited > cur.Edited && want(now) {
				got, how = now, "edit"
				return true
			}
			for _, x := range w.sb.MessagesSince(msg.Chat, after) {
				if x.FromBot && want(x) {
					got, how = x, "message"
					return true
				}
			}
		}
		switch {
		case ans.Answered && ans.ShowAlert:
			how = "alert"
		case want == nil && ans.Answered:
			how = "answer"
		case want == nil && ans.Fault != "":
			how = "answer failed" // Telegram failed the answer (injected): nothing more will come
		case want == nil:
			if now, ok := w.sb.Message(msg.Chat, msg.ID); ok && now.Edited > cur.Edited {
				how = "edit"
			}
		}
		return how != ""
	})
	w.record(a, ok)
	return got, ans, ok
}

// closing reports whether the people were told to stop.
func (w *world) closing() bool {
	select {
	case <-w.stop:
		return true
	default:
		return false
	}
}

// person is a simulated teacher or student of a university.
type person struct {
	w       *world
	id      int64
	uni     *aulabot.University
	role    string
	rng     *rand.Rand
	tickets []string
	handled map[string]bool // ticket follow-ups done ("reply:UNMA-3", "rate:UNMA-3"), slots booked ("bk:s:7")
}

// Recognising the bot's messages.

// data reports whether m has a button with callback data d.
func data(m sandbox.Message, d string) bool {
	return button(m, func(b sandbox.Button) bool { return b.Data == d }) != ""
}

// dataPrefix returns the data of m's first button starting with prefix.
func dataPrefix(m sandbox.Message, prefix string) string {
	return buttonData(m, func(s string) bool { return strings.HasPrefix(s, prefix) })
}

// buttonData returns the data of m's first button whose data is ok.
func buttonData(m sandbox.Message, ok func(string) bool) string {
	return button(m, func(b sandbox.Button) bool { return ok(b.Data) })
}

// buttonWithText returns the data of m's first button whose text has s.
func buttonWithText(m sandbox.Message, s string) string {
	return button(m, func(b sandbox.Button) bool { return strings.Contains(b.Text, s) })
}

// button returns the data of m's first button that ok accepts.
func button(m sandbox.Message, ok func(sandbox.Button) bool) string {
	for _, row := range m.Inline {
		for _, b := range row {
			if ok(b) {
				return b.Data
			}
		}
	}
	return ""
}

var (
	ticketIDRE = regexp.MustCompile(`<b>((?:UNMA|UNVS)-\d+)</b>`)
)

// confirmation returns the booking a "Booked!" message confirms: the
// pressed session, edited into the confirmation, offers to cancel booking
// ID (its calendar file, mentoring-ID.ics, follows as a message of its
// own).
func confirmation(m sandbox.Message) (uint64, bool) {
	d := dataPrefix(m, "bk:x:")
	if d == "" {
		return 0, false
	}
	id, err := strconv.ParseUint(strings.TrimPrefix(d, "bk:x:"), 10, 64)
	return id, err == nil
}

// async reports whether m is something the bot sends a person on its own
// or because of others (a relay, a rating request, a reminder, news of
// one of their tickets), not an answer to the person's last action.
func (p *person) async(m sandbox.Message) bool {
	if dataPrefix(m, "tk:an:") != "" {
		return false // "the team waits on your answer: send it to them?", about the words just typed
	}
	if dataPrefix(m, "tk:r:") != "" || dataPrefix(m, "tk:s:") != "" || dataPrefix(m, "bk:a:") != "" {
		return true
	}
	for _, id := range p.tickets {
		if strings.Contains(m.Text, "<b>"+id+"</b>") {
			return true
		}
	}
	return false
}

// reply accepts a bot message that answers the person's action and that
// want (nil: any) accepts.
func (p *person) reply(want func(sandbox.Message) bool) func(sandbox.Message) bool {
	return func(m sandbox.Message) bool { return !p.async(m) && (want == nil || want(m)) }
}

func has(d string) func(sandbox.Message) bool {
	return func(m sandbox.Message) bool { return data(m, d) }
}

func hasPrefix(prefix string) func(sandbox.Message) bool {
	return func(m sandbox.Message) bool { return dataPrefix(m, prefix) != "" }
}

// menu is a message that shows the main menu (a reply keyboard).
func menu(m sandbox.Message) bool { return len(m.Keyboard) > 0 }

// noButtons is a plain message (a question the bot asks, a refusal).
func noButtons(m sandbox.Message) bool { return len(m.Inline) == 0 }

// slotList is a list of slots, or the message that there are none.
func slotList(m sandbox.Message) bool { return dataPrefix(m, "bk:s:") != "" || noButtons(m) }

func (p *person) say(what, text string, want func(sandbox.Message) bool) (sandbox.Message, bool) {
	return p.w.send(p.id, p.id, 0, what, text, want)
}

func (p *person) press(m sandbox.Message, what, data string, want func(sandbox.Message) bool) (sandbox.Message, bool) {
	got, ans, ok := p.w.press(p.id, m, what, data, want)
	return got, ok && !ans.ShowAlert && (want == nil || got.ID != 0)
}

// live runs the person: onboarding, then rounds of questions, bookings and
// a report until told to stop; then the follow-ups of their tickets.
func (p *person) live(race string) {
	if !p.onboard() {
		return
	}
	for round := 0; ; round++ {
		p.inbox()
		if round == 0 {
			p.raceFor(race)
		}
		p.ask()
		p.inbox()
		if round == 0 {
			p.report()
		}
		p.bookAndCancel()
		p.w.mu.Lock()
		p.w.rounds[p.id]++
		p.w.mu.Unlock()
		if p.w.closing() {
			break
		}
	}
	// The team works the tickets after the reports: wait for their news.
	p.w.await(2*p.w.wait, func() bool {
		p.inbox()
		return p.followedUp()
	})
}

// onboard takes the person through /start with the buttons, starting over
// when an answer does not come.
func (p *person) onboard() bool {
	for range 3 {
		m, ok := p.say("start", "/start", p.reply(has("lang:en")))
		if !ok {
			continue
		}
		if m, ok = p.press(m, "language", "lang:en", p.reply(has("uni:"+p.uni.ID))); !ok {
			continue
		}
		if m, ok = p.press(m, "university", "uni:"+p.uni.ID, p.reply(has("role:"+p.role))); !ok {
			continue
		}
		if _, ok = p.press(m, "role", "role:"+p.role, p.reply(menu)); ok {
			return true
		}
	}
	return false
}

// ask asks a question and, if the answer has a Helpful button, presses it.
// While the team waits on their answer on a ticket, the bot first asks
// whether the words are for the team: a question is for the bot.
func (p *person) ask() {
	m, ok := p.say("question", questions[p.rng.IntN(len(questions))], p.reply(nil))
	if ok && data(m, "tk:an:ask") {
		m, ok = p.press(m, "a question, not an answer", "tk:an:ask", p.reply(nil)) // the question's buttons going is ticket news (async)
	}
	if !ok {
		return
	}
	if d := buttonData(m, func(s string) bool { return strings.HasPrefix(s, "kb:h:") && strings.HasSuffix(s, ":1") }); d != "" {
		p.press(m, "helpful", d, nil)
	}
}

// slotView is the view of slot id: Confirm, the waitlist, or why the
// person cannot book it (with My bookings).
func slotView(id string) func(sandbox.Message) bool {
	return func(m sandbox.Message) bool { return data(m, "bk:c:"+id) || data(m, "bk:w:"+id) || data(m, "bk:m:0") }
}

// raceFor books the group session with topic race, which has fewer seats
// than people want: /mentoring, Group, the session, Confirm.
func (p *person) raceFor(race string) {
	m, ok := p.say("mentoring", "/mentoring", p.reply(has("bk:k:g:0")))
	if !ok {
		return
	}
	if m, ok = p.press(m, "group sessions", "bk:k:g:0", p.reply(slotList)); !ok {
		return
	}
	d := buttonWithText(m, race)
	if d == "" {
		return
	}
	id := strings.TrimPrefix(d, "bk:s:")
	if m, ok = p.press(m, "session", d, p.reply(slotView(id))); !ok || !data(m, "bk:c:"+id) {
		return
	}
	m, ok = p.press(m, "book", "bk:c:"+id, p.reply(func(m sandbox.Message) bool {
		_, booked := confirmation(m)
		return booked || data(m, "bk:w:"+id)
	}))
	if bid, booked := confirmation(m); ok && booked {
		p.w.mu.Lock()
		p.w.booked[bid] = p.id
		p.w.mu.Unlock()
	}
}

// bookAndCancel books a personal slot the person never booked before (so
// the mentor is never told the same thing twice) and cancels it from
// /mybookings.
func (p *person) bookAndCancel() {
	m, ok := p.say("mentoring", "/mentoring", p.reply(has("bk:k:p:0")))
	if !ok {
		return
	}
	d := ""
	for page := 0; d == "" && page < 5; page++ {
		if m, ok = p.press(m, "personal slots", fmt.Sprintf("bk:k:p:%d", page), p.reply(slotList)); !ok {
			return
		}
		d = buttonData(m, func(s string) bool { return strings.HasPrefix(s, "bk:s:") && !p.handled[s] })
		if d == "" && !data(m, fmt.Sprintf("bk:k:p:%d", page+1)) {
			return // none free
		}
	}
	if d == "" {
		return
	}
	p.handled[d] = true
	id := strings.TrimPrefix(d, "bk:s:")
	if m, ok = p.press(m, "personal slot", d, p.reply(slotView(id))); !ok || !data(m, "bk:c:"+id) {
		return
	}
	m, ok = p.press(m, "book personal", "bk:c:"+id, p.reply(func(m sandbox.Message) bool {
		_, booked := confirmation(m)
		return booked || data(m, "bk:w:"+id)
	}))
	bid, booked := confirmation(m)
	if !ok || !booked {
		return
	}
	p.w.mu.Lock()
	p.w.booked[bid] = p.id
	p.w.mu.Unlock()
	cancel := "bk:x:" + strconv.FormatUint(bid, 10)
	if m, ok = p.say("my bookings", "/mybookings", p.reply(has(cancel))); !ok {
		return
	}
	// Cancelling asks a second tap; then the calendar cancellation comes.
	sure := "bk:X:" + strconv.FormatUint(bid, 10)
	if m, ok = p.press(m, "cancel booking", cancel, p.reply(has(sure))); !ok {
		return
	}
	cancelled := func(m sandbox.Message) bool {
		return m.File != nil && m.File.Name == fmt.Sprintf("mentoring-%d.ics", bid)
	}
	if _, ok = p.press(m, "confirm cancel", sure, p.reply(cancelled)); ok {
		p.w.mu.Lock()
		p.w.cancelled[bid] = true
		p.w.mu.Unlock()
	}
}

// report reports a technical problem: /problem, a category, a description
// no article answers (or, if one does, "I still need help").
func (p *person) report() {
	m, ok := p.say("problem", "/problem", p.reply(hasPrefix("tk:cat:")))
	if !ok {
		return
	}
	cat := aulabot.Categories[p.rng.IntN(len(aulabot.Categories))]
	if _, ok = p.press(m, "category", "tk:cat:"+cat, p.reply(noButtons)); !ok {
		return
	}
	desc := fmt.Sprintf("Sim report %d: projector XQ%d shows fault code %d", p.id, p.rng.IntN(1000), p.rng.IntN(100000))
	created := func(m sandbox.Message) bool { return ticketIDRE.MatchString(m.Text) }
	if m, ok = p.say("describe", desc, p.reply(func(m sandbox.Message) bool { return created(m) || data(m, "tk:kb:still") })); !ok {
		return
	}
	if data(m, "tk:kb:still") {
		if m, ok = p.press(m, "still need help", "tk:kb:still", p.reply(created)); !ok {
			return
		}
	}
	id := ticketIDRE.FindStringSubmatch(m.Text)[1]
	p.tickets = append(p.tickets, id)
	p.w.mu.Lock()
	p.w.tickets[id] = simTicket{id: id, desc: desc, requester: p.id, at: time.Now()}
	p.w.mu.Unlock()
}

// fate is what the team does with ticket number n: leave it unclaimed (so
// its service-level timers fall due), answer the requester, or resolve it.
func fate(id string) int {
	_, n, _ := aulabot.ParseTicketID(id)
	return n % 3
}

const (
	fateUnclaimed = 0
	fateAnswer    = 1
	fateResolve   = 2
)

// followedUp reports whether every ticket of the person got the team's
// news the person waits for, and the person answered it.
func (p *person) followedUp() bool {
	for _, id := range p.tickets {
		switch fate(id) {
		case fateAnswer:
			if !p.handled["reply:"+id] {
				return false
			}
		case fateResolve:
			if !p.handled["rate:"+id] {
				return false
			}
		}
	}
	return true
}

// inbox answers the team's news about the person's tickets: a message
// from the team is answered (with Reply, or by replying to it), a
// resolution is rated ⭐ 5 without a comment.
func (p *person) inbox() {
	for _, m := range p.w.sb.Messages(p.id) {
		if !m.FromBot {
			continue
		}
		if d := dataPrefix(m, "tk:r:"); d != "" {
			id := strings.TrimPrefix(d, "tk:r:")
			if !slices.Contains(p.tickets, id) || p.handled["reply:"+id] {
				continue
			}
			p.handled["reply:"+id] = true
			about := func(m sandbox.Message) bool {
				return strings.Contains(m.Text, id) && dataPrefix(m, "tk:r:") == "" && dataPrefix(m, "tk:s:") == ""
			}
			text := fmt.Sprintf("Sim answer about %s: it works now (%d)", id, p.rng.IntN(100000))
			if p.rng.IntN(2) == 0 {
				if _, ok := p.press(m, "reply button", d, about); ok {
					p.w.send(p.id, p.id, 0, "answer the team", text, about)
				}
			} else {
				p.w.send(p.id, p.id, m.ID, "reply to the team", text, about)
			}
		}
		if d := dataPrefix(m, "tk:s:"); d != "" {
			id := strings.Split(d, ":")[2]
			if !slices.Contains(p.tickets, id) || p.handled["rate:"+id] {
				continue
			}
			p.handled["rate:"+id] = true
			if got, ok := p.press(m, "rate", "tk:s:"+id+":5", func(m sandbox.Message) bool { return data(m, "tk:k:"+id) }); ok {
				p.press(got, "skip comment", "tk:k:"+id, nil)
			}
		}
	}
}

// team is a university's technical team: two members who both press
// Claim on each new ticket, and the winner answers or resolves it.
type team struct {
	w    *world
	uni  *aulabot.University
	mu   sync.Mutex
	seen map[string]bool
	wg   sync.WaitGroup
}

// watch handles each new ticket post of the group until the world quits.
func (tm *team) watch() {
	after := 0
	for {
		ch := tm.w.sb.Changed()
		for _, m := range tm.w.sb.MessagesSince(tm.uni.TeamChat, after) {
			after = m.ID
			d := dataPrefix(m, "tk:c:")
			if !m.FromBot || d == "" || m.ReplyTo != 0 {
				continue // not a ticket post (reminders reply to the post)
			}
			id := strings.TrimPrefix(d, "tk:c:")
			tm.mu.Lock()
			fresh := !tm.seen[id]
			tm.seen[id] = true
			tm.mu.Unlock()
			if fresh {
				tm.wg.Add(1)
				go func() { defer tm.wg.Done(); tm.work(id, m) }()
			}
		}
		select {
		case <-ch:
		case <-tm.w.quit:
			tm.wg.Wait()
			return
		}
	}
}

// work races both members' Claim, then answers or resolves the ticket.
func (tm *team) work(id string, post sandbox.Message) {
	w := tm.w
	if fate(id) == fateUnclaimed {
		return
	}
	var wg sync.WaitGroup
	answers := make([]sandbox.CallbackAnswer, len(tm.uni.Tech))
	for i, tech := range tm.uni.Tech {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, answers[i], _ = w.press(tech, post, "claim", "tk:c:"+id, nil)
		}()
	}
	wg.Wait()
	winner := int64(0)
	for i, a := range answers {
		if a.Answered && !a.ShowAlert {
			winner = tm.uni.Tech[i]
		}
	}
	if winner == 0 { // the answer was lost: the post says who claimed it
		w.await(w.wait, func() bool {
			cur, _ := w.sb.Message(post.Chat, post.ID)
			for i, tech := range tm.uni.Tech {
				if strings.Contains(cur.Plain, fmt.Sprintf("Tec %d %s", i+1, tm.uni.ID)) {
					winner = tech
				}
			}
			return winner != 0
		})
	}
	if winner == 0 {
		return
	}
	switch fate(id) {
	case fateAnswer:
		text := fmt.Sprintf("Sim team answer for %s: please restart the projector (%d)", id, post.ID)
		w.sendFor(winner, post.Chat, post.ID, "team reply", text, func(sent sandbox.Message) func(sandbox.Message) bool {
			return func(m sandbox.Message) bool { return m.ReplyTo == sent.ID } // the bot's acknowledgement
		})
	case fateResolve:
		cur, _ := w.sb.Message(post.Chat, post.ID)
		w.press(winner, cur, "resolve", "tk:v:"+id, nil)
	}
}
