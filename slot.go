package aulabot

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Kinds of mentoring slot.
const (
	SlotPersonal = "personal" // one person
	SlotGroup    = "group"    // a video-conference for up to Capacity people
)

// Limits on a slot a mentor creates.
const (
	SlotMinMinutes  = 10
	SlotMaxMinutes  = 240
	SlotMaxCapacity = 100
	SlotMaxTopic    = 200 // characters
	SlotMaxLink     = 300
	// WeeklyMaxSlots bounds one weekly-availability command.
	WeeklyMaxSlots = 60
)

// Slot is a time a mentor offers: personal (capacity 1) or group. Start is
// stored in UTC; it is shown in the university's zone.
type Slot struct {
	ID         uint64    `json:"id"`
	University string    `json:"uni"`
	Mentor     int64     `json:"mentor"`
	MentorName string    `json:"mname,omitempty"`
	Start      time.Time `json:"start"`
	Minutes    int       `json:"min"`
	Kind       string    `json:"kind"`
	Capacity   int       `json:"cap"`
	Topic      string    `json:"topic,omitempty"`
	Link       string    `json:"link,omitempty"`
	// Booked is the number of active bookings; Waiting the waitlist length.
	Booked  int `json:"booked"`
	Waiting int `json:"waiting,omitempty"`
	// Note is the mentor's private note about the session.
	Note         string    `json:"note,omitempty"`
	Cancelled    bool      `json:"cancelled,omitempty"`
	CancelReason string    `json:"creason,omitempty"`
	Created      time.Time `json:"created"`
}

// End is when the slot finishes.
func (s Slot) End() time.Time { return s.Start.Add(time.Duration(s.Minutes) * time.Minute) }

// Overlaps reports whether s and the interval [start, end) share time.
func (s Slot) Overlaps(start, end time.Time) bool {
	return s.Start.Before(end) && start.Before(s.End())
}

// SeatsLeft is how many more people may book.
func (s Slot) SeatsLeft() int {
	if n := s.Capacity - s.Booked; n > 0 {
		return n
	}
	return 0
}

// NewSlot is what a mentor asked for: a slot before it is stored.
type NewSlot struct {
	Start    time.Time // UTC
	Minutes  int
	Kind     string
	Capacity int
	Topic    string
	Link     string
}

// Validate checks the limits of a slot request (not time-dependent rules:
// those are the store's). Errors are *Error with keys slot.err_*.
func (n NewSlot) Validate() error {
	switch {
	case n.Minutes < SlotMinMinutes || n.Minutes > SlotMaxMinutes:
		return Errorf(EINVALID, "slot.err_minutes", "min", SlotMinMinutes, "max", SlotMaxMinutes)
	case n.Kind != SlotPersonal && n.Kind != SlotGroup:
		return Errorf(EINVALID, "slot.err_kind")
	case n.Capacity < 1 || n.Capacity > SlotMaxCapacity:
		return Errorf(EINVALID, "slot.err_capacity", "max", SlotMaxCapacity)
	case n.Kind == SlotPersonal && n.Capacity != 1:
		return Errorf(EINVALID, "slot.err_personal_capacity")
	case utf8.RuneCountInString(n.Topic) > SlotMaxTopic || !utf8.ValidString(n.Topic):
		return Errorf(EINVALID, "slot.err_topic", "max", SlotMaxTopic)
	case n.Link != "" && !ValidSlotLink(n.Link):
		return Errorf(EINVALID, "slot.err_link")
	}
	return nil
}

// ValidSlotLink reports whether link can be a slot's meeting link: a web
// address (HTTPLink) of at most SlotMaxLink bytes, with no spaces.
func ValidSlotLink(link string) bool {
	_, web := HTTPLink(link)
	return web && len(link) <= SlotMaxLink && !strings.ContainsAny(link, " \t\r\n")
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (y int, m time.Month, d int, err error) {
	t, perr := time.Parse("2006-01-02", s)
	if perr != nil {
		return 0, 0, 0, Errorf(EINVALID, "slot.err_date", "value", s)
	}
	return t.Year(), t.Month(), t.Day(), nil
}

// exampleDate is the date days after now's in loc, as a command's
// example writes it (YYYY-MM-DD): a day ahead, never one gone by.
func exampleDate(now time.Time, loc *time.Location, days int) string {
	return localDay(now, loc).AddDate(0, 0, days).Format("2006-01-02")
}

// ParseClock reads HH:MM (00:00 to 23:59) and returns minutes since midnight.
func ParseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(h) < 1 || len(h) > 2 || len(m) != 2 ||
		hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, Errorf(EINVALID, "slot.err_time", "value", s)
	}
	return hh*60 + mm, nil
}

// TypedClock reads a time of day as people type it at a step that asks
// for one, and returns minutes since midnight: HH:MM as ParseClock reads
// it, and also "19", "19h", "19 hs", "19h30", "19.30", "7pm", "7 p.m.",
// "7:30 pm", "12 am" (midnight), and in words (spokenClock) "3 y media de
// la tarde", "a las 7 de la noche", "4 menos cuarto", "mediodía", "half
// past 3", "noon". An hour from 1 to 6 without a word of the morning and
// not written as a clock's ("a las 4", "4 y media"; not "4:00", "04") is
// the afternoon's: a session at 4 a.m. is nobody's meaning, and "mover la
// sesión al jueves a las 4" was read as 04:00 (seen in the sandbox).
// Errors: EINVALID slot.err_time, naming what was typed.
func TypedClock(s string) (int, error) {
	bad := Errorf(EINVALID, "slot.err_time", "value", s)
	spoken, minus, night := spokenClock(s)
	clock, err := digitsClock(spoken)
	if err != nil {
		return 0, bad
	}
	if night && clock/60 == 12 {
		clock -= 12 * 60 // las 12 de la noche: midnight
	}
	if afternoonHour(s, spoken, clock) {
		clock += 12 * 60
	}
	return (clock - minus + 24*60) % (24 * 60), nil
}

// afternoonHour reports whether clock, read from s (spoken as
// spokenClock gives it), is an hour from 1 to 6 typed bare: no am or pm,
// no clock's colon or point, no leading zero.
func afternoonHour(s, spoken string, clock int) bool {
	hour := clock / 60
	return hour >= 1 && hour <= 6 && !strings.ContainsAny(s, ":.") && !strings.HasPrefix(spoken, "0") &&
		!strings.Contains(spoken, "m") && !strings.Contains(spoken, "h")
}

// spokenClock rewrites the words people use for a time of day into the
// digits digitsClock reads, from the words whenWords gives (small words
// dropped, "de la tarde" as pm, "de la noche" as night): "3 y media de la
// tarde" is 3:30pm, "a las 7 de la noche" 7pm (night: 12 is midnight),
// "mediodía" and "noon" 12pm, "medianoche" and "midnight" 12am, "half
// past 3" 3:30; minus is the minutes "4 menos cuarto" and "quarter to 4"
// take off. Other words are kept as typed, for digitsClock to refuse.
func spokenClock(s string) (t string, minus int, night bool) {
	w := whenWords(s)
	has := func(i int, words ...string) bool {
		return len(w)-i >= len(words) && slices.Equal(w[i:i+len(words)], words)
	}
	var out []string
	for i := 0; i < len(w); i++ {
		switch {
		case w[i] == "night":
			out, night = append(out, "pm"), true
		case has(i, "y", "media"):
			out, i = append(out, ":30"), i+1
		case has(i, "y", "cuarto"):
			out, i = append(out, ":15"), i+1
		case has(i, "menos", "cuarto"):
			minus, i = 15, i+1
		case has(i, "half", "past") && i+2 < len(w):
			out, i = append(out, w[i+2], ":30"), i+2
		case has(i, "quarter", "past") && i+2 < len(w):
			out, i = append(out, w[i+2], ":15"), i+2
		case has(i, "quarter", "to") && i+2 < len(w):
			out, minus, i = append(out, w[i+2]), 15, i+2
		case w[i] == "mediodia" || w[i] == "noon":
			out = append(out, "12pm")
		case w[i] == "medianoche" || w[i] == "midnight":
			out = append(out, "12am")
		default:
			out = append(out, w[i])
		}
	}
	return strings.Join(out, ""), minus, night
}

// digitsClock is TypedClock's reading of digits: HH:MM, "19", "19h30",
// "19.30", "7pm", "7:30 p.m.", with the spaces already taken out.
func digitsClock(t string) (int, error) {
	bad := Errorf(EINVALID, "slot.err_time", "value", t)
	half := ""
	for _, suffix := range []string{"a.m.", "p.m.", "a.m", "p.m", "am", "pm"} {
		if strings.HasSuffix(t, suffix) {
			t, half = strings.TrimSuffix(t, suffix), suffix[:1]
			break
		}
	}
	if half == "" {
		for _, suffix := range []string{"hrs", "hs", "h"} {
			if strings.HasSuffix(t, suffix) {
				t = strings.TrimSuffix(t, suffix)
				break
			}
		}
	}
	t = strings.NewReplacer("h", ":", ".", ":").Replace(t)
	if !strings.Contains(t, ":") {
		t += ":00"
	}
	clock, err := ParseClock(t)
	if err != nil {
		return 0, bad
	}
	if half == "" {
		return clock, nil
	}
	hour := clock / 60
	if hour < 1 || hour > 12 {
		return 0, bad
	}
	hour %= 12 // 12 am is midnight, 12 pm noon
	if half == "p" {
		hour += 12
	}
	return hour*60 + clock%60, nil
}

// LocalTime returns the instant of wall-clock date y-m-d at minute-of-day
// clock in loc, in UTC. A wall time that does not exist (a daylight saving
// gap) is refused.
func LocalTime(y int, m time.Month, d, clock int, loc *time.Location) (time.Time, error) {
	t := time.Date(y, m, d, clock/60, clock%60, 0, 0, loc)
	if t.Hour() != clock/60 || t.Minute() != clock%60 || t.Day() != d {
		return time.Time{}, Errorf(EINVALID, "slot.err_no_such_time", "value", t.Format("2006-01-02 15:04"))
	}
	return t.UTC(), nil
}

// topicAndLink splits the words after a slot's kind and capacity into its
// topic and its meeting link: the first word that is a web address
// ("https://meet.example.org/abc", or "zoom.us/j/123" with a path, as the
// guided flow reads it) is the link, and the other words are the topic.
// A mentor who pasted the session's link at the end of "/newslot … personal
// https://…" got it published as the topic, and the slot without a link.
func topicAndLink(words []string) (topic, link string) {
	var rest []string
	for _, w := range words {
		if link == "" && looksLikeLink(w) {
			link = TypedLink(w)
			continue
		}
		rest = append(rest, w)
	}
	return strings.Join(rest, " "), link
}

// looksLikeLink reports whether word is meant as a web address: with a
// scheme, or a host name followed by a path ("Moodle.org" alone is a
// topic's word).
func looksLikeLink(word string) bool {
	lower := strings.ToLower(word)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return true
	}
	host, _, path := strings.Cut(word, "/")
	return path && hostFirst.MatchString(host)
}

// ParseNewSlot reads the arguments of
// "/newslot YYYY-MM-DD HH:MM MINUTES personal|group [CAPACITY] [TOPIC...]"
// with the date and time in loc: the date as TypedDate reads it (also
// mañana, jueves, 15/12), the time as TypedClock does (also 15h, 3pm).
// Errors are *Error (slot.err_*); the usage's example is a week from now.
func ParseNewSlot(args string, now time.Time, loc *time.Location) (NewSlot, error) {
	f := strings.Fields(args)
	if len(f) < 4 {
		return NewSlot{}, Errorf(EINVALID, "slot.err_usage", "example", exampleDate(now, loc, 7))
	}
	y, mo, d, err := TypedDate(f[0], now, loc)
	if err != nil {
		return NewSlot{}, err
	}
	clock, err := TypedClock(f[1])
	if err != nil {
		return NewSlot{}, err
	}
	minutes, err := strconv.Atoi(f[2])
	if err != nil {
		return NewSlot{}, Errorf(EINVALID, "slot.err_minutes", "min", SlotMinMinutes, "max", SlotMaxMinutes)
	}
	n := NewSlot{Minutes: minutes, Kind: strings.ToLower(f[3]), Capacity: 1}
	switch n.Kind {
	case "personal", "personales", "individual":
		n.Kind = SlotPersonal
	case "group", "grupal", "grupo":
		n.Kind = SlotGroup
	}
	rest := f[4:]
	if n.Kind == SlotGroup {
		n.Capacity = 10
		if len(rest) > 0 {
			if c, err := strconv.Atoi(rest[0]); err == nil {
				n.Capacity, rest = c, rest[1:]
			} else if strings.HasPrefix(rest[0], "-") {
				n.Capacity = -1
			}
		}
	}
	n.Topic, n.Link = topicAndLink(rest)
	if n.Start, err = LocalTime(y, mo, d, clock, loc); err != nil {
		return NewSlot{}, err
	}
	return n, n.Validate()
}

// Weekly is repeating availability: every Weekday from From to To (minutes
// of the day) cut into slots of Minutes, until Until (a date, inclusive).
type Weekly struct {
	Weekday  time.Weekday
	From, To int
	Minutes  int
	UntilY   int
	UntilM   time.Month
	UntilD   int
	Kind     string
	Capacity int
	Topic    string
	Link     string // every slot's meeting link, or none
}

// ParseWeekly reads "WEEKDAY HH:MM-HH:MM MINUTES YYYY-MM-DD [personal|group
// [CAPACITY]] [TOPIC...]", e.g. "tue 15:00-17:00 30 2026-04-30", the last
// day in loc from now in as many words as it takes (weeklyUntil: also
// 30/04, "hasta el 30 de abril"). Errors are
// *Error (slot.err_*); the usage's example ends a month from now.
func ParseWeekly(args string, now time.Time, loc *time.Location) (Weekly, error) {
	f := strings.Fields(args)
	bad := Errorf(EINVALID, "slot.err_weekly_usage", "example", exampleDate(now, loc, 30))
	if len(f) < 4 {
		return Weekly{}, bad
	}
	day := foldAccents.Replace(strings.ToLower(f[0])) // its first three letters name it
	if utf8.RuneCountInString(day) > 3 {
		day = string([]rune(day)[:3])
	}
	wd, ok := weekdayWords[day]
	if !ok {
		return Weekly{}, Errorf(EINVALID, "slot.err_weekday", "value", f[0])
	}
	a, b, ok := strings.Cut(f[1], "-")
	if !ok {
		return Weekly{}, bad
	}
	from, err := ParseClock(a)
	if err != nil {
		return Weekly{}, err
	}
	to, err := ParseClock(b)
	if err != nil {
		return Weekly{}, err
	}
	minutes, err := strconv.Atoi(f[2])
	if err != nil || minutes < SlotMinMinutes || minutes > SlotMaxMinutes {
		return Weekly{}, Errorf(EINVALID, "slot.err_minutes", "min", SlotMinMinutes, "max", SlotMaxMinutes)
	}
	if to-from < minutes {
		return Weekly{}, Errorf(EINVALID, "slot.err_range")
	}
	w := Weekly{Weekday: wd, From: from, To: to, Minutes: minutes, Kind: SlotPersonal, Capacity: 1}
	n := 0
	if w.UntilY, w.UntilM, w.UntilD, n, err = weeklyUntil(f[3:], now, loc); err != nil {
		return Weekly{}, err
	}
	rest := f[3+n:]
	if len(rest) > 0 && (strings.EqualFold(rest[0], SlotGroup) || strings.EqualFold(rest[0], "grupal")) {
		w.Kind, w.Capacity, rest = SlotGroup, 10, rest[1:]
		if len(rest) > 0 {
			if c, err := strconv.Atoi(rest[0]); err == nil {
				w.Capacity, rest = c, rest[1:]
			}
		}
	} else if len(rest) > 0 && (strings.EqualFold(rest[0], SlotPersonal) || strings.EqualFold(rest[0], "individual")) {
		rest = rest[1:]
	}
	w.Topic, w.Link = topicAndLink(rest)
	return w, NewSlot{Minutes: minutes, Kind: w.Kind, Capacity: w.Capacity, Topic: w.Topic, Link: w.Link}.Validate()
}

// weeklyUntil reads /weekly's last day at the start of f, and how many
// words it takes: the most that TypedDay reads as a day ("30/04", "hasta
// el 30 de abril", "until dec 18th"), so that the kind and topic may
// follow it. A day not on the calendar or not the weekday typed ("31 de
// febrero", "viernes 16" on a Thursday) is that error, not a shorter day
// ("31" alone); no day at all is slot.err_date naming the first word.
func weeklyUntil(f []string, now time.Time, loc *time.Location) (y int, m time.Month, d, n int, err error) {
	for k := min(len(f), maxWhenWords+1); k > 1; k-- {
		y, m, d, err = TypedDay(strings.Join(f[:k], " "), now, loc)
		if err == nil {
			return y, m, d, k, nil
		}
		if ErrorKey(err) != "slot.err_date" {
			return 0, 0, 0, 0, err
		}
	}
	y, m, d, err = TypedDate(f[0], now, loc)
	return y, m, d, 1, err
}

// Slots expands w into slots starting after now, in loc, at most
// WeeklyMaxSlots (more is an error: nothing is created).
func (w Weekly) Slots(now time.Time, loc *time.Location) ([]NewSlot, error) {
	var out []NewSlot
	day := now.In(loc)
	day = time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, loc)
	until := time.Date(w.UntilY, w.UntilM, w.UntilD, 12, 0, 0, 0, loc)
	if until.Before(day) {
		return nil, Errorf(EINVALID, "slot.err_past")
	}
	for ; !day.After(until); day = day.AddDate(0, 0, 1) {
		if day.Weekday() != w.Weekday {
			continue
		}
		for m := w.From; m+w.Minutes <= w.To; m += w.Minutes {
			start, err := LocalTime(day.Year(), day.Month(), day.Day(), m, loc)
			if err != nil || !start.After(now) {
				continue
			}
			if len(out) == WeeklyMaxSlots {
				return nil, Errorf(EINVALID, "slot.err_too_many", "max", WeeklyMaxSlots)
			}
			out = append(out, NewSlot{Start: start, Minutes: w.Minutes, Kind: w.Kind, Capacity: w.Capacity, Topic: w.Topic, Link: w.Link})
		}
	}
	return out, nil
}

// SlotWatch is a person who found no slot of a kind at their university
// and asked to be told when a mentor publishes one: who, in which
// language, since when.
type SlotWatch struct {
	User int64     `json:"user"`
	Lang string    `json:"lang"`
	At   time.Time `json:"at"`
}
