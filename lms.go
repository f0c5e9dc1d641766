package aulabot

import "time"

// What opened or closed an LMS incident.
const (
	IncidentByChecks  = "checks"  // failed (or, closing, good) checks in a row
	IncidentByReports = "reports" // people reporting an LMS-access problem
	IncidentByTeam    = "team"    // the team pressed Resolved
)

// Changes of the LMS watch's state that people are told about.
const (
	IncidentOpened = "opened"
	IncidentClosed = "closed"
	IncidentLinked = "linked" // a report joined the open incident
)

// LMSCheck is one check of a university's LMS address.
type LMSCheck struct {
	At      time.Time     `json:"at"`
	OK      bool          `json:"ok"`
	Status  int           `json:"status,omitempty"`
	Latency time.Duration `json:"latency"`
	Error   string        `json:"err,omitempty"`
}

// LMSState is what the watch knows of one university's LMS: the latest
// check, the checks in a row that failed or passed, the open incident and
// the recent LMS-access reports.
type LMSState struct {
	University string              `json:"uni"`
	Last       LMSCheck            `json:"last"`
	Fails      int                 `json:"fails"`
	Oks        int                 `json:"oks"`
	Failing    []LMSCheck          `json:"failing,omitempty"` // the failed checks in a row, latest last (at most a few)
	Open       uint64              `json:"open,omitempty"`    // the open incident's id
	Reports    map[int64]time.Time `json:"reports,omitempty"` // who reported an LMS-access problem, when (within the window)
}

// Incident is a time a university's LMS was down, from checks or reports.
type Incident struct {
	ID          uint64    `json:"id"`
	University  string    `json:"uni"`
	OpenedBy    string    `json:"by"` // IncidentByChecks or IncidentByReports: which came first
	Opened      time.Time `json:"opened"`
	Evidence    []string  `json:"evidence,omitempty"`
	Linked      []int64   `json:"linked,omitempty"`      // people whose reports it holds
	Subscribers []int64   `json:"subscribers,omitempty"` // people waiting to be told it is back
	Closed      time.Time `json:"closed,omitzero"`
	ClosedBy    string    `json:"closedby,omitempty"`
}

// Open reports whether the incident is still open.
func (i Incident) Open() bool { return i.Closed.IsZero() }
