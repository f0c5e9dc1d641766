package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// addPeople stores n onboarded people of university uni with role, ids
// from first.
func addPeople(t *testing.T, s *store.Store, uni, role string, first int64, n int) {
	t.Helper()
	err := s.Update(func(tx *store.Tx) error {
		for i := range int64(n) {
			u := aulabot.User{ID: first + i, Name: "P", University: uni, Role: role, ConsentAt: tx.Now(), CreatedAt: tx.Now()}
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func newCampaign(t *testing.T, s *store.Store, c aulabot.Campaign) aulabot.Campaign {
	t.Helper()
	if c.Message.Text == "" {
		c.Message.Text = "<b>Taller</b> de Moodle"
	}
	err := s.Update(func(tx *store.Tx) (err error) { c, err = tx.CreateCampaign(c); return err })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func feed(t *testing.T, s *store.Store, room int) (cs []aulabot.Campaign) {
	t.Helper()
	if err := s.Update(func(tx *store.Tx) (err error) { cs, err = tx.FeedCampaigns(room); return err }); err != nil {
		t.Fatal(err)
	}
	return cs
}

func campaign(t *testing.T, s *store.Store, id uint64) (c aulabot.Campaign) {
	t.Helper()
	if err := s.View(func(tx *store.Tx) (err error) { c, _, err = tx.Campaign(id); return err }); err != nil {
		t.Fatal(err)
	}
	return c
}

// countsAddUp checks that every recipient is in exactly one count.
func countsAddUp(t *testing.T, c aulabot.Campaign) {
	t.Helper()
	n := c.Counts
	if sum := n.Queued + n.Sending + n.Sent + n.Blocked + n.Failed + n.Cancelled + n.Erased; sum != n.Total {
		t.Errorf("counts %+v add up to %d, want the total %d", n, sum, n.Total)
	}
}

// A campaign reaches its audience and only it: people of its university
// with its role who finished onboarding.
func TestStore_CreateCampaign(t *testing.T) {
	s, _ := open(t)
	addPeople(t, s, "unma", aulabot.RoleTeacher, 100, 3)
	addPeople(t, s, "unma", aulabot.RoleStudent, 200, 2)
	addPeople(t, s, "unvs", aulabot.RoleTeacher, 300, 4)
	addPeople(t, s, "unma", aulabot.RoleStaff, 500, 2) // a technician, a coordinator: never in these audiences
	if err := s.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 400, University: "unma", Role: aulabot.RoleTeacher}) // never finished /start
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		uni, aud string
		want     int
	}{
		{"unma", aulabot.AudienceTeachers, 3},
		{"unma", aulabot.AudienceStudents, 2},
		{"unma", aulabot.AudienceAll, 5},
		{"", aulabot.AudienceTeachers, 7},
		{"", aulabot.AudienceAll, 9},
	} {
		c := newCampaign(t, s, aulabot.Campaign{University: tc.uni, Audience: tc.aud, State: aulabot.CampaignRunning})
		if c.Counts.Total != tc.want || c.Counts.Queued != tc.want {
			t.Errorf("%s %s: counts %+v, want %d queued", tc.uni, tc.aud, c.Counts, tc.want)
		}
	}
	t.Run("ErrNobody", func(t *testing.T) {
		err := s.Update(func(tx *store.Tx) error {
			_, err := tx.CreateCampaign(aulabot.Campaign{University: "unvs", Audience: aulabot.AudienceStudents, State: aulabot.CampaignRunning})
			return err
		})
		if aulabot.ErrorKey(err) != "announce.err_nobody" {
			t.Errorf("err = %v, want announce.err_nobody", err)
		}
	})
}

// fakeSender plays the outbox worker against the store: it sends what is
// due, except that people listed as blocking answer 403 and those listed
// as refusing answer 400. It counts the messages each chat got.
type fakeSender struct {
	blocking, refusing map[int64]bool
	got                map[int64]int
}

func (f *fakeSender) deliver(t *testing.T, s *store.Store, now time.Time, max int) int {
	t.Helper()
	due, _, err := s.Due(now, max)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range due {
		switch {
		case f.blocking[m.ChatID]:
			_, err = s.Unreachable(m.ChatID, "403 Forbidden: bot was blocked by the user")
		case f.refusing[m.ChatID]:
			err = s.Dead(m.ID, store.DeadRefused, "400 Bad Request")
		default:
			f.got[m.ChatID]++
			err = s.Sent(m.ID, m.ChatID, int(m.ID))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return len(due)
}

// A campaign stopped half-way (the store closed and opened again, as in a
// restart) resumes where it was: nobody is queued twice, every outcome is
// recorded, and the outbox never holds more than the room it was given.
func TestStore_FeedCampaigns_Restart(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	reopen := reopener(t, filepath.Join(dir, "aulabot.db"), &now)
	s := reopen()
	const people, room = 120, 10
	addPeople(t, s, "unma", aulabot.RoleTeacher, 1000, people)
	f := &fakeSender{blocking: map[int64]bool{1003: true, 1050: true}, refusing: map[int64]bool{1007: true}, got: map[int64]int{}}
	// 1080 blocked the bot before: counted as blocked, never sent.
	if _, err := s.Unreachable(1080, "403 Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	c := newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceTeachers, State: aulabot.CampaignRunning})
	for round := 0; ; round++ {
		cs := feed(t, s, room)
		if len(cs) != 1 {
			t.Fatalf("round %d: feed returned %d campaigns", round, len(cs))
		}
		countsAddUp(t, cs[0])
		if n, _ := s.OutboxDepth(); n > room {
			t.Fatalf("round %d: %d messages in the outbox, room was %d", round, n, room)
		}
		if cs[0].State == aulabot.CampaignDone {
			break
		}
		if round > 3*people/room {
			t.Fatalf("not done after %d rounds: %+v", round, cs[0].Counts)
		}
		f.deliver(t, s, now, room/2)
		if round%3 == 1 { // a restart
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = reopen()
		}
		now = now.Add(time.Second)
	}
	defer s.Close()
	got := campaign(t, s, c.ID)
	want := aulabot.CampaignCounts{Total: people, Sent: people - 4, Blocked: 3, Failed: 1}
	if got.Counts != want {
		t.Errorf("counts = %+v, want %+v", got.Counts, want)
	}
	for id := int64(1000); id < 1000+people; id++ {
		wantN := 1
		if f.blocking[id] || f.refusing[id] || id == 1080 {
			wantN = 0
		}
		if f.got[id] != wantN {
			t.Errorf("person %d got %d messages, want %d", id, f.got[id], wantN)
		}
	}
	_ = s.View(func(tx *store.Tx) error {
		for id, want := range map[int64]string{1000: store.RecipientSent, 1003: store.RecipientBlocked, 1080: store.RecipientBlocked, 1007: store.RecipientFailed, 5: ""} {
			if got := tx.Recipient(c.ID, id); got != want {
				t.Errorf("recipient %d: %q, want %q", id, got, want)
			}
		}
		if cs, _ := tx.ActiveCampaigns(); len(cs) != 0 {
			t.Errorf("active after done: %+v", cs)
		}
		return nil
	})
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// A scheduled campaign waits for its time; two campaigns share the room,
// the older first.
func TestStore_FeedCampaigns_Scheduled(t *testing.T) {
	s, now := open(t)
	addPeople(t, s, "unma", aulabot.RoleStudent, 100, 8)
	later := newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceAll, State: aulabot.CampaignScheduled, At: now.Add(time.Hour)})
	cs := feed(t, s, 5)
	if len(cs) != 0 || campaign(t, s, later.ID).State != aulabot.CampaignScheduled {
		t.Fatalf("a campaign for in an hour ran now: %+v", cs)
	}
	*now = now.Add(time.Hour)
	newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceAll, State: aulabot.CampaignRunning})
	cs = feed(t, s, 5)
	if len(cs) != 2 || cs[0].ID != later.ID || cs[0].Counts.Sending != 5 || cs[1].Counts.Sending != 0 || !cs[0].Started.Equal(*now) {
		t.Fatalf("feed = %+v, want the first campaign started with 5 in the outbox, the second waiting", cs)
	}
}

// /announce cancel: nobody queued or still in the outbox gets it.
func TestStore_CancelCampaign(t *testing.T) {
	s, now := open(t)
	addPeople(t, s, "unma", aulabot.RoleTeacher, 100, 20)
	c := newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceAll, State: aulabot.CampaignRunning})
	feed(t, s, 6)
	f := &fakeSender{got: map[int64]int{}}
	f.deliver(t, s, *now, 2)
	if err := s.Update(func(tx *store.Tx) (err error) { c, err = tx.CancelCampaign(c.ID); return err }); err != nil {
		t.Fatal(err)
	}
	want := aulabot.CampaignCounts{Total: 20, Sent: 2, Cancelled: 18}
	if c.Counts != want || c.State != aulabot.CampaignCancelled {
		t.Errorf("cancelled: %s %+v, want %+v", c.State, c.Counts, want)
	}
	if n, _ := s.OutboxDepth(); n != 0 {
		t.Errorf("%d messages left in the outbox", n)
	}
	if cs := feed(t, s, 6); len(cs) != 0 {
		t.Errorf("a cancelled campaign is fed: %+v", cs)
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		err := s.Update(func(tx *store.Tx) error { _, err := tx.CancelCampaign(99); return err })
		var e *aulabot.Error
		if !errors.As(err, &e) || e.Key != "announce.err_not_found" {
			t.Errorf("err = %v", err)
		}
	})
}

// A revision edits what a campaign sent: before anything was sent there
// is nobody to edit and nothing is stored; after, its recipients are
// exactly those sent to or in the outbox (not those still queued, nor
// those who blocked the bot), and each of its messages edits the one
// sent to that person under the campaign's ref, which the sent message
// was remembered by.
func TestStore_ReviseCampaign(t *testing.T) {
	s, now := open(t)
	addPeople(t, s, "unma", aulabot.RoleTeacher, 100, 10)
	c := newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceAll, State: aulabot.CampaignRunning, Ref: "inv:"})
	revise := func(text string) (r aulabot.Campaign) {
		t.Helper()
		r = aulabot.Campaign{Message: aulabot.Message{Text: text}, State: aulabot.CampaignRunning, Ref: "inv:"}
		if err := s.Update(func(tx *store.Tx) (err error) { r, err = tx.ReviseCampaign(c.ID, r); return err }); err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := revise("moved"); r.ID != 0 {
		t.Fatalf("a revision before anything was sent: %+v", r)
	}
	feed(t, s, 4)
	f := &fakeSender{got: map[int64]int{}, blocking: map[int64]bool{101: true}}
	f.deliver(t, s, *now, 3) // 100 sent, 101 blocked, 102 sent; 103 still in the outbox
	feed(t, s, 0)
	for _, p := range []int64{100, 102} {
		if chat, msg, ok := s.Ref(fmt.Sprintf("inv:%d", p)); !ok || chat != p || msg == 0 {
			t.Errorf("the message to %d is not remembered by its ref: %d %d %v", p, chat, msg, ok)
		}
	}
	r := revise("moved")
	if r.ID == 0 || r.Revises != c.ID || r.Counts.Total != 3 {
		t.Fatalf("revision: %+v, want the three sent to or sending to", r)
	}
	// The original to 103, still waiting in the outbox, was rewritten:
	// 103 is never notified of the text the revision corrects.
	waiting, _, err := s.Due(*now, 10)
	if err != nil {
		t.Fatal(err)
	}
	rewritten := false
	for _, m := range waiting {
		if m.ChatID == 103 && m.Ref == "inv:103" {
			rewritten = m.Text == "moved"
		}
	}
	if !rewritten {
		t.Errorf("the original still waiting for 103 was not rewritten into the revision's text: %+v", waiting)
	}
	f.deliver(t, s, *now, 10) // the original to 103
	feed(t, s, 10)
	due, _, err := s.Due(*now, 10)
	if err != nil {
		t.Fatal(err)
	}
	edits := map[int64]string{}
	for _, m := range due {
		if m.Text == "moved" {
			edits[m.ChatID] = m.EditRef
		}
	}
	want := map[int64]string{100: "inv:100", 102: "inv:102", 103: "inv:103"}
	if fmt.Sprint(edits) != fmt.Sprint(want) {
		t.Errorf("the revision's messages edit %v, want %v", edits, want)
	}
	// A second revision cancels the first, whatever of it is left, and
	// is the one the campaign names.
	second := revise("moved again")
	if first := campaign(t, s, r.ID); first.State != aulabot.CampaignCancelled || campaign(t, s, c.ID).Revision != second.ID || second.Counts.Total != 9 {
		t.Errorf("after a second revision: the first %s, the campaign's revision %d, want %d with the 9 recipients sent to or sending to but the one blocked (%+v)",
			first.State, campaign(t, s, c.ID).Revision, second.ID, second.Counts)
	}
	// A campaign whose messages were not remembered cannot be revised.
	plain := newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceAll, State: aulabot.CampaignRunning})
	err = s.Update(func(tx *store.Tx) error {
		_, err := tx.ReviseCampaign(plain.ID, aulabot.Campaign{Message: aulabot.Message{Text: "x"}})
		return err
	})
	if aulabot.ErrorKey(err) != "announce.err_not_revisable" {
		t.Errorf("revising a campaign without a ref: %v", err)
	}
}

// /deletemydata removes the person from every campaign; the counts keep
// them only as a number.
func TestStore_CampaignErase(t *testing.T) {
	s, now := open(t)
	addPeople(t, s, "unma", aulabot.RoleTeacher, 100, 4)
	c := newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceAll, State: aulabot.CampaignRunning})
	feed(t, s, 2) // 100 and 101 in the outbox, 102 and 103 queued
	for _, id := range []int64{101, 103} {
		if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(id) }); err != nil {
			t.Fatal(err)
		}
	}
	f := &fakeSender{got: map[int64]int{}}
	for range 3 {
		feed(t, s, 2)
		f.deliver(t, s, *now, 10)
	}
	c = campaign(t, s, c.ID)
	countsAddUp(t, c)
	if want := (aulabot.CampaignCounts{Total: 4, Sent: 2, Erased: 2}); c.Counts != want || c.State != aulabot.CampaignDone {
		t.Errorf("%s %+v, want done %+v", c.State, c.Counts, want)
	}
	if f.got[101]+f.got[103] != 0 {
		t.Errorf("erased people got messages: %v", f.got)
	}
	_ = s.View(func(tx *store.Tx) error {
		if r := tx.Recipient(c.ID, 101); r != "" {
			t.Errorf("erased person still a recipient: %q", r)
		}
		return nil
	})
	// A recipient of a campaign cancelled while they were still queued.
	c2 := newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceAll, State: aulabot.CampaignRunning})
	for _, f := range []func(tx *store.Tx) error{
		func(tx *store.Tx) error { _, err := tx.CancelCampaign(c2.ID); return err },
		func(tx *store.Tx) error { return tx.DeleteUserData(102) },
	} {
		if err := s.Update(f); err != nil {
			t.Fatal(err)
		}
	}
	c2 = campaign(t, s, c2.ID)
	_ = s.View(func(tx *store.Tx) error {
		if r := tx.Recipient(c2.ID, 102); r != "" || c2.Counts.Erased != 1 || c2.Counts.Cancelled != 1 {
			t.Errorf("a cancelled campaign's recipient erased: %q, counts %+v", r, c2.Counts)
		}
		return nil
	})
}

// The audience "pending" is the people whose /start is under way in their
// private chat and who have not chosen a role: of the campaign's
// university once they chose it (or any, for every university); never an
// onboarded user, a group's conversation, or another flow.
func TestStore_CampaignPendingAudience(t *testing.T) {
	s, _ := open(t)
	addPeople(t, s, "unma", aulabot.RoleTeacher, 100, 2) // onboarded: not pending
	onboard := func(uni string) aulabot.State {
		st := aulabot.State{Flow: aulabot.OnboardFlow, Step: "role"}
		if uni != "" {
			st = st.With("uni", uni)
		}
		return st
	}
	err := s.Update(func(tx *store.Tx) error {
		for _, p := range []struct {
			chat, user int64
			st         aulabot.State
		}{
			{201, 201, onboard("unma")},
			{202, 202, onboard("unvs")},
			{203, 203, onboard("")},                                 // no university yet
			{100, 100, onboard("unma")},                             // an onboarded teacher starting again
			{-2001, 204, onboard("unma")},                           // a group's conversation
			{205, 205, aulabot.State{Flow: "survey", Step: "text"}}, // another flow
		} {
			if err := tx.SetState(p.chat, p.user, p.st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		uni  string
		want int
	}{{"unma", 1}, {"unvs", 1}, {"", 3}} {
		c := aulabot.Campaign{University: tc.uni, Audience: aulabot.AudiencePending}
		var n int
		if err := s.View(func(tx *store.Tx) (err error) { n, err = tx.AudienceSize(c); return err }); err != nil {
			t.Fatal(err)
		}
		if n != tc.want {
			t.Errorf("pending audience of %q = %d, want %d", tc.uni, n, tc.want)
		}
	}
	c := newCampaign(t, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudiencePending})
	if c.Counts.Total != 1 || c.Counts.Queued != 1 {
		t.Errorf("campaign counts %+v, want the one pending person of unma", c.Counts)
	}
}

// BenchmarkPendingAudience creates an announcement to the 100 people of
// one university whose /start is under way, beside 10,000 and 100,000
// conversation states of other flows (people who left a booking or a
// report half done), in one write transaction: it reads the people
// mid-/start, so it should cost the same at both sizes.
func BenchmarkPendingAudience(b *testing.B) {
	for nth, others := range []int{10000, 100000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("states=%d", others), func(b *testing.B) {
			s, _ := open(b)
			for from := 0; from < others; from += 10000 {
				err := s.Update(func(tx *store.Tx) error {
					for i := from; i < min(others, from+10000); i++ {
						if err := tx.SetState(int64(100000+i), int64(100000+i), aulabot.State{Flow: "booking", Step: "topic"}); err != nil {
							return err
						}
					}
					if from > 0 {
						return nil
					}
					for i := range 100 {
						if err := tx.SetState(int64(900+i), int64(900+i), aulabot.State{Flow: aulabot.OnboardFlow, Step: "role"}.With("uni", "unma")); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				createQueuing(b, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudiencePending, Message: aulabot.Message{Text: "Termine /start"}}, 100)
			}
		})
	}
}

// createQueuing creates campaign c, running, in one write transaction,
// and fails b unless it queued want people.
func createQueuing(b *testing.B, s *store.Store, c aulabot.Campaign, want int) {
	b.Helper()
	c.State = aulabot.CampaignRunning
	err := s.Update(func(tx *store.Tx) error {
		c, err := tx.CreateCampaign(c)
		if err == nil && c.Counts.Queued != want {
			err = fmt.Errorf("%d queued, want %d", c.Counts.Queued, want)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}
