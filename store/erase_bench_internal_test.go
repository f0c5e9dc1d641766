package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/aulabot/aulabot"
)

// BenchmarkEraseFromIncidents deletes, in one write transaction, a person
// who subscribed to one LMS incident, beside 50 and 500 incidents (a bot's
// years of outages; each holds 200 subscribers and 20 reports): what it
// reads is the person's, so it should cost the same at both sizes. The
// time is the deletion's alone (no fsync), its setup left out.
func BenchmarkEraseFromIncidents(b *testing.B) {
	for nth, n := range []int{50, 500} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("incidents=%d", n), func(b *testing.B) {
			s := benchStore(b)
			err := s.Update(func(tx *Tx) error {
				for i := range n {
					inc := aulabot.Incident{ID: uint64(1000 + i), University: "unma", Opened: tx.now}
					for k := range 200 {
						inc.Subscribers = append(inc.Subscribers, int64(100000+k*7+i))
					}
					for k := range 20 {
						inc.Linked = append(inc.Linked, int64(200000+k*7+i))
					}
					if err := tx.putIncident(inc); err != nil {
						return err
					}
					if err := tx.indexIncident(inc.ID, append(inc.Linked, inc.Subscribers...)...); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			benchDeletions(b, s, func(tx *Tx, who int64) error { // the person's subscription
				if err := tx.PutUser(aulabot.User{ID: who, University: "unma", Role: aulabot.RoleTeacher}); err != nil {
					return err
				}
				inc, _, err := tx.Incident(1000)
				if err != nil {
					return err
				}
				inc.Subscribers = append(inc.Subscribers, who)
				if err := tx.putIncident(inc); err != nil {
					return err
				}
				return tx.indexIncident(inc.ID, who)
			})
		})
	}
}

// BenchmarkEraseFromCampaigns deletes, in one write transaction, a person
// who got one announcement, beside 300 and 3,000 campaigns of 10
// recipients each, handed to the outbox and over (a bot's years of
// announcements and trainings; the person's own still running): it reads
// the person's campaigns and the running ones, so it should cost the same
// at both sizes. The time is the deletion's alone (no fsync).
func BenchmarkEraseFromCampaigns(b *testing.B) {
	for nth, n := range []int{300, 3000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("campaigns=%d", n), func(b *testing.B) {
			s, err := Open(filepath.Join(b.TempDir(), "aulabot.db"), Options{NoSync: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			// campaign hands people their announcement; done, it is over,
			// as FeedCampaigns leaves it once its messages went.
			campaign := func(tx *Tx, people []int64, done bool) error {
				c, err := tx.createCampaign(aulabot.Campaign{University: "unma", Audience: aulabot.AudienceTeachers, State: aulabot.CampaignRunning,
					Message: aulabot.Message{Text: "Mañana no hay clases"}}, people)
				if err == nil {
					_, err = tx.feedCampaign(&c, len(people))
				}
				if done {
					c.State, c.Ended = aulabot.CampaignDone, tx.now
				}
				if err == nil {
					err = tx.PutCampaign(c)
				}
				return err
			}
			err = s.Update(func(tx *Tx) error {
				for i := range n {
					people := make([]int64, 10)
					for k := range people {
						people[k] = int64(300000 + k + i)
					}
					if err := campaign(tx, people, true); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			benchDeletions(b, s, func(tx *Tx, who int64) error { // the person and their announcement
				if err := tx.PutUser(aulabot.User{ID: who, University: "unma", Role: aulabot.RoleTeacher}); err != nil {
					return err
				}
				return campaign(tx, []int64{who}, false)
			})
		})
	}
}

// benchStore opens a store in a temporary directory, without fsync,
// closed at the end of b.
func benchStore(b *testing.B) *Store {
	s, err := Open(filepath.Join(b.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// benchDeletions times the deletion of a new person each iteration, in
// its own write transaction, after setup gave them their records (not
// timed).
func benchDeletions(b *testing.B, s *Store, setup func(tx *Tx, who int64) error) {
	i := 0
	for b.Loop() {
		i++
		who := int64(900000 + i)
		b.StopTimer()
		if err := s.Update(func(tx *Tx) error { return setup(tx, who) }); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.Update(func(tx *Tx) error { return tx.DeleteUserData(who) }); err != nil {
			b.Fatal(err)
		}
	}
}
