package report

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// everyPerson counts the people by reading every person's record, as the
// report did before the counts by day.
type everyPerson struct{ *store.Tx }

func (s everyPerson) OnboardedBefore(uni string, t time.Time, fn func(role string, n int)) error {
	return s.Users(func(u aulabot.User) error {
		if u.University == uni && u.Onboarded() && u.ConsentAt.Before(t) {
			fn(u.Role, 1)
		}
		return nil
	})
}

func (s everyPerson) OnboardedBetween(uni string, since, before time.Time, fn func(role string) error) error {
	return s.Users(func(u aulabot.User) error {
		if u.University == uni && u.Onboarded() && !u.ConsentAt.Before(since) && u.ConsentAt.Before(before) {
			return fn(u.Role)
		}
		return nil
	})
}

// The people counted from their counts by day give the figures reading
// every person gave, over a term in which people finish /start at any
// hour (some at Lima's midnight, some at UTC's), change role or
// university, start again or delete their data: the term, each week,
// single days, for a university in Lima and one in Madrid.
func TestReport_PeopleByDaySameFigures(t *testing.T) {
	t.Parallel() // slow under -race, and reads only what it made or a base loaded once: beside the others
	e := newEnv(t)
	r := rand.New(rand.NewPCG(7, 12))
	start := termFrom.In(lima)
	roles := []string{aulabot.RoleTeacher, aulabot.RoleStudent, aulabot.RoleStaff}
	unis := []string{"unma", "unvs"}
	type change struct {
		at time.Time
		id int64
	}
	var later []change
	for i := range 800 {
		joined := start.Add(time.Duration(r.IntN(16*7*24*60)) * time.Minute)
		switch i % 10 {
		case 0: // at a midnight of Lima, where a report's day begins
			joined = termFrom.AddDays(r.IntN(16 * 7)).In(lima)
		case 1: // at a midnight of UTC, where the counts' day begins
			joined = joined.UTC().Truncate(24 * time.Hour)
		}
		u := aulabot.User{ID: int64(10000 + i), Name: "Persona", University: unis[r.IntN(2)], Role: roles[r.IntN(3)], ConsentAt: joined}
		if i%7 == 0 {
			u.ConsentAt = time.Time{} // never finished /start
		}
		e.do(joined, func(tx *store.Tx) error { return tx.PutUser(u) })
		if i%3 == 0 {
			later = append(later, change{joined.Add(time.Duration(1+r.IntN(30*24)) * time.Hour), u.ID})
		}
	}
	for i, c := range later {
		e.do(c.at, func(tx *store.Tx) error {
			u, _, err := tx.User(c.id)
			if err != nil {
				return err
			}
			switch i % 4 {
			case 0:
				u.Role = roles[(i/4)%3]
			case 1:
				u.University = unis[(i/4)%2]
			case 2:
				u.ConsentAt = c.at // /start again
			case 3:
				return tx.DeleteUserData(c.id)
			}
			return tx.PutUser(u)
		})
	}
	e.now = termTo.In(lima).Add(60 * 24 * time.Hour)
	periods := [][2]Date{{termFrom, termTo}, {termFrom.AddDays(-30), termTo.AddDays(40)}}
	for w := 0; w < 16; w += 2 {
		periods = append(periods, [2]Date{termFrom.AddDays(7 * w), termFrom.AddDays(7*w + 7)}, [2]Date{termFrom.AddDays(7*w + 3), termFrom.AddDays(7*w + 4)})
	}
	known := 0
	for _, uni := range []struct {
		id     string
		reader aulabot.Roles
	}{{"unma", coordUNMA}, {"unvs", coordUNVS}} {
		for _, p := range periods {
			q := Query{University: uni.id, From: p[0], To: p[1], Now: e.now}
			var byDay, all *Report
			var errDay, errAll error
			e.st.View(func(tx *store.Tx) error {
				byDay, errDay = e.svc.Build(tx, q, uni.reader)
				all, errAll = e.svc.Build(everyPerson{tx}, q, uni.reader)
				return nil
			})
			if errDay != nil || errAll != nil { // nothing in the period: both say so
				if errDay == nil || errAll == nil || errDay.Error() != errAll.Error() {
					t.Errorf("%s %v: by day %v, all %v", uni.id, p, errDay, errAll)
				}
				continue
			}
			if !reflect.DeepEqual(byDay.Current, all.Current) || !reflect.DeepEqual(byDay.Previous, all.Previous) {
				t.Errorf("%s %v–%v: the figures differ:\nby day %+v\nall    %+v", uni.id, p[0], p[1], byDay.Current.People, all.Current.People)
			}
			if p == periods[0] {
				known += byDay.Current.People.Known.Total()
			}
		}
	}
	if known < 300 {
		t.Errorf("%d people known at the term's end, want most of the 800", known)
	}
}
