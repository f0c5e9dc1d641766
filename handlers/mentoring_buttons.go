package handlers

import (
	"math"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// Mentoring's buttons: the person's under "bk:", the rating "rt:", the
// mentor's slot panel "sl:", the guided /newslot "ns:" and the mentor's
// agenda pages "ag:". Ids and pages are decimal; a slot or booking the
// presser may not act on is the service's "not found".

// The person's buttons.
type (
	// bookMenuButton opens /mentoring: "bk:new".
	bookMenuButton struct{}
	// kindsButton is Back under a list of slots: the choice of a kind
	// again, in the same message: "bk:kinds".
	kindsButton struct{}
	// askMentorButton opens /mentoring from the knowledge base's answer
	// to a question, which becomes the topic: "bk:q:31".
	askMentorButton struct{ Question uint64 }
	// slotListButton is a page of the slots of a kind: "bk:k:p:0".
	slotListButton struct {
		Kind string // aulabot.SlotPersonal or SlotGroup
		Page int
	}
	// mentorSlotsButton is a page of a mentor's slots, of a kind or of
	// both (""; "a" in the data): "bk:mt:4001:a:0".
	mentorSlotsButton struct {
		Mentor int64
		Kind   string
		Page   int
	}
	// myBookingsButton is a page of /mybookings: "bk:m:1".
	myBookingsButton struct{ Page int }
	// nextFreeButton offers the earliest free slot of a kind: "bk:n:p".
	nextFreeButton struct{ Kind string }
	// watchSlotsButton asks to be told when a slot of a kind is
	// published: "bk:nt:p".
	watchSlotsButton struct{ Kind string }
	// showSlotButton shows a slot to book it: "bk:s:12".
	showSlotButton struct{ Slot uint64 }
	// confirmBookingButton books a seat: "bk:c:12".
	confirmBookingButton struct{ Slot uint64 }
	// waitlistButton joins a full slot's waitlist: "bk:w:12".
	waitlistButton struct{ Slot uint64 }
	// topicButton asks for the topic of a personal session: "bk:t:12".
	topicButton struct{ Slot uint64 }
	// cancelBookingButton asks to cancel a booking: "bk:x:7".
	cancelBookingButton struct{ Booking uint64 }
	// cancelSureButton is the second tap that cancels it: "bk:X:7".
	cancelSureButton struct{ Booking uint64 }
	// keepBookingButton is the way back: "bk:y:7".
	keepBookingButton struct{ Booking uint64 }
	// attendButton is "I'll attend" on a reminder: "bk:a:7".
	attendButton struct{ Booking uint64 }
	// changeBookingButton is a page of the slots a booking may change to:
	// "bk:r:7:0".
	changeBookingButton struct {
		Booking uint64
		Page    int
	}
	// changeToButton shows a change of a booking to a slot, to confirm:
	// "bk:o:7:12".
	changeToButton struct{ Booking, Slot uint64 }
	// changeSureButton is the tap that changes it: "bk:O:7:12".
	changeSureButton struct{ Booking, Slot uint64 }
	// writeMentorButton asks for a message to the booking's mentor:
	// "bk:wm:7".
	writeMentorButton struct{ Booking uint64 }
	// absentButton tells the mentor of a session under way, and the
	// coordination, that the presser waits for them: "bk:ab:7".
	absentButton struct{ Booking uint64 }
	// rateSessionButton rates a session: "rt:7:5".
	rateSessionButton struct {
		Booking uint64
		Stars   int
	}
	// rerateButton shows the stars of booking 7's session again, to
	// change its rating: "rr:7".
	rerateButton struct{ Booking uint64 }
)

func (b bookMenuButton) Encode() string  { return button.Join("bk:new") }
func (b kindsButton) Encode() string     { return button.Join("bk:kinds") }
func (b askMentorButton) Encode() string { return idData("bk:q", b.Question) }

// askMentor is the data of "Ask a mentor" under the answer to question
// (0: none known).
func askMentor(question uint64) button.Data {
	if question == 0 {
		return bookMenuButton{}
	}
	return askMentorButton{question}
}
func (b slotListButton) Encode() string {
	return button.Join("bk:k", kindCode(b.Kind), strconv.Itoa(b.Page))
}
func (b mentorSlotsButton) Encode() string {
	kind := "a"
	if b.Kind != "" {
		kind = kindCode(b.Kind)
	}
	return button.Join("bk:mt", strconv.FormatInt(b.Mentor, 10), kind, strconv.Itoa(b.Page))
}
func (b myBookingsButton) Encode() string     { return button.Join("bk:m", strconv.Itoa(b.Page)) }
func (b nextFreeButton) Encode() string       { return button.Join("bk:n", kindCode(b.Kind)) }
func (b watchSlotsButton) Encode() string     { return button.Join("bk:nt", kindCode(b.Kind)) }
func (b showSlotButton) Encode() string       { return idData("bk:s", b.Slot) }
func (b confirmBookingButton) Encode() string { return idData("bk:c", b.Slot) }
func (b waitlistButton) Encode() string       { return idData("bk:w", b.Slot) }
func (b topicButton) Encode() string          { return idData("bk:t", b.Slot) }
func (b cancelBookingButton) Encode() string  { return idData("bk:x", b.Booking) }
func (b attendButton) Encode() string         { return idData("bk:a", b.Booking) }
func (b cancelSureButton) Encode() string     { return idData("bk:X", b.Booking) }
func (b keepBookingButton) Encode() string    { return idData("bk:y", b.Booking) }
func (b changeBookingButton) Encode() string {
	return button.Join("bk:r", strconv.FormatUint(b.Booking, 10), strconv.Itoa(b.Page))
}
func (b changeToButton) Encode() string {
	return button.Join("bk:o", strconv.FormatUint(b.Booking, 10), strconv.FormatUint(b.Slot, 10))
}
func (b changeSureButton) Encode() string {
	return button.Join("bk:O", strconv.FormatUint(b.Booking, 10), strconv.FormatUint(b.Slot, 10))
}
func (b rateSessionButton) Encode() string {
	return button.Join("rt", strconv.FormatUint(b.Booking, 10), strconv.Itoa(b.Stars))
}
func (b rerateButton) Encode() string { return idData("rr", b.Booking) }

// The mentor's buttons on a slot.
type (
	// slotViewButton opens the slot's panel: "sl:v:3".
	slotViewButton struct{ Slot uint64 }
	// slotPageButton turns the page of its people: "sl:p:3:1".
	slotPageButton struct {
		Slot uint64
		Page int
	}
	// slotCancelButton asks the reason to cancel the session: "sl:x:3".
	slotCancelButton struct{ Slot uint64 }
	// slotCancelNowButton cancels it without a reason: "sl:X:3".
	slotCancelNowButton struct{ Slot uint64 }
	// slotCancelOKButton cancels it with the reason typed, once seen:
	// "sl:xy:3".
	slotCancelOKButton struct{ Slot uint64 }
	// keepSlotButton is the way back from cancelling it: "sl:k:3".
	keepSlotButton struct{ Slot uint64 }
	// capacityButton sets the seats of a group session: "sl:c:3:12".
	capacityButton struct {
		Slot     uint64
		Capacity int
	}
	// noteButton asks for the private note: "sl:n:3".
	noteButton struct{ Slot uint64 }
	// slotTopicButton asks for a session's new topic: "sl:tp:3".
	slotTopicButton struct{ Slot uint64 }
	// moveButton asks for the new time: "sl:m:3".
	moveButton struct{ Slot uint64 }
	// moveOKButton moves it to the time typed, once seen: "sl:mv:3".
	moveOKButton struct{ Slot uint64 }
	// copyButton asks for the day and time of a copy of the session:
	// "sl:cp:3"; copyWeekButton plans it a week on, the first such time
	// to come: "sl:cw:3"; copyOKButton publishes the copy planned, once
	// seen: "sl:cy:3"; copyNoButton publishes nothing: "sl:cn:3".
	copyButton     struct{ Slot uint64 }
	copyWeekButton struct{ Slot uint64 }
	copyOKButton   struct{ Slot uint64 }
	copyNoButton   struct{ Slot uint64 }
	// sendLinkButton asks for the meeting link to send: "sl:l:3".
	sendLinkButton struct{ Slot uint64 }
	// sendLinkOKButton sends the link pasted without it, once seen:
	// "sl:ly:3"; keepLinkButton sends nothing: "sl:ln:3".
	sendLinkOKButton struct{ Slot uint64 }
	keepLinkButton   struct{ Slot uint64 }
	// messageBookedButton asks for a message to those holding a seat:
	// "sl:w:3".
	messageBookedButton struct{ Slot uint64 }
	// messageOKButton sends the message read from the words that asked
	// for it, once seen: "sl:wy:3"; messageNoButton sends nothing:
	// "sl:wn:3".
	messageOKButton struct{ Slot uint64 }
	messageNoButton struct{ Slot uint64 }
	// answerBookedButton asks for the mentor's answer to the person of a
	// booking: "sl:rp:7".
	answerBookedButton struct{ Booking uint64 }
	// attendanceButton marks whether the person of a booking came:
	// "sl:a:7:1" (came), "sl:a:7:0" (missed).
	attendanceButton struct {
		Booking uint64
		Came    bool
	}
	// allCameButton marks as come everyone booked in a started session
	// and not marked yet: "sl:aa:7".
	allCameButton struct{ Slot uint64 }
	// agendaButton is a page of /slots ("ag:s:1"), /today ("ag:t:1"),
	// the sessions of the last week ("ag:p:0"), or of this week's or the
	// next's ("ag:w:1", "ag:n:1"): View is one of the agenda views
	// (slot.go).
	agendaButton struct {
		View string
		Page int
	}
)

func (b slotViewButton) Encode() string { return idData("sl:v", b.Slot) }
func (b slotPageButton) Encode() string {
	return button.Join("sl:p", strconv.FormatUint(b.Slot, 10), strconv.Itoa(b.Page))
}
func (b slotCancelButton) Encode() string    { return idData("sl:x", b.Slot) }
func (b slotCancelNowButton) Encode() string { return idData("sl:X", b.Slot) }
func (b slotCancelOKButton) Encode() string  { return idData("sl:xy", b.Slot) }
func (b keepSlotButton) Encode() string      { return idData("sl:k", b.Slot) }
func (b capacityButton) Encode() string {
	return button.Join("sl:c", strconv.FormatUint(b.Slot, 10), strconv.Itoa(b.Capacity))
}
func (b noteButton) Encode() string          { return idData("sl:n", b.Slot) }
func (b slotTopicButton) Encode() string     { return idData("sl:tp", b.Slot) }
func (b moveButton) Encode() string          { return idData("sl:m", b.Slot) }
func (b moveOKButton) Encode() string        { return idData("sl:mv", b.Slot) }
func (b copyButton) Encode() string          { return idData("sl:cp", b.Slot) }
func (b copyWeekButton) Encode() string      { return idData("sl:cw", b.Slot) }
func (b copyOKButton) Encode() string        { return idData("sl:cy", b.Slot) }
func (b copyNoButton) Encode() string        { return idData("sl:cn", b.Slot) }
func (b sendLinkButton) Encode() string      { return idData("sl:l", b.Slot) }
func (b sendLinkOKButton) Encode() string    { return idData("sl:ly", b.Slot) }
func (b keepLinkButton) Encode() string      { return idData("sl:ln", b.Slot) }
func (b messageBookedButton) Encode() string { return idData("sl:w", b.Slot) }
func (b messageOKButton) Encode() string     { return idData("sl:wy", b.Slot) }
func (b messageNoButton) Encode() string     { return idData("sl:wn", b.Slot) }
func (b answerBookedButton) Encode() string  { return idData("sl:rp", b.Booking) }
func (b allCameButton) Encode() string       { return idData("sl:aa", b.Slot) }
func (b writeMentorButton) Encode() string   { return idData("bk:wm", b.Booking) }
func (b absentButton) Encode() string        { return idData("bk:ab", b.Booking) }
func (b attendanceButton) Encode() string {
	came := "0"
	if b.Came {
		came = "1"
	}
	return button.Join("sl:a", strconv.FormatUint(b.Booking, 10), came)
}

// agendaKind is the button kind of the pages of agenda view v.
func agendaKind(v string) button.Kind {
	return button.Kind{Prefix: "ag:" + v, Fields: 1, Longest: agendaButton{v, math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) { page, ok := small(f[0]); return agendaButton{v, page}, ok }}
}

func (b agendaButton) Encode() string { return button.Join("ag:"+b.View, strconv.Itoa(b.Page)) }

// The guided /newslot's buttons.
type (
	nsDayButton     struct{ Date string }  // "ns:d:2026-03-12"
	nsTimeButton    struct{ Clock string } // "ns:t:15:00"
	nsMinutesButton struct{ Minutes int }  // "ns:m:60"
	nsKindButton    struct{ Kind string }  // "ns:k:g"
	nsCapButton     struct{ Capacity int } // "ns:c:20"
	nsSkipButton    struct{}               // "ns:skip"
	nsOKButton      struct{}               // "ns:ok"
	nsNoButton      struct{}               // "ns:no"
	nsRepeatButton  struct{}               // "ns:rep": 🔁 Every week
	nsWeeksButton   struct{ Weeks int }    // "ns:w:8": for 8 weeks
	nsOnceButton    struct{}               // "ns:once": back to the summary
)

func (b nsDayButton) Encode() string { return button.Join("ns:d", b.Date) }
func (b nsTimeButton) Encode() string {
	h, m, _ := strings.Cut(b.Clock, ":")
	return button.Join("ns:t", h, m)
}
func (b nsMinutesButton) Encode() string { return button.Join("ns:m", strconv.Itoa(b.Minutes)) }
func (b nsKindButton) Encode() string    { return button.Join("ns:k", kindCode(b.Kind)) }
func (b nsCapButton) Encode() string     { return button.Join("ns:c", strconv.Itoa(b.Capacity)) }
func (nsSkipButton) Encode() string      { return button.Join("ns:skip") }
func (nsOKButton) Encode() string        { return button.Join("ns:ok") }
func (nsNoButton) Encode() string        { return button.Join("ns:no") }
func (nsRepeatButton) Encode() string    { return button.Join("ns:rep") }
func (b nsWeeksButton) Encode() string   { return button.Join("ns:w", strconv.Itoa(b.Weeks)) }
func (nsOnceButton) Encode() string      { return button.Join("ns:once") }

// mentoringButtons encodes the buttons the mentoring service puts on its
// messages to other people (service.MentoringButtons); New gives it to
// the service.
type mentoringButtons struct{}

func (mentoringButtons) Book() string                   { return bookMenuButton{}.Encode() }
func (mentoringButtons) CancelBooking(id uint64) string { return cancelBookingButton{id}.Encode() }
func (mentoringButtons) ChangeBooking(id uint64) string { return changeBookingButton{id, 0}.Encode() }
func (mentoringButtons) WriteMentor(id uint64) string   { return writeMentorButton{id}.Encode() }
func (mentoringButtons) AnswerBooked(id uint64) string  { return answerBookedButton{id}.Encode() }
func (mentoringButtons) Attend(id uint64) string        { return attendButton{id}.Encode() }
func (mentoringButtons) ViewSlot(id uint64) string      { return slotViewButton{id}.Encode() }
func (mentoringButtons) SendLink(id uint64) string      { return sendLinkButton{id}.Encode() }
func (mentoringButtons) ShowSlot(id uint64) string      { return showSlotButton{id}.Encode() }
func (mentoringButtons) Slots(kind string) string       { return slotListButton{kind, 0}.Encode() }
func (mentoringButtons) Rate(id uint64, stars int) string {
	return rateSessionButton{id, stars}.Encode()
}

// kindCode is a slot kind on a button: "p" or "g".
func kindCode(kind string) string { return kind[:1] }

// kindOf reads a kind code.
func kindOf(code string) (string, bool) {
	switch code {
	case "p":
		return aulabot.SlotPersonal, true
	case "g":
		return aulabot.SlotGroup, true
	}
	return "", false
}

func idData(prefix string, id uint64) string {
	return button.Join(prefix, strconv.FormatUint(id, 10))
}

// idField reads a slot or booking id: a number from 1.
func idField(field string) (uint64, bool) {
	n, ok := button.Uint(field)
	return n, ok && n > 0
}

// small reads a page, minutes or a capacity: a number from 0 that fits
// an int32 (anything larger is no button the bot made).
func small(field string) (int, bool) {
	n, ok := button.Uint(field)
	return int(n), ok && n <= math.MaxInt32
}

// idKind is the kind of a button whose one field is an id.
func idKind(prefix string, make func(id uint64) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 1, Longest: make(math.MaxUint64),
		Decode: func(f []string) (button.Data, bool) { n, ok := idField(f[0]); return make(n), ok }}
}

// bookingSlotKind is the kind of a button whose fields are a booking and
// a slot.
func bookingSlotKind(prefix string, make func(booking, slot uint64) button.Data) button.Kind {
	return button.Kind{Prefix: prefix, Fields: 2, Longest: make(math.MaxUint64, math.MaxUint64),
		Decode: func(f []string) (button.Data, bool) {
			b, ok1 := idField(f[0])
			s, ok2 := idField(f[1])
			return make(b, s), ok1 && ok2
		}}
}

// mentoringButtonKinds are the kinds above.
var mentoringButtonKinds = []button.Kind{
	noFields("bk:new", bookMenuButton{}),
	noFields("bk:kinds", kindsButton{}),
	idKind("bk:q", func(n uint64) button.Data { return askMentorButton{n} }),
	{Prefix: "bk:k", Fields: 2, Longest: slotListButton{Kind: aulabot.SlotPersonal, Page: math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) {
			kind, ok1 := kindOf(f[0])
			page, ok2 := small(f[1])
			return slotListButton{kind, page}, ok1 && ok2
		}},
	{Prefix: "bk:mt", Fields: 3, Longest: mentorSlotsButton{math.MaxInt64, aulabot.SlotPersonal, math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) {
			mentor, ok1 := button.Int(f[0])
			kind, ok2 := "", f[1] == "a"
			if !ok2 {
				kind, ok2 = kindOf(f[1])
			}
			page, ok3 := small(f[2])
			return mentorSlotsButton{mentor, kind, page}, ok1 && mentor > 0 && ok2 && ok3
		}},
	{Prefix: "bk:m", Fields: 1, Longest: myBookingsButton{math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) { page, ok := small(f[0]); return myBookingsButton{page}, ok }},
	{Prefix: "bk:n", Fields: 1, Longest: nextFreeButton{aulabot.SlotPersonal},
		Decode: func(f []string) (button.Data, bool) { kind, ok := kindOf(f[0]); return nextFreeButton{kind}, ok }},
	{Prefix: "bk:nt", Fields: 1, Longest: watchSlotsButton{aulabot.SlotPersonal},
		Decode: func(f []string) (button.Data, bool) { kind, ok := kindOf(f[0]); return watchSlotsButton{kind}, ok }},
	idKind("bk:s", func(n uint64) button.Data { return showSlotButton{n} }),
	idKind("bk:c", func(n uint64) button.Data { return confirmBookingButton{n} }),
	idKind("bk:w", func(n uint64) button.Data { return waitlistButton{n} }),
	idKind("bk:t", func(n uint64) button.Data { return topicButton{n} }),
	idKind("bk:x", func(n uint64) button.Data { return cancelBookingButton{n} }),
	idKind("bk:a", func(n uint64) button.Data { return attendButton{n} }),
	idKind("bk:X", func(n uint64) button.Data { return cancelSureButton{n} }),
	idKind("bk:y", func(n uint64) button.Data { return keepBookingButton{n} }),
	{Prefix: "bk:r", Fields: 2, Longest: changeBookingButton{math.MaxUint64, math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) {
			b, ok1 := idField(f[0])
			page, ok2 := small(f[1])
			return changeBookingButton{b, page}, ok1 && ok2
		}},
	bookingSlotKind("bk:o", func(b, s uint64) button.Data { return changeToButton{b, s} }),
	bookingSlotKind("bk:O", func(b, s uint64) button.Data { return changeSureButton{b, s} }),
	idKind("bk:wm", func(n uint64) button.Data { return writeMentorButton{n} }),
	idKind("bk:ab", func(n uint64) button.Data { return absentButton{n} }),
	heldNoteKind,
	{Prefix: "rt", Fields: 2, Longest: rateSessionButton{math.MaxUint64, 5},
		Decode: func(f []string) (button.Data, bool) {
			b, ok1 := idField(f[0])
			stars, ok2 := small(f[1])
			return rateSessionButton{b, stars}, ok1 && ok2
		}},
	idKind("rr", func(n uint64) button.Data { return rerateButton{n} }),

	idKind("sl:v", func(n uint64) button.Data { return slotViewButton{n} }),
	{Prefix: "sl:p", Fields: 2, Longest: slotPageButton{math.MaxUint64, math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) {
			s, ok1 := idField(f[0])
			page, ok2 := small(f[1])
			return slotPageButton{s, page}, ok1 && ok2
		}},
	idKind("sl:x", func(n uint64) button.Data { return slotCancelButton{n} }),
	idKind("sl:X", func(n uint64) button.Data { return slotCancelNowButton{n} }),
	idKind("sl:xy", func(n uint64) button.Data { return slotCancelOKButton{n} }),
	idKind("sl:k", func(n uint64) button.Data { return keepSlotButton{n} }),
	{Prefix: "sl:c", Fields: 2, Longest: capacityButton{math.MaxUint64, math.MaxInt32},
		Decode: func(f []string) (button.Data, bool) {
			s, ok1 := idField(f[0])
			n, ok2 := small(f[1])
			return capacityButton{s, n}, ok1 && ok2
		}},
	idKind("sl:n", func(n uint64) button.Data { return noteButton{n} }),
	idKind("sl:tp", func(n uint64) button.Data { return slotTopicButton{n} }),
	idKind("sl:m", func(n uint64) button.Data { return moveButton{n} }),
	idKind("sl:mv", func(n uint64) button.Data { return moveOKButton{n} }),
	idKind("sl:cp", func(n uint64) button.Data { return copyButton{n} }),
	idKind("sl:cw", func(n uint64) button.Data { return copyWeekButton{n} }),
	idKind("sl:cy", func(n uint64) button.Data { return copyOKButton{n} }),
	idKind("sl:cn", func(n uint64) button.Data { return copyNoButton{n} }),
	idKind("sl:l", func(n uint64) button.Data { return sendLinkButton{n} }),
	idKind("sl:ly", func(n uint64) button.Data { return sendLinkOKButton{n} }),
	idKind("sl:ln", func(n uint64) button.Data { return keepLinkButton{n} }),
	idKind("sl:w", func(n uint64) button.Data { return messageBookedButton{n} }),
	idKind("sl:wy", func(n uint64) button.Data { return messageOKButton{n} }),
	idKind("sl:wn", func(n uint64) button.Data { return messageNoButton{n} }),
	idKind("sl:rp", func(n uint64) button.Data { return answerBookedButton{n} }),
	idKind("sl:aa", func(n uint64) button.Data { return allCameButton{n} }),
	{Prefix: "sl:a", Fields: 2, Longest: attendanceButton{math.MaxUint64, true},
		Decode: func(f []string) (button.Data, bool) {
			b, ok := idField(f[0])
			return attendanceButton{b, f[1] == "1"}, ok && (f[1] == "0" || f[1] == "1")
		}},
	agendaKind(agendaUpcoming), agendaKind(agendaToday), agendaKind(agendaRecent), agendaKind(agendaThisWeek), agendaKind(agendaNextWeek),

	{Prefix: "ns:d", Fields: 1, Longest: nsDayButton{"2026-12-31"},
		Decode: func(f []string) (button.Data, bool) {
			_, _, _, err := aulabot.ParseDate(f[0])
			return nsDayButton{f[0]}, err == nil && len(f[0]) == len("2006-01-02")
		}},
	{Prefix: "ns:t", Fields: 2, Longest: nsTimeButton{"23:59"},
		Decode: func(f []string) (button.Data, bool) {
			h, ok1 := clockField(f[0], 23)
			m, ok2 := clockField(f[1], 59)
			return nsTimeButton{h + ":" + m}, ok1 && ok2
		}},
	{Prefix: "ns:m", Fields: 1, Longest: nsMinutesButton{aulabot.SlotMaxMinutes},
		Decode: func(f []string) (button.Data, bool) { n, ok := small(f[0]); return nsMinutesButton{n}, ok }},
	{Prefix: "ns:k", Fields: 1, Longest: nsKindButton{aulabot.SlotPersonal},
		Decode: func(f []string) (button.Data, bool) { kind, ok := kindOf(f[0]); return nsKindButton{kind}, ok }},
	{Prefix: "ns:c", Fields: 1, Longest: nsCapButton{aulabot.SlotMaxCapacity},
		Decode: func(f []string) (button.Data, bool) { n, ok := small(f[0]); return nsCapButton{n}, ok }},
	noFields("ns:skip", nsSkipButton{}),
	noFields("ns:rep", nsRepeatButton{}),
	{Prefix: "ns:w", Fields: 1, Longest: nsWeeksButton{repeatMaxWeeks},
		Decode: func(f []string) (button.Data, bool) { n, ok := small(f[0]); return nsWeeksButton{n}, ok }},
	noFields("ns:once", nsOnceButton{}),
	noFields("ns:ok", nsOKButton{}),
	noFields("ns:no", nsNoButton{}),
}

// clockField reads two digits up to max: the hour or minute of "15:00".
func clockField(f string, max int) (string, bool) {
	if len(f) != 2 || f[0] < '0' || f[0] > '9' || f[1] < '0' || f[1] > '9' {
		return f, false
	}
	n, _ := strconv.Atoi(f)
	return f, n <= max
}
