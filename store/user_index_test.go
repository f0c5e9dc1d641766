package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// usersAt returns the ids UsersAt gives for uni and roles.
func usersAt(t *testing.T, s *store.Store, uni string, roles ...string) []int64 {
	t.Helper()
	var ids []int64
	err := s.View(func(tx *store.Tx) error {
		return tx.UsersAt(uni, roles, func(u aulabot.User) error { ids = append(ids, u.ID); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

// The people by university and role follow each change of either, and a
// deletion; someone who has not chosen a university is in none.
func TestStore_UsersAt(t *testing.T) {
	s, _ := open(t)
	consent := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	put := func(u aulabot.User) {
		t.Helper()
		u.ConsentAt = consent
		if err := s.Update(func(tx *store.Tx) error { return tx.PutUser(u) }); err != nil {
			t.Fatal(err)
		}
	}
	put(aulabot.User{ID: 1, University: "unma", Role: aulabot.RoleTeacher})
	put(aulabot.User{ID: 2, University: "unma", Role: aulabot.RoleStudent})
	put(aulabot.User{ID: 3, University: "unvs", Role: aulabot.RoleTeacher})
	put(aulabot.User{ID: 4}) // onboarding, no university yet
	put(aulabot.User{ID: 5, University: "unm", Role: aulabot.RoleTeacher})
	for _, c := range []struct {
		uni   string
		roles []string
		want  []int64
	}{
		{"unma", nil, []int64{1, 2}},
		{"unma", []string{aulabot.RoleTeacher}, []int64{1}},
		{"unm", nil, []int64{5}}, // a university whose id begins another's
		{"", []string{aulabot.RoleTeacher}, []int64{1, 3, 5}},
		{"", nil, []int64{1, 2, 3, 5}},
	} {
		if got := usersAt(t, s, c.uni, c.roles...); !slices.Equal(got, c.want) {
			t.Errorf("%q %v: %v, want %v", c.uni, c.roles, got, c.want)
		}
	}
	put(aulabot.User{ID: 1, University: "unma", Role: aulabot.RoleStudent}) // /profile: now a student
	put(aulabot.User{ID: 3, University: "unma", Role: aulabot.RoleTeacher}) // moved university
	put(aulabot.User{ID: 4, University: "unvs", Role: aulabot.RoleStudent}) // finished /start
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(2) }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		uni, role string
		want      []int64
	}{
		{"unma", aulabot.RoleTeacher, []int64{3}},
		{"unma", aulabot.RoleStudent, []int64{1}},
		{"unvs", aulabot.RoleTeacher, nil},
		{"unvs", aulabot.RoleStudent, []int64{4}},
	} {
		if got := usersAt(t, s, c.uni, c.role); !slices.Equal(got, c.want) {
			t.Errorf("after the changes, %s %s: %v, want %v", c.uni, c.role, got, c.want)
		}
	}
}

// BenchmarkCreateCampaign creates an announcement to the 1,000 teachers
// of one university beside 10,000 and 100,000 other people (students, and
// three other universities' people) in one write transaction, during
// which every other chat's commit waits: it reads its audience through
// the index by university and role, so it should cost the same at both
// sizes.
func BenchmarkCreateCampaign(b *testing.B) {
	for nth, others := range []int{10000, 100000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("others=%d", others), func(b *testing.B) {
			s, _ := open(b)
			for from := 0; from < 1000+others; from += 5000 {
				err := s.Update(func(tx *store.Tx) error {
					for i := from; i < min(1000+others, from+5000); i++ {
						u := aulabot.User{ID: int64(100000 + i), Name: fmt.Sprint("Persona ", i), Lang: "es", ConsentAt: time.Now(),
							University: "unma", Role: aulabot.RoleTeacher}
						if i >= 1000 {
							u.University, u.Role = []string{"unma", "unvs", "unsa", "unmb"}[i%4], aulabot.RoleStudent
							if u.University != "unma" && i%3 == 0 {
								u.Role = aulabot.RoleTeacher
							}
						}
						if err := tx.PutUser(u); err != nil {
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
				createQueuing(b, s, aulabot.Campaign{University: "unma", Audience: aulabot.AudienceTeachers, Message: aulabot.Message{Text: "Mañana no hay clases"}}, 1000)
			}
		})
	}
}
