package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// flowNewSlot is the guided /newslot: day, time, length, kind, capacity,
// topic, meeting link, confirm. Data holds what was chosen so far.
const flowNewSlot = "newslot"

func (h *Handlers) startNewSlotFlow(c *Ctx) error {
	loc := h.Config.Loc(mentorUni(c))
	now := h.Now().In(loc)
	var rows [][]aulabot.Button
	var row []aulabot.Button
	for i := 0; i < 14; i++ {
		d := now.AddDate(0, 0, i)
		row = append(row, aulabot.Button{Text: h.day(c.Lang, mentorUni(c), d), Data: "ns:d:" + d.Format("2006-01-02")})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	rows = append(rows, row)
	c.SetState(aulabot.State{Flow: flowNewSlot, Step: "day"})
	c.ReplyButtons(c.T("newslot.day"), rows)
	return nil
}

// onNewSlot handles the guided flow's buttons: ns:d:DATE, ns:t:HH:MM,
// ns:m:MINUTES, ns:k:p|g, ns:c:CAPACITY, ns:skip, ns:ok.
func (h *Handlers) onNewSlot(c *Ctx) error {
	if c.State.Flow != flowNewSlot {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	kind, val, _ := strings.Cut(strings.TrimPrefix(c.U.Callback.Data, "ns:"), ":")
	c.Answer("")
	st := c.State
	switch {
	case kind == "d" && st.Step == "day":
		if _, _, _, err := aulabot.ParseDate(val); err != nil {
			return err
		}
		return h.askTime(c, st.With("date", val))
	case kind == "t" && st.Step == "time":
		return h.newSlotTime(c, val)
	case kind == "m" && st.Step == "minutes":
		m, err := strconv.Atoi(val)
		if err != nil || m < aulabot.SlotMinMinutes || m > aulabot.SlotMaxMinutes {
			return aulabot.Errorf(aulabot.EINVALID, "slot.err_minutes", "min", aulabot.SlotMinMinutes, "max", aulabot.SlotMaxMinutes)
		}
		st = st.With("minutes", val)
		st.Step = "kind"
		c.SetState(st)
		c.ReplyButtons(c.T("newslot.kind"), [][]aulabot.Button{{
			{Text: c.T("booking.button_personal"), Data: "ns:k:p"}, {Text: c.T("booking.button_group"), Data: "ns:k:g"}}})
		return nil
	case kind == "k" && st.Step == "kind":
		k, ok := kindOf(val)
		if !ok {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		st = st.With("kind", k)
		if k == aulabot.SlotPersonal {
			return h.askTopic(c, st.With("capacity", "1"))
		}
		st.Step = "capacity"
		c.SetState(st)
		var row []aulabot.Button
		for _, n := range []int{5, 10, 20, 30, 50} {
			row = append(row, aulabot.Button{Text: strconv.Itoa(n), Data: fmt.Sprintf("ns:c:%d", n)})
		}
		c.ReplyButtons(c.T("newslot.capacity"), [][]aulabot.Button{row})
		return nil
	case kind == "c" && st.Step == "capacity":
		return h.newSlotCapacity(c, val)
	case kind == "skip" && st.Step == "topic":
		return h.askLink(c, st)
	case kind == "skip" && st.Step == "link":
		return h.newSlotSummary(c, st)
	case kind == "no":
		c.ClearState()
		c.Reply(c.T("cancel.done"))
		return nil
	case kind == "ok" && st.Step == "confirm":
		n, err := h.newSlotOf(c, st)
		if err != nil {
			return err
		}
		return h.createSlot(c, mentorUni(c), n)
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// onNewSlotText takes typed answers: a time, a capacity, a topic, a link.
func (h *Handlers) onNewSlotText(c *Ctx) error {
	text := strings.TrimSpace(c.U.Text)
	st := c.State
	switch st.Step {
	case "time":
		return h.newSlotTime(c, text)
	case "capacity":
		return h.newSlotCapacity(c, text)
	case "topic":
		if err := (aulabot.NewSlot{Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1, Topic: text}).Validate(); err != nil {
			return err
		}
		return h.askLink(c, st.With("topic", text))
	case "link":
		if err := (aulabot.NewSlot{Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1, Link: text}).Validate(); err != nil {
			return err
		}
		return h.newSlotSummary(c, st.With("link", text))
	}
	c.Reply(c.T("newslot.use_buttons"))
	return nil
}

func (h *Handlers) askTime(c *Ctx, st aulabot.State) error {
	st.Step = "time"
	c.SetState(st)
	var rows [][]aulabot.Button
	var row []aulabot.Button
	for hr := 8; hr <= 20; hr++ {
		t := fmt.Sprintf("%02d:00", hr)
		row = append(row, aulabot.Button{Text: t, Data: "ns:t:" + t})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	c.ReplyButtons(c.T("newslot.time"), append(rows, row))
	return nil
}

func (h *Handlers) newSlotTime(c *Ctx, val string) error {
	if _, err := aulabot.ParseClock(val); err != nil {
		return err
	}
	st := c.State.With("time", val)
	if _, err := h.newSlotOf(c, st.With("minutes", "30").With("kind", aulabot.SlotPersonal).With("capacity", "1")); aulabot.ErrorKey(err) == "slot.err_no_such_time" || aulabot.ErrorKey(err) == "slot.err_past" {
		return err
	}
	st.Step = "minutes"
	c.SetState(st)
	var row []aulabot.Button
	for _, m := range []int{30, 45, 60, 90, 120} {
		row = append(row, aulabot.Button{Text: c.T("newslot.minutes_button", "n", m), Data: fmt.Sprintf("ns:m:%d", m)})
	}
	c.ReplyButtons(c.T("newslot.minutes"), [][]aulabot.Button{row})
	return nil
}

func (h *Handlers) newSlotCapacity(c *Ctx, val string) error {
	n, err := strconv.Atoi(val)
	if err != nil || n < 1 || n > aulabot.SlotMaxCapacity {
		return aulabot.Errorf(aulabot.EINVALID, "slot.err_capacity", "max", aulabot.SlotMaxCapacity)
	}
	return h.askTopic(c, c.State.With("capacity", strconv.Itoa(n)))
}

func (h *Handlers) askTopic(c *Ctx, st aulabot.State) error {
	st.Step = "topic"
	c.SetState(st)
	c.ReplyButtons(c.T("newslot.topic"), [][]aulabot.Button{{{Text: c.T("newslot.button_skip"), Data: "ns:skip"}}})
	return nil
}

func (h *Handlers) askLink(c *Ctx, st aulabot.State) error {
	st.Step = "link"
	c.SetState(st)
	c.ReplyButtons(c.T("newslot.link"), [][]aulabot.Button{{{Text: c.T("newslot.button_skip"), Data: "ns:skip"}}})
	return nil
}

func (h *Handlers) newSlotSummary(c *Ctx, st aulabot.State) error {
	n, err := h.newSlotOf(c, st)
	if err != nil {
		return err
	}
	st.Step = "confirm"
	c.SetState(st)
	s := aulabot.Slot{University: mentorUni(c), MentorName: c.U.From.Name(), Start: n.Start, Minutes: n.Minutes,
		Kind: n.Kind, Capacity: n.Capacity, Topic: n.Topic, Link: n.Link}
	c.ReplyButtons(c.T("newslot.summary", "slot", i18n.HTML(h.slotLine(c.Lang, s)), "capacity", n.Capacity, "link", i18n.HTML(h.linkLine(c.Lang, s))),
		[][]aulabot.Button{{{Text: c.T("button.confirm"), Data: "ns:ok"}, {Text: c.T("button.cancel"), Data: "ns:no"}}})
	return nil
}

// newSlotOf builds the slot the flow collected, checking it as
// /newslot would.
func (h *Handlers) newSlotOf(c *Ctx, st aulabot.State) (aulabot.NewSlot, error) {
	y, m, d, err := aulabot.ParseDate(st.Get("date"))
	if err != nil {
		return aulabot.NewSlot{}, err
	}
	clock, err := aulabot.ParseClock(st.Get("time"))
	if err != nil {
		return aulabot.NewSlot{}, err
	}
	start, err := aulabot.LocalTime(y, m, d, clock, h.Config.Loc(mentorUni(c)))
	if err != nil {
		return aulabot.NewSlot{}, err
	}
	if !start.After(h.Now()) {
		return aulabot.NewSlot{}, aulabot.Errorf(aulabot.EINVALID, "slot.err_past")
	}
	minutes, _ := strconv.Atoi(st.Get("minutes"))
	capacity, _ := strconv.Atoi(st.Get("capacity"))
	n := aulabot.NewSlot{Start: start, Minutes: minutes, Kind: st.Get("kind"), Capacity: capacity, Topic: st.Get("topic"), Link: st.Get("link")}
	return n, n.Validate()
}
