package service

import (
	"fmt"
	"strconv"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// Mentoring is booking sessions with mentors: mentors publish slots
// (personal, one seat; group, many) with /newslot or /weekly, people book
// a seat or join the waitlist of a full session, get a confirmation with a
// calendar file and reminders, and may cancel up to the cutoff. A freed
// seat goes to the first person waiting who may still take it. Mentors
// change seats, move or cancel a session, cancel someone's booking, mark
// attendance; those who came rate the session.
//
// Texts to other people are in their language; the mentor's replies are
// the handlers'.
type Mentoring struct {
	Config *aulabot.Config
	Cat    *i18n.Catalog
	// Buttons encodes the buttons of the messages mentoring sends to
	// other people (a confirmation's Cancel, a reminder's I'll attend):
	// the handlers' codec, set by handlers.New.
	Buttons MentoringButtons
	// Seated, when set, runs when a booking gets a seat: the courses
	// service asks which of the person's courses the session is for
	// (Courses.AskForBooking, wired by New); nil: nothing.
	Seated SeatHook
}

// SeatHook runs in the transaction that gives booking b a seat (a
// booking, or a promotion from the waitlist).
type SeatHook func(tx Tx, b aulabot.Booking) error

// MentoringButtons encodes the buttons mentoring puts on its messages to
// other people; handlers/mentoring_buttons.go implements it.
type MentoringButtons interface {
	Book() string
	CancelBooking(booking uint64) string
	// ChangeBooking offers the times booking may change to.
	ChangeBooking(booking uint64) string
	// WriteMentor writes to the mentor of booking; AnswerBooked answers
	// its person.
	WriteMentor(booking uint64) string
	AnswerBooked(booking uint64) string
	Attend(booking uint64) string
	ViewSlot(slot uint64) string
	// SendLink asks the mentor of slot for its meeting link.
	SendLink(slot uint64) string
	Rate(booking uint64, stars int) string
	// ShowSlot opens a slot for a person to book; Slots lists the slots
	// of a kind (aulabot.SlotPersonal or SlotGroup).
	ShowSlot(slot uint64) string
	Slots(kind string) string
}

// MentoringTx is what mentoring needs of the update's transaction: slots
// (store/slot.go), bookings (store/booking.go) and the outbox.
type MentoringTx interface {
	Now() time.Time
	User(id int64) (aulabot.User, bool, error)
	Enqueue(m aulabot.Message) (uint64, error)
	CancelOutbox(prefix string) (int, error)
	CancelOutboxKey(key string) (bool, error)
	Ref(ref string) (chat int64, messageID int, ok bool)
	PutRef(ref string, chat int64, messageID int) error

	Slot(id uint64) (aulabot.Slot, bool, error)
	CreateSlot(uni string, mentor int64, mentorName string, n aulabot.NewSlot) (aulabot.Slot, error)
	CreateSlots(uni string, mentor int64, mentorName string, ns []aulabot.NewSlot) ([]aulabot.Slot, int, error)
	MentorSlots(mentor int64, from, to time.Time) ([]aulabot.Slot, error)
	UniversitySlots(uni string, from, to time.Time) ([]aulabot.Slot, error)
	CancelSlot(id uint64, by int64, reason string) (aulabot.Slot, []aulabot.Booking, error)
	SetCapacity(id uint64, by int64, capacity int, rules aulabot.BookingRules) (aulabot.Slot, []aulabot.Booking, error)
	MoveSlot(id uint64, by int64, start time.Time) (aulabot.Slot, []aulabot.Booking, error)
	MentorOverlap(mentor int64, start, end time.Time, except uint64) (aulabot.Slot, bool, error)
	SetSlotNote(id uint64, by int64, note string) (aulabot.Slot, error)
	SetSlotTopic(id uint64, by int64, topic string) (aulabot.Slot, error)
	SetSlotLink(id uint64, by int64, link string) (aulabot.Slot, error)
	Booking(id uint64) (aulabot.Booking, bool, error)
	SlotBookings(slot uint64) ([]aulabot.Booking, error)
	UserBookings(user int64) ([]aulabot.Booking, error)
	BookSlot(id uint64, u aulabot.User, rules aulabot.BookingRules) (aulabot.Booking, error)
	MayBook(s aulabot.Slot, user int64, rules aulabot.BookingRules) error
	JoinWaitlist(id uint64, u aulabot.User, rules aulabot.BookingRules) (aulabot.Booking, error)
	CancelBooking(id uint64, by int64, override bool, rules aulabot.BookingRules) (aulabot.Cancellation, error)
	ChangeBooking(id, to uint64, u aulabot.User, rules aulabot.BookingRules) (aulabot.Cancellation, aulabot.Booking, error)
	MarkAttendance(id uint64, by int64, attended bool) (aulabot.Booking, error)
	RateBooking(id uint64, by int64, stars int, comment string) (aulabot.Booking, error)
	RatableBooking(id uint64, by int64) (aulabot.Booking, error)
	Schedule(j aulabot.Job) error
	CancelJobs(prefix string) (int, error)
	ScheduledJob(key string) (aulabot.Job, bool, error)
	SetBookingTopic(id uint64, by int64, topic string) (aulabot.Booking, error)
	NoShows(user int64) int64
	// The question "Ask a mentor" was pressed under (store/question.go).
	Question(id uint64) (aulabot.Question, bool, error)
	// Waits to be told of new slots (store/slot_watch.go).
	WatchSlots(uni, kind string, user int64, lang string) (bool, error)
	WatchingSlots(uni, kind string, user int64) bool
	SlotWatchers(uni, kind string) ([]aulabot.SlotWatch, error)
	UnwatchSlots(uni, kind string, user int64) error
	SlotWatchTold(uni, kind string, user int64) error
}

// Mentoring's flows. The names and JSON keys are those the states were
// stored under before the flows were declared (numbers as strings), so a
// state stored by the previous version continues.
var (
	// FlowBookTopic is a person stating the topic of a personal session
	// before Confirm.
	FlowBookTopic = aulabot.Flow[BookTopic]{Name: "booktopic"}
	// FlowNewSlot is the guided /newslot.
	FlowNewSlot = aulabot.Flow[SlotDraft]{Name: "newslot"}
	// FlowSlotCancel waits for the reason a mentor cancels a session,
	// FlowSlotNote for a private note, FlowSlotMove for the new time,
	// FlowSlotLink for the meeting link to send.
	FlowSlotCancel = aulabot.Flow[OnSlot]{Name: "slotcancel"}
	FlowSlotNote   = aulabot.Flow[OnSlot]{Name: "slotnote"}
	FlowSlotMove   = aulabot.Flow[OnSlot]{Name: "slotmove"}
	FlowSlotLink   = aulabot.Flow[OnSlot]{Name: "slotlink"}
	// FlowSlotTopic waits for a session's new topic (✏️ Change the topic).
	FlowSlotTopic = aulabot.Flow[OnSlot]{Name: "slottopic"}
	// FlowSlotCopy waits for the day and time of a copy of a session
	// (📋 Copy to another day): the same length, kind, seats, topic and
	// link, nobody booked.
	FlowSlotCopy = aulabot.Flow[OnSlot]{Name: "slotcopy"}
	// FlowSlotAsked keeps what a mentor's request asked of one of their
	// sessions (where to move it, words for those booked) while they pick
	// which, the request naming two ("mueve mi sesión del lunes al
	// jueves", two on Monday): the session pressed then plans it, as if
	// named. Other words end it.
	FlowSlotAsked = aulabot.Flow[SlotAsked]{Name: "slotasked"}
	// FlowAskMentor carries a question the knowledge base could not
	// answer into the booking that follows as its topic: it waits for no
	// text (the menu's buttons lead on) and ends with the booking.
	FlowAskMentor = aulabot.Flow[BookTopic]{Name: "askmentor"}
	// FlowRate waits for the comment on a rating.
	FlowRate = aulabot.Flow[Rating]{Name: "rate"}
)

// The steps of FlowNewSlot: what each waits for. The other flows have one
// step, a text (MentoringText).
const (
	NewSlotDay      = "day"      // a day button
	NewSlotTime     = "time"     // a time button or a typed HH:MM
	NewSlotMinutes  = "minutes"  // a length button
	NewSlotKind     = "kind"     // personal or group
	NewSlotCapacity = "capacity" // a capacity button or a typed number
	NewSlotTopic    = "topic"    // a typed topic or Skip
	NewSlotLink     = "link"     // a typed link or Skip
	NewSlotConfirm  = "confirm"  // Confirm, Cancel or 🔁 Every week
	NewSlotUntil    = "until"    // 🔁 Every week: a weeks button or a typed last day
	MentoringText   = ""
	SlotMoveConfirm = "confirm" // FlowSlotMove: the new time read, waiting for Move it
	SlotCopyConfirm = "confirm" // FlowSlotCopy: the copy's time read, waiting for Publish it
	// SlotCancelConfirm is FlowSlotCancel's step once the reason is
	// typed: waiting for Cancel it; another reason typed replaces it.
	SlotCancelConfirm = "confirm"
	// SlotLinkConfirm is FlowSlotLink's step once a link is pasted under
	// a session's buttons without 🔗 Send the link: waiting for Yes, send
	// it; another link pasted replaces it, other words end it.
	SlotLinkConfirm = "confirm"
	// SlotMessageConfirm is FlowSlotMessage's step once a message to
	// those booked came with the words that asked for it ("avisa a los
	// inscritos de mi sesión del lunes que llego tarde"): waiting for Yes,
	// send it; other words typed replace it.
	SlotMessageConfirm = "confirm"
)

// BookTopic is what FlowBookTopic keeps: the slot and the topic typed.
type BookTopic struct {
	Slot  uint64 `json:"slot,string"`
	Topic string `json:"topic,omitempty"`
	// Asked: FlowAskMentor's topic is the words that asked for a mentor
	// ("quiero que un mentor revise mi sílabo"), not a question (the
	// knowledge base could not answer it, or it asked whether a mentor
	// can help: "¿mi mentora me puede ayudar con el sílabo?").
	Asked bool `json:"asked,omitempty"`
}

// SlotAsked is what FlowSlotAsked keeps.
type SlotAsked struct {
	// To is where the session is to move ("al jueves a las 4", "a las
	// 5"), as typed; Said the words for those booked in it, or for it.
	To   string `json:"to,omitempty"`
	Said string `json:"said,omitempty"`
	// As is what Said is when it is no message to those booked: "note"
	// (a private note), "link" (the session's meeting link) or "copy"
	// (where a copy of the session goes, "" to ask).
	As string `json:"as,omitempty"`
	// Move: the request moves the session, where to asked next when To
	// is empty ("mueve mi sesión del lunes").
	Move bool `json:"move,omitempty"`
}

// OnSlot is what the mentor's one-step flows keep: the slot.
type OnSlot struct {
	Slot uint64 `json:"slot,string"`
	// To is the new start FlowSlotMove waits to move the slot to
	// (PlanMove), or FlowSlotCopy to publish its copy at (PlanCopy), once
	// typed.
	To *time.Time `json:"to,omitempty"`
	// Reason is what FlowSlotCancel will tell those booked (PlanCancel),
	// once typed.
	Reason string `json:"reason,omitempty"`
	// Link is the meeting link FlowSlotLink waits to send (PlanLink),
	// once pasted without 🔗 Send the link.
	Link string `json:"link,omitempty"`
	// Text is the message FlowSlotMessage waits to send (PlanMessage),
	// once typed with the words that asked for it.
	Text string `json:"text,omitempty"`
}

// Rating is what FlowRate keeps: the booking and its stars.
type Rating struct {
	Booking uint64 `json:"booking,string"`
	Stars   int    `json:"stars,string"`
}

// SlotDraft is what FlowNewSlot collected so far.
type SlotDraft struct {
	Date     string `json:"date,omitempty"` // YYYY-MM-DD
	Time     string `json:"time,omitempty"` // HH:MM
	Minutes  int    `json:"minutes,omitempty,string"`
	Kind     string `json:"kind,omitempty"`
	Capacity int    `json:"capacity,omitempty,string"`
	Topic    string `json:"topic,omitempty"`
	Link     string `json:"link,omitempty"`
	// Weekly: the words that asked for the slot said every week ("todos
	// los lunes a las 3"): the repeat is asked before the summary.
	Weekly bool `json:"weekly,omitempty"`
}

// The key formats of mentoring's outbox entries and jobs, here and
// nowhere else: a booking's reminders "remind:b7:24h" and "remind:b7:1h",
// a slot's attendance prompt to its mentor "slot:s3:attendance" (the job
// that sends it, JobSlotAttendance, and the message), a booking's rating
// prompt "rate:b7".
func reminderPrefix(booking uint64) string { return "remind:b" + strconv.FormatUint(booking, 10) + ":" }
func slotPrefix(slot uint64) string        { return "slot:s" + strconv.FormatUint(slot, 10) + ":" }
func attendanceKey(slot uint64) string     { return slotPrefix(slot) + "attendance" }
func mentorSoonKey(slot uint64) string     { return slotPrefix(slot) + "soon" }
func unmarkedKey(slot uint64) string       { return slotPrefix(slot) + "unmarked" }
func ratePromptKey(booking uint64) string  { return fmt.Sprintf("rate:b%d", booking) }

// ReminderKey is the key of booking's reminder label ("24h", "1h").
func ReminderKey(booking uint64, label string) string { return reminderPrefix(booking) + label }

// noSlot is the answer for a slot that does not exist or is not the
// person's to see.
func noSlot() error { return aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_no_slot") }

// notYourSlot is the answer for a slot that is not the mentor's, or gone.
func notYourSlot() error { return aulabot.Errorf(aulabot.ENOTFOUND, "slot.err_not_found") }

// noBooking is the answer for a booking that does not exist or is not the
// person's.
func noBooking() error { return aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_not_found") }

// person is person id (only the id for someone the bot no longer knows)
// and the language to write to them in (the configuration's by default).
func (m *Mentoring) person(tx MentoringTx, id int64) (aulabot.User, string, error) {
	u, ok, err := tx.User(id)
	if !ok {
		u = aulabot.User{ID: id}
	}
	return u, u.Language(m.Config.Language), err
}
