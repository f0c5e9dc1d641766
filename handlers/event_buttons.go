package handlers

import (
	"math"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/service"
)

// The buttons of live training events, all under "ev:".

// eventAnswerButton answers an event's invitation: "ev:a:7:y" (I'll
// attend) or "ev:a:7:n" (Not this time). eventChangeButton is the same
// answer pressed on the Trainings list, which is then shown again with
// it: "ev:c:7:y".
type (
	eventAnswerButton struct {
		Event  uint64
		Attend bool
	}
	eventChangeButton eventAnswerButton
)

func yesNo(b bool) string {
	if b {
		return "y"
	}
	return "n"
}

func (b eventAnswerButton) Encode() string {
	return button.Join("ev:a", strconv.FormatUint(b.Event, 10), yesNo(b.Attend))
}

func (b eventChangeButton) Encode() string {
	return button.Join("ev:c", strconv.FormatUint(b.Event, 10), yesNo(b.Attend))
}

// eventWaitButton joins the waitlist of a full training: "ev:w:7" under
// the message that says it is full, "ev:lw:7" on the Trainings list,
// which is then shown again with it.
type (
	eventWaitButton     struct{ Event uint64 }
	eventListWaitButton eventWaitButton
)

func (b eventWaitButton) Encode() string {
	return button.Join("ev:w", strconv.FormatUint(b.Event, 10))
}

func (b eventListWaitButton) Encode() string {
	return button.Join("ev:lw", strconv.FormatUint(b.Event, 10))
}

// eventFeedbackButton says, after a training, how it went: "ev:f:7:4"
// (4 stars) or "ev:f:7:0" (I could not attend, aulabot.EventMissed).
type eventFeedbackButton struct {
	Event    uint64
	Feedback int
}

func (b eventFeedbackButton) Encode() string {
	return button.Join("ev:f", strconv.FormatUint(b.Event, 10), strconv.Itoa(b.Feedback))
}

// eventFeedbackChangeButton, under what someone said after training 7,
// asks it again to change it: "ev:fx:7"; eventFeedbackAgainButton is an
// answer of that question, changing what was said: "ev:fr:7:4".
type (
	eventFeedbackChangeButton struct{ Event uint64 }
	eventFeedbackAgainButton  eventFeedbackButton
)

func (b eventFeedbackChangeButton) Encode() string {
	return button.Join("ev:fx", strconv.FormatUint(b.Event, 10))
}

func (b eventFeedbackAgainButton) Encode() string {
	return button.Join("ev:fr", strconv.FormatUint(b.Event, 10), strconv.Itoa(b.Feedback))
}

// eventAddCommentButton asks for a comment on training 7 after its
// feedback: "ev:fc:7"; eventCommentsButton shows its organisers the
// comments: "ev:cm:7"; eventAskAgainButton, on the Trainings list, asks
// again how it went: "ev:fq:7".
type (
	eventAddCommentButton struct{ Event uint64 }
	eventCommentsButton   struct{ Event uint64 }
	eventAskAgainButton   struct{ Event uint64 }
)

func (b eventAskAgainButton) Encode() string {
	return button.Join("ev:fq", strconv.FormatUint(b.Event, 10))
}

func (b eventAddCommentButton) Encode() string {
	return button.Join("ev:fc", strconv.FormatUint(b.Event, 10))
}

func (b eventCommentsButton) Encode() string {
	return button.Join("ev:cm", strconv.FormatUint(b.Event, 10))
}

// eventListButton shows the upcoming trainings: "ev:l".
type eventListButton struct{}

func (eventListButton) Encode() string { return button.Join("ev:l") }

// The organisers' buttons (/events): Manage on the list "ev:ed:7" shows
// event 7's panel: Time "ev:et:7", Link "ev:el:7", Cancel "ev:cx:7", which
// asks to confirm: Yes, cancel it "ev:cy:7" calls it off; No, keep it and
// Back "ev:m" show the list again.
type (
	eventCancelButton  struct{ Event uint64 }
	eventConfirmCancel struct{ Event uint64 }
	eventManageButton  struct{}
	eventChangeMenu    struct{ Event uint64 }
	eventChangeField   struct {
		Event uint64
		Field string // service.EventChangeWhen or EventChangeLink
	}
)

func (b eventChangeMenu) Encode() string {
	return button.Join("ev:ed", strconv.FormatUint(b.Event, 10))
}

// changePrefixes are the prefixes of the two fields' buttons.
var changePrefixes = map[string]string{service.EventChangeWhen: "ev:et", service.EventChangeLink: "ev:el"}

func (b eventChangeField) Encode() string {
	return button.Join(changePrefixes[b.Field], strconv.FormatUint(b.Event, 10))
}

func (b eventCancelButton) Encode() string {
	return button.Join("ev:cx", strconv.FormatUint(b.Event, 10))
}

func (b eventConfirmCancel) Encode() string {
	return button.Join("ev:cy", strconv.FormatUint(b.Event, 10))
}

func (eventManageButton) Encode() string { return button.Join("ev:m") }

// eventMessageButton writes to those attending event 7: "ev:ew:7".
type eventMessageButton struct{ Event uint64 }

func (b eventMessageButton) Encode() string {
	return button.Join("ev:ew", strconv.FormatUint(b.Event, 10))
}

// eventMessageOKButton sends the message read from the words that asked
// for it to those attending event 7, once seen: "ev:wy:7";
// eventMessageNoButton sends nothing: "ev:wn:7".
type (
	eventMessageOKButton struct{ Event uint64 }
	eventMessageNoButton struct{ Event uint64 }
)

func (b eventMessageOKButton) Encode() string {
	return button.Join("ev:wy", strconv.FormatUint(b.Event, 10))
}

func (b eventMessageNoButton) Encode() string {
	return button.Join("ev:wn", strconv.FormatUint(b.Event, 10))
}

// eventMissedMessageButton writes to those who said, after event 7,
// that they could not come: "ev:em:7".
type eventMissedMessageButton struct{ Event uint64 }

func (b eventMissedMessageButton) Encode() string {
	return button.Join("ev:em", strconv.FormatUint(b.Event, 10))
}

// eventIDKind decodes "ID" into a button made by mk.
func eventIDKind(prefix string, mk func(uint64) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 1, Longest: mk(math.MaxUint64),
		Decode: func(f []string) (button.Data, bool) {
			id, ok := idField(f[0])
			return mk(id), ok
		}}
}

// The draft's buttons: the university "ev:u:unma", the length
// "ev:len:90", the audience "ev:aud:teachers", No limit "ev:nolimit",
// Create "ev:ok", Discard "ev:x".
type (
	eventUniversityButton struct{ University string }
	eventLengthButton     struct{ Minutes int }
	eventAudienceButton   struct{ Audience string }
	eventNoLimitButton    struct{}
	eventCreateButton     struct{}
	eventDiscardButton    struct{}
)

func (b eventUniversityButton) Encode() string { return button.Join("ev:u", b.University) }
func (b eventLengthButton) Encode() string     { return button.Join("ev:len", strconv.Itoa(b.Minutes)) }
func (b eventAudienceButton) Encode() string   { return button.Join("ev:aud", b.Audience) }
func (eventNoLimitButton) Encode() string      { return button.Join("ev:nolimit") }
func (eventCreateButton) Encode() string       { return button.Join("ev:ok") }
func (eventDiscardButton) Encode() string      { return button.Join("ev:x") }

// eventButtons encodes the buttons the events service puts on the
// invitations (service.EventButtons); New gives it to the service.
type eventButtons struct{}

func (eventButtons) Answer(id uint64, attend bool) string {
	return eventAnswerButton{id, attend}.Encode()
}

func (eventButtons) Feedback(id uint64, feedback int) string {
	return eventFeedbackButton{id, feedback}.Encode()
}

func (eventButtons) Comments(id uint64) string { return eventCommentsButton{id}.Encode() }

func (eventButtons) ChangeFeedback(id uint64, feedback int) string {
	return eventFeedbackAgainButton{id, feedback}.Encode()
}

func (eventButtons) MessageMissed(id uint64) string { return eventMissedMessageButton{id}.Encode() }

// feedbackKind decodes "ID:N" (N: aulabot.EventMissed or 1 to 5 stars)
// into a button made by mk.
func feedbackKind(prefix string, mk func(eventFeedbackButton) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 2, Longest: mk(eventFeedbackButton{math.MaxUint64, 5}),
		Decode: func(f []string) (button.Data, bool) {
			id, ok := idField(f[0])
			n, err := strconv.Atoi(f[1])
			return mk(eventFeedbackButton{id, n}), ok && err == nil && len(f[1]) == 1 && n >= aulabot.EventMissed && n <= 5
		}}
}

// answerKind decodes "ID:y|n" into a button made by mk.
func answerKind(prefix string, mk func(eventAnswerButton) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 2, Longest: mk(eventAnswerButton{Event: math.MaxUint64, Attend: true}),
		Decode: func(f []string) (button.Data, bool) {
			id, ok := idField(f[0])
			return mk(eventAnswerButton{Event: id, Attend: f[1] == "y"}), ok && (f[1] == "y" || f[1] == "n")
		}}
}

var eventButtonKinds = []button.Kind{
	answerKind("ev:a", func(b eventAnswerButton) button.Data { return b }),
	answerKind("ev:c", func(b eventAnswerButton) button.Data { return eventChangeButton(b) }),
	noFields("ev:l", eventListButton{}),
	feedbackKind("ev:f", func(b eventFeedbackButton) button.Data { return b }),
	feedbackKind("ev:fr", func(b eventFeedbackButton) button.Data { return eventFeedbackAgainButton(b) }),
	eventIDKind("ev:fx", func(id uint64) button.Data { return eventFeedbackChangeButton{id} }),
	noFields("ev:m", eventManageButton{}),
	eventIDKind("ev:cx", func(id uint64) button.Data { return eventCancelButton{id} }),
	eventIDKind("ev:cy", func(id uint64) button.Data { return eventConfirmCancel{id} }),
	eventIDKind("ev:ed", func(id uint64) button.Data { return eventChangeMenu{id} }),
	eventIDKind("ev:et", func(id uint64) button.Data { return eventChangeField{id, service.EventChangeWhen} }),
	eventIDKind("ev:el", func(id uint64) button.Data { return eventChangeField{id, service.EventChangeLink} }),
	eventIDKind("ev:ew", func(id uint64) button.Data { return eventMessageButton{id} }),
	eventIDKind("ev:wy", func(id uint64) button.Data { return eventMessageOKButton{id} }),
	eventIDKind("ev:wn", func(id uint64) button.Data { return eventMessageNoButton{id} }),
	eventIDKind("ev:em", func(id uint64) button.Data { return eventMissedMessageButton{id} }),
	eventIDKind("ev:w", func(id uint64) button.Data { return eventWaitButton{id} }),
	eventIDKind("ev:fc", func(id uint64) button.Data { return eventAddCommentButton{id} }),
	eventIDKind("ev:cm", func(id uint64) button.Data { return eventCommentsButton{id} }),
	eventIDKind("ev:fq", func(id uint64) button.Data { return eventAskAgainButton{id} }),
	eventIDKind("ev:lw", func(id uint64) button.Data { return eventListWaitButton{id} }),
	{Prefix: "ev:len", Fields: 1, Longest: eventLengthButton{aulabot.EventMaxMinutes},
		Decode: func(f []string) (button.Data, bool) {
			n, ok := small(f[0])
			return eventLengthButton{n}, ok
		}},
	noFields("ev:nolimit", eventNoLimitButton{}),
	noFields("ev:ok", eventCreateButton{}),
	noFields("ev:x", eventDiscardButton{}),
	{Prefix: "ev:u", Fields: 1, Longest: eventUniversityButton{strings.Repeat("u", aulabot.MaxUniversityID)},
		Decode: func(f []string) (button.Data, bool) { return eventUniversityButton{f[0]}, f[0] != "" }},
	{Prefix: "ev:aud", Fields: 1, Longest: eventAudienceButton{aulabot.AudienceStudents},
		Decode: func(f []string) (button.Data, bool) {
			ok := f[0] == aulabot.AudienceTeachers || f[0] == aulabot.AudienceStudents || f[0] == aulabot.AudienceAll
			return eventAudienceButton{f[0]}, ok
		}},
}
