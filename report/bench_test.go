package report

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// The term of BenchmarkReport: 16 weeks from Monday 2 March 2026.
var (
	termFrom = Date{2026, time.March, 2}
	termTo   = termFrom.AddDays(16 * 7)
)

// fillTerm stores a term of one university (unma) in Lima: 3,000
// people, 10,000 questions, 2,000 tickets through their whole life
// (claimed, answered, resolved, some reopened, rated), 600 group
// sessions of 5 seats with 3,000 bookings, attendance and ratings, all
// through the store's own rules, and the same again of another
// university (unvs), which the report must not read.
func fillTerm(e *env) {
	start := termFrom.In(lima)
	day := func(i int) time.Time { return start.AddDate(0, 0, i) }
	for _, uni := range []string{"unma", "unvs"} {
		base := int64(100000)
		if uni == "unvs" {
			base = 200000
		}
		e.do(day(-10), func(tx *store.Tx) error {
			for i := range 3000 {
				role := []string{aulabot.RoleTeacher, aulabot.RoleStudent, aulabot.RoleStudent}[i%3]
				if err := tx.PutUser(aulabot.User{ID: base + int64(i), Name: fmt.Sprintf("Persona %d", i), University: uni, Role: role,
					ConsentAt: day(-20 + i%130)}); err != nil {
					return err
				}
			}
			return nil
		})
		outcomes := []string{aulabot.OutcomeAnswer, aulabot.OutcomeAnswer, aulabot.OutcomeSuggest, aulabot.OutcomeNone}
		verbs := []string{"abrir", "subir", "ver", "descargar", "entregar"}
		things := []string{"examen", "foro", "video", "archivo", "trabajo", "silabo"}
		for batch := range 10 {
			e.do(day(batch), func(tx *store.Tx) error {
				for i := batch * 1000; i < (batch+1)*1000; i++ {
					q := aulabot.Question{UserID: base + int64(i%3000), University: uni, Role: aulabot.RoleTeacher, Lang: "es",
						Text: fmt.Sprintf("no puedo %s el %s del curso %d", verbs[i%5], things[i%6], i%40), Outcome: outcomes[i%4],
						At: day(i * 112 / 10000).Add(time.Duration(8+i%12) * time.Hour)}
					switch i % 5 {
					case 0:
						q.Feedback = aulabot.FeedbackHelpful
					case 1:
						q.Feedback = aulabot.FeedbackNotHelpful
					}
					if _, err := tx.AddQuestion(q); err != nil {
						return err
					}
				}
				return nil
			})
		}
		tech := e.cfg.Universities[0].Tech[0]
		if uni == "unvs" {
			tech = e.cfg.Universities[1].Tech[0]
		}
		// Each ticket's life is its own actions, each at its own time
		// (Backdated), in transactions of 100 tickets: one transaction
		// an action made the fill take 45 s under the race detector.
		for first := 0; first < 2000; first += 100 {
			e.do(day(first*112/2000), func(tx *store.Tx) error {
				for i := first; i < first+100; i++ {
					if err := ticketLife(tx, uni, i, base+int64(i%3000), tech, day(i*112/2000)); err != nil {
						return err
					}
				}
				return nil
			})
		}
		mentors := e.cfg.Universities[0].Mentors
		if uni == "unvs" {
			mentors = e.cfg.Universities[1].Mentors
		}
		// 600 sessions: 5 a day (each mentor's an hour apart), 5 seats
		// each, booked a week ahead, marked an hour after the start.
		var slots []aulabot.Slot
		e.do(day(-15), func(tx *store.Tx) error {
			for i := range 600 {
				s, err := tx.CreateSlot(uni, mentors[i%len(mentors)], "Marta", aulabot.NewSlot{
					Start:   day(i / 5).Add(time.Duration(9+i%5*2)*time.Hour + time.Duration(i%len(mentors))*time.Minute).UTC(),
					Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 5})
				if err != nil {
					return err
				}
				slots = append(slots, s)
			}
			return nil
		})
		for d := range 120 {
			var ids []uint64
			var who []int64
			e.do(day(d-7), func(tx *store.Tx) error {
				for _, s := range slots[d*5 : min(len(slots), d*5+5)] {
					for k := range 5 {
						u := base + int64((d*25+int(s.ID)%5*5+k)%3000)
						b, err := tx.BookSlot(s.ID, aulabot.User{ID: u, Name: "Persona", University: uni}, e.cfg.Booking)
						if err != nil {
							return err
						}
						ids, who = append(ids, b.ID), append(who, u)
					}
				}
				return nil
			})
			if d >= 112 {
				continue
			}
			e.do(day(d).Add(23*time.Hour), func(tx *store.Tx) error {
				for i, id := range ids {
					b, err := tx.MarkAttendance(id, slots[d*5+i/5].Mentor, i%6 != 0)
					if err != nil {
						return err
					}
					if b.Attendance == aulabot.Attended && i%2 == 0 {
						if _, err := tx.RateBooking(id, who[i], 3+i%3, ""); err != nil {
							return err
						}
					}
				}
				return nil
			})
		}
	}
}

// ticketLife is the life of fillTerm's ticket i of uni, opened on day
// by req and worked by tech, each action at its own time: created, and
// but for every tenth (still open) claimed, answered and resolved, a
// third of those rated and one in 25 reopened.
func ticketLife(tx *store.Tx, uni string, i int, req, tech int64, day time.Time) error {
	opened := day.Add(time.Duration(7+i%13)*time.Hour + time.Duration(i%60)*time.Minute)
	var t aulabot.Ticket
	err := tx.Backdated(opened, func() (err error) {
		t, err = tx.CreateTicket(aulabot.Ticket{University: uni, Requester: req, RequesterRole: aulabot.RoleTeacher,
			Category: aulabot.Categories[i%5], Description: "no puedo entrar al aula virtual"}, 0)
		return err
	})
	if err != nil || i%10 == 9 {
		return err
	}
	resolved := opened.Add(time.Duration(2+i%30) * time.Hour)
	type step struct {
		at time.Time
		do func() error
	}
	steps := []step{
		{opened.Add(time.Duration(10+i%200) * time.Minute), func() error { _, err := tx.ClaimTicket(t.ID, tech, "Ana"); return err }},
		{opened.Add(time.Duration(30+i%300) * time.Minute), func() error {
			_, _, err := tx.AddTicketMessage(t.ID, aulabot.TicketMessage{From: tech, FromName: "Ana", Team: true, Text: "Lo revisamos"})
			return err
		}},
		{resolved, func() error { _, err := tx.ResolveTicket(t.ID, tech, "Ana"); return err }},
	}
	if i%3 == 0 {
		steps = append(steps, step{resolved.Add(time.Hour), func() error { _, err := tx.RateTicket(t.ID, req, 1+i%5); return err }})
	}
	if i%25 == 0 {
		steps = append(steps, step{resolved.Add(2 * time.Hour), func() error { _, err := tx.ReopenTicket(t.ID, req); return err }})
	}
	for _, s := range steps {
		if err := tx.Backdated(s.at, s.do); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkReport builds the report of one university over a term of
// data (3,000 people, 10,000 questions, 2,000 tickets, 3,000 bookings of
// that university, and as much of another): the figures alone, with the
// PNG of charts, and with every rendering (Markdown, PNG, xlsx).
func BenchmarkReport(b *testing.B) {
	e := newEnv(b)
	fillTerm(e)
	e.now = termTo.In(lima).Add(24 * time.Hour)
	c := loadCatalogue(b)
	r := e.mustBuild("unma", termFrom, termTo, coordUNMA)
	if r.Current.KB.Asked != 10000 || r.Current.Helpdesk.Opened != 2000 || r.Current.Mentoring.Booked != 2800 || r.Current.People.Known.Total() != 3000 {
		b.Fatalf("the term: %d questions, %d tickets, %d seats taken (2,800 in the term's 112 days), %d people",
			r.Current.KB.Asked, r.Current.Helpdesk.Opened, r.Current.Mentoring.Booked, r.Current.People.Known.Total())
	}
	for _, bb := range []struct {
		name   string
		render []func(io.Writer, *Report, Texts, string) error
	}{
		{"figures", nil},
		{"figures+png", []func(io.Writer, *Report, Texts, string) error{PNG}},
		{"figures+md+png+xlsx", []func(io.Writer, *Report, Texts, string) error{Markdown, PNG, XLSX}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			var out bytes.Buffer
			for b.Loop() {
				r := e.mustBuild("unma", termFrom, termTo, coordUNMA)
				for _, f := range bb.render {
					out.Reset()
					if err := f(&out, r, c, "es"); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkReport_PastTrainings builds the figures of two weeks with two
// trainings beside 100 and 10,000 held before them: what the report
// reads of the trainings is the period's, by their end.
func BenchmarkReport_PastTrainings(b *testing.B) {
	for nth, held := range []int{100, 10000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("held=%d", held), func(b *testing.B) {
			benchTwoWeeks(b, func(e *env) {
				e.inBatches(held, 1000, func(int) time.Time { return at(time.January, 1, 9, 0) }, func(tx *store.Tx, i int) error {
					_, err := tx.CreateEvent(aulabot.Event{University: []string{"unma", "unvs"}[i%2], Title: "Before", Minutes: 60,
						At: at(time.February, 1, 9, 0).Add(-time.Duration(i+1) * time.Hour)})
					return err
				})
			}, func(r *Report) error { return nil })
		})
	}
}

// BenchmarkReport_PastTickets builds the figures of two weeks with two
// trainings beside 1,000, 10,000 and 100,000 tickets closed in the year
// before them (by 100 people): what the report reads of the tickets
// should be the period's.
func BenchmarkReport_PastTickets(b *testing.B) {
	for nth, held := range []int{1000, 10000, 100000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("held=%d", held), func(b *testing.B) {
			benchTwoWeeks(b, func(e *env) {
				e.inBatches(held, 2000, yearBefore, func(tx *store.Tx, i int) error {
					who := int64(100000 + i%100)
					if err := tx.PutUser(aulabot.User{ID: who, Name: "Persona", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: tx.Now()}); err != nil {
						return err
					}
					t, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: who, RequesterRole: aulabot.RoleTeacher,
						Category: aulabot.CategoryLMS, Description: "no puedo entrar al aula virtual"}, 0)
					if err == nil {
						_, err = tx.CloseTicket(t.ID, who, "")
					}
					return err
				})
			}, func(r *Report) error {
				if n := r.Current.Helpdesk.Opened; n != 0 {
					return fmt.Errorf("%d tickets in the period, want 0", n)
				}
				return nil
			})
		})
	}
}

// BenchmarkReport_People builds the figures of two weeks with two
// trainings beside 1,000, 10,000 and 100,000 people who finished /start
// in the year before, on every day of it and at every hour, half at the
// university, half at another: the people counts (known, onboarded) need
// the university's people as of the period's end.
func BenchmarkReport_People(b *testing.B) {
	for nth, held := range []int{1000, 10000, 100000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("people=%d", held), func(b *testing.B) {
			benchTwoWeeks(b, func(e *env) {
				e.inBatches(held, 5000, yearBefore, func(tx *store.Tx, i int) error {
					return tx.PutUser(aulabot.User{ID: int64(100000 + i), Name: "Persona", University: []string{"unma", "unvs"}[i%2],
						Role: []string{aulabot.RoleTeacher, aulabot.RoleStudent}[i/2%2], ConsentAt: yearBefore(i % 365).Add(time.Duration(i%1440) * time.Minute)})
				})
			}, func(r *Report) error {
				if n := r.Current.People.Known.Total(); n != held/2 {
					return fmt.Errorf("%d people known, want %d", n, held/2)
				}
				return nil
			})
		})
	}
}

// BenchmarkReport_PastIncidents builds the figures of two weeks with two
// trainings beside 50 and 500 outages of the virtual classroom before
// them (a bot's years of them; each with 100 people waiting to be told it
// is back): the report reads the incidents not closed before the period.
func BenchmarkReport_PastIncidents(b *testing.B) {
	for nth, held := range []int{50, 500} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("incidents=%d", held), func(b *testing.B) {
			benchTwoWeeks(b, func(e *env) {
				start := at(time.February, 1, 9, 0).AddDate(-1, 0, 0)
				for i := range held {
					opened := start.Add(time.Duration(i) * 12 * time.Hour)
					e.do(opened, func(tx *store.Tx) error {
						for k := range 3 {
							if _, _, err := tx.RecordLMSCheck("unma", aulabot.LMSCheck{At: opened.Add(time.Duration(k) * time.Minute)}, lmsWatch); err != nil {
								return err
							}
						}
						for k := range 100 {
							if _, _, err := tx.SubscribeLMS("unma", int64(100000+k)); err != nil {
								return err
							}
						}
						for k := range 3 {
							if _, _, err := tx.RecordLMSCheck("unma", aulabot.LMSCheck{At: opened.Add(time.Duration(10+k) * time.Minute), OK: true}, lmsWatch); err != nil {
								return err
							}
						}
						return nil
					})
				}
			}, func(r *Report) error {
				if n := r.Current.LMS.Incidents; n != 0 {
					return fmt.Errorf("%d incidents in the period, want 0", n)
				}
				return nil
			})
		})
	}
}

// benchTwoWeeks times the figures of unma's two weeks from March 2 (with
// eventsData's two trainings in them) beside what fill stored before,
// failing b unless each report has the two trainings and passes check.
func benchTwoWeeks(b *testing.B, fill func(e *env), check func(r *Report) error) {
	e := newEnv(b)
	fill(e)
	eventsData(e)
	e.now = at(time.March, 20, 9, 0)
	for b.Loop() {
		r := e.mustBuild("unma", march2, march16, coordUNMA)
		if r.Current.Events.Events != 2 {
			b.Fatalf("%d trainings in the period, want 2", r.Current.Events.Events)
		}
		if err := check(r); err != nil {
			b.Fatal(err)
		}
	}
}

// yearBefore is day k of the year before the tests' period.
func yearBefore(k int) time.Time { return at(time.January, 1, 9, 0).AddDate(-1, 0, k) }

// inBatches stores n records, each(tx, i) for i from 0, batch to a
// transaction, batch k on day when(k).
func (e *env) inBatches(n, batch int, when func(k int) time.Time, each func(tx *store.Tx, i int) error) {
	for from := 0; from < n; from += batch {
		e.do(when(from/batch), func(tx *store.Tx) error {
			for i := from; i < min(n, from+batch); i++ {
				if err := each(tx, i); err != nil {
					return err
				}
			}
			return nil
		})
	}
}
