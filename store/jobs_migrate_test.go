package store

import (
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// TestEventJobsMigration: a training whose figures were still to come
// gets the question at its end and its figures a day after it; one whose
// figures went, and a cancelled one, get nothing.
func TestEventJobsMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 12, 9, 22, 0, 0, 0, time.UTC)
	err = s.Update(func(tx *Tx) error {
		for _, e := range []aulabot.Event{
			{Title: "to come, 90 min", At: at, Minutes: 90},
			{Title: "figures sent", At: at.Add(-48 * time.Hour)},
			{Title: "cancelled", At: at, Cancelled: at.Add(-time.Hour)},
		} {
			e, err := tx.CreateEvent(e)
			if err != nil {
				return err
			}
			if e.Title == "figures sent" {
				continue
			}
			id := map[string]string{"to come, 90 min": "1", "cancelled": "3"}[e.Title]
			if err := tx.Schedule(aulabot.Job{Key: "evsum:" + id, Kind: "event_summary", Due: at.Add(time.Hour), Data: map[string]string{"event": id}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(eventJobsMigration); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		end := at.Add(90 * time.Minute)
		for key, want := range map[string]aulabot.Job{
			"evfb:1":  {Kind: "event_feedback", Due: end},
			"evsum:1": {Kind: "event_summary", Due: end.Add(24 * time.Hour)},
			"evsum:3": {Kind: "event_summary", Due: at.Add(time.Hour)}, // cancelled: as it was
		} {
			j, ok, err := tx.ScheduledJob(key)
			if err != nil || !ok || j.Kind != want.Kind || !j.Due.Equal(want.Due) || j.Data["event"] != key[len(key)-1:] {
				t.Errorf("job %s: %+v %v %v, want %s due %v", key, j, ok, err, want.Kind, want.Due)
			}
		}
		for _, key := range []string{"evfb:2", "evsum:2", "evfb:3"} {
			if _, ok, _ := tx.ScheduledJob(key); ok {
				t.Errorf("job %s scheduled", key)
			}
		}
		return nil
	})
}

// TestUnmarkedJobMigration: a session still to start gets the reminder
// of attendance left unmarked, a day after its end, with its attendance
// job's data; one that has it keeps it, one without an attendance job
// (it started, or was cancelled) gets none.
func TestUnmarkedJobMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Date(2026, 12, 14, 20, 0, 0, 0, time.UTC)
	var ids []uint64
	err = s.Update(func(tx *Tx) error {
		for i := range 3 {
			sl, err := tx.CreateSlot("unma", 4001, "Mentor", aulabot.NewSlot{Start: start.Add(time.Duration(i) * time.Hour), Minutes: 45, Kind: aulabot.SlotGroup, Capacity: 5})
			if err != nil {
				return err
			}
			ids = append(ids, sl.ID)
		}
		for i, id := range ids[:2] {
			data := map[string]string{"slot": strconv.FormatUint(id, 10), "lang": "es"}
			key := "slot:s" + data["slot"] + ":"
			if err := tx.Schedule(aulabot.Job{Key: key + "attendance", Kind: "slot.attendance", Due: start.Add(5 * time.Minute), Data: data}); err != nil {
				return err
			}
			if i == 1 {
				if err := tx.Schedule(aulabot.Job{Key: key + "unmarked", Kind: "slot.unmarked", Due: start, Data: data}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(unmarkedJobMigration); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		key := func(i int) string { return "slot:s" + strconv.FormatUint(ids[i], 10) + ":unmarked" }
		j, ok, err := tx.ScheduledJob(key(0))
		if want := start.Add(45*time.Minute + 24*time.Hour); err != nil || !ok || j.Kind != "slot.unmarked" || !j.Due.Equal(want) || j.Data["lang"] != "es" || j.Data["slot"] != strconv.FormatUint(ids[0], 10) {
			t.Errorf("the session to come: %+v %v %v, want slot.unmarked due %v", j, ok, err, want)
		}
		if j, _, _ := tx.ScheduledJob(key(1)); !j.Due.Equal(start) {
			t.Errorf("the one that had it: %+v", j)
		}
		if _, ok, _ := tx.ScheduledJob(key(2)); ok {
			t.Error("a session without its attendance job got one")
		}
		return nil
	})
}

// TestEventIndexMigration: the events and answers a previous version
// stored, without their indexes, are indexed by end and by person.
func TestEventIndexMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 12, 10, 22, 0, 0, 0, time.UTC)
	err = s.Update(func(tx *Tx) error {
		for i, e := range []aulabot.Event{{Title: "past", At: at.Add(-48 * time.Hour)}, {Title: "to come", At: at, Minutes: 90}} {
			if e, err = tx.CreateEvent(e); err != nil {
				return err
			}
			if err := tx.SetEventAnswer(e.ID, int64(70+i), aulabot.EventAttend); err != nil {
				return err
			}
		}
		return emptyBuckets(tx, bEventsEnd, bEventsUser) // as the previous version left them: none
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(eventIndexMigration); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		es, err := tx.EventsEndingAfter(at)
		if err != nil || len(es) != 1 || es[0].Title != "to come" {
			t.Errorf("ending after %v: %+v %v", at, es, err)
		}
		if got := tx.AnsweredEvents(70); len(got) != 1 || got[0] != 1 {
			t.Errorf("70 answered %v, want [1]", got)
		}
		if got := tx.AnsweredEvents(71); len(got) != 1 || got[0] != 2 {
			t.Errorf("71 answered %v, want [2]", got)
		}
		return nil
	})
}

// TestCourseNamedMigration: courses a previous version stored, without
// the index of the people they name, are indexed, so that a mentor who
// deletes their data leaves them.
func TestCourseNamedMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const teacher, mentor = 7001, 4001
	mentors := aulabot.Roles{Mentor: []string{"unma"}}
	var id uint64
	err = s.Update(func(tx *Tx) error {
		c, err := tx.CreateCourse(aulabot.Course{University: "unma", Teacher: teacher, Name: "Cálculo I", Term: "2027-I", Modality: aulabot.ModalityOnline})
		if err != nil {
			return err
		}
		id = c.ID
		if _, err := tx.TickCourseItem(id, "syllabus", true, mentor, mentors, aulabot.BuiltinChecklist); err != nil {
			return err
		}
		if _, err := tx.AddCourseNote(id, "revisar el foro", true, mentor, mentors); err != nil {
			return err
		}
		return emptyBuckets(tx, bCoursesNamed) // as the previous version left it: none
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(courseNamedMigration); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.EraseCoursesOf(mentor) }); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		c, _, err := tx.Course(id)
		if err != nil || c.Ticks["syllabus"].By != 0 || c.Comments[0].By != 0 || c.Audit[0].By != 0 {
			t.Errorf("the erased mentor is still on the course: %+v %v", c, err)
		}
		if c.Name != "Cálculo I" || c.Teacher != teacher {
			t.Errorf("the teacher's course lost more than the mentor: %+v", c)
		}
		return nil
	})
}

// TestUserUniMigration: people a previous version stored, without the
// index by university and role, are found by it after the upgrade.
func TestUserUniMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Update(func(tx *Tx) error {
		for _, u := range []aulabot.User{{ID: 1, University: "unma", Role: aulabot.RoleTeacher}, {ID: 2, University: "unvs", Role: aulabot.RoleTeacher}, {ID: 3}} {
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return emptyBuckets(tx, bUsersUni) // as the previous version left it: none
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(userUniMigration); err != nil {
		t.Fatal(err)
	}
	var got []int64
	s.View(func(tx *Tx) error {
		return tx.UsersAt("", []string{aulabot.RoleTeacher}, func(u aulabot.User) error { got = append(got, u.ID); return nil })
	})
	if len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Errorf("the teachers after the upgrade: %v, want [1 2]", got)
	}
}

// TestJoinedMigration: the people a previous version stored, without
// their counts by day, are counted, so that a report after the upgrade
// knows them.
func TestJoinedMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	err = s.Update(func(tx *Tx) error {
		for _, u := range []aulabot.User{{ID: 1, University: "unma", Role: aulabot.RoleTeacher, ConsentAt: day.Add(-48 * time.Hour)},
			{ID: 2, University: "unma", Role: aulabot.RoleTeacher, ConsentAt: day}, {ID: 3, University: "unma", Role: aulabot.RoleStudent, ConsentAt: day.Add(time.Hour)},
			{ID: 4, University: "unvs", Role: aulabot.RoleTeacher, ConsentAt: day}, {ID: 5, University: "unma", Role: aulabot.RoleTeacher}} {
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return emptyBuckets(tx, bUsersDays, bUsersJoined) // as the previous version left them: none
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(joinedMigration); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	s.View(func(tx *Tx) error {
		return tx.OnboardedBefore("unma", day.Add(30*time.Minute), func(role string, n int) { got[role] += n })
	})
	if want := map[string]int{aulabot.RoleTeacher: 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("unma's people before the afternoon after the upgrade: %v, want %v", got, want)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// TestIncidentUserMigration: the LMS incidents a previous version stored,
// without the index by person, are indexed, so that a reporter and a
// subscriber who delete their data leave them.
func TestIncidentUserMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var inc aulabot.Incident
	err = s.Update(func(tx *Tx) error {
		st := aulabot.LMSState{University: "unma"}
		if inc, err = tx.openIncident(&st, aulabot.IncidentByReports, nil, []int64{71}); err != nil {
			return err
		}
		if err := tx.put(bLMS, []byte("unma"), st); err != nil {
			return err
		}
		if _, _, err := tx.SubscribeLMS("unma", 72); err != nil {
			return err
		}
		return emptyBuckets(tx, bIncidentUser) // as the previous version left it: none
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(incidentUserMigration); err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *Tx) error {
		if err := tx.DeleteUserData(71); err != nil {
			return err
		}
		return tx.DeleteUserData(72)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		if got, _, _ := tx.Incident(inc.ID); len(got.Linked) != 0 || len(got.Subscribers) != 0 {
			t.Errorf("the incident still names them: %+v", got)
		}
		return nil
	})
}

// TestTicketTouchedMigration: tickets a previous version stored, without
// the index by last change, are found by a period's read after the
// upgrade.
func TestTicketTouchedMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	err = s.Update(func(tx *Tx) error {
		tk, err := tx.CreateTicket(aulabot.Ticket{University: "unma", Requester: 7, Category: aulabot.CategoryLMS, Description: "no puedo entrar"}, 0)
		if err != nil {
			return err
		}
		if _, err := tx.CloseTicket(tk.ID, 7, ""); err != nil {
			return err
		}
		return emptyBuckets(tx, bTicketsTouched, bTicketTouchedAt) // as the previous version left them: none
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(ticketTouchedMigration); err != nil {
		t.Fatal(err)
	}
	var got []string
	s.View(func(tx *Tx) error {
		return tx.TicketsTouched("unma", now.Add(-time.Hour), now.Add(time.Hour), func(t aulabot.Ticket) error { got = append(got, t.ID); return nil })
	})
	if len(got) != 1 || got[0] != "UNMA-1" {
		t.Errorf("the closed ticket after the upgrade: %v, want [UNMA-1]", got)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// emptyBuckets empties buckets, as a version before them left them.
func emptyBuckets(tx *Tx, names ...string) error {
	for _, b := range names {
		if err := tx.tx.DeleteBucket([]byte(b)); err != nil {
			return err
		}
		if _, err := tx.tx.CreateBucket([]byte(b)); err != nil {
			return err
		}
	}
	return nil
}

// TestOnboardingMigration: the people a previous version left mid-/start,
// without the index of them, are an announcement's pending audience after
// the upgrade; a group's state and another flow are not.
func TestOnboardingMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Update(func(tx *Tx) error {
		onboard := aulabot.State{Flow: aulabot.OnboardFlow, Step: "role"}.With("uni", "unma")
		for _, p := range []struct {
			chat, user int64
			st         aulabot.State
		}{{71, 71, onboard}, {-2001, 72, onboard}, {73, 73, aulabot.State{Flow: "booking", Step: "topic"}}} {
			if err := tx.SetState(p.chat, p.user, p.st); err != nil {
				return err
			}
		}
		return emptyBuckets(tx, bStatesOnboard) // as the previous version left it: none
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(onboardingMigration); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		n, err := tx.AudienceSize(aulabot.Campaign{University: "unma", Audience: aulabot.AudiencePending})
		if err != nil || n != 1 {
			t.Errorf("the pending audience after the upgrade: %d, %v; want 1", n, err)
		}
		return nil
	})
}

// TestCampaignUserMigration: the recipients a previous version handed to
// the outbox, without the index by person, are erased from their campaign
// by a deletion after the upgrade.
func TestCampaignUserMigration(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var id uint64
	err = s.Update(func(tx *Tx) error {
		c, err := tx.createCampaign(aulabot.Campaign{University: "unma", Audience: aulabot.AudienceTeachers, State: aulabot.CampaignRunning,
			Message: aulabot.Message{Text: "hola"}}, []int64{71, 72})
		if err != nil {
			return err
		}
		if _, err := tx.feedCampaign(&c, 2); err != nil {
			return err
		}
		c.State, id = aulabot.CampaignDone, c.ID
		if err := tx.PutCampaign(c); err != nil {
			return err
		}
		return emptyBuckets(tx, bCampaignUser) // as the previous version left it: none
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(campaignUserMigration); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.DeleteUserData(71) }); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		c, _, _ := tx.Campaign(id)
		if r := tx.Recipient(id, 71); r != "" || c.Counts.Erased != 1 {
			t.Errorf("after the upgrade and a deletion: recipient %q, counts %+v", r, c.Counts)
		}
		return nil
	})
}
