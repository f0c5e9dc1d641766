package service_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// BenchmarkEvents_Lists times what the Trainings list and /events read
// (Upcoming, Unsaid, Managed) for a student of unma with 5 trainings to
// come, beside 100 or 10,000 held before, 20 of them answered by the
// student: the lists read the events by their end, so the past ones cost
// nothing. Until 5 December they read every training ever held.
func BenchmarkEvents_Lists(b *testing.B) {
	for nth, past := range []int{100, 10000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("past=%d", past), func(b *testing.B) {
			svc := service.New(config.Demo())
			s, err := store.Open(b.TempDir()+"/aulabot.db", store.Options{NoSync: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.Now = func() time.Time { return now }
			u := aulabot.User{ID: 8000, Name: "S", University: "unma", Role: aulabot.RoleStudent, Lang: "es", ConsentAt: now}
			err = s.Update(func(tx *store.Tx) error {
				if err := tx.PutUser(u); err != nil {
					return err
				}
				for i := range past + 5 {
					at := now.Add(time.Duration(i-past) * 24 * time.Hour).Add(time.Hour)
					e, err := tx.CreateEvent(aulabot.Event{University: "unma", Audience: aulabot.AudienceAll, Title: "T", At: at, Minutes: 60, By: coordMA})
					if err != nil {
						return err
					}
					if i%(past/20) == 0 && i < past {
						if err := tx.SetEventAnswer(e.ID, u.ID, aulabot.EventAttend); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			roles := aulabot.Roles{Coordinator: []string{"unma"}}
			b.ResetTimer()
			for range b.N {
				err := s.View(func(tx *store.Tx) error {
					if up, err := svc.Events.Upcoming(tx, u); err != nil || len(up) != 5 {
						return fmt.Errorf("upcoming %d, %v", len(up), err)
					}
					if _, err := svc.Events.Unsaid(tx, u); err != nil {
						return err
					}
					_, _, err := svc.Events.Managed(tx, roles)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
