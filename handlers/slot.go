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

// Mentoring's handlers, the mentor's side: publishing, the agenda and the
// slot panel. Each calls one use case of service.Mentoring.

// routeSlots registers the mentors' side of mentoring.
func (h *Handlers) routeSlots(r *router) {
	r.commands["newslot"] = with(h.newSlot, private, mentor)
	r.commands["weekly"] = with(h.weekly, private, mentor)
	r.commands["slots"] = with(h.mySlots, private, mentor)
	r.commands["today"] = with(h.today, private, mentor)
	r.callbacks["sl"] = with(h.onSlot, private, mentor)
	r.callbacks["ns"] = with(h.onNewSlot, private, mentor)
	r.callbacks["ag"] = with(h.onAgenda, private, mentor)
	r.flows[service.FlowNewSlot.Name] = h.onNewSlotText
	r.flows[service.FlowSlotCancel.Name] = h.onSlotCancelText
	r.flows[service.FlowSlotNote.Name] = h.onSlotNoteText
	r.flows[service.FlowSlotTopic.Name] = h.onSlotTopicText
	r.flows[service.FlowSlotMove.Name] = h.onSlotMoveText
	r.flows[service.FlowSlotLink.Name] = h.onSlotLinkText
	r.flows[service.FlowSlotCopy.Name] = h.onSlotCopyText
	r.flows[service.FlowSlotMessage.Name] = h.onSlotMessageText
	r.flows[service.FlowSlotAsked.Name] = func(c *Ctx) error { c.ClearState(); return ErrNotMine } // other words: read as any
	r.fileFlows[service.FlowSlotMessage.Name] = true
	r.flows[service.FlowAnswerBooked.Name] = h.onAnswerBookedText
	r.fileFlows[service.FlowAnswerBooked.Name] = true
	r.menu["menu.slots"] = "slots"
}

// mentorUni is the university a mentor publishes for: the one they chose
// at /start if they mentor there, else the first they mentor for.
func mentorUni(c *Ctx) string {
	if slices.Contains(c.Roles.Mentor, c.User.University) {
		return c.User.University
	}
	return c.Roles.Mentor[0]
}

// mentorOf is the presser as the service names a mentor.
func mentorOf(c *Ctx) service.Mentor {
	return service.Mentor{ID: c.U.From.ID, Name: c.U.From.Name(), Lang: c.Lang}
}

// newSlot creates a slot from "/newslot YYYY-MM-DD HH:MM MINUTES
// personal|group [CAPACITY] [TOPIC...]", or starts the guided flow.
func (h *Handlers) newSlot(c *Ctx) error {
	if strings.TrimSpace(c.U.Text) == "" {
		if c.asked != "" {
			return h.newSlotAsked(c)
		}
		return h.startNewSlotFlow(c)
	}
	uni := mentorUni(c)
	n, err := aulabot.ParseNewSlot(c.U.Text, h.Now(), h.Config.Loc(uni))
	if err != nil {
		return err
	}
	return h.createSlot(c, uni, n)
}

// createSlot publishes n and tells the mentor.
func (h *Handlers) createSlot(c *Ctx, uni string, n aulabot.NewSlot) error {
	c.ClearState()
	return c.Commit(func(tx Tx) error {
		s, told, err := h.svc.Mentoring.CreateSlot(tx, mentorOf(c), uni, n)
		if err != nil {
			return err
		}
		c.EditPressed(c.T("slot.created", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "link", i18n.HTML(h.mentorLinkLine(c, s)), "zone", h.svc.Mentoring.Zone(c.Lang, uni))+toldWaiting(c, told),
			[][]aulabot.Button{{{Text: c.T("slot.button_view"), Data: slotViewButton{s.ID}.Encode()}}})
		return nil
	})
}

// weekly creates repeating availability: "/weekly tue 15:00-17:00 30
// 2026-04-30 [group [CAPACITY]] [TOPIC]".
func (h *Handlers) weekly(c *Ctx) error {
	uni := mentorUni(c)
	w, err := aulabot.ParseWeekly(c.U.Text, h.Now(), h.Config.Loc(uni))
	if err != nil {
		return err
	}
	ns, err := w.Slots(h.Now(), h.Config.Loc(uni))
	if err != nil {
		return err
	}
	return h.publishWeekly(c, uni, ns, w.Link)
}

// publishWeekly publishes the slots ns of a weekly availability (/weekly,
// or 🔁 Every week under the guided /newslot) and says how many, from
// when to when, and how many overlapped the mentor's others; link is the
// meeting link every slot has, if one.
func (h *Handlers) publishWeekly(c *Ctx, uni string, ns []aulabot.NewSlot, link string) error {
	if len(ns) == 0 {
		return aulabot.Errorf(aulabot.EINVALID, "slot.err_past")
	}
	return c.Commit(func(tx Tx) error {
		created, skipped, told, err := h.svc.Mentoring.CreateWeekly(tx, mentorOf(c), uni, ns)
		if err != nil {
			return err
		}
		first, last := "", ""
		if len(created) > 0 {
			first, last = h.when(c.Lang, created[0]), h.when(c.Lang, created[len(created)-1])
		}
		linked := ""
		if link != "" && len(created) > 0 {
			linked = c.T("slot.weekly_link", "link", link)
		}
		c.EditPressed(c.N("slot.weekly_created", len(created), "skipped", skipped, "first", first, "last", last)+linked+toldWaiting(c, told),
			[][]aulabot.Button{{{Text: c.T("slot.button_upcoming"), Data: agendaButton{agendaUpcoming, 0}.Encode()}}})
		return nil
	})
}

// mentorLinkLine is slot s's meeting link as its mentor reads it, or that
// there is none yet and how to send it.
func (h *Handlers) mentorLinkLine(c *Ctx, s aulabot.Slot) string {
	if s.Link == "" {
		return c.T("newslot.no_link") // the mentor's own words, not the booker's "they will send it to you"
	}
	return h.svc.Mentoring.LinkLine(c.Lang, s)
}

// toldWaiting is the line saying how many people who waited for a slot
// were told of the one just published ("" for none).
func toldWaiting(c *Ctx, told int) string {
	if told == 0 {
		return ""
	}
	return "\n" + c.N("slot.told_waiting", told)
}

// How many slots a page of /slots or /today shows, and how many of the
// names booked on each: with the longest names and topics a page still
// fits in one message.
const (
	agendaPerPage = 8
	namesInAgenda = 3
)

// mySlots lists the mentor's upcoming slots with who booked; asked for
// with words of the past ("¿quién vino a mi sesión de ayer?"), the last
// week's (pastAsked).
func (h *Handlers) mySlots(c *Ctx) error {
	if pastAsked(c.asked) || h.toldPast(c) {
		return h.agenda(c, agendaRecent, 0)
	}
	return h.agenda(c, agendaUpcoming, 0)
}

// toldPast reports whether words for those booked in a session ("avisa a
// los de mi sesión del domingo que ya subí las diapositivas", "manda las
// diapositivas a los de mi sesión del domingo") name a weekday whose
// session ahead has nobody booked while the last week's that day, which
// its mentor may still write to, had people: that one is meant (the day
// ahead's "You have no sessions on Sun 13 Dec" showed, seen in the
// sandbox). Two reads of the mentor's agenda, outside any write, only for
// such words.
func (h *Handlers) toldPast(c *Ctx) bool {
	kb := c.kb()
	if kb == nil || c.asked == "" || c.saidAs != "" || c.said == "" && kb.BookingAsk(c.asked) != "tell" {
		return false
	}
	day, ok := c.namedDay(c.asked)
	if !ok {
		return false
	}
	now := h.Now()
	var ahead, recent []service.Panel
	err := c.view(func(tx Tx) (err error) {
		if ahead, err = h.svc.Mentoring.Agenda(tx, c.U.From.ID, day, day.AddDate(0, 0, 1)); err != nil {
			return err
		}
		recent, err = h.svc.Mentoring.Agenda(tx, c.U.From.ID, now.Add(-service.SlotFollowUp-24*time.Hour), now)
		return err
	})
	if err != nil || slices.ContainsFunc(ahead, func(p service.Panel) bool { return len(p.People) > 0 }) {
		return false
	}
	var past []choice
	for _, p := range recent {
		if len(p.People) > 0 {
			past = append(past, choice{at: p.Slot.Start})
		}
	}
	return len(h.pastDays(c, c.asked, past)) > 0
}

// pastWords say a mentor asks after sessions that ended, as
// aulabot.TypedWords reads them.
var pastWords = []string{"ayer", "yesterday", "vino", "vinieron", "asistio", "asistieron", "came", "attended",
	"pasada", "pasado", "last", "didn"} // "who didn't come to my wednesday session?" ("didn t")

// pastAsked reports whether words asking for a mentor's sessions ask
// after those that ended: "¿quién vino a mi sesión de ayer?" got "I don't
// know" (seen in the sandbox).
func pastAsked(words string) bool {
	if words == "" {
		return false
	}
	typed := strings.Fields(aulabot.TypedWords(words))
	return slices.ContainsFunc(pastWords, func(w string) bool { return slices.Contains(typed, w) })
}

// today is the mentor's agenda for today in their university's zone.
func (h *Handlers) today(c *Ctx) error { return h.agenda(c, agendaToday, 0) }

// onAgenda turns a page of /slots or /today, or opens the last week's
// sessions.
func (h *Handlers) onAgenda(c *Ctx) error {
	b, err := pressed[agendaButton](c)
	if err != nil {
		return err
	}
	c.Answer("")
	return h.agenda(c, b.View, b.Page)
}

// The agenda's views: the next 90 days (/slots), today (/today), and the
// sessions of the last week (under /slots): those a mentor may still
// write to (service.SlotFollowUp), to send the slides or thank them.
const (
	agendaUpcoming = "s"
	agendaToday    = "t"
	agendaRecent   = "p"
	// the upcoming of this week and of the next, as words name them
	agendaThisWeek = "w"
	agendaNextWeek = "n"
)

// agenda shows one page of the mentor's slots in view, each with who
// booked and a button to open it.
func (h *Handlers) agenda(c *Ctx, view string, page int) error {
	now := h.Now()
	if _, _, next, ok := namedWeek(c.asked, now, h.Config.Loc(mentorUni(c))); ok && view == agendaUpcoming && c.U.Callback == nil && weekOfSlots(c) {
		// "mis sesiones de la próxima semana", "no estaré disponible esta
		// semana": that week's (all of them showed, seen in the sandbox),
		// its pages too.
		view = agendaThisWeek
		if next {
			view = agendaNextWeek
		}
	}
	from, to, key, none := now.Add(-12*time.Hour), now.Add(90*24*time.Hour), "slot.mine", "slot.mine_none"
	week := ""
	switch view {
	case agendaThisWeek, agendaNextWeek:
		var monday time.Time
		monday, week = weekStart(now, h.Config.Loc(mentorUni(c))), c.T("booking.period_this_week")
		to, key, none = monday, "slot.mine_week", "slot.mine_week_none"
		if view == agendaNextWeek {
			from, to, week = monday, monday.AddDate(0, 0, 7), c.T("booking.period_next_week")
		}
	case agendaToday:
		t := now.In(h.Config.Loc(mentorUni(c)))
		from = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
		to, key, none = from.AddDate(0, 0, 1), "slot.today", "slot.today_none"
	case agendaRecent:
		from, to, key, none = now.Add(-service.SlotFollowUp-24*time.Hour), now, "slot.recent", "slot.recent_none"
	}
	var panels []service.Panel
	demand := ""
	err := c.view(func(tx Tx) (err error) {
		if panels, err = h.svc.Mentoring.Agenda(tx, c.U.From.ID, from, to); err != nil || view != agendaUpcoming {
			return err
		}
		demand, err = h.waitingLines(c, tx)
		return err
	})
	if err != nil {
		return err
	}
	if view == agendaRecent {
		// Ended, and still open to messages; the latest first.
		panels = slices.DeleteFunc(panels, func(p service.Panel) bool { return p.Slot.End().After(now) || !service.Writable(p.Slot, now) })
		slices.Reverse(panels)
	} else {
		// A slot of today that ended more than 12 hours ago is no longer news.
		panels = slices.DeleteFunc(panels, func(p service.Panel) bool { return !p.Slot.End().After(now.Add(-12 * time.Hour)) })
	}
	recent := []aulabot.Button{{Text: c.T("slot.button_recent"), Data: agendaButton{agendaRecent, 0}.Encode()}}
	if len(panels) == 0 {
		switch view {
		case agendaUpcoming, agendaThisWeek, agendaNextWeek:
			c.ReplyButtons(c.T(none, "week", week)+demand, [][]aulabot.Button{recent})
		case agendaToday:
			// Nothing today: the way to what comes, and to the last
			// week's (to write to those who came), one tap away.
			c.ReplyButtons(c.T(none), [][]aulabot.Button{{{Text: c.T("slot.button_upcoming"), Data: agendaButton{agendaUpcoming, 0}.Encode()}}, recent})
		default:
			c.Reply(c.T(none))
		}
		return nil
	}
	p := paged(len(panels), agendaPerPage, page)
	a, b := p.items()
	var lines []string
	var rows [][]aulabot.Button
	var choices, told []choice    // told: the sessions someone holds a seat in
	lineOf := map[string]string{} // a session's button data -> its line
	for _, pn := range panels[a:b] {
		s := pn.Slot
		var names []string
		for _, b := range pn.People {
			names = append(names, h.personName(c.Lang, b.Name))
		}
		line := "• " + h.slotLine(c.Lang, s) + " — " + c.T("slot.booked_of", "booked", s.Booked, "capacity", s.Capacity)
		if len(names) > 0 {
			line += ": " + i18n.Escape(strings.Join(names[:min(len(names), namesInAgenda)], ", "))
		}
		if len(names) > namesInAgenda {
			line += " " + c.T("slot.and_more", "n", len(names)-namesInAgenda)
		}
		if s.Waiting > 0 {
			line += " · " + c.T("slot.waiting_listed", "n", s.Waiting) // who waits for a seat: the panel names them
		}
		if view != agendaRecent {
			// Upcoming and today's lists keep a session for 12 hours
			// after it ends, to mark attendance: say it is not ahead.
			switch {
			case !s.End().After(now):
				line += " · " + c.T("slot.ended")
			case !s.Start.After(now):
				line += " · " + c.T("slot.under_way")
			}
		}
		lines = append(lines, line)
		b := aulabot.Button{Text: h.when(c.Lang, s), Data: slotViewButton{s.ID}.Encode()}
		lineOf[b.Data] = line
		rows = append(rows, []aulabot.Button{b})
		choices = append(choices, choice{Button: b, at: s.Start})
		if len(pn.People) > 0 {
			told = append(told, choices[len(choices)-1])
		}
	}
	if nav := p.nav(c, func(n int) string { return agendaButton{view, n}.Encode() }); nav != nil {
		rows = append(rows, nav)
	}
	if view != agendaToday && view != agendaRecent {
		rows = append(rows, recent)
	}
	// A session's day and time typed open it ("el lunes a las 4",
	// typedPress), and the other buttons' words press them.
	for _, row := range rows[len(choices):] {
		for _, b := range row {
			choices = append(choices, choice{Button: b})
		}
	}
	asked := choices
	if c.said != "" && c.saidAs == "" {
		asked = told // a message to those booked: "el lunes" names Monday's with people
	}
	named, move, moveTo := h.askedSlot(c, asked)
	if kb := c.kb(); len(named) > 1 && !move && c.said == "" && c.saidAs == "" && kb != nil && kb.BookingAsk(c.asked) == "" {
		// "¿cuántas personas vienen mañana?", two sessions tomorrow: those
		// two with who comes, each a button (a bare "Which of these?"
		// said nothing of them, seen in the sandbox).
		named = named[:min(len(named), agendaPerPage)]
		ls, rs := make([]string, len(named)), make([][]aulabot.Button, len(named))
		for i, b := range named {
			ls[i], rs[i] = lineOf[b.Data], []aulabot.Button{b.Button}
		}
		c.offerTimed(named)
		title := c.T(key, "list", i18n.HTML(strings.Join(ls, "\n")), "week", week)
		loc := h.Config.Loc(mentorUni(c))
		y, m, d := named[0].at.In(loc).Date()
		if view != agendaToday && !slices.ContainsFunc(named, func(b choice) bool { by, bm, bd := b.at.In(loc).Date(); return by != y || bm != m || bd != d }) {
			// "¿qué tengo mañana?": titled by that day, not "Your upcoming
			// slots" (seen in the sandbox).
			title = c.T("slot.on_day", "day", h.day(c.Lang, mentorUni(c), named[0].at), "list", i18n.HTML(strings.Join(ls, "\n")))
		}
		c.ReplyButtons(title, rs)
		return nil
	}
	if len(named) > 0 && (view != agendaRecent || !move) {
		if len(named) > 1 {
			// "mueve mi sesión del lunes al jueves", two on Monday: those
			// two, and what was asked of it waits for the one pressed
			// (onSlotAsked; the list showed, and the words were lost).
			if !h.whichOne(c, named) {
				named = nil // alike: the list
			} else if move || c.said != "" || c.saidAs != "" {
				c.SetState(service.FlowSlotAsked.At("", service.SlotAsked{To: moveTo, Said: c.said, As: c.saidAs, Move: move}))
			}
		}
		if len(named) == 1 {
			as := c.saidAs
			if kb := c.kb(); as == "" && c.said == "" && kb != nil && kb.BookingAsk(c.asked) == "note" {
				as = saidNote // "agrega una nota a la sesión del lunes": its note asked for
			}
			return h.slotAsked(c, named[0].Data, move, moveTo, c.said, as)
		}
		if named != nil {
			return nil
		}
	}
	on := c.asked
	if kb := c.kb(); move || kb != nil && kb.BookingAsk(c.asked) == "copy" {
		// "mueve mi sesión del martes al jueves": the day it is on; "I
		// can't make it to my session on thursday" moves nothing (its
		// "to" hid the day, seen in the sandbox)
		on, _ = movedTo(c.asked)
	}
	if len(named) == 0 && c.asked != "" && p.pages() == 1 {
		if day, ok := c.namedDay(on); ok {
			// "mueve mi sesión del martes al jueves" with none on
			// Tuesday: said above the list, which showed alone (seen
			// in the sandbox).
			c.notice = c.T("slot.none_on_day", "day", h.day(c.Lang, mentorUni(c), day))
		}
	}
	c.offerTimed(choices)
	c.showPage(c.U.Callback != nil, c.T(key, "list", i18n.HTML(strings.Join(lines, "\n")), "week", week)+demand+p.footer(c), rows)
	return nil
}

// weekOfSlots reports whether the words that asked for a mentor's
// sessions ask for them, or to cancel them, rather than to move, copy or
// tell them something: a week they name is the sessions'
// ("duplica mi sesión del jueves para la próxima semana" names where to).
func weekOfSlots(c *Ctx) bool {
	kb := c.kb()
	if kb == nil || c.said != "" || c.saidAs != "" {
		return false
	}
	ask := kb.BookingAsk(c.asked)
	return ask == "" || ask == "cancel"
}

// askedSlot are the sessions of choices (a page of /slots) whose day or
// time the words that asked for the mentor's sessions (c.asked) name: one,
// or those of a day with two; and whether the words move it, and where
// to ("mover la sesión del martes al jueves a las 4": to "jueves a las
// 4"; "cambia mi sesión del lunes a las 5", Monday's sessions being at
// another hour: "a las 5"). Until 6 December such words showed the list,
// the day not read (seen in the sandbox). Words that copy a session
// ("duplica mi sesión del lunes para el jueves") leave where to in c.said,
// with c.saidAs saidCopy.
func (h *Handlers) askedSlot(c *Ctx, choices []choice) (named []choice, move bool, to string) {
	kb := c.kb()
	if kb == nil || c.asked == "" {
		return nil, false, ""
	}
	var sessions []choice
	for _, b := range choices {
		if !b.at.IsZero() {
			sessions = append(sessions, b)
		}
	}
	from := c.asked
	ask := kb.BookingAsk(c.asked)
	if n, ok := seatsNumber(c.asked); ok && ask == "seats" && c.said == "" && c.saidAs == "" {
		// "cambia el cupo de mi sesión del viernes a 8": its seats, not
		// a move (it asked for a day and time, seen in the sandbox).
		ask, c.said, c.saidAs = "", strconv.Itoa(n), saidSeats
		from = strings.Replace(from, strconv.Itoa(n), "", 1)
	}
	move = ask == "change" && !linkWords(c.asked)
	if move || ask == "copy" {
		from, to = movedTo(c.asked)
	}
	named = c.namedAt(from, sessions)
	if (move || ask == "copy") && to == "" && !c.namesClock(from, sessions) {
		// "cambia mi sesión del lunes a las 5": no session at 5, so the
		// hour is where to (it named Monday's sessions, the hour lost).
		if f, t, ok := clockSplit(from); ok {
			if n := c.namedAt(f, sessions); len(n) > 0 {
				named, to = n, t
			}
		}
	}
	if len(named) == 0 {
		named = h.pastDays(c, from, sessions) // "¿quién vino a mi sesión de ayer?", "… del domingo?"
	}
	if len(named) == 0 && c.said != "" && kb.LateAlone(c.said) {
		// A mentor's "voy a llegar tarde": the nearest session begun at
		// most LateBegun ago or beginning within LateAhead
		// (mentorLateFor).
		if i := slices.IndexFunc(sessions, func(b choice) bool { return lateWindow(h.Now(), b.at) }); i >= 0 {
			named = sessions[i : i+1]
		}
	}
	if len(named) == 0 && c.said != "" {
		// "avisa a los inscritos que la sesión del jueves se atrasa": the
		// day in the message, or the one session there is.
		if named = c.namedAt(c.said, sessions); len(named) == 0 && len(sessions) == 1 {
			named = sessions
		}
	}
	if ask == "copy" {
		// "duplica mi sesión del lunes para la próxima semana": its 📋
		// Copy to another day, to the day and time after "para"/"to", or
		// the hour no session has (askCopy). Set last: where to names no
		// session to copy.
		c.said, c.saidAs, to = to, saidCopy, ""
	}
	return named, move, to
}

// pastDays are those of sessions that were on a day text names, in the
// mentor's university's zone, looking back: "ayer", "yesterday", or a
// weekday, today's or the last before it ("¿quién vino a mi sesión del
// domingo?", "del domingo pasado"), which the typed dates read ahead (the
// week past's list said "You have no sessions on Sun 13 Dec", seen in the
// sandbox). On the list of sessions to come only today's can be found
// this way; nil for none.
func (h *Handlers) pastDays(c *Ctx, text string, sessions []choice) []choice {
	loc := h.Config.Loc(mentorUni(c))
	y, m, d := h.Now().In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
	var days []time.Time // the days named, each today or the last before it
	for _, w := range strings.Fields(aulabot.TypedWords(text)) {
		if w == "ayer" || w == "yesterday" {
			days = append(days, today.AddDate(0, 0, -1))
		} else if wd, ok := aulabot.TypedWeekday(w); ok {
			back := (int(today.Weekday()) - int(wd) + 7) % 7 // today, or up to 6 days back
			days = append(days, today.AddDate(0, 0, -back))
		}
	}
	var out []choice
	for _, s := range sessions {
		sy, sm, sd := s.at.In(loc).Date()
		if slices.ContainsFunc(days, func(day time.Time) bool { dy, dm, dd := day.Date(); return sy == dy && sm == dm && sd == dd }) {
			out = append(out, s)
		}
	}
	return out
}

// slotAsked does what a mentor's request asked of the session whose
// button (on the list) is data: plans its move to to, or the words said
// for those booked in it ("avisa a los inscritos del lunes que llego
// tarde"), or else opens its panel ("cancelar la sesión del lunes a las
// 10": ✖️ one tap away; its 🕑 Move for a move without where to). A
// cancellation is not asked at once: its step takes the next words typed
// as the reason (a mentor's next request, typed, cancelled the session it
// named, seen in the sandbox).
func (h *Handlers) slotAsked(c *Ctx, data string, move bool, to, said, as string) error {
	v, err := button.As[slotViewButton](h.buttons, data)
	if err != nil {
		return h.pressTyped(c, data)
	}
	switch {
	case move && to != "":
		return h.askMove(c, v.Slot, to)
	case move:
		return h.pressTyped(c, moveButton{v.Slot}.Encode())
	case as == saidCopy:
		return h.askCopy(c, v.Slot, said)
	case as == saidNote && said == "":
		return h.pressTyped(c, noteButton{v.Slot}.Encode())
	case as == saidNote:
		return h.addNote(c, v.Slot, said)
	case as == saidTopic && said == "":
		return h.pressTyped(c, slotTopicButton{v.Slot}.Encode())
	case as == saidTopic:
		if _, err := h.startSlotFlow(c, service.FlowSlotTopic, v.Slot); err != nil {
			return err
		}
		c.U.Text = said
		return h.onSlotTopicText(c) // changed, and those booked told, as typed after ✏️
	case as == saidLink:
		c.U.Text = said
		return h.askSendLink(c, v.Slot) // shown, with who gets it, to confirm
	case as == saidSeats:
		n, _ := strconv.Atoi(said)
		return h.pressTyped(c, capacityButton{v.Slot, n}.Encode())
	case as == saidReason && said != "":
		return h.askCancelWith(c, v.Slot, said)
	case said != "":
		return h.askMessageBooked(c, v.Slot, said)
	}
	if kb := c.kb(); kb != nil && as == "" && c.U.Callback == nil && kb.BookingAsk(c.asked) == "tell" {
		// "manda las diapositivas a los de mi sesión del domingo": 💬's
		// step, for the words or the file (its panel showed, seen in the
		// sandbox)
		return h.pressTyped(c, messageBookedButton{v.Slot}.Encode())
	}
	return h.pressTyped(c, data)
}

// addNote adds words to the private note of mentor's slot id, after what
// it holds ("agrega una nota a la sesión del lunes: revisar rúbrica"), and
// says so with the note as it is now.
func (h *Handlers) addNote(c *Ctx, id uint64, words string) error {
	return c.Commit(func(tx Tx) error {
		s, err := h.svc.Mentoring.Own(tx, c.U.From.ID, id)
		if err != nil {
			return err
		}
		note := strings.TrimSpace(words)
		if old := strings.TrimSpace(s.Note); old != "" {
			note = old + "\n" + note
		}
		if err := h.svc.Mentoring.SetNote(tx, c.U.From.ID, id, note); err != nil {
			return err
		}
		c.Reply(c.T("slot.note_added", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "note", aulabot.CleanText(note)))
		return nil
	})
}

// onSlotAsked is a session pressed under "Which of these?" while what the
// request asked of it waits (FlowSlotAsked): planned for that session.
func (h *Handlers) onSlotAsked(c *Ctx, id uint64) error {
	d, _ := service.FlowSlotAsked.Data(c.State)
	c.ClearState()
	c.Answer("")
	return h.slotAsked(c, slotViewButton{id}.Encode(), d.Move || d.To != "", d.To, d.Said, d.As)
}

// seatsNumber is the one number of words that ask to set a session's
// seats (knowledge's BookingAsk "seats": "cambia el cupo de mi sesión del
// viernes a 8"), from 1 to 1000; false for none, or several (a date's:
// which?).
func seatsNumber(text string) (int, bool) {
	n, found := 0, 0
	for _, w := range strings.Fields(aulabot.TypedWords(text)) {
		if v, err := strconv.Atoi(w); err == nil && v > 0 && v <= 1000 {
			n, found = v, found+1
		}
	}
	if found != 1 {
		return 0, false
	}
	return n, true
}

// clockSplit splits text at its last "a las", "a la" or "at" (the hour a
// move goes to: "cambia mi sesión del lunes a las 5"): what is before, and
// the hour with its words.
func clockSplit(text string) (before, clock string, ok bool) {
	lower := strings.ToLower(text)
	at, _ := lastOf(lower, " a las ", " a la ", " at ")
	if at < 0 {
		return "", "", false
	}
	return lower[:at], strings.TrimSpace(lower[at:]), true
}

// namesClock reports whether the longest run of text's words that types
// a day and a time names one of sessions' exact start.
func (c *Ctx) namesClock(text string, sessions []choice) bool {
	at, clock, ok := c.namedWhen(text, c.h.Config.Loc(c.User.University))
	return ok && clock && slices.ContainsFunc(sessions, func(s choice) bool { return s.at.Equal(at) })
}

// movedTo splits the words that ask to move a session at the last words
// of where to ("… al jueves a las 4", "I want to move my tuesday session
// to thursday at 4pm"): those before them, and the day and time after
// ("" when none).
func movedTo(text string) (from, to string) {
	lower := strings.ToLower(text)
	at, sep := lastOf(lower, " al ", " para el ", " para la ", " to ", " hasta el ")
	if at < 0 {
		return lower, ""
	}
	return lower[:at], strings.TrimSpace(lower[at+len(sep):])
}

// linkWords reports whether text names a session's meeting link ("cambiar
// el enlace de la sesión del lunes"): a change of the link, not of the
// time.
func linkWords(text string) bool {
	words := " " + aulabot.TypedWords(text) + " "
	return strings.Contains(words, " enlace ") || strings.Contains(words, " link ") || strings.Contains(words, " zoom ") ||
		strings.Contains(words, " meet ")
}

// waitingLines says, under a mentor's upcoming slots, how many people of
// their university wait to be told of a slot of each kind (🔔 on "no
// slots"): the demand no slot meets. "" when nobody waits.
func (h *Handlers) waitingLines(c *Ctx, tx Tx) (string, error) {
	out := ""
	for _, kind := range []string{aulabot.SlotPersonal, aulabot.SlotGroup} {
		n, err := h.svc.Mentoring.Waiting(tx, mentorUni(c), kind, c.U.From.ID)
		if err != nil {
			return "", err
		}
		if n > 0 {
			out += "\n" + c.N("slot.waiting_"+kind, n)
		}
	}
	if out != "" {
		out = "\n" + out
	}
	return out, nil
}

// onSlot decodes a mentor's button on one slot and hands it to its
// handler.
func (h *Handlers) onSlot(c *Ctx) error {
	b, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	switch b := b.(type) {
	case slotViewButton:
		if service.FlowSlotAsked.In(c.State) {
			return h.onSlotAsked(c, b.Slot)
		}
		return h.viewSlot(c, b.Slot, 0, false)
	case slotPageButton:
		return h.viewSlot(c, b.Slot, b.Page, true)
	case slotCancelButton:
		if _, err := h.startSlotFlow(c, service.FlowSlotCancel, b.Slot); err != nil {
			return err
		}
		c.EditPressed(c.T("slot.cancel_reason"), [][]aulabot.Button{
			{{Text: c.T("slot.button_cancel_no_reason"), Data: slotCancelNowButton{b.Slot}.Encode()}},
			{{Text: c.T("slot.button_keep_session"), Data: keepSlotButton{b.Slot}.Encode()}}})
		return nil
	case slotCancelNowButton:
		return h.cancelSlot(c, b.Slot, "")
	case slotCancelOKButton:
		reason, err := service.PlannedCancel(c.State, b.Slot)
		if err != nil {
			return err
		}
		return h.cancelSlot(c, b.Slot, reason)
	case keepSlotButton:
		if service.FlowSlotCancel.In(c.State) || service.FlowSlotMove.In(c.State) {
			c.ClearState()
		}
		c.Answer("")
		c.EditPressed(c.T("slot.kept"), [][]aulabot.Button{{{Text: c.T("slot.button_view"), Data: slotViewButton{b.Slot}.Encode()}}})
		return nil
	case capacityButton:
		return h.setCapacity(c, b.Slot, b.Capacity)
	case noteButton:
		s, err := h.startSlotFlow(c, service.FlowSlotNote, b.Slot)
		if err != nil {
			return err
		}
		if note := aulabot.CleanText(s.Note); note != "" {
			c.Reply(c.T("slot.note_current", "note", note))
		} else {
			c.Reply(c.T("slot.note_ask"))
		}
		return nil
	case slotTopicButton:
		if err := h.topicOpen(c, b.Slot); err != nil {
			return err // begun: refused before the step is open
		}
		s, err := h.startSlotFlow(c, service.FlowSlotTopic, b.Slot)
		if err != nil {
			return err
		}
		topic := aulabot.CleanText(s.Topic)
		if topic == "" {
			topic = c.T("booking.topic_none")
		}
		c.Reply(c.T("slot.topic_ask", "max", aulabot.SlotMaxTopic, "topic", topic))
		return nil
	case attendanceButton:
		return h.markAttendance(c, b.Booking, b.Came)
	case allCameButton:
		return h.markAllCame(c, b.Slot)
	case moveButton:
		return h.askMove(c, b.Slot, "")
	case moveOKButton:
		return h.moveSlot(c, b.Slot)
	case copyButton:
		return h.askCopy(c, b.Slot, "")
	case copyWeekButton:
		return h.copyNextWeek(c, b.Slot)
	case copyOKButton:
		return h.publishCopy(c, b.Slot)
	case copyNoButton:
		return dropPlanned(c, service.FlowSlotCopy.In(c.State), "slot.copy_dropped")
	case sendLinkButton:
		if _, err := h.startSlotFlow(c, service.FlowSlotLink, b.Slot); err != nil {
			return err
		}
		c.Reply(c.T("slot.link_ask"))
		return nil
	case sendLinkOKButton:
		link, err := service.PlannedLink(c.State, b.Slot)
		if err != nil {
			return err
		}
		return h.sendLink(c, b.Slot, link)
	case keepLinkButton:
		return dropPlanned(c, service.FlowSlotLink.In(c.State), "slot.link_not_sent")
	case answerBookedButton:
		return h.askAnswerBooked(c, b.Booking)
	case messageOKButton:
		text, err := service.PlannedMessage(c.State, b.Slot)
		if err != nil {
			return err
		}
		return sendPlanned(c, func(tx Tx) (string, error) {
			res, err := h.svc.Mentoring.MessageBooked(tx, c.U.From.ID, b.Slot, text, nil, h.Now())
			return c.N("slot.message_sent", res.Told), err
		})
	case messageNoButton:
		return dropPlanned(c, service.FlowSlotMessage.In(c.State), "slot.message_not_sent")
	case messageBookedButton:
		s, err := h.startSlotFlow(c, service.FlowSlotMessage, b.Slot)
		if err != nil {
			return err
		}
		c.Reply(c.N("slot.message_ask", s.Booked, "slot", i18n.HTML(h.slotLine(c.Lang, s))))
		return nil
	}
	return button.Stale()
}

// askMove asks for the day and time slot id moves to, or, given them
// (to: "al jueves a las 4", from the words that asked for the move:
// askedSlot), shows the move they plan, to confirm (onSlotMoveText); words
// refused (no day read, a time past) ask, and say why, and the move waits
// for another time.
func (h *Handlers) askMove(c *Ctx, id uint64, to string) error {
	s, err := h.startSlotFlow(c, service.FlowSlotMove, id)
	if err != nil {
		return err
	}
	if to != "" {
		c.U.Text = h.onSessionDay(s, to)
		if err = h.onSlotMoveText(c); aulabot.ErrorCode(err) != aulabot.EINVALID {
			return err // planned, or refused for more than the words
		}
	}
	example := s.Start.In(h.Config.Loc(s.University)).AddDate(0, 0, 1).Format(aulabot.TypedWhenExample)
	c.Reply(c.T("slot.move_ask", "zone", h.svc.Mentoring.Zone(c.Lang, mentorUni(c)), "example", example))
	return err
}

// askCopy asks for the day and time of a copy of slot id (📋 Copy to
// another day), with the same time a week on as a button. A mentor who
// held the same session every week or two published each from the start,
// length, kind, seats, topic and link again (or typed /newslot's syntax).
// Given where to (to: "al viernes a las 9", "la próxima semana", from the
// words that asked for the copy: askedSlot), it shows the copy planned, to
// confirm; words refused ask, and say why.
func (h *Handlers) askCopy(c *Ctx, id uint64, to string) error {
	if weekOn(to) {
		return h.copyNextWeek(c, id)
	}
	s, err := h.startSlotFlow(c, service.FlowSlotCopy, id)
	if err != nil {
		return err
	}
	if to != "" {
		c.U.Text = h.onSessionDay(s, to)
		if err = h.onSlotCopyText(c); aulabot.ErrorCode(err) != aulabot.EINVALID {
			return err // planned, or refused for more than the words
		}
	}
	loc := h.Config.Loc(s.University)
	next := nextWeek(s.Start, h.Now(), loc)
	c.ReplyButtons(c.T("slot.copy_ask", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "zone", h.svc.Mentoring.Zone(c.Lang, s.University),
		"example", next.AddDate(0, 0, 1).In(loc).Format(aulabot.TypedWhenExample)),
		[][]aulabot.Button{{{Text: c.T("slot.button_copy_week", "when", h.whenAt(c.Lang, s.University, next)), Data: copyWeekButton{id}.Encode()}}})
	return err
}

// weekOn reports whether to, where a copy goes, says a week on and no day
// ("la próxima semana", "next week"): the same day and time then.
func weekOn(to string) bool {
	return nextWeekWords[strings.TrimPrefix(aulabot.TypedWords(to), "la ")]
}

var nextWeekWords = typedSet("próxima semana", "semana que viene", "otra semana", "siguiente semana", "next week",
	"the next week", "the following week", "following week", "a week later", "the week after")

// nextWeek is start a week on, in zone loc (the same hour across a change
// of the clocks), and as many weeks more as it takes to be after now.
func nextWeek(start, now time.Time, loc *time.Location) time.Time {
	t := start.In(loc)
	for i := 1; ; i++ {
		if next := t.AddDate(0, 0, 7*i); next.After(now) {
			return next.UTC()
		}
	}
}

// copyNextWeek plans the copy of slot id a week on (copyWeekButton), as if
// that day and time were typed at askCopy.
func (h *Handlers) copyNextWeek(c *Ctx, id uint64) error {
	s, err := h.startSlotFlow(c, service.FlowSlotCopy, id)
	if err != nil {
		return err
	}
	loc := h.Config.Loc(s.University)
	c.U.Text = nextWeek(s.Start, h.Now(), loc).In(loc).Format(aulabot.TypedWhenExample)
	return h.onSlotCopyText(c)
}

// onSlotCopyText reads the day and time typed for a copy of a slot and
// shows the copy as it would be published, with Publish it and Don't
// copy: a day read from words is seen before the slot is published (and
// those waiting for one told). Another time typed then replaces it.
func (h *Handlers) onSlotCopyText(c *Ctx) error {
	id, err := service.FlowSlot(service.FlowSlotCopy, c.State)
	if err != nil {
		c.ClearState()
		return err
	}
	yes := aulabot.Button{Text: c.T("slot.button_copy_ok"), Data: copyOKButton{id}.Encode()}
	no := aulabot.Button{Text: c.T("slot.button_copy_no"), Data: copyNoButton{id}.Encode()}
	if c.State.Step == service.SlotCopyConfirm {
		if done, err := h.atConfirm(c, yes, no); done || err != nil {
			return err
		}
	}
	s, err := planned(c, func(tx Tx) (aulabot.State, aulabot.Slot, error) {
		return h.svc.Mentoring.PlanCopy(tx, c.U.From.ID, c.Lang, id, c.U.Text)
	})
	if err != nil {
		return err
	}
	c.ReplyButtons(c.T("slot.copy_confirm", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "capacity", s.Capacity, "link", i18n.HTML(h.mentorLinkLine(c, s))),
		[][]aulabot.Button{{yes}, {no}})
	return nil
}

// publishCopy publishes the copy of slot id its flow waits on
// (onSlotCopyText), as /newslot publishes a slot.
func (h *Handlers) publishCopy(c *Ctx, id uint64) error {
	var n aulabot.NewSlot
	var uni string
	err := c.view(func(tx Tx) (err error) {
		n, uni, err = h.svc.Mentoring.CopyPlanned(tx, c.State, c.U.From.ID, id)
		return err
	})
	if err != nil {
		return err
	}
	c.Answer("")
	return h.createSlot(c, uni, n)
}

// onSessionDay is to, a day and time typed for session s to move or be
// copied to, or, for an hour alone ("a las 5": "cambia mi sesión del
// lunes a las 5"), that hour on the session's day.
func (h *Handlers) onSessionDay(s aulabot.Slot, to string) string {
	loc := h.Config.Loc(s.University)
	if _, err := aulabot.TypedWhen(to, h.Now(), loc, "slot.err_move_usage"); err == nil {
		return to
	}
	day := s.Start.In(loc).Format("02/01") + " " + to
	if _, err := aulabot.TypedWhen(day, h.Now(), loc, "slot.err_move_usage"); err == nil {
		return day
	}
	return to
}

// startSlotFlow starts one of the mentor's one-step flows on slot id.
func (h *Handlers) startSlotFlow(c *Ctx, flow aulabot.Flow[service.OnSlot], id uint64) (aulabot.Slot, error) {
	var st aulabot.State
	var s aulabot.Slot
	err := c.view(func(tx Tx) (err error) { st, s, err = h.svc.Mentoring.OnSlot(tx, flow, c.U.From.ID, id); return err })
	if err != nil {
		return s, err
	}
	c.SetState(st)
	c.Answer("")
	return s, nil
}

// How many people a page of the slot view lists (with their buttons: two
// each after the start), and how much of the private note it shows (the
// note's button shows all of it).
const (
	peoplePerPage = 20
	noteInView    = 200
	topicInPanel  = 60 // a booking's topic on its line: twenty lines fit a message
)

// viewSlot shows a slot to its mentor with who booked and the actions that
// apply now: before the start cancel and capacity, after it attendance.
// The people (booked first, then waiting) are paged: a page turn edits the
// panel in place.
func (h *Handlers) viewSlot(c *Ctx, id uint64, page int, turn bool) error {
	var pn service.Panel
	var courses map[uint64]aulabot.Course
	err := c.view(func(tx Tx) (err error) {
		if pn, err = h.svc.Mentoring.Panel(tx, c.U.From.ID, id); err != nil {
			return err
		}
		courses, err = h.panelCourses(c, tx, pn)
		return err
	})
	if err != nil {
		return err
	}
	c.Answer("")
	h.showPanel(c, pn, courses, page, turn)
	return nil
}

// panelCourses are the courses the seats of a panel were booked for
// (courses moved online), by booking, as the mentor may see them.
func (h *Handlers) panelCourses(c *Ctx, tx Tx, pn service.Panel) (map[uint64]aulabot.Course, error) {
	out := map[uint64]aulabot.Course{}
	for _, b := range pn.People {
		if b.Status != aulabot.BookingActive {
			continue
		}
		v, ok, err := h.svc.Courses.SessionCourse(tx, b.ID, c.U.From.ID, c.Roles)
		if err != nil {
			return nil, err
		}
		if ok {
			out[b.ID] = v.Course
		}
	}
	return out, nil
}

// showPanel renders page of a slot's panel; turn edits the pressed one.
func (h *Handlers) showPanel(c *Ctx, pn service.Panel, courses map[uint64]aulabot.Course, page int, turn bool) {
	s, id := pn.Slot, pn.Slot.ID
	started, ended := !h.Now().Before(s.Start), !s.End().After(h.Now())
	p := paged(len(pn.People), peoplePerPage, page)
	from, to := p.items()
	var lines []string
	var rows [][]aulabot.Button
	// The panel's own buttons come first; cancelling someone's booking
	// (which asks again) is last, away from the thumb's first tap.
	var own, cancels [][]aulabot.Button
	for _, b := range pn.People[from:to] {
		name := h.personName(c.Lang, b.Name)
		if b.Status == aulabot.BookingWaiting {
			lines = append(lines, "⏳ "+i18n.Escape(name))
			continue
		}
		mark := map[string]string{aulabot.Attended: "✅ ", aulabot.NoShow: "❌ "}[b.Attendance]
		line := "• " + mark + i18n.Escape(name)
		if co, ok := courses[b.ID]; ok {
			label := service.CourseLabel(co)
			line += " · 📚 " + i18n.Escape(label)
			own = append(own, []aulabot.Button{{Text: "📚 " + service.Short(label, 40), Data: openCourseButton{co.ID}.Encode()}})
		}
		if topic := aulabot.CleanText(b.Topic); topic != "" {
			// What they want to talk about: only in the booking's notice
			// before, far up the chat when the mentor prepares.
			line += " · 💬 «" + i18n.Escape(service.Short(topic, topicInPanel)) + "»"
		}
		lines = append(lines, line)
		if !started {
			cancels = append(cancels, []aulabot.Button{{Text: c.T("slot.button_cancel_booking", "name", i18n.HTML(service.Short(name, 24))), Data: cancelBookingButton{b.ID}.Encode()}})
		} else {
			rows = append(rows, []aulabot.Button{
				{Text: c.T("slot.button_came", "name", i18n.HTML(service.Short(name, 20))), Data: attendanceButton{b.ID, true}.Encode()},
				{Text: c.T("slot.button_missed", "name", i18n.HTML(service.Short(name, 20))), Data: attendanceButton{b.ID, false}.Encode()},
			})
		}
	}
	if nav := p.nav(c, func(n int) string { return slotPageButton{id, n}.Encode() }); nav != nil {
		rows = append(rows, nav)
	}
	if started && unmarked(pn.People) > 1 {
		// A group's mentor pressed ✅ once per person (and "vinieron
		// los dos" typed got "I don't know", seen in the sandbox).
		own = append(own, []aulabot.Button{{Text: c.T("slot.button_all_came"), Data: allCameButton{id}.Encode()}})
	}
	if !started {
		if s.Kind == aulabot.SlotGroup {
			own = append(own, []aulabot.Button{
				{Text: c.T("slot.button_capacity_minus"), Data: capacityButton{id, s.Capacity - 1}.Encode()},
				{Text: c.T("slot.button_capacity_plus"), Data: capacityButton{id, s.Capacity + 1}.Encode()},
				{Text: c.T("slot.button_capacity_plus5"), Data: capacityButton{id, s.Capacity + 5}.Encode()},
			})
		}
		own = append(own, []aulabot.Button{
			{Text: c.T("slot.button_move"), Data: moveButton{id}.Encode()},
			{Text: c.T("slot.button_cancel_slot"), Data: slotCancelButton{id}.Encode()},
		}, []aulabot.Button{{Text: c.T("slot.button_topic"), Data: slotTopicButton{id}.Encode()}})
	}
	link := h.svc.Mentoring.LinkLine(c.Lang, s)
	switch {
	case s.Link == "" && ended:
		link = "" // no link to send any more
	case s.Link == "":
		link = c.T("slot.no_link_mentor")
		own = append(own, []aulabot.Button{{Text: c.T("slot.button_send_link"), Data: sendLinkButton{id}.Encode()}})
	}
	if s.Booked > 0 && service.Writable(s, h.Now()) {
		own = append(own, []aulabot.Button{{Text: c.T("slot.button_message"), Data: messageBookedButton{id}.Encode()}})
	}
	rows = append(own, rows...)
	rows = append(rows, []aulabot.Button{{Text: c.T("slot.button_note"), Data: noteButton{id}.Encode()},
		{Text: c.T("slot.button_copy"), Data: copyButton{id}.Encode()}})
	rows = append(rows, cancels...)
	who := c.T("slot.nobody")
	if len(lines) > 0 {
		who = strings.Join(lines, "\n")
		if s.Waiting > 0 {
			who = c.T("slot.waiting_count", "n", s.Waiting) + "\n" + who
		}
		who += p.footer(c)
	}
	note := ""
	if n := aulabot.CleanText(s.Note); n != "" {
		note = c.T("slot.note_line", "note", service.Short(n, noteInView))
	}
	c.offerStep(rows) // "cancelar sesión", "nota privada" typed: their buttons
	c.showPage(turn, c.T("slot.view", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "booked", s.Booked, "capacity", s.Capacity,
		"link", i18n.HTML(link), "who", i18n.HTML(who), "note", i18n.HTML(note)), rows)
}

// askCancelWith shows the cancellation of mentor's session id with the
// reason they gave in the words that asked for it, to confirm, as if
// ✖️ Cancel session had been pressed and the reason typed.
func (h *Handlers) askCancelWith(c *Ctx, id uint64, reason string) error {
	if _, err := h.startSlotFlow(c, service.FlowSlotCancel, id); err != nil {
		return err
	}
	c.U.Text = reason
	return h.onSlotCancelText(c)
}

// onSlotCancelText reads the reason typed and shows the cancellation, the
// session, the reason and who will be told, with Cancel it and Keep the
// session: nothing is cancelled before the mentor has seen the words that
// will reach everyone (service.PlanCancel). Another reason typed then
// replaces it.
func (h *Handlers) onSlotCancelText(c *Ctx) error {
	id, err := service.FlowSlot(service.FlowSlotCancel, c.State)
	if err != nil {
		c.ClearState()
		return err
	}
	yes := aulabot.Button{Text: c.T("slot.button_cancel_ok"), Data: slotCancelOKButton{id}.Encode()}
	keep := aulabot.Button{Text: c.T("slot.button_keep_session"), Data: keepSlotButton{id}.Encode()}
	if c.State.Step == service.SlotCancelConfirm {
		if done, err := h.atConfirm(c, yes, keep); done || err != nil {
			return err
		}
	}
	p, err := planned(c, func(tx Tx) (aulabot.State, service.CancelPlan, error) {
		return h.svc.Mentoring.PlanCancel(tx, c.U.From.ID, id, c.U.Text)
	})
	if err != nil {
		return err
	}
	c.ReplyButtons(c.N("slot.cancel_confirm", p.Told, "slot", i18n.HTML(h.slotLine(c.Lang, p.Slot)), "reason", p.Reason),
		[][]aulabot.Button{{yes}, {keep}})
	return nil
}

// cancelSlot cancels a slot; everyone booked or waiting is told.
func (h *Handlers) cancelSlot(c *Ctx, id uint64, reason string) error {
	c.ClearState()
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Mentoring.CancelSlot(tx, c.U.From.ID, id, reason)
		if err != nil {
			return err
		}
		c.Answer(c.T("slot.cancelled_short"))
		c.EditPressed(c.h.cat.N(c.Lang, "slot.cancelled", res.Told, "slot", i18n.HTML(h.slotLine(c.Lang, res.Slot))), nil)
		return nil
	})
}

// setCapacity changes a group slot's capacity; the panel pressed shows
// the new seats in place.
func (h *Handlers) setCapacity(c *Ctx, id uint64, n int) error {
	return c.Commit(func(tx Tx) error {
		s, err := h.svc.Mentoring.SetCapacity(tx, c.U.From.ID, id, n)
		if err != nil {
			return err
		}
		pn, err := h.svc.Mentoring.Panel(tx, c.U.From.ID, s.ID)
		if err != nil {
			return err
		}
		courses, err := h.panelCourses(c, tx, pn)
		if err != nil {
			return err
		}
		c.Answer(c.T("slot.capacity_short", "capacity", s.Capacity))
		h.showPanel(c, pn, courses, 0, true)
		return nil
	})
}

// onSlotNoteText keeps the mentor's private note.
func (h *Handlers) onSlotNoteText(c *Ctx) error {
	id, err := service.FlowSlot(service.FlowSlotNote, c.State)
	c.ClearState()
	if err != nil {
		return err
	}
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Mentoring.SetNote(tx, c.U.From.ID, id, c.U.Text); err != nil {
			return err
		}
		c.Reply(c.T("slot.note_saved"))
		return nil
	})
}

// onSlotTopicText makes the words typed after ✏️ Change the topic the
// session's topic and tells those booked (service.ChangeTopic): a topic
// too long or empty is refused and the flow waits for another (or
// /cancel); a session begun since, or gone, ends it, and so do words
// that read as a request of the mentor's.
func (h *Handlers) onSlotTopicText(c *Ctx) error {
	id, err := service.FlowSlot(service.FlowSlotTopic, c.State)
	if err != nil {
		c.ClearState()
		return err
	}
	if c.said == "" && h.requestTyped(c) {
		// "cambia el tema de mi sesión del miércoles" typed at the step: a
		// request of the mentor's, read as any (it became the topic, seen
		// in the sandbox); a topic reads as none.
		c.ClearState()
		return ErrNotMine
	}
	if err := h.topicOpen(c, id); err != nil {
		c.ClearState()
		return err
	}
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Mentoring.ChangeTopic(tx, c.U.From.ID, id, c.U.Text, h.Now())
		if err != nil {
			return err
		}
		c.ClearState()
		switch {
		case res.Slot.Topic == res.Old:
			c.Reply(c.T("slot.topic_same"))
		case res.Told == 0:
			c.Reply(c.T("slot.topic_saved", "slot", i18n.HTML(h.slotLine(c.Lang, res.Slot))))
		default:
			c.Reply(c.N("slot.topic_changed", res.Told, "slot", i18n.HTML(h.slotLine(c.Lang, res.Slot))))
		}
		return nil
	})
}

// topicOpen refuses a change of the topic of mentor's session id once it
// has begun (slot.err_topic_started), or when it is not theirs.
func (h *Handlers) topicOpen(c *Ctx, id uint64) error {
	var s aulabot.Slot
	err := c.view(func(tx Tx) (err error) { s, err = h.svc.Mentoring.Own(tx, c.U.From.ID, id); return err })
	if err == nil && !s.Start.After(h.Now()) {
		err = aulabot.Errorf(aulabot.ECONFLICT, "slot.err_topic_started")
	}
	return err
}

// requestTyped reports whether the words typed at a step that takes
// words read as a request of the staff's, whole or before their ":"
// ("cambia el tema de mi sesión del jueves: rúbricas").
func (h *Handlers) requestTyped(c *Ctx) bool {
	kb := c.kb()
	if kb == nil {
		return false
	}
	head, _, colon := strings.Cut(c.U.Text, ":")
	return kb.StaffIntent(c.U.Text) != "" || colon && kb.StaffIntent(head) != ""
}

// onSlotMoveText reads the day and time typed for a slot's move (in the
// slot's university zone) and shows it, the session now and then and who
// will be told, with Move it and Don't move it: nothing moves before the
// mentor has seen the day read. Another time typed then replaces it.
func (h *Handlers) onSlotMoveText(c *Ctx) error {
	id, err := service.FlowSlot(service.FlowSlotMove, c.State)
	if err != nil {
		c.ClearState()
		return err
	}
	yes := aulabot.Button{Text: c.T("slot.button_move_ok"), Data: moveOKButton{id}.Encode()}
	keep := aulabot.Button{Text: c.T("slot.button_move_keep"), Data: keepSlotButton{id}.Encode()}
	if c.State.Step == service.SlotMoveConfirm {
		if done, err := h.atConfirm(c, yes, keep); done || err != nil {
			return err
		}
	}
	p, err := planned(c, func(tx Tx) (aulabot.State, service.MovePlan, error) {
		return h.svc.Mentoring.PlanMove(tx, c.U.From.ID, c.Lang, id, c.U.Text)
	})
	if err != nil {
		return err
	}
	moved := p.Slot
	moved.Start = p.To
	c.ReplyButtons(c.N("slot.move_confirm", p.Told, "from", i18n.HTML(h.slotLine(c.Lang, p.Slot)), "to", i18n.HTML(h.slotLine(c.Lang, moved))),
		[][]aulabot.Button{{yes}, {keep}})
	return nil
}

// moveSlot moves slot id to the time its move waits on (onSlotMoveText);
// everyone booked or waiting is told. A refusal (another booking at that
// time) leaves the move waiting, for another time to be typed.
func (h *Handlers) moveSlot(c *Ctx, id uint64) error {
	to, err := service.PlannedMove(c.State, id)
	if err != nil {
		return err
	}
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Mentoring.MoveSlot(tx, c.U.From.ID, c.Lang, id, to)
		if err != nil {
			return err
		}
		c.ClearState()
		c.Answer("")
		c.EditPressed(c.N("slot.moved", res.Told, "slot", i18n.HTML(h.slotLine(c.Lang, res.Slot))), nil)
		return nil
	})
}

// LateBegun is how long ago a mentor's session may have begun for their
// "voy a llegar tarde" to be said of it (mentorLateFor).
const LateBegun = 30 * time.Minute

// lateWindow reports whether a mentor's session beginning at start is
// one their lateness is said of at now.
func lateWindow(now, start time.Time) bool {
	return !start.Before(now.Add(-LateBegun)) && !start.After(now.Add(LateAhead))
}

// mentorLateFor is lateFor for a mentor's own sessions with people
// booked, begun at most LateBegun ago or beginning within LateAhead:
// "voy a llegar tarde" is then a message to those booked in the nearest
// (askedSlot).
func (h *Handlers) mentorLateFor(c *Ctx) bool {
	var panels []service.Panel
	now := h.Now()
	if err := c.view(func(tx Tx) (err error) {
		panels, err = h.svc.Mentoring.Agenda(tx, c.U.From.ID, now.Add(-LateBegun), now.Add(LateAhead))
		return err
	}); err != nil {
		return false // read as any words
	}
	return slices.ContainsFunc(panels, func(p service.Panel) bool { return len(p.People) > 0 && lateWindow(now, p.Slot.Start) })
}
