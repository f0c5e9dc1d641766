package handlers_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// threeUniversities is a configuration with three universities whose
// technical teams have 50 members each: unma 3000-3049 (group -2001),
// unvs 3100-3149 (-2002), unsa 3200-3249 (-2003).
func threeUniversities(t testing.TB) *aulabot.Config {
	var b strings.Builder
	b.WriteString("language: en\ntimezone: America/Lima\nadmins: [1001]\nuniversities:\n")
	for i, id := range []string{"unma", "unvs", "unsa"} {
		var tech []string
		for j := range 50 {
			tech = append(tech, fmt.Sprint(3000+100*i+j))
		}
		fmt.Fprintf(&b, "  - id: %s\n    team_chat: %d\n    tech: [%s]\n    coordinators: [%d]\n", id, -2001-i, strings.Join(tech, ", "), 5001+100*i)
	}
	cfg, err := config.Parse("test", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// updates hands out update and message ids that do not collide with htest's.
type updates struct{ n atomic.Int64 }

func (u *updates) handle(t testing.TB, e *htest.Env, up aulabot.Update) {
	id := 1_000_000 + u.n.Add(1)
	up.ID, up.MessageID, up.ChatType = id, int(id), aulabot.ChatPrivate
	if up.ChatID < 0 {
		up.ChatType = aulabot.ChatSupergroup
	}
	if up.Callback != nil {
		up.Callback.ID = fmt.Sprint("cb", id)
	}
	if err := e.H.Handle(context.Background(), up); err != nil {
		t.Error(err)
	}
}

func onboardDirect(t testing.TB, e *htest.Env, id int64, uni string) aulabot.Person {
	p := htest.Person(id, "en")
	err := e.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: id, Name: p.Name(), Lang: "en", University: uni, Role: aulabot.RoleTeacher, ConsentAt: htest.Start})
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Fifty members of the team press Claim at the same instant: one owner,
// one edit, one note to the requester.
func TestTicket_ClaimRace(t *testing.T) {
	e := htest.New(t, threeUniversities(t))
	ana := onboardDirect(t, e, 7001, "unma")
	report(t, e, ana, "lms", "cannot log in")
	var u updates
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 50 {
		wg.Add(1)
		go func(p aulabot.Person) {
			defer wg.Done()
			<-start
			u.handle(t, e, aulabot.Update{ChatID: groupMA, From: p, Callback: &aulabot.Callback{Data: "tk:c:UNMA-1", MessageID: 1}})
		}(htest.Person(int64(3000+i), "en"))
	}
	close(start)
	wg.Wait()
	out := e.Deliver()
	var edits int
	for _, m := range out {
		if m.EditRef == "ticket:UNMA-1" {
			edits++
		}
	}
	tk, _, _ := e.Store.Ticket("UNMA-1")
	if edits != 1 || len(to(out, ana.ID)) != 1 || tk.State != aulabot.TicketClaimed || len(tk.Audit) != 2 {
		t.Errorf("%d edits, %d notes to the requester, ticket %s with %d audit entries; want 1, 1, claimed, 2",
			edits, len(to(out, ana.ID)), tk.State, len(tk.Audit))
	}
	if !strings.Contains(edit(t, out, "UNMA-1").Text, "Claimed by "+tk.OwnerName) {
		t.Errorf("edit does not name the owner %s", tk.OwnerName)
	}
}

var postRE = regexp.MustCompile(`<b>(UN[A-Z]{2})-(\d+)</b>[^\n]*\n👤 User(\d+) — [^\n]*\n\n(ticket \d+-\d+)`)

// loadUsers report two tickets each in TestTicket_Load: 500 tickets
// through the whole handlers (the store's own test has 1,000 from 500
// users); 500 users took 33 s of a run of the package under -race.
const loadUsers = 250

// 500 tickets from 250 users of 3 universities, reported concurrently:
// each lands in its own university's group, once, numbered without gaps.
func TestTicket_Load(t *testing.T) {
	t.Parallel() // slow under -race (its own store, clock and handlers): beside the others
	if testing.Short() {
		t.Skip("load test")
	}
	e := htest.New(t, threeUniversities(t))
	unis := []string{"unma", "unvs", "unsa"}
	var u updates
	var wg sync.WaitGroup
	for i := range loadUsers {
		p := onboardDirect(t, e, int64(10000+i), unis[i%3])
		wg.Add(1)
		go func() { // one user's updates in order, users concurrently
			defer wg.Done()
			for k := range 2 {
				u.handle(t, e, aulabot.Update{ChatID: p.ID, From: p, Text: "/problem"})
				u.handle(t, e, aulabot.Update{ChatID: p.ID, From: p, Callback: &aulabot.Callback{Data: "tk:cat:upload", MessageID: 1}})
				u.handle(t, e, aulabot.Update{ChatID: p.ID, From: p, Text: fmt.Sprintf("ticket %d-%d", p.ID, k)})
			}
		}()
	}
	wg.Wait()
	out := e.Deliver()
	seen := map[string]bool{}
	for i, uni := range unis {
		group := int64(-2001 - i)
		numbers := map[int]bool{}
		for _, m := range to(out, group) {
			if m.Ref == "" || !strings.HasPrefix(m.Ref, "ticket:") {
				continue
			}
			sm := postRE.FindStringSubmatch(m.Text)
			if sm == nil {
				t.Fatalf("post %q", m.Text)
			}
			var n, user int
			fmt.Sscan(sm[2], &n)
			fmt.Sscan(sm[3], &user)
			if sm[1] != strings.ToUpper(uni) || unis[(user-10000)%3] != uni {
				t.Errorf("%s's group got %s-%d from user %d", uni, sm[1], n, user)
			}
			if numbers[n] || seen[sm[4]] {
				t.Errorf("duplicate: %s-%d %q", sm[1], n, sm[4])
			}
			numbers[n], seen[sm[4]] = true, true
		}
		want := 0
		for j := range loadUsers {
			if j%3 == i {
				want += 2
			}
		}
		for n := 1; n <= want; n++ {
			if !numbers[n] {
				t.Errorf("%s: number %d missing", uni, n)
			}
		}
		if len(numbers) != want {
			t.Errorf("%s: %d posts, want %d", uni, len(numbers), want)
		}
	}
	if len(seen) != 2*loadUsers {
		t.Errorf("%d distinct tickets posted, want %d", len(seen), 2*loadUsers)
	}
}
