package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// Check finds an index that holds less than its records say: each index
// checked, with one entry taken out of it after real writes.
func TestCheck_Indexes(t *testing.T) {
	now := time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)
	fill := func(tx *Tx) error {
		if err := tx.PutUser(aulabot.User{ID: 7, University: "unma", Role: aulabot.RoleTeacher, ConsentAt: now}); err != nil {
			return err
		}
		if _, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: 7, Category: aulabot.CategoryLMS, Description: "no puedo entrar"}, 0); err != nil {
			return err
		}
		c, err := tx.CreateCourse(aulabot.Course{University: "unma", Teacher: 7, Name: "Cálculo I", Term: "2027-I", Modality: aulabot.ModalityOnline})
		if err != nil {
			return err
		}
		if _, err := tx.AddCourseNote(c.ID, "revisar el foro", true, 4001, aulabot.Roles{Mentor: []string{"unma"}}); err != nil {
			return err
		}
		st := aulabot.LMSState{University: "unma"}
		if _, err := tx.openIncident(&st, aulabot.IncidentByReports, nil, []int64{7}); err != nil {
			return err
		}
		camp, err := tx.createCampaign(aulabot.Campaign{University: "unma", Audience: aulabot.AudienceTeachers, State: aulabot.CampaignRunning}, []int64{7})
		if err != nil {
			return err
		}
		if _, err := tx.feedCampaign(&camp, 1); err != nil {
			return err
		}
		if err := tx.SetState(8, 8, aulabot.State{Flow: aulabot.OnboardFlow, Step: "role"}); err != nil {
			return err
		}
		if _, err = tx.CreateEvent(aulabot.Event{University: "unma", Title: "Foros", At: now.Add(48 * time.Hour)}); err != nil {
			return err
		}
		if err := tx.Schedule(aulabot.Job{Key: "flaky", Kind: "test", Due: now}); err != nil {
			return err
		}
		j, _, err := tx.ScheduledJob("flaky")
		if err == nil {
			_, err = tx.PostponeJob("flaky", j.ID, now.Add(time.Minute), errors.New("does not fit"))
		}
		return err
	}
	for _, c := range []struct {
		index, want string
		entry       func(tx *Tx) []byte
	}{
		{bTicketsTouched, "index by last change", func(tx *Tx) []byte { k, _ := tx.bucket(bTicketsTouched).Cursor().First(); return k }},
		{bUsersUni, "index by university", func(tx *Tx) []byte { k, _ := tx.bucket(bUsersUni).Cursor().First(); return k }},
		{bUsersDays, "people by day count 0 days", func(tx *Tx) []byte { k, _ := tx.bucket(bUsersDays).Cursor().First(); return k }},
		{bUsersJoined, "finished /start hold 0", func(tx *Tx) []byte { k, _ := tx.bucket(bUsersJoined).Cursor().First(); return k }},
		{bJobsFailed, "failing jobs say", func(tx *Tx) []byte { k, _ := tx.bucket(bJobsFailed).Cursor().First(); return k }},
		{bCoursesNamed, "names 4001", func(tx *Tx) []byte { k, _ := tx.bucket(bCoursesNamed).Cursor().First(); return k }},
		{bIncidentUser, "holds 7", func(tx *Tx) []byte { k, _ := tx.bucket(bIncidentUser).Cursor().First(); return k }},
		{bCampaignUser, "left its queue", func(tx *Tx) []byte { k, _ := tx.bucket(bCampaignUser).Cursor().First(); return k }},
		{bStatesOnboard, "mid-/start says", func(tx *Tx) []byte { k, _ := tx.bucket(bStatesOnboard).Cursor().First(); return k }},
		{bEventsEnd, "index by its end", func(tx *Tx) []byte { k, _ := tx.bucket(bEventsEnd).Cursor().First(); return k }},
	} {
		t.Run(c.index, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			s.Now = func() time.Time { return now }
			if err := s.Update(fill); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err != nil {
				t.Fatalf("before: %v", err)
			}
			err = s.Update(func(tx *Tx) error {
				k := c.entry(tx)
				if k == nil {
					t.Fatalf("%s holds nothing", c.index)
				}
				return tx.bucket(c.index).Delete(k)
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("with an entry of %s taken out: %v, want %q", c.index, err, c.want)
			}
		})
	}
}
