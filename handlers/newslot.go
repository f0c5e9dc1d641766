package handlers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// The guided /newslot (service.FlowNewSlot): day, time, length, kind,
// capacity, topic, meeting link, confirm.

func (h *Handlers) startNewSlotFlow(c *Ctx) error { return h.newSlotFrom(c, service.SlotDraft{}) }

// newSlotFrom starts the guided /newslot at its day with draft d, what
// the words that asked for it named besides (its kind, its topic).
func (h *Handlers) newSlotFrom(c *Ctx, d service.SlotDraft) error {
	loc := h.Config.Loc(mentorUni(c))
	now := h.Now().In(loc)
	first := 0
	if now.Hour() >= lastSlotHour {
		first = 1 // no hour of today is left to offer
	}
	var rows [][]aulabot.Button
	var row []aulabot.Button
	for i := first; i < first+14; i++ {
		d := now.AddDate(0, 0, i)
		row = append(row, aulabot.Button{Text: h.day(c.Lang, mentorUni(c), d), Data: nsDayButton{d.Format("2006-01-02")}.Encode()})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	rows = append(rows, row)
	c.SetState(service.FlowNewSlot.At(service.NewSlotDay, d))
	c.ReplyButtons(h.newSlotAsk(c, d, "newslot.day"), rows)
	return nil
}

// newSlotAsked starts the guided /newslot past what the words that asked
// for it name ("quiero abrir un horario para el jueves de 3 a 5",
// "publish a slot tomorrow at 10am"): their day, and their time when they
// name one, so that the length is asked next ("de 3 a 5" may be one
// session or several); a day or a time refused (past, not on the clock)
// asks the time, or the day, as the flow does. Until 6 December the day
// was asked again (seen in the sandbox). The kind they name ("a group
// session") and the topic after "about" or "sobre" (Ctx.said: "… on
// friday at 4 about rubrics", which got suggestions, seen in the sandbox)
// are kept, and their steps not asked.
func (h *Handlers) newSlotAsked(c *Ctx) error {
	loc := h.Config.Loc(mentorUni(c))
	d := service.SlotDraft{Kind: typedKind(c.asked), Topic: aulabot.CleanText(c.said), Weekly: everyWeek(c.asked)}
	if d.Kind == aulabot.SlotPersonal {
		d.Capacity = 1
	}
	at, clock, ok := c.namedWhen(c.asked, loc)
	if !ok {
		return h.newSlotFrom(c, d)
	}
	at = at.In(loc)
	d.Date = at.Format("2006-01-02")
	if !clock {
		return h.askTime(c, d)
	}
	timed, err := h.slotTime(c, d, at.Format("15:04"))
	if err != nil {
		return h.askTime(c, d)
	}
	if n, ok := namedLength(c.asked); ok {
		return h.newSlotMinutes(c, timed, n) // "… a las 10 de 45 minutos": the kind next
	}
	return h.askMinutes(c, timed)
}

// namedLength is the length of a session that words asking for a new one
// name after "de", "por", "durante" or "for" ("… el viernes a las 10 de
// 45 minutos", "por una hora y media", "for 2 hours"), in minutes, in
// the range a slot may have; false for none. A number alone is no length
// ("de 10 a 11" is a time), nor is an hour on the clock ("10:30", "de 2h
// a 4h", a range).
func namedLength(text string) (int, bool) {
	fields := whenFields(strings.ToLower(text))
	for i := 1; i < len(fields); i++ {
		if !lengthLeads[aulabot.TypedWords(fields[i-1])] {
			continue
		}
		for n := min(len(fields)-i, 5); n >= 1; n-- {
			w := fields[i : i+n]
			words := strings.Join(w, " ")
			if strings.Trim(words, "0123456789") == "" || strings.Contains(words, ":") {
				continue
			}
			if i+n < len(fields) && rangeWords[fields[i+n]] {
				continue
			}
			if m, ok := aulabot.TypedMinutes(words); ok && m >= aulabot.SlotMinMinutes && m <= aulabot.SlotMaxMinutes {
				return m, true
			}
		}
	}
	return 0, false
}

// everyWeek reports whether words asking for a new slot say it repeats
// every week: "todos los lunes", "cada martes", "los jueves", "every
// monday", "on mondays", "cada semana", "todas las semanas", "weekly".
// "quiero abrir horarios todos los lunes de 3 a 5" published one slot,
// the repeat a button at the end (seen in the sandbox).
func everyWeek(text string) bool {
	weekday := func(w string) bool { _, ok := aulabot.TypedWeekday(w); return ok }
	words := strings.Fields(aulabot.TypedWords(text))
	for i, w := range words {
		switch {
		case weeklyWords[w]:
			return true
		case i > 0 && weekLeads[words[i-1]] && (weekday(w) || weekWords[w]):
			return true
		case strings.HasSuffix(w, "s") && weekday(w[:len(w)-1]): // "sábados", "mondays"
			return true
		}
	}
	return false
}

// The words of every week: said alone (weeklyWords), and before a
// weekday or a week (weekLeads: "todos los" reads as "los"); a weekday in
// the plural says it by itself.
var (
	weeklyWords = map[string]bool{"semanal": true, "semanales": true, "semanalmente": true, "weekly": true}
	weekLeads   = map[string]bool{"los": true, "las": true, "cada": true, "every": true, "each": true}
	weekWords   = map[string]bool{"semana": true, "semanas": true, "week": true}
)

// lengthLeads are the words before a session's length (namedLength), and
// rangeWords those after a time that begins a range ("de 2h a 4h").
var (
	lengthLeads = map[string]bool{"de": true, "por": true, "durante": true, "for": true, "of": true}
	rangeWords  = map[string]bool{"a": true, "to": true, "hasta": true, "until": true, "-": true}
)

// onNewSlot handles the guided flow's buttons, each at its step.
func (h *Handlers) onNewSlot(c *Ctx) error {
	b, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	d, err := h.svc.Mentoring.Draft(c.State)
	if err != nil {
		return err
	}
	c.Answer("")
	step := c.State.Step
	switch b := b.(type) {
	case nsDayButton:
		if step == service.NewSlotDay {
			d.Date = b.Date
			return h.askTime(c, d)
		}
	case nsTimeButton:
		if step == service.NewSlotTime {
			return h.newSlotTime(c, d, b.Clock)
		}
	case nsMinutesButton:
		if step == service.NewSlotMinutes {
			return h.newSlotMinutes(c, d, b.Minutes)
		}
	case nsKindButton:
		if step == service.NewSlotKind {
			d.Kind = b.Kind
			if b.Kind == aulabot.SlotPersonal {
				d.Capacity = 1
				return h.askSlotTopic(c, d)
			}
			return h.askCapacity(c, d)
		}
	case nsCapButton:
		if step == service.NewSlotCapacity {
			return h.newSlotCapacity(c, d, strconv.Itoa(b.Capacity))
		}
	case nsSkipButton:
		switch step {
		case service.NewSlotTopic:
			return h.askLink(c, d)
		case service.NewSlotLink:
			return h.newSlotSummary(c, d)
		}
	case nsRepeatButton:
		if step == service.NewSlotConfirm {
			return h.askUntil(c, d)
		}
	case nsWeeksButton:
		if step == service.NewSlotUntil && b.Weeks >= 1 && b.Weeks <= repeatMaxWeeks {
			return h.repeatSlot(c, d, b.Weeks, time.Time{})
		}
	case nsOnceButton:
		if step == service.NewSlotUntil {
			return h.newSlotSummary(c, d)
		}
	case nsNoButton:
		c.ClearState()
		c.EditPressed(c.T("cancel.done"), nil)
		return nil
	case nsOKButton:
		if step == service.NewSlotConfirm {
			n, err := h.svc.Mentoring.DraftSlot(mentorUni(c), d, h.Now())
			if err != nil {
				return err
			}
			return h.createSlot(c, mentorUni(c), n)
		}
	}
	return button.Stale()
}

// onNewSlotText takes typed answers: a day, a time, a length, a
// capacity, a topic, a link, the last day of a weekly series.
func (h *Handlers) onNewSlotText(c *Ctx) error {
	text := strings.TrimSpace(c.U.Text)
	d, err := h.svc.Mentoring.Draft(c.State)
	if err != nil {
		c.ClearState()
		return err
	}
	switch c.State.Step {
	case service.NewSlotDay:
		// "mañana", "el jueves", "15/12": was "use the buttons above"
		// (seen in the sandbox).
		y, m, day, err := aulabot.TypedDay(text, h.Now(), h.Config.Loc(mentorUni(c)))
		if err != nil {
			return err
		}
		d.Date = fmt.Sprintf("%04d-%02d-%02d", y, m, day)
		return h.askTime(c, d)
	case service.NewSlotTime:
		return h.newSlotTime(c, d, text)
	case service.NewSlotMinutes:
		n, ok := aulabot.TypedMinutes(text) // "45", "1h30", "hora y media"
		if !ok {
			n = -1 // refused with the range
		}
		return h.newSlotMinutes(c, d, n)
	case service.NewSlotCapacity:
		return h.newSlotCapacity(c, d, text)
	case service.NewSlotTopic:
		if err := (aulabot.NewSlot{Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1, Topic: text}).Validate(); err != nil {
			return err
		}
		d.Topic = text
		return h.askLink(c, d)
	case service.NewSlotLink:
		text = aulabot.TypedLink(text) // zoom.us/j/123 as a browser reads it
		if err := (aulabot.NewSlot{Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1, Link: text}).Validate(); err != nil {
			return err
		}
		d.Link = text
		return h.newSlotSummary(c, d)
	case service.NewSlotUntil:
		loc := h.Config.Loc(mentorUni(c))
		y, m, day, err := aulabot.TypedDay(text, h.Now(), loc) // 30/04, hasta el 18 de diciembre
		if err != nil {
			return err
		}
		return h.repeatSlot(c, d, 0, time.Date(y, m, day, 12, 0, 0, 0, loc))
	}
	// A refusal: a button's words typed are its press (flowOrIntent).
	return aulabot.Errorf(aulabot.EINVALID, "newslot.use_buttons")
}

// firstSlotHour and lastSlotHour bound the hours /newslot offers as
// buttons (any other time can be typed).
const firstSlotHour, lastSlotHour = 8, 20

// askTime offers the hours of day d.Date, from the next one when it is
// today in the mentor's university.
func (h *Handlers) askTime(c *Ctx, d service.SlotDraft) error {
	c.SetState(service.FlowNewSlot.At(service.NewSlotTime, d))
	from := firstSlotHour
	if now := h.Now().In(h.Config.Loc(mentorUni(c))); d.Date == now.Format("2006-01-02") {
		from = max(from, now.Hour()+1)
	}
	var rows [][]aulabot.Button
	var row []aulabot.Button
	for hr := from; hr <= lastSlotHour; hr++ {
		t := strconv.Itoa(hr/10) + strconv.Itoa(hr%10) + ":00"
		row = append(row, aulabot.Button{Text: t, Data: nsTimeButton{t}.Encode()})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	c.EditPressed(h.newSlotAsk(c, d, "newslot.time"), rows)
	return nil
}

func (h *Handlers) newSlotTime(c *Ctx, d service.SlotDraft, val string) error {
	d, err := h.slotTime(c, d, val)
	if err != nil {
		return err
	}
	return h.askMinutes(c, d)
}

// slotTime is d at the time val says (a button's 19:00, or a typed
// "7pm"), or why it cannot be: no such time that day, or past.
func (h *Handlers) slotTime(c *Ctx, d service.SlotDraft, val string) (service.SlotDraft, error) {
	clock, err := aulabot.TypedClock(val)
	if err != nil {
		return d, err
	}
	d.Time = fmt.Sprintf("%02d:%02d", clock/60, clock%60)
	probe := d
	probe.Minutes, probe.Kind, probe.Capacity = 30, aulabot.SlotPersonal, 1
	if _, err := h.svc.Mentoring.DraftSlot(mentorUni(c), probe, h.Now()); aulabot.ErrorKey(err) == "slot.err_no_such_time" || aulabot.ErrorKey(err) == "slot.err_past" {
		return d, err
	}
	return d, nil
}

// askMinutes asks the length of the session d drafts.
func (h *Handlers) askMinutes(c *Ctx, d service.SlotDraft) error {
	c.SetState(service.FlowNewSlot.At(service.NewSlotMinutes, d))
	var row []aulabot.Button
	for _, m := range []int{30, 45, 60, 90, 120} {
		row = append(row, aulabot.Button{Text: c.T("newslot.minutes_button", "n", m), Data: nsMinutesButton{m}.Encode()})
	}
	c.EditPressed(h.newSlotAsk(c, d, "newslot.minutes"), [][]aulabot.Button{row})
	return nil
}

// newSlotMinutes takes the length, pressed or typed, and asks for the kind.
func (h *Handlers) newSlotMinutes(c *Ctx, d service.SlotDraft, n int) error {
	if n < aulabot.SlotMinMinutes || n > aulabot.SlotMaxMinutes {
		return aulabot.Errorf(aulabot.EINVALID, "slot.err_minutes", "min", aulabot.SlotMinMinutes, "max", aulabot.SlotMaxMinutes)
	}
	d.Minutes = n
	switch d.Kind { // named in the words that asked (newSlotAsked)
	case aulabot.SlotPersonal:
		return h.askSlotTopic(c, d)
	case aulabot.SlotGroup:
		return h.askCapacity(c, d)
	}
	c.SetState(service.FlowNewSlot.At(service.NewSlotKind, d))
	c.EditPressed(h.newSlotAsk(c, d, "newslot.kind"), [][]aulabot.Button{{
		{Text: c.T("booking.button_personal"), Data: nsKindButton{aulabot.SlotPersonal}.Encode()},
		{Text: c.T("booking.button_group"), Data: nsKindButton{aulabot.SlotGroup}.Encode()}}})
	return nil
}

func (h *Handlers) newSlotCapacity(c *Ctx, d service.SlotDraft, val string) error {
	n, ok := aulabot.TypedCount(val) // "10", "10 personas", "hasta 10 plazas"
	if !ok || n < 1 || n > aulabot.SlotMaxCapacity {
		return aulabot.Errorf(aulabot.EINVALID, "slot.err_capacity", "max", aulabot.SlotMaxCapacity)
	}
	d.Capacity = n
	return h.askSlotTopic(c, d)
}

// askCapacity asks how many places a group slot has.
func (h *Handlers) askCapacity(c *Ctx, d service.SlotDraft) error {
	c.SetState(service.FlowNewSlot.At(service.NewSlotCapacity, d))
	var row []aulabot.Button
	for _, n := range []int{5, 10, 20, 30, 50} {
		row = append(row, aulabot.Button{Text: strconv.Itoa(n), Data: nsCapButton{n}.Encode()})
	}
	c.EditPressed(h.newSlotAsk(c, d, "newslot.capacity"), [][]aulabot.Button{row})
	return nil
}

// askSlotTopic asks for the slot's topic, unless the words that asked for
// the slot gave it (newSlotAsked): then for its link.
func (h *Handlers) askSlotTopic(c *Ctx, d service.SlotDraft) error {
	if d.Topic != "" {
		return h.askLink(c, d)
	}
	c.SetState(service.FlowNewSlot.At(service.NewSlotTopic, d))
	skip := aulabot.Button{Text: c.T("newslot.button_skip"), Data: nsSkipButton{}.Encode()}
	c.offerTimed(typedAs(skip, false, "sin tema", "ningún tema", "ninguno", "no topic", "none"))
	c.EditPressed(h.newSlotAsk(c, d, "newslot.topic"), [][]aulabot.Button{{skip}})
	return nil
}

func (h *Handlers) askLink(c *Ctx, d service.SlotDraft) error {
	c.SetState(service.FlowNewSlot.At(service.NewSlotLink, d))
	skip := aulabot.Button{Text: c.T("newslot.button_skip"), Data: nsSkipButton{}.Encode()}
	c.offerTimed(typedAs(skip, false, "sin enlace", "sin link", "no tengo enlace", "no tengo link", "todavía no",
		"después", "luego", "no link", "no link yet", "none", "later"))
	c.EditPressed(h.newSlotAsk(c, d, "newslot.link"), [][]aulabot.Button{{skip}})
	return nil
}

// newSlotAsk is the question of text key at a step of the guided
// /newslot, under what draft d has so far ("🗓 Tue 15 Dec · 16:00 · 60
// min"): each step edits the one message, and the day chosen at the
// first was nowhere to be seen by the third.
func (h *Handlers) newSlotAsk(c *Ctx, d service.SlotDraft, key string) string {
	var parts []string
	if day, err := time.ParseInLocation("2006-01-02", d.Date, h.Config.Loc(mentorUni(c))); err == nil {
		parts = append(parts, h.day(c.Lang, mentorUni(c), day))
	}
	if d.Time != "" {
		parts = append(parts, d.Time)
	}
	if d.Minutes > 0 {
		parts = append(parts, c.T("newslot.minutes_button", "n", d.Minutes))
	}
	switch d.Kind {
	case aulabot.SlotPersonal:
		parts = append(parts, c.T("booking.button_personal"))
	case aulabot.SlotGroup:
		parts = append(parts, c.T("booking.button_group"))
		if d.Capacity > 0 {
			parts = append(parts, c.N("newslot.seats", d.Capacity))
		}
	}
	if d.Topic != "" {
		parts = append(parts, "«"+i18n.Escape(service.Short(aulabot.CleanText(d.Topic), 60))+"»")
	}
	if len(parts) == 0 {
		return c.T(key)
	}
	return "🗓 " + strings.Join(parts, " · ") + "\n\n" + c.T(key)
}

func (h *Handlers) newSlotSummary(c *Ctx, d service.SlotDraft) error {
	if d.Weekly {
		d.Weekly = false // asked once: ↩️ Only once comes back here
		return h.askUntil(c, d)
	}
	n, err := h.svc.Mentoring.DraftSlot(mentorUni(c), d, h.Now())
	if err != nil {
		return err
	}
	c.SetState(service.FlowNewSlot.At(service.NewSlotConfirm, d))
	s := aulabot.Slot{University: mentorUni(c), MentorName: c.U.From.Name(), Start: n.Start, Minutes: n.Minutes,
		Kind: n.Kind, Capacity: n.Capacity, Topic: n.Topic, Link: n.Link}
	c.EditPressed(c.T("newslot.summary", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "capacity", n.Capacity, "link", i18n.HTML(h.mentorLinkLine(c, s))),
		[][]aulabot.Button{{{Text: c.T("button.confirm"), Data: nsOKButton{}.Encode()}, {Text: c.T("button.cancel"), Data: nsNoButton{}.Encode()}},
			{{Text: c.T("newslot.button_repeat"), Data: nsRepeatButton{}.Encode()}}})
	return nil
}

// repeatWeeks are the lengths 🔁 Every week offers; repeatMaxWeeks bounds
// a weeks button's data (a typed last day may reach further, up to
// aulabot.WeeklyMaxSlots slots).
var repeatWeeks = []int{4, 8, 12, 16}

const repeatMaxWeeks = 52

// askUntil asks, under 🔁 Every week, until when the draft's slot repeats:
// for a number of weeks (each button names its last day), or to a day
// typed; ↩️ Only once goes back to the summary.
func (h *Handlers) askUntil(c *Ctx, d service.SlotDraft) error {
	uni := mentorUni(c)
	first, err := h.svc.Mentoring.DraftSlot(uni, d, h.Now())
	if err != nil {
		return err
	}
	c.SetState(service.FlowNewSlot.At(service.NewSlotUntil, d))
	start := first.Start.In(h.Config.Loc(uni))
	var rows [][]aulabot.Button
	var row []aulabot.Button
	for _, n := range repeatWeeks {
		last := h.day(c.Lang, uni, start.AddDate(0, 0, 7*(n-1)))
		row = append(row, aulabot.Button{Text: c.N("newslot.weeks_button", n, "last", last), Data: nsWeeksButton{n}.Encode()})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("newslot.button_once"), Data: nsOnceButton{}.Encode()}})
	c.EditPressed(h.newSlotAsk(c, d, "newslot.until"), rows)
	return nil
}

// repeatSlot publishes the draft's slot every week on its weekday, from
// its day for weeks weeks, or (weeks 0) to the day of last in the
// university's zone.
func (h *Handlers) repeatSlot(c *Ctx, d service.SlotDraft, weeks int, last time.Time) error {
	uni := mentorUni(c)
	loc := h.Config.Loc(uni)
	first, err := h.svc.Mentoring.DraftSlot(uni, d, h.Now())
	if err != nil {
		return err
	}
	start := first.Start.In(loc)
	if weeks > 0 {
		last = start.AddDate(0, 0, 7*(weeks-1))
	}
	if y, m, day := last.Date(); time.Date(y, m, day, 23, 59, 0, 0, loc).Before(start) {
		return aulabot.Errorf(aulabot.EINVALID, "newslot.err_until", "first", h.day(c.Lang, uni, start))
	}
	clock := start.Hour()*60 + start.Minute()
	w := aulabot.Weekly{Weekday: start.Weekday(), From: clock, To: clock + first.Minutes, Minutes: first.Minutes,
		UntilY: last.Year(), UntilM: last.Month(), UntilD: last.Day(),
		Kind: first.Kind, Capacity: first.Capacity, Topic: first.Topic, Link: first.Link}
	ns, err := w.Slots(h.Now(), loc)
	if err != nil {
		return err
	}
	ns = slices.DeleteFunc(ns, func(n aulabot.NewSlot) bool { return n.Start.Before(first.Start) })
	c.ClearState()
	return h.publishWeekly(c, uni, ns, first.Link)
}

// typedKind is the kind of session words name ("una sesión grupal", "a
// personal slot"), or "" for none or both.
func typedKind(words string) string {
	typed := strings.Fields(aulabot.TypedWords(words))
	group := slices.ContainsFunc(typed, func(w string) bool { return w == "grupal" || w == "group" || w == "grupo" })
	personal := slices.ContainsFunc(typed, func(w string) bool { return w == "personal" || w == "individual" })
	switch {
	case group && !personal:
		return aulabot.SlotGroup
	case personal && !group:
		return aulabot.SlotPersonal
	}
	return ""
}
