package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// crashCampaignKills is how many times TestCrashCampaign kills the bot
// while its announcement runs.
const crashCampaignKills = 3

// TestCrashCampaign runs the real binary against the emulator (Telegram's
// limits on) while a coordinator's announcement goes to 300 teachers, and
// kills it with SIGKILL three times in the middle of the campaign,
// restarting it each time. Then: everyone but the one who blocked the bot
// has the announcement, and the coordinator gets the final count. The
// duplicates are counted: each is a message Telegram took from a process
// just before it was killed (never two copies from one process), so a
// kill duplicates at most the messages in flight, not one per person.
func TestCrashCampaign(t *testing.T) {
	t.Parallel()
	w, _ := newWorld(t, simConfig, 0, sandbox.Faults{}, time.Minute)
	const coord, first, n = 5001, 900000, 300
	blocked := int64(first + 11)
	st, err := store.Open(w.run.dataPath(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *store.Tx) error {
		for i := range int64(n) {
			id := first + i
			w.sb.AddUser(sandbox.User{ID: id, FirstName: fmt.Sprintf("T%d", id), LanguageCode: "en"})
			if err := tx.PutUser(aulabot.User{ID: id, Name: "T", Lang: "en", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: time.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	w.sb.Block(blocked, true)
	w.run.start()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	waitBot := func(want string) sandbox.Message {
		t.Helper()
		m, err := w.sb.WaitFor(ctx, coord, func(m sandbox.Message) bool { return strings.Contains(m.Plain, want) })
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	const text = "Moodle workshop on Friday at 17:00"
	w.sb.SendText(coord, coord, "/announce")
	m := waitBot("Who gets it?")
	w.sb.Press(coord, coord, m.ID, "ann:a:teachers")
	waitBot("Write the text of the announcement")
	w.sb.SendText(coord, coord, text)
	m = waitBot("Shall I add a button")
	w.sb.Press(coord, coord, m.ID, "ann:nolink")
	m = waitBot("Shall I send it?")
	w.sb.Press(coord, coord, m.ID, "ann:send")

	// Kill the bot as 1/5, 2/5 and 3/5 of the audience have it.
	for k := 1; k <= crashCampaignKills; k++ {
		if !w.await(3*time.Minute, func() bool { return len(received(w.sb, first, n, text)) >= k*n/5 }) {
			t.Fatalf("kill %d: only %d of %d had the announcement after 3 minutes", k, len(received(w.sb, first, n, text)), n)
		}
		w.run.kill()
		w.run.start()
	}
	final := waitBot("Your announcement 1 is done")
	w.run.term(15 * time.Second)

	got := received(w.sb, first, n, text)
	for i := range int64(n) {
		id := first + i
		switch {
		case id == blocked && got[id] != 0:
			t.Errorf("the person who blocked the bot got it")
		case id != blocked && got[id] == 0:
			t.Errorf("teacher %d never got the announcement", id)
		}
	}
	// Every duplicate is a message a killed process had handed to Telegram
	// before it could record it: the copies come from different processes,
	// every copy but the last from one that was killed, and a kill
	// duplicates at most one: the outbox has one announcement in flight at
	// a time.
	killed := map[int]bool{}
	w.run.mu.Lock()
	for _, s := range w.run.stops {
		killed[s.Gen] = s.Signal == "KILL"
	}
	w.run.mu.Unlock()
	gens := map[int64][]int{}
	for _, r := range w.sb.RecordSince(0) {
		if r.Kind == sandbox.RecSend && r.Chat >= first && r.Chat < first+n && r.Text == text {
			gens[r.Chat] = append(gens[r.Chat], r.Generation)
		}
	}
	perKill := map[int]int{}
	dups := 0
	for id, gs := range gens {
		for i, g := range gs[:len(gs)-1] {
			dups++
			perKill[g]++
			if !killed[g] || gs[i+1] == g {
				t.Errorf("teacher %d got it from processes %v: a copy from a process that was not killed, or two from one", id, gs)
			}
		}
	}
	t.Logf("%d kills; %d duplicates, by killed process: %v; final: %s", crashCampaignKills, dups, perKill, final.Plain)
	for g, d := range perKill {
		if d > 1 {
			t.Errorf("the kill of process %d duplicated %d announcements, more than the one in flight", g, d)
		}
	}
	if !strings.Contains(final.Plain, fmt.Sprintf("Sent: %d of %d · blocked the bot: 1 · failed: 0", n-1, n)) {
		t.Errorf("final count = %q", final.Plain)
	}
	if problems := w.run.problems(); len(problems) > 0 {
		t.Errorf("the bot reported:\n%s", strings.Join(problems, "\n"))
	}
}
