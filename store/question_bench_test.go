package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// BenchmarkDeleteUserData_Questions erases a person with 20 questions
// among 1k, 10k and 100k stored questions of others: the write
// transaction every other commit waits for should cost the same.
func BenchmarkDeleteUserData_Questions(b *testing.B) {
	for nth, n := range []int{1000, 10000, 100000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			s, now := open(b)
			add := func(user int64, count int) {
				err := s.Update(func(tx *store.Tx) error {
					for i := range count {
						q := aulabot.Question{UserID: user + int64(i%5000), University: "unma", Lang: "es", Outcome: aulabot.OutcomeNone,
							Text: fmt.Sprintf("no puedo entrar al aula virtual %d", i), At: now.Add(-time.Duration(i) * time.Minute)}
						if _, err := tx.AddQuestion(q); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			for i := 0; i < n; i += 10000 {
				add(100000, min(10000, n-i))
			}
			person := int64(1)
			for b.Loop() {
				b.StopTimer()
				for range 20 {
					add(person, 1)
				}
				b.StartTimer()
				if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(person) }); err != nil {
					b.Fatal(err)
				}
				person++
			}
		})
	}
}
