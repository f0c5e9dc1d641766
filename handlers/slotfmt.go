package handlers

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

var (
	weekdayNames = map[string][7]string{
		aulabot.LangES: {"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
		aulabot.LangEN: {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	}
	monthNames = map[string][12]string{
		aulabot.LangES: {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
		aulabot.LangEN: {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	}
)

// day formats t's date in the university's zone: "Tue 10 Mar".
func (h *Handlers) day(lang, uni string, t time.Time) string {
	t = t.In(h.Config.Loc(uni))
	if _, ok := weekdayNames[lang]; !ok {
		lang = aulabot.LangES
	}
	return fmt.Sprintf("%s %d %s", weekdayNames[lang][t.Weekday()], t.Day(), monthNames[lang][t.Month()-1])
}

// when formats a slot's start in its university's zone: "Tue 10 Mar 15:00".
func (h *Handlers) when(lang string, s aulabot.Slot) string {
	return h.day(lang, s.University, s.Start) + " " + s.Start.In(h.Config.Loc(s.University)).Format("15:04")
}

// short cuts s to at most n characters, ending in "…" when it was cut.
func short(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// How much of a name or a topic lists and one-line summaries show: a
// list of people or slots must fit in one message whatever they typed.
const (
	nameInList  = 32
	topicInLine = 100
)

// personName is a person's name as shown to others in a list: cleaned,
// shortened, and a placeholder for someone who deleted their data.
func (h *Handlers) personName(lang, name string) string {
	if name = aulabot.CleanText(name); name == "" {
		return h.cat.T(lang, "person.deleted")
	}
	return short(name, nameInList)
}

// slotButton is a slot as a button label (plain text).
func (h *Handlers) slotButton(c *Ctx, s aulabot.Slot) string {
	parts := []string{h.when(c.Lang, s), short(h.personName(c.Lang, s.MentorName), 18)}
	if s.Topic != "" {
		parts = append(parts, short(aulabot.CleanText(s.Topic), 24))
	}
	if s.Kind == aulabot.SlotGroup {
		parts = append(parts, c.T("booking.seats_left", "n", s.SeatsLeft()))
	}
	return strings.Join(parts, " · ")
}

// slotLine is a slot in one line of Telegram HTML, short enough for a
// list or a file's caption (the mentor's name and the topic shortened).
func (h *Handlers) slotLine(lang string, s aulabot.Slot) string {
	loc := h.Config.Loc(s.University)
	line := fmt.Sprintf("<b>%s–%s</b> · %s", i18n.Escape(h.when(lang, s)), s.End().In(loc).Format("15:04"),
		i18n.Escape(h.personName(lang, s.MentorName)))
	if s.Topic != "" {
		line += " · " + i18n.Escape(short(aulabot.CleanText(s.Topic), topicInLine))
	}
	return line + " (" + h.cat.T(lang, "slot.kind_"+s.Kind) + ")"
}

// slotText describes a slot for someone about to book it, with the whole
// topic when the line had to shorten it.
func (h *Handlers) slotText(lang string, s aulabot.Slot) string {
	loc := h.Config.Loc(s.University)
	text := h.cat.T(lang, "booking.slot_detail", "slot", i18n.HTML(h.slotLine(lang, s)),
		"seats", s.SeatsLeft(), "capacity", s.Capacity, "zone", loc.String())
	if topic := aulabot.CleanText(s.Topic); utf8.RuneCountInString(topic) > topicInLine {
		text += h.cat.T(lang, "booking.topic_line", "topic", topic)
	}
	return text
}

// linkLine is the meeting link as a line of its own, or nothing.
func (h *Handlers) linkLine(lang string, s aulabot.Slot) string {
	if s.Link == "" {
		return ""
	}
	return h.cat.T(lang, "booking.link_line", "link", s.Link) + "\n"
}

// topicLine is a person's stated topic as a line of its own, or nothing.
func (h *Handlers) topicLine(lang, topic string) string {
	if topic == "" {
		return ""
	}
	return h.cat.T(lang, "booking.topic_line", "topic", topic)
}
