package store_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// A campaign invites its university's audience once, reminds at most max
// times, by day, and never those who finished or blocked the bot; each
// round runs once however many run it at the same time; it closes once.
func TestStore_SurveyCampaign(t *testing.T) {
	s, now := open(t) // Tuesday 10 March, 10:00 in Lima
	lima, err := time.LoadLocation("America/Lima")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := surveyPair(t, true)
	for id := int64(1); id <= 6; id++ {
		onboard(t, s, id, "unsa", "teacher")
	}
	onboard(t, s, 7, "unac", "teacher")
	// 8 is a technician: a survey for all is for teachers and students,
	// not the staff (until 5 December staff were invited too).
	onboard(t, s, 8, "unsa", aulabot.RoleStaff)
	// 1 finished before the campaign, 2 stopped part way.
	mustAnswer(t, s, base, 1, "quality", survey.Answer{Number: 4})
	mustAnswer(t, s, base, 1, "device", survey.Answer{Choices: []string{"pc"}})
	if err := s.Update(func(tx *store.Tx) error { _, err := tx.SkipSurveyQuestion(base, 1, "comments", lima); return err }); err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, s, base, 2, "quality", survey.Answer{Number: 2})

	start := func() (survey.Campaign, []survey.Invitee, error) {
		var c survey.Campaign
		var in []survey.Invitee
		err := s.Update(func(tx *store.Tx) (err error) {
			c, in, err = tx.StartSurveyCampaign(base, "unsa", 5001, "es", lima)
			return err
		})
		return c, in, err
	}
	c, invite, err := start()
	if err != nil || c.Invited != 5 || len(invite) != 5 || c.Blocked != 0 {
		t.Fatalf("start: %+v, %d invited, %v", c, len(invite), err)
	}
	for _, p := range invite {
		if p.User.ID == 1 || p.User.ID == 7 || p.User.ID == 8 {
			t.Fatalf("invited %d", p.User.ID)
		}
		if p.Started != (p.User.ID == 2) {
			t.Fatalf("invitee %+v", p)
		}
	}
	if _, _, err := start(); aulabot.ErrorKey(err) != "survey.campaign_running" {
		t.Fatalf("second start: %v", err)
	}
	if _, err := s.Unreachable(3, "Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}

	remind := func() (survey.Campaign, []survey.Invitee, bool) {
		t.Helper()
		var c survey.Campaign
		var in []survey.Invitee
		var ok bool
		if err := s.Update(func(tx *store.Tx) (err error) { c, in, ok, err = tx.RemindSurvey(base, "unsa", 2, lima); return err }); err != nil {
			t.Fatal(err)
		}
		return c, in, ok
	}
	if _, _, ok := remind(); ok {
		t.Fatal("a reminder before three days")
	}
	*now = now.Add(survey.ReminderEvery) // Friday 10:00 in Lima
	var rounds atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			err := s.Update(func(tx *store.Tx) error {
				c, in, ok, err := tx.RemindSurvey(base, "unsa", 2, lima)
				if ok {
					rounds.Add(1)
					if len(in) != 4 || c.Blocked != 1 || c.Reminders != 1 {
						t.Errorf("round 1: %d people, %+v", len(in), c)
					}
				}
				return err
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if rounds.Load() != 1 {
		t.Fatalf("%d first rounds at once, want 1", rounds.Load())
	}
	*now = now.Add(survey.ReminderEvery + 12*time.Hour) // Monday 22:00 in Lima
	if _, _, ok := remind(); ok {
		t.Fatal("a reminder at night")
	}
	*now = now.Add(12 * time.Hour)
	if c, _, ok := remind(); !ok || c.Reminders != 2 {
		t.Fatalf("second round: %v %+v", ok, c)
	}
	*now = now.Add(survey.ReminderEvery)
	if _, _, ok := remind(); ok {
		t.Fatal("a third round with max 2")
	}

	closeIt := func() (survey.Campaign, []survey.Invitee, bool) {
		var c survey.Campaign
		var in []survey.Invitee
		var ok bool
		if err := s.Update(func(tx *store.Tx) (err error) {
			c, in, ok, err = tx.CloseSurveyCampaign(base, "unsa", lima)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return c, in, ok
	}
	if _, _, ok := closeIt(); ok {
		t.Fatal("closed while the survey is open")
	}
	base.Closes = survey.Date{Year: 2026, Month: time.March, Day: 19}
	c, took, ok := closeIt()
	if !ok || !c.Closed || len(took) != 2 || took[0].User.ID != 1 || took[1].User.ID != 2 {
		t.Fatalf("close: %v %+v %+v", ok, c, took)
	}
	if _, _, ok := closeIt(); ok {
		t.Fatal("closed twice")
	}
	if _, _, ok := remind(); ok {
		t.Fatal("a reminder after the close")
	}
}

// Invitations go out in batches in the order of the people's ids, each
// person in one batch; someone whose id the campaign reached deletes
// their data: the campaign no longer names them and goes on after them.
func TestStore_InviteSurvey_Batches(t *testing.T) {
	s, now := open(t) // 10:00 in Lima
	lima, _ := time.LoadLocation("America/Lima")
	base, _ := surveyPair(t, true)
	n := survey.InviteBatch + 5
	err := s.Update(func(tx *store.Tx) error {
		for i := range n {
			if err := tx.PutUser(userOf(int64(1001+i), "unsa", "teacher", tx.Now())); err != nil {
				return err
			}
		}
		return tx.PutUser(userOf(5000, "unac", "teacher", tx.Now()))
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Unreachable(1003, "blocked"); err != nil {
		t.Fatal(err)
	}
	seen := map[int64]int{}
	var last []int64
	step := func(first bool) (survey.Campaign, bool) {
		t.Helper()
		var c survey.Campaign
		var in []survey.Invitee
		ok := true
		if !first {
			*now = now.Add(time.Minute) // the batch before has gone out
		}
		err := s.Update(func(tx *store.Tx) (err error) {
			if first {
				c, in, err = tx.StartSurveyCampaign(base, "unsa", 5001, "es", lima)
				return err
			}
			c, in, ok, err = tx.InviteSurvey(base, "unsa", 2, lima)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		last = nil
		for _, p := range in {
			seen[p.User.ID]++
			last = append(last, p.User.ID)
		}
		return c, ok
	}
	c, _ := step(true)
	if !c.Inviting || c.Invited != survey.InviteBatch || c.Blocked != 1 || c.Cursor != 1201 ||
		!c.BatchAt.Equal(*now) || !c.NextBatch.Equal(now.Add(20*time.Second)) {
		t.Fatalf("first batch: %+v", c)
	}
	var early bool
	if err := s.Update(func(tx *store.Tx) (err error) { _, _, early, err = tx.InviteSurvey(base, "unsa", 2, lima); return err }); err != nil || early {
		t.Fatalf("a batch before the one before has gone: %v %v", early, err)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(1201) }); err != nil {
		t.Fatal(err)
	}
	noTrace(t, s, 1201, "survey_campaigns")
	c, _ = step(false)
	if fmt.Sprint(last) != "[1202 1203]" {
		t.Fatalf("after the deletion: %v %+v", last, c)
	}
	step(false)
	c, ok := step(false)
	if !ok || c.Inviting || c.Cursor != 0 || c.Invited != n-1 || len(seen) != n-1 {
		t.Fatalf("the end: %v %+v, %d people", ok, c, len(seen))
	}
	for id, k := range seen {
		if k != 1 || id == 1003 || id == 5000 {
			t.Errorf("%d invited %d times", id, k)
		}
	}
	if _, ok := step(false); ok {
		t.Fatal("a batch after the last")
	}
}
