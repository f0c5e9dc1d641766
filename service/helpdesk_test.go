package service_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// buttons encodes the helpdesk's buttons readably, so the tests see which
// button the service put where.
type buttons struct{}

func (buttons) Claim(id string) string           { return "claim " + id }
func (buttons) Unclaim(id string) string         { return "unclaim " + id }
func (buttons) Resolve(id string) string         { return "resolve " + id }
func (buttons) Reply(id string) string           { return "reply " + id }
func (buttons) Rate(id string, stars int) string { return fmt.Sprintf("rate %s %d", id, stars) }
func (buttons) Reopen(id string) string          { return "reopen " + id }
func (buttons) TeamAnswer(id string) string      { return "answer " + id }
func (buttons) TeamArticle(id string) string     { return "article " + id }
func (buttons) View(id string) string            { return "view " + id }
func (buttons) Solved(id string) string          { return "solved " + id }
func (buttons) Pass(id string) string            { return "pass " + id }

const (
	teamMA = -2001 // unma's team group (config.Demo)
	tech   = 3001  // on unma's team
	techVS = 3101  // on unvs's team
	ana    = 7001  // a teacher at unma
)

var anaUser = aulabot.User{ID: ana, Name: "Ana", University: "unma", Role: aulabot.RoleTeacher, Lang: "en", ConsentAt: now}

func newHelpdesk(t *testing.T) (*service.Helpdesk, *store.Store) {
	t.Helper()
	svc := service.New(config.Demo())
	svc.Helpdesk.Buttons = buttons{}
	return svc.Helpdesk, newStore(t)
}

// update runs fn in one transaction of s.
func update(t *testing.T, s *store.Store, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := s.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// pending returns the messages waiting in the outbox for chat.
func pending(t *testing.T, s *store.Store, chat int64) []aulabot.Message {
	t.Helper()
	ms, err := s.Pending()
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(ms, func(m aulabot.Message) bool { return m.ChatID != chat })
}

// jobsDue returns the keys of the jobs due at when.
func jobsDue(t *testing.T, s *store.Store, when time.Time) []string {
	t.Helper()
	defer func(old func() time.Time) { s.Now = old }(s.Now)
	s.Now = func() time.Time { return when }
	var keys []string
	update(t, s, func(tx *store.Tx) error {
		js, err := tx.DueJobs(100)
		for _, j := range js {
			keys = append(keys, j.Key)
		}
		return err
	})
	slices.Sort(keys)
	return keys
}

// report files a report of Ana's through the flow's use cases.
func report(t *testing.T, hd *service.Helpdesk, s *store.Store, desc string) aulabot.Ticket {
	t.Helper()
	var created service.Created
	update(t, s, func(tx *store.Tx) error {
		st, err := hd.StartReport(tx, ana, "")
		if err != nil {
			return err
		}
		if st, _, err = hd.PickCategory(st, aulabot.CategoryLMS); err != nil {
			return err
		}
		d, err := hd.Describing(st)
		if err != nil {
			return err
		}
		if d, err = hd.Describe(anaUser, d, desc, 0); err != nil {
			return err
		}
		created, err = hd.Create(tx, anaUser, "en", d)
		return err
	})
	return created.Ticket
}

func TestHelpdesk_Report(t *testing.T) {
	hd, s := newHelpdesk(t)
	tk := report(t, hd, s, "  cannot log in  ")
	if tk.ID != "UNMA-1" || tk.Description != "cannot log in" || tk.Category != aulabot.CategoryLMS || tk.Requester != ana || tk.Lang != "en" {
		t.Fatalf("created %+v", tk)
	}
	post := pending(t, s, teamMA)
	if len(post) != 1 || post[0].Ref != "ticket:UNMA-1" || post[0].Key != "ticket:UNMA-1" || post[0].Lane != "UNMA-1" ||
		!strings.Contains(post[0].Text, "cannot log in") || post[0].Inline[0][0].Data != "claim UNMA-1" || post[0].Inline[0][1].Data != "resolve UNMA-1" {
		t.Errorf("post to the team = %+v", post)
	}
	// The claim reminder and the escalation, in business time.
	if got := jobsDue(t, s, now.Add(30*24*time.Hour)); !slices.Equal(got, []string{"tksla:UNMA-1:ticket.escalate", "tksla:UNMA-1:ticket.remind"}) {
		t.Errorf("jobs = %q", got)
	}
	if n := counter(t, s, "tickets:unma:lms"); n != 1 {
		t.Errorf("tickets:unma:lms = %d, want 1", n)
	}
}

func counter(t *testing.T, s *store.Store, name string) (n int64) {
	t.Helper()
	update(t, s, func(tx *store.Tx) error { n = tx.Counter(name); return nil })
	return n
}

func TestHelpdesk_ReportSteps(t *testing.T) {
	hd, s := newHelpdesk(t)
	st := service.FlowReport.At(service.ReportCategory, service.Report{})
	t.Run("ErrCategory", func(t *testing.T) {
		if _, _, err := hd.PickCategory(st, "printer"); aulabot.ErrorKey(err) != "ticket.err_category" {
			t.Errorf("PickCategory(printer) = %v", err)
		}
	})
	t.Run("Cancel", func(t *testing.T) {
		if next, cancel, err := hd.PickCategory(st, service.CategoryCancel); err != nil || !cancel || next.Flow != "" {
			t.Errorf("PickCategory(cancel) = %+v, %v, %v", next, cancel, err)
		}
	})
	t.Run("Stale", func(t *testing.T) {
		if _, _, err := hd.PickCategory(aulabot.State{}, aulabot.CategoryLMS); !isStale(err) {
			t.Errorf("a category outside the flow: %v", err)
		}
		if _, err := hd.KBAnswered(st); !isStale(err) {
			t.Errorf("a knowledge-base answer before the description: %v", err)
		}
	})
	t.Run("PickCategoryFirst", func(t *testing.T) {
		if _, err := hd.Describing(st); aulabot.ErrorKey(err) != "ticket.pick_category" {
			t.Errorf("a description before the category: %v", err)
		}
	})
	t.Run("ErrTooManyFiles", func(t *testing.T) {
		var d service.Report
		var err error
		for i := range aulabot.MaxAttachments {
			if d, err = hd.Attach(d, aulabot.TicketFile{ChatID: ana, MessageID: i}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := hd.Attach(d, aulabot.TicketFile{}); aulabot.ErrorKey(err) != "ticket.err_too_many_files" {
			t.Errorf("one attachment too many: %v", err)
		}
	})
	t.Run("Said", func(t *testing.T) {
		said := func(words, desc string) string {
			t.Helper()
			var got string
			update(t, s, func(tx *store.Tx) error {
				st, err := hd.StartReport(tx, techVS, words)
				if err != nil {
					return err
				}
				if st, _, err = hd.PickCategory(st, aulabot.CategoryVideo); err != nil {
					return err
				}
				d, err := hd.Describing(st)
				if err == nil {
					d, err = hd.Describe(anaUser, d, desc, 0)
				}
				got = d.Description
				return err
			})
			return got
		}
		long := strings.Repeat("x", aulabot.MaxDescription-5)
		for _, c := range []struct{ words, desc, want string }{
			{"  zoom no abre ", "desde el lunes", "zoom no abre\n\ndesde el lunes"},
			{"zoom no abre", "zoom no abre desde el lunes", "zoom no abre desde el lunes"}, // repeated: once
			{"", "desde el lunes", "desde el lunes"},
			{"zoom no abre", long, long},                                                       // together too long: the description alone
			{strings.Repeat("zoom ", service.MaxSaid/5+1), "desde el lunes", "desde el lunes"}, // not a report's opening words
		} {
			if got := said(c.words, c.desc); got != c.want {
				t.Errorf("started with %.20q, described as %.20q: %.40q, want %.40q", c.words, c.desc, got, c.want)
			}
		}
	})
	t.Run("DescribedBySaid", func(t *testing.T) {
		said := service.FlowReport.At(service.ReportDescription, service.Report{Category: aulabot.CategoryVideo, Said: "zoom no abre"})
		if d, err := hd.DescribedBySaid(said); err != nil || d.Description != "zoom no abre" || d.Category != aulabot.CategoryVideo {
			t.Errorf("at the description step: %+v, %v", d, err)
		}
		for name, st := range map[string]aulabot.State{
			"no words":          service.FlowReport.At(service.ReportDescription, service.Report{Category: aulabot.CategoryVideo}),
			"the category step": service.FlowReport.At(service.ReportCategory, service.Report{Said: "zoom no abre"}),
			"no report":         {},
		} {
			if _, err := hd.DescribedBySaid(st); !isStale(err) {
				t.Errorf("%s: %v, want a stale button", name, err)
			}
		}
	})
	t.Run("ErrOpenLimit", func(t *testing.T) {
		max := config.Demo().Limits.OpenTickets
		for range max {
			report(t, hd, s, "cannot log in")
		}
		err := s.Update(func(tx *store.Tx) error { _, err := hd.StartReport(tx, ana, ""); return err })
		if aulabot.ErrorKey(err) != "ticket.err_open_limit" {
			t.Errorf("a report beyond %d open tickets: %v", max, err)
		}
	})
}

// A report left waiting at the knowledge base's answer by the previous
// version (its data a map of strings, the attachments JSON inside a
// string) still continues: "I still need help" files it with everything
// it kept.
func TestHelpdesk_OldReportStateContinues(t *testing.T) {
	hd, s := newHelpdesk(t)
	files, _ := json.Marshal([]aulabot.TicketFile{{ChatID: ana, MessageID: 41}})
	old := aulabot.State{Flow: "ticket", Step: "kb"}.With("cat", "upload").With("desc", "the upload fails").With("files", string(files))
	d, err := hd.KBAnswered(old)
	if err != nil {
		t.Fatal(err)
	}
	var tk aulabot.Ticket
	update(t, s, func(tx *store.Tx) error {
		res, err := hd.Create(tx, anaUser, "en", d)
		tk = res.Ticket
		return err
	})
	if tk.Category != "upload" || tk.Description != "the upload fails" || len(tk.Files) != 1 || tk.Files[0].MessageID != 41 {
		t.Errorf("ticket from the old state = %+v", tk)
	}
	// And the new form reads back as itself.
	if back, ok := service.FlowReport.Data(hd.AwaitKB(d)); !ok || !slices.Equal(back.Files, d.Files) || back.Category != "upload" {
		t.Errorf("the new form reads back as %+v, %v", back, ok)
	}
}

func TestHelpdesk_Claim(t *testing.T) {
	hd, s := newHelpdesk(t)
	report(t, hd, s, "cannot log in")
	member := service.Actor{ID: tech, Name: "Tec", Roles: config.Demo().Roles(tech), Chat: teamMA, Pressed: 10}
	t.Run("NotFoundForAnotherTeam", func(t *testing.T) {
		other := service.Actor{ID: techVS, Roles: config.Demo().Roles(techVS), Chat: -2002}
		err := s.Update(func(tx *store.Tx) error { _, err := hd.Claim(tx, other, "UNMA-1"); return err })
		if aulabot.ErrorKey(err) != "ticket.err_not_found" {
			t.Errorf("claim by another university's team: %v", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		var res service.Worked
		update(t, s, func(tx *store.Tx) (err error) {
			if err := tx.PutRef("ticket:UNMA-1", teamMA, 10); err != nil {
				return err
			}
			res, err = hd.Claim(tx, member, "UNMA-1")
			return err
		})
		if res.Ticket.State != aulabot.TicketClaimed || res.Ticket.Owner != tech || res.Refused != nil {
			t.Errorf("claim = %+v", res)
		}
		if got := pending(t, s, ana); len(got) != 1 || !strings.Contains(got[0].Text, "UNMA-1") {
			t.Errorf("the requester was told %+v", got)
		}
		if got := jobsDue(t, s, now.Add(30*24*time.Hour)); len(got) != 0 {
			t.Errorf("jobs after the claim = %q", got)
		}
	})
	// A press on a copy of the post the bot never stored: the copy is
	// learnt and edited even though the claim is refused.
	t.Run("RefusedOnACopy", func(t *testing.T) {
		other := member
		other.ID, other.Name, other.Pressed = 3002, "Otro", 11
		var res service.Worked
		update(t, s, func(tx *store.Tx) (err error) { res, err = hd.Claim(tx, other, "UNMA-1"); return err })
		if aulabot.ErrorKey(res.Refused) != "ticket.err_claimed" {
			t.Errorf("second claim refused with %v", res.Refused)
		}
		if copies := s.RefCopies("ticket:UNMA-1"); len(copies) != 1 || copies[0].MessageID != 11 {
			t.Errorf("copies = %+v", copies)
		}
	})
}

func TestHelpdesk_ResolveRateNote(t *testing.T) {
	hd, s := newHelpdesk(t)
	report(t, hd, s, "cannot log in")
	member := service.Actor{ID: tech, Name: "Tec", Roles: config.Demo().Roles(tech), Chat: teamMA}
	requester := service.Actor{ID: ana, Chat: ana, Private: true}
	update(t, s, func(tx *store.Tx) error { _, err := hd.Resolve(tx, member, "UNMA-1"); return err })
	ask := pending(t, s, ana)
	if len(ask) != 1 || ask[0].Inline[0][4].Data != "rate UNMA-1 5" || ask[0].Inline[1][0].Data != "reopen UNMA-1" {
		t.Fatalf("rating request = %+v", ask)
	}
	if got := jobsDue(t, s, now.Add(aulabot.AutoClose)); !slices.Equal(got, []string{"tkclose:UNMA-1"}) {
		t.Errorf("jobs after resolve = %q", got)
	}
	for _, stars := range []int{0, 6} {
		if err := s.Update(func(tx *store.Tx) error { _, err := hd.Rate(tx, requester, "UNMA-1", stars); return err }); !isStale(err) {
			t.Errorf("Rate(%d) = %v, want a stale button", stars, err)
		}
	}
	var rated service.Rated
	update(t, s, func(tx *store.Tx) (err error) { rated, err = hd.Rate(tx, requester, "UNMA-1", 4); return err })
	if rated.Ticket.State != aulabot.TicketClosed || rated.Ticket.Rating != 4 || !service.FlowRatingNote.In(rated.State) {
		t.Errorf("rate = %+v", rated)
	}
	if got := jobsDue(t, s, now.Add(aulabot.AutoClose)); len(got) != 0 {
		t.Errorf("jobs after the rating = %q", got)
	}
	update(t, s, func(tx *store.Tx) error { _, err := hd.NoteRating(tx, ana, rated.State, " fast "); return err })
	team := pending(t, s, teamMA)
	if last := team[len(team)-1]; last.Ref != "tkin:UNMA-1:note" || !strings.Contains(last.Text, "fast") {
		t.Errorf("the note in the team group = %+v", last)
	}
	// Somebody else's rating is "not found".
	stranger := service.Actor{ID: 7002, Chat: 7002, Private: true}
	if err := s.Update(func(tx *store.Tx) error { _, err := hd.Reopen(tx, stranger, "UNMA-1"); return err }); aulabot.ErrorKey(err) != "ticket.err_not_found" {
		t.Errorf("a stranger's reopen: %v", err)
	}
}

func TestHelpdesk_Jobs(t *testing.T) {
	hd, s := newHelpdesk(t)
	report(t, hd, s, "cannot log in")
	job := aulabot.Job{Data: map[string]string{"id": "UNMA-1"}}
	update(t, s, func(tx *store.Tx) error {
		if err := hd.Remind(tx, job); err != nil {
			return err
		}
		return hd.Escalate(tx, job)
	})
	team := pending(t, s, teamMA)
	if last := team[len(team)-1]; last.ReplyToRef != "ticket:UNMA-1" || last.Inline[0][0].Data != "claim UNMA-1" {
		t.Errorf("reminder = %+v", last)
	}
	if got := pending(t, s, 5001); len(got) != 1 || !strings.Contains(got[0].Text, "UNMA-1") {
		t.Errorf("escalation to the coordinator = %+v", got)
	}
	if n := counter(t, s, "ticket_escalated:unma"); n != 1 {
		t.Errorf("ticket_escalated:unma = %d", n)
	}
	// The automatic close applies to a resolved ticket only.
	update(t, s, func(tx *store.Tx) error { return hd.AutoClose(tx, job) })
	if tk, _, _ := s.Ticket("UNMA-1"); tk.State != aulabot.TicketOpen {
		t.Errorf("an open ticket was auto-closed: %s", tk.State)
	}
	update(t, s, func(tx *store.Tx) error {
		if _, err := tx.ResolveTicket("UNMA-1", tech, "Tec"); err != nil {
			return err
		}
		return hd.AutoClose(tx, job)
	})
	if tk, _, _ := s.Ticket("UNMA-1"); tk.State != aulabot.TicketClosed {
		t.Errorf("a resolved ticket was not auto-closed: %s", tk.State)
	}
}

// Deleting a person's data through onboarding runs the helpdesk's part:
// the team group's post is edited to show nothing of them.
func TestHelpdesk_Erase(t *testing.T) {
	svc := service.New(config.Demo())
	svc.Helpdesk.Buttons = buttons{}
	s := newStore(t)
	update(t, s, func(tx *store.Tx) error { return tx.PutUser(anaUser) })
	report(t, svc.Helpdesk, s, "my password is hunter2")
	update(t, s, func(tx *store.Tx) error { return svc.Onboarding.DeleteMyData(tx, ana) })
	for _, m := range pending(t, s, teamMA) {
		if strings.Contains(m.Text, "hunter2") || strings.Contains(m.Text, "Ana") {
			t.Errorf("the team group still gets %+v", m)
		}
	}
	if tk, _, _ := s.Ticket("UNMA-1"); tk.Requester != 0 || tk.Description != "" {
		t.Errorf("ticket after the deletion = %+v", tk)
	}
}

// The limit of messages per person and ticket: one notice, then silence,
// for each of many people writing at once; each counts alone.
func TestHelpdesk_MessageLimit(t *testing.T) {
	hd, _ := newHelpdesk(t)
	max := config.Demo().Limits.TicketMessagesPerHour
	const people = 20
	verdicts := make([][]int, people)
	done := make(chan struct{})
	for p := range people {
		go func() {
			defer func() { done <- struct{}{} }()
			for range max + 2 {
				verdicts[p] = append(verdicts[p], hd.TakeMessage("UNMA-1", int64(8000+p), now))
			}
		}()
	}
	for range people {
		<-done
	}
	want := slices.Repeat([]int{service.MessageAllowed}, max)
	want = append(want, service.MessageNotice, service.MessageDropped)
	for p, got := range verdicts {
		if !slices.Equal(got, want) {
			t.Errorf("person %d: verdicts %v, want %v", p, got, want)
		}
	}
	if got := hd.TakeMessage("UNMA-1", 8000, now.Add(time.Hour)); got != service.MessageAllowed {
		t.Errorf("an hour later: %v", got)
	}
}

// TestHelpdesk_Age: the age of a ticket in the queue ("hace {age}") is
// whole minutes, hours or days, and at least a minute: a ticket of a few
// seconds read "hace 0 min".
func TestHelpdesk_Age(t *testing.T) {
	s, _ := newHelpdesk(t)
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{10 * time.Second, "1 min"},
		{59*time.Minute + 59*time.Second, "59 min"},
		{3*time.Hour + 10*time.Minute, "3 h"},
		{50 * time.Hour, "2 d"},
	} {
		if got := s.Age("es", c.d); got != c.want {
			t.Errorf("%v: %q, want %q", c.d, got, c.want)
		}
	}
}
