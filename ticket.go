package aulabot

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// TicketState is where a technical problem report is in its life:
// open → claimed → resolved → closed, with unclaim (claimed → open) and
// reopen (resolved or closed → open).
type TicketState string

// Ticket states.
const (
	TicketOpen     TicketState = "open"
	TicketClaimed  TicketState = "claimed"
	TicketResolved TicketState = "resolved"
	TicketClosed   TicketState = "closed"
)

// Ticket categories, as the requester picks them.
const (
	CategoryLMS     = "lms"     // LMS access
	CategoryUpload  = "upload"  // submitting or uploading
	CategoryVideo   = "video"   // video conference
	CategoryContent = "content" // course content
	CategoryOther   = "other"
)

// Categories lists the ticket categories in the order they are offered.
var Categories = []string{CategoryLMS, CategoryUpload, CategoryVideo, CategoryContent, CategoryOther}

// ValidCategory reports whether c is one of Categories.
func ValidCategory(c string) bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// MaxDescription is the longest ticket description or ticket message, in
// characters as Telegram counts them (UTF-16 code units: an emoji outside
// the basic plane counts twice), so that a post or a relay carrying one
// fits in a Telegram message.
const MaxDescription = 3000

// MaxAttachments is how many files one ticket message may carry.
const MaxAttachments = 5

// ReopenWindow is how long after being resolved or closed a ticket may be
// reopened by its requester.
const ReopenWindow = 7 * 24 * time.Hour

// AutoClose is how long a resolved ticket waits for the requester's
// confirmation before it is closed.
const AutoClose = 3 * 24 * time.Hour

// Ticket is one technical problem reported by a teacher or student to the
// technical team of their university. ID is "UNMA-7": the university id in
// capitals and a number that counts up from 1 in each university.
type Ticket struct {
	ID            string       `json:"id"`
	University    string       `json:"uni"`
	Number        int          `json:"n"`
	Requester     int64        `json:"req"` // 0 once the requester deleted their data
	RequesterName string       `json:"reqname,omitempty"`
	RequesterRole string       `json:"reqrole,omitempty"`
	Lang          string       `json:"lang,omitempty"` // the requester's language
	Category      string       `json:"cat"`
	Description   string       `json:"desc"`
	Files         []TicketFile `json:"files,omitempty"`
	State         TicketState  `json:"state"`
	Owner         int64        `json:"owner,omitempty"`
	OwnerName     string       `json:"ownername,omitempty"`
	Created       time.Time    `json:"created"`
	Updated       time.Time    `json:"updated"`
	ResolvedAt    time.Time    `json:"resolved,omitzero"`
	ClosedAt      time.Time    `json:"closed,omitzero"`
	Rating        int          `json:"rating,omitempty"` // 1-5, 0 = not rated
	RatingNote    string       `json:"ratingnote,omitempty"`
	// Messages is how many messages the conversation between team and
	// requester has; they are stored apart (store: TicketMessages).
	Messages int `json:"nmsgs,omitempty"`
	// Erased is set once the requester deleted their data: the name,
	// description, files and rating note are gone, and so are the texts
	// and files of the requester's messages.
	Erased bool `json:"erased,omitempty"`
	// Audit is append-only: one entry per state transition.
	Audit []AuditEntry `json:"audit,omitempty"`
	// Source is the requester's message that described it, to carry an
	// edit of it to the post; DescriptionEdited is when it was last edited.
	Source            int       `json:"src,omitempty"`
	DescriptionEdited time.Time `json:"descedited,omitzero"`
	// Opening are the words that started the report ("quiero reportar un
	// problema con zoom"), at the start of Description: an edit of the
	// description keeps them. Erased with the description.
	Opening string `json:"opening,omitempty"`
	// Suggested is the title of the article the bot offered for the
	// description before the ticket was filed, which did not solve it:
	// the team need not send it again. Erased with the description.
	Suggested string `json:"suggested,omitempty"`
}

// Active reports whether the team still has work on the ticket.
func (t Ticket) Active() bool { return t.State == TicketOpen || t.State == TicketClaimed }

// TicketStateError is the refusal of what t's state no longer allows:
// ECONFLICT with the catalogue's sentence for that state
// (ticket.err_state_open, _claimed, _resolved, _closed), so that nobody
// reads the state's code word in a sentence ("UNMA-4 está resolved",
// seen in the sandbox).
func TicketStateError(t Ticket) error {
	return Errorf(ECONFLICT, "ticket.err_state_"+string(t.State), "id", t.ID)
}

// TicketFile is an attachment a user sent: the file and the message it came
// in, so that it can be copied to another chat.
type TicketFile struct {
	File      File  `json:"file"`
	ChatID    int64 `json:"chat"`
	MessageID int   `json:"msg"`
}

// FileIndex returns the index of the file among files that was sent as
// message msg in chat; -1 if none (a message id 0 is none).
func FileIndex(files []TicketFile, chat int64, msg int) int {
	if msg == 0 {
		return -1
	}
	return slices.IndexFunc(files, func(f TicketFile) bool { return f.ChatID == chat && f.MessageID == msg })
}

// TicketMessage is one message of a ticket's conversation: message N
// (1, 2, ...) of ticket Ticket.
type TicketMessage struct {
	Ticket   string       `json:"ticket,omitempty"`
	N        int          `json:"n,omitempty"`
	At       time.Time    `json:"at"`
	From     int64        `json:"from"`
	FromName string       `json:"fromname,omitempty"`
	Team     bool         `json:"team,omitempty"` // from the technical team, else from the requester
	Text     string       `json:"text,omitempty"`
	Files    []TicketFile `json:"files,omitempty"`
	// Erased is set on the requester's messages once they deleted their
	// data: text and files are gone.
	Erased bool `json:"erased,omitempty"`
	// Source is the sender's message it came from, in their chat (the
	// requester's private chat or the team group), to carry an edit of it
	// to the other side; Edited is when it was last edited.
	Source int       `json:"src,omitempty"`
	Edited time.Time `json:"edited,omitzero"`
	// Album is the album the message was a part of: its parts are one
	// reply (a view shows them as one message).
	Album string `json:"album,omitempty"`
}

// AuditEntry records one state transition of a ticket: who, when, from
// which state to which.
type AuditEntry struct {
	At   time.Time   `json:"at"`
	By   int64       `json:"by"`
	From TicketState `json:"from,omitempty"`
	To   TicketState `json:"to"`
	Note string      `json:"note,omitempty"`
}

// NoteSolved is the audit note of a resolution by the requester's "✅
// That solved it" under an answer of the team (its words, a file, an
// article): the report counts those, and never as a claim.
const NoteSolved = "solved"

// NotePassed is the audit note of a ticket given to a member of the team
// by someone else (its owner passing it on, a coordinator): the entry's
// By gave it, the ticket's owner after it took it.
const NotePassed = "passed"

// TicketID formats the id of ticket n of a university: "UNMA-7".
func TicketID(university string, n int) string {
	return strings.ToUpper(university) + "-" + strconv.Itoa(n)
}

// ParseTicketID splits "UNMA-7" (any case, surrounding space ignored, an
// optional leading '#') into the university id "unma" and 7. It does not
// check that the university exists.
func ParseTicketID(s string) (university string, n int, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	i := strings.LastIndexByte(s, '-')
	if i < 2 || i > 16 || len(s)-i-1 < 1 || len(s)-i-1 > 9 {
		return "", 0, false
	}
	uni := strings.ToLower(s[:i])
	if !universityIDRE.MatchString(uni) {
		return "", 0, false
	}
	for _, r := range s[i+1:] {
		if r < '0' || r > '9' {
			return "", 0, false
		}
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 1 {
		return "", 0, false
	}
	return uni, n, true
}

// ValidTicketText checks a ticket description or message: not empty, at
// most MaxDescription characters (ticket.err_empty, ticket.err_too_long).
func ValidTicketText(s string) error {
	if strings.TrimSpace(s) == "" {
		return Errorf(EINVALID, "ticket.err_empty")
	}
	if len(s) > MaxDescription*4 || utf16Len(s) > MaxDescription {
		return Errorf(EINVALID, "ticket.err_too_long", "max", MaxDescription)
	}
	return nil
}

// utf16Len counts s in UTF-16 code units, as Telegram counts lengths.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// StaffEraseKey is the key of the job that erases member of staff user
// from the tickets they worked, a part at a time, after their deletion's
// first part (a member who worked thousands took a quarter of a second in
// one transaction, every chat's commit waiting): while it is scheduled,
// DeleteUserData leaves those tickets to it.
func StaffEraseKey(user int64) string { return "stafferase:" + strconv.FormatInt(user, 10) }
