package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// A member of staff's deletion takes them out of every ticket they
// worked: the ticket they held goes back to open for the rest of the team
// (an audit entry by nobody), the one they resolved keeps its state
// without their id or name, their messages keep their words without an
// author, and no audit entry names them; another member's part stays, as
// does a ticket they never touched. Check finds every index as the
// records say.
func TestStore_EraseStaff(t *testing.T) {
	s, _ := open(t)
	const tec, other, coord = 3001, 3002, 5001
	var ids []string
	for range 4 {
		tk, err := s.CreateTicket(newTicket("unma", 7), 0)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tk.ID)
	}
	held, resolved, answered, untouched := ids[0], ids[1], ids[2], ids[3]
	err := s.Update(func(tx *store.Tx) error {
		for _, step := range []func() error{
			func() error { _, err := tx.ClaimTicket(held, tec, "Tec Uno"); return err },
			func() error { _, err := tx.ClaimTicket(resolved, tec, "Tec Uno"); return err },
			func() error { _, err := tx.ResolveTicket(resolved, tec, "Tec Uno"); return err },
			func() error { _, err := tx.ClaimTicket(answered, other, "Tec Dos"); return err },
			func() error { _, err := tx.UnclaimTicket(answered, coord, true); return err },
			func() error { _, err := tx.ClaimTicket(answered, other, "Tec Dos"); return err },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	addMessage(t, s, held, aulabot.TicketMessage{From: tec, FromName: "Tec Uno", Team: true, Text: "¿Qué navegador usa?"})
	addMessage(t, s, answered, aulabot.TicketMessage{From: tec, FromName: "Tec Uno", Team: true, Text: "Pruebe en incógnito"})
	addMessage(t, s, answered, aulabot.TicketMessage{From: other, FromName: "Tec Dos", Team: true, Text: "¿Funcionó?"})
	addMessage(t, s, answered, aulabot.TicketMessage{From: 7, FromName: "User7", Text: "sí"})
	if err := s.Check(); err != nil {
		t.Fatalf("before: %v", err)
	}

	var reopened []string
	if err := s.Update(func(tx *store.Tx) (err error) { _, reopened, _, err = tx.EraseStaffOf(tec); return err }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(reopened, " ") != held {
		t.Errorf("opened again: %v, want %s", reopened, held)
	}
	got := func(id string) aulabot.Ticket { tk, _, _ := s.Ticket(id); return tk }
	if tk := got(held); tk.State != aulabot.TicketOpen || tk.Owner != 0 || tk.OwnerName != "" ||
		tk.Audit[len(tk.Audit)-1] != (aulabot.AuditEntry{At: tk.Updated, From: aulabot.TicketClaimed, To: aulabot.TicketOpen}) {
		t.Errorf("the ticket they held: %+v", tk)
	}
	if tk := got(resolved); tk.State != aulabot.TicketResolved || tk.Owner != 0 || tk.OwnerName != "" {
		t.Errorf("the ticket they resolved: %+v", tk)
	}
	if tk := got(answered); tk.State != aulabot.TicketClaimed || tk.Owner != other || tk.OwnerName != "Tec Dos" {
		t.Errorf("another member's ticket: %+v", tk)
	}
	for _, id := range ids {
		for _, a := range got(id).Audit {
			if a.By == tec {
				t.Errorf("%s: an audit entry still names them: %+v", id, a)
			}
		}
		ms, _ := s.TicketMessages(id)
		for _, m := range ms {
			if m.From == tec || strings.Contains(m.FromName, "Uno") {
				t.Errorf("%s: a message still names them: %+v", id, m)
			}
		}
	}
	ms, _ := s.TicketMessages(answered)
	if len(ms) != 3 || ms[0].Text != "Pruebe en incógnito" || ms[0].From != 0 || ms[1].FromName != "Tec Dos" || ms[2].FromName != "User7" {
		t.Errorf("the messages of a ticket worked by two: %+v", ms)
	}
	if tk := got(answered); tk.Audit[2].By != coord {
		t.Errorf("the coordinator's audit entry went: %+v", tk.Audit)
	}
	if tk := got(untouched); tk.State != aulabot.TicketOpen || len(tk.Audit) != 1 {
		t.Errorf("a ticket they never touched: %+v", tk)
	}
	if err := s.Check(); err != nil {
		t.Errorf("after: %v", err)
	}
	// Nothing is left to find, and the others' entries stay.
	if err := s.Update(func(tx *store.Tx) error {
		changed, _, _, err := tx.EraseStaffOf(tec)
		if len(changed) != 0 {
			t.Errorf("a second deletion changed %d tickets", len(changed))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error {
		changed, _, _, err := tx.EraseStaffOf(coord)
		if len(changed) != 1 || changed[0].ID != answered {
			t.Errorf("the coordinator's deletion changed %+v, want %s", changed, answered)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestStore_EraseStaffPart: a member's tickets are erased a part at a
// time, the tickets they hold in the first part, each ticket once, until
// none is left; while the member's erasure in parts is scheduled,
// DeleteUserData leaves the rest to it, and without it takes them all.
func TestStore_EraseStaffPart(t *testing.T) {
	s, _ := open(t)
	const tec, part = 3001, 40
	var held []string
	err := s.Update(func(tx *store.Tx) error {
		for i := range 95 {
			tk, err := tx.CreateTicket(newTicket("unma", int64(100+i)), 0)
			if err != nil {
				return err
			}
			if _, err := tx.ClaimTicket(tk.ID, tec, "Tec Uno"); err != nil {
				return err
			}
			if i >= 93 {
				held = append(held, tk.ID) // the last two stay claimed
				continue
			}
			if _, err := tx.ResolveTicket(tk.ID, tec, "Tec Uno"); err != nil {
				return err
			}
		}
		return tx.PutUser(aulabot.User{ID: tec, Name: "Tec Uno"})
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for n := 1; ; n++ {
		var changed []aulabot.Ticket
		var reopened []string
		var more bool
		err := s.Update(func(tx *store.Tx) (err error) {
			changed, reopened, _, more, err = tx.EraseStaffPart(tec, part)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 1 && !slices.Equal(reopened, held) {
			t.Errorf("the first part opened again %v, want the two they held, %v", reopened, held)
		}
		if want := min(part, 95-(n-1)*part); len(changed) != want {
			t.Errorf("part %d changed %d tickets, want %d", n, len(changed), want)
		}
		for _, tk := range changed {
			seen[tk.ID]++
			if tk.Owner != 0 || tk.OwnerName != "" {
				t.Errorf("part %d: %s still names them: %+v", n, tk.ID, tk)
			}
		}
		if !more {
			break
		}
		if n > 3 {
			t.Fatal("more parts than tickets")
		}
	}
	if len(seen) != 95 {
		t.Errorf("%d tickets erased, want 95", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s erased %d times", id, n)
		}
	}
	if err := s.Check(); err != nil {
		t.Errorf("after the parts: %v", err)
	}

	// DeleteUserData: with the job scheduled, the rest is the job's.
	const other = 3002
	err = s.Update(func(tx *store.Tx) error {
		for i := range 3 {
			tk, err := tx.CreateTicket(newTicket("unma", int64(300+i)), 0)
			if err != nil {
				return err
			}
			if _, err := tx.ClaimTicket(tk.ID, other, "Tec Dos"); err != nil {
				return err
			}
		}
		if err := tx.Schedule(aulabot.Job{Key: aulabot.StaffEraseKey(other), Kind: "ticket.staff_erase", Due: tx.Now()}); err != nil {
			return err
		}
		return tx.DeleteUserData(other)
	})
	if err != nil {
		t.Fatal(err)
	}
	owned := func(member int64) (n int) {
		s.View(func(tx *store.Tx) error {
			ts, err := tx.ActiveTicketsOwnedBy(member)
			n = len(ts)
			return err
		})
		return n
	}
	if got := owned(other); got != 3 {
		t.Errorf("with the job scheduled, DeleteUserData took %d of 3 tickets from it", 3-got)
	}
	err = s.Update(func(tx *store.Tx) error {
		if _, err := tx.CancelJobs(aulabot.StaffEraseKey(other)); err != nil {
			return err
		}
		return tx.DeleteUserData(other)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := owned(other); got != 0 {
		t.Errorf("without the job, DeleteUserData left %d tickets held by them", got)
	}
}
