package handlers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

const (
	flowSlotCancel = "slotcancel" // Data: slot
	flowSlotNote   = "slotnote"   // Data: slot
	flowSlotMove   = "slotmove"   // Data: slot
)

// routeSlots registers the mentors' side of mentoring.
func (h *Handlers) routeSlots(r *router) {
	r.commands["newslot"] = with(h.newSlot, private, mentor)
	r.commands["weekly"] = with(h.weekly, private, mentor)
	r.commands["slots"] = with(h.mySlots, private, mentor)
	r.commands["today"] = with(h.today, private, mentor)
	r.callbacks["sl"] = with(h.onSlot, private, mentor)
	r.callbacks["ns"] = with(h.onNewSlot, private, mentor)
	r.callbacks["ag"] = with(h.onAgenda, private, mentor)
	r.flows[flowNewSlot] = h.onNewSlotText
	r.flows[flowSlotCancel] = h.onSlotCancelText
	r.flows[flowSlotNote] = h.onSlotNoteText
	r.flows[flowSlotMove] = h.onSlotMoveText
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

// newSlot creates a slot from "/newslot YYYY-MM-DD HH:MM MINUTES
// personal|group [CAPACITY] [TOPIC...]", or starts the guided flow.
func (h *Handlers) newSlot(c *Ctx) error {
	if strings.TrimSpace(c.U.Text) == "" {
		return h.startNewSlotFlow(c)
	}
	uni := mentorUni(c)
	n, err := aulabot.ParseNewSlot(c.U.Text, h.Config.Loc(uni))
	if err != nil {
		return err
	}
	return h.createSlot(c, uni, n)
}

// createSlot stores n and tells the mentor.
func (h *Handlers) createSlot(c *Ctx, uni string, n aulabot.NewSlot) error {
	c.ClearState()
	return c.Commit(func(tx Tx) error {
		s, err := tx.CreateSlot(uni, c.U.From.ID, c.U.From.Name(), n)
		if err != nil {
			return err
		}
		if err := h.scheduleAttendancePrompt(tx, c.Lang, s); err != nil {
			return err
		}
		c.ReplyButtons(c.T("slot.created", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "zone", h.Config.Loc(uni).String()),
			[][]aulabot.Button{{{Text: c.T("slot.button_view"), Data: fmt.Sprintf("sl:v:%d", s.ID)}}})
		return nil
	})
}

// scheduleAttendancePrompt reminds the mentor at the start to mark
// attendance; cancelled with the slot.
func (h *Handlers) scheduleAttendancePrompt(tx Tx, lang string, s aulabot.Slot) error {
	_, err := tx.Enqueue(aulabot.Message{Key: fmt.Sprintf("slot:s%d:attendance", s.ID), ChatID: s.Mentor, NotBefore: s.Start.Add(5 * time.Minute),
		Text:   h.cat.T(lang, "slot.attendance_prompt", "slot", i18n.HTML(h.slotLine(lang, s))),
		Inline: [][]aulabot.Button{{{Text: h.cat.T(lang, "slot.button_attendance"), Data: fmt.Sprintf("sl:v:%d", s.ID)}}}})
	return err
}

// weekly creates repeating availability: "/weekly tue 15:00-17:00 30
// 2026-04-30 [group [CAPACITY]] [TOPIC]".
func (h *Handlers) weekly(c *Ctx) error {
	w, err := aulabot.ParseWeekly(c.U.Text)
	if err != nil {
		return err
	}
	uni := mentorUni(c)
	ns, err := w.Slots(h.Now(), h.Config.Loc(uni))
	if err != nil {
		return err
	}
	if len(ns) == 0 {
		return aulabot.Errorf(aulabot.EINVALID, "slot.err_past")
	}
	return c.Commit(func(tx Tx) error {
		created, skipped, err := tx.CreateSlots(uni, c.U.From.ID, c.U.From.Name(), ns)
		if err != nil {
			return err
		}
		for _, s := range created {
			if err := h.scheduleAttendancePrompt(tx, c.Lang, s); err != nil {
				return err
			}
		}
		first, last := "", ""
		if len(created) > 0 {
			first, last = h.when(c.Lang, created[0]), h.when(c.Lang, created[len(created)-1])
		}
		c.Reply(c.T("slot.weekly_created", "n", len(created), "skipped", skipped, "first", first, "last", last))
		return nil
	})
}

// How many slots a page of /slots or /today shows, and how many of the
// names booked on each: with the longest names and topics a page still
// fits in one message.
const (
	agendaPerPage = 6
	namesInAgenda = 3
)

// mySlots lists the mentor's upcoming slots with who booked.
func (h *Handlers) mySlots(c *Ctx) error { return h.agenda(c, "s", 0) }

// today is the mentor's agenda for today in their university's zone.
func (h *Handlers) today(c *Ctx) error { return h.agenda(c, "t", 0) }

// onAgenda turns a page of /slots (ag:s:PAGE) or /today (ag:t:PAGE).
func (h *Handlers) onAgenda(c *Ctx) error {
	parts := strings.Split(c.U.Callback.Data, ":")
	if len(parts) != 3 || (parts[1] != "s" && parts[1] != "t") {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	page, err := pageArg(parts[2])
	if err != nil {
		return err
	}
	c.Answer("")
	return h.agenda(c, parts[1], page)
}

// agenda shows one page of the mentor's slots: the next 90 days ("s") or
// today ("t"), each with who booked and a button to open it.
func (h *Handlers) agenda(c *Ctx, which string, page int) error {
	now := h.Now()
	from, to, key, none := now.Add(-12*time.Hour), now.Add(90*24*time.Hour), "slot.mine", "slot.mine_none"
	if which == "t" {
		t := now.In(h.Config.Loc(mentorUni(c)))
		from = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
		to, key, none = from.AddDate(0, 0, 1), "slot.today", "slot.today_none"
	}
	var lines []string
	var rows [][]aulabot.Button
	var p pager
	err := c.view(func(tx Tx) error {
		all, err := tx.MentorSlots(c.U.From.ID, from, to)
		if err != nil {
			return err
		}
		var slots []aulabot.Slot
		for _, s := range all {
			if s.End().After(now.Add(-12 * time.Hour)) {
				slots = append(slots, s)
			}
		}
		p = paged(len(slots), agendaPerPage, page)
		a, b := p.items()
		for _, s := range slots[a:b] {
			names, err := h.bookedNames(tx, c.Lang, s.ID)
			if err != nil {
				return err
			}
			line := "• " + h.slotLine(c.Lang, s) + " — " + c.T("slot.booked_of", "booked", s.Booked, "capacity", s.Capacity)
			if len(names) > 0 {
				line += ": " + i18n.Escape(strings.Join(names[:min(len(names), namesInAgenda)], ", "))
			}
			if len(names) > namesInAgenda {
				line += " " + c.T("slot.and_more", "n", len(names)-namesInAgenda)
			}
			lines = append(lines, line)
			rows = append(rows, []aulabot.Button{{Text: h.when(c.Lang, s), Data: fmt.Sprintf("sl:v:%d", s.ID)}})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		c.Reply(c.T(none))
		return nil
	}
	if nav := p.nav(c, func(n int) string { return fmt.Sprintf("ag:%s:%d", which, n) }); nav != nil {
		rows = append(rows, nav)
	}
	c.showPage(c.U.Callback != nil, c.T(key, "list", i18n.HTML(strings.Join(lines, "\n")))+p.footer(c), rows)
	return nil
}

// bookedNames are the names of the people holding a seat in slot, as a
// list shows them.
func (h *Handlers) bookedNames(tx Tx, lang string, slot uint64) ([]string, error) {
	bs, err := tx.SlotBookings(slot)
	var names []string
	for _, b := range bs {
		if b.Status == aulabot.BookingActive {
			names = append(names, h.personName(lang, b.Name))
		}
	}
	return names, err
}

// onSlot handles a mentor's buttons on one slot: sl:v (view), sl:x
// (cancel, asks the reason), sl:X (cancel without reason), sl:c (capacity),
// sl:n (note), sl:a (attendance, on a booking).
func (h *Handlers) onSlot(c *Ctx) error {
	parts := strings.Split(c.U.Callback.Data, ":")
	id, err := callbackID(c, 2)
	if err != nil {
		return err
	}
	switch at(parts, 1) {
	case "v":
		if len(parts) == 3 {
			return h.viewSlot(c, id, 0, false)
		}
		page, err := pageArg(at(parts, 3))
		if err != nil || len(parts) > 4 {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		return h.viewSlot(c, id, page, true)
	case "x":
		if _, err := h.ownSlot(c, id); err != nil {
			return err
		}
		c.SetState(aulabot.State{Flow: flowSlotCancel}.With("slot", strconv.FormatUint(id, 10)))
		c.Answer("")
		c.ReplyButtons(c.T("slot.cancel_reason"), [][]aulabot.Button{{{Text: c.T("slot.button_cancel_no_reason"), Data: fmt.Sprintf("sl:X:%d", id)}}})
		return nil
	case "X":
		return h.cancelSlot(c, id, "")
	case "c":
		n, err := strconv.Atoi(at(parts, 3))
		if err != nil {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		return h.setCapacity(c, id, n)
	case "n":
		s, err := h.ownSlot(c, id)
		if err != nil {
			return err
		}
		c.SetState(aulabot.State{Flow: flowSlotNote}.With("slot", strconv.FormatUint(id, 10)))
		c.Answer("")
		if note := aulabot.CleanText(s.Note); note != "" {
			c.Reply(c.T("slot.note_current", "note", note))
		} else {
			c.Reply(c.T("slot.note_ask"))
		}
		return nil
	case "a":
		return h.markAttendance(c, id, at(parts, 3) == "1")
	case "m":
		if _, err := h.ownSlot(c, id); err != nil {
			return err
		}
		c.SetState(aulabot.State{Flow: flowSlotMove}.With("slot", strconv.FormatUint(id, 10)))
		c.Answer("")
		c.Reply(c.T("slot.move_ask", "zone", h.Config.Loc(mentorUni(c)).String()))
		return nil
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// ownSlot loads slot id if it is the presser's and live; otherwise the
// same "not found" whether it does not exist or is someone else's.
func (h *Handlers) ownSlot(c *Ctx, id uint64) (s aulabot.Slot, err error) {
	err = c.view(func(tx Tx) error {
		var ok bool
		if s, ok, err = tx.Slot(id); err != nil {
			return err
		}
		if !ok || s.Cancelled || s.Mentor != c.U.From.ID {
			return aulabot.Errorf(aulabot.ENOTFOUND, "slot.err_not_found")
		}
		return nil
	})
	return s, err
}

// How many people a page of the slot view lists (with their buttons: two
// each after the start), and how much of the private note it shows (the
// note's button shows all of it).
const (
	peoplePerPage = 20
	noteInView    = 200
)

// viewSlot shows a slot to its mentor with who booked and the actions that
// apply now: before the start cancel and capacity, after it attendance.
// The people (booked first, then waiting) are paged: sl:v:ID:PAGE turns
// the page in place.
func (h *Handlers) viewSlot(c *Ctx, id uint64, page int, turn bool) error {
	s, err := h.ownSlot(c, id)
	if err != nil {
		return err
	}
	var people []aulabot.Booking
	err = c.view(func(tx Tx) error {
		bs, err := tx.SlotBookings(id)
		for _, b := range bs {
			if b.Status == aulabot.BookingActive {
				people = append(people, b)
			}
		}
		for _, b := range bs {
			if b.Status == aulabot.BookingWaiting {
				people = append(people, b)
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	started := !h.Now().Before(s.Start)
	p := paged(len(people), peoplePerPage, page)
	from, to := p.items()
	var lines []string
	var rows [][]aulabot.Button
	for _, b := range people[from:to] {
		name := h.personName(c.Lang, b.Name)
		if b.Status == aulabot.BookingWaiting {
			lines = append(lines, "⏳ "+i18n.Escape(name))
			continue
		}
		mark := map[string]string{aulabot.Attended: "✅ ", aulabot.NoShow: "❌ "}[b.Attendance]
		lines = append(lines, "• "+mark+i18n.Escape(name))
		if !started {
			rows = append(rows, []aulabot.Button{{Text: c.T("slot.button_cancel_booking", "name", i18n.HTML(short(name, 24))), Data: fmt.Sprintf("bk:x:%d", b.ID)}})
		} else {
			rows = append(rows, []aulabot.Button{
				{Text: c.T("slot.button_came", "name", i18n.HTML(short(name, 20))), Data: fmt.Sprintf("sl:a:%d:1", b.ID)},
				{Text: c.T("slot.button_missed", "name", i18n.HTML(short(name, 20))), Data: fmt.Sprintf("sl:a:%d:0", b.ID)},
			})
		}
	}
	if nav := p.nav(c, func(n int) string { return fmt.Sprintf("sl:v:%d:%d", id, n) }); nav != nil {
		rows = append(rows, nav)
	}
	if !started {
		if s.Kind == aulabot.SlotGroup {
			rows = append(rows, []aulabot.Button{
				{Text: c.T("slot.button_capacity_minus"), Data: fmt.Sprintf("sl:c:%d:%d", id, s.Capacity-1)},
				{Text: c.T("slot.button_capacity_plus"), Data: fmt.Sprintf("sl:c:%d:%d", id, s.Capacity+1)},
				{Text: c.T("slot.button_capacity_plus5"), Data: fmt.Sprintf("sl:c:%d:%d", id, s.Capacity+5)},
			})
		}
		rows = append(rows, []aulabot.Button{
			{Text: c.T("slot.button_move"), Data: fmt.Sprintf("sl:m:%d", id)},
			{Text: c.T("slot.button_cancel_slot"), Data: fmt.Sprintf("sl:x:%d", id)},
		})
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("slot.button_note"), Data: fmt.Sprintf("sl:n:%d", id)}})
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
		note = c.T("slot.note_line", "note", short(n, noteInView))
	}
	c.Answer("")
	c.showPage(turn, c.T("slot.view", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "booked", s.Booked, "capacity", s.Capacity,
		"who", i18n.HTML(who), "note", i18n.HTML(note)), rows)
	return nil
}

// onSlotCancelText takes the reason and cancels the slot.
func (h *Handlers) onSlotCancelText(c *Ctx) error {
	id, err := strconv.ParseUint(c.State.Get("slot"), 10, 64)
	if err != nil {
		c.ClearState()
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	return h.cancelSlot(c, id, strings.TrimSpace(c.U.Text))
}

// cancelSlot cancels a slot; everyone booked or waiting is told, with the
// reason, and their reminders are dropped, in one commit.
func (h *Handlers) cancelSlot(c *Ctx, id uint64, reason string) error {
	c.ClearState()
	return c.Commit(func(tx Tx) error {
		s, told, err := tx.CancelSlot(id, c.U.From.ID, reason)
		if err != nil {
			return err
		}
		if _, err := tx.CancelOutbox(fmt.Sprintf("slot:s%d:", id)); err != nil {
			return err
		}
		for _, b := range told {
			if _, err := tx.CancelOutbox(fmt.Sprintf("remind:b%d:", b.ID)); err != nil {
				return err
			}
			if b.User == 0 {
				continue // the person deleted their data
			}
			u, _, err := tx.User(b.User)
			if err != nil {
				return err
			}
			lang := u.Language(h.Config.Language)
			key := "slot.cancelled_notice"
			if reason == "" {
				key = "slot.cancelled_notice_noreason"
			}
			// The cancellation .ics removes the event from calendars (those
			// that never had it, people waiting, ignore it).
			file := h.icsFile(lang, b, s, tx.Now())
			if _, err := tx.Enqueue(aulabot.Message{ChatID: b.User, Text: h.cat.T(lang, key, "slot", i18n.HTML(h.slotLine(lang, s)), "reason", reason), File: file,
				Inline: [][]aulabot.Button{{{Text: h.cat.T(lang, "booking.button_book"), Data: "bk:new"}}}}); err != nil {
				return err
			}
		}
		c.Answer(c.T("slot.cancelled_short"))
		c.Reply(c.T("slot.cancelled", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "n", len(told)))
		return nil
	})
}

// setCapacity changes a group slot's capacity; people promoted from the
// waitlist into new seats are told.
func (h *Handlers) setCapacity(c *Ctx, id uint64, n int) error {
	return c.Commit(func(tx Tx) error {
		s, promoted, err := tx.SetCapacity(id, c.U.From.ID, n, h.Config.Booking)
		if err != nil {
			return err
		}
		for i := range promoted {
			if err := h.promoted(tx, &promoted[i], s); err != nil {
				return err
			}
		}
		c.Answer(c.T("slot.capacity_short", "capacity", s.Capacity))
		c.Reply(c.T("slot.capacity_set", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "capacity", s.Capacity, "booked", s.Booked))
		return nil
	})
}

// onSlotNoteText keeps the mentor's private note.
func (h *Handlers) onSlotNoteText(c *Ctx) error {
	id, err := strconv.ParseUint(c.State.Get("slot"), 10, 64)
	c.ClearState()
	if err != nil {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	return c.Commit(func(tx Tx) error {
		if _, err := tx.SetSlotNote(id, c.U.From.ID, strings.TrimSpace(c.U.Text)); err != nil {
			return err
		}
		c.Reply(c.T("slot.note_saved"))
		return nil
	})
}
