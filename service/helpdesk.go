package service

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// Helpdesk is how technical problems reach a university's technical team
// and are worked: a person reports one (FlowReport), the ticket is posted
// to the team's group, a member claims it, the two sides write to each
// other through the bot, the team resolves it, and the requester rates,
// reopens or closes it. Unclaimed tickets remind the team and then the
// coordinators (SLA jobs); a resolved ticket nobody rates closes itself.
//
// The team-side texts are in the configuration's language (a group has no
// language of its own); the requester's in the ticket's.
type Helpdesk struct {
	Config *aulabot.Config
	Cat    *i18n.Catalog
	// Buttons encodes the buttons of the messages the helpdesk sends to
	// other people (the post's Claim, the requester's Reply): the
	// handlers' codec, set by handlers.New.
	Buttons HelpdeskButtons

	// messages counts each person's messages to each ticket
	// (helpdesk_limits.go).
	messages messageLimiter
}

// HelpdeskButtons encodes the buttons the helpdesk puts on its messages to
// other people; handlers/helpdesk_buttons.go implements it.
type HelpdeskButtons interface {
	Claim(id string) string
	Unclaim(id string) string
	Resolve(id string) string
	Reply(id string) string
	Rate(id string, stars int) string
	Reopen(id string) string
	// TeamAnswer is Answer on a ticket's view (View), TeamArticle its
	// Send an article.
	TeamAnswer(id string) string
	TeamArticle(id string) string
	// View shows the ticket to a member of its team (or coordinator).
	View(id string) string
	// Solved is the requester's "That solved it" under an answer of the
	// team.
	Solved(id string) string
	// Pass lists the colleagues a ticket may be passed to (Colleagues).
	Pass(id string) string
}

// HelpdeskTx is what the helpdesk needs of the update's transaction: the
// tickets (store/ticket*.go), durable jobs (store/timer.go), refs and the
// outbox.
type HelpdeskTx interface {
	Now() time.Time
	User(id int64) (aulabot.User, bool, error)
	Enqueue(m aulabot.Message) (uint64, error)
	Count(name string, n int64) error
	MessageRef(chat int64, messageID int) (string, bool)
	Ref(ref string) (chat int64, messageID int, ok bool)
	AddRefCopy(ref string, chat int64, messageID int) error
	ReviseQueued(chat int64, lane string, revise func(m *aulabot.Message) bool) (int, error)
	Schedule(j aulabot.Job) error
	CancelJobs(prefix string) (int, error)
	ScheduledJob(key string) (aulabot.Job, bool, error)
	DueJobs(limit int) ([]aulabot.Job, error)
	DueJobsBy(at time.Time, limit int) ([]aulabot.Job, error)
	TakeJob(key string, id uint64) (bool, error)

	CreateTicket(t aulabot.Ticket, maxOpen int) (aulabot.Ticket, error)
	// TicketsWorkedBy: a member's own figures (own.go).
	TicketsWorkedBy(member int64, fn func(aulabot.Ticket) error) error
	OpenTicketsOf(user int64) int
	ActiveTicketsOf(user int64) []string
	Ticket(id string) (aulabot.Ticket, bool, error)
	ClaimTicket(id string, by int64, name string) (aulabot.Ticket, error)
	UnclaimTicket(id string, by int64, force bool) (aulabot.Ticket, error)
	PassTicket(id string, by int64, force bool, to int64, name string) (aulabot.Ticket, error)
	ResolveTicket(id string, by int64, name string) (aulabot.Ticket, error)
	CloseTicket(id string, by int64, note string) (aulabot.Ticket, error)
	ResolveByRequester(id string, by int64) (aulabot.Ticket, error)
	ReopenTicket(id string, by int64) (aulabot.Ticket, error)
	RateTicket(id string, by int64, rating int) (aulabot.Ticket, error)
	NoteRating(id string, by int64, note string) (aulabot.Ticket, error)
	AddTicketMessage(id string, m aulabot.TicketMessage) (aulabot.Ticket, aulabot.TicketMessage, error)
	TicketMessages(id string) ([]aulabot.TicketMessage, error)
	TicketMessage(id string, n int) (aulabot.TicketMessage, bool, error)
	EditTicketMessage(id string, n int, text string) (aulabot.Ticket, aulabot.TicketMessage, error)
	EditTicketDescription(id string, text string) (aulabot.Ticket, error)
	ReplaceTicketFile(id string, n int, chat int64, msg int, f aulabot.File) (aulabot.Ticket, int, error)
	TicketsOf(user int64) ([]aulabot.Ticket, error)
	ActiveTickets(university string, limit int) ([]aulabot.Ticket, int, error)
	ActiveTicketsOwnedBy(owner int64) ([]aulabot.Ticket, error)
	UnclaimedTickets(university string, limit int) ([]aulabot.Ticket, int, error)
	OwnedTicketCount(owner int64, in func(university string) bool) int
	EraseTicketsOf(user int64) ([]string, error)
	EraseStaffPart(user int64, most int) (changed []aulabot.Ticket, reopened []string, msgs []aulabot.TicketMessage, more bool, err error)
}

// The helpdesk's flows. FlowReport is reporting a problem: the category,
// then the description (with attachments), then, when the knowledge base
// answered the description, whether that solved it. FlowTicketReply is
// the requester writing to the team after pressing Reply; FlowRatingNote
// the requester explaining a rating. The names are those states were
// stored under before the flows were declared, and the data keeps the
// same JSON: a state stored by the previous version reads alike.
var (
	FlowReport      = aulabot.Flow[Report]{Name: "ticket"}
	FlowTicketReply = aulabot.Flow[OnTicket]{Name: "tkreply"}
	FlowRatingNote  = aulabot.Flow[OnTicket]{Name: "tkwhy"}
)

// The steps of FlowReport: what each waits for.
const (
	ReportCategory    = "cat"  // a category button
	ReportDescription = "desc" // attachments, then the description
	ReportKB          = "kb"   // "That solved it" or "I still need help"
)

// The step of FlowTicketReply and FlowRatingNote: a text.
const TicketText = ""

// Report is what FlowReport keeps.
type Report struct {
	Category    string      `json:"cat,omitempty"`   // from ReportDescription on
	Description string      `json:"desc,omitempty"`  // at ReportKB
	Files       Attachments `json:"files,omitempty"` // sent before the description
	Source      int         `json:"src,omitempty"`   // the message of the description
	// Said are the words that started the report when they name what
	// fails ("quiero reportar un problema con zoom", "/problem zoom no
	// abre"): they go before the description.
	Said string `json:"said,omitempty"`
	// Album is the album the first file came in: its other parts join
	// without a word (the first's answer said "your files").
	Album string `json:"album,omitempty"`
	// Suggested is the title of the knowledge base's answer the person
	// saw at ReportKB and found not enough ("I still need help").
	Suggested string `json:"suggested,omitempty"`
	// Question is the knowledge-base question the report is made of (🛠
	// Report to the technical team under its answer), 0 for none: it
	// records the ticket (Questions.Reported).
	Question uint64 `json:"q,omitempty"`
}

// OnTicket is what FlowTicketReply and FlowRatingNote keep: the ticket,
// and, once a reply went as the first part of an album, the album: its
// other parts go too (Telegram sends each as a message of its own).
type OnTicket struct {
	Ticket string `json:"id"`
	Album  string `json:"album,omitempty"`
}

// AlbumTail reports whether st only waits for the rest of an album sent
// as a reply (by the requester, or by a team member after Answer):
// nothing the person was asked, so it ends without a word.
func AlbumTail(st aulabot.State) bool {
	d, ok := FlowTicketReply.Data(st)
	if !ok {
		d, ok = FlowTeamReply.Data(st)
	}
	return ok && d.Album != ""
}

// Attachments are a report's files. The previous version kept them as
// JSON inside a string; both forms read.
type Attachments []aulabot.TicketFile

// UnmarshalJSON reads a list, or a string holding one (states stored by
// the previous version).
func (a *Attachments) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		if s == "" {
			*a = nil
			return nil
		}
		b = []byte(s)
	}
	return json.Unmarshal(b, (*[]aulabot.TicketFile)(a))
}

// The key and ref formats of the helpdesk. Refs name the bot's messages
// about a ticket, so that edits reach them and a reply to one continues
// the conversation: "ticket:UNMA-7" is the post in the team group (a post
// sent twice across a crash has copies under the same ref), "relay:UNMA-7:3"
// message 3 as the requester got it, "tkin:UNMA-7:3" the same message as
// the team got it, "tkin:UNMA-7:3:f0" its first attachment (message 0 is
// the report), "tkin:UNMA-7:ev" the bot's other lines under the post and
// "tkin:UNMA-7:note" the rating note, "tkin:UNMA-7:sent" the notes that a
// team member's message was sent, "tkin:UNMA-7:p3" message 3 written by a
// member privately, as the team group got it, "tkin:UNMA-7:view" the
// ticket's view shown in the group; "tkpv:UNMA-7:42" a
// ticket's view, or the note that a message was sent, in a member's
// private chat (update 42's), where a reply to it reaches the requester.
// Jobs are "tksla:UNMA-7:KIND" (claim reminder, escalation) and
// "tkclose:UNMA-7" (automatic close).
const (
	refPost    = "ticket:"
	refRelay   = "relay:"
	refIn      = "tkin:"
	refPrivate = "tkpv:"
)

// TeamPrivateRef names a message about ticket id to a team member in
// their private chat, sent for update: a reply to it is written to the
// requester.
func TeamPrivateRef(id string, update int64) string {
	return fmt.Sprintf("%s%s:%d", refPrivate, id, update)
}

// TeamGroupViewRef names ticket id's view shown in its team group (every
// one shown there): a reply to it reaches the requester, as a reply to
// the post does, and its buttons are not taken for the post's.
func TeamGroupViewRef(id string) string { return refIn + id + ":view" }

// TeamGroupPassRef names the list of colleagues ticket id may be passed
// to, shown in its team group: its buttons are not taken for the post's,
// and a reply to it is the team's talk.
func TeamGroupPassRef(id string) string { return "tkpass:" + id }

// PostRef names ticket id's post in its team group.
func PostRef(id string) string { return refPost + id }

func relayRef(id string, n int) string { return fmt.Sprintf("%s%s:%d", refRelay, id, n) }
func inRef(id string, n int) string    { return fmt.Sprintf("%s%s:%d", refIn, id, n) }
func fileRef(ref string, i int) string { return fmt.Sprintf("%s:f%d", ref, i) }
func eventRef(id string) string        { return refIn + id + ":ev" }
func noteRef(id string) string         { return refIn + id + ":note" }
func sentRef(id string) string         { return refIn + id + ":sent" }
func slaPrefix(id string) string       { return "tksla:" + id + ":" }
func closeKey(id string) string        { return "tkclose:" + id }

// privateRef names the team group's copy of team message n of ticket id,
// written from a private chat (Helpdesk.privateCopy).
func privateRef(id string, n int) string { return fmt.Sprintf("%s%s:p%d", refIn, id, n) }

// heardRef names the words heard in the round video sent under ref: a
// message of their own, since a round video has no caption.
func heardRef(ref string) string { return ref + ":heard" }

// refTicket returns the ticket a ref names and whether it is the team
// side (the post or a message threaded under it).
func refTicket(ref string) (id string, team, ok bool) {
	for _, p := range []struct {
		prefix string
		team   bool
	}{{refPost, true}, {refIn, true}, {refPrivate, true}, {refRelay, false}} {
		if rest, found := strings.CutPrefix(ref, p.prefix); found {
			id, _, _ = strings.Cut(rest, ":")
			return id, p.team, true
		}
	}
	return "", false, false
}

// The helpdesk's anonymous counters.
const (
	avoidedCounter = "ticket:avoided_by_kb"
	// MessageLimitCounter counts the messages refused by the limit of
	// messages per person and ticket.
	MessageLimitCounter = "limit:ticket_messages"
)

func escalatedCounter(university string) string { return "ticket_escalated:" + university }

// TicketsCounter counts the tickets of a university by category, and
// RatingCounter the ratings of its tickets by stars (the demo data in
// cmd/aulabot counts its tickets with them).
func TicketsCounter(university, category string) string {
	return "tickets:" + university + ":" + category
}

func RatingCounter(university string, stars int) string {
	return fmt.Sprintf("ticket_rating:%s:%d", university, stars)
}

// maxName is how many characters of a person's name the helpdesk shows
// on one line (Telegram allows 64 for each of first and last name).
const maxName = 48

// MemberName is a name a ticket shows for a person (its owner, the author
// of a message), shortened, in lang: "(data deleted)" for one whose data
// was deleted.
func (s *Helpdesk) MemberName(lang, name string) string {
	if name = aulabot.CleanText(name); name == "" {
		return s.Cat.T(lang, "person.deleted")
	}
	return ShortName(name)
}

// MemberNamed is MemberName for the member of staff with id member, as
// the bot knows them.
func (s *Helpdesk) MemberNamed(tx HelpdeskTx, lang string, member int64) (string, error) {
	u, _, err := tx.User(member)
	return s.MemberName(lang, u.Name), err
}

// ShortName shortens a name for a line of a list or a header.
func ShortName(s string) string {
	if r := []rune(s); len(r) > maxName {
		return string(r[:maxName-1]) + "…"
	}
	return s
}

// clip shortens an id a person typed before it is echoed.
func clip(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// Age renders a duration in lang as minutes, hours or days.
func (s *Helpdesk) Age(lang string, d time.Duration) string {
	switch {
	case d < time.Hour: // a ticket of a few seconds is "1 min" old: "0 min ago" reads as a fault
		return s.Cat.T(lang, "ticket.age_min", "n", max(1, int(d.Minutes())))
	case d < 48*time.Hour:
		return s.Cat.T(lang, "ticket.age_hours", "n", int(d.Hours()))
	}
	return s.Cat.T(lang, "ticket.age_days", "n", int(d.Hours()/24))
}

// notFound is the answer for a ticket that does not exist or is not the
// person's to see: the two read alike, so ids cannot be probed.
func notFound(id string) error {
	return aulabot.Errorf(aulabot.ENOTFOUND, "ticket.err_not_found", "id", clip(id))
}

// enqueue stores msgs in the outbox.
func enqueue(tx HelpdeskTx, msgs ...aulabot.Message) error {
	for _, m := range msgs {
		if _, err := tx.Enqueue(m); err != nil {
			return err
		}
	}
	return nil
}
