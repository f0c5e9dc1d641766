package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// seedTickets stores n tickets of unma, all closed but the last active
// ones (half open, half claimed), written straight through the store in
// transactions of 2,000.
func seedTickets(b *testing.B, e *htest.Env, n, active int) {
	b.Helper()
	desc := strings.Repeat("the virtual classroom says my password is wrong ", 20)
	for done := 0; done < n; {
		err := e.Store.Update(func(tx *store.Tx) error {
			for end := min(done+2000, n); done < end; done++ {
				user := int64(100000 + done%5000)
				tk, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: user, RequesterName: fmt.Sprint("User", user),
					RequesterRole: aulabot.RoleTeacher, Category: aulabot.CategoryLMS, Description: desc}, 0)
				if err != nil {
					return err
				}
				switch left := n - done; {
				case left > active:
					_, err = tx.CloseTicket(tk.ID, user, "")
				case left%2 == 0:
					_, err = tx.ClaimTicket(tk.ID, tec1.ID, tec1.Name())
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTicket_Queue measures /queue in unma's team group with 1,000,
// 10,000 and 100,000 stored tickets of which 40 are active: "store" is the
// read /queue makes (the active tickets of a university), "handler" the
// whole command through the handlers (read, reply, commit). Its cost must
// not grow with the closed tickets.
func BenchmarkTicket_Queue(b *testing.B) {
	const active = 40
	for nth, n := range []int{1000, 10000, 100000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		e := newEnv(b)
		seedTickets(b, e, n, active)
		b.Run(fmt.Sprintf("store/%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				err := e.Store.View(func(tx *store.Tx) error {
					ts, err := tx.Tickets("unma", true)
					if len(ts) != active {
						b.Fatalf("%d active tickets, want %d", len(ts), active)
					}
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("handler/%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				out := e.Text(tec1, groupMA, "/queue")
				if len(out) != 1 || !strings.Contains(out[0].Text, "(page 1 of 5)") { // 40 active, 8 a page
					b.Fatalf("/queue = %q", texts(out))
				}
			}
		})
	}
}
