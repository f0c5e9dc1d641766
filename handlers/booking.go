package handlers

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// Mentoring's handlers, the person's side: each decodes the command,
// button or text, calls one use case of the mentoring service
// (service.Mentoring) and renders the reply. The rules, the flows, what is
// stored and what other people are sent are the service's.

// slotsPerPage is how many slots one list shows.
const slotsPerPage = 8

// routeBooking registers mentoring: slots, bookings, reminders.
func (h *Handlers) routeBooking(r *router) {
	r.commands["mentoring"] = with(h.mentoring, private, onboarded)
	r.commands["mybookings"] = with(h.myBookings, private, onboarded)
	r.callbacks["bk"] = with(h.onBooking, private)
	r.callbacks["rt"] = with(h.onRate, private)
	r.callbacks["rr"] = with(h.onRerate, private)
	r.flows[service.FlowRate.Name] = h.onRateComment
	r.flows[service.FlowBookTopic.Name] = h.onBookTopic
	r.flows[service.FlowAskMentor.Name] = h.onAskMentorText
	r.flows[service.FlowWriteMentor.Name] = h.onWriteMentorText
	r.fileFlows[service.FlowWriteMentor.Name] = true
	r.flows[service.FlowNoteHeld.Name] = with(h.onHeldNoteText, private, onboarded)
	r.flows[service.FlowToldNote.Name] = func(c *Ctx) error { c.ClearState(); return ErrNotMine } // other words: read as any
	r.fileFlows[service.FlowNoteHeld.Name] = true
	r.menu["menu.mentoring"] = "mentoring"
	r.menu["menu.mybookings"] = "mybookings"
	h.routeSlots(r)
}

// mentoringMenu is /mentoring's menu: a row per line. Another kind of
// session (trainings) adds its row here. The kinds' words typed soon
// after ("personal", "grupal", "individual", "en grupo") open their lists
// (typedPress): until 6 December "personal" got an article on changing
// one's profile (seen in the sandbox).
func (h *Handlers) mentoringMenu(c *Ctx) [][]aulabot.Button {
	rows := [][]aulabot.Button{
		{{Text: c.T("booking.button_personal"), Data: slotListButton{aulabot.SlotPersonal, 0}.Encode()},
			{Text: c.T("booking.button_group"), Data: slotListButton{aulabot.SlotGroup, 0}.Encode()}},
		{{Text: c.T("booking.button_next_personal"), Data: nextFreeButton{aulabot.SlotPersonal}.Encode()},
			{Text: c.T("booking.button_next_group"), Data: nextFreeButton{aulabot.SlotGroup}.Encode()}},
		{{Text: c.T("event.button_trainings"), Data: eventListButton{}.Encode()}},
	}
	// The other buttons' words too ("next free slot": which kind?).
	c.offerChoices(append(h.kindChoices(), slices.Concat(rows[1:]...)...))
	return rows
}

// kindChoices are the words typed for /mentoring's kinds, with their
// buttons: offered under its menu, and under a list of slots, from which
// one may go to the other kind.
func (h *Handlers) kindChoices() []aulabot.Button {
	personal, group := slotListButton{aulabot.SlotPersonal, 0}.Encode(), slotListButton{aulabot.SlotGroup, 0}.Encode()
	var choices []aulabot.Button
	for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
		choices = append(choices, aulabot.Button{Text: h.cat.T(lang, "booking.button_personal"), Data: personal},
			aulabot.Button{Text: h.cat.T(lang, "booking.button_group"), Data: group})
	}
	for _, w := range []string{"individual", "una persona", "individuales", "personales", "uno a uno", "one on one",
		"1 a 1", "1 on 1", "a solas", "privada", "private"} {
		choices = append(choices, aulabot.Button{Text: w, Data: personal})
	}
	for _, w := range []string{"grupo", "en grupo", "grupal", "grupales", "group", "con mis compañeros", "con mis compañeras",
		"con mi compañero", "con mi compañera", "con mis amigos", "con mi grupo", "en equipo", "with my classmates",
		"with my friends", "with my group", "in a group"} {
		choices = append(choices, aulabot.Button{Text: w, Data: group})
	}
	return choices
}

// mentoring asks for the kind of session, unless the words that asked
// for it name a mentor (their slots: mentorNamed) or a kind ("quiero una
// mentoría personal el lunes a las 10"): then its slots, or the one slot
// whose day and time they name too (listSlots). Such words showed the kinds (seen in the sandbox).
func (h *Handlers) mentoring(c *Ctx) error {
	guest := false
	if kb := c.kb(); kb != nil && c.asked != "" && c.U.Callback == nil && kb.BookingGuest(c.asked) {
		// "¿puedo llevar a un compañero a mi mentoría?": each person books
		// their own seat, said above the sessions (suggestions, seen in
		// the sandbox).
		guest, c.notice = true, strings.TrimSpace(c.notice+"\n"+c.T("booking.guest"))
	}
	if shown, err := h.mentorNamed(c); shown || err != nil {
		return err
	}
	if guest {
		return h.pressTyped(c, slotListButton{aulabot.SlotGroup, 0}.Encode())
	}
	if data, ok := namedChoice(c.asked, h.kindChoices()); ok {
		return h.pressTyped(c, data)
	}
	if day, ok := c.namedDay(c.asked); ok {
		if shown, err := h.slotsOnDay(c, day); shown || err != nil {
			return err
		}
	} else if shown, err := h.slotsOfWeek(c); shown || err != nil {
		return err
	}
	c.ReplyButtons(c.T("booking.choose_kind"), h.mentoringMenu(c))
	return nil
}

// slotsOfWeek shows the slots of both kinds in the week that the words
// asking for a session name ("are there any sessions this week?", "¿hay
// mentorías la próxima semana?" showed the kinds, the week dropped, seen
// in the sandbox), as slotsOnDay does a day's: one is its card, several
// are listed (the first slotsPerPage), none says so above the kinds
// (false). False too when no week is named.
func (h *Handlers) slotsOfWeek(c *Ctx) (bool, error) {
	from, to, next, ok := namedWeek(c.asked, h.Now(), h.Config.Loc(c.User.University))
	if !ok {
		return false, nil
	}
	slots, seats, err := h.offeredAll(c)
	if err != nil {
		return false, err
	}
	slots = slices.DeleteFunc(slots, func(s aulabot.Slot) bool { return s.Start.Before(from) || !s.Start.Before(to) })
	week := c.T("booking.period_this_week")
	if next {
		week = c.T("booking.period_next_week")
	}
	named := h.slotChoices(c, slots, seats)
	if len(named) == 0 {
		c.notice = c.T("booking.none_that_week", "week", week)
		return false, nil
	}
	return true, h.replySlots(c, named, func(n int) string { return c.N("booking.on_week", n, "week", week) })
}

// slotsOnDay shows the slots of both kinds that the words asking for a
// session name by their day (and time): "quiero una mentoría el
// miércoles", "¿hay mentorías mañana?" showed the kinds, the day
// dropped (seen in the sandbox). One slot named is its card; several
// are listed (the first slotsPerPage); none says so, above the kinds
// (false: the caller shows them).
func (h *Handlers) slotsOnDay(c *Ctx, day time.Time) (bool, error) {
	slots, seats, err := h.offeredAll(c)
	if err != nil {
		return false, err
	}
	named := c.namedAt(c.asked, h.slotChoices(c, slots, seats))
	if len(named) > 0 {
		h.timeMissed(c, day, named)
	}
	if len(named) == 0 {
		c.notice = c.T("booking.none_that_day", "day", h.day(c.Lang, c.User.University, day))
		return false, nil
	}
	return true, h.replySlots(c, named, func(n int) string {
		return c.N("booking.on_day", n, "day", h.day(c.Lang, c.User.University, day))
	})
}

// timeMissed says above the answer that no slot is free at the time the
// words asking for one name, when named, that day's, has none at it
// ("quiero la sesión del jueves a las 5" showed Thursday's at 09:00 with
// nothing said, seen in the sandbox); an hour before noon typed without
// a word of the morning is either, as atWhen reads it, and said as the
// afternoon's.
func (h *Handlers) timeMissed(c *Ctx, day time.Time, named []choice) {
	loc := h.Config.Loc(c.User.University)
	at, clock, ok := c.namedWhen(c.asked, loc)
	if !ok || !clock {
		return
	}
	pm := at.In(loc).Hour() < 12 && !morningWords(c.asked)
	if slices.ContainsFunc(named, func(b choice) bool { return b.at.Equal(at) || pm && b.at.Equal(at.Add(12*time.Hour)) }) {
		return
	}
	if pm {
		at = at.Add(12 * time.Hour) // said as the afternoon's
	}
	c.notice = c.T("booking.none_at_time", "day", h.day(c.Lang, c.User.University, day), "time", at.In(loc).Format("15:04"))
}

// replySlots answers with the card of the one slot named, or with
// title(n) over the first slotsPerPage of those named (n of them), one
// button each, and the kinds' lists under them; their days, times and the
// kinds typed are their presses.
func (h *Handlers) replySlots(c *Ctx, named []choice, title func(n int) string) error {
	if len(named) == 1 {
		return h.pressTyped(c, named[0].Data)
	}
	named = named[:min(len(named), slotsPerPage)]
	rows := make([][]aulabot.Button, 0, len(named)+1)
	for _, b := range named {
		rows = append(rows, []aulabot.Button{b.Button})
	}
	c.offerTimed(append(named, kindsAsChoices(h.kindChoices())...))
	rows = append(rows, []aulabot.Button{{Text: c.T("booking.button_personal"), Data: slotListButton{aulabot.SlotPersonal, 0}.Encode()},
		{Text: c.T("booking.button_group"), Data: slotListButton{aulabot.SlotGroup, 0}.Encode()}})
	c.ReplyButtons(title(len(named)), rows)
	return nil
}

// slotChoices are slots as choices to book, each a button to its card.
func (h *Handlers) slotChoices(c *Ctx, slots []aulabot.Slot, seats map[uint64]aulabot.Booking) []choice {
	choices := make([]choice, len(slots))
	for i, s := range slots {
		choices[i] = choice{Button: aulabot.Button{Text: kindMark(s) + h.slotButtonText(c, s, seats), Data: showSlotButton{s.ID}.Encode()}, at: s.Start}
	}
	return choices
}

// offeredAll are the slots of both kinds offered to the person, in
// order of their start, and their bookings by slot.
func (h *Handlers) offeredAll(c *Ctx) (slots []aulabot.Slot, seats map[uint64]aulabot.Booking, err error) {
	err = c.view(func(tx Tx) error {
		for _, kind := range []string{aulabot.SlotPersonal, aulabot.SlotGroup} {
			offered, err := h.svc.Mentoring.Offered(tx, c.User, kind)
			if err != nil {
				return err
			}
			slots = append(slots, offered...)
		}
		var err error
		seats, err = h.svc.Mentoring.Seats(tx, c.User)
		return err
	})
	slices.SortStableFunc(slots, func(a, b aulabot.Slot) int { return a.Start.Compare(b.Start) })
	return slots, seats, err
}

// kindMark starts a slot's label in a list of both kinds.
func kindMark(s aulabot.Slot) string {
	if s.Kind == aulabot.SlotGroup {
		return "👥 "
	}
	return "👤 "
}

// kindsAsChoices are the kinds' words (kindChoices) as choices.
func kindsAsChoices(bs []aulabot.Button) []choice {
	out := make([]choice, len(bs))
	for i, b := range bs {
		out[i] = choice{Button: b}
	}
	return out
}

// askMentor opens the menu with the question the knowledge base could not
// answer as the topic of the session the person books.
func (h *Handlers) askMentor(c *Ctx, question uint64) error {
	var st aulabot.State
	var topic string
	err := c.view(func(tx Tx) (err error) { st, topic, err = h.svc.Mentoring.AskMentor(tx, c.User, question); return err })
	if err != nil {
		return err
	}
	c.SetState(st)
	c.Answer("")
	c.ReplyButtons(c.T("booking.choose_kind")+"\n\n"+c.T("booking.question_as_topic", "topic", topic), h.mentoringMenu(c))
	return nil
}

// mentoringAsked opens the menu with the words that asked for a mentor
// for something of the person's own ("quiero que un mentor revise mi
// sílabo": knowledge.MentorTopic) as the topic of the session they book,
// as 🧑‍🏫 Ask a mentor carries a question: they got suggestions of
// articles (seen in the sandbox).
func (h *Handlers) mentoringAsked(c *Ctx) error {
	// A question ("¿mi mentora me puede ayudar con el sílabo?") goes as
	// the question it is.
	d := service.BookTopic{Topic: service.Short(aulabot.CleanText(c.asked), aulabot.SlotMaxTopic), Asked: !strings.ContainsAny(c.asked, "?¿")}
	c.SetState(service.FlowAskMentor.At(service.MentoringText, d))
	c.ReplyButtons(c.T("booking.choose_kind")+"\n\n"+c.T(topicKey(d), "topic", d.Topic), h.mentoringMenu(c))
	return nil
}

// topicKey is the line that says FlowAskMentor's topic d goes to the
// mentor: a question's, or a request's.
func topicKey(d service.BookTopic) string {
	if d.Asked {
		return "booking.request_as_topic"
	}
	return "booking.question_as_topic"
}

// onAskMentorText: a text while the question waits for a booking is a new
// start: the flow ends and the text is read as any other; a kind's words
// ("personal") are the menu's button, and the question stays the topic.
func (h *Handlers) onAskMentorText(c *Ctx) error {
	if done, err := h.typedPress(c, c.U.Text, aulabot.TypedWords(c.U.Text)); done || err != nil {
		return err // "personal": the menu's button, the question still its topic
	}
	c.ClearState()
	return h.route(c)
}

// onBooking decodes a "bk:" button and hands it to its handler.
func (h *Handlers) onBooking(c *Ctx) error {
	b, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	// A mentor or coordinator may cancel someone's booking without /start.
	switch b.(type) {
	case cancelBookingButton, cancelSureButton, keepBookingButton:
	default:
		if !c.Known || !c.User.Onboarded() {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
		}
	}
	switch b := b.(type) {
	case bookMenuButton:
		c.Answer("")
		return h.mentoring(c)
	case kindsButton:
		c.Answer("")
		c.EditPressed(c.T("booking.choose_kind"), h.mentoringMenu(c))
		return nil
	case askMentorButton:
		return h.askMentor(c, b.Question)
	case slotListButton:
		return h.listSlots(c, b.Kind, b.Page)
	case mentorSlotsButton:
		return h.mentorSlots(c, b.Mentor, b.Kind, b.Page)
	case myBookingsButton:
		c.Answer("")
		return h.bookingsPage(c, b.Page)
	case nextFreeButton:
		return h.nextFree(c, b.Kind)
	case watchSlotsButton:
		return h.watchSlots(c, b.Kind)
	case showSlotButton:
		return h.showSlot(c, b.Slot)
	case confirmBookingButton:
		return h.book(c, b.Slot, false)
	case waitlistButton:
		return h.book(c, b.Slot, true)
	case cancelBookingButton:
		return h.askCancelBooking(c, b.Booking)
	case cancelSureButton:
		c.offerYes(nil) // answered: a "sí" after it is no longer pointed to it
		return h.cancelBooking(c, b.Booking)
	case keepBookingButton:
		c.offerYes(nil)
		return h.keepBooking(c, b.Booking)
	case attendButton:
		return h.willAttend(c, b.Booking)
	case changeBookingButton:
		return h.changeList(c, b.Booking, b.Page)
	case changeToButton:
		return h.changeTo(c, b.Booking, b.Slot)
	case changeSureButton:
		return h.changeBooking(c, b.Booking, b.Slot)
	case writeMentorButton:
		return h.askWriteMentor(c, b.Booking)
	case absentButton:
		return h.tellAbsent(c, b.Booking)
	case heldNoteButton:
		return h.onHeldNote(c, b.Send)
	case topicButton:
		return h.askTopic(c, b.Slot)
	}
	return button.Stale()
}

// listSlots shows one page of the slots of kind as buttons.
func (h *Handlers) listSlots(c *Ctx, kind string, page int) error {
	var slots []aulabot.Slot
	var seats map[uint64]aulabot.Booking
	err := c.view(func(tx Tx) (err error) {
		if slots, err = h.svc.Mentoring.Offered(tx, c.User, kind); err != nil || len(slots) == 0 {
			return err
		}
		seats, err = h.svc.Mentoring.Seats(tx, c.User)
		return err
	})
	if err != nil {
		return err
	}
	c.Answer("")
	if len(slots) == 0 {
		return h.noneOf(c, kind)
	}
	choices := make([]choice, len(slots))
	for i, s := range slots {
		choices[i] = choice{Button: aulabot.Button{Text: h.slotButtonText(c, s, seats), Data: showSlotButton{s.ID}.Encode()}, at: s.Start}
	}
	switch named := c.namedAt(c.asked, choices); {
	case len(named) == 1:
		return h.pressTyped(c, named[0].Data) // "… personal el lunes a las 10": that slot's card
	case len(named) > 1:
		rows := make([][]aulabot.Button, len(named)) // "… personal el jueves", two that day: those
		for i, b := range named {
			rows[i] = []aulabot.Button{b.Button}
		}
		c.offerTimed(named)
		c.ReplyButtons(c.N("booking.typed_several", len(named)), rows)
		return nil
	}
	if day, ok := c.namedDay(c.asked); ok {
		c.notice = c.T("booking.none_on_day", "day", h.day(c.Lang, c.User.University, day)) // "… el domingo": none then, the others
	}
	h.showSlots(c, kind, slots, seats, page)
	return nil
}

// slotButtonText is slot s's button's label in a list, marked the
// person's when they hold a seat in it (seats: their bookings by slot):
// their own session read "0 seats left", as if they could not have it.
func (h *Handlers) slotButtonText(c *Ctx, s aulabot.Slot, seats map[uint64]aulabot.Booking) string {
	if b, ok := seats[s.ID]; ok {
		return h.slotButtonMine(c, s, b)
	}
	return h.slotButton(c, s)
}

// showSlots shows page of slots, the offered slots of kind (not none),
// those the person holds (seats: their bookings by slot) marked so.
func (h *Handlers) showSlots(c *Ctx, kind string, slots []aulabot.Slot, seats map[uint64]aulabot.Booking, page int) {
	p := paged(len(slots), slotsPerPage, page)
	from, to := p.items()
	var rows [][]aulabot.Button
	// A slot's day and time typed (typedPress: "el miércoles a las 9"),
	// and the kinds' words.
	choices := kindsAsChoices(h.kindChoices())
	for _, s := range slots[from:to] {
		b := aulabot.Button{Text: h.slotButtonText(c, s, seats), Data: showSlotButton{s.ID}.Encode()}
		rows = append(rows, []aulabot.Button{b})
		choices = append(choices, choice{Button: b, at: s.Start})
	}
	c.offerTimed(choices)
	if nav := p.nav(c, func(n int) string { return slotListButton{kind, n}.Encode() }); nav != nil {
		rows = append(rows, nav)
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("booking.button_next_free"), Data: nextFreeButton{kind}.Encode()}}, h.menuRow(c))
	c.EditPressed(c.T("booking.list_"+kind, "page", p.page+1, "pages", p.pages()), rows)
}

// noneOf says there is no slot of kind now, and offers the other kind and
// to be told when a mentor publishes one (or says that they will be).
func (h *Handlers) noneOf(c *Ctx, kind string) error {
	watching := false
	err := c.view(func(tx Tx) error { watching = h.svc.Mentoring.WatchingSlots(tx, c.User, kind); return nil })
	h.showNone(c, kind, watching)
	return err
}

// showNone is noneOf once it is known whether the person waits for a
// slot of kind.
func (h *Handlers) showNone(c *Ctx, kind string, watching bool) {
	other := aulabot.SlotGroup
	if kind == aulabot.SlotGroup {
		other = aulabot.SlotPersonal
	}
	text := c.T("booking.none_" + kind)
	var rows [][]aulabot.Button
	if watching {
		text += "\n\n" + c.T("booking.watching_"+kind, "days", service.SlotWatchDays)
	} else {
		rows = append(rows, []aulabot.Button{{Text: c.T("booking.button_watch_" + kind), Data: watchSlotsButton{kind}.Encode()}})
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("booking.button_" + other), Data: slotListButton{other, 0}.Encode()}}, h.menuRow(c))
	c.EditPressed(text, rows)
}

// watchSlots records that the person wants to be told when a slot of
// kind is published; if one was published since they looked, they see
// the list instead.
func (h *Handlers) watchSlots(c *Ctx, kind string) error {
	return c.Commit(func(tx Tx) error {
		slots, err := h.svc.Mentoring.Offered(tx, c.User, kind)
		if err != nil {
			return err
		}
		if len(slots) > 0 {
			seats, err := h.svc.Mentoring.Seats(tx, c.User)
			if err != nil {
				return err
			}
			c.Answer("")
			h.showSlots(c, kind, slots, seats, 0)
			return nil
		}
		if _, err := h.svc.Mentoring.WatchSlots(tx, c.User, kind); err != nil {
			return err
		}
		c.Answer(c.T("booking.watch_set"))
		h.showNone(c, kind, true)
		return nil
	})
}

// menuRow is the row that goes back from a list of slots to the choice of
// a kind of session.
func (h *Handlers) menuRow(c *Ctx) []aulabot.Button {
	return []aulabot.Button{{Text: c.T("booking.button_menu"), Data: kindsButton{}.Encode()}}
}

// nextFree offers the earliest slot of kind with a free seat that the
// person may book, to confirm: one at the time of a booking of theirs, or
// their own, is passed over; at the maximum of bookings, the first one
// shows why.
func (h *Handlers) nextFree(c *Ctx, kind string) error {
	next := uint64(0)
	err := c.view(func(tx Tx) error {
		slots, err := h.svc.Mentoring.Offered(tx, c.User, kind)
		if err != nil {
			return err
		}
		for _, s := range slots {
			if s.SeatsLeft() == 0 {
				continue
			}
			err := h.svc.Mentoring.MayBook(tx, c.User, s)
			switch key := aulabot.ErrorKey(err); {
			case key == "booking.err_overlap" || key == "booking.err_own_slot":
				continue
			case err == nil || key == "booking.err_max":
				next = s.ID
				return nil
			default:
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if next != 0 {
		return h.showSlot(c, next)
	}
	c.Answer("")
	return h.noneOf(c, kind)
}

// showSlot shows one slot: to someone who booked it, their booking with
// Cancel; to someone who cannot book it (Mentoring.MayBook: the maximum of
// active bookings, one at the same time), why, with My bookings; when
// full, the waitlist; else Confirm, and for a personal slot the topic
// first.
func (h *Handlers) showSlot(c *Ctx, id uint64) error {
	var s aulabot.Slot
	var mine aulabot.Booking
	var booked bool
	var refused *aulabot.Error
	err := c.view(func(tx Tx) (err error) {
		if s, err = h.svc.Mentoring.Visible(tx, c.User, id); err != nil {
			return err
		}
		if mine, booked, err = h.svc.Mentoring.Seat(tx, c.User, id); err != nil || booked {
			return err
		}
		if err := h.svc.Mentoring.MayBook(tx, c.User, s); !errors.As(err, &refused) {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.Answer("")
	back := []aulabot.Button{{Text: c.T("booking.button_back"), Data: slotListButton{s.Kind, 0}.Encode()}}
	line := i18n.HTML(h.slotLine(c.Lang, s))
	switch {
	case booked && mine.Status == aulabot.BookingWaiting:
		c.EditPressed(c.T("booking.yours_waiting", "slot", line), append(h.bookingRows(c, mine, s.MentorName), back))
	case booked:
		c.EditPressed(c.T("booking.yours", "slot", line, "link", i18n.HTML(h.svc.Mentoring.LinkLine(c.Lang, s))), append(h.bookingRows(c, mine, s.MentorName), back))
	case refused != nil:
		c.EditPressed(string(line)+"\n\n⚠️ "+errorText(c, refused.Key, refused.Args), [][]aulabot.Button{
			{{Text: c.T("booking.button_mine"), Data: myBookingsButton{0}.Encode()}}, back})
	case s.SeatsLeft() == 0:
		c.EditPressed(c.T("booking.slot_detail_full", "slot", line, "capacity", s.Capacity, "zone", h.svc.Mentoring.Zone(c.Lang, s.University)),
			[][]aulabot.Button{{{Text: c.T("booking.button_waitlist"), Data: waitlistButton{id}.Encode()}}, back})
	default:
		confirm := aulabot.Button{Text: c.T("booking.button_confirm"), Data: confirmBookingButton{id}.Encode()}
		c.offerYes(&confirm) // a "sí" typed under it is pointed to it
		rows := [][]aulabot.Button{{confirm}}
		text, topic := h.svc.Mentoring.SlotText(c.Lang, s), "booking.button_topic"
		if d, ok := service.FlowAskMentor.Data(c.State); ok && d.Topic != "" {
			// The question carried from an answer goes as the topic: said
			// where the booking is confirmed, not only two screens before.
			text += "\n\n" + c.T(topicKey(d), "topic", d.Topic)
			topic = "booking.button_topic_other"
		}
		if s.Kind == aulabot.SlotPersonal {
			rows = append(rows, []aulabot.Button{{Text: c.T(topic), Data: topicButton{id}.Encode()}})
		}
		c.EditPressed(text, append(rows, back))
	}
	return nil
}

// askTopic asks for the topic of a personal session before Confirm.
func (h *Handlers) askTopic(c *Ctx, id uint64) error {
	var st aulabot.State
	err := c.view(func(tx Tx) (err error) { st, err = h.svc.Mentoring.AskTopic(tx, c.User, id); return err })
	if err != nil {
		return err
	}
	c.SetState(st)
	c.Answer("")
	c.EditPressed(c.T("booking.topic_ask"), nil)
	return nil
}

// onBookTopic keeps the topic the person typed and offers Confirm; when
// the knowledge base has an answer for the topic it is offered first. A
// yes typed once a topic is kept ("sí", "ok") is Confirm: until 6
// December it replaced the topic ("Noted: “yes”. Confirm the booking?",
// seen in the sandbox).
func (h *Handlers) onBookTopic(c *Ctx) error {
	if d, ok := service.FlowBookTopic.Data(c.State); ok && d.Topic != "" && d.Slot != 0 && aulabot.TypedYes(c.U.Text) {
		return h.book(c, d.Slot, false) // "sí" at "Confirm the booking?": its button typed, not a new topic
	}
	st, id, err := h.svc.Mentoring.Topic(c.State, c.U.Text)
	if aulabot.ErrorKey(err) == "error.stale_button" {
		c.ClearState()
	}
	if err != nil {
		return err
	}
	c.SetState(st)
	d, _ := service.FlowBookTopic.Data(st)
	if sg, ok := h.kbSuggest(c, d.Topic); ok {
		c.ReplyButtons(sg.Text, sg.Rows)
	}
	c.ReplyButtons(c.T("booking.topic_noted", "topic", d.Topic), [][]aulabot.Button{
		{{Text: c.T("booking.button_confirm"), Data: confirmBookingButton{id}.Encode()}},
		{{Text: c.T("booking.button_topic_other"), Data: topicButton{id}.Encode()}}, // a typo, or second thoughts
	})
	return nil
}

// book takes a seat (or a waitlist place) in slot id; the service
// schedules the reminders and tells the mentor, and the person gets the
// confirmation with its calendar file.
func (h *Handlers) book(c *Ctx, id uint64, wait bool) error {
	c.offerYes(nil) // confirmed: a "sí" after it is no longer pointed to Confirm
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Mentoring.Book(tx, c.User, c.State, id, wait)
		if err != nil {
			return err
		}
		if res.Topic {
			c.ClearState()
		}
		s := res.Slot
		switch {
		case res.Full:
			c.Answer(c.T("booking.full_short"))
			c.EditPressed(c.T("booking.full"), [][]aulabot.Button{
				{{Text: c.T("booking.button_waitlist"), Data: waitlistButton{id}.Encode()}},
				{{Text: c.T("booking.button_next_free"), Data: nextFreeButton{s.Kind}.Encode()}},
			})
		case wait:
			c.Answer(c.T("booking.waiting_short"))
			c.EditPressed(c.T("booking.waiting", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "position", s.Waiting),
				[][]aulabot.Button{{{Text: c.T("booking.button_leave_waitlist"), Data: cancelBookingButton{res.Booking.ID}.Encode()}}})
			if id := c.pressed(); id != 0 { // the message a promotion changes
				if err := h.svc.Mentoring.MarkWaiting(tx, res.Booking.ID, c.U.ChatID, id); err != nil {
					return err
				}
			}
		default:
			// The prompt becomes the confirmation, with its link and
			// Cancel; the calendar file comes as a message of its own.
			c.Answer(c.T("booking.booked_short"))
			conf := h.svc.Mentoring.Confirmation(tx, c.Lang, "booking.booked", res.Booking, s)
			c.EditPressed(conf.Text, conf.Inline)
			c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("booking.ics_caption"), File: conf.File})
		}
		return nil
	})
}

// when formats a slot's start in its university's zone.
func (h *Handlers) when(lang string, s aulabot.Slot) string { return h.svc.Mentoring.When(lang, s) }

// day formats t's date in university uni's zone.
func (h *Handlers) day(lang, uni string, t time.Time) string {
	return h.svc.Mentoring.Day(lang, uni, t)
}

// whenAt is t as people say it, in lang and university uni's time zone:
// "vie 4 dic, 15:00".
func (h *Handlers) whenAt(lang, uni string, t time.Time) string {
	return i18n.When(lang, t.In(h.Config.Loc(uni)))
}

// slotLine is a slot in one line of Telegram HTML.
func (h *Handlers) slotLine(lang string, s aulabot.Slot) string {
	return h.svc.Mentoring.SlotLine(lang, s)
}

// personName is a person's name as a list shows it.
func (h *Handlers) personName(lang, name string) string {
	return h.svc.Mentoring.PersonName(lang, name)
}

// slotButtonMine is slotButton for a slot the person holds with booking
// b: a seat, or a waitlist place, in place of the seats left.
func (h *Handlers) slotButtonMine(c *Ctx, s aulabot.Slot, b aulabot.Booking) string {
	held := c.T("booking.list_booked")
	if b.Status == aulabot.BookingWaiting {
		held = c.T("booking.list_waiting")
	}
	return h.slotLabel(c, s) + " · " + held
}

// slotButton is a slot as a button label (plain text).
func (h *Handlers) slotButton(c *Ctx, s aulabot.Slot) string {
	label := h.slotLabel(c, s)
	if s.Kind == aulabot.SlotGroup {
		label += " · " + c.h.cat.N(c.Lang, "booking.seats_left", s.SeatsLeft())
	}
	return label
}

// slotLabel is a slot's when, mentor and topic, for its button.
func (h *Handlers) slotLabel(c *Ctx, s aulabot.Slot) string {
	label := h.when(c.Lang, s) + " · " + service.Short(h.personName(c.Lang, s.MentorName), 18)
	if s.Topic != "" {
		label += " · " + service.Short(aulabot.CleanText(s.Topic), 24)
	}
	return label
}
