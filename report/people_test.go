package report

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func (e *env) user(id int64, uni, role string, consent time.Time) {
	e.t.Helper()
	e.do(consent, func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: id, Name: "P", University: uni, Role: role, ConsentAt: consent})
	})
}

// People onboarded per role, known by the end, and active: who asked,
// booked or reported in the period, each person once.
func TestReport_People(t *testing.T) {
	e := newEnv(t)
	e.user(101, "unma", aulabot.RoleTeacher, at(time.March, 3, 9, 0))
	e.user(102, "unma", aulabot.RoleStudent, at(time.March, 10, 9, 0))
	e.user(103, "unma", aulabot.RoleStudent, at(time.February, 20, 9, 0))
	e.user(104, "unvs", aulabot.RoleTeacher, at(time.March, 4, 9, 0))
	e.user(105, "unma", "", at(time.March, 4, 9, 0))                   // never finished /start
	e.user(106, "unma", aulabot.RoleTeacher, at(time.March, 16, 0, 0)) // after the period
	e.do(at(time.March, 5, 9, 0), func(tx *store.Tx) error {           // someone who left
		return tx.PutUser(aulabot.User{ID: 107, University: "unma", Role: aulabot.RoleStudent, ConsentAt: at(time.March, 5, 9, 0)})
	})
	e.do(at(time.March, 6, 9, 0), func(tx *store.Tx) error { return tx.DeleteUserData(107) })

	e.question(aulabot.Question{UserID: 101, University: "unma", Outcome: aulabot.OutcomeAnswer, Text: "a", At: at(time.March, 4, 9, 0)})
	e.question(aulabot.Question{UserID: 101, University: "unma", Outcome: aulabot.OutcomeAnswer, Text: "b", At: at(time.March, 5, 9, 0)})
	e.question(aulabot.Question{UserID: 104, University: "unvs", Outcome: aulabot.OutcomeAnswer, Text: "c", At: at(time.March, 5, 9, 0)})
	e.ticket("unma", 103, aulabot.CategoryLMS, at(time.March, 6, 9, 0))
	e.ticket("unma", 101, aulabot.CategoryLMS, at(time.March, 7, 9, 0))
	e.book(e.slot(4001, "Marta", aulabot.SlotPersonal, 1, at(time.March, 20, 10, 0)), 102, at(time.March, 11, 9, 0), false)

	e.now = at(time.March, 20, 12, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	p := r.Current.People
	if p.Onboarded != (Roles{Teacher: 1, Student: 1}) {
		t.Errorf("onboarded = %+v, want a teacher and a student", p.Onboarded)
	}
	if p.Known != (Roles{Teacher: 1, Student: 2}) {
		t.Errorf("known = %+v, want a teacher and two students", p.Known)
	}
	if p.Active != 3 || p.ActiveRoles != (Roles{Teacher: 1, Student: 2}) || p.Asked != 1 || p.Booked != 1 || p.Reported != 2 {
		t.Errorf("active = %d %+v, asked %d, booked %d, reported %d; want 3 {1 2 0}, 1, 1, 2", p.Active, p.ActiveRoles, p.Asked, p.Booked, p.Reported)
	}
	if s := p.ActiveShare(); s != (Share{3, 3}) {
		t.Errorf("active share = %v", s)
	}
	if p := r.Previous.People; p.Onboarded != (Roles{Student: 1}) || p.Known != (Roles{Student: 1}) || p.Active != 0 {
		t.Errorf("previous people = %+v", p)
	}
}

// unreadablePeople is a store whose people's records cannot be read.
type unreadablePeople struct{ *store.Tx }

func (unreadablePeople) User(int64) (aulabot.User, bool, error) {
	return aulabot.User{}, false, errors.New("decode users/7: unexpected end of JSON input")
}

// A person of the period whose record cannot be read fails the report,
// rather than counting them without a role.
func TestReport_PersonUnreadable(t *testing.T) {
	e := newEnv(t)
	e.user(7, "unma", aulabot.RoleTeacher, at(time.March, 1, 9, 0))
	e.question(aulabot.Question{UserID: 7, University: "unma", Role: aulabot.RoleTeacher, Lang: "es", Text: "q", Outcome: aulabot.OutcomeNone, At: at(time.March, 4, 9, 0)})
	e.now = at(time.March, 20, 9, 0)
	err := e.st.View(func(tx *store.Tx) error {
		_, err := e.svc.Build(unreadablePeople{tx}, Query{University: "unma", From: march2, To: march16, Now: e.now}, coordUNMA)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "person 7") {
		t.Errorf("a report with an unreadable person: %v", err)
	}
}
