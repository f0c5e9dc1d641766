package service

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// The person's side of mentoring: finding a slot, booking it (or its
// waitlist), cancelling, "I'll attend", and deleting their data.

// Offered returns the slots of kind person u may look at now, in date
// order: their university's, between the notice and the horizon, not
// their own; personal ones only with a free seat.
func (m *Mentoring) Offered(tx MentoringTx, u aulabot.User, kind string) ([]aulabot.Slot, error) {
	rules := m.Config.Booking
	now := tx.Now()
	all, err := tx.UniversitySlots(u.University, now.Add(rules.Notice()), now.Add(rules.Ahead()).Add(time.Second))
	var out []aulabot.Slot
	for _, s := range all {
		if s.Kind == kind && s.Mentor != u.ID && (s.SeatsLeft() > 0 || kind == aulabot.SlotGroup) {
			out = append(out, s)
		}
	}
	return out, err
}

// Visible returns slot id if person u may see it: a live slot of their
// university.
func (m *Mentoring) Visible(tx MentoringTx, u aulabot.User, id uint64) (aulabot.Slot, error) {
	s, ok, err := tx.Slot(id)
	if err == nil && (!ok || s.Cancelled || s.University != u.University) {
		return s, noSlot()
	}
	return s, err
}

// Seat is person u's live booking of slot id, if any.
func (m *Mentoring) Seat(tx MentoringTx, u aulabot.User, slot uint64) (aulabot.Booking, bool, error) {
	seats, err := m.Seats(tx, u)
	b, ok := seats[slot]
	return b, ok, err
}

// Seats are person u's live bookings (a seat or a waitlist place), by
// slot.
func (m *Mentoring) Seats(tx MentoringTx, u aulabot.User) (map[uint64]aulabot.Booking, error) {
	bs, err := tx.UserBookings(u.ID)
	seats := map[uint64]aulabot.Booking{}
	for _, b := range bs {
		if b.Status != aulabot.BookingCancelled {
			seats[b.Slot] = b
		}
	}
	return seats, err
}

// MayBook reports why person u cannot take a seat in slot s (or wait for
// one) whatever the slot's seats: their own slot, an overlapping booking,
// the maximum of active bookings (store's Tx.MayBook); nil if they can.
func (m *Mentoring) MayBook(tx MentoringTx, u aulabot.User, s aulabot.Slot) error {
	return tx.MayBook(s, u.ID, m.Config.Booking)
}

// AskTopic starts FlowBookTopic for slot id, which u must be able to see
// and book (MayBook).
func (m *Mentoring) AskTopic(tx MentoringTx, u aulabot.User, id uint64) (aulabot.State, error) {
	s, err := m.Visible(tx, u, id)
	if err != nil {
		return aulabot.State{}, err
	}
	if err := m.MayBook(tx, u, s); err != nil {
		return aulabot.State{}, err
	}
	return FlowBookTopic.At(MentoringText, BookTopic{Slot: id}), nil
}

// Topic keeps the topic typed in FlowBookTopic state st: the state the
// flow goes on with and the slot it is for.
func (m *Mentoring) Topic(st aulabot.State, text string) (aulabot.State, uint64, error) {
	d, ok := FlowBookTopic.Data(st)
	if !ok || d.Slot == 0 {
		return aulabot.State{}, 0, stale()
	}
	topic := aulabot.CleanText(text)
	if err := (aulabot.NewSlot{Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1, Topic: topic}).Validate(); err != nil {
		return st, 0, err
	}
	d.Topic = topic
	return FlowBookTopic.At(MentoringText, d), d.Slot, nil
}

// AskMentor starts FlowAskMentor with person u's question id (theirs,
// else "not found"): the session they book next carries it as its topic.
func (m *Mentoring) AskMentor(tx MentoringTx, u aulabot.User, question uint64) (aulabot.State, string, error) {
	q, ok, err := tx.Question(question)
	if err != nil {
		return aulabot.State{}, "", err
	}
	if !ok || q.UserID != u.ID {
		return aulabot.State{}, "", stale()
	}
	topic := Short(aulabot.CleanText(q.Text), aulabot.SlotMaxTopic)
	return FlowAskMentor.At(MentoringText, BookTopic{Topic: topic}), topic, nil
}

// Booked is the result of Book: a seat (Booking active), a waitlist place
// (Booking waiting), or Full (nothing changed: the last seat went).
type Booked struct {
	Booking aulabot.Booking
	Slot    aulabot.Slot
	Full    bool
	// Topic reports that the topic of FlowBookTopic was used: the flow is
	// over.
	Topic bool
}

// Book gives person u a seat in slot id (or, wait, a place on its
// waitlist), under the booking rules (store's Tx.BookSlot). With a seat,
// the topic u typed in FlowBookTopic (state st) is kept, the reminders are
// scheduled and the mentor is told. The confirmation is the caller's to
// show (Confirmation).
func (m *Mentoring) Book(tx Tx, u aulabot.User, st aulabot.State, id uint64, wait bool) (Booked, error) {
	var res Booked
	topic := ""
	if d, ok := FlowBookTopic.Data(st); ok && d.Slot == id {
		topic, res.Topic = d.Topic, true
	}
	if d, ok := FlowAskMentor.Data(st); ok {
		topic, res.Topic = d.Topic, true
	}
	var err error
	if wait {
		res.Booking, err = tx.JoinWaitlist(id, u, m.Config.Booking)
	} else {
		res.Booking, err = tx.BookSlot(id, u, m.Config.Booking)
	}
	if aulabot.ErrorKey(err) == "booking.err_full" {
		res.Full = true
		res.Slot, _, err = tx.Slot(id)
		return res, err
	}
	if err != nil {
		return res, err
	}
	if topic != "" && !wait {
		if res.Booking, err = tx.SetBookingTopic(res.Booking.ID, u.ID, topic); err != nil {
			return res, err
		}
	}
	if res.Slot, _, err = tx.Slot(id); err != nil || wait {
		return res, err
	}
	if err := m.scheduleReminders(tx, u.Language(m.Config.Language), res.Booking, res.Slot); err != nil {
		return res, err
	}
	if err := m.seated(tx, res.Booking); err != nil {
		return res, err
	}
	return res, m.tellBooked(tx, u, res.Booking, res.Slot)
}

// tellBooked tells the mentor of s that person u took a seat (booking b).
func (m *Mentoring) tellBooked(tx MentoringTx, u aulabot.User, b aulabot.Booking, s aulabot.Slot) error {
	_, lang, err := m.person(tx, s.Mentor)
	if err != nil {
		return err
	}
	view := [][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_view"), Data: m.Buttons.ViewSlot(s.ID)}}}
	msg := aulabot.Message{ChatID: s.Mentor, Inline: view, Text: m.Cat.T(lang, "slot.new_booking",
		"name", u.Name, "slot", i18n.HTML(m.SlotLine(lang, s)), "booked", s.Booked, "capacity", s.Capacity,
		"topic", i18n.HTML(m.TopicLine(lang, b.Topic)))}
	if s.Kind == aulabot.SlotGroup {
		recent, err := m.bookedSince(tx, s.ID, tx.Now().Truncate(NewsWindow))
		if err != nil {
			return err
		}
		m.together(&msg, newsRef(s.ID, tx.Now()), lang, "slot.new_bookings", recent, s)
	}
	_, err = tx.Enqueue(msg)
	return err
}

// together makes msg, the mentor's notice of one of bs (the bookings of
// s that one window's notice ref tells of, oldest first), the first
// notice of the window, ref, or, with several, the edit of it into text
// key listing them all.
func (m *Mentoring) together(msg *aulabot.Message, ref, lang, key string, bs []aulabot.Booking, s aulabot.Slot) {
	msg.Ref = ref
	if len(bs) > 1 {
		msg.Ref, msg.EditRef = "", ref
		msg.Text = m.Cat.N(lang, key, len(bs), "names", m.names(lang, bs),
			"slot", i18n.HTML(m.SlotLine(lang, s)), "booked", s.Booked, "capacity", s.Capacity)
	}
}

// NewsWindow is how long the bookings of one group session go in one
// notice to its mentor: the first booking of a window sends "📥 Ana
// booked", the next ones edit it into "📥 3 people booked: Ana, Luis,
// Eva", so that a session filling after an announcement does not buzz
// the mentor's phone once a seat (seen in the sandbox: a message per
// booking). Windows are fixed, from the hour and the half hour.
const NewsWindow = 30 * time.Minute

// newsRef names the notice of the bookings of slot id in the window of at.
func newsRef(id uint64, at time.Time) string {
	return "slotnews:" + strconv.FormatUint(id, 10) + ":" + strconv.FormatInt(at.Truncate(NewsWindow).Unix(), 10)
}

// bookedSince are the active bookings of slot id made from since on,
// oldest first.
func (m *Mentoring) bookedSince(tx MentoringTx, id uint64, since time.Time) ([]aulabot.Booking, error) {
	bs, err := tx.SlotBookings(id)
	if err != nil {
		return nil, err
	}
	bs = slices.DeleteFunc(bs, func(b aulabot.Booking) bool { return b.Status != aulabot.BookingActive || b.Created.Before(since) })
	slices.SortFunc(bs, func(a, b aulabot.Booking) int { return a.Created.Compare(b.Created) })
	return bs, nil
}

// namesShown is how many names a notice of several bookings lists.
const namesShown = 10

// names lists the people of bookings bs in lang: the first namesShown,
// then how many more.
func (m *Mentoring) names(lang string, bs []aulabot.Booking) string {
	var out []string
	for i, b := range bs {
		if i == namesShown {
			out = append(out, m.Cat.N(lang, "slot.names_more", len(bs)-namesShown))
			break
		}
		out = append(out, m.PersonName(lang, b.Name))
	}
	return strings.Join(out, ", ")
}

// Confirmation is the message telling the person of booking b, in lang,
// that they hold a seat in s (text key: booked, promoted, moved, changed,
// with args of its own), with the calendar file and Cancel.
func (m *Mentoring) Confirmation(tx MentoringTx, lang, key string, b aulabot.Booking, s aulabot.Slot, args ...any) aulabot.Message {
	T := func(k string, args ...any) string { return m.Cat.T(lang, k, args...) }
	args = append([]any{"slot", i18n.HTML(m.SlotLine(lang, s)), "link", i18n.HTML(m.LinkLine(lang, s)), "remind", i18n.HTML(T(remindLine(s, tx.Now())))}, args...)
	return aulabot.Message{ChatID: b.User, Text: T(key, args...),
		File: m.icsFile(lang, b, s, tx.Now()),
		Inline: [][]aulabot.Button{{{Text: T("booking.button_cancel_booking"), Data: m.Buttons.CancelBooking(b.ID)}},
			{{Text: T("booking.button_change"), Data: m.Buttons.ChangeBooking(b.ID)}}}}
}

// confirm queues, for the person of booking b who now holds a seat, the
// confirmation (text key) and schedules the reminders. An anonymous
// booking (its person deleted their data) gets nothing.
func (m *Mentoring) confirm(tx MentoringTx, b aulabot.Booking, s aulabot.Slot, key string) error {
	if b.User == 0 {
		return nil
	}
	_, lang, err := m.person(tx, b.User)
	if err != nil {
		return err
	}
	if _, err := tx.Enqueue(m.Confirmation(tx, lang, key, b, s)); err != nil {
		return err
	}
	return m.scheduleReminders(tx, lang, b, s)
}

// reminder is when a booking's person is reminded of its session: d
// before its start.
type reminder struct {
	label string
	d     time.Duration
}

// reminders are a booking's reminders.
var reminders = []reminder{{"24h", 24 * time.Hour}, {"1h", time.Hour}}

// until is when reminder r stops being true, in the session's zone loc:
// the start for "starts in 1 hour", the day of the session for "you have
// mentoring tomorrow". Not sent by then (the bot was down), it is dropped.
func (r reminder) until(s aulabot.Slot, loc *time.Location) time.Time {
	if r.d < 24*time.Hour {
		return s.Start
	}
	start := s.Start.In(loc)
	return time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
}

// remindLine is the key of the confirmation's line on the reminders to
// come for a session of slot s booked at now: only those still ahead are
// sent (a booking 20 hours before gets the 1 h one alone; the
// confirmation once promised both whatever the time).
func remindLine(s aulabot.Slot, now time.Time) string {
	switch {
	case s.Start.Add(-reminders[0].d).After(now):
		return "booking.remind_both"
	case s.Start.Add(-reminders[1].d).After(now):
		return "booking.remind_1h"
	}
	return "booking.remind_soon"
}

// scheduleReminders queues the 24 h and 1 h reminders of booking b (those
// still ahead), replacing any queued before (a moved booking).
func (m *Mentoring) scheduleReminders(tx MentoringTx, lang string, b aulabot.Booking, s aulabot.Slot) error {
	if _, err := tx.CancelOutbox(reminderPrefix(b.ID)); err != nil {
		return err
	}
	for _, r := range reminders {
		when := s.Start.Add(-r.d)
		if !when.After(tx.Now()) {
			continue
		}
		rows := [][]aulabot.Button{{
			{Text: m.Cat.T(lang, "booking.button_attend"), Data: m.Buttons.Attend(b.ID)},
			{Text: m.Cat.T(lang, "booking.button_cancel_booking"), Data: m.Buttons.CancelBooking(b.ID)},
		}}
		if r.d > m.Config.Booking.Cutoff() {
			rows = append(rows, []aulabot.Button{{Text: m.Cat.T(lang, "booking.button_change"), Data: m.Buttons.ChangeBooking(b.ID)}})
		}
		rows = append(rows, m.WriteRow(lang, b.ID, s.MentorName))
		_, err := tx.Enqueue(aulabot.Message{Key: ReminderKey(b.ID, r.label), ChatID: b.User, NotBefore: when, NotAfter: r.until(s, m.Config.Loc(s.University)),
			Text:   m.Cat.T(lang, "booking.reminder_"+r.label, "slot", i18n.HTML(m.SlotLine(lang, s)), "link", i18n.HTML(m.LinkLine(lang, s))),
			Inline: rows})
		if err != nil {
			return err
		}
	}
	return nil
}

// Cancelled is the result of Cancel: the booking as it was (Booking, with
// the person's name) and as it is now with its slot (Now).
type Cancelled struct {
	Booking aulabot.Booking
	Now     aulabot.Cancellation
	// Override: a mentor or coordinator cancelled someone else's booking.
	Override bool
	// TooLate (CancelPreview): its owner may no longer cancel the seat,
	// past the cutoff.
	TooLate bool
}

// CancelPreview is what Cancel would cancel, for the second tap that
// confirms it: booking id, live, and by's own or (Override) in a session
// by mentors or coordinates. Nothing changes.
func (m *Mentoring) CancelPreview(tx MentoringTx, by int64, roles aulabot.Roles, id uint64) (Cancelled, error) {
	b, ok, err := tx.Booking(id)
	if err != nil {
		return Cancelled{}, err
	}
	if !ok || b.Status == aulabot.BookingCancelled {
		return Cancelled{}, noBooking()
	}
	s, _, err := tx.Slot(b.Slot)
	if err != nil {
		return Cancelled{}, err
	}
	res := Cancelled{Booking: b, Now: aulabot.Cancellation{Booking: b, Slot: s}}
	res.Override = b.User != by && (s.Mentor == by || roles.IsCoordinator(s.University))
	if b.User != by && !res.Override {
		return Cancelled{}, noBooking()
	}
	res.TooLate = !res.Override && b.Status == aulabot.BookingActive && m.Config.Booking.PastCutoff(s.Start, tx.Now())
	return res, nil
}

// Cancel cancels booking id on behalf of by (with roles): its owner before
// the cutoff, the slot's mentor or a coordinator at any time. Its reminders
// go; someone else's booking is told to its owner with the calendar
// cancellation; the freed seat goes to the first person waiting who may
// still take it, told here too, or else, in a personal slot, is told to
// those waiting for one (tellFreed).
func (m *Mentoring) Cancel(tx Tx, by int64, roles aulabot.Roles, id uint64) (Cancelled, error) {
	var res Cancelled
	b, ok, err := tx.Booking(id)
	if err != nil {
		return res, err
	}
	if !ok {
		return res, noBooking()
	}
	s, _, err := tx.Slot(b.Slot)
	if err != nil {
		return res, err
	}
	res.Booking = b
	res.Override = b.User != by && (s.Mentor == by || roles.IsCoordinator(s.University))
	if res.Now, err = tx.CancelBooking(id, by, res.Override, m.Config.Booking); err != nil {
		return res, err
	}
	if _, err := tx.CancelOutbox(reminderPrefix(id)); err != nil {
		return res, err
	}
	if res.Override && b.User != 0 {
		_, lang, err := m.person(tx, b.User)
		if err != nil {
			return res, err
		}
		if _, err := tx.Enqueue(aulabot.Message{ChatID: b.User, Text: m.Cat.T(lang, "booking.cancelled_by_mentor", "slot", i18n.HTML(m.SlotLine(lang, s))),
			File: m.icsFile(lang, res.Now.Booking, s, tx.Now())}); err != nil {
			return res, err
		}
	}
	freedBy := "" // the mentor hears of the cancellation with the promotion
	if s.Mentor != by {
		freedBy = b.Name
		if res.Now.Promoted == nil {
			if err := m.tellCancelled(tx, res.Now); err != nil {
				return res, err
			}
		}
	}
	if p := res.Now.Promoted; p != nil {
		return res, m.promote(tx, *p, res.Now.Slot, freedBy)
	}
	return res, m.tellFreed(tx, res.Now)
}

// promote confirms the seat of booking p, moved up from the waitlist of
// s, and tells the mentor who took it: with whose cancellation freed it
// when freedBy names them ("↩️ Ana cancelled and ⏫ Luis took the seat
// from the waitlist", one message where a cancellation and its promotion
// were two), else alone.
func (m *Mentoring) promote(tx Tx, p aulabot.Booking, s aulabot.Slot, freedBy string) error {
	if err := m.confirm(tx, p, s, "booking.promoted"); err != nil {
		return err
	}
	if err := m.waitOver(tx, p, s); err != nil {
		return err
	}
	if err := m.seated(tx, p); err != nil {
		return err
	}
	if freedBy != "" {
		return m.tellMentor(tx, s, "slot.cancelled_promoted", freedBy, p.Name)
	}
	return m.tellMentor(tx, s, "slot.promoted_notice", p.Name)
}

// WaitRef names the message that says booking id waits on a waitlist
// ("⏳ You are on the waitlist (place 1) of: …", with its button to leave
// it), so that its promotion can change it.
func WaitRef(id uint64) string { return "bkwait:" + strconv.FormatUint(id, 10) }

// MarkWaiting names message messageID of chat as the one that says
// booking id waits (WaitRef).
func (m *Mentoring) MarkWaiting(tx MentoringTx, id uint64, chat int64, messageID int) error {
	return tx.PutRef(WaitRef(id), chat, messageID)
}

// waitOver changes the message that said promoted booking p waited on
// the waitlist of s, when one is known: it kept "You are on the waitlist"
// and Leave the waitlist above the message that gave the seat. Bookings
// that joined before 5 December have none, and nothing is sent for them
// (an edit of an unknown message would come as a new one).
func (m *Mentoring) waitOver(tx MentoringTx, p aulabot.Booking, s aulabot.Slot) error {
	if _, _, ok := tx.Ref(WaitRef(p.ID)); !ok || p.User == 0 {
		return nil
	}
	_, lang, err := m.person(tx, p.User)
	if err != nil {
		return err
	}
	_, err = tx.Enqueue(aulabot.Message{ChatID: p.User, EditRef: WaitRef(p.ID),
		Text: m.Cat.T(lang, "booking.wait_over", "slot", i18n.HTML(m.SlotLine(lang, s)))})
	return err
}

// tellMentor tells the mentor of s (text key) what happened to the
// booking of the person named name, and of the one named promoted, if
// any, who took its seat from the waitlist.
func (m *Mentoring) tellMentor(tx MentoringTx, s aulabot.Slot, key, name string, promoted ...string) error {
	msg, _, err := m.mentorNotice(tx, s, key, name, promoted...)
	if err != nil {
		return err
	}
	_, err = tx.Enqueue(msg)
	return err
}

// mentorNotice is tellMentor's message, and the mentor's language.
func (m *Mentoring) mentorNotice(tx MentoringTx, s aulabot.Slot, key, name string, promoted ...string) (aulabot.Message, string, error) {
	_, lang, err := m.person(tx, s.Mentor)
	if err != nil {
		return aulabot.Message{}, lang, err
	}
	args := []any{"name", m.PersonName(lang, name), "slot", i18n.HTML(m.SlotLine(lang, s)), "booked", s.Booked, "capacity", s.Capacity}
	for _, p := range promoted {
		args = append(args, "promoted", m.PersonName(lang, p))
	}
	return aulabot.Message{ChatID: s.Mentor, Text: m.Cat.N(lang, key, s.SeatsLeft(), args...),
		Inline: [][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_view"), Data: m.Buttons.ViewSlot(s.ID)}}}}, lang, nil
}

// tellCancelled tells the mentor of a cancellation c that freed a seat
// nobody was waiting for. Those of a group session given up by their
// people in one NewsWindow go in one notice, as its bookings do: the
// first sends "↩️ Ana cancelled", the next edit it into "↩️ 3 people
// cancelled: Ana, Luis, Eva" (until 5 December one message each; a
// session emptying after a change of plans buzzed the mentor's phone
// once a seat). A move to another slot, a waitlist place given up and a
// personal session's cancellation keep a message of their own.
func (m *Mentoring) tellCancelled(tx MentoringTx, c aulabot.Cancellation) error {
	s := c.Slot
	msg, lang, err := m.mentorNotice(tx, s, "slot.booking_cancelled", c.Booking.Name)
	if err != nil {
		return err
	}
	if c.Booking.GaveUp && s.Kind == aulabot.SlotGroup {
		bs, err := tx.SlotBookings(s.ID)
		if err != nil {
			return err
		}
		since := tx.Now().Truncate(NewsWindow)
		bs = slices.DeleteFunc(bs, func(b aulabot.Booking) bool { return !b.GaveUp || b.Updated.Before(since) })
		slices.SortFunc(bs, func(a, b aulabot.Booking) int { return a.Updated.Compare(b.Updated) })
		m.together(&msg, cancelsRef(s.ID, tx.Now()), lang, "slot.bookings_cancelled", bs, s)
	}
	_, err = tx.Enqueue(msg)
	return err
}

// cancelsRef names the notice of the cancellations of slot id in the
// window of at (tellCancelled).
func cancelsRef(id uint64, at time.Time) string {
	return "slotcx:" + strconv.FormatUint(id, 10) + ":" + strconv.FormatInt(at.Truncate(NewsWindow).Unix(), 10)
}

// CancelFile is the calendar cancellation of a cancelled booking, in lang.
func (m *Mentoring) CancelFile(tx MentoringTx, lang string, c aulabot.Cancellation) *aulabot.OutFile {
	return m.icsFile(lang, c.Booking, c.Slot, tx.Now())
}

// WillAttend checks "I'll attend" on a reminder: booking id must be by's
// and active.
func (m *Mentoring) WillAttend(tx MentoringTx, by int64, id uint64) error {
	b, ok, err := tx.Booking(id)
	if err != nil {
		return err
	}
	if !ok || b.User != by || b.Status != aulabot.BookingActive {
		return noBooking()
	}
	return nil
}

// AwaitingRating returns user's bookings of sessions they attended,
// marked so within SlotFollowUp and not yet rated (they were asked for
// stars): a "5" typed under the question is for one of them, when there
// is only one waiting on the person.
func (m *Mentoring) AwaitingRating(tx MentoringTx, user int64) ([]aulabot.Booking, error) {
	bs, err := tx.UserBookings(user)
	return slices.DeleteFunc(bs, func(b aulabot.Booking) bool {
		return b.Attendance != aulabot.Attended || b.Rating != 0 || tx.Now().Sub(b.Updated) >= SlotFollowUp
	}), err
}

// Upcoming is a booking of the person still ahead, with its slot.
type Upcoming struct {
	Booking aulabot.Booking
	Slot    aulabot.Slot
}

// Upcoming returns user's bookings and waitlist places whose session has
// not ended, in date order.
func (m *Mentoring) Upcoming(tx MentoringTx, user int64) ([]Upcoming, error) {
	bs, err := tx.UserBookings(user)
	if err != nil {
		return nil, err
	}
	var out []Upcoming
	for _, b := range bs {
		if b.Status == aulabot.BookingCancelled {
			continue
		}
		s, ok, err := tx.Slot(b.Slot)
		if err != nil {
			return nil, err
		}
		if ok && s.End().After(tx.Now()) {
			out = append(out, Upcoming{b, s})
		}
	}
	slices.SortStableFunc(out, func(a, b Upcoming) int { return a.Slot.Start.Compare(b.Slot.Start) })
	return out, nil
}

// LastMentor is the mentor of user's latest booking not cancelled (the
// last made, ahead or past): "the same mentor" one asks to book with.
// False when they have none.
func (m *Mentoring) LastMentor(tx MentoringTx, user int64) (int64, bool, error) {
	bs, err := tx.UserBookings(user)
	if err != nil {
		return 0, false, err
	}
	for _, b := range slices.Backward(bs) {
		if b.Status == aulabot.BookingCancelled {
			continue
		}
		s, ok, err := tx.Slot(b.Slot)
		if err != nil {
			return 0, false, err
		}
		if ok {
			return s.Mentor, true, nil
		}
	}
	return 0, false, nil
}

// LastAttended is user's booking of the latest session they attended
// (its mentor marked them present), which they may rate (RerateAsk);
// false when there is none.
func (m *Mentoring) LastAttended(tx MentoringTx, user int64) (aulabot.Booking, bool, error) {
	bs, err := tx.UserBookings(user)
	if err != nil {
		return aulabot.Booking{}, false, err
	}
	var last aulabot.Booking
	var start time.Time
	for _, b := range bs {
		if b.Attendance != aulabot.Attended {
			continue
		}
		s, ok, err := tx.Slot(b.Slot)
		if err != nil {
			return aulabot.Booking{}, false, err
		}
		if ok && s.Start.After(start) {
			last, start = b, s.Start
		}
	}
	return last, !start.IsZero(), nil
}

// Erase is mentoring's part of deleting user's data (one of
// Onboarding.Erasers): the reminders of their future bookings go; the
// store frees the seats, keeps past bookings anonymous and forgets their
// waits for new slots.
func (m *Mentoring) Erase(tx Tx, user int64) error {
	bs, err := tx.UserBookings(user)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if b.Status == aulabot.BookingCancelled {
			continue
		}
		if _, err := tx.CancelOutbox(reminderPrefix(b.ID)); err != nil {
			return err
		}
	}
	return nil
}

// seated runs the Seated hook for booking b, which has a seat now.
func (m *Mentoring) seated(tx Tx, b aulabot.Booking) error {
	if m.Seated == nil || b.User == 0 {
		return nil
	}
	return m.Seated(tx, b)
}
