package service

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// How mentoring shows slots, people and links: every message and list of
// mentoring, the handlers' and the service's, renders them with these.

// How much of a name or a topic lists and one-line summaries show: a
// list of people or slots must fit in one message whatever they typed.
const (
	nameInList  = 32
	topicInLine = 100
)

// starRow is the row of 1 ⭐ to 5 ⭐ under a rating prompt, each with the
// data data gives for its stars (a mentoring session's, a training's).
func starRow(data func(stars int) string) []aulabot.Button {
	row := make([]aulabot.Button, 5)
	for i := range row {
		row[i] = aulabot.Button{Text: strconv.Itoa(i+1) + " ⭐", Data: data(i + 1)}
	}
	return row
}

// Short cuts s to at most n characters, ending in "…" when it was cut.
func Short(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// Day is t's date in university uni's zone: "Tue 10 Mar".
func (m *Mentoring) Day(lang, uni string, t time.Time) string {
	return i18n.Day(lang, t.In(m.Config.Loc(uni)))
}

// When is a slot's start in its university's zone: "Tue 10 Mar, 15:00".
func (m *Mentoring) When(lang string, s aulabot.Slot) string {
	return i18n.When(lang, s.Start.In(m.Config.Loc(s.University)))
}

// Zone is university uni's time zone as people name it: "Lima time".
func (m *Mentoring) Zone(lang, uni string) string { return i18n.Zone(lang, m.Config.Loc(uni)) }

// PersonName is a person's name as shown to others in a list: cleaned,
// shortened, and a placeholder for someone who deleted their data.
func (m *Mentoring) PersonName(lang, name string) string {
	if name = aulabot.CleanText(name); name == "" {
		return m.Cat.T(lang, "person.deleted")
	}
	return Short(name, nameInList)
}

// SlotLine is a slot in one line of Telegram HTML, short enough for a
// list or a file's caption (the mentor's name and the topic shortened).
func (m *Mentoring) SlotLine(lang string, s aulabot.Slot) string {
	loc := m.Config.Loc(s.University)
	line := fmt.Sprintf("<b>%s–%s</b> · %s", i18n.Escape(m.When(lang, s)), s.End().In(loc).Format("15:04"),
		i18n.Escape(m.PersonName(lang, s.MentorName)))
	if s.Topic != "" {
		line += " · " + i18n.Escape(Short(aulabot.CleanText(s.Topic), topicInLine))
	}
	return line + " (" + m.Cat.T(lang, "slot.kind_"+s.Kind) + ")"
}

// SlotText describes a slot for someone about to book it, with the whole
// topic when the line had to shorten it.
func (m *Mentoring) SlotText(lang string, s aulabot.Slot) string {
	text := m.Cat.N(lang, "booking.slot_detail", s.SeatsLeft(), "slot", i18n.HTML(m.SlotLine(lang, s)),
		"capacity", s.Capacity, "zone", m.Zone(lang, s.University))
	if topic := aulabot.CleanText(s.Topic); utf8.RuneCountInString(topic) > topicInLine {
		text += m.Cat.T(lang, "booking.topic_line", "topic", topic)
	}
	return text
}

// LinkLine is the meeting link as a line of its own; for a slot without
// one, that the mentor will send it, as the booker reads it.
func (m *Mentoring) LinkLine(lang string, s aulabot.Slot) string {
	if s.Link == "" {
		// A group session too: its people were told nothing of a link
		// until the mentor sent one, in their list, confirmation and
		// reminders alike.
		return m.Cat.T(lang, "booking.no_link", "mentor", m.PersonName(lang, s.MentorName)) + "\n"
	}
	return m.Cat.T(lang, "booking.link_line", "link", s.Link) + "\n"
}

// TopicLine is a person's stated topic as a line of its own, or nothing.
func (m *Mentoring) TopicLine(lang, topic string) string {
	if topic == "" {
		return ""
	}
	return m.Cat.T(lang, "booking.topic_line", "topic", topic)
}

// icsFile is booking b as a calendar file: the event, or its cancellation
// (same UID) once b is cancelled.
func (m *Mentoring) icsFile(lang string, b aulabot.Booking, s aulabot.Slot, now time.Time) *aulabot.OutFile {
	T := func(k string, args ...any) string { return m.Cat.T(lang, k, args...) }
	desc := T("booking.ics_description", "mentor", s.MentorName, "topic", s.Topic, "link", i18n.HTML(m.LinkLine(lang, s)))
	ics := aulabot.ICS(b, s, i18n.Plain(T("booking.ics_summary", "mentor", s.MentorName)), i18n.Plain(desc), now)
	return &aulabot.OutFile{Name: fmt.Sprintf("mentoring-%d.ics", b.ID), Data: ics}
}
