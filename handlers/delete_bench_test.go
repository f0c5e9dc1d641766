package handlers_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// deleteHistory stores n records of other people: a third questions, a
// third tickets (closed, each with a reply), a third user records.
func deleteHistory(b *testing.B, e *htest.Env, n int) {
	b.Helper()
	for start := 0; start < n; start += 3000 {
		err := e.Store.Update(func(tx *store.Tx) error {
			for i := start; i < min(n, start+3000); i += 3 {
				who := int64(200000 + i)
				uni := []string{"unma", "unvs"}[i%2]
				if err := tx.PutUser(aulabot.User{ID: who, Name: fmt.Sprint("Persona ", i), University: uni, Role: "student"}); err != nil {
					return err
				}
				if _, err := tx.AddQuestion(aulabot.Question{UserID: who, University: uni, Lang: "es", Text: fmt.Sprintf("no puedo entrar al curso %d", i), Outcome: aulabot.OutcomeNone}); err != nil {
					return err
				}
				t, err := tx.CreateTicket(aulabot.Ticket{University: uni, Requester: who, RequesterName: "Persona", Lang: "es",
					Category: aulabot.CategoryLMS, Description: fmt.Sprintf("no entra al aula %d", i)}, 0)
				if err != nil {
					return err
				}
				if _, _, err := tx.AddTicketMessage(t.ID, aulabot.TicketMessage{From: 3001, Team: true, Text: "¿Qué error ve?"}); err != nil {
					return err
				}
				if _, err := tx.CloseTicket(t.ID, who, ""); err != nil {
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

// BenchmarkDeleteMyData is /deletemydata confirmed by a person with 20
// questions and 3 tickets (with replies) among 1k, 10k and 100k records of
// other people: it reads only the person's own records, so it should cost
// the same at every size. Each iteration sets up a new person; delete_ms
// is the press of "Yes, delete" alone (the commit, the scrub of the free
// pages and the edits queued for the team group). first_tenth_ms and
// last_tenth_ms are its mean over the first and the last tenth of the
// deletions: a deletion must not cost more for the ones before it.
func BenchmarkDeleteMyData(b *testing.B) {
	for nth, n := range []int{1000, 10000, 100000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			e := htest.New(b, nil)
			deleteHistory(b, e, n)
			took := make([]time.Duration, 0, b.N)
			for i := 0; i < b.N; i++ {
				p := htest.Person(int64(7000+i), "es")
				e.Onboard(p, "unma", "teacher")
				err := e.Store.Update(func(tx *store.Tx) error {
					for q := range 20 {
						if _, err := tx.AddQuestion(aulabot.Question{UserID: p.ID, University: "unma", Lang: "es", Text: fmt.Sprint("pregunta ", q), Outcome: aulabot.OutcomeNone}); err != nil {
							return err
						}
					}
					for range 3 {
						t, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: p.ID, RequesterName: "Ana", Lang: "es",
							Category: aulabot.CategoryLMS, Description: "no entra"}, 0)
						if err != nil {
							return err
						}
						if _, _, err := tx.AddTicketMessage(t.ID, aulabot.TicketMessage{From: p.ID, Text: "sigue sin entrar"}); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				e.Deliver()
				start := time.Now()
				e.Press(p, 0, 0, "del:yes")
				took = append(took, time.Since(start))
				if _, ok, _ := e.Store.User(p.ID); ok {
					b.Fatalf("user %d still stored", p.ID)
				}
			}
			mean := func(d []time.Duration) float64 {
				var sum time.Duration
				for _, x := range d {
					sum += x
				}
				return float64(sum.Microseconds()) / 1000 / float64(len(d))
			}
			tenth := max(1, b.N/10)
			b.ReportMetric(mean(took), "delete_ms")
			b.ReportMetric(mean(took[:tenth]), "first_tenth_ms")
			b.ReportMetric(mean(took[b.N-tenth:]), "last_tenth_ms")
		})
	}
}

// BenchmarkDeleteMyData_Staff is /deletemydata confirmed by a technician
// who resolved 100, 1,000 or 3,000 tickets (each with one answer of
// theirs): their name comes off every one, each post edited, a part
// (service.StaffErasePart) in the press's transaction and the rest a
// part per transaction by the timers' job. delete_ms is the handling of
// the press of "Yes, delete" (during its transaction every other chat's
// commit waits), without delivering what it queued; part_ms the mean
// transaction of the job's parts (Tick's time over the parts it ran);
// edits_queued the edits of the team group's posts.
func BenchmarkDeleteMyData_Staff(b *testing.B) {
	tec := htest.Person(3001, "es")
	for nth, n := range []int{100, 1000, 3000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := htest.New(b, nil)
			var took, rest time.Duration
			edits, parts := 0, 0
			for i := 0; i < b.N; i++ {
				staffWorked(b, e, tec.ID, n, 0)
				e.Text(tec, 0, "/deletemydata")
				u := aulabot.Update{ID: int64(1_000_000 + i), ChatID: tec.ID, From: tec, Callback: &aulabot.Callback{ID: fmt.Sprint("del", i), Data: "del:yes"}}
				start := time.Now()
				if err := e.H.Handle(context.Background(), u); err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
				queued := e.Deliver()
				if left := n - service.StaffErasePart; left > 0 {
					parts += (left + service.StaffErasePart - 1) / service.StaffErasePart
				}
				start = time.Now()
				if err := e.H.Tick(context.Background()); err != nil {
					b.Fatal(err)
				}
				rest += time.Since(start)
				for _, m := range append(queued, e.Deliver()...) {
					if m.ChatID == -2001 && m.EditRef != "" {
						edits++
					}
				}
			}
			b.ReportMetric(float64(took.Microseconds())/1000/float64(b.N), "delete_ms")
			if parts > 0 {
				b.ReportMetric(float64(rest.Microseconds())/1000/float64(parts), "part_ms")
			}
			b.ReportMetric(float64(edits)/float64(b.N), "edits_queued")
		})
	}
}

// staffWorked stores member of staff id (named "Tec Uno") and n tickets
// of unma they claimed, each with an answer of theirs, all resolved but
// the last held (held of them, at the end, stay claimed).
func staffWorked(t testing.TB, e *htest.Env, id int64, n, held int) {
	t.Helper()
	err := e.Store.Update(func(tx *store.Tx) error {
		if err := tx.PutUser(aulabot.User{ID: id, Name: "Tec Uno", Lang: "es", ConsentAt: e.Now()}); err != nil {
			return err
		}
		for k := range n {
			tk, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: int64(200000 + k), RequesterName: "Persona", Lang: "es",
				Category: aulabot.CategoryLMS, Description: fmt.Sprintf("no entra al aula %d", k)}, 0)
			if err != nil {
				return err
			}
			if _, err := tx.ClaimTicket(tk.ID, id, "Tec Uno"); err != nil {
				return err
			}
			if _, _, err := tx.AddTicketMessage(tk.ID, aulabot.TicketMessage{From: id, FromName: "Tec Uno", Team: true, Text: "¿Qué error ve?"}); err != nil {
				return err
			}
			if k >= n-held {
				continue
			}
			if _, err := tx.ResolveTicket(tk.ID, id, "Tec Uno"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
