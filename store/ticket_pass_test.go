package store_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// A ticket passed: by its owner, by anyone for an open one, by a
// coordinator (force) for any; never a ticket no longer active, nor to
// the one who has it; the owners' index follows, and the new owner is
// indexed as having worked it (their deletion finds it).
func TestStore_PassTicket(t *testing.T) {
	s, _ := open(t)
	tk, _ := s.CreateTicket(newTicket("unma", 7), 0)
	id := tk.ID
	pass := func(by int64, force bool, to int64) (got aulabot.Ticket, err error) {
		err = s.Update(func(tx *store.Tx) error {
			got, err = tx.PassTicket(id, by, force, to, fmt.Sprintf("Tec %d", to))
			return err
		})
		return got, err
	}
	steps := []struct {
		name      string
		by        int64
		force     bool
		to        int64
		wantKey   string
		wantOwner int64
	}{
		{"open, by anyone of the team", 3001, false, 3002, "", 3002},
		{"to the one who has it", 3002, false, 3002, "ticket.err_pass_same", 3002},
		{"by someone else", 3001, false, 3003, "ticket.err_pass_not_owner", 3002},
		{"by its owner", 3002, false, 3003, "", 3003},
		{"by a coordinator", 5001, true, 3001, "", 3001},
	}
	for _, st := range steps {
		got, err := pass(st.by, st.force, st.to)
		if aulabot.ErrorKey(err) != st.wantKey || st.wantKey == "" && err != nil {
			t.Fatalf("%s: err = %v, want %q", st.name, err, st.wantKey)
		}
		if err == nil && (got.Owner != st.wantOwner || got.OwnerName != fmt.Sprintf("Tec %d", st.wantOwner) || got.State != aulabot.TicketClaimed) {
			t.Fatalf("%s: owner %d (%q), %s", st.name, got.Owner, got.OwnerName, got.State)
		}
	}
	tk, _, _ = s.Ticket(id)
	var trail []string
	for _, a := range tk.Audit {
		trail = append(trail, fmt.Sprintf("%d:%s>%s:%s", a.By, a.From, a.To, a.Note))
	}
	want := []string{"7:>open:", "3001:open>claimed:passed", "3002:claimed>claimed:passed", "5001:claimed>claimed:passed"}
	if !slices.Equal(trail, want) {
		t.Errorf("audit = %q, want %q", trail, want)
	}
	for member, n := range map[int64]int{3001: 1, 3002: 0, 3003: 0} {
		err := s.View(func(tx *store.Tx) error {
			if got := tx.OwnedTicketCount(member, func(string) bool { return true }); got != n {
				t.Errorf("tickets owned by %d = %d, want %d", member, got, n)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Each member who held it is found by their deletion.
	for _, member := range []int64{3002, 3003} {
		var changed []aulabot.Ticket
		err := s.Update(func(tx *store.Tx) (err error) { changed, _, _, err = tx.EraseStaffOf(member); return err })
		if err != nil || len(changed) != 1 || changed[0].ID != id {
			t.Errorf("deletion of %d: %d tickets changed (%v)", member, len(changed), err)
		}
	}
	if err := s.Update(func(tx *store.Tx) error { _, err := tx.ResolveTicket(id, 3001, "Tec 3001"); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := pass(5001, true, 3002); aulabot.ErrorKey(err) != "ticket.err_state_resolved" {
		t.Errorf("pass of a resolved ticket: err = %v", err)
	}
}

// Members pass, claim and let go of the same ticket at once, many times:
// it has exactly one owner, or none while open, and the owners' index
// names that one alone.
func TestStore_PassTicketConcurrent(t *testing.T) {
	s, _ := open(t)
	tk, _ := s.CreateTicket(newTicket("unma", 7), 0)
	members := []int64{3001, 3002, 3003, 3004}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, m := range members {
		wg.Add(1)
		go func(i int, by int64) {
			defer wg.Done()
			<-start
			for n := range 40 {
				var err error
				switch n % 3 {
				case 0:
					_, err = s.ClaimTicket(tk.ID, by, "x")
				case 1:
					err = s.Update(func(tx *store.Tx) error {
						_, err := tx.PassTicket(tk.ID, by, i == 0, members[(i+n)%len(members)], "y")
						return err
					})
				default:
					err = s.Update(func(tx *store.Tx) error { _, err := tx.UnclaimTicket(tk.ID, by, false); return err })
				}
				if err != nil && aulabot.ErrorCode(err) != aulabot.ECONFLICT {
					t.Errorf("member %d: %v", by, err)
				}
			}
		}(i, m)
	}
	close(start)
	wg.Wait()
	got, _, _ := s.Ticket(tk.ID)
	err := s.View(func(tx *store.Tx) error {
		for _, m := range members {
			owned := tx.OwnedTicketCount(m, func(string) bool { return true })
			if want := map[bool]int{true: 1, false: 0}[got.State == aulabot.TicketClaimed && got.Owner == m]; owned != want {
				t.Errorf("member %d owns %d in the index, want %d (ticket %s, owner %d)", m, owned, want, got.State, got.Owner)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.State == aulabot.TicketOpen && got.Owner != 0 || got.State == aulabot.TicketClaimed && !slices.Contains(members, got.Owner) {
		t.Errorf("ticket %s with owner %d", got.State, got.Owner)
	}
}
