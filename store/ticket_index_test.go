package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// activeIDs lists the active tickets of uni as the index gives them.
func activeIDs(t *testing.T, s *store.Store, uni string) string {
	t.Helper()
	var ids []string
	err := s.View(func(tx *store.Tx) error {
		ts, total, err := tx.ActiveTickets(uni, -1)
		for _, tk := range ts {
			ids = append(ids, tk.ID)
		}
		if total != len(ts) {
			t.Errorf("total %d, listed %d", total, len(ts))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(ids, " ")
}

// Random transitions by requesters and team members on tickets of two
// universities: after each, the active index lists exactly the open and
// claimed tickets in order, and the open ones alone, counts each
// requester's, and gives each member the tickets they have claimed.
func TestStore_ActiveTicketIndex(t *testing.T) {
	s, now := open(t)
	r := rand.New(rand.NewPCG(1, 2))
	unis := []string{"unma", "unvs"}
	for step := range 600 {
		uni := unis[r.IntN(2)]
		user := int64(7 + r.IntN(4))
		var ids []string
		if all, _ := s.Tickets(uni, false); len(all) > 0 {
			for _, tk := range all {
				ids = append(ids, tk.ID)
			}
		}
		pick := func() string {
			if len(ids) == 0 {
				return uni + "-1"
			}
			return ids[r.IntN(len(ids))]
		}
		id := pick()
		requester := func() int64 { tk, _, _ := s.Ticket(id); return tk.Requester }
		member := int64(3001 + r.IntN(2)) // two members claim and unclaim
		s.Update(func(tx *store.Tx) error {
			var err error
			switch r.IntN(8) {
			case 0, 1:
				_, err = tx.CreateTicket(newTicket(uni, user), 0)
			case 2:
				_, err = tx.ClaimTicket(id, member, "Tec")
			case 3:
				_, err = tx.UnclaimTicket(id, member, true)
			case 4:
				_, err = tx.ResolveTicket(id, 3001, "Tec")
			case 5:
				_, err = tx.CloseTicket(id, requester(), "")
			case 6:
				_, err = tx.ReopenTicket(id, requester())
			case 7:
				_, err = tx.RateTicket(id, requester(), 1+r.IntN(5))
			}
			return err
		})
		*now = now.Add(time.Minute)
		// Every ticket, read once a step: fifteen reads a step made the
		// test take 40 s under the race detector.
		every := map[string][]aulabot.Ticket{}
		for _, u := range unis {
			every[u], _ = s.Tickets(u, false)
		}
		for _, u := range unis {
			all := every[u]
			var want []string
			for _, tk := range all {
				if tk.Active() {
					want = append(want, tk.ID)
				}
			}
			if got := activeIDs(t, s, u); got != strings.Join(want, " ") {
				t.Fatalf("step %d: active %s = %q, want %q", step, u, got, strings.Join(want, " "))
			}
			// The unclaimed ones, told by the index's values.
			var open, got []string
			for _, tk := range all {
				if tk.State == aulabot.TicketOpen {
					open = append(open, tk.ID)
				}
			}
			s.View(func(tx *store.Tx) error {
				ts, total, err := tx.UnclaimedTickets(u, -1)
				for _, tk := range ts {
					got = append(got, tk.ID)
				}
				if total != len(ts) {
					t.Errorf("unclaimed total %d, listed %d", total, len(ts))
				}
				return err
			})
			if strings.Join(got, " ") != strings.Join(open, " ") {
				t.Fatalf("step %d: unclaimed %s = %v, want %v", step, u, got, open)
			}
		}
		// Each member's claimed tickets, as their index gives them.
		for _, m := range []int64{3001, 3002} {
			var want, got []string
			for _, uni := range unis {
				for _, tk := range every[uni] {
					if tk.Active() && tk.Owner == m {
						want = append(want, tk.ID)
					}
				}
			}
			s.View(func(tx *store.Tx) error {
				ts, err := tx.ActiveTicketsOwnedBy(m)
				for _, tk := range ts {
					got = append(got, tk.ID)
				}
				if n := tx.OwnedTicketCount(m, func(uni string) bool { return uni == "unma" }); n != strings.Count(strings.Join(want, " "), "UNMA-") {
					t.Errorf("step %d: %d counts %d of unma's, want those of %v", step, m, n, want)
				}
				return err
			})
			if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
				t.Fatalf("step %d: tickets of %d = %v, want %v", step, m, got, want)
			}
		}
		for u := int64(7); u <= 10; u++ {
			var want []string
			for _, uni := range unis {
				for _, tk := range every[uni] {
					if tk.Active() && tk.Requester == u {
						want = append(want, tk.ID)
					}
				}
			}
			s.View(func(tx *store.Tx) error {
				got := tx.ActiveTicketsOf(u)
				if n := tx.OpenTicketsOf(u); n != len(want) || !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
					t.Fatalf("step %d: open tickets of %d = %d %v, want %v", step, u, n, got, want)
				}
				return nil
			})
		}
	}
	// A page of the queue, and the count of the rest.
	s.View(func(tx *store.Tx) error {
		all, total, _ := tx.ActiveTickets("unma", -1)
		page, n, _ := tx.ActiveTickets("unma", 2)
		if n != total || len(page) != min(2, total) || (len(page) > 0 && page[0].ID != all[0].ID) {
			t.Errorf("page %d of %d, first %v", len(page), n, page)
		}
		return nil
	})
}

func TestStore_OpenTicketLimit(t *testing.T) {
	s, _ := open(t)
	for i := range 3 {
		if _, err := s.CreateTicket(newTicket("unma", 7), 3); err != nil {
			t.Fatalf("ticket %d: %v", i+1, err)
		}
	}
	_, err := s.CreateTicket(newTicket("unvs", 7), 3)
	if aulabot.ErrorKey(err) != "ticket.err_open_limit" || aulabot.ErrorCode(err) != aulabot.ECONFLICT {
		t.Fatalf("fourth open ticket: %v", err)
	}
	// Someone else is not limited by it; a refused ticket used no number.
	if tk, err := s.CreateTicket(newTicket("unma", 8), 3); err != nil || tk.ID != "UNMA-4" {
		t.Fatalf("another requester's ticket = %s, %v", tk.ID, err)
	}
	if tk, err := s.CreateTicket(newTicket("unvs", 8), 3); err != nil || tk.ID != "UNVS-1" {
		t.Fatalf("unvs ticket = %s, %v", tk.ID, err)
	}
	// Resolving one frees a place; claimed ones still count.
	s.ClaimTicket("UNMA-1", 3001, "Tec")
	if _, err := s.CreateTicket(newTicket("unma", 7), 3); aulabot.ErrorKey(err) != "ticket.err_open_limit" {
		t.Fatalf("with a claimed one: %v", err)
	}
	s.Update(func(tx *store.Tx) error { _, err := tx.ResolveTicket("UNMA-2", 3001, "Tec"); return err })
	if _, err := s.CreateTicket(newTicket("unma", 7), 3); err != nil {
		t.Fatalf("after a resolution: %v", err)
	}
}

// Twenty reports by one person at once with a limit of 5: exactly five
// tickets, numbered without gaps.
func TestStore_OpenTicketLimitConcurrent(t *testing.T) {
	s, _ := open(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	created, refused := 0, 0
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.CreateTicket(newTicket("unma", 7), 5)
			mu.Lock()
			defer mu.Unlock()
			switch aulabot.ErrorKey(err) {
			case "":
				created++
			case "ticket.err_open_limit":
				refused++
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if created != 5 || refused != 15 {
		t.Fatalf("created %d, refused %d; want 5 and 15", created, refused)
	}
	if got := activeIDs(t, s, "unma"); got != fmt.Sprint("UNMA-1 UNMA-2 UNMA-3 UNMA-4 UNMA-5") {
		t.Errorf("tickets = %q", got)
	}
}
