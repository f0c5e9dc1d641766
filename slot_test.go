package aulabot

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseNewSlot(t *testing.T) {
	lima, _ := time.LoadLocation("America/Lima")
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC) // Tuesday 10:00 in Lima
	n, err := ParseNewSlot("2026-03-12 15:30 60 group 8 Moodle quizzes", now, lima)
	if err != nil {
		t.Fatal(err)
	}
	want := NewSlot{Start: time.Date(2026, 3, 12, 20, 30, 0, 0, time.UTC), Minutes: 60, Kind: SlotGroup, Capacity: 8, Topic: "Moodle quizzes"}
	if n != want {
		t.Errorf("got %+v, want %+v", n, want)
	}
	if n, err := ParseNewSlot("2026-03-12 09:00 30 personal Rúbricas", now, lima); err != nil || n.Capacity != 1 || n.Topic != "Rúbricas" {
		t.Errorf("personal: %+v, %v", n, err)
	}
	// A web address among the topic's words is the meeting link; a host
	// name alone is a word.
	for _, tt := range []struct{ args, topic, link string }{
		{"2026-03-12 09:00 30 personal Rúbricas https://meet.example.org/x", "Rúbricas", "https://meet.example.org/x"},
		{"2026-03-12 09:00 30 personal HTTPS://Meet.example.org/x", "", "HTTPS://Meet.example.org/x"},
		{"2026-03-12 09:00 30 group 8 zoom.us/j/123 Quizzes", "Quizzes", "https://zoom.us/j/123"},
		{"2026-03-12 09:00 30 group meet.google.com/abc-defg-hij", "", "https://meet.google.com/abc-defg-hij"},
		{"2026-03-12 09:00 30 personal Moodle.org tips", "Moodle.org tips", ""},
		{"2026-03-12 09:00 30 personal a https://x.example/1 b https://x.example/2", "a b https://x.example/2", "https://x.example/1"},
	} {
		n, err := ParseNewSlot(tt.args, now, lima)
		if err != nil || n.Topic != tt.topic || !strings.EqualFold(n.Link, tt.link) {
			t.Errorf("ParseNewSlot(%q) = topic %q, link %q, %v; want %q, %q", tt.args, n.Topic, n.Link, err, tt.topic, tt.link)
		}
	}
	// The day and the time as people type them (since 6 December; the
	// day was YYYY-MM-DD only, the time HH:MM only).
	for _, tt := range []struct {
		args string
		want time.Time // in Lima
	}{
		{"mañana 15:30 60 personal", time.Date(2026, 3, 11, 15, 30, 0, 0, lima)},
		{"jueves 3pm 60 group 5 Quizzes", time.Date(2026, 3, 12, 15, 0, 0, 0, lima)},
		{"12/03 15h 60 personal", time.Date(2026, 3, 12, 15, 0, 0, 0, lima)},
		{"12/03/2027 9 60 personal", time.Date(2027, 3, 12, 9, 0, 0, 0, lima)},
		{"Tomorrow 7:30pm 45 personal", time.Date(2026, 3, 11, 19, 30, 0, 0, lima)},
		{"hoy 18:00 30 personal", time.Date(2026, 3, 10, 18, 0, 0, 0, lima)},
		{"lun 08:00 30 personal", time.Date(2026, 3, 16, 8, 0, 0, 0, lima)},
	} {
		if n, err := ParseNewSlot(tt.args, now, lima); err != nil || !n.Start.Equal(tt.want) {
			t.Errorf("ParseNewSlot(%q) = %v, %v; want %v", tt.args, n.Start.In(lima), err, tt.want)
		}
	}
	// The usage's example is a day ahead, never a date gone by.
	var usage *Error
	if _, err := ParseNewSlot("mañana", now, lima); !errors.As(err, &usage) || usage.Key != "slot.err_usage" || !slices.Contains(usage.Args, any("2026-03-17")) {
		t.Errorf("usage = %#v, want slot.err_usage with the example 2026-03-17", err)
	}
	bad := []struct{ args, key string }{
		{"", "slot.err_usage"},
		{"2026-03-12 15:30 60 personal https://", "slot.err_link"},
		{"2026-03-12 15:30 60", "slot.err_usage"},
		{"2026-02-30 15:30 60 personal", "slot.err_no_such_date"},
		{"31/02 15:30 60 personal", "slot.err_no_such_date"},
		{"ayer 15:30 60 personal", "slot.err_date"},
		{"pasado 15:30 60 personal", "slot.err_date"},
		{"2026-03-12 24:61 60 personal", "slot.err_time"},
		{"2026-03-12 25 60 personal", "slot.err_time"},
		{"2026-03-12 tarde 60 personal", "slot.err_time"},
		{"2026-03-12 15:30 10000 group 5", "slot.err_minutes"},
		{"2026-03-12 15:30 abc personal", "slot.err_minutes"},
		{"2026-03-12 15:30 60 group 0", "slot.err_capacity"},
		{"2026-03-12 15:30 60 group -4", "slot.err_capacity"},
		{"2026-03-12 15:30 60 lecture", "slot.err_kind"},
	}
	for _, tt := range bad {
		if _, err := ParseNewSlot(tt.args, now, lima); ErrorKey(err) != tt.key {
			t.Errorf("ParseNewSlot(%q) = %v, want %s", tt.args, err, tt.key)
		}
	}
}

// TestLocalTime_DST: Santiago moves its clocks back on 2026-04-05 (00:00 is
// lived twice) and forward on 2026-09-06 (00:00-00:59 does not exist).
func TestLocalTime_DST(t *testing.T) {
	scl, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err) // time/tzdata is built in: every host has the zone
	}
	before, _ := LocalTime(2026, 4, 4, 10*60, scl)
	after, _ := LocalTime(2026, 4, 5, 10*60, scl)
	if got := after.Sub(before); got != 25*time.Hour {
		t.Errorf("10:00 to 10:00 across the change = %v, want 25h", got)
	}
	if _, err := LocalTime(2026, 9, 6, 0*60+30, scl); ErrorKey(err) != "slot.err_no_such_time" {
		t.Errorf("00:30 in the gap: %v, want slot.err_no_such_time", err)
	}
}

func TestWeekly(t *testing.T) {
	lima, _ := time.LoadLocation("America/Lima")
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC) // Tuesday 10:00 in Lima
	w, err := ParseWeekly("tue 15:00-17:00 30 2026-03-31", now, lima)
	if err != nil {
		t.Fatal(err)
	}
	if w2, err := ParseWeekly("tue 15:00-17:00 30 31/03", now, lima); err != nil || w2 != w {
		t.Errorf("the last day as 31/03: %+v, %v; want %+v", w2, err, w)
	}
	for _, until := range []string{"hasta el 31 de marzo", "31 de marzo", "until Mar 31st", "martes 31"} {
		if w2, err := ParseWeekly("tue 15:00-17:00 30 "+until, now, lima); err != nil || w2 != w {
			t.Errorf("the last day as %q: %+v, %v; want %+v", until, w2, err, w)
		}
	}
	if w2, err := ParseWeekly("tue 15:00-17:00 30 31 de marzo grupal 5 Excel básico", now, lima); err != nil ||
		w2.UntilM != time.March || w2.UntilD != 31 || w2.Kind != SlotGroup || w2.Capacity != 5 || w2.Topic != "Excel básico" {
		t.Errorf("the last day in words, then the kind and topic: %+v, %v", w2, err)
	}
	if w2, err := ParseWeekly("tue 15:00-17:00 30 31/03 marzo", now, lima); err != nil || w2.UntilD != 31 || w2.Topic != "marzo" {
		t.Errorf("a topic after a one-word day: %+v, %v", w2, err)
	}
	for until, key := range map[string]string{"31 de febrero": "slot.err_no_such_date", "lunes 31 de marzo": "slot.err_day_mismatch", "hasta": "slot.err_date"} {
		if _, err := ParseWeekly("tue 15:00-17:00 30 "+until+" Excel", now, lima); ErrorKey(err) != key {
			t.Errorf("the last day %q: %v, want %s", until, err, key)
		}
	}
	var usage *Error
	if _, err := ParseWeekly("tue", now, lima); !errors.As(err, &usage) || usage.Key != "slot.err_weekly_usage" || !slices.Contains(usage.Args, any("2026-04-09")) {
		t.Errorf("usage = %#v, want slot.err_weekly_usage with the example 2026-04-09", err)
	}
	ns, err := w.Slots(now, lima)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 4*4 || ns[0].Start != time.Date(2026, 3, 10, 20, 0, 0, 0, time.UTC) {
		t.Fatalf("got %d slots starting %v", len(ns), ns[0].Start)
	}
	for _, day := range []string{"mié", "MIÉRCOLES", "miercoles", "wednesday"} {
		if w, err := ParseWeekly(day+" 15:00-17:00 30 2026-03-31", now, lima); err != nil || w.Weekday != time.Wednesday {
			t.Errorf("%q: %v %v, want Wednesday", day, w.Weekday, err)
		}
	}
	if _, err := ParseWeekly("xyz 15:00-17:00 30 2026-03-31", now, lima); ErrorKey(err) != "slot.err_weekday" {
		t.Errorf("bad weekday: %v", err)
	}
	w, _ = ParseWeekly("mon 08:00-20:00 10 2027-12-31", now, lima)
	if _, err := w.Slots(now, lima); ErrorKey(err) != "slot.err_too_many" {
		t.Errorf("too many: %v", err)
	}
	w, err = ParseWeekly("tue 15:00-17:00 30 2026-03-31 group 5 Quizzes https://meet.example.org/w", now, lima)
	if err != nil || w.Topic != "Quizzes" || w.Link != "https://meet.example.org/w" {
		t.Fatalf("weekly with a link: %+v, %v", w, err)
	}
	ns, _ = w.Slots(now, lima)
	for _, n := range ns {
		if n.Link != w.Link || n.Topic != "Quizzes" || n.Capacity != 5 {
			t.Fatalf("a weekly slot = %+v, want the link and topic of all", n)
		}
	}
}

func TestICS(t *testing.T) {
	s := Slot{ID: 3, Start: time.Date(2026, 3, 12, 20, 30, 0, 0, time.UTC), Minutes: 45, Link: "https://meet.example/x"}
	b := Booking{ID: 9, Status: BookingActive}
	ics := string(ICS(b, s, "Mentoring, Ana; group", "a\nb", s.Start))
	for _, want := range []string{"UID:booking-9@aulabot\r\n", "DTSTART:20260312T203000Z\r\n", "DTEND:20260312T211500Z\r\n",
		`SUMMARY:Mentoring\, Ana\; group` + "\r\n", `DESCRIPTION:a\nb` + "\r\n", "STATUS:CONFIRMED"} {
		if !strings.Contains(ics, want) {
			t.Errorf("ics lacks %q:\n%s", want, ics)
		}
	}
	b.Status = BookingCancelled
	if c := string(ICS(b, s, "x", "", s.Start)); !strings.Contains(c, "UID:booking-9@aulabot") || !strings.Contains(c, "METHOD:CANCEL") {
		t.Errorf("cancellation:\n%s", c)
	}
}

// TestICS_ChangedBooking: a booking changed to another time is the first
// booking's calendar event, updated (same UID, a later SEQUENCE), so a
// calendar that imports it moves the event instead of adding a second one.
func TestICS_ChangedBooking(t *testing.T) {
	s := Slot{ID: 4, Start: time.Date(2026, 3, 13, 15, 0, 0, 0, time.UTC), Minutes: 60}
	b := Booking{ID: 12, From: 9, Sequence: 2, Status: BookingActive}
	ics := string(ICS(b, s, "x", "", s.Start))
	for _, want := range []string{"UID:booking-9@aulabot\r\n", "SEQUENCE:2\r\n", "DTSTART:20260313T150000Z\r\n"} {
		if !strings.Contains(ics, want) {
			t.Errorf("ics lacks %q:\n%s", want, ics)
		}
	}
	if b.CalendarID() != 9 || (Booking{ID: 9}).CalendarID() != 9 {
		t.Errorf("CalendarID = %d and %d, want 9 and 9", b.CalendarID(), Booking{ID: 9}.CalendarID())
	}
}

func FuzzParseNewSlot(f *testing.F) {
	for _, s := range []string{"2026-03-12 15:30 60 group 8 Moodle", "2026-03-12 24:61 60 personal", "2026-03-12 15:30 10000 group -1", "   ", "2026-13-01 00:00 1 x"} {
		f.Add(s)
	}
	lima, _ := time.LoadLocation("America/Lima")
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNewSlot(s, now, lima)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("%q: error %v is not EINVALID", s, err)
			}
			return
		}
		if n.Minutes < SlotMinMinutes || n.Minutes > SlotMaxMinutes || n.Capacity < 1 || n.Capacity > SlotMaxCapacity ||
			(n.Kind == SlotPersonal && n.Capacity != 1) || (n.Kind != SlotPersonal && n.Kind != SlotGroup) ||
			n.Start.Location() != time.UTC || !utf8.ValidString(n.Topic) || (n.Link != "" && !ValidSlotLink(n.Link)) {
			t.Fatalf("%q: accepted %+v", s, n)
		}
	})
}

func FuzzParseWeekly(f *testing.F) {
	for _, s := range []string{"tue 15:00-17:00 30 2026-03-31", "lun 08:00-09:00 10 2026-04-01 group 5 x", "sáb 1:00-2:00 60 2026-01-01"} {
		f.Add(s)
	}
	lima, _ := time.LoadLocation("America/Lima")
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeekly(s, now, lima)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		ns, err := w.Slots(now, lima)
		if err == nil && len(ns) > WeeklyMaxSlots {
			t.Fatalf("%q: %d slots", s, len(ns))
		}
		for _, n := range ns {
			if !n.Start.After(now) || n.Validate() != nil {
				t.Fatalf("%q: bad slot %+v", s, n)
			}
		}
	})
}

// One rule for a meeting link, whether it comes with a new slot or is sent
// later from the panel: a web address with a host, short enough, no spaces.
func TestValidSlotLink(t *testing.T) {
	for link, want := range map[string]bool{
		"https://meet.example/abc-defg-hij": true,
		"http://zoom.example/j/123":         true,
		"https://":                          false,
		"ftp://meet.example/x":              false,
		"meet.example/x":                    false,
		"see you in room 4":                 false,
		"https://meet.example/a b":          false,
		"https://meet.example/\tx":          false,
		"https://meet.example/" + strings.Repeat("x", SlotMaxLink): false,
	} {
		if got := ValidSlotLink(link); got != want {
			t.Errorf("ValidSlotLink(%q) = %v, want %v", link, got, want)
		}
		n := NewSlot{Start: time.Date(2026, 3, 12, 20, 0, 0, 0, time.UTC), Minutes: 45, Kind: SlotPersonal, Capacity: 1, Link: link}
		if err := n.Validate(); (err == nil) != want {
			t.Errorf("NewSlot with link %q: %v, want valid %v", link, err, want)
		}
	}
}

// TestTypedClock: the ways people type a time of day at a step that asks
// for one, and what is refused (naming what was typed).
func TestTypedClock(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int // minutes since midnight; -1 refused
	}{
		{"19:30", 19*60 + 30}, {"9:05", 9*60 + 5}, {"00:00", 0},
		{"19", 19 * 60}, {"7", 7 * 60}, {" 19h ", 19 * 60}, {"19 hs", 19 * 60}, {"19hrs", 19 * 60},
		{"19h30", 19*60 + 30}, {"19.30", 19*60 + 30}, {"19:30hs", 19*60 + 30},
		{"7pm", 19 * 60}, {"7 PM", 19 * 60}, {"7 p.m.", 19 * 60}, {"7:30 pm", 19*60 + 30}, {"7.30pm", 19*60 + 30},
		{"7am", 7 * 60}, {"12 am", 0}, {"12pm", 12 * 60}, {"12:15 a.m.", 15},
		{"24", -1}, {"19:60", -1}, {"0pm", -1}, {"13pm", -1}, {"19:3", -1}, {"", -1}, {"mañana", -1},
		{"1930", -1}, {"19::30", -1}, {"h", -1}, {"pm", -1}, {"-1", -1},
		// In words (since 6 December "3 y media de la tarde" was refused at
		// a slot's start, seen in the sandbox).
		{"7 de la tarde", 19 * 60}, {"3 y media de la tarde", 15*60 + 30}, {"a las 10 y cuarto de la mañana", 10*60 + 15},
		{"A las 8 de la noche", 20 * 60}, {"12 de la noche", 0}, {"11 de la noche", 23 * 60}, {"4 menos cuarto de la tarde", 15*60 + 45},
		{"9 y media", 9*60 + 30}, {"mediodía", 12 * 60}, {"medianoche", 0}, {"half past 3 pm", 15*60 + 30},
		{"quarter to 5 in the afternoon", 16*60 + 45}, {"at noon", 12 * 60}, {"7 at night", 19 * 60},
		// A bare hour from 1 to 6 is the afternoon's (since 6 December:
		// "a las 4" was 04:00, seen in the sandbox); written as a clock's,
		// or with a word of the morning, it is as written.
		{"4", 16 * 60}, {"a las 4", 16 * 60}, {"4 y media", 16*60 + 30}, {"4 menos cuarto", 15*60 + 45}, {"1", 13 * 60},
		{"4:00", 4 * 60}, {"04", 4 * 60}, {"4am", 4 * 60}, {"4 de la mañana", 4 * 60}, {"4h", 4 * 60}, {"12", 12 * 60},
		{"y media", -1}, {"menos cuarto", -1}, {"15 de la tarde", -1}, {"3 y media y cuarto", -1}, {"tarde", -1}, {"de la tarde", -1},
	} {
		got, err := TypedClock(c.in)
		switch {
		case c.want < 0 && (err == nil || ErrorKey(err) != "slot.err_time" || !slices.Contains(err.(*Error).Args, any(c.in))):
			t.Errorf("%q: %d, %v; want slot.err_time", c.in, got, err)
		case c.want >= 0 && (err != nil || got != c.want):
			t.Errorf("%q: %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

// FuzzTypedClock: any text is a time of the day or refused, and whatever
// ParseClock reads, TypedClock reads alike.
func FuzzTypedClock(f *testing.F) {
	for _, s := range []string{"19:30", "7pm", "12 a.m.", "19h30", "19.30", "", "h", "99", "7:3O", "3 y media de la tarde", "12 de la noche", "quarter to 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := TypedClock(s)
		if err == nil && (got < 0 || got >= 24*60) {
			t.Errorf("%q: %d minutes", s, got)
		}
		if err != nil && ErrorKey(err) != "slot.err_time" {
			t.Errorf("%q: %v", s, err)
		}
		if want, perr := ParseClock(s); perr == nil && (err != nil || got != want) {
			t.Errorf("%q: ParseClock %d, TypedClock %d %v", s, want, got, err)
		}
	})
}
