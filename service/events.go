package service

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// Events are live training events: a coordinator creates one (FlowEvent:
// title, time, link, audience, capacity), its invitations go to the
// audience as a campaign paced like announcements, each person answers
// I'll attend or Not this time (the capacity holds however many answer
// at once: the answer and the count are one transaction), those attending
// get a reminder with the link an hour before, and an hour after it the
// coordinator gets the figures.
type Events struct {
	Config *aulabot.Config
	Cat    *i18n.Catalog
	// Buttons encodes the answer buttons of the invitations: the
	// handlers' codec, set by handlers.New.
	Buttons EventButtons
}

// EventButtons encodes the buttons the events service puts on its
// messages to other people; handlers/event_buttons.go implements it.
type EventButtons interface {
	Answer(event uint64, attend bool) string
	// Feedback is said after the event: aulabot.EventMissed, or 1 to 5
	// stars.
	Feedback(event uint64, feedback int) string
	// ChangeFeedback changes what was said after the event.
	ChangeFeedback(event uint64, feedback int) string
	// Comments shows its organisers what was written after it.
	Comments(event uint64) string
	// MessageMissed writes to those who said after it that they could
	// not come.
	MessageMissed(event uint64) string
}

// EventsTx is what events need of the update's transaction: the events
// (store/event.go), campaigns (store/announce.go), jobs and the outbox.
type EventsTx interface {
	Now() time.Time
	User(id int64) (aulabot.User, bool, error)
	Enqueue(m aulabot.Message) (uint64, error)
	Schedule(j aulabot.Job) error

	AudienceSize(c aulabot.Campaign) (int, error)
	CreateCampaign(c aulabot.Campaign) (aulabot.Campaign, error)
	CancelCampaign(id uint64) (aulabot.Campaign, error)
	ReviseCampaign(id uint64, c aulabot.Campaign) (aulabot.Campaign, error)
	Campaign(id uint64) (aulabot.Campaign, bool, error)
	PutCampaign(c aulabot.Campaign) error
	CancelJob(key string) (bool, error)

	CreateEvent(e aulabot.Event) (aulabot.Event, error)
	Event(id uint64) (aulabot.Event, bool, error)
	PutEvent(e aulabot.Event) error
	EventsEndingAfter(t time.Time) ([]aulabot.Event, error)
	AnsweredEvents(user int64) []uint64
	EventAnswer(id uint64, user int64) string
	SetEventAnswer(id uint64, user int64, answer string) error
	EventAttendees(id uint64) ([]int64, error)
	EventWaitlist(id uint64) ([]int64, error)
	Recipient(id uint64, user int64) string
	EventFeedback(id uint64, user int64) (int, bool)
	SetEventFeedback(id uint64, user int64, feedback int) error
	EventComment(id uint64, user int64) string
	SetEventComment(id uint64, user int64, text string) error
	EventComments(id uint64) []aulabot.EventComment
	PutRef(name string, chat int64, messageID int) error
	Ref(name string) (chat int64, messageID int, ok bool)
}

// FlowEvent is creating an event. Its steps, in order; EventUniversity
// only for someone who may create events for more than one university.
var FlowEvent = aulabot.Flow[EventDraft]{Name: "event"}

const (
	EventUniversity = "uni"     // a university button
	EventTitle      = "title"   // the title
	EventWhen       = "when"    // "YYYY-MM-DD HH:MM", the university's time
	EventLength     = "len"     // a length button, or a length typed
	EventLink       = "link"    // the http(s) link to join
	EventAudience   = "aud"     // an audience button
	EventCapacity   = "cap"     // a number, or the No limit button
	EventConfirm    = "confirm" // Create or Discard
)

// EventDraft is what FlowEvent keeps.
type EventDraft struct {
	University string    `json:"uni,omitempty"`
	Title      string    `json:"title,omitempty"`
	At         time.Time `json:"at,omitzero"`
	Link       string    `json:"link,omitempty"`
	Audience   string    `json:"aud,omitempty"`
	Capacity   int       `json:"cap,omitempty"`
	Minutes    int       `json:"min,omitempty"`
	// Said and SaidWhen are the title and the day's words the request
	// said ("crea una formación sobre rúbricas el jueves a las 5"), kept
	// while the university is asked: taken once it is chosen.
	Said     string `json:"said,omitempty"`
	SaidWhen string `json:"said_when,omitempty"`
}

// Limits of an event's fields.
const (
	MaxEventTitle    = 120
	MaxEventCapacity = 10000
)

// The key formats of events: the jobs "evrem:7" (the reminder) and
// "evsum:7" (the figures), the reminders' outbox keys "evrem:7:USER"
// (reminderKey), the cancellation notices' "evcx:7:USER", the change
// notices' "evch:7:N:USER" (changeKey), the invitations' campaign
// owner "event:7" and their refs "evinv:7:USER" (inviteRef), the job
// "evfb:7" at its end that asks those who had a place how it went, and
// its messages "evfb:7:USER".
const (
	JobEventRemind   = "event_remind"
	JobEventFeedback = "event_feedback"
	JobEventSummary  = "event_summary"
)

func remindKey(id uint64) string   { return fmt.Sprintf("evrem:%d", id) }
func summaryKey(id uint64) string  { return fmt.Sprintf("evsum:%d", id) }
func feedbackKey(id uint64) string { return fmt.Sprintf("evfb:%d", id) }
func eventOwner(id uint64) string  { return fmt.Sprintf("event:%d", id) }
func cancelKey(id uint64) string   { return fmt.Sprintf("evcx:%d", id) }
func inviteRef(id uint64) string   { return fmt.Sprintf("evinv:%d:", id) }

// waitRef names the message that told user they wait for a place at
// event id ("⏳ You are on the waitlist…", with its button to leave it),
// so that the place's coming edits it.
func waitRef(id uint64, user int64) string { return fmt.Sprintf("evwait:%d:%d", id, user) }

// EventRemindBefore is how long before an event those attending are
// reminded; EventSummaryAfter how long after its end the coordinator
// gets the figures, with what those who had a place said of it (asked at
// its end: a day to answer).
const (
	EventRemindBefore = time.Hour
	EventSummaryAfter = 24 * time.Hour
)

// StartDraft begins FlowEvent for someone who may create events for unis.
func (s *Events) StartDraft(unis []string) aulabot.State {
	return s.StartSaid(unis, "", "")
}

// StartSaid is StartDraft for a request that said the title (and the
// day's words, when): with several universities they wait in the draft
// for the one chosen (EventDraft.Said).
func (s *Events) StartSaid(unis []string, title, when string) aulabot.State {
	if len(unis) == 1 {
		return FlowEvent.At(EventTitle, EventDraft{University: unis[0]})
	}
	return FlowEvent.At(EventUniversity, EventDraft{Said: title, SaidWhen: when})
}

// draft reads st at step, or answers that the button or text is stale.
func draft(st aulabot.State, step string) (EventDraft, error) {
	d, ok := FlowEvent.Data(st)
	if !ok || st.Step != step {
		return d, stale()
	}
	return d, nil
}

// ChooseUniversity takes the university button: one of allowed.
func (s *Events) ChooseUniversity(st aulabot.State, uni string, allowed []string) (aulabot.State, error) {
	d, err := draft(st, EventUniversity)
	if err != nil || !slices.Contains(allowed, uni) {
		return st, stale()
	}
	d.University = uni
	d.Said, d.SaidWhen = "", ""
	return FlowEvent.At(EventTitle, d), nil
}

// Title takes the title: not empty, at most MaxEventTitle characters.
func (s *Events) Title(st aulabot.State, text string) (aulabot.State, error) {
	d, err := draft(st, EventTitle)
	if err != nil {
		return st, err
	}
	if d.Title, err = eventTitle(text); err != nil {
		return st, err
	}
	return FlowEvent.At(EventWhen, d), nil
}

func eventTitle(text string) (string, error) {
	title := strings.Join(strings.Fields(aulabot.CleanText(text)), " ")
	if title == "" {
		return "", aulabot.Errorf(aulabot.EINVALID, "event.err_title")
	}
	if n := utf8.RuneCountInString(title); n > MaxEventTitle {
		return "", aulabot.Errorf(aulabot.EINVALID, "event.err_title_long", "count", n, "max", MaxEventTitle)
	}
	return title, nil
}

// When takes the time, a typed day and time (aulabot.TypedWhen) in the
// university's zone: a time that has passed is refused.
func (s *Events) When(tx EventsTx, st aulabot.State, text string) (aulabot.State, error) {
	d, err := draft(st, EventWhen)
	if err != nil {
		return st, err
	}
	if d.At, err = aulabot.TypedWhen(text, tx.Now(), s.Config.Loc(d.University), "event.err_when"); err != nil {
		return st, err
	}
	if !d.At.After(tx.Now()) {
		return st, aulabot.Errorf(aulabot.EINVALID, "event.err_past")
	}
	return FlowEvent.At(EventLength, d), nil
}

// Length takes how long it lasts, a button's minutes or a length typed
// (aulabot.TypedMinutes: "90 min", "1 h 30", "una hora y media"), from
// aulabot.EventMinMinutes to aulabot.EventMaxMinutes.
func (s *Events) Length(st aulabot.State, text string) (aulabot.State, error) {
	d, err := draft(st, EventLength)
	if err != nil {
		return st, err
	}
	n, ok := aulabot.TypedMinutes(text)
	if !ok || n < aulabot.EventMinMinutes || n > aulabot.EventMaxMinutes {
		return st, aulabot.Errorf(aulabot.EINVALID, "event.err_length", "min", aulabot.EventMinMinutes, "max", aulabot.EventMaxMinutes/60)
	}
	d.Minutes = n
	return FlowEvent.At(EventLink, d), nil
}

// Link takes the link to join: http or https with a host.
func (s *Events) Link(st aulabot.State, text string) (aulabot.State, error) {
	d, err := draft(st, EventLink)
	if err != nil {
		return st, err
	}
	if d.Link, err = eventLink(text); err != nil {
		return st, err
	}
	return FlowEvent.At(EventAudience, d), nil
}

func eventLink(text string) (string, error) {
	text = aulabot.TypedLink(text)
	link, ok := aulabot.HTTPLink(text)
	if !ok || strings.ContainsAny(text, " \t\n") {
		return "", aulabot.Errorf(aulabot.EINVALID, "event.err_link")
	}
	return link, nil
}

// Audience takes the audience button and returns how many people it
// has now; an audience with nobody in it is refused.
func (s *Events) Audience(tx EventsTx, st aulabot.State, aud string) (aulabot.State, int, error) {
	d, err := draft(st, EventAudience)
	if err != nil || (aud != aulabot.AudienceTeachers && aud != aulabot.AudienceStudents && aud != aulabot.AudienceAll) {
		return st, 0, stale()
	}
	d.Audience = aud
	n, err := s.audienceSize(tx, d)
	if err != nil {
		return st, 0, err
	}
	return FlowEvent.At(EventCapacity, d), n, nil
}

func (s *Events) audienceSize(tx EventsTx, d EventDraft) (int, error) {
	n, err := tx.AudienceSize(aulabot.Campaign{University: d.University, Audience: d.Audience})
	if err == nil && n == 0 {
		err = aulabot.Errorf(aulabot.EINVALID, "event.err_nobody")
	}
	return n, err
}

// Capacity takes the capacity: a whole number from 1 to
// MaxEventCapacity, or "" (the No limit button) or no limit typed ("sin
// límite", aulabot.TypedNoLimit) for none.
func (s *Events) Capacity(st aulabot.State, text string) (aulabot.State, EventDraft, error) {
	d, err := draft(st, EventCapacity)
	if err != nil {
		return st, d, err
	}
	d.Capacity = 0
	if text = strings.TrimSpace(text); text != "" && !aulabot.TypedNoLimit(text) {
		n, ok := aulabot.TypedCount(text) // "20", "20 personas", "hasta 20 plazas"
		if !ok || n < 1 || n > MaxEventCapacity {
			return st, d, aulabot.Errorf(aulabot.EINVALID, "event.err_capacity", "max", MaxEventCapacity)
		}
		d.Capacity = n
	}
	return FlowEvent.At(EventConfirm, d), d, nil
}

// EventCreated is what Create did.
type EventCreated struct {
	Event aulabot.Event
}

// Create stores the draft as an event, by who in their language lang:
// the invitations start at once (a campaign, in each person's language),
// the reminder and the figures are scheduled. Every field is checked
// again (time may have passed, people may have left the audience while
// the draft waited): a bad one creates nothing.
func (s *Events) Create(tx EventsTx, st aulabot.State, by int64, lang string) (EventCreated, error) {
	d, err := draft(st, EventConfirm)
	if err != nil {
		return EventCreated{}, err
	}
	if d.Title, err = eventTitle(d.Title); err != nil {
		return EventCreated{}, err
	}
	if d.Link, err = eventLink(d.Link); err != nil {
		return EventCreated{}, err
	}
	now := tx.Now()
	if !d.At.After(now) {
		return EventCreated{}, aulabot.Errorf(aulabot.EINVALID, "event.err_past")
	}
	if _, err := s.audienceSize(tx, d); err != nil {
		return EventCreated{}, err
	}
	e, err := tx.CreateEvent(aulabot.Event{University: d.University, Audience: d.Audience, Title: d.Title, At: d.At,
		Link: d.Link, Capacity: d.Capacity, Minutes: d.Minutes, By: by, Lang: lang})
	if err != nil {
		return EventCreated{}, err
	}
	cp := s.invitations(e, now, s.invitation)
	cp.University, cp.Audience, cp.By, cp.Lang = e.University, e.Audience, by, lang
	if cp, err = tx.CreateCampaign(cp); err != nil {
		return EventCreated{}, err
	}
	e.Campaign, e.Counts.Invited = cp.ID, cp.Counts.Total
	if err := tx.PutEvent(e); err != nil {
		return EventCreated{}, err
	}
	return EventCreated{Event: e}, scheduleJobs(tx, e)
}

// scheduleJobs schedules event e's reminder, question at its end and
// figures for its time, replacing those of an earlier time.
func scheduleJobs(tx EventsTx, e aulabot.Event) error {
	for _, j := range []aulabot.Job{
		{Key: remindKey(e.ID), Kind: JobEventRemind, Due: e.At.Add(-EventRemindBefore)},
		{Key: feedbackKey(e.ID), Kind: JobEventFeedback, Due: e.End()},
		{Key: summaryKey(e.ID), Kind: JobEventSummary, Due: e.End().Add(EventSummaryAfter)},
	} {
		j.Data = map[string]string{"event": strconv.FormatUint(e.ID, 10)}
		if err := tx.Schedule(j); err != nil {
			return err
		}
	}
	return nil
}

// WhenText renders an event's time as people say it in lang, in its
// university's zone, and names the zone: "mar 17 mar, 17:00 (hora de Lima)".
func (s *Events) WhenText(lang string, e aulabot.Event) string {
	loc := s.Config.Loc(e.University)
	if e.Minutes > 0 {
		return s.Cat.T(lang, "event.when_until", "date", i18n.When(lang, e.At.In(loc)), "end", e.End().In(loc).Format("15:04"), "zone", i18n.Zone(lang, loc))
	}
	return s.Cat.T(lang, "event.when", "date", i18n.When(lang, e.At.In(loc)), "zone", i18n.Zone(lang, loc))
}

// invitations is a campaign of event e's, running from now, that sends
// message in each person's language (the bot's for those without one),
// each remembered under inviteRef.
func (s *Events) invitations(e aulabot.Event, now time.Time, message func(lang string, e aulabot.Event) aulabot.Message) aulabot.Campaign {
	cp := aulabot.Campaign{Owner: eventOwner(e.ID), Ref: inviteRef(e.ID), State: aulabot.CampaignRunning, At: now, Started: now,
		Localized: map[string]aulabot.Message{}}
	for _, l := range []string{aulabot.LangES, aulabot.LangEN} {
		cp.Localized[l] = message(l, e)
	}
	cp.Message = cp.Localized[s.Config.Language]
	return cp
}

// reviseInvitations brings event e's invitations in line with e as it
// now stands: those not sent yet will be its invitation, and those sent
// are edited into message by a campaign of edits, paced as the
// invitations were (replacing one still running). It returns how many
// will be edited.
func (s *Events) reviseInvitations(tx EventsTx, e aulabot.Event, message func(lang string, e aulabot.Event) aulabot.Message) (int, error) {
	cp, ok, err := tx.Campaign(e.Campaign)
	if err != nil || !ok {
		return 0, err
	}
	pending := s.invitations(e, tx.Now(), s.invitation)
	if cp.Active() {
		cp.Message, cp.Localized = pending.Message, pending.Localized
	}
	// Invitations sent before they were remembered (before 3 December):
	// each one's edit finds no message and goes as a new one.
	cp.Ref = pending.Ref
	if err := tx.PutCampaign(cp); err != nil {
		return 0, err
	}
	fresh := s.invitations(e, tx.Now(), message)
	fresh.University, fresh.Audience, fresh.By, fresh.Lang = e.University, e.Audience, e.By, e.Lang
	fresh, err = tx.ReviseCampaign(e.Campaign, fresh)
	return fresh.Counts.Total, err
}

// invitation is event e's invitation in lang, with the answer buttons.
func (s *Events) invitation(lang string, e aulabot.Event) aulabot.Message {
	text := s.Cat.T(lang, "event.invite", "title", e.Title, "when", s.WhenText(lang, e))
	if e.Capacity > 0 {
		text += "\n" + s.Cat.T(lang, "event.capacity", "n", e.Capacity)
	}
	return aulabot.Message{Text: text, Inline: [][]aulabot.Button{{
		{Text: s.Cat.T(lang, "event.button_attend"), Data: s.Buttons.Answer(e.ID, true)},
		{Text: s.Cat.T(lang, "event.button_decline"), Data: s.Buttons.Answer(e.ID, false)},
	}}}
}

// AnsweredInvitation is the text of event e's invitation in lang once its
// person answered (attend or not): the question gives way to the answer,
// which above its one button ("I can't go after all") was left to guess.
func (s *Events) AnsweredInvitation(lang string, e aulabot.Event, attend bool) string {
	key := "event.invite_no"
	if attend {
		key = "event.invite_yes"
	}
	return s.Cat.T(lang, key, "title", e.Title, "when", s.WhenText(lang, e))
}

// AnsweredEdit is the edit, in lang, that makes user's invitation to
// event e show their answer (aulabot.EventAttend, EventDecline or
// EventWait) with the one button that changes it, as pressing its buttons
// does; and the invitation's message id, 0 when it is not known (not sent
// yet, or sent before invitations were remembered): then nothing is to be
// edited. For an answer given elsewhere (the Trainings list, a waitlist's
// messages), the invitation up the chat asked "Will you come?" still.
func (s *Events) AnsweredEdit(tx EventsTx, e aulabot.Event, user int64, lang, answer string) (aulabot.Message, int) {
	ref := inviteRef(e.ID) + strconv.FormatInt(user, 10)
	m := aulabot.Message{ChatID: user, EditRef: ref, Text: s.AnsweredInvitation(lang, e, answer == aulabot.EventAttend),
		Inline: [][]aulabot.Button{{{Text: s.Cat.T(lang, "event.button_decline_after_all"), Data: s.Buttons.Answer(e.ID, false)}}}}
	switch answer {
	case aulabot.EventDecline:
		m.Inline = [][]aulabot.Button{{{Text: s.Cat.T(lang, "event.button_attend_after_all"), Data: s.Buttons.Answer(e.ID, true)}}}
	case aulabot.EventWait:
		m.Text = s.Cat.T(lang, "event.invite_waiting", "title", e.Title, "when", s.WhenText(lang, e))
		m.Inline = [][]aulabot.Button{{{Text: s.Cat.T(lang, "event.button_leave_waitlist"), Data: s.Buttons.Answer(e.ID, false)}}}
	}
	_, id, _ := tx.Ref(ref)
	return m, id
}

// movedInvitation is event e's invitation in lang after its time
// changed: an invitation sent before is edited into it.
func (s *Events) movedInvitation(lang string, e aulabot.Event) aulabot.Message {
	m := s.invitation(lang, e)
	m.Text += "\n\n" + s.Cat.T(lang, "event.invite_moved")
	return m
}

// cancelledInvitation is what an invitation to event e says in lang once
// e is cancelled: no buttons.
func (s *Events) cancelledInvitation(lang string, e aulabot.Event) aulabot.Message {
	return aulabot.Message{Text: s.Cat.T(lang, "event.invite_cancelled", "title", e.Title, "when", s.WhenText(lang, e))}
}

// EventAnswered is what Answer or Wait did: the event as it stands, the
// person's answer before and now.
type EventAnswered struct {
	Event       aulabot.Event
	Before, Now string
	Reminded    bool // the reminder went already: show the link now
	Unchanged   bool // the same answer again
	// Place is the person's place on the waitlist when they wait (Now is
	// aulabot.EventWait), from 1.
	Place int
}

// answerable reads event id for user, who answers its invitation: only
// people in its audience may, only before it starts.
func answerable(tx EventsTx, user int64, id uint64) (aulabot.Event, error) {
	e, ok, err := tx.Event(id)
	if err != nil {
		return e, err
	}
	u, known, err := tx.User(user)
	if err != nil {
		return e, err
	}
	if !ok || !known || !e.Includes(u) {
		return e, aulabot.Errorf(aulabot.ENOTFOUND, "event.err_not_found")
	}
	if !e.Cancelled.IsZero() {
		return e, aulabot.Errorf(aulabot.ECONFLICT, "event.err_cancelled", "title", e.Title)
	}
	if !e.At.After(tx.Now()) {
		return e, aulabot.Errorf(aulabot.ECONFLICT, "event.err_started", "title", e.Title)
	}
	return e, nil
}

// Answer records user's answer to event id. Only people in its audience
// may answer, only before it starts, and nobody may take a place beyond
// its capacity: someone who says they will attend a full training is
// refused (event.err_full, with the event), and may join its waitlist
// (Wait). A place given up goes to the first on the waitlist (promote);
// someone on it who says they will not come leaves it. The answer and
// the counts change in one transaction, so the capacity holds however
// many answer at once.
func (s *Events) Answer(tx EventsTx, user int64, id uint64, attend bool) (EventAnswered, error) {
	e, err := answerable(tx, user, id)
	if err != nil {
		return EventAnswered{}, err
	}
	return s.answer(tx, e, user, attend)
}

// answer is Answer for event e, read and checked.
func (s *Events) answer(tx EventsTx, e aulabot.Event, user int64, attend bool) (EventAnswered, error) {
	id := e.ID
	answer := aulabot.EventDecline
	if attend {
		answer = aulabot.EventAttend
	}
	res := EventAnswered{Event: e, Before: tx.EventAnswer(id, user), Now: answer, Reminded: !e.Reminded.IsZero()}
	if res.Before == answer {
		res.Unchanged = true
		return res, nil
	}
	if attend && e.Full() && res.Before == aulabot.EventWait {
		return s.wait(tx, e, user)
	}
	if attend && e.Full() {
		return EventAnswered{Event: e}, aulabot.Errorf(aulabot.ECONFLICT, "event.err_full", "title", e.Title, "capacity", e.Capacity)
	}
	counts := map[string]*int{aulabot.EventAttend: &e.Counts.Attending, aulabot.EventDecline: &e.Counts.Declined}
	if p := counts[res.Before]; p != nil {
		*p--
	}
	*counts[answer]++
	reached(tx, &e, user, res.Before)
	if err := tx.SetEventAnswer(id, user, answer); err != nil {
		return EventAnswered{}, err
	}
	if res.Before == aulabot.EventAttend {
		if err := s.promote(tx, &e); err != nil {
			return EventAnswered{}, err
		}
	}
	res.Event = e
	return res, tx.PutEvent(e)
}

// reached counts user, who answers event e for the first time, among
// those it reached if its invitations did not (they joined its audience
// after they went, and found it on the Trainings list): the figures'
// "no answer" is the invited who have not answered, and was floored at
// 0 when more answered than had been invited.
func reached(tx EventsTx, e *aulabot.Event, user int64, before string) bool {
	if before != "" || e.Campaign == 0 || tx.Recipient(e.Campaign, user) != "" {
		return false
	}
	e.Counts.Invited++
	return true
}

// Wait puts user on the waitlist of event id, which is full: when a
// place is given up before it starts, the first on the list takes it and
// is told (promote). Where a place is free, user takes it (as Answer).
// Someone attending, or waiting already, changes nothing; the rules of
// Answer hold.
func (s *Events) Wait(tx EventsTx, user int64, id uint64) (EventAnswered, error) {
	e, err := answerable(tx, user, id)
	if err != nil {
		return EventAnswered{}, err
	}
	return s.wait(tx, e, user)
}

// wait is Wait for event e, read and checked.
func (s *Events) wait(tx EventsTx, e aulabot.Event, user int64) (EventAnswered, error) {
	id := e.ID
	if !e.Full() {
		return s.answer(tx, e, user, true)
	}
	before := tx.EventAnswer(id, user)
	res := EventAnswered{Event: e, Before: before, Now: aulabot.EventWait, Reminded: !e.Reminded.IsZero()}
	switch before {
	case aulabot.EventAttend:
		res.Now, res.Unchanged = before, true
		return res, nil
	case aulabot.EventWait:
		res.Unchanged = true
	case aulabot.EventDecline:
		e.Counts.Declined--
	}
	if reached(tx, &e, user, before) || before == aulabot.EventDecline {
		res.Event = e
		if err := tx.PutEvent(e); err != nil {
			return res, err
		}
	}
	if err := tx.SetEventAnswer(id, user, aulabot.EventWait); err != nil {
		return res, err
	}
	waiting, err := tx.EventWaitlist(id)
	res.Place = slices.Index(waiting, user) + 1
	return res, err
}

// WaitingMessage is what tells someone in lang that they are at place on
// the waitlist of event e, with the button to leave it.
func (s *Events) WaitingMessage(lang string, e aulabot.Event, place int) aulabot.Message {
	return aulabot.Message{Text: s.Cat.T(lang, "event.waiting", "title", e.Title, "when", s.WhenText(lang, e), "place", place),
		Inline: [][]aulabot.Button{{{Text: s.Cat.T(lang, "event.button_leave_waitlist"), Data: s.Buttons.Answer(e.ID, false)}}}}
}

// reviseWaiting edits the messages that told those on the waitlist of
// event e they wait (where one is known) into what e now is: its new
// time, or (cancelled) its cancellation, without buttons.
func (s *Events) reviseWaiting(tx EventsTx, e aulabot.Event, cancelled bool) error {
	waiting, err := tx.EventWaitlist(e.ID)
	if err != nil {
		return err
	}
	for i, p := range waiting {
		u, ok, err := tx.User(p)
		if err != nil {
			return err
		}
		if _, _, known := tx.Ref(waitRef(e.ID, p)); !ok || !known {
			continue
		}
		lang := u.Language(s.Config.Language)
		m := s.WaitingMessage(lang, e, i+1)
		if cancelled {
			m = s.cancelledInvitation(lang, e)
		}
		m.ChatID, m.EditRef, m.Lane = p, waitRef(e.ID, p), aulabot.BulkLane
		if _, err := tx.Enqueue(m); err != nil {
			return err
		}
	}
	return nil
}

// Waiting is how many people are on the waitlist of event id.
func (s *Events) Waiting(tx EventsTx, id uint64) (int, error) {
	waiting, err := tx.EventWaitlist(id)
	return len(waiting), err
}

// MarkWaiting names message messageID of chat as the one that told user
// they wait for a place at event id, so that the place's coming changes
// it.
func (s *Events) MarkWaiting(tx EventsTx, id uint64, user, chat int64, messageID int) error {
	return tx.PutRef(waitRef(id, user), chat, messageID)
}

// promote gives the places free at event e, which the caller stores, to
// those first on its waitlist, each told in their language with the
// calendar file (and the link if the reminder went already); the message
// that said they wait is changed, when there is one. Someone on it who is
// gone, or no longer in its audience, leaves it.
func (s *Events) promote(tx EventsTx, e *aulabot.Event) error {
	waiting, err := tx.EventWaitlist(e.ID)
	if err != nil {
		return err
	}
	for _, p := range waiting {
		if e.Full() {
			return nil
		}
		u, ok, err := tx.User(p)
		if err != nil {
			return err
		}
		if !ok || !e.Includes(u) {
			if err := tx.SetEventAnswer(e.ID, p, ""); err != nil {
				return err
			}
			continue
		}
		if err := tx.SetEventAnswer(e.ID, p, aulabot.EventAttend); err != nil {
			return err
		}
		e.Counts.Attending++
		lang := u.Language(s.Config.Language)
		if _, _, ok := tx.Ref(waitRef(e.ID, p)); ok {
			if _, err := tx.Enqueue(aulabot.Message{ChatID: p, EditRef: waitRef(e.ID, p),
				Text: s.Cat.T(lang, "event.wait_over", "title", e.Title, "when", s.WhenText(lang, *e))}); err != nil {
				return err
			}
		}
		m := aulabot.Message{ChatID: p, Text: s.Cat.T(lang, "event.promoted", "title", e.Title, "when", s.WhenText(lang, *e)),
			File:   s.Calendar(lang, *e, false, tx.Now()),
			Inline: [][]aulabot.Button{{{Text: s.Cat.T(lang, "event.button_decline_after_all"), Data: s.Buttons.Answer(e.ID, false)}}}}
		if !e.Reminded.IsZero() {
			m.Text = s.Cat.T(lang, "event.promoted_link", "title", e.Title, "when", s.WhenText(lang, *e))
			m.Inline = append([][]aulabot.Button{{{Text: s.Cat.T(lang, "event.button_join"), URL: e.Link}}}, m.Inline...)
		}
		if _, err := tx.Enqueue(m); err != nil {
			return err
		}
		if edit, id := s.AnsweredEdit(tx, *e, p, lang, aulabot.EventAttend); id != 0 {
			if _, err := tx.Enqueue(edit); err != nil {
				return err
			}
		}
	}
	return nil
}

// UpcomingEvent is an event someone may answer, with their answer (and
// their place on its waitlist, from 1, when they wait).
type UpcomingEvent struct {
	Event  aulabot.Event
	Answer string
	Place  int
}

// UnderWay reports whether the event has started at now (it is listed
// to those attending until it ends).
func (u UpcomingEvent) UnderWay(now time.Time) bool { return !u.Event.At.After(now) }

// Joinable reports whether the person attends the event and its link is
// theirs at now: from the reminder on (EventRemindBefore its start).
func (u UpcomingEvent) Joinable(now time.Time) bool {
	return u.Answer == aulabot.EventAttend && !now.Before(u.Event.At.Add(-EventRemindBefore))
}

// MaxUpcoming is how many upcoming events a list shows.
const MaxUpcoming = 8

// Upcoming returns the events in u's audience that have not started and
// stand, soonest first, at most MaxUpcoming; and those u attends that
// started and have not ended (UnderWay), whose link they may be looking
// for: someone who lost the reminder looks for it in the list while the
// class runs.
func (s *Events) Upcoming(tx EventsTx, u aulabot.User) ([]UpcomingEvent, error) {
	return upcoming(tx, u, func(string) bool { return true })
}

// Attending returns the upcoming events u answered they will attend,
// soonest first, at most MaxUpcoming: those past the first MaxUpcoming
// events of u's audience too.
func (s *Events) Attending(tx EventsTx, u aulabot.User) ([]UpcomingEvent, error) {
	return upcoming(tx, u, func(answer string) bool { return answer == aulabot.EventAttend })
}

// upcoming is Upcoming of the events whose answer keep accepts.
func upcoming(tx EventsTx, u aulabot.User, keep func(answer string) bool) ([]UpcomingEvent, error) {
	es, err := tx.EventsEndingAfter(tx.Now())
	if err != nil {
		return nil, err
	}
	var out []UpcomingEvent
	now := tx.Now()
	for _, e := range es {
		if !e.Includes(u) || !e.Cancelled.IsZero() || !now.Before(e.End()) {
			continue
		}
		a := tx.EventAnswer(e.ID, u.ID)
		if !e.At.After(now) && a != aulabot.EventAttend {
			continue // started: only for those who attend it
		}
		if !keep(a) {
			continue
		}
		up := UpcomingEvent{Event: e, Answer: a}
		if a == aulabot.EventWait {
			waiting, err := tx.EventWaitlist(e.ID)
			if err != nil {
				return nil, err
			}
			up.Place = slices.Index(waiting, u.ID) + 1
		}
		out = append(out, up)
	}
	slices.SortStableFunc(out, func(a, b UpcomingEvent) int { return a.Event.At.Compare(b.Event.At) })
	if len(out) > MaxUpcoming {
		out = out[:MaxUpcoming]
	}
	return out, nil
}

// jobEvent reads the event a job names; false if it is gone or was
// cancelled (Cancel unschedules its jobs: this is for one that was
// already running).
func jobEvent(tx EventsTx, j aulabot.Job) (aulabot.Event, bool, error) {
	id, err := strconv.ParseUint(j.Data["event"], 10, 64)
	if err != nil {
		return aulabot.Event{}, false, nil
	}
	e, ok, err := tx.Event(id)
	return e, ok && e.Cancelled.IsZero(), err
}

// mayManage reports whether someone with roles r may call off event e:
// a coordinator of its university, or an admin.
func mayManage(r aulabot.Roles, e aulabot.Event) bool {
	return r.Admin || r.IsCoordinator(e.University)
}

// managed reads event id for someone with roles r who wants to change or
// cancel it. Errors: ENOTFOUND for someone who may not manage it, as for
// an event that does not exist; ECONFLICT if it was cancelled, or (with
// started, the refusal's key) if it has started.
func managed(tx EventsTx, r aulabot.Roles, id uint64, started string) (aulabot.Event, error) {
	e, ok, err := tx.Event(id)
	if err != nil {
		return e, err
	}
	if !ok || !mayManage(r, e) {
		return e, aulabot.Errorf(aulabot.ENOTFOUND, "event.err_not_found")
	}
	if !e.Cancelled.IsZero() {
		return e, aulabot.Errorf(aulabot.ECONFLICT, "event.err_cancelled", "title", e.Title)
	}
	if !e.At.After(tx.Now()) {
		return e, aulabot.Errorf(aulabot.ECONFLICT, started, "title", e.Title)
	}
	return e, nil
}

// Manageable returns event id for someone with roles r who opens it to
// change it, or (cancel) to call it off. Errors: those of managed, the
// refusal of a started event naming what can no longer be done.
func (s *Events) Manageable(tx EventsTx, r aulabot.Roles, id uint64, cancel bool) (aulabot.Event, error) {
	if cancel {
		return managed(tx, r, id, "event.err_started_cancel")
	}
	return managed(tx, r, id, "event.err_started_change")
}

// Managed returns the events someone with roles r may change or call off
// that have not started and stand, soonest first, at most MaxUpcoming;
// and those they may still write to (recent: started less than
// EventFollowUp ago, standing, with someone attending), the latest
// first, at most MaxUpcoming. One reading of the events gives both.
func (s *Events) Managed(tx EventsTx, r aulabot.Roles) (upcoming, recent []aulabot.Event, err error) {
	es, err := tx.EventsEndingAfter(tx.Now().Add(-EventFollowUp)) // started since then, or to come
	if err != nil {
		return nil, nil, err
	}
	now := tx.Now()
	for _, e := range es {
		switch {
		case !mayManage(r, e) || !e.Cancelled.IsZero():
		case e.At.After(now):
			upcoming = append(upcoming, e)
		case now.Before(e.At.Add(EventFollowUp)) && e.Counts.Attending > 0:
			recent = append(recent, e)
		}
	}
	slices.SortStableFunc(upcoming, func(a, b aulabot.Event) int { return a.At.Compare(b.At) })
	slices.SortStableFunc(recent, func(a, b aulabot.Event) int { return b.At.Compare(a.At) })
	return upcoming[:min(len(upcoming), MaxUpcoming)], recent[:min(len(recent), MaxUpcoming)], nil
}

// EventCancelled is what Cancel did: the event as stored, and how many
// people who had said they would attend are being told.
type EventCancelled struct {
	Event aulabot.Event
	Told  int
	// Revised is how many invitations sent are being edited.
	Revised int
}

// Cancel calls off event id for someone with roles r: its invitations
// still queued are not sent, those sent are edited to say it was
// cancelled (without buttons), its reminder and figures are unscheduled,
// and everyone who said they would attend is told, in their language
// (once: each notice has its key). From then on answers to it are refused
// and the lists leave it out; its answers and counts stay. Someone who
// may not manage it gets ENOTFOUND, as for an event that does not exist;
// an event that has started, or was cancelled already, ECONFLICT.
func (s *Events) Cancel(tx EventsTx, r aulabot.Roles, id uint64) (EventCancelled, error) {
	e, err := managed(tx, r, id, "event.err_started_cancel")
	if err != nil {
		return EventCancelled{}, err
	}
	if e.Campaign != 0 {
		if _, err := tx.CancelCampaign(e.Campaign); err != nil {
			return EventCancelled{}, err
		}
	}
	for _, key := range []string{remindKey(id), feedbackKey(id), summaryKey(id)} {
		if _, err := tx.CancelJob(key); err != nil {
			return EventCancelled{}, err
		}
	}
	told, err := s.tellAttendees(tx, e, func(lang string) aulabot.Message {
		// The cancellation file takes it off the calendars it was added to.
		return aulabot.Message{Text: s.Cat.T(lang, "event.cancelled_notice", "title", e.Title, "when", s.WhenText(lang, e)),
			File: s.Calendar(lang, e, true, tx.Now())}
	}, func(p int64) string { return fmt.Sprintf("%s:%d", cancelKey(id), p) })
	if err != nil {
		return EventCancelled{}, err
	}
	e.Cancelled = tx.Now()
	revised, err := s.reviseInvitations(tx, e, s.cancelledInvitation)
	if err != nil {
		return EventCancelled{}, err
	}
	if err := s.reviseWaiting(tx, e, true); err != nil {
		return EventCancelled{}, err
	}
	return EventCancelled{Event: e, Told: told, Revised: revised}, tx.PutEvent(e)
}

// Remind is the reminder job: everyone attending gets the link, once
// (each message has its key, so a job run again after a crash sends
// nobody a second one), and not once the event has started (a job run
// late, or a reminder not sent by then).
func (s *Events) Remind(tx EventsTx, j aulabot.Job) error {
	e, ok, err := jobEvent(tx, j)
	if err != nil || !ok || !tx.Now().Before(e.At) {
		return err // run after the start (the bot was down): "starts soon" would be untrue
	}
	_, err = s.tellAttendees(tx, e, func(lang string) aulabot.Message {
		m := s.LinkMessage(lang, e, "event.reminder")
		m.NotAfter = e.At
		return m
	}, func(p int64) string { return reminderKey(e, p) })
	if err != nil {
		return err
	}
	e.Reminded = tx.Now()
	return tx.PutEvent(e)
}

// tellAttendees queues message (in each one's language) for everyone
// attending event e, under key (of the person), in the bulk lane; it
// returns how many.
func (s *Events) tellAttendees(tx EventsTx, e aulabot.Event, message func(lang string) aulabot.Message, key func(p int64) string) (int, error) {
	return s.tellSome(tx, e, nil, message, key)
}

// tellSome is tellAttendees for those of them keep takes (nil: all).
func (s *Events) tellSome(tx EventsTx, e aulabot.Event, keep func(p int64) bool, message func(lang string) aulabot.Message, key func(p int64) string) (int, error) {
	people, err := tx.EventAttendees(e.ID)
	if err != nil {
		return 0, err
	}
	told := 0
	for _, p := range people {
		if keep != nil && !keep(p) {
			continue
		}
		u, ok, err := tx.User(p)
		if err != nil {
			return told, err
		}
		if !ok {
			continue
		}
		m := message(u.Language(s.Config.Language))
		m.ChatID, m.Key, m.Lane = p, key(p), aulabot.BulkLane
		if _, err := tx.Enqueue(m); err != nil {
			return told, err
		}
		told++
	}
	return told, nil
}

// reminderKey is the outbox key of event e's reminder to person p:
// "evrem:7:USER", and after its time changed "evrem:7:c2:USER", so that a
// reminder sent for the old time does not hold back the new one.
func reminderKey(e aulabot.Event, p int64) string {
	if e.Changes > 0 {
		return fmt.Sprintf("%s:c%d:%d", remindKey(e.ID), e.Changes, p)
	}
	return fmt.Sprintf("%s:%d", remindKey(e.ID), p)
}

// Calendar is event e as a calendar file in lang, from its start to its
// end (an hour for a training created before trainings had a length), or
// its cancellation (cancelled): for someone who said
// they would attend, and again when its time or link changes, or it is
// called off, or they no longer attend.
func (s *Events) Calendar(lang string, e aulabot.Event, cancelled bool, now time.Time) *aulabot.OutFile {
	summary := i18n.Plain(s.Cat.T(lang, "event.ics_summary", "title", e.Title))
	desc := i18n.Plain(s.Cat.T(lang, "event.ics_description", "title", e.Title, "link", e.Link))
	return &aulabot.OutFile{Name: fmt.Sprintf("training-%d.ics", e.ID),
		Data: aulabot.EventICS(e, e.End(), cancelled, summary, desc, now)}
}

// LinkMessage is text key about event e in lang with the button that
// opens its link.
func (s *Events) LinkMessage(lang string, e aulabot.Event, key string) aulabot.Message {
	return aulabot.Message{Text: s.Cat.T(lang, key, "title", e.Title, "when", s.WhenText(lang, e)),
		Inline: [][]aulabot.Button{{{Text: s.Cat.T(lang, "event.button_join"), URL: e.Link}}}}
}

// Summary is the figures job: the coordinator who created the event is
// told who said they would come, who declined and who did not answer,
// and what those who had a place said after it (FeedbackLine).
func (s *Events) Summary(tx EventsTx, j aulabot.Job) error {
	e, ok, err := jobEvent(tx, j)
	if err != nil || !ok {
		return err
	}
	n := e.Counts
	waiting, err := tx.EventWaitlist(e.ID)
	if err != nil {
		return err
	}
	text := s.Cat.T(e.Lang, "event.summary", "title", e.Title, "invited", n.Invited, "attending", n.Attending, "declined", n.Declined,
		"silent", max(0, n.Invited-n.Attending-n.Declined-len(waiting)))
	if len(waiting) > 0 {
		text += "\n" + s.Cat.N(e.Lang, "event.summary_waiting", len(waiting))
	}
	m := aulabot.Message{ChatID: e.By, Key: summaryKey(e.ID), Text: text}
	if n.Asked > 0 {
		m.Text += "\n" + s.FeedbackLine(e.Lang, n)
	}
	if n.Comments > 0 {
		m.Inline = append(m.Inline, []aulabot.Button{s.CommentsButton(e.Lang, e, 0)})
	}
	if n.Missed > 0 {
		m.Inline = append(m.Inline, []aulabot.Button{s.MissedButton(e.Lang, e, 0)})
	}
	_, err = tx.Enqueue(m)
	return err
}

// Erase is the events' part of a person's deletion: their answers go,
// their place on a waitlist with them; the counts keep them, but for the
// places they held at trainings to come, which go to those waiting
// (promote), as when a place is given up.
func (s *Events) Erase(tx Tx, user int64) error {
	for _, id := range tx.AnsweredEvents(user) {
		a := tx.EventAnswer(id, user)
		if err := tx.SetEventAnswer(id, user, ""); err != nil {
			return err
		}
		e, ok, err := tx.Event(id)
		if err != nil {
			return err
		}
		if !ok || a != aulabot.EventAttend || !e.Cancelled.IsZero() || !e.At.After(tx.Now()) {
			continue
		}
		e.Counts.Attending--
		if err := s.promote(tx, &e); err != nil {
			return err
		}
		if err := tx.PutEvent(e); err != nil {
			return err
		}
	}
	return nil
}
