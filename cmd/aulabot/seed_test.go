package main

import (
	"cmp"
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	reports "github.com/aulabot/aulabot/report"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/sandbox/sandboxtest"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// newSeededHarness is newHarness on a database seeded with the demo data
// before the bot starts, as "aulabot sandbox" does.
func newSeededHarness(t *testing.T) *harness {
	t.Helper()
	cfg := config.Demo()
	sb := newSandbox(cfg, false)
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(sb.Close)
	h := &harness{t: t, SB: sb, URL: srv.URL, Cfg: cfg, Data: filepath.Join(t.TempDir(), "aulabot.db")}
	seedOnce(t, h)
	h.start()
	t.Cleanup(h.stop)
	// The demo training's invitations go out after the start, in their own
	// time: a test's say would take one for the bot's answer. Every
	// campaign has ended once each invitation is in its chat.
	ended := func() bool {
		var active []aulabot.Campaign
		err := h.M.Store.View(func(tx *store.Tx) (err error) {
			active, err = tx.ActiveCampaigns()
			return err
		})
		return err == nil && len(active) == 0
	}
	if !awaitSB(sb, wait, ended) {
		t.Fatal("the demo training's invitations were not all sent")
	}
	return h
}

// seedOnce opens a Main on the harness's database, seeds it and closes it.
func seedOnce(t *testing.T, h *harness) {
	t.Helper()
	m := NewMain(Settings{Token: h.SB.Token(), Endpoint: h.SB.Endpoint(h.URL), DataPath: h.Data}, quietLog())
	m.Config, m.Now = h.Cfg, h.Now
	m.loadBuiltin = sharedBuiltin // loaded once for the test run: 2-4 s of CPU under -race at each start
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.seedDemo(); err != nil {
		t.Fatal(err)
	}
}

// seedCounts summarises a seeded database: tickets by state, slots,
// active bookings, users and queued messages.
func seedCounts(t *testing.T, st *store.Store, cfg *aulabot.Config, now time.Time) string {
	t.Helper()
	var b strings.Builder
	err := st.View(func(tx *store.Tx) error {
		users := 0
		if err := tx.Users(func(aulabot.User) error { users++; return nil }); err != nil {
			return err
		}
		fmt.Fprintf(&b, "users=%d", users)
		for _, u := range cfg.Universities {
			ts, err := tx.Tickets(u.ID, false)
			if err != nil {
				return err
			}
			states := map[aulabot.TicketState]int{}
			for _, tk := range ts {
				states[tk.State]++
			}
			fmt.Fprintf(&b, " %s:open=%d,claimed=%d,resolved=%d,closed=%d", u.ID,
				states[aulabot.TicketOpen], states[aulabot.TicketClaimed], states[aulabot.TicketResolved], states[aulabot.TicketClosed])
			// The university's slots starting in [from, to), and their seats booked.
			slotsIn := func(from, to time.Time) (slots, booked int, err error) {
				for _, mentor := range u.Mentors {
					ss, err := tx.MentorSlots(mentor, from, to)
					if err != nil {
						return 0, 0, err
					}
					for _, s := range ss {
						slots++
						booked += s.Booked
					}
				}
				return slots, booked, nil
			}
			slots, booked, err := slotsIn(now, now.Add(30*24*time.Hour))
			if err != nil {
				return err
			}
			past, pastBooked, err := slotsIn(now.Add(-7*24*time.Hour), now)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, ",slots=%d,booked=%d,past=%d,pastbooked=%d", slots, booked, past, pastBooked)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.OutboxDepth()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, " outbox=%d", n)
	return b.String()
}

func TestSeedDemo(t *testing.T) {
	t.Run("Once", func(t *testing.T) {
		h := demoHarness(t)
		seedOnce(t, h)
		st, err := store.Open(h.Data, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		first := seedCounts(t, st, h.Cfg, h.Now())
		st.Close()
		want := "users=12 unma:open=1,claimed=1,resolved=1,closed=1,slots=6,booked=6,past=1,pastbooked=2" +
			" unvs:open=1,claimed=1,resolved=1,closed=1,slots=3,booked=2,past=1,pastbooked=1 outbox=27" // with 13 reminders of sessions ahead
		if first != want {
			t.Errorf("seeded:\n got %s\nwant %s", first, want)
		}
		seedOnce(t, h)
		st, err = store.Open(h.Data, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if again := seedCounts(t, st, h.Cfg, h.Now()); again != first {
			t.Errorf("second start seeded again:\n got %s\nwant %s", again, first)
		}
	})
	t.Run("NotOverUsers", func(t *testing.T) {
		h := &harness{t: t, Cfg: config.Demo(), Data: filepath.Join(t.TempDir(), "aulabot.db")}
		h.SB, h.URL = sandboxtest.New(t, sandbox.Options{})
		h.URL = strings.TrimSuffix(h.URL, "/bot%s/%s")
		st, err := store.Open(h.Data, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Update(func(tx *store.Tx) error { return tx.PutUser(aulabot.User{ID: 7, Name: "Real"}) }); err != nil {
			t.Fatal(err)
		}
		st.Close()
		seedOnce(t, h)
		st, err = store.Open(h.Data, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if got := seedCounts(t, st, h.Cfg, time.Now()); !strings.HasPrefix(got, "users=1 ") || !strings.HasSuffix(got, "outbox=0") {
			t.Errorf("a database with a user was seeded: %s", got)
		}
	})
}

// TestE2E_SeededSandbox: the seeded sandbox opens with the tickets' posts
// in the team groups, with working buttons; a demo student books the
// nearly full group slot and cancels it again; technicians see their queue, a coordinator the
// gaps, a requester rates the resolved ticket, and a student answers the
// training's invitation.
func TestE2E_SeededSandbox(t *testing.T) {
	h := newSeededHarness(t)
	const rosa, diego, group = 9001, 9002, -2001
	posts := map[string]sandbox.Message{}
	for _, id := range []string{"UNMA-1", "UNMA-2", "UNMA-3", "UNMA-4"} {
		posts[id] = h.waitText(group, 0, "<b>"+id+"</b> ·")
	}
	h.waitText(group, 0, "Lo comprimí a 8 MB")
	h.waitText(-2002, 0, "<b>UNVS-4</b> ·")
	if b := posts["UNMA-4"].Inline; len(b) == 0 || !strings.Contains(b[0][0].Text, "Tomar") {
		t.Errorf("open ticket's post without Claim: %+v", b)
	}
	if b := posts["UNMA-1"]; len(b.Inline) != 0 || !strings.Contains(b.Plain, "5/5") {
		t.Errorf("closed ticket's post = %q %+v", b.Plain, b.Inline)
	}
	relay := h.waitText(diego, 0, "Puedes comprimir el PDF")
	rate := h.waitText(rosa, 0, "como resuelto")

	t.Run("Book", func(t *testing.T) {
		var nearlyFull aulabot.Slot
		err := h.M.Store.View(func(tx *store.Tx) error {
			ss, err := tx.MentorSlots(4002, h.Now(), h.Now().Add(30*24*time.Hour))
			for _, s := range ss {
				if s.Kind == aulabot.SlotGroup && s.SeatsLeft() == 1 {
					nearlyFull = s
				}
			}
			return err
		})
		if err != nil || nearlyFull.ID == 0 {
			t.Fatalf("no nearly full slot (%v)", err)
		}
		m := h.say(diego, "/mentoring")
		h.press(diego, m, "Grupal")
		m = h.waitEdit(m, "Sesiones grupales")
		data := fmt.Sprintf("bk:s:%d", nearlyFull.ID)
		if !hasButton(m, data) {
			t.Fatalf("nearly full slot %d not offered: %+v", nearlyFull.ID, m.Inline)
		}
		h.pressData(diego, diego, m.ID, data)
		m = h.waitEdit(m, "1 lugar libre de 4")
		before := h.lastBot(diego)
		h.press(diego, m, "Confirmar")
		h.waitEdit(m, "¡Reservado!")
		h.waitText(diego, before, "calendario")
		if s, _, _ := h.M.Store.Slot(nearlyFull.ID); s.SeatsLeft() != 0 {
			t.Errorf("slot has %d seats left, want 0", s.SeatsLeft())
		}

		m = h.say(diego, "/mybookings")
		h.press(diego, m, "Cancelar")
		m = h.waitEdit(m, "¿Cancelar su reserva?")
		before = h.lastBot(diego)
		h.press(diego, m, "Sí, cancelar")
		h.waitEdit(m, "Reserva cancelada")
		if m := h.waitText(diego, before, "calendario"); m.File == nil || !strings.HasSuffix(m.File.Name, ".ics") {
			t.Errorf("cancellation without the cancelling .ics: %+v", m)
		}
		if s, _, _ := h.M.Store.Slot(nearlyFull.ID); s.SeatsLeft() != 1 {
			t.Errorf("after the cancellation the slot has %d seats left, want 1", s.SeatsLeft())
		}
	})
	t.Run("Queue", func(t *testing.T) {
		for _, tt := range []struct {
			tech      int64
			want, not []string
		}{
			{3001, []string{"UNMA-4", "UNMA-3"}, []string{"UNMA-2", "UNMA-1", "UNVS-"}},
			{3101, []string{"UNVS-4", "UNVS-3"}, []string{"UNVS-2", "UNVS-1", "UNMA-"}},
		} {
			q := h.say(tt.tech, "/queue")
			for _, id := range tt.want {
				if !strings.Contains(q.Text, id) {
					t.Errorf("/queue of %d lacks %s: %q", tt.tech, id, q.Text)
				}
			}
			for _, id := range tt.not {
				if strings.Contains(q.Text, id) {
					t.Errorf("/queue of %d shows %s: %q", tt.tech, id, q.Text)
				}
			}
		}
	})
	t.Run("Gaps", func(t *testing.T) {
		g := h.say(5001, "/gaps")
		if !strings.Contains(g.Text, "Preguntas sin respuesta") || !strings.Contains(g.Text, "grabaci") {
			t.Errorf("/gaps = %q", g.Text)
		}
	})
	t.Run("TeamButtons", func(t *testing.T) {
		if a := h.press(3002, posts["UNMA-4"], "Tomar"); a.ShowAlert {
			t.Fatalf("claim of a seeded ticket refused: %+v", a)
		}
		h.waitNew(group, 0, func(m sandbox.Message) bool {
			return m.ID == posts["UNMA-4"].ID && m.Edited > 0 && strings.Contains(m.Plain, "Lo tomó Tec 2 unma")
		})
		last := h.lastBot(group)
		h.SB.SendReply(diego, diego, relay.ID, "Ya funcionó, gracias")
		if m := h.waitText(group, last, "Ya funcionó, gracias"); m.ReplyTo != posts["UNMA-3"].ID {
			t.Errorf("requester's reply threads under %d, want the post %d", m.ReplyTo, posts["UNMA-3"].ID)
		}
	})
	t.Run("Rate", func(t *testing.T) {
		h.press(rosa, rate, "5")
		if m := h.waitEdited(rosa, rate); !strings.Contains(m.Text, "quedó cerrado con 5/5") {
			t.Errorf("rating request after 5: %q, want the result in place", m.Text)
		}
		h.waitNew(group, 0, func(m sandbox.Message) bool {
			return m.ID == posts["UNMA-2"].ID && strings.Contains(m.Plain, "Calificación: 5/5")
		})
	})

	// The demo's training invites unma's people; a student answers it.
	t.Run("Training", func(t *testing.T) {
		inv := h.waitText(diego, 0, "Formación en directo: Cuestionarios en Moodle paso a paso")
		if !hasButton(inv, "ev:a:1:y") || !hasButton(inv, "ev:a:1:n") {
			t.Fatalf("invitation without the answer buttons: %+v", inv.Inline)
		}
		before := h.lastBot(diego)
		h.press(diego, inv, "Asistiré")
		h.waitText(diego, before, "Le esperamos en <b>Cuestionarios en Moodle paso a paso</b>")
	})
}

func hasButton(m sandbox.Message, data string) bool {
	for _, row := range m.Inline {
		for _, b := range row {
			if b.Data == data {
				return true
			}
		}
	}
	return false
}

// TestSeedDemo_SessionsAhead: the demo's sessions still ahead have what
// publishing and booking them through the bot schedules: the attendance
// prompt (with the mentor's reminder and the one of attendance unmarked)
// and each booked person's reminder an hour before; those of the last
// days have none, left for the mentor to mark (until 5 December no demo
// session had any: with the sandbox's clock moved past them, Rosa was
// never reminded and no mentor asked who came).
func TestSeedDemo_SessionsAhead(t *testing.T) {
	st, now := seededDemo(t)
	scheduled := scheduledJobs(t, st, now)
	pending, err := st.Pending()
	if err != nil {
		t.Fatal(err)
	}
	queued := map[string]bool{}
	for _, m := range pending {
		queued[m.Key] = true
	}
	ahead, past := 0, 0
	err = st.View(func(tx *store.Tx) error {
		for _, mentor := range []int64{4001, 4002, 4101} {
			ss, err := tx.MentorSlots(mentor, now.Add(-7*24*time.Hour), now.Add(30*24*time.Hour))
			if err != nil {
				return err
			}
			for _, s := range ss {
				attendance := fmt.Sprintf("slot:s%d:attendance", s.ID)
				if s.Start.After(now) != scheduled[attendance] {
					t.Errorf("slot %d at %v: attendance prompt scheduled %v, want it for a session ahead only", s.ID, s.Start, scheduled[attendance])
				}
				bs, err := tx.SlotBookings(s.ID)
				if err != nil {
					return err
				}
				for _, b := range bs {
					if b.Status != aulabot.BookingActive {
						continue
					}
					if s.Start.After(now) {
						ahead++
					} else {
						past++
					}
					if remind := queued[service.ReminderKey(b.ID, "1h")]; remind != s.Start.After(now) {
						t.Errorf("booking %d of slot %d at %v: hour reminder queued %v, want it for a session ahead only", b.ID, s.ID, s.Start, remind)
					}
				}
			}
		}
		return nil
	})
	if err != nil || ahead != 8 || past != 3 {
		t.Errorf("checked %d bookings ahead and %d past (%v), want the demo's 8 and 3", ahead, past, err)
	}
}

// demoHarness is a harness for the demo's configuration on Saturday
// 18:30 in Lima, with an emulator and an empty database.
func demoHarness(t *testing.T) *harness {
	h := &harness{t: t, Cfg: config.Demo(), Data: filepath.Join(t.TempDir(), "aulabot.db")}
	h.SetNow(time.Date(2026, 3, 14, 23, 30, 0, 0, time.UTC))
	h.SB, h.URL = sandboxtest.New(t, sandbox.Options{})
	h.URL = strings.TrimSuffix(h.URL, "/bot%s/%s")
	return h
}

// seededDemo seeds the demo on Saturday 18:30 in Lima and opens its
// database.
func seededDemo(t *testing.T) (*store.Store, time.Time) {
	h := demoHarness(t)
	seedOnce(t, h)
	st, err := store.Open(h.Data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, h.Now()
}

// scheduledJobs are the keys of every job scheduled in st within 60
// days of now.
func scheduledJobs(t *testing.T, st *store.Store, now time.Time) map[string]bool {
	jobs, err := st.DueJobs(now.Add(60*24*time.Hour), 10000)
	if err != nil {
		t.Fatal(err)
	}
	scheduled := map[string]bool{}
	for _, j := range jobs {
		scheduled[j.Key] = true
	}
	return scheduled
}

// TestSeedDemo_TicketTimers: the demo's open tickets have their claim
// reminder and escalation, and a claimed one whose requester wrote last
// (Diego's "now it says timeout" on UNMA-3) its wait for an answer; one
// the team wrote last on (UNVS-3) and the resolved ones have none.
func TestSeedDemo_TicketTimers(t *testing.T) {
	st, now := seededDemo(t)
	scheduled := scheduledJobs(t, st, now)
	for key, want := range map[string]bool{
		"tksla:UNMA-4:ticket.remind": true, "tksla:UNMA-4:ticket.escalate": true, "tksla:UNVS-4:ticket.remind": true,
		"tksla:UNMA-3:ticket.waiting": true, "tksla:UNVS-3:ticket.waiting": false, "tksla:UNMA-2:ticket.remind": false,
	} {
		if scheduled[key] != want {
			t.Errorf("job %s scheduled %v, want %v", key, scheduled[key], want)
		}
	}
}

// TestSeedDemo_AWeekOfWork: the demo's claimed, resolved and
// closed tickets were reported, claimed, answered and resolved on the
// last business day before the start, in business hours, never after it:
// a coordinator's report of the last two weeks shows a time to claim and
// to resolve (until 6 December each was reported and resolved in the one
// instant of the seed, and the median read "0 min"), every ticket claimed
// before its reminder; and the week's questions answered directly as the
// knowledge base answers them (the demo had only unanswered ones, and the
// share read 0%). Seeded on a Saturday evening, before a Monday's opening
// and on a Wednesday afternoon.
func TestSeedDemo_AWeekOfWork(t *testing.T) {
	lima, err := time.LoadLocation("America/Lima")
	if err != nil {
		t.Fatal(err)
	}
	for _, start := range []time.Time{
		time.Date(2026, 3, 14, 18, 30, 0, 0, lima),
		time.Date(2026, 3, 16, 7, 0, 0, 0, lima),
		time.Date(2026, 3, 18, 15, 0, 0, 0, lima),
	} {
		t.Run(start.Weekday().String(), func(t *testing.T) {
			h := demoHarness(t)
			h.SetNow(start)
			seedOnce(t, h)
			st, err := store.Open(h.Data, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			uni, _ := h.Cfg.University("unma")
			loc := h.Cfg.Loc(uni.ID)
			err = st.View(func(tx *store.Tx) error {
				ts, err := tx.Tickets(uni.ID, false)
				if err != nil {
					return err
				}
				worked := 0
				slices.SortFunc(ts, func(a, b aulabot.Ticket) int { return cmp.Compare(a.Number, b.Number) })
				for i, tk := range ts {
					// The reports read a university's tickets by number and
					// stop at the first reported after the period.
					if i > 0 && tk.Created.Before(ts[i-1].Created) {
						t.Errorf("%s reported at %s, before %s at %s", tk.ID, tk.Created.In(loc), ts[i-1].ID, ts[i-1].Created.In(loc))
					}
					if tk.State == aulabot.TicketOpen {
						continue
					}
					worked++
					for _, a := range tk.Audit {
						if a.At.After(start) || uni.Service.BusinessBetween(a.At.Add(-time.Minute), a.At, loc) == 0 {
							t.Errorf("%s: %s→%s at %s, after the start or outside business hours", tk.ID, a.From, a.To, a.At.In(loc))
						}
					}
				}
				if worked != 3 {
					t.Errorf("%d worked tickets, want 3", worked)
				}
				from := reports.DateOf(start.In(loc)).AddDays(-13)
				r, err := (&reports.Service{Config: h.Cfg}).Build(tx, reports.Query{University: uni.ID, From: from,
					To: from.AddDays(14), Now: start.Add(time.Minute)}, aulabot.Roles{Admin: true})
				if err != nil {
					return err
				}
				hd := r.Current.Helpdesk
				if hd.Resolved != 2 || hd.ToResolve.Median < 30*time.Minute || hd.ToClaim.Median <= 0 {
					t.Errorf("resolved %d, median to resolve %s, to claim %s; want 2, at least 30 min and more than 0",
						hd.Resolved, hd.ToResolve.Median, hd.ToClaim.Median)
				}
				if l := hd.Levels[0]; l.Within != 3 || l.Outside != 0 {
					t.Errorf("claimed within the reminder %d, outside %d; want 3 and 0", l.Within, l.Outside)
				}
				// The questions asked over the week as the base answers them
				// (demoAsked: if the base stops answering one, pick another).
				if kb := r.Current.KB; kb.Asked != 9 || kb.Answered != 4 || kb.Helpful != 3 || kb.Unknown != 5 {
					t.Errorf("questions asked %d, answered directly %d, helpful %d, unknown %d; want 9, 4, 3, 5",
						kb.Asked, kb.Answered, kb.Helpful, kb.Unknown)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
