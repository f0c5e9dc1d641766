package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// report is what a run showed: its figures and every broken rule.
type report struct {
	name          string
	kills, terms  int
	updates       int
	lost          int
	acts, noReply int
	unanswered    int // presses acted upon but never answered
	answerFaults  int // presses whose answer Telegram failed (injected)
	// Messages sent twice: within one process; explained by a dropped
	// connection (Telegram took the first copy, the bot saw an error);
	// after each SIGKILL (by the generation killed).
	dupWithin, dupDropped int
	dupKill               map[int]int
	// resent are the second copies that a dropped connection or a kill
	// explains, by (chat, message id): the counts of what must come once
	// leave them out.
	resent               map[[2]int64]bool
	tickets, posts       int
	bookings, raceBooked int
	reminders, slaRemind int
	escalations          int
	limit429, injected   int
	maxTerm              time.Duration
	crowd                time.Duration
	latencies            []time.Duration
	violations           map[string][]string
}

func (r *report) fail(rule, format string, a ...any) {
	r.violations[rule] = append(r.violations[rule], fmt.Sprintf(format, a...))
}

// check checks the run from the emulator's record and chats and from the
// database, which it opens once the last process exited.
func (w *world) check(sc scenario, terms []stop, crowd time.Duration) *report {
	t := w.t
	r := &report{name: sc.name, terms: len(terms), crowd: crowd, dupKill: map[int]int{}, resent: map[[2]int64]bool{}, violations: map[string][]string{}}
	end := terms[len(terms)-1].At
	st, err := store.Open(w.run.dataPath(), store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("open the database after the run: %v", err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		r.fail("database consistent", "%v", err)
	}
	rec := w.sb.RecordSince(0)
	for _, s := range w.run.stops {
		if s.Signal == "KILL" {
			r.kills++
		}
	}
	for _, s := range terms {
		r.maxTerm = max(r.maxTerm, s.Took)
		if s.Exit != 0 || s.Took > 10*time.Second {
			r.fail("SIGTERM: exit 0 within 10 s", "generation %d exited with status %d after %v", s.Gen, s.Exit, s.Took.Round(time.Millisecond))
		}
	}
	for _, line := range w.run.problems() {
		r.fail("no panic, data race or fatal error", "%s", line)
	}
	w.checkUpdates(r, st, rec)
	w.checkDuplicates(r, rec)
	w.checkTickets(r, st, rec, end)
	w.checkBookings(r, st, end)
	pending, err := st.Pending()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pending {
		if !m.NotBefore.After(end) {
			r.fail("outbox empty at the end", "message %d to chat %d (%d attempts, key %q): %.60q", m.ID, m.ChatID, m.Attempts, m.Key, m.Text)
		}
	}
	for _, e := range rec {
		if e.Kind == sandbox.RecError && e.Code == 429 && e.Fault == "" {
			r.limit429++
		}
	}
	for _, n := range w.sb.InjectedFaults() {
		r.injected += n
	}
	return r
}

// updateOf maps each person's message (chat, message id) and press
// (callback id) to its update id.
func updateOf(rec []sandbox.Record) (map[[2]int64]int, map[string]int) {
	msgs, presses := map[[2]int64]int{}, map[string]int{}
	for _, e := range rec {
		if e.Kind != sandbox.RecUpdate {
			continue
		}
		if e.Callback != "" {
			presses[e.Callback] = e.UpdateID
		} else {
			msgs[[2]int64{e.Chat, int64(e.MessageID)}] = e.UpdateID
		}
	}
	return msgs, presses
}

// checkUpdates: every update took effect (the store marked it applied),
// and every action got its reply or effect.
func (w *world) checkUpdates(r *report, st *store.Store, rec []sandbox.Record) {
	applied := func(id int) bool {
		ok, err := st.Applied(int64(id))
		if err != nil {
			w.t.Fatal(err)
		}
		return ok
	}
	for _, e := range rec {
		if e.Kind != sandbox.RecUpdate {
			continue
		}
		r.updates++
		if !applied(e.UpdateID) {
			r.lost++
			what := strconv.Quote(e.Text)
			if e.Callback != "" {
				what = "press " + e.Data
			}
			r.fail("no update lost", "update %d from %d in chat %d (%s) was never applied", e.UpdateID, e.From, e.Chat, what)
		}
	}
	msgs, presses := updateOf(rec)
	w.mu.Lock()
	acts := slices.Clone(w.acts)
	w.mu.Unlock()
	for _, a := range acts {
		r.acts++
		if a.ok {
			r.latencies = append(r.latencies, a.took)
			continue
		}
		r.noReply++
		id := msgs[[2]int64{a.chat, int64(a.msgID)}]
		if a.cb != "" {
			id = presses[a.cb]
		}
		if applied(id) {
			r.fail("every update gets its reply", "%s by %d (update %d) was applied but no answer came within %v", a.what, a.who, id, w.wait)
		}
	}
	for _, a := range w.sb.Answers() {
		switch {
		case a.Answered || !applied(presses[a.ID]):
		case a.Fault != "":
			r.answerFaults++
		default:
			r.unanswered++
		}
	}
}

// checkDuplicates finds messages the bot sent twice: the same content
// (text, buttons, file, reply) in the same chat, unless the person
// repeated, between the two, the action that came before the first copy.
//
//   - Within one process, a copy within 3 seconds is a duplicate (the
//     Outbox race resent about a second later).
//   - Across a restart, a copy within 10 seconds is a duplicate if nobody
//     acted in the chat between the two or, after a kill, if the first was
//     sent less than 2 seconds before the kill (in flight). Otherwise it is
//     the bot answering another action alike (a flow left half-way answers
//     every message the same).
//   - A copy whose first send was cut by a dropped connection is explained:
//     Telegram took it, the bot could not know.
//   - After a SIGKILL a duplicate must be of a message in flight; after a
//     SIGTERM there must be none.
//
// Identical messages further apart are taken as meant; a ticket posted
// twice is also caught by checkTickets.
func (w *world) checkDuplicates(r *report, rec []sandbox.Record) {
	type action struct {
		seq     int
		content string
	}
	type sent struct {
		gen     int
		at      time.Time
		dropped bool
		before  action // the chat's last action before it
		seq     int
	}
	dropped := map[int]bool{}
	actions := map[int64][]action{}
	prior := map[string]sent{}
	stopOf := map[int]stop{}
	for _, s := range w.run.stops {
		stopOf[s.Gen] = s
	}
	for _, e := range rec {
		switch e.Kind {
		case sandbox.RecError:
			if e.Fault == sandbox.FaultDrop {
				dropped[e.Call] = true
			}
		case sandbox.RecUpdate:
			c := e.Text
			if e.Callback != "" {
				c = "press " + e.Data
			}
			actions[e.Chat] = append(actions[e.Chat], action{e.Seq, c})
		case sandbox.RecSend:
			buttons, _ := json.Marshal(e.Buttons)
			key := fmt.Sprintf("%d\x00%s\x00%s\x00%s\x00%d", e.Chat, e.Text, buttons, e.File, e.ReplyTo)
			as := actions[e.Chat]
			var last action
			if len(as) > 0 {
				last = as[len(as)-1]
			}
			cur := sent{gen: e.Generation, at: e.Time, dropped: dropped[e.Call], before: last, seq: e.Seq}
			p, seen := prior[key]
			prior[key] = cur
			if !seen {
				continue
			}
			if p.dropped {
				// Telegram took it, the bot saw the connection drop and
				// sent it again after its backoff (and the chat's pace):
				// at-least-once delivery, however long that took.
				r.resent[[2]int64{e.Chat, int64(e.MessageID)}] = true
				r.dupDropped++
				continue
			}
			window := 3 * time.Second
			if p.gen != cur.gen {
				window = 10 * time.Second
			}
			between, repeated := 0, false
			for _, a := range as {
				if a.seq > p.seq {
					between++
					repeated = repeated || a.content == p.before.content
				}
			}
			s, stopped := stopOf[p.gen]
			inFlight := stopped && s.At.Sub(p.at) < 2*time.Second
			if repeated || cur.at.Sub(p.at) > window || (p.gen != cur.gen && between > 0 && (!inFlight || s.Signal == "TERM")) {
				continue // asked again, or meant
			}
			what := fmt.Sprintf("chat %d: %.70q sent by generation %d at %s and again by %d %v later",
				e.Chat, e.Text, p.gen, p.at.Format("15:04:05.000"), cur.gen, cur.at.Sub(p.at).Round(time.Millisecond))
			if p.gen != cur.gen && s.Signal == "KILL" && inFlight {
				r.resent[[2]int64{e.Chat, int64(e.MessageID)}] = true
			}
			switch {
			case p.gen == cur.gen:
				r.dupWithin++
				r.fail("no message sent twice by one process", "%s", what)
			case s.Signal == "TERM":
				r.fail("nothing sent twice after a SIGTERM", "%s", what)
			default:
				r.dupKill[p.gen]++
				if !inFlight {
					r.fail("after a kill, duplicates only of messages in flight", "%s (first sent %v before the kill)", what, s.At.Sub(p.at).Round(time.Millisecond))
				}
			}
		}
	}
}

// uniOf is the university of a ticket id.
func (w *world) uniOf(id string) *aulabot.University {
	uni, _, _ := aulabot.ParseTicketID(id)
	u, _ := w.cfg.University(strings.ToLower(uni))
	return u
}

// posts are the ticket's posts in its team group (a copy was sent again
// after a kill); everything else about a ticket there replies to a post.
func posts(group []sandbox.Message, id string) []sandbox.Message {
	var out []sandbox.Message
	for _, m := range group {
		if m.FromBot && m.ReplyTo == 0 && strings.Contains(m.Text, "<b>"+id+"</b>") && !data(m, "tk:vw:"+id) {
			out = append(out, m) // not a list of tickets with a 🔎 each
		}
	}
	return out
}

// countReminders counts the claim reminders of a ticket: messages threaded
// under its post that carry its Claim button, and lists of reminders due
// together that name it with its 🔎.
func countReminders(group []sandbox.Message, id string) int {
	n := 0
	for _, m := range group {
		single := m.ReplyTo != 0 && data(m, "tk:c:"+id)
		batched := m.ReplyTo == 0 && data(m, "tk:vw:"+id) &&
			(strings.Contains(m.Text, "without being claimed") || strings.Contains(m.Text, "sin que nadie los tome"))
		if m.FromBot && (single || batched) {
			n++
		}
	}
	return n
}

// countMentions counts the bot's messages naming ticket id in a chat.
func countMentions(chat []sandbox.Message, id string) int {
	n := 0
	for _, m := range chat {
		if m.FromBot && strings.Contains(m.Text, "<b>"+id+"</b>") {
			n++
		}
	}
	return n
}

// checkTickets: each ticket a requester was told of exists, once, with its
// description; numbers are contiguous per university; each ticket is
// posted once (a kill may explain a second copy, and every copy shows the
// ticket's state); its service-level reminders come once.
func (w *world) checkTickets(r *report, st *store.Store, rec []sandbox.Record, end time.Time) {
	w.mu.Lock()
	seen := w.tickets
	w.mu.Unlock()
	genOf := map[[2]int64]int{} // (chat, message id) of each message the bot sent → its process
	for _, e := range rec {
		if e.Kind == sandbox.RecSend {
			genOf[[2]int64{e.Chat, int64(e.MessageID)}] = e.Generation
		}
	}
	for _, u := range w.cfg.Universities {
		ts, err := st.Tickets(u.ID, false)
		if err != nil {
			w.t.Fatal(err)
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i].Number < ts[j].Number })
		group := w.sb.Messages(u.TeamChat)
		byDesc := map[string]int{}
		for i, t := range ts {
			r.tickets++
			if t.Number != i+1 {
				r.fail("ticket numbers contiguous per university", "%s: ticket %d is %s", u.ID, i+1, t.ID)
			}
			byDesc[t.Description]++
			if byDesc[t.Description] == 2 {
				r.fail("no ticket duplicated", "%q is in tickets of %s more than once", t.Description, u.ID)
			}
			if s, ok := seen[t.ID]; ok && (s.requester != t.Requester || s.desc != t.Description) {
				r.fail("no ticket lost", "%s is %q by %d in the database; its requester saw it as %q by %d", t.ID, t.Description, t.Requester, s.desc, s.requester)
			}
			ps := posts(group, t.ID)
			r.posts += len(ps)
			if len(ps) == 0 {
				r.fail("every ticket posted", "%s never appeared in its team group", t.ID)
			}
			for i := 1; i < len(ps); i++ {
				if g0, g := genOf[[2]int64{u.TeamChat, int64(ps[0].ID)}], genOf[[2]int64{u.TeamChat, int64(ps[i].ID)}]; g == g0 && !r.resent[[2]int64{u.TeamChat, int64(ps[i].ID)}] {
					r.fail("no ticket posted twice beyond what a kill explains", "%s posted again by the same process (generation %d)", t.ID, g)
				}
			}
			for _, p := range ps {
				if d := postState(p, t.ID); d != t.State && !(d == aulabot.TicketClosed && t.State == aulabot.TicketResolved) {
					r.fail("every copy of a post shows the ticket's state", "%s is %s, its post %d in the group shows %s", t.ID, t.State, p.ID, d)
				}
			}
			w.checkServiceLevels(r, t, &u, group, end)
		}
	}
	for id, s := range seen {
		if _, ok, err := st.Ticket(id); err != nil || !ok {
			r.fail("no ticket lost", "%s, which %d was told of, is not in the database (%v)", id, s.requester, err)
		}
	}
}

// postState reads a post's state from its buttons: Claim while open,
// Unclaim once claimed, none after.
func postState(m sandbox.Message, id string) aulabot.TicketState {
	switch {
	case data(m, "tk:c:"+id):
		return aulabot.TicketOpen
	case data(m, "tk:u:"+id):
		return aulabot.TicketClaimed
	}
	return aulabot.TicketClosed
}

// checkServiceLevels: a ticket is reminded to its team and escalated to the
// coordinators once at most; exactly once if nobody claimed it before the
// timer fell due (and the bot ran timers since), never if it was claimed
// before.
func (w *world) checkServiceLevels(r *report, t aulabot.Ticket, u *aulabot.University, group []sandbox.Message, end time.Time) {
	var claimed time.Time
	for _, a := range t.Audit {
		if a.To != aulabot.TicketOpen && claimed.IsZero() {
			claimed = a.At
		}
	}
	loc := u.Location
	if loc == nil {
		loc = w.cfg.Location
	}
	for _, timer := range []struct {
		name string
		d    aulabot.Duration
		n    int
	}{
		{"claim reminder", u.Service.ClaimReminder, countReminders(r.firsts(group), t.ID)},
		{"escalation", u.Service.Escalate, countMentions(r.firsts(w.sb.Messages(u.Coordinators[0])), t.ID)},
	} {
		due := u.Service.AddBusiness(t.Created, time.Duration(timer.d), loc)
		if timer.name == "claim reminder" {
			r.slaRemind += timer.n
		} else {
			r.escalations += timer.n
		}
		switch {
		case timer.n > 1:
			r.fail("service-level reminders once per ticket", "%s: %d %ss", t.ID, timer.n, timer.name)
		case claimed.IsZero() && due.Before(end.Add(-25*time.Second)) && timer.n == 0:
			r.fail("service-level reminders once per ticket", "%s: no %s, due at %s and never claimed", t.ID, timer.name, due.Format("15:04:05"))
		case !claimed.IsZero() && claimed.Before(due.Add(-service.BatchAhead)) && timer.n != 0:
			// (Within service.BatchAhead of its due time a ticket's
			// reminder may have gone with an earlier one's.)
			r.fail("service-level reminders once per ticket", "%s: %s although claimed at %s, before it was due at %s", t.ID, timer.name, claimed.Format("15:04:05"), due.Format("15:04:05"))
		}
	}
}

// checkBookings: no slot over capacity; every confirmation a person saw is
// a booking of theirs in the database, and every booking was confirmed to
// its person; a cancellation they saw is a cancelled booking; the 1-hour
// reminders of the group sessions came once.
func (w *world) checkBookings(r *report, st *store.Store, end time.Time) {
	w.mu.Lock()
	booked, cancelled := w.booked, w.cancelled
	w.mu.Unlock()
	inStore := map[uint64]aulabot.Booking{}
	err := st.View(func(tx *store.Tx) error {
		for _, u := range w.cfg.Universities {
			slots, err := tx.UniversitySlots(u.ID, w.begin.Add(-time.Hour), w.begin.Add(4*24*time.Hour))
			if err != nil {
				return err
			}
			for _, s := range slots {
				bs, err := tx.SlotBookings(s.ID)
				if err != nil {
					return err
				}
				active := 0
				for _, b := range bs {
					inStore[b.ID] = b
					if b.Status == aulabot.BookingActive {
						active++
					}
					if strings.HasPrefix(s.Topic, "Race ") {
						w.checkReminder(r, b, s, end)
					}
				}
				if active > s.Capacity || active != s.Booked {
					r.fail("no slot over capacity", "slot %d (%s): %d active bookings, capacity %d, booked %d", s.ID, s.Topic, active, s.Capacity, s.Booked)
				}
				if strings.HasPrefix(s.Topic, "Race ") {
					r.raceBooked += active
				}
			}
		}
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
	r.bookings = len(inStore)
	for id, who := range booked {
		if b, ok := inStore[id]; !ok || b.User != who {
			r.fail("no booking lost", "booking %d, confirmed to %d, is not theirs in the database (%+v)", id, who, b)
		}
	}
	for id, b := range inStore {
		if b.Status == aulabot.BookingWaiting {
			continue
		}
		if _, ok := booked[id]; !ok {
			r.fail("no booking lost", "booking %d of %d (%s) was never confirmed to them", id, b.User, b.Status)
		}
		if cancelled[id] != (b.Status == aulabot.BookingCancelled) {
			r.fail("no booking lost", "booking %d of %d is %s; the person saw it cancelled: %v", id, b.User, b.Status, cancelled[id])
		}
	}
}

// checkReminder: the 1-hour reminder of a booking of a group session (a
// message with its "I'll attend" button) came once if the booking was made
// before it fell due, never if after.
func (w *world) checkReminder(r *report, b aulabot.Booking, s aulabot.Slot, end time.Time) {
	n := 0
	for _, m := range r.firsts(w.sb.Messages(b.User)) {
		if m.FromBot && data(m, fmt.Sprintf("bk:a:%d", b.ID)) {
			n++
		}
	}
	r.reminders += n
	due := s.Start.Add(-time.Hour)
	switch {
	case n > 1:
		r.fail("reminders once", "booking %d of %d: %d reminders", b.ID, b.User, n)
	case b.Status == aulabot.BookingActive && b.Created.Before(due.Add(-time.Second)) && due.Before(end.Add(-5*time.Second)) && n == 0:
		r.fail("reminders once", "booking %d of %d: no reminder, due at %s", b.ID, b.User, due.Format("15:04:05"))
	case b.Created.After(due) && n != 0:
		r.fail("reminders once", "booking %d of %d: a reminder although booked after it was due", b.ID, b.User)
	}
}

// firsts leaves out of msgs the copies a dropped connection or a kill
// explains.
func (r *report) firsts(msgs []sandbox.Message) []sandbox.Message {
	return slices.DeleteFunc(slices.Clone(msgs), func(m sandbox.Message) bool { return r.resent[[2]int64{m.Chat, int64(m.ID)}] })
}

// percentile returns the p-th percentile (0-100) of ds.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

// summary is the run's figures as a table.
func (r *report) summary() string {
	var b strings.Builder
	row := func(k string, v any) { fmt.Fprintf(&b, "  %-58s %v\n", k, v) }
	kills := 0
	for _, n := range r.dupKill {
		kills += n
	}
	rate := 0.0
	if r.kills > 0 {
		rate = float64(kills) / float64(r.kills)
	}
	fmt.Fprintf(&b, "%s\n", r.name)
	row("SIGKILLs / SIGTERMs, the last one included (slowest exit)", fmt.Sprintf("%d / %d (%v)", r.kills, r.terms, r.maxTerm.Round(time.Millisecond)))
	row("updates from people / lost", fmt.Sprintf("%d / %d", r.updates, r.lost))
	row("actions / without an answer in time", fmt.Sprintf("%d / %d", r.acts, r.noReply))
	row("presses acted upon, never answered (answers failed by faults)", fmt.Sprintf("%d (%d)", r.unanswered, r.answerFaults))
	row("duplicates within a process", r.dupWithin)
	row("duplicates after kills (per kill)", fmt.Sprintf("%d (%.2f) %v", kills, rate, r.dupKill))
	row("duplicates after dropped connections", r.dupDropped)
	row("tickets / posts in team groups", fmt.Sprintf("%d / %d", r.tickets, r.posts))
	row("bookings / seats taken in the races", fmt.Sprintf("%d / %d", r.bookings, r.raceBooked))
	row("reminders / claim reminders / escalations", fmt.Sprintf("%d / %d / %d", r.reminders, r.slaRemind, r.escalations))
	row("429s from Telegram's limits / faults injected", fmt.Sprintf("%d / %d", r.limit429, r.injected))
	row("answer delay p50 / p99 / max", fmt.Sprintf("%v / %v / %v", percentile(r.latencies, 50).Round(time.Millisecond), percentile(r.latencies, 99).Round(time.Millisecond), percentile(r.latencies, 100).Round(time.Millisecond)))
	row("actions answered per second", fmt.Sprintf("%.1f over %v", float64(len(r.latencies))/r.crowd.Seconds(), r.crowd.Round(time.Second)))
	rules := make([]string, 0, len(r.violations))
	for k := range r.violations {
		rules = append(rules, k)
	}
	sort.Strings(rules)
	for _, k := range rules {
		row("BROKEN: "+k, len(r.violations[k]))
	}
	return b.String()
}

// assert fails the test once per broken rule, listing what it saw.
func (r *report) assert(t *testing.T) {
	t.Helper()
	rules := make([]string, 0, len(r.violations))
	for k := range r.violations {
		rules = append(rules, k)
	}
	sort.Strings(rules)
	for _, k := range rules {
		vs := r.violations[k]
		shown := vs[:min(len(vs), 15)]
		more := ""
		if len(vs) > len(shown) {
			more = fmt.Sprintf("\n  … and %d more", len(vs)-len(shown))
		}
		t.Errorf("%s: broken %d times:\n  %s%s", k, len(vs), strings.Join(shown, "\n  "), more)
	}
}
