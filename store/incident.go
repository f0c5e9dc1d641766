package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// The LMS watch: each university's state (latest check, checks in a row,
// the open incident, recent reports) and its incidents. Every change of
// state is one transaction together with the messages it causes, so a
// restart neither announces an incident twice nor forgets one.
const (
	bLMS          = "lms"           // university -> aulabot.LMSState
	bIncidents    = "incidents"     // id -> aulabot.Incident
	bIncidentUser = "incident_user" // user, id -> nothing: the incidents that hold a person's report or wait
)

// maxEvidence is how many failed checks or reports an incident keeps as
// evidence.
const maxEvidence = 10

// LMSState reads university uni's watch state.
func (tx *Tx) LMSState(uni string) (aulabot.LMSState, error) {
	st := aulabot.LMSState{University: uni}
	_, err := tx.get(bLMS, []byte(uni), &st)
	return st, err
}

// Incident reads incident id.
func (tx *Tx) Incident(id uint64) (inc aulabot.Incident, ok bool, err error) {
	ok, err = tx.get(bIncidents, u64(id), &inc)
	return inc, ok, err
}

func (tx *Tx) putIncident(inc aulabot.Incident) error { return tx.put(bIncidents, u64(inc.ID), inc) }

// indexIncident puts incident id among the incidents of each of people
// (its linked reports' and its subscribers'), for their deletion.
func (tx *Tx) indexIncident(id uint64, people ...int64) error {
	for _, p := range people {
		if err := tx.bucket(bIncidentUser).Put(append(i64(p), u64(id)...), nil); err != nil {
			return err
		}
	}
	return nil
}

// RecordLMSCheck stores check r of uni's LMS and applies the thresholds of
// w: w.Failures failed checks in a row open an incident (unless one is
// open), w.Recovery good ones in a row close the open one. It returns the
// incident concerned and what changed ("" when nothing did).
func (tx *Tx) RecordLMSCheck(uni string, r aulabot.LMSCheck, w aulabot.LMSWatch) (aulabot.Incident, string, error) {
	st, err := tx.LMSState(uni)
	if err != nil {
		return aulabot.Incident{}, "", err
	}
	st.Last = r
	if r.OK {
		st.Fails, st.Failing = 0, nil
		st.Oks++
	} else {
		st.Oks = 0
		st.Fails++
		st.Failing = append(st.Failing, r)
		if len(st.Failing) > maxEvidence {
			st.Failing = st.Failing[len(st.Failing)-maxEvidence:]
		}
	}
	var inc aulabot.Incident
	change := ""
	switch {
	case st.Open == 0 && st.Fails >= w.Failures:
		var ev []string
		for _, f := range st.Failing {
			ev = append(ev, fmt.Sprintf("%s %s (%d ms)", f.At.UTC().Format(time.RFC3339), f.Error, f.Latency.Milliseconds()))
		}
		inc, err = tx.openIncident(&st, aulabot.IncidentByChecks, ev, nil)
		change = aulabot.IncidentOpened
	case st.Open != 0 && r.OK && st.Oks >= w.Recovery:
		inc, err = tx.closeIncident(&st, aulabot.IncidentByChecks)
		change = aulabot.IncidentClosed
	case st.Open != 0:
		inc, _, err = tx.Incident(st.Open)
	}
	if err != nil {
		return inc, "", err
	}
	return inc, change, tx.put(bLMS, []byte(uni), st)
}

// ReportLMS records that user reported an LMS-access problem at uni. With
// an incident open the report joins it (IncidentLinked). Otherwise it is
// counted, once per person, for w.Window: w.Reports people within it open
// an incident (IncidentOpened) that holds all their reports. With nothing
// changed the change is "".
func (tx *Tx) ReportLMS(uni string, user int64, w aulabot.LMSWatch) (aulabot.Incident, string, error) {
	st, err := tx.LMSState(uni)
	if err != nil {
		return aulabot.Incident{}, "", err
	}
	if st.Open != 0 {
		inc, _, err := tx.Incident(st.Open)
		if err != nil {
			return inc, "", err
		}
		if !slices.Contains(inc.Linked, user) {
			inc.Linked = append(inc.Linked, user)
			if err := tx.indexIncident(inc.ID, user); err != nil {
				return inc, "", err
			}
		}
		return inc, aulabot.IncidentLinked, tx.putIncident(inc)
	}
	if st.Reports == nil {
		st.Reports = map[int64]time.Time{}
	}
	for u, at := range st.Reports {
		if tx.now.Sub(at) > time.Duration(w.Window) {
			delete(st.Reports, u)
		}
	}
	st.Reports[user] = tx.now
	var inc aulabot.Incident
	change := ""
	if len(st.Reports) >= w.Reports {
		var who []int64
		var ev []string
		for u, at := range st.Reports {
			who = append(who, u)
			ev = append(ev, at.UTC().Format(time.RFC3339))
		}
		slices.Sort(who)
		slices.Sort(ev)
		if inc, err = tx.openIncident(&st, aulabot.IncidentByReports, ev, who); err != nil {
			return inc, "", err
		}
		st.Reports, change = nil, aulabot.IncidentOpened
	}
	return inc, change, tx.put(bLMS, []byte(uni), st)
}

// SubscribeLMS adds user to those told when uni's open incident closes.
// It returns the incident and false when none is open.
func (tx *Tx) SubscribeLMS(uni string, user int64) (aulabot.Incident, bool, error) {
	st, err := tx.LMSState(uni)
	if err != nil || st.Open == 0 {
		return aulabot.Incident{}, false, err
	}
	inc, _, err := tx.Incident(st.Open)
	if err != nil {
		return inc, false, err
	}
	if !slices.Contains(inc.Subscribers, user) {
		inc.Subscribers = append(inc.Subscribers, user)
		if err := tx.indexIncident(inc.ID, user); err != nil {
			return inc, false, err
		}
	}
	return inc, true, tx.putIncident(inc)
}

// ResolveIncident closes incident id because the team says the LMS is
// back. It returns false for an incident already closed.
func (tx *Tx) ResolveIncident(id uint64) (aulabot.Incident, bool, error) {
	inc, ok, err := tx.Incident(id)
	if err != nil || !ok {
		if err == nil {
			err = aulabot.Errorf(aulabot.ENOTFOUND, "lms.err_no_incident")
		}
		return inc, false, err
	}
	if !inc.Open() {
		return inc, false, nil
	}
	st, err := tx.LMSState(inc.University)
	if err != nil {
		return inc, false, err
	}
	if inc, err = tx.closeIncident(&st, aulabot.IncidentByTeam); err != nil {
		return inc, false, err
	}
	return inc, true, tx.put(bLMS, []byte(inc.University), st)
}

func (tx *Tx) openIncident(st *aulabot.LMSState, by string, evidence []string, linked []int64) (aulabot.Incident, error) {
	id, err := tx.nextID(bIncidents)
	if err != nil {
		return aulabot.Incident{}, err
	}
	inc := aulabot.Incident{ID: id, University: st.University, OpenedBy: by, Opened: tx.now, Evidence: evidence, Linked: linked}
	st.Open = id
	if err := tx.Count(fmt.Sprintf("lms:incident:%s:%s", st.University, by), 1); err != nil {
		return inc, err
	}
	if err := tx.indexIncident(id, linked...); err != nil {
		return inc, err
	}
	return inc, tx.putIncident(inc)
}

func (tx *Tx) closeIncident(st *aulabot.LMSState, by string) (aulabot.Incident, error) {
	inc, ok, err := tx.Incident(st.Open)
	if err != nil || !ok {
		return inc, fmt.Errorf("close incident %d of %s: %v (found %v)", st.Open, st.University, err, ok)
	}
	inc.Closed, inc.ClosedBy = tx.now, by
	st.Open, st.Fails, st.Oks, st.Failing, st.Reports = 0, 0, 0, nil, nil
	return inc, tx.putIncident(inc)
}

// eraseLMS removes user from the incidents that hold their report or
// wait (those the index by person gives, not every incident) and from
// every university's recent reports.
func (tx *Tx) eraseLMS(user int64) error {
	prefix := i64(user)
	var incs []aulabot.Incident
	c := tx.bucket(bIncidentUser).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		inc, ok, err := tx.Incident(fromU64(k[8:]))
		if err != nil {
			return err
		}
		if ok {
			incs = append(incs, inc)
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	for _, inc := range incs {
		inc.Linked = slices.DeleteFunc(inc.Linked, func(u int64) bool { return u == user })
		inc.Subscribers = slices.DeleteFunc(inc.Subscribers, func(u int64) bool { return u == user })
		if err := tx.putIncident(inc); err != nil {
			return err
		}
	}
	var states []aulabot.LMSState
	err := tx.bucket(bLMS).ForEach(func(k, v []byte) error {
		var st aulabot.LMSState
		if err := decode(bLMS, k, v, &st); err != nil {
			return err
		}
		if _, ok := st.Reports[user]; ok {
			states = append(states, st)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, st := range states {
		delete(st.Reports, user)
		if err := tx.put(bLMS, []byte(st.University), st); err != nil {
			return err
		}
	}
	return nil
}
