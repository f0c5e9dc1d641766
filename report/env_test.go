package report

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/store"
)

// The store's transaction is what reports read.
var _ Source = (*store.Tx)(nil)

// testConfig has three universities: unma and unsa in Lima, unvs in
// Madrid; business hours are the defaults (Monday to Friday, 08:00 to
// 18:00), the claim reminder 30 minutes and the escalation 2 hours.
const testConfig = `
language: es
timezone: America/Lima
admins: [1001]
universities:
  - id: unma
    name: Universidad Nacional de Montealto
    team_chat: -2001
    tech: [3001, 3002]
    mentors: [4001, 4002]
    coordinators: [5001]
  - id: unvs
    name: Universidad Nacional del Valle Sur
    team_chat: -2002
    tech: [3101]
    mentors: [4101]
    coordinators: [5101]
    timezone: Europe/Madrid
  - id: unsa
    name: Universidad de San Agustín
    team_chat: -2003
    coordinators: [5201]
`

var (
	lima   = mustZone("America/Lima")
	madrid = mustZone("Europe/Madrid")
)

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// at is a time of 2026 in Lima (month, day, hour, minute). In March
// 2026, the 2nd, 9th and 16th are Mondays; the 6th and 13th Fridays.
func at(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, lima) }

// env is a store in a temporary directory with a clock the test moves,
// and a report service over testConfig.
type env struct {
	t   testing.TB
	st  *store.Store
	now time.Time
	cfg *aulabot.Config
	svc *Service
}

func newEnv(t testing.TB) *env {
	t.Helper()
	cfg, err := config.Parse("test.yaml", []byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "aulabot.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, cfg: cfg, svc: &Service{Config: cfg}, now: at(time.February, 1, 9, 0)}
	st.Now = func() time.Time { return e.now }
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Error(err)
		}
		st.Close()
	})
	return e
}

// do runs fn in one write transaction at time when.
func (e *env) do(when time.Time, fn func(tx *store.Tx) error) {
	e.t.Helper()
	e.now = when
	if err := e.st.Update(fn); err != nil {
		e.t.Fatalf("at %v: %v", when, err)
	}
}

// build builds the report of uni over [from, to) as reader, at the
// env's clock.
func (e *env) build(uni string, from, to Date, reader aulabot.Roles) (r *Report, err error) {
	err = e.st.View(func(tx *store.Tx) error {
		r, err = e.svc.Build(tx, Query{University: uni, From: from, To: to, Now: e.now}, reader)
		return err
	})
	return r, err
}

// mustBuild is build that fails the test on an error.
func (e *env) mustBuild(uni string, from, to Date, reader aulabot.Roles) *Report {
	e.t.Helper()
	r, err := e.build(uni, from, to, reader)
	if err != nil {
		e.t.Fatalf("build %s %v-%v: %v", uni, from, to, err)
	}
	return r
}

var (
	admin     = aulabot.Roles{Admin: true}
	coordUNMA = aulabot.Roles{Coordinator: []string{"unma"}}
	techUNMA  = aulabot.Roles{Tech: []string{"unma"}}
	coordUNVS = aulabot.Roles{Coordinator: []string{"unvs"}}
)

// march2 and march16 bound the two weeks of the tests' period.
var (
	march2  = Date{2026, time.March, 2}
	march16 = Date{2026, time.March, 16}
)

// question stores a question asked at when.
func (e *env) question(q aulabot.Question) {
	e.t.Helper()
	e.do(q.At, func(tx *store.Tx) error { _, err := tx.AddQuestion(q); return err })
}
