package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// A period's incidents: those of the university not closed before its
// start, oldest first, read back from the newest with another
// university's interleaved: not one closed before, nor another's.
func TestIncidentsSince(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "aulabot.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := func(n int) time.Time { return time.Date(2026, 3, n, 10, 0, 0, 0, time.UTC) }
	var now time.Time
	s.Now = func() time.Time { return now }
	ids := map[string]uint64{}
	// change runs change on uni's watch state at at, and stores it.
	change := func(uni string, at time.Time, change func(tx *Tx, st *aulabot.LMSState) error) {
		t.Helper()
		now = at
		err := s.Update(func(tx *Tx) error {
			st, err := tx.LMSState(uni)
			if err == nil {
				err = change(tx, &st)
			}
			if err != nil {
				return err
			}
			return tx.put(bLMS, []byte(uni), st)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	open := func(name, uni string, at time.Time) {
		change(uni, at, func(tx *Tx, st *aulabot.LMSState) error {
			inc, err := tx.openIncident(st, aulabot.IncidentByChecks, nil, nil)
			ids[name] = inc.ID
			return err
		})
	}
	closeAt := func(uni string, at time.Time) {
		change(uni, at, func(tx *Tx, st *aulabot.LMSState) error {
			_, err := tx.closeIncident(st, aulabot.IncidentByChecks)
			return err
		})
	}
	open("A", "unma", day(1))
	closeAt("unma", day(1).Add(time.Hour))
	open("X", "unvs", day(2))
	open("B", "unma", day(3))
	closeAt("unma", day(3).Add(time.Hour))
	open("C", "unma", day(5))
	closeAt("unvs", day(6))
	for _, c := range []struct {
		uni   string
		since time.Time
		want  []string
	}{
		{"unma", day(1), []string{"A", "B", "C"}},
		{"unma", day(2), []string{"B", "C"}},
		{"unma", day(6), []string{"C"}},
		{"unvs", day(4), []string{"X"}},
		{"unvs", day(7), nil},
	} {
		var got []string
		s.View(func(tx *Tx) error {
			incs, err := tx.IncidentsSince(c.uni, c.since)
			for _, inc := range incs {
				for name, id := range ids {
					if id == inc.ID {
						got = append(got, name)
					}
				}
			}
			return err
		})
		if !slices.Equal(got, c.want) {
			t.Errorf("%s since %v: %v, want %v", c.uni, c.since.Format("Jan 2"), got, c.want)
		}
	}
}
