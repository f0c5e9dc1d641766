package aulabot

import (
	"fmt"
	"time"
)

// Answers to a training event's invitation, as stored.
const (
	EventAttend  = "yes"  // I'll attend
	EventDecline = "no"   // Not this time
	EventWait    = "wait" // on the waitlist of a full training
)

// Limits of an event's length: the store reads a period's events by
// their end, from the period's start to its end and the longest length.
const (
	EventMinMinutes = 15
	EventMaxMinutes = 8 * 60
)

// EventMissed is the feedback of someone who had a place at an event and
// says they could not come; 1 to 5 is the stars of someone who came.
const EventMissed = 0

// Event is a live training event: a session at a time with a link,
// for an audience of a university (teachers, students or both, as
// announcements), with an optional capacity. Its invitations go out as a
// campaign (Campaign.Owner names the event), paced like announcements.
type Event struct {
	ID         uint64    `json:"id"`
	University string    `json:"uni"`
	Audience   string    `json:"aud"` // AudienceTeachers, AudienceStudents or AudienceAll
	Title      string    `json:"title"`
	At         time.Time `json:"at"`
	Link       string    `json:"link"`
	Capacity   int       `json:"cap,omitempty"` // 0: no limit
	Minutes    int       `json:"min,omitempty"` // how long it lasts; 0: an hour (Length)
	By         int64     `json:"by"`            // the coordinator who created it
	Lang       string    `json:"lang"`          // their language, for the figures
	Created    time.Time `json:"created"`
	Campaign   uint64    `json:"campaign,omitempty"` // its invitations
	// Counts are the answers; an erased person's answer stays counted.
	Counts EventCounts `json:"counts"`
	// Reminded is when the reminder went to those attending.
	Reminded time.Time `json:"reminded,omitzero"`
	// Cancelled is when its organisers called it off (zero: it stands).
	Cancelled time.Time `json:"cancelled,omitzero"`
	// Changes counts the changes of its time or link since it was created.
	Changes int `json:"changes,omitempty"`
	// Messages counts its organisers' messages to those attending.
	Messages int `json:"msgs,omitempty"`
}

// EventCounts are an event's figures: the answers to its invitation,
// and after its end those who had a place asked how it went (Asked), how
// many said they came, with their stars (Stars[i] rated it i+1), how many
// that they could not, and how many wrote a comment.
type EventCounts struct {
	Invited   int    `json:"invited"`
	Attending int    `json:"attending"`
	Declined  int    `json:"declined"`
	Asked     int    `json:"asked,omitempty"`
	Stars     [5]int `json:"stars,omitzero"`
	Missed    int    `json:"missed,omitempty"`
	Comments  int    `json:"comments,omitempty"` // written after the feedback
}

// EventComment is what someone who had a place at an event wrote to its
// organisers after it, with what they said of it (EventMissed or the
// stars); the organisers read it without the name.
type EventComment struct {
	Feedback int
	Text     string
}

// Came is how many said, after the event, that they came (each with
// stars).
func (n EventCounts) Came() int {
	c := 0
	for _, k := range n.Stars {
		c += k
	}
	return c
}

// Mean is the mean of the stars given, and false with none.
func (n EventCounts) Mean() (float64, bool) {
	sum := 0
	for i, k := range n.Stars {
		sum += (i + 1) * k
	}
	if c := n.Came(); c > 0 {
		return float64(sum) / float64(c), true
	}
	return 0, false
}

// Unsaid is how many of those asked after the event have not answered.
func (n EventCounts) Unsaid() int { return max(0, n.Asked-n.Came()-n.Missed) }

// Length is how long the event lasts: its Minutes, or an hour (trainings
// created before 5 December had no length).
func (e Event) Length() time.Duration {
	if e.Minutes > 0 {
		return time.Duration(e.Minutes) * time.Minute
	}
	return time.Hour
}

// End is when the event ends: its start and Length.
func (e Event) End() time.Time { return e.At.Add(e.Length()) }

// Includes reports whether u is in the event's audience.
func (e Event) Includes(u User) bool { return InAudience(u, e.University, e.Audience) }

// Full reports whether the event has a capacity and every place is taken.
func (e Event) Full() bool { return e.Capacity > 0 && e.Counts.Attending >= e.Capacity }

// EventICSUID is the calendar UID of event id, stable across its changes.
func EventICSUID(id uint64) string { return fmt.Sprintf("event-%d@aulabot", id) }

// EventICS returns an iCalendar file for event e, from its start to end
// (an event has no end of its own: the caller chooses its length), or its
// cancellation (cancelled: the event was called off, or the person no
// longer attends). Its SEQUENCE is e.Changes, so that the file sent after
// a change of time or link updates the one added before. summary and
// description are plain text.
func EventICS(e Event, end time.Time, cancelled bool, summary, description string, now time.Time) []byte {
	return calendarFile(calendarEvent{UID: EventICSUID(e.ID), Sequence: e.Changes, Start: e.At, End: end,
		Summary: summary, Description: description, Link: e.Link, Cancelled: cancelled}, now)
}
