package handlers

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// BookingTx is what mentoring needs of a transaction (store/slot.go and
// store/booking.go implement it).
type BookingTx interface {
	Slot(id uint64) (aulabot.Slot, bool, error)
	CreateSlot(uni string, mentor int64, mentorName string, n aulabot.NewSlot) (aulabot.Slot, error)
	CreateSlots(uni string, mentor int64, mentorName string, ns []aulabot.NewSlot) ([]aulabot.Slot, int, error)
	MentorSlots(mentor int64, from, to time.Time) ([]aulabot.Slot, error)
	UniversitySlots(uni string, from, to time.Time) ([]aulabot.Slot, error)
	CancelSlot(id uint64, by int64, reason string) (aulabot.Slot, []aulabot.Booking, error)
	SetCapacity(id uint64, by int64, capacity int, rules aulabot.BookingRules) (aulabot.Slot, []aulabot.Booking, error)
	MoveSlot(id uint64, by int64, start time.Time) (aulabot.Slot, []aulabot.Booking, error)
	SetSlotNote(id uint64, by int64, note string) (aulabot.Slot, error)
	Booking(id uint64) (aulabot.Booking, bool, error)
	SlotBookings(slot uint64) ([]aulabot.Booking, error)
	UserBookings(user int64) ([]aulabot.Booking, error)
	BookSlot(id uint64, u aulabot.User, rules aulabot.BookingRules) (aulabot.Booking, error)
	JoinWaitlist(id uint64, u aulabot.User, rules aulabot.BookingRules) (aulabot.Booking, error)
	CancelBooking(id uint64, by int64, override bool, rules aulabot.BookingRules) (aulabot.Cancellation, error)
	MarkAttendance(id uint64, by int64, attended bool) (aulabot.Booking, error)
	RateBooking(id uint64, by int64, stars int, comment string) (aulabot.Booking, error)
	SetBookingTopic(id uint64, by int64, topic string) (aulabot.Booking, error)
	NoShows(user int64) int64
}

// slotsPerPage is how many slots one list shows.
const slotsPerPage = 5

// routeBooking registers mentoring: slots, bookings, reminders.
func (h *Handlers) routeBooking(r *router) {
	r.commands["mentoring"] = with(h.mentoring, private, onboarded)
	r.commands["mybookings"] = with(h.myBookings, private, onboarded)
	r.callbacks["bk"] = with(h.onBooking, private)
	r.callbacks["rt"] = with(h.onRate, private)
	r.flows[flowRate] = h.onRateComment
	r.flows[flowBookTopic] = h.onBookTopic
	r.menu["menu.mentoring"] = "mentoring"
	r.menu["menu.mybookings"] = "mybookings"
	h.routeSlots(r)
}

// mentoring asks for the kind of session.
func (h *Handlers) mentoring(c *Ctx) error {
	c.ReplyButtons(c.T("booking.choose_kind"), [][]aulabot.Button{
		{{Text: c.T("booking.button_personal"), Data: "bk:k:p:0"}, {Text: c.T("booking.button_group"), Data: "bk:k:g:0"}},
		{{Text: c.T("booking.button_next_personal"), Data: "bk:n:p"}, {Text: c.T("booking.button_next_group"), Data: "bk:n:g"}},
		{{Text: c.T("event.button_trainings"), Data: eventListButton{}.Encode()}},
	})
	return nil
}

func kindOf(s string) (string, bool) {
	switch s {
	case "p":
		return aulabot.SlotPersonal, true
	case "g":
		return aulabot.SlotGroup, true
	}
	return "", false
}

// callbackID reads the number at position i of the callback data split by ':'.
func callbackID(c *Ctx, i int) (uint64, error) {
	parts := strings.Split(c.U.Callback.Data, ":")
	if i >= len(parts) {
		return 0, aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	id, err := strconv.ParseUint(parts[i], 10, 64)
	if err != nil || id == 0 {
		return 0, aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	return id, nil
}

// onBooking handles the person's buttons: bk:new, bk:k (list), bk:n (next
// free), bk:s (show), bk:c (confirm), bk:w (waitlist), bk:x (cancel),
// bk:a (will attend).
func (h *Handlers) onBooking(c *Ctx) error {
	parts := strings.Split(c.U.Callback.Data, ":")
	if len(parts) < 2 {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	// A mentor or coordinator may cancel someone's booking without /start.
	if parts[1] != "x" && (!c.Known || !c.User.Onboarded()) {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
	}
	switch parts[1] {
	case "new":
		c.Answer("")
		return h.mentoring(c)
	case "k":
		kind, ok := kindOf(at(parts, 2))
		page, err := pageArg(at(parts, 3))
		if !ok || err != nil {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		return h.listSlots(c, kind, page)
	case "m":
		page, err := pageArg(at(parts, 2))
		if err != nil {
			return err
		}
		c.Answer("")
		return h.bookingsPage(c, page)
	case "n":
		kind, ok := kindOf(at(parts, 2))
		if !ok {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		return h.nextFree(c, kind)
	}
	id, err := callbackID(c, 2)
	if err != nil {
		return err
	}
	switch parts[1] {
	case "s":
		return h.showSlot(c, id)
	case "c":
		return h.book(c, id, false)
	case "w":
		return h.book(c, id, true)
	case "x":
		return h.cancelBooking(c, id)
	case "a":
		return h.willAttend(c, id)
	case "t":
		if err := h.checkSlotVisible(c, id); err != nil {
			return err
		}
		c.SetState(aulabot.State{Flow: flowBookTopic}.With("slot", strconv.FormatUint(id, 10)))
		c.Answer("")
		c.Reply(c.T("booking.topic_ask"))
		return nil
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

func at(parts []string, i int) string {
	if i < len(parts) {
		return parts[i]
	}
	return ""
}

// offered returns the slots of kind the user may look at now: their
// university's, between the notice and the horizon.
func (h *Handlers) offered(c *Ctx, kind string) ([]aulabot.Slot, error) {
	rules := h.Config.Booking
	now := h.Now()
	var out []aulabot.Slot
	err := c.view(func(tx Tx) error {
		all, err := tx.UniversitySlots(c.User.University, now.Add(rules.Notice()), now.Add(rules.Ahead()).Add(time.Second))
		for _, s := range all {
			if s.Kind == kind && s.Mentor != c.User.ID && (s.SeatsLeft() > 0 || kind == aulabot.SlotGroup) {
				out = append(out, s)
			}
		}
		return err
	})
	return out, err
}

// listSlots shows one page of the slots of kind as buttons.
func (h *Handlers) listSlots(c *Ctx, kind string, page int) error {
	slots, err := h.offered(c, kind)
	if err != nil {
		return err
	}
	c.Answer("")
	if len(slots) == 0 {
		c.Reply(c.T("booking.none_" + kind))
		return nil
	}
	k := kind[:1]
	p := paged(len(slots), slotsPerPage, page)
	from, to := p.items()
	var rows [][]aulabot.Button
	for _, s := range slots[from:to] {
		rows = append(rows, []aulabot.Button{{Text: h.slotButton(c, s), Data: fmt.Sprintf("bk:s:%d", s.ID)}})
	}
	if nav := p.nav(c, func(n int) string { return fmt.Sprintf("bk:k:%s:%d", k, n) }); nav != nil {
		rows = append(rows, nav)
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("booking.button_next_free"), Data: "bk:n:" + k}})
	c.ReplyButtons(c.T("booking.list_"+kind, "page", p.page+1, "pages", p.pages()), rows)
	return nil
}

// nextFree offers the earliest slot of kind with a free seat, to confirm.
func (h *Handlers) nextFree(c *Ctx, kind string) error {
	slots, err := h.offered(c, kind)
	if err != nil {
		return err
	}
	for _, s := range slots {
		if s.SeatsLeft() > 0 {
			return h.showSlot(c, s.ID)
		}
	}
	c.Answer("")
	c.Reply(c.T("booking.none_" + kind))
	return nil
}

// visibleSlot loads slot id if the user may see it (a live slot of their
// university).
func (h *Handlers) visibleSlot(c *Ctx, id uint64) (s aulabot.Slot, err error) {
	err = c.view(func(tx Tx) error {
		var ok bool
		s, ok, err = tx.Slot(id)
		if err == nil && (!ok || s.Cancelled || s.University != c.User.University) {
			return aulabot.Errorf(aulabot.ENOTFOUND, "booking.err_no_slot")
		}
		return err
	})
	return s, err
}

func (h *Handlers) checkSlotVisible(c *Ctx, id uint64) error {
	_, err := h.visibleSlot(c, id)
	return err
}

// showSlot shows one slot with Confirm (or Join waitlist when full); a
// personal slot also offers to state the topic first.
func (h *Handlers) showSlot(c *Ctx, id uint64) error {
	s, err := h.visibleSlot(c, id)
	if err != nil {
		return err
	}
	c.Answer("")
	btn := aulabot.Button{Text: c.T("booking.button_confirm"), Data: fmt.Sprintf("bk:c:%d", id)}
	if s.SeatsLeft() == 0 {
		btn = aulabot.Button{Text: c.T("booking.button_waitlist"), Data: fmt.Sprintf("bk:w:%d", id)}
	}
	rows := [][]aulabot.Button{{btn}}
	if s.Kind == aulabot.SlotPersonal && s.SeatsLeft() > 0 {
		rows = append(rows, []aulabot.Button{{Text: c.T("booking.button_topic"), Data: fmt.Sprintf("bk:t:%d", id)}})
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("button.cancel"), Data: "bk:k:" + s.Kind[:1] + ":0"}})
	c.ReplyButtons(h.slotText(c.Lang, s), rows)
	return nil
}

// flowBookTopic collects the topic of a personal booking before Confirm.
// Data: slot, topic.
const flowBookTopic = "booktopic"

// onBookTopic keeps the topic the person typed and offers Confirm; when
// the knowledge base has an answer for the topic it is offered first.
func (h *Handlers) onBookTopic(c *Ctx) error {
	topic := aulabot.CleanText(strings.TrimSpace(c.U.Text))
	if err := (aulabot.NewSlot{Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1, Topic: topic}).Validate(); err != nil {
		return err
	}
	id, err := strconv.ParseUint(c.State.Get("slot"), 10, 64)
	if err != nil {
		c.ClearState()
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	c.SetState(c.State.With("topic", topic))
	if text, rows, ok := h.kbSuggest(c, topic); ok {
		c.ReplyButtons(text, rows)
	}
	c.ReplyButtons(c.T("booking.topic_noted", "topic", topic), [][]aulabot.Button{
		{{Text: c.T("booking.button_confirm"), Data: fmt.Sprintf("bk:c:%d", id)}},
	})
	return nil
}

// book takes a seat (or a waitlist place) in slot id and, in the same
// transaction, queues the confirmation with its .ics, the reminders and a
// note to the mentor.
func (h *Handlers) book(c *Ctx, id uint64, wait bool) error {
	topic := ""
	if c.State.Flow == flowBookTopic && c.State.Get("slot") == strconv.FormatUint(id, 10) {
		topic = c.State.Get("topic")
		c.ClearState()
	}
	return c.Commit(func(tx Tx) error {
		var b aulabot.Booking
		var err error
		if wait {
			b, err = tx.JoinWaitlist(id, c.User, h.Config.Booking)
		} else {
			b, err = tx.BookSlot(id, c.User, h.Config.Booking)
		}
		if aulabot.ErrorKey(err) == "booking.err_full" {
			c.Answer(c.T("booking.full_short"))
			c.ReplyButtons(c.T("booking.full"), [][]aulabot.Button{
				{{Text: c.T("booking.button_waitlist"), Data: fmt.Sprintf("bk:w:%d", id)}},
				{{Text: c.T("booking.button_next_free"), Data: "bk:n:" + "g"}},
			})
			return nil
		}
		if err != nil {
			return err
		}
		if topic != "" && !wait {
			if b, err = tx.SetBookingTopic(b.ID, c.U.From.ID, topic); err != nil {
				return err
			}
		}
		s, _, err := tx.Slot(id)
		if err != nil {
			return err
		}
		if wait {
			c.Answer(c.T("booking.waiting_short"))
			c.Reply(c.T("booking.waiting", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "position", s.Waiting))
			return nil
		}
		c.Answer(c.T("booking.booked_short"))
		if err := h.confirmed(tx, c.User, b, s, "booking.booked"); err != nil {
			return err
		}
		mentor, _, err := tx.User(s.Mentor)
		if err != nil {
			return err
		}
		lang := mentor.Language(h.Config.Language)
		_, err = tx.Enqueue(aulabot.Message{ChatID: s.Mentor, Text: h.cat.T(lang, "slot.new_booking",
			"name", c.User.Name, "slot", i18n.HTML(h.slotLine(lang, s)), "booked", s.Booked, "capacity", s.Capacity,
			"topic", i18n.HTML(h.topicLine(lang, b.Topic)))})
		return err
	})
}

// confirmed queues, for a person who now holds a seat, the confirmation
// (text key) with the .ics file and buttons, and schedules the reminders.
// An anonymous booking (its person deleted their data) gets nothing.
func (h *Handlers) confirmed(tx Tx, u aulabot.User, b aulabot.Booking, s aulabot.Slot, key string) error {
	if b.User == 0 {
		return nil // the person deleted their data: nobody to tell
	}
	lang := u.Language(h.Config.Language)
	T := func(k string, args ...any) string { return h.cat.T(lang, k, args...) }
	_, err := tx.Enqueue(aulabot.Message{ChatID: b.User, Text: T(key, "slot", i18n.HTML(h.slotLine(lang, s)), "link", i18n.HTML(h.linkLine(lang, s))),
		File:   h.icsFile(lang, b, s, tx.Now()),
		Inline: [][]aulabot.Button{{{Text: T("booking.button_cancel_booking"), Data: fmt.Sprintf("bk:x:%d", b.ID)}}}})
	if err != nil {
		return err
	}
	return h.scheduleReminders(tx, lang, b, s)
}

// icsFile is booking b as a calendar file: the event, or its cancellation
// (same UID) once b is cancelled.
func (h *Handlers) icsFile(lang string, b aulabot.Booking, s aulabot.Slot, now time.Time) *aulabot.OutFile {
	T := func(k string, args ...any) string { return h.cat.T(lang, k, args...) }
	desc := T("booking.ics_description", "mentor", s.MentorName, "topic", s.Topic, "link", i18n.HTML(h.linkLine(lang, s)))
	ics := aulabot.ICS(b, s, stripTags(T("booking.ics_summary", "mentor", s.MentorName)), stripTags(desc), now)
	return &aulabot.OutFile{Name: fmt.Sprintf("mentoring-%d.ics", b.ID), Data: ics}
}

// scheduleReminders queues the 24 h and 1 h reminders of booking b (those
// still ahead), replacing any queued before (a moved booking).
func (h *Handlers) scheduleReminders(tx Tx, lang string, b aulabot.Booking, s aulabot.Slot) error {
	prefix := fmt.Sprintf("remind:b%d:", b.ID)
	if _, err := tx.CancelOutbox(prefix); err != nil {
		return err
	}
	for _, r := range []struct {
		label string
		d     time.Duration
	}{{"24h", 24 * time.Hour}, {"1h", time.Hour}} {
		when := s.Start.Add(-r.d)
		if !when.After(tx.Now()) {
			continue
		}
		_, err := tx.Enqueue(aulabot.Message{Key: prefix + r.label, ChatID: b.User, NotBefore: when,
			Text: h.cat.T(lang, "booking.reminder_"+r.label, "slot", i18n.HTML(h.slotLine(lang, s)), "link", i18n.HTML(h.linkLine(lang, s))),
			Inline: [][]aulabot.Button{{
				{Text: h.cat.T(lang, "booking.button_attend"), Data: fmt.Sprintf("bk:a:%d", b.ID)},
				{Text: h.cat.T(lang, "booking.button_cancel_booking"), Data: fmt.Sprintf("bk:x:%d", b.ID)},
			}}})
		if err != nil {
			return err
		}
	}
	return nil
}
