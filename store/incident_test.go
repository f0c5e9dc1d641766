package store_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

var watch = aulabot.LMSWatch{Interval: aulabot.Duration(time.Minute), Timeout: aulabot.Duration(10 * time.Second),
	Failures: 3, Recovery: 3, Reports: 5, Window: aulabot.Duration(15 * time.Minute)}

// Three failed checks in a row open an incident, once, across a restart;
// three good ones close it, once.
func TestStore_RecordLMSCheck(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	reopen := reopener(t, filepath.Join(dir, "aulabot.db"), &now)
	s := reopen()
	check := func(ok bool) (inc aulabot.Incident, change string) {
		t.Helper()
		r := aulabot.LMSCheck{At: now, OK: ok, Latency: 40 * time.Millisecond}
		if !ok {
			r.Status, r.Error = 503, "503 Service Unavailable"
		}
		err := s.Update(func(tx *store.Tx) (err error) { inc, change, err = tx.RecordLMSCheck("unma", r, watch); return err })
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		return inc, change
	}
	var changes []string
	for i, ok := range []bool{false, true, false, false, false, false, true, false, true, true, true, true} {
		if i == 4 || i == 9 { // restarts: while failing, and while recovering
			s.Close()
			s = reopen()
		}
		inc, change := check(ok)
		if change != "" {
			changes = append(changes, change)
		}
		if i == 4 && (change != aulabot.IncidentOpened || inc.OpenedBy != aulabot.IncidentByChecks || len(inc.Evidence) != 3) {
			t.Errorf("third failure in a row: %q %+v, want an incident opened by the checks with 3 failures as evidence", change, inc)
		}
		if i == 10 && (change != aulabot.IncidentClosed || inc.ClosedBy != aulabot.IncidentByChecks || inc.Closed.Sub(inc.Opened) != 6*time.Minute) {
			t.Errorf("third good check in a row: %q %+v", change, inc)
		}
	}
	defer s.Close()
	if want := []string{aulabot.IncidentOpened, aulabot.IncidentClosed}; !slices.Equal(changes, want) {
		t.Errorf("changes = %v, want %v", changes, want)
	}
}

// Five people reporting within the window open an incident holding their
// reports; one person reporting twice counts once; an old report has
// expired; later reporters are linked to the open incident.
func TestStore_ReportLMS(t *testing.T) {
	s, now := open(t)
	report := func(user int64) (inc aulabot.Incident, change string) {
		t.Helper()
		err := s.Update(func(tx *store.Tx) (err error) { inc, change, err = tx.ReportLMS("unma", user, watch); return err })
		if err != nil {
			t.Fatal(err)
		}
		return inc, change
	}
	report(1) // expires before the others come
	*now = now.Add(20 * time.Minute)
	for _, u := range []int64{2, 3, 3, 4, 5} {
		if _, change := report(u); change != "" {
			t.Fatalf("report of %d: %q, want nothing yet", u, change)
		}
		*now = now.Add(2 * time.Minute)
	}
	inc, change := report(6)
	if change != aulabot.IncidentOpened || inc.OpenedBy != aulabot.IncidentByReports || !slices.Equal(inc.Linked, []int64{2, 3, 4, 5, 6}) {
		t.Fatalf("fifth person: %q %+v", change, inc)
	}
	if inc2, change := report(7); change != aulabot.IncidentLinked || inc2.ID != inc.ID || !slices.Contains(inc2.Linked, 7) {
		t.Errorf("report during the incident: %q %+v", change, inc2)
	}
	err := s.Update(func(tx *store.Tx) error {
		if _, ok, err := tx.SubscribeLMS("unma", 8); !ok || err != nil {
			t.Errorf("subscribe: %v %v", ok, err)
		}
		if _, ok, _ := tx.SubscribeLMS("unvs", 8); ok {
			t.Error("subscribed to a university with no incident")
		}
		if _, _, err := tx.SubscribeLMS("unma", 9); err != nil {
			return err
		}
		if err := tx.DeleteUserData(9); err != nil { // a subscriber who deletes their data
			return err
		}
		return tx.DeleteUserData(7) // a reporter
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *store.Tx) error {
		got, ok, err := tx.ResolveIncident(inc.ID)
		if !ok || err != nil || got.ClosedBy != aulabot.IncidentByTeam || slices.Contains(got.Linked, 7) || !slices.Equal(got.Subscribers, []int64{8}) {
			t.Errorf("resolve: %+v %v %v", got, ok, err)
		}
		if _, again, _ := tx.ResolveIncident(inc.ID); again {
			t.Error("resolved twice")
		}
		if st, _ := tx.LMSState("unma"); st.Open != 0 || len(st.Reports) != 0 {
			t.Errorf("state after resolving: %+v", st)
		}
		if _, _, err := tx.ResolveIncident(99); aulabot.ErrorKey(err) != "lms.err_no_incident" {
			t.Errorf("resolve a missing incident: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
