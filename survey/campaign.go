package survey

import (
	"time"

	"github.com/aulabot/aulabot"
)

// A campaign invites a survey's audience at one university and reminds
// those who have not finished. These are its rules of time; the store
// keeps its record, the handlers write the messages.
const (
	// DayStarts and DayEnds bound the local hours in which invitations
	// and reminders go out: never at night in the university's time
	// zone. A batch starts before DayEnds-1 so that its paced tail ends
	// by DayEnds.
	DayStarts = 9
	DayEnds   = 20
	// DefaultReminders is how many reminders a person gets at most when
	// the configuration does not say.
	DefaultReminders = 2
	// ReminderEvery is the time between an invitation and the first
	// reminder, and between two reminders.
	ReminderEvery = 72 * time.Hour
	// CampaignRate is how many invitations or reminders a second a
	// campaign sends at most: a third of Telegram's 30 a second, so that
	// people's answers keep the rest.
	CampaignRate = 10
	// InviteBatch is how many invitations one step queues: a campaign
	// queues its invitations a batch at a time (a step every 20 seconds),
	// so that a bot that was down does not find thousands due at once.
	InviteBatch = 200
)

// Daytime reports whether t is a time a batch may start, in loc.
func Daytime(t time.Time, loc *time.Location) bool {
	h := t.In(loc).Hour()
	return h >= DayStarts && h < DayEnds-1
}

// NextDaytime is t if a batch may start then, else the next DayStarts
// o'clock in loc.
func NextDaytime(t time.Time, loc *time.Location) time.Time {
	if Daytime(t, loc) {
		return t
	}
	l := t.In(loc)
	day := time.Date(l.Year(), l.Month(), l.Day(), DayStarts, 0, 0, 0, loc)
	if !l.Before(day) {
		day = time.Date(l.Year(), l.Month(), l.Day()+1, DayStarts, 0, 0, 0, loc)
	}
	return day
}

// Paced is when the i-th message (0-based) of a batch that starts at
// start goes out: CampaignRate a second.
func Paced(start time.Time, i int) time.Time {
	return start.Add(time.Duration(i) * time.Second / CampaignRate)
}

// ClosedAt reports whether s no longer takes answers at now in loc and
// never will again (its closing day is past).
func (s *Survey) ClosedAt(now time.Time, loc *time.Location) bool {
	if loc == nil {
		loc = time.UTC
	}
	return !s.Closes.IsZero() && !now.Before(s.Closes.Start(loc).AddDate(0, 0, 1))
}

// Campaign is a survey's campaign at one university.
type Campaign struct {
	Survey     string `json:"survey"`
	University string `json:"university"`
	// Seq numbers the campaign, for the markers of its steps.
	Seq uint64 `json:"seq"`
	// By started it (a coordinator or an admin): the final count goes to
	// their private chat.
	By int64 `json:"by"`
	// Lang is the language they started it in, for the final count.
	Lang    string    `json:"lang"`
	Started time.Time `json:"started"`
	// Invited is how many people were invited; Blocked how many of the
	// audience could not be (they blocked the bot) and were not.
	Invited int `json:"invited"`
	Blocked int `json:"blocked"`
	// Inviting: invitations go out in batches, the audience read in the
	// order of their ids; Cursor is the last id read, Batches how many
	// batches went out.
	Inviting bool  `json:"inviting,omitempty"`
	Cursor   int64 `json:"cursor,omitempty"`
	Batches  int   `json:"batches,omitempty"`
	// BatchAt is when the latest batch starts going out (paced from
	// there); NextBatch when it has, and the next may be queued.
	BatchAt   time.Time `json:"batch_at,omitzero"`
	NextBatch time.Time `json:"next_batch,omitzero"`
	// Reminders is how many rounds of reminders went out; Next is when
	// the next round may.
	Reminders int       `json:"reminders"`
	Next      time.Time `json:"next"`
	// Closed is set once the survey closed and the final count and the
	// results were sent.
	Closed bool `json:"closed,omitempty"`
	// CloseAsked is when a coordinator closed the campaign by hand,
	// before its survey's close day (or at a survey with none): from then
	// its university answers no more, and the close runs as on that day.
	CloseAsked time.Time `json:"close_asked,omitzero"`
}

// ClosedAt reports whether campaign c of survey s is closed at now (the
// survey's days read in loc): the survey's close day passed, or a
// coordinator closed the campaign by hand.
func (c Campaign) ClosedAt(s *Survey, now time.Time, loc *time.Location) bool {
	return s.ClosedAt(now, loc) || (!c.CloseAsked.IsZero() && !now.Before(c.CloseAsked))
}

// Invitee is one person of a campaign's audience and where they
// stand.
type Invitee struct {
	User aulabot.User
	// Started: they have a response (an answer or a skip); Completed:
	// every question shown to them is answered or skipped.
	Started, Completed bool
	// Unreachable: they blocked the bot; nothing more is sent to them.
	Unreachable bool
}
