package store

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/aulabot/aulabot"
)

// checkIndexes checks that the indexes the reads rely on hold what their
// records say: each ticket's place by its last change, each person's by
// university and role, the people counted by the day they finished
// /start (exactly: a report reads the counts alone), each course's under
// the people it names, each LMS incident's under the people it holds,
// each campaign recipient who left the queue under the person, each
// person mid-/start, each event's place by its end, each job put off
// after a failure among the failing ones (exactly). An index may hold
// more than its records (an entry left after a mention goes, where its
// reader checks the record), never less: a read through it would miss
// what the record says. Store.Check runs it, so every test that closes a
// store checks every path it took.
func (tx *Tx) checkIndexes() error {
	for _, check := range []func() error{tx.checkTickets, tx.checkPeople, tx.checkCourses, tx.checkIncidents,
		tx.checkCampaigns, tx.checkOnboarding, tx.checkEvents, tx.checkJobsFailed} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) checkTickets() error {
	err := tx.bucket(bTickets).ForEach(func(k, v []byte) error {
		var t aulabot.Ticket
		if err := decode(bTickets, k, v, &t); err != nil {
			return err
		}
		at := i64(t.Updated.UnixNano())
		uni, n := k[:len(k)-8], k[len(k)-8:]
		if !bytes.Equal(tx.bucket(bTicketTouchedAt).Get(k), at) || tx.bucket(bTicketsTouched).Get(slices.Concat(uni, at, n)) == nil {
			return fmt.Errorf("ticket %s is not in the index by last change at %v", t.ID, t.Updated)
		}
		if t.Active() != (tx.bucket(bTicketsActive).Get(k) != nil) {
			return fmt.Errorf("ticket %s (%s) is not where the index of open tickets says", t.ID, t.State)
		}
		staff, err := staffOf(tx, t, k)
		for _, id := range staff {
			if err == nil && tx.bucket(bTicketsByStaff).Get(append(i64(id), k...)) == nil {
				err = fmt.Errorf("ticket %s is not in the index of the tickets %d worked", t.ID, id)
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	return tx.bucket(bTicketsByStaff).ForEach(func(k, _ []byte) error {
		if len(k) < 17 || tx.bucket(bTickets).Get(k[8:]) == nil {
			return fmt.Errorf("the index of the tickets staff worked names a ticket there is not (%x)", k)
		}
		return nil
	})
}

func (tx *Tx) checkPeople() error {
	days, joined := map[string]int64{}, map[string]string{}
	err := tx.Users(func(u aulabot.User) error {
		if u.University != "" && tx.bucket(bUsersUni).Get(userUniKey(u)) == nil {
			return fmt.Errorf("person %d (%s, %s) is not in the index by university as their record says", u.ID, u.University, u.Role)
		}
		if u.Onboarded() {
			days[string(joinDayKey(u.University, u.ConsentAt, u.Role))]++
			joined[string(joinedKey(u))] = u.Role
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The counts are read without the records: they must be exact.
	n := 0
	err = tx.bucket(bUsersDays).ForEach(func(k, v []byte) error {
		n++
		if len(v) != 8 || fromI64(v) != days[string(k)] {
			return fmt.Errorf("the people counted on a day (%q) are not those who finished /start on it: %d", k, days[string(k)])
		}
		return nil
	})
	if err == nil && n != len(days) {
		err = fmt.Errorf("the people by day count %d days, their records %d", n, len(days))
	}
	if err != nil {
		return err
	}
	n = 0
	err = tx.bucket(bUsersJoined).ForEach(func(k, v []byte) error {
		n++
		if r, ok := joined[string(k)]; !ok || r != string(v) {
			return fmt.Errorf("the people by when they finished /start hold %q (%s), which no record says", k, v)
		}
		return nil
	})
	if err == nil && n != len(joined) {
		err = fmt.Errorf("the people by when they finished /start hold %d, their records %d", n, len(joined))
	}
	return err
}

func (tx *Tx) checkCourses() error {
	return tx.bucket(bCourses).ForEach(func(k, v []byte) error {
		var c aulabot.Course
		if err := decode(bCourses, k, v, &c); err != nil {
			return err
		}
		for _, who := range c.Named() {
			if who != c.Teacher && tx.bucket(bCoursesNamed).Get(append(i64(who), u64(c.ID)...)) == nil {
				return fmt.Errorf("course %d names %d, who has no entry for it", c.ID, who)
			}
		}
		return nil
	})
}

func (tx *Tx) checkIncidents() error {
	return tx.bucket(bIncidents).ForEach(func(k, v []byte) error {
		var inc aulabot.Incident
		if err := decode(bIncidents, k, v, &inc); err != nil {
			return err
		}
		for _, who := range slices.Concat(inc.Linked, inc.Subscribers) {
			if tx.bucket(bIncidentUser).Get(append(i64(who), u64(inc.ID)...)) == nil {
				return fmt.Errorf("incident %d holds %d, who has no entry for it", inc.ID, who)
			}
		}
		return nil
	})
}

func (tx *Tx) checkCampaigns() error {
	return tx.bucket(bCampaignRcpt).ForEach(func(k, _ []byte) error {
		if len(k) != 16 || tx.bucket(bCampaignTodo).Get(k) != nil {
			return nil // still in the queue: found there
		}
		id, user := fromU64(k[:8]), fromI64(k[8:])
		if tx.bucket(bCampaignUser).Get(userCampaignKey(user, id)) == nil {
			return fmt.Errorf("campaign %d's recipient %d left its queue without an entry by person", id, user)
		}
		return nil
	})
}

func (tx *Tx) checkOnboarding() error {
	err := tx.bucket(bStates).ForEach(func(k, v []byte) error {
		var st aulabot.State
		if len(k) != 16 || fromI64(k[:8]) != fromI64(k[8:]) || decode(bStates, k, v, &st) != nil {
			return nil
		}
		if (st.Flow == aulabot.OnboardFlow) != (tx.bucket(bStatesOnboard).Get(k[:8]) != nil) {
			return fmt.Errorf("person %d's state (%q) is not what the index of people mid-/start says", fromI64(k[:8]), st.Flow)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return tx.bucket(bStatesOnboard).ForEach(func(k, _ []byte) error {
		if tx.bucket(bStates).Get(append(bytes.Clone(k), k...)) == nil {
			return fmt.Errorf("person %d is mid-/start in the index, with no state", fromI64(k))
		}
		return nil
	})
}

func (tx *Tx) checkEvents() error {
	return tx.bucket(bEvents).ForEach(func(k, v []byte) error {
		var e aulabot.Event
		if err := decode(bEvents, k, v, &e); err != nil {
			return err
		}
		if tx.bucket(bEventsEnd).Get(eventEndKey(e)) == nil {
			return fmt.Errorf("event %d is not in the index by its end at %v", e.ID, e.End())
		}
		return nil
	})
}

func (tx *Tx) checkJobsFailed() error {
	n := 0
	err := tx.bucket(bJobs).ForEach(func(k, v []byte) error {
		var j aulabot.Job
		if err := decode(bJobs, k, v, &j); err != nil {
			return err
		}
		if failed := tx.bucket(bJobsFailed).Get([]byte(j.Key)) != nil; failed != (j.Failed > 0) {
			return fmt.Errorf("job %s (%d failures) is not where the failing jobs say", j.Key, j.Failed)
		}
		if j.Failed > 0 {
			n++
		}
		return nil
	})
	if err == nil && n != tx.bucket(bJobsFailed).Stats().KeyN {
		err = fmt.Errorf("the failing jobs hold %d, the jobs %d", tx.bucket(bJobsFailed).Stats().KeyN, n)
	}
	return err
}
