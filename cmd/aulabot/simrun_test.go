package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// scenario is one run of the crowd against the real binary.
type scenario struct {
	name   string
	people int // per university
	// kills SIGKILLs and terms SIGTERMs happen while people act, at random
	// moments every about mean (uniformly between half and one and a half
	// times it); the bot is restarted after each.
	kills, terms int
	every        time.Duration
	seed         int64
	faults       sandbox.Faults
	wait         time.Duration // how long a person waits for an answer
}

// runScenario runs sc: the bot starts, mentors publish slots, people and
// the teams act while the bot is stopped and restarted as planned, then
// everything settles (reminders and service-level timers fall due), the
// bot is stopped with SIGTERM and the run is checked from what the
// emulator saw and from the database.
func runScenario(t *testing.T, sc scenario) *report {
	w, people := newWorld(t, simConfig, sc.people, sc.faults, sc.wait)
	w.run.start()
	races, raceDue := w.publish()

	crowdStart := time.Now()
	var crowd sync.WaitGroup
	finished := map[int64]bool{}
	for _, p := range people {
		crowd.Add(1)
		go func() {
			defer crowd.Done()
			p.live(races[p.uni.ID])
			w.mu.Lock()
			finished[p.id] = true
			w.mu.Unlock()
		}()
	}
	var teams sync.WaitGroup
	for i := range w.cfg.Universities {
		tm := &team{w: w, uni: &w.cfg.Universities[i], seen: map[string]bool{}}
		teams.Add(1)
		go func() { defer teams.Done(); tm.watch() }()
	}

	var terms []stop
	rng := rand.New(rand.NewPCG(uint64(sc.seed), 2))
	var plan []string
	for range sc.kills {
		plan = append(plan, "KILL")
	}
	for range sc.terms {
		plan = append(plan, "TERM")
	}
	rng.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })
	for i, sig := range plan {
		gap := sc.every/2 + time.Duration(rng.Int64N(int64(sc.every)))
		timer := time.NewTimer(gap)
		<-timer.C
		if i%2 == 1 {
			// Every other stop is aimed: at the bot's next batch of
			// updates, 0-30 ms after it took them, when they are most
			// likely being handled and their replies sent.
			w.nextDelivery(5 * time.Second)
			timer := time.NewTimer(time.Duration(rng.Int64N(int64(30 * time.Millisecond))))
			<-timer.C
		}
		if sig == "KILL" {
			w.run.kill()
		} else {
			terms = append(terms, w.run.term(15*time.Second))
		}
		w.run.start()
	}

	// Everyone did at least one whole round (or gave up); then they stop.
	w.await(10*time.Minute, func() bool {
		w.mu.Lock()
		defer w.mu.Unlock()
		for _, p := range people {
			if !finished[p.id] && w.rounds[p.id] == 0 {
				return false
			}
		}
		return true
	})
	close(w.stop)
	crowd.Wait()
	took := time.Since(crowdStart)

	// Reminders and service-level timers fall due; the teams finish; the
	// bot sends what it owes (a team group takes one message every 3 s).
	w.settle(raceDue)
	close(w.quit)
	teams.Wait()
	w.drain(2 * time.Minute)
	terms = append(terms, w.run.term(15*time.Second))
	return w.check(sc, terms, took)
}

// nextDelivery waits, at most d, until the emulator hands the bot a batch
// of updates.
func (w *world) nextDelivery(d time.Duration) {
	recs := w.sb.RecordSince(0)
	seq := 0
	if len(recs) > 0 {
		seq = recs[len(recs)-1].Seq
	}
	w.await(d, func() bool {
		for _, r := range w.sb.RecordSince(seq) {
			seq = r.Seq
			if r.Kind == sandbox.RecDeliver {
				return true
			}
		}
		return false
	})
}

// publish has the mentors publish, for each university, a group session
// with fewer seats than people, starting in about an hour and a minute (so
// its 1-hour reminders fall due during the run), and personal slots two
// days ahead (more than people book in a run, so that nobody books the
// same one twice and its mentor is never told the same thing twice). It
// returns each university's group session topic and when
// the reminders fall due.
func (w *world) publish() (map[string]string, time.Time) {
	start := time.Now().UTC().Add(time.Hour + 30*time.Second).Truncate(time.Minute).Add(time.Minute)
	races := map[string]string{}
	var wg sync.WaitGroup
	for _, u := range w.cfg.Universities {
		topic := "Race " + u.ID
		races[u.ID] = topic
		mentor, other := u.Mentors[0], u.Mentors[1]
		published := func(m sandbox.Message) bool { return !strings.Contains(m.Plain, "Sim ") }
		if _, ok := w.send(mentor, mentor, 0, "new slot", fmt.Sprintf("/newslot %s 10 group 3 %s", start.Format("2006-01-02 15:04"), topic), published); !ok {
			w.t.Fatalf("mentor %d could not publish the group session:%s", mentor, dump(w.sb.Messages(mentor)))
		}
		// 24 personal slots in one day two days ahead, in one command.
		day := time.Now().UTC().Add(48 * time.Hour)
		weekly := fmt.Sprintf("/weekly %s 08:00-20:00 30 %s", strings.ToLower(day.Weekday().String()[:3]), day.Format("2006-01-02"))
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.send(other, other, 0, "new slots", weekly, published)
		}()
	}
	wg.Wait()
	return races, start.Add(-time.Hour)
}

// settle waits, at most a few minutes, until the reminders of the group
// sessions and the service-level timers of unclaimed tickets have fallen
// due and their messages arrived.
func (w *world) settle(raceDue time.Time) {
	// The reminders go out when due, the service levels' jobs run when
	// due (until 7 December at the bot's next 20-second tick, for which
	// this waited 25 s more): a few seconds for the reminders to reach
	// their chats; the escalations are waited for below.
	until := raceDue.Add(8 * time.Second)
	w.mu.Lock()
	var unclaimed []string
	for id, t := range w.tickets {
		if fate(id) == fateUnclaimed {
			unclaimed = append(unclaimed, id)
			until = maxTime(until, t.at.Add(time.Duration(w.uniOf(id).Service.Escalate)))
		}
	}
	w.mu.Unlock()
	w.await(time.Until(until)+90*time.Second, func() bool {
		if time.Now().Before(until) {
			return false
		}
		for _, id := range unclaimed {
			u := w.uniOf(id)
			if countReminders(w.sb.Messages(u.TeamChat), id) == 0 || countMentions(w.sb.Messages(u.Coordinators[0]), id) == 0 {
				return false
			}
		}
		return true
	})
}

// drain waits, at most d, until the running bot has nothing due in its
// outbox and nothing waiting for a retry, as "aulabot outbox --json" says
// through its control socket.
func (w *world) drain(d time.Duration) {
	w.await(d, func() bool {
		out, err := exec.Command(botBinary(w.t), "outbox", "--json", "--data", w.run.dataPath()).Output()
		if err != nil {
			return false
		}
		var v struct {
			Waiting struct{ Due int } `json:"waiting"`
			Stuck   []json.RawMessage `json:"stuck"`
		}
		return json.Unmarshal(out, &v) == nil && v.Waiting.Due == 0 && len(v.Stuck) == 0
	})
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
