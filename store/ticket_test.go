package store_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func newTicket(uni string, user int64) aulabot.Ticket {
	return aulabot.Ticket{University: uni, Requester: user, RequesterName: fmt.Sprintf("User%d", user),
		Category: aulabot.CategoryLMS, Description: "I cannot log in to the virtual classroom"}
}

func TestStore_CreateTicket(t *testing.T) {
	s, _ := open(t)
	t.Run("OK", func(t *testing.T) {
		for i, want := range []string{"UNMA-1", "UNMA-2"} {
			tk, err := s.CreateTicket(newTicket("unma", 7), 0)
			if err != nil || tk.ID != want || tk.Number != i+1 || tk.State != aulabot.TicketOpen {
				t.Fatalf("create = %+v, %v; want %s open", tk, err, want)
			}
		}
		if tk, _ := s.CreateTicket(newTicket("unvs", 7), 0); tk.ID != "UNVS-1" {
			t.Errorf("first ticket of unvs = %s, want UNVS-1", tk.ID)
		}
	})
	bad := []struct {
		name, key string
		edit      func(*aulabot.Ticket)
	}{
		{"ErrEmpty", "ticket.err_empty", func(tk *aulabot.Ticket) { tk.Description = " \n\t" }},
		{"ErrTooLong", "ticket.err_too_long", func(tk *aulabot.Ticket) { tk.Description = strings.Repeat("ñ", aulabot.MaxDescription+1) }},
		// Telegram counts an emoji outside the basic plane as two characters.
		{"ErrTooLongEmoji", "ticket.err_too_long", func(tk *aulabot.Ticket) { tk.Description = strings.Repeat("🎓", aulabot.MaxDescription/2+1) }},
		{"ErrCategory", "ticket.err_category", func(tk *aulabot.Ticket) { tk.Category = "printer" }},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			tk := newTicket("unma", 7)
			tt.edit(&tk)
			if _, err := s.CreateTicket(tk, 0); aulabot.ErrorKey(err) != tt.key {
				t.Fatalf("err = %v, want %s", err, tt.key)
			}
		})
	}
	// A refused ticket used no number.
	if tk, _ := s.CreateTicket(newTicket("unma", 8), 0); tk.ID != "UNMA-3" {
		t.Errorf("next = %s, want UNMA-3", tk.ID)
	}
}

func TestStore_TicketLifecycle(t *testing.T) {
	s, now := open(t)
	tk, _ := s.CreateTicket(newTicket("unma", 7), 0)
	id := tk.ID
	do := func(fn func(tx *store.Tx) (aulabot.Ticket, error)) (got aulabot.Ticket, err error) {
		err = s.Update(func(tx *store.Tx) error { got, err = fn(tx); return err })
		return got, err
	}
	steps := []struct {
		name    string
		fn      func(tx *store.Tx) (aulabot.Ticket, error)
		wantKey string
		want    aulabot.TicketState
	}{
		{"claim", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ClaimTicket(id, 3001, "Tec A") }, "", aulabot.TicketClaimed},
		{"claim again by owner", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ClaimTicket(id, 3001, "Tec A") }, "ticket.err_yours", ""},
		{"claim by other", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ClaimTicket(id, 3002, "Tec B") }, "ticket.err_claimed", ""},
		{"unclaim by other", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.UnclaimTicket(id, 3002, false) }, "ticket.err_not_owner", ""},
		{"unclaim by owner", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.UnclaimTicket(id, 3001, false) }, "", aulabot.TicketOpen},
		{"auto close of open", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.CloseTicket(id, 0, "") }, "ticket.err_state_open", ""},
		{"rate unresolved", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.RateTicket(id, 7, 5) }, "ticket.err_state_open", ""},
		{"resolve", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ResolveTicket(id, 3002, "Tec B") }, "", aulabot.TicketResolved},
		{"resolve twice", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ResolveTicket(id, 3002, "Tec B") }, "ticket.err_state_resolved", ""},
		{"rate by stranger", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.RateTicket(id, 8, 5) }, "ticket.err_not_found", ""},
		{"rate 6", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.RateTicket(id, 7, 6) }, "ticket.err_rating", ""},
		{"rate", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.RateTicket(id, 7, 4) }, "", aulabot.TicketClosed},
		{"message to closed", func(tx *store.Tx) (aulabot.Ticket, error) {
			t, _, err := tx.AddTicketMessage(id, aulabot.TicketMessage{From: 3001, Team: true, Text: "hi"})
			return t, err
		}, "ticket.err_closed", ""},
		{"reopen by stranger", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ReopenTicket(id, 8) }, "ticket.err_not_found", ""},
		{"reopen", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ReopenTicket(id, 7) }, "", aulabot.TicketOpen},
		{"solved by stranger", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ResolveByRequester(id, 8) }, "ticket.err_not_found", ""},
		{"solved", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ResolveByRequester(id, 7) }, "", aulabot.TicketResolved},
		{"solved twice", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ResolveByRequester(id, 7) }, "ticket.err_state_resolved", ""},
		{"rate after solved", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.RateTicket(id, 7, 5) }, "", aulabot.TicketClosed},
		{"reopen again", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ReopenTicket(id, 7) }, "", aulabot.TicketOpen},
		{"self close", func(tx *store.Tx) (aulabot.Ticket, error) { return tx.CloseTicket(id, 7, "") }, "", aulabot.TicketClosed},
	}
	for _, st := range steps {
		got, err := do(st.fn)
		if aulabot.ErrorKey(err) != st.wantKey || (st.wantKey == "" && err != nil) {
			t.Fatalf("%s: err = %v, want %q", st.name, err, st.wantKey)
		}
		if st.want != "" && got.State != st.want {
			t.Fatalf("%s: state = %s, want %s", st.name, got.State, st.want)
		}
	}
	tk, _, _ = s.Ticket(id)
	var trail []string
	for _, a := range tk.Audit {
		trail = append(trail, fmt.Sprintf("%d:%s>%s", a.By, a.From, a.To))
	}
	want := "7:>open 3001:open>claimed 3001:claimed>open 3002:open>resolved 7:resolved>closed 7:closed>open " +
		"7:open>resolved 7:resolved>closed 7:closed>open 7:open>closed"
	if got := strings.Join(trail, " "); got != want {
		t.Errorf("audit = %s\nwant    %s", got, want)
	}
	t.Run("SolvedNamesNoOwner", func(t *testing.T) {
		open, _ := s.CreateTicket(newTicket("unma", 9), 0)
		got, err := do(func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ResolveByRequester(open.ID, 9) })
		if err != nil || got.State != aulabot.TicketResolved || got.Owner != 0 || got.Audit[len(got.Audit)-1].Note != aulabot.NoteSolved {
			t.Errorf("solved by its requester: %+v, %v", got, err)
		}
	})
	t.Run("ErrReopenLate", func(t *testing.T) {
		*now = now.Add(aulabot.ReopenWindow + time.Minute)
		if _, err := do(func(tx *store.Tx) (aulabot.Ticket, error) { return tx.ReopenTicket(id, 7) }); aulabot.ErrorKey(err) != "ticket.err_reopen_late" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		for _, bad := range []string{"UNMA-99", "UNVS-1", "garbage", ""} {
			if _, err := s.ClaimTicket(bad, 3001, "x"); aulabot.ErrorCode(err) != aulabot.ENOTFOUND {
				t.Errorf("claim %q: err = %v, want not found", bad, err)
			}
		}
	})
}

// Two, then fifty, team members claim the same ticket at once: exactly one
// owner, and the others are told who it is.
func TestStore_ClaimTicketConcurrent(t *testing.T) {
	for _, n := range []int{2, 50} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			s, _ := open(t)
			tk, _ := s.CreateTicket(newTicket("unma", 7), 0)
			var wg sync.WaitGroup
			var mu sync.Mutex
			won, told := []int64{}, 0
			start := make(chan struct{})
			for i := range n {
				wg.Add(1)
				go func(by int64) {
					defer wg.Done()
					<-start
					got, err := s.ClaimTicket(tk.ID, by, fmt.Sprintf("Tec %d", by))
					mu.Lock()
					defer mu.Unlock()
					switch {
					case err == nil:
						won = append(won, by)
					case aulabot.ErrorKey(err) == "ticket.err_claimed":
						told++
					default:
						t.Errorf("claim by %d: %+v %v", by, got, err)
					}
				}(int64(3000 + i))
			}
			close(start)
			wg.Wait()
			if len(won) != 1 || told != n-1 {
				t.Fatalf("winners %v, told %d; want 1 winner and %d told", won, told, n-1)
			}
			got, _, _ := s.Ticket(tk.ID)
			if got.Owner != won[0] || len(got.Audit) != 2 {
				t.Errorf("owner = %d (audit %d entries), want %d with 2", got.Owner, len(got.Audit), won[0])
			}
		})
	}
}

// 1,000 tickets from 500 users of 3 universities, created concurrently:
// numbers contiguous per university, none lost, none repeated.
func TestStore_CreateTicketConcurrent(t *testing.T) {
	s, _ := open(t)
	unis := []string{"unma", "unvs", "unsa"}
	var wg sync.WaitGroup
	for u := range 500 {
		wg.Add(1)
		go func(user int64) {
			defer wg.Done()
			for range 2 {
				if _, err := s.CreateTicket(newTicket(unis[user%3], user), 0); err != nil {
					t.Error(err)
				}
			}
		}(int64(10000 + u))
	}
	wg.Wait()
	total := 0
	for i, uni := range unis {
		ts, err := s.Tickets(uni, false)
		if err != nil {
			t.Fatal(err)
		}
		wantN := 0
		for u := range 500 {
			if (10000+u)%3 == i {
				wantN += 2
			}
		}
		if len(ts) != wantN {
			t.Errorf("%s: %d tickets, want %d", uni, len(ts), wantN)
		}
		for j, tk := range ts {
			if tk.Number != j+1 || tk.University != uni || unis[tk.Requester%3] != uni {
				t.Fatalf("%s: ticket %d is %+v", uni, j+1, tk)
			}
		}
		total += len(ts)
	}
	if total != 1000 {
		t.Errorf("total %d, want 1000", total)
	}
}

// A ticket and its team post are one transaction: a restart after the
// commit but before delivery still posts it, once.
func TestStore_TicketPostSurvivesRestart(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *store.Tx) error {
		tk, err := tx.CreateTicket(newTicket("unma", 7), 0)
		if err != nil {
			return err
		}
		_, err = tx.Enqueue(aulabot.Message{ChatID: -2001, Text: tk.ID, Ref: "ticket:" + tk.ID, Key: "ticket:" + tk.ID})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close() // the process dies before the sender runs
	s, err = store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	due, _, err := s.Due(time.Now(), 10)
	if err != nil || len(due) != 1 || due[0].Text != "UNMA-1" || due[0].ChatID != -2001 {
		t.Fatalf("after restart due = %+v, %v; want the UNMA-1 post", due, err)
	}
	if err := s.Sent(due[0].ID, -2001, 55); err != nil {
		t.Fatal(err)
	}
	if due, _, _ := s.Due(time.Now(), 10); len(due) != 0 {
		t.Errorf("posted again: %+v", due)
	}
	if chat, msg, ok := s.Ref("ticket:UNMA-1"); !ok || chat != -2001 || msg != 55 {
		t.Errorf("ref = %d %d %v", chat, msg, ok)
	}
}

func TestStore_EraseTickets(t *testing.T) {
	s, _ := open(t)
	s.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 7, Name: "Ana", University: "unma", Role: "teacher"})
	})
	in := newTicket("unma", 7)
	in.Files = []aulabot.TicketFile{{File: aulabot.File{ID: "f1", Kind: "photo"}, ChatID: 7, MessageID: 3}}
	in.Opening, in.Suggested = "zoom no abre", "Zoom no abre" // what the problem was, like the description
	tk, _ := s.CreateTicket(in, 0)
	s.CreateTicket(newTicket("unma", 8), 0)
	s.ClaimTicket(tk.ID, 3001, "Tec")
	addMessage(t, s, tk.ID, aulabot.TicketMessage{From: 3001, FromName: "Tec", Team: true, Text: "what is your code?"})
	addMessage(t, s, tk.ID, aulabot.TicketMessage{From: 7, FromName: "Ana", Text: "my code is 12345",
		Files: []aulabot.TicketFile{{File: aulabot.File{ID: "f2", Kind: "photo"}, ChatID: 7, MessageID: 9}}})
	s.Update(func(tx *store.Tx) error {
		tx.Count("tickets:unma:lms", 2) // as the helpdesk service counts them
		tx.PutRef("relay:UNMA-1:1", 7, 40)
		tx.PutRef("tkin:UNMA-1:2", -2001, 41)
		_, err := tx.Enqueue(aulabot.Message{ChatID: 7, Text: "pending for Ana"})
		return err
	})
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(7) }); err != nil {
		t.Fatal(err)
	}
	got, _, _ := s.Ticket(tk.ID)
	if got.Requester != 0 || got.RequesterName != "" || got.Audit[0].By != 0 || got.Description != "" || len(got.Files) != 0 ||
		got.Opening != "" || got.Suggested != "" || !got.Erased || got.State != aulabot.TicketClaimed || got.Messages != 2 || got.Audit[1].By != 3001 {
		t.Errorf("ticket after erase = %+v", got)
	}
	ms, _ := s.TicketMessages(tk.ID)
	if len(ms) != 2 || ms[0].Text != "what is your code?" || ms[0].Erased {
		t.Errorf("the team's message = %+v", ms[0])
	}
	if m := ms[1]; m.Text != "" || m.From != 0 || m.FromName != "" || len(m.Files) != 0 || !m.Erased {
		t.Errorf("the requester's message = %+v", m)
	}
	s.View(func(tx *store.Tx) error {
		if ts, _ := tx.TicketsOf(7); len(ts) != 0 {
			t.Errorf("user 7 still has %d tickets", len(ts))
		}
		if ts, _ := tx.TicketsOf(8); len(ts) != 1 {
			t.Errorf("user 8 has %d tickets, want 1", len(ts))
		}
		if n := tx.OpenTicketsOf(7); n != 0 {
			t.Errorf("user 7 still has %d open tickets", n)
		}
		if n := tx.Counter("tickets:unma:lms"); n != 2 {
			t.Errorf("count = %d, want 2", n)
		}
		if _, _, ok := tx.Ref("relay:UNMA-1:1"); ok {
			t.Error("the ref to the person's chat stayed")
		}
		if _, _, ok := tx.Ref("tkin:UNMA-1:2"); !ok {
			t.Error("the ref to the team's copy went (it is needed to edit it)")
		}
		return nil
	})
	if pending, _ := s.Pending(); len(pending) != 0 {
		t.Errorf("messages to the person still queued: %+v", pending)
	}
	if got := activeIDs(t, s, "unma"); got != "UNMA-1 UNMA-2" {
		t.Errorf("queue = %q: the anonymous ticket stays in it", got)
	}
	if ts, _ := s.Tickets("unma", false); len(ts) != 2 {
		t.Errorf("%d tickets, want 2", len(ts))
	}
}
