package handlers

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// askCancelBooking asks for the second tap that cancels booking id,
// naming what will happen, with a way back.
func (h *Handlers) askCancelBooking(c *Ctx, id uint64) error {
	res, err := h.cancelPreview(c, id)
	if err != nil {
		return err
	}
	c.Answer("")
	line := i18n.HTML(h.slotLine(c.Lang, res.Now.Slot))
	if res.TooLate {
		// Cancelling would be refused: the way left is a word to the mentor.
		c.EditPressed(c.T("booking.cutoff_write", "hours", h.Config.Booking.Cutoff().Hours(), "slot", line),
			[][]aulabot.Button{h.svc.Mentoring.WriteRow(c.Lang, id, res.Now.Slot.MentorName)})
		return nil
	}
	text := c.T("booking.cancel_sure", "slot", line)
	switch {
	case res.Override:
		text = c.T("booking.cancel_sure_for", "name", h.personName(c.Lang, res.Booking.Name), "slot", line)
	case res.Booking.Status == aulabot.BookingWaiting:
		text = c.T("booking.leave_sure", "slot", line)
	}
	sure := aulabot.Button{Text: c.T("booking.button_cancel_sure"), Data: cancelSureButton{id}.Encode()}
	c.offerYes(&sure) // a "sí" typed below it cancels nothing: it is pointed to the button
	c.EditPressed(text, [][]aulabot.Button{{sure}, {{Text: c.T("booking.button_keep"), Data: keepBookingButton{id}.Encode()}}})
	return nil
}

// keepBooking is the way back from cancelling: nothing changes. The
// booking's view takes the message, with 🗓 My bookings to go back to the
// list (asked from /mybookings, the other bookings had left the message
// with no way back to them).
func (h *Handlers) keepBooking(c *Ctx, id uint64) error {
	res, err := h.cancelPreview(c, id)
	if err != nil {
		return err
	}
	c.Answer("")
	if res.Override {
		c.EditPressed(c.T("booking.kept_for", "name", h.personName(c.Lang, res.Booking.Name)),
			[][]aulabot.Button{{{Text: c.T("slot.button_view"), Data: slotViewButton{res.Now.Slot.ID}.Encode()}}})
		return nil
	}
	rows := append(h.bookingRows(c, res.Booking, res.Now.Slot.MentorName), []aulabot.Button{{Text: c.T("booking.button_mine"), Data: myBookingsButton{0}.Encode()}})
	c.EditPressed(c.T("booking.kept", "slot", i18n.HTML(h.slotLine(c.Lang, res.Now.Slot))), rows)
	return nil
}

// cancelBooking cancels booking id: the owner before the cutoff, the
// slot's mentor or a coordinator at any time (service.Mentoring.Cancel).
// The question becomes the result; the owner's calendar cancellation
// comes as a message of its own.
func (h *Handlers) cancelBooking(c *Ctx, id uint64) error {
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Mentoring.Cancel(tx, c.U.From.ID, c.Roles, id)
		if err != nil {
			return err
		}
		c.Answer(c.T("booking.cancelled_short"))
		if res.Override {
			c.EditPressed(c.T("booking.cancelled_for", "name", h.personName(c.Lang, res.Booking.Name)),
				[][]aulabot.Button{{{Text: c.T("slot.button_view"), Data: slotViewButton{res.Now.Slot.ID}.Encode()}}})
			return nil
		}
		c.EditPressed(c.T("booking.cancelled", "slot", i18n.HTML(h.slotLine(c.Lang, res.Now.Slot))),
			[][]aulabot.Button{{{Text: c.T("booking.button_mine"), Data: myBookingsButton{0}.Encode()}}})
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("booking.ics_cancel_caption"), File: h.svc.Mentoring.CancelFile(tx, c.Lang, res.Now)})
		return nil
	})
}

// willAttend acknowledges "I'll attend" on a reminder.
func (h *Handlers) willAttend(c *Ctx, id uint64) error {
	return c.view(func(tx Tx) error {
		if err := h.svc.Mentoring.WillAttend(tx, c.U.From.ID, id); err != nil {
			return err
		}
		c.Answer(c.T("booking.attend_thanks"))
		return nil
	})
}

// bookingsPerPage is how many bookings a page of /mybookings lists at
// most.
const bookingsPerPage = 8

// pageFooterRoom is room kept for a page's footer ("(page 2 of 5)").
const pageFooterRoom = 60

// fittingPerPage is the most lines, up to most, that every page of lines
// can hold (pages of that many, in order) within room visible characters,
// one per line at least.
func fittingPerPage(lines []string, most, room int) int {
	per := most
	for ; per > 1; per-- {
		fits := true
		for from := 0; from < len(lines) && fits; from += per {
			fits = VisibleLen(strings.Join(lines[from:min(len(lines), from+per)], "\n")) <= room
		}
		if fits {
			break
		}
	}
	return per
}

// myBookings lists the person's upcoming bookings with Cancel buttons;
// words that rate a session ("quiero calificar mi mentoría") get the
// stars of the last one attended instead (rateAsked).
func (h *Handlers) myBookings(c *Ctx) error {
	if kb := c.kb(); kb != nil && c.asked != "" && c.U.Callback == nil && kb.BookingAsk(c.asked) == "rate" {
		return h.rateAsked(c)
	}
	return h.bookingsPage(c, 0)
}

// rateAsked shows the rating prompt of the last session the person
// attended, as it came after the session (the booking article answered,
// seen in the sandbox), or says when sessions are rated.
func (h *Handlers) rateAsked(c *Ctx) error {
	return c.view(func(tx Tx) error {
		b, ok, err := h.svc.Mentoring.LastAttended(tx, c.User.ID)
		if err != nil {
			return err
		}
		if !ok {
			c.Reply(c.T("booking.rate_none"))
			return nil
		}
		m, err := h.svc.Mentoring.RerateAsk(tx, c.User.ID, b.ID, c.Lang)
		if err != nil {
			return err
		}
		m.ChatID = c.U.ChatID
		c.Send(m)
		return nil
	})
}

// bookingsPage shows page of the person's upcoming bookings and waitlist
// places; bk:m:PAGE turns the page in place.
func (h *Handlers) bookingsPage(c *Ctx, page int) error {
	var items []service.Upcoming
	var trainings []service.UpcomingEvent
	err := c.view(func(tx Tx) (err error) {
		if items, err = h.svc.Mentoring.Upcoming(tx, c.User.ID); err != nil || page > 0 {
			return err
		}
		trainings, err = h.svc.Events.Attending(tx, c.User)
		return err
	})
	if err != nil {
		return err
	}
	attending, trainingRow := "", []aulabot.Button(nil)
	if len(trainings) > 0 {
		var lines []string
		for _, up := range trainings {
			lines = append(lines, c.T("booking.mine_training", "when", h.svc.Events.WhenText(c.Lang, up.Event), "title", up.Event.Title))
		}
		attending = "\n\n" + c.T("booking.mine_trainings", "list", i18n.HTML(strings.Join(lines, "\n")))
		trainingRow = []aulabot.Button{{Text: c.T("event.button_trainings"), Data: eventListButton{}.Encode()}}
	}
	lead := ""
	if kb := c.kb(); kb != nil && c.asked != "" && kb.BookingAsk(c.asked) == "remind" {
		// "¿me puedes recordar mi mentoría una hora antes?": it is done
		// already (it got the booking article, seen in the sandbox).
		lead = c.T("booking.reminders_told") + "\n\n"
	}
	if kb := c.kb(); kb != nil && c.asked != "" && c.U.Callback == nil && kb.BookingsLeft(c.asked) {
		// "¿cuántas reservas me quedan?": how many more, above the list
		// (the booking article, seen in the sandbox).
		held, most := 0, h.Config.Booking.Max()
		for _, it := range items {
			if it.Booking.Status == aulabot.BookingActive {
				held++
			}
		}
		if left := most - held; left > 0 {
			lead = c.N("booking.left", left, "held", held, "max", most) + "\n\n"
		} else {
			lead = c.T("booking.left_none", "held", held, "max", most) + "\n\n"
		}
	}
	if day, ok := c.namedDay(c.asked); len(items) == 0 && ok && lead == "" && c.U.Callback == nil {
		if kb := c.kb(); kb != nil && kb.BookingAsk(c.asked) == "" {
			// "a session on thursday evening" with no booking: that day's
			// slots to book ("You have no upcoming bookings", seen in the
			// sandbox); none that day is said above the answer, and for
			// words that ask what one has ("what do I have on friday?"),
			// that one has nothing then.
			if kb.ScheduleAsked(c.asked) {
				c.notice = c.T("booking.none_period", "period", c.T("booking.period_day", "day", h.day(c.Lang, c.User.University, day)))
			}
			if shown, err := h.slotsOnDay(c, day); shown || err != nil {
				return err
			}
		}
	}
	if len(items) == 0 {
		rows := [][]aulabot.Button{{{Text: c.T("booking.button_book"), Data: bookMenuButton{}.Encode()}}}
		if trainingRow != nil {
			rows = append(rows, trainingRow)
		}
		c.showPage(c.U.Callback != nil, lead+c.T("booking.mine_none")+attending, rows)
		return nil
	}
	total := len(items)
	items, period, none := h.bookingsAsked(c, items, page)
	if none {
		lead += c.T("booking.none_period", "period", period) + "\n\n" // all of them, below
		period = ""
	}
	head := func(list string) string { return c.T("booking.mine", "list", i18n.HTML(list)) }
	if period != "" {
		head = func(list string) string { return c.T("booking.mine_period", "period", period, "list", i18n.HTML(list)) }
	}
	all := make([]string, len(items))
	for i, it := range items {
		line := h.slotLine(c.Lang, it.Slot)
		if it.Booking.Status == aulabot.BookingWaiting {
			line += " " + c.T("booking.on_waitlist")
		} else if link := h.svc.Mentoring.LinkLine(c.Lang, it.Slot); link != "" {
			line += "\n" + strings.TrimSuffix(link, "\n")
		}
		if topic := aulabot.CleanText(it.Booking.Topic); topic != "" {
			line += "\n💬 «" + i18n.Escape(service.Short(topic, topicInPanel)) + "»" // what they asked to talk about
		}
		all[i] = "• " + line
	}
	// Fewer to a page when eight would not fit one message (long meeting
	// links: eight seats with them did not, and the page failed).
	room := aulabot.MaxMessageText - VisibleLen(lead+head("")+attending) - pageFooterRoom
	p := paged(len(items), fittingPerPage(all, bookingsPerPage, room), page)
	from, to := p.items()
	lines := all[from:to]
	// The buttons typed are their press ("cancelar" with one booking),
	// each booking's also with its day or time ("cancelar la del
	// martes", "cambiar la hora del lunes"), and its day alone shows its
	// buttons ("el martes"; typedPress).
	var rows [][]aulabot.Button
	var choices []choice
	for _, it := range items[from:to] {
		cancel := aulabot.Button{Text: c.T("booking.button_cancel_one", "when", h.when(c.Lang, it.Slot)), Data: cancelBookingButton{it.Booking.ID}.Encode()}
		rows = append(rows, []aulabot.Button{cancel})
		mine := []aulabot.Button{cancel}
		if it.Booking.Status == aulabot.BookingActive {
			more := []aulabot.Button{
				{Text: c.T("booking.button_change_short"), Data: changeBookingButton{it.Booking.ID, 0}.Encode()},
				h.svc.Mentoring.WriteRow(c.Lang, it.Booking.ID, it.Slot.MentorName)[0],
			}
			rows, mine = append(rows, more), append(mine, more...)
		}
		for _, b := range mine {
			choices = append(choices, choice{Button: b, at: it.Slot.Start, kind: it.Slot.Kind, mentor: it.Slot.Mentor, mentorName: it.Slot.MentorName})
		}
	}
	var after []aulabot.Button
	if nav := p.nav(c, func(n int) string { return myBookingsButton{n}.Encode() }); nav != nil {
		rows, after = append(rows, nav), append(after, nav...)
	}
	if period != "" {
		all := []aulabot.Button{{Text: c.T("booking.button_all", "n", total), Data: myBookingsButton{0}.Encode()}}
		rows, after = append(rows, all), append(after, all...)
	}
	if trainingRow != nil {
		rows, after = append(rows, trainingRow), append(after, trainingRow...)
	}
	for _, b := range after {
		choices = append(choices, choice{Button: b})
	}
	switch asked := h.askedBooking(c, choices); {
	case len(asked) == 1 && c.said != "":
		if v, err := button.As[writeMentorButton](h.buttons, asked[0].Data); err == nil {
			c.U.Text = c.said // "dile a mi mentor que llego tarde": held, to confirm
			return h.holdNote(c, v.Booking, false)
		}
		return h.pressTyped(c, asked[0].Data)
	case len(asked) == 1:
		return h.pressTyped(c, asked[0].Data) // "no podré ir a mi mentoría del lunes": Monday's cancellation, asked at once
	case len(asked) > 1 && h.whichOne(c, asked):
		if c.said != "" {
			// "dile a mi mentor que… del martes", two that day: the words
			// wait for the ✉️ pressed (askWriteMentor).
			c.SetState(service.FlowToldNote.At("", service.HeldNote{Text: c.said, Source: c.U.MessageID}))
		}
		return nil // "cancelar mi mentoría del viernes", two on Friday: those two
	}
	c.offerTimed(choices)
	c.showPage(c.U.Callback != nil, lead+head(strings.Join(lines, "\n"))+p.footer(c)+attending, rows)
	return nil
}

// bookingsAsked are those of items (a page of one's upcoming bookings)
// on the day or in the week that the words that asked for them name,
// and that period in words: "¿a qué hora es mi sesión del martes?",
// "¿qué tengo mañana?", "¿tengo algo esta semana?" (every booking
// showed, seen in the sandbox). When none is then, items and none; items
// and "" for words that name no period, that fit more than a page in it
// or all of items, or that ask to do something with one (askedBooking
// reads those), and for a page turned or pressed.
func (h *Handlers) bookingsAsked(c *Ctx, items []service.Upcoming, page int) (in []service.Upcoming, period string, none bool) {
	kb := c.kb()
	if kb == nil || c.asked == "" || c.U.Callback != nil || page > 0 || len(items) == 0 || kb.BookingAsk(c.asked) != "" {
		return items, "", false
	}
	uni := c.User.University
	if from, to, next, ok := namedWeek(c.asked, h.Now(), h.Config.Loc(uni)); ok {
		period = c.T("booking.period_this_week")
		if next {
			period = c.T("booking.period_next_week")
		}
		for _, it := range items {
			if !it.Slot.Start.Before(from) && it.Slot.Start.Before(to) {
				in = append(in, it)
			}
		}
	} else if day, ok := c.namedDay(c.asked); ok {
		period = c.T("booking.period_day", "day", h.day(c.Lang, uni, day))
		choices := make([]choice, len(items))
		for i, it := range items {
			choices[i] = choice{Button: aulabot.Button{Data: strconv.Itoa(i)}, at: it.Slot.Start}
		}
		for _, b := range c.namedAt(c.asked, choices) {
			i, _ := strconv.Atoi(b.Data)
			in = append(in, items[i])
		}
	} else {
		return items, "", false
	}
	switch {
	case len(in) == 0:
		return items, period, true
	case len(in) == len(items) || len(in) > bookingsPerPage:
		return items, "", false
	}
	return in, period, false
}

// namedWeek is the rest of this week ("esta semana", "this week") or the
// whole of the next ("la próxima semana", "la semana que viene", "next
// week") as text names it, weeks beginning on Monday in loc.
func namedWeek(text string, now time.Time, loc *time.Location) (from, to time.Time, next, ok bool) {
	words := " " + aulabot.TypedWords(text) + " "
	switch {
	case strings.Contains(words, " proxima semana ") || strings.Contains(words, " semana que viene ") ||
		strings.Contains(words, " siguiente semana ") || strings.Contains(words, " next week "):
		next = true
	case strings.Contains(words, " esta semana ") || strings.Contains(words, " this week "):
	default:
		return time.Time{}, time.Time{}, false, false
	}
	monday := weekStart(now, loc)
	if next {
		return monday, monday.AddDate(0, 0, 7), true, true
	}
	return now, monday, false, true
}

// weekStart is the next Monday's first moment in loc, where next week
// begins.
func weekStart(now time.Time, loc *time.Location) time.Time {
	t := now.In(loc)
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	return today.AddDate(0, 0, 7-(int(today.Weekday())+6)%7)
}

// askedBooking are the buttons of choices (a page of /mybookings) that
// the words that asked for the list name, when they ask to cancel or to
// change a booking (KB.BookingAsk) and name its day or its time ("no
// podré ir a mi mentoría del lunes", "quiero cambiar la hora de la del
// jueves", "cancel my session on friday"): one, or those of a day with
// two; nil for any other words. Until 6 December such words showed the
// list, the day not read, and until a later stop of that day a day with
// two showed the whole list.
func (h *Handlers) askedBooking(c *Ctx, choices []choice) []choice {
	kb := c.kb()
	if kb == nil || c.asked == "" {
		return nil
	}
	var want func(button.Data) bool
	from, to := c.asked, ""
	ask := kb.BookingAsk(c.asked)
	if ask == "" && kb.LateAlone(c.asked) {
		ask = "late" // "voy a llegar tarde": the session near (lateFor)
	}
	switch ask {
	case "cancel":
		want = func(v button.Data) bool { _, ok := v.(cancelBookingButton); return ok }
	case "change":
		want = func(v button.Data) bool { _, ok := v.(changeBookingButton); return ok }
		from, to = movedTo(c.asked) // "cambia mi mentoría del lunes al jueves": Monday's
	case "tell", "late":
		want = func(v button.Data) bool { _, ok := v.(writeMentorButton); return ok }
	default:
		return nil
	}
	var kind []choice
	for _, b := range choices {
		if v, err := h.buttons.Decode(b.Data); err == nil && !b.at.IsZero() && want(v) {
			kind = append(kind, b)
		}
	}
	named := c.namedAt(from, kind)
	if len(named) == 0 {
		named = kindNamed(from, kind) // "cancel my group session"
	}
	if len(named) == 0 {
		named = mentorNamedIn(from, kind, c.User.University) // "cancelar mi sesión con García"
	}
	if len(named) == 0 && to != "" && len(kind) == 1 {
		// "change my session to thursday", "cambia mi mentoría al
		// jueves": where to, and the one booking there is (the list
		// showed, seen in the sandbox).
		named = kind
	}
	if len(named) == 0 && ask == "late" {
		// "voy a llegar tarde": the session under way or the next one
		// within LateAhead (the list, seen in the sandbox).
		if i := slices.IndexFunc(kind, func(b choice) bool { return !b.at.After(h.Now().Add(LateAhead)) }); i >= 0 {
			named = kind[i : i+1]
		}
	}
	if len(named) == 0 && c.said != "" {
		// "dile a mi mentor que llego tarde a la del martes": the day in
		// the note, or the one booking there is.
		if named = c.namedAt(c.said, kind); len(named) == 0 && len(kind) == 1 {
			named = kind
		}
	}
	return named
}

// mentorNamedIn are those of choices (a booking's buttons) whose
// session's mentor text names (namedMentors; uni: the person's
// university); nil for none.
func mentorNamedIn(text string, choices []choice, uni string) []choice {
	names := map[int64]string{}
	for _, b := range choices {
		if b.mentorName != "" {
			names[b.mentor] = b.mentorName
		}
	}
	if len(names) == 0 {
		return nil
	}
	ids, _ := namedMentors(strings.Fields(aulabot.TypedWords(text)), names, aulabot.TypedWords(uni))
	var out []choice
	for _, b := range choices {
		if slices.Contains(ids, b.mentor) {
			out = append(out, b)
		}
	}
	return out
}

// kindNamed are those of choices (a booking's buttons) whose session's
// kind text names ("cancel my group session", "cambiar la mentoría
// personal"), when it names one kind; nil otherwise. Such a request showed
// every booking (seen in the sandbox).
func kindNamed(text string, choices []choice) []choice {
	want := typedKind(text)
	if want == "" {
		return nil
	}
	var out []choice
	for _, b := range choices {
		if b.kind == want {
			out = append(out, b)
		}
	}
	return out
}

// namesAt is the one of choices whose day or time the longest run of
// text's words that types one names (namedAt); false for none, or two.
func (c *Ctx) namesAt(text string, choices []choice) (choice, bool) {
	found := c.namedAt(text, choices)
	if len(found) != 1 {
		return choice{}, false
	}
	return found[0], true
}

// namedDay is the day the longest run of text's words that types a day
// names ("el domingo", "el 13 de diciembre a las 10"), in the person's
// university's time; false for none.
func (c *Ctx) namedDay(text string) (time.Time, bool) {
	at, _, ok := c.namedWhen(text, c.h.Config.Loc(c.User.University))
	return at, ok
}

// namedWhen is namedDay in loc, and whether the words name the time too
// ("el jueves de 3": 15:00; a day alone is at noon).
func (c *Ctx) namedWhen(text string, loc *time.Location) (at time.Time, clock, ok bool) {
	now := c.h.Now()
	fields := whenFields(text)
	for n := len(fields); n >= 1; n-- {
		for i := 0; i+n <= len(fields); i++ {
			w := strings.Join(fields[i:i+n], " ")
			if at, err := aulabot.TypedWhen(w, now, loc, "slot.err_date"); err == nil {
				return at, true, true
			}
			if y, m, d, err := aulabot.TypedDay(w, now, loc); err == nil {
				return time.Date(y, m, d, 12, 0, 0, 0, loc), false, true
			}
		}
	}
	return time.Time{}, false, false
}

// whenFields are text's words without the marks around them that no day
// or time has ("¿hay mentorías mañana?": "mañana"), nor a possessive's
// "'s" ("tomorrow's": "tomorrow").
func whenFields(text string) []string {
	fields := strings.Fields(strings.Map(func(r rune) rune {
		if strings.ContainsRune("¿?¡!,;", r) {
			return ' '
		}
		return r
	}, text))
	for i, f := range fields {
		// "tomorrow's session", "friday’s": the day ("cancel tomorrow's
		// session" showed every session, seen in the sandbox)
		if day, ok := strings.CutSuffix(strings.ReplaceAll(f, "’", "'"), "'s"); ok && day != "" {
			fields[i] = day
		}
	}
	return fields
}

// namedAt are those of choices whose day or time the longest run of
// text's words that types one names ("… del lunes", "… del martes a las
// 3", "my tuesday session"); nil for none. A number alone is not a time
// ("mentoría grupal para 3 compañeros"). A part of the day named keeps
// those in it ("mañana en la tarde", "on tuesday morning": both of the
// day's showed, seen in the sandbox), unless none is.
func (c *Ctx) namedAt(text string, choices []choice) []choice {
	fields := whenFields(text)
	for n := len(fields); n >= 1; n-- {
		for i := 0; i+n <= len(fields); i++ {
			if n == 1 && strings.Trim(fields[i], "0123456789") == "" {
				continue
			}
			if found := c.atWhen(strings.Join(fields[i:i+n], " "), choices); len(found) > 0 {
				return c.inDayPart(text, found)
			}
		}
	}
	return nil
}

// inDayPart are those of choices in the part of the day text names
// (dayPart), in the university's zone; choices when it names none, or
// none of them is in it.
func (c *Ctx) inDayPart(text string, choices []choice) []choice {
	from, to, ok := dayPart(text)
	if !ok {
		return choices
	}
	loc := c.h.Config.Loc(c.User.University)
	var in []choice
	for _, b := range choices {
		if h := b.at.In(loc).Hour(); h >= from && h < to {
			in = append(in, b)
		}
	}
	if len(in) == 0 {
		return choices
	}
	return in
}

// cancelPreview is what cancelling booking id would do, as the presser may
// do it (nothing changes).
func (h *Handlers) cancelPreview(c *Ctx, id uint64) (res service.Cancelled, err error) {
	err = c.view(func(tx Tx) (err error) {
		res, err = h.svc.Mentoring.CancelPreview(tx, c.U.From.ID, c.Roles, id)
		return err
	})
	return res, err
}

// LateAhead is how soon one's session must begin for "voy a llegar
// tarde", which names none, to be said of it (lateFor).
const LateAhead = 2 * time.Hour

// lateFor reports whether the person has a session under way or
// beginning within LateAhead: words that only say they will be late are
// then for its mentor (askedBooking); otherwise they are read as any
// (a class, an exam). A read of their bookings, outside any write.
func (h *Handlers) lateFor(c *Ctx) bool {
	if !c.Known {
		return false
	}
	var items []service.Upcoming
	if err := c.view(func(tx Tx) (err error) { items, err = h.svc.Mentoring.Upcoming(tx, c.User.ID); return err }); err != nil {
		return false // read as any words
	}
	return slices.ContainsFunc(items, func(u service.Upcoming) bool {
		return u.Booking.Status == aulabot.BookingActive && !u.Slot.Start.After(h.Now().Add(LateAhead))
	})
}
