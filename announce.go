package aulabot

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Audiences of an announcement. AudiencePending is the people who started
// /start and have not chosen a role yet (so they are no User: only their
// onboarding conversation is stored, OnboardFlow).
const (
	AudienceTeachers = "teachers"
	AudienceStudents = "students"
	AudienceAll      = "all"
	AudiencePending  = "pending"
)

// OnboardFlow is the name of /start's conversation flow (the service
// declares its steps and data).
const OnboardFlow = "onboard"

// Campaign states.
const (
	CampaignScheduled = "scheduled" // waits for At
	CampaignRunning   = "running"
	CampaignDone      = "done"
	CampaignCancelled = "cancelled"
)

// BulkLane is the outbox lane of announcements in a person's private
// chat, so that an announcement never holds the chat's other messages.
const BulkLane = "bulk"

// Campaign is one announcement: a message sent to everyone in an audience,
// one recipient record each (queued, then sent, blocked or failed).
type Campaign struct {
	ID uint64 `json:"id"`
	// Number is what people read an announcement by ("Announcement 3"),
	// counted over announcements alone: the ids go to every campaign, a
	// training's invitations and a correction's edits too, so they skip.
	// Another domain's campaign (Owner set) has none.
	Number uint64 `json:"n,omitempty"`
	// University is whose people hear it; "" is every university (admins).
	University string `json:"uni,omitempty"`
	Audience   string `json:"aud"`
	// Message is what each recipient gets (ChatID filled in per person).
	Message Message   `json:"msg"`
	By      int64     `json:"by"`    // who sent it
	Lang    string    `json:"lang"`  // their language, for the progress
	State   string    `json:"state"` // CampaignScheduled ... CampaignCancelled
	At      time.Time `json:"at"`    // when it starts
	Created time.Time `json:"created"`
	Started time.Time `json:"started,omitzero"`
	Ended   time.Time `json:"ended,omitzero"`
	// Progress is when the progress message was last edited.
	Progress time.Time      `json:"progress,omitzero"`
	Counts   CampaignCounts `json:"counts"`
	// Shown are the counts the progress message shows.
	Shown CampaignCounts `json:"shown"`
	// Localized are the message in each language, for a campaign whose
	// text the bot writes (an event's invitations): a recipient whose
	// language has one gets it instead of Message.
	Localized map[string]Message `json:"loc,omitempty"`
	// Owner names another domain's campaign ("event:7"): it has no
	// progress message and no final count of its own.
	Owner string `json:"owner,omitempty"`
	// Ref, if set, names each recipient's message: Ref and the person's
	// id ("evinv:7:" and "123"), so that a later campaign can edit it.
	Ref string `json:"ref,omitempty"`
	// Revises is the campaign whose messages this one edits (0: none):
	// its recipients are those that campaign sent to or was sending to
	// when this one started, and each one's message edits theirs, named
	// by Ref (one Telegram no longer has is sent anew).
	Revises uint64 `json:"revises,omitempty"`
	// Revision is the latest campaign that revises this one (0: none).
	Revision uint64 `json:"revision,omitempty"`
}

// CampaignCounts are a campaign's recipients by state.
type CampaignCounts struct {
	Total     int `json:"total"`
	Queued    int `json:"queued"`    // not handed to the outbox yet
	Sending   int `json:"sending"`   // in the outbox
	Sent      int `json:"sent"`      // Telegram took it
	Blocked   int `json:"blocked"`   // the person blocked the bot (403), now or before
	Failed    int `json:"failed"`    // refused or failed past the retries
	Cancelled int `json:"cancelled"` // left unsent by /announce cancel
	Erased    int `json:"erased"`    // the person deleted their data meanwhile
}

// Left is how many recipients have no outcome yet.
func (n CampaignCounts) Left() int { return n.Queued + n.Sending }

// Active reports whether the campaign is scheduled or running.
func (c Campaign) Active() bool { return c.State == CampaignScheduled || c.State == CampaignRunning }

// Includes reports whether u is in the campaign's audience: onboarded, of
// its university (any for ""), with the audience's role.
func (c Campaign) Includes(u User) bool { return InAudience(u, c.University, c.Audience) }

// InAudience reports whether u is in audience aud of university uni (""
// is every university): onboarded, of the university, with the
// audience's role. AudienceAll is teachers and students, as its button
// says: not the staff (technicians, mentors, coordinators, admins), whom
// "Teachers and students" reached until 5 December (seen in the sandbox,
// the coordinator who sent it included).
func InAudience(u User, uni, aud string) bool {
	if !u.Onboarded() || (uni != "" && u.University != uni) {
		return false
	}
	switch aud {
	case AudienceTeachers:
		return u.Role == RoleTeacher
	case AudienceStudents:
		return u.Role == RoleStudent
	case AudienceAll:
		return u.Role == RoleTeacher || u.Role == RoleStudent
	}
	return false
}

// MaxLinkLen bounds a link people give the bot (an announcement's button,
// a training's), far above any real address.
const MaxLinkLen = 2000

// hostFirst matches text that starts with a host name, without a scheme:
// "zoom.us/j/123", "meet.google.com/abc-defg-hij", "www.uni.edu:8080/x".
var hostFirst = regexp.MustCompile(`(?i)^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(:[0-9]{1,5})?([/?#]|$)`)

// TypedLink is s as people paste or type a link, trimmed, with https://
// before it when it starts with a host name and no scheme, as a browser's
// address bar reads "zoom.us/j/123". The caller checks the result as a
// link (HTTPLink): anything else is left for it to refuse.
func TypedLink(s string) string {
	s = strings.TrimSpace(s)
	if hostFirst.MatchString(s) {
		return "https://" + s
	}
	return s
}

// HTTPLink returns s as a link if it is one the bot may put on a button:
// http or https with a host, valid UTF-8, at most MaxLinkLen bytes.
func HTTPLink(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s) > MaxLinkLen || !utf8.ValidString(s) {
		return "", false
	}
	return u.String(), true
}
