package aulabot

import (
	"fmt"
	"strings"
	"time"
)

// Booking states.
const (
	BookingActive    = "active"    // holds a seat
	BookingWaiting   = "waiting"   // on the slot's waitlist
	BookingCancelled = "cancelled" // by the person, the mentor or with the slot
)

// Attendance as the mentor marks it after the start.
const (
	Attended = "attended"
	NoShow   = "noshow"
)

// Booking is one person's seat (or place on the waitlist) in a slot.
type Booking struct {
	ID         uint64 `json:"id"`
	Slot       uint64 `json:"slot"`
	University string `json:"uni"`
	User       int64  `json:"user"`
	Name       string `json:"name,omitempty"`
	// Topic is what the person wants to talk about (personal slots).
	Topic      string    `json:"topic,omitempty"`
	Status     string    `json:"status"`
	Attendance string    `json:"att,omitempty"`
	Rating     int       `json:"rating,omitempty"`
	Comment    string    `json:"comment,omitempty"`
	Created    time.Time `json:"created"`
	Updated    time.Time `json:"updated"`
	// Sequence counts changes, for calendar updates (.ics SEQUENCE).
	Sequence int `json:"seq,omitempty"`
	// GaveUp is true of a booking its person cancelled themselves while
	// it held a seat (not a move to another slot, a waitlist place, the
	// mentor's or the slot's cancellation): the mentor's notice of
	// several such in a while lists them.
	GaveUp bool `json:"gaveup,omitempty"`
	// From is the first booking of a chain of changes of time (its
	// person moved their seat to another slot, Tx.ChangeBooking): the
	// calendar event is that booking's, updated.
	From uint64 `json:"from,omitempty"`
}

// CalendarID is the booking whose calendar event b is: the first of its
// changes of time, or b.
func (b Booking) CalendarID() uint64 {
	if b.From != 0 {
		return b.From
	}
	return b.ID
}

// Rules of booking, with the configuration's defaults.
func (r BookingRules) rule(d Duration, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return time.Duration(d)
}

// Notice is the minimum time between booking and the start.
func (r BookingRules) Notice() time.Duration { return r.rule(r.MinNotice, 2*time.Hour) }

// Ahead is how far ahead one may book.
func (r BookingRules) Ahead() time.Duration { return r.rule(r.Horizon, 21*24*time.Hour) }

// Cutoff is the last time before the start a person may cancel.
func (r BookingRules) Cutoff() time.Duration { return r.rule(r.CancelCutoff, 2*time.Hour) }

// PastCutoff reports whether, at now, a session starting at start is
// within the cutoff: its people may no longer cancel or change a seat.
func (r BookingRules) PastCutoff(start, now time.Time) bool { return start.Before(now.Add(r.Cutoff())) }

// Max is the most active future bookings a person may hold.
func (r BookingRules) Max() int {
	if r.MaxActive <= 0 {
		return 3
	}
	return r.MaxActive
}

// ICSUID is the calendar UID of a booking, stable across updates.
func ICSUID(bookingID uint64) string { return fmt.Sprintf("booking-%d@aulabot", bookingID) }

// ICS returns an iCalendar file for booking b in slot s; summary and
// description are plain text. Times are in UTC (the calendar app shows them
// in the reader's zone); cancelled bookings produce a cancellation.
func ICS(b Booking, s Slot, summary, description string, now time.Time) []byte {
	return calendarFile(calendarEvent{UID: ICSUID(b.CalendarID()), Sequence: b.Sequence, Start: s.Start, End: s.End(),
		Summary: summary, Description: description, Link: s.Link, Cancelled: b.Status == BookingCancelled}, now)
}

// calendarEvent is what an iCalendar file says of one event.
type calendarEvent struct {
	UID                  string
	Sequence             int
	Start, End           time.Time
	Summary, Description string // plain text
	Link                 string
	Cancelled            bool // a cancellation (METHOD:CANCEL) that takes it off calendars
}

// calendarFile is ev as an iCalendar file, written at now.
func calendarFile(ev calendarEvent, now time.Time) []byte {
	const f = "20060102T150405Z"
	var w strings.Builder
	line := func(k, v string) { w.WriteString(foldICS(k + ":" + v)) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//aulabot//mentoring//EN")
	line("CALSCALE", "GREGORIAN")
	method, status := "PUBLISH", "CONFIRMED"
	if ev.Cancelled {
		method, status = "CANCEL", "CANCELLED"
	}
	line("METHOD", method)
	line("BEGIN", "VEVENT")
	line("UID", ev.UID)
	line("SEQUENCE", fmt.Sprint(ev.Sequence))
	line("DTSTAMP", now.UTC().Format(f))
	line("DTSTART", ev.Start.UTC().Format(f))
	line("DTEND", ev.End.UTC().Format(f))
	line("SUMMARY", escapeICS(ev.Summary))
	if ev.Description != "" {
		line("DESCRIPTION", escapeICS(ev.Description))
	}
	if ev.Link != "" {
		line("URL", escapeICS(ev.Link))
		line("LOCATION", escapeICS(ev.Link))
	}
	line("STATUS", status)
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return []byte(w.String())
}

var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

func escapeICS(s string) string { return icsEscaper.Replace(s) }

// foldICS ends a content line with CRLF, folding it at 75 octets without
// splitting a UTF-8 character (RFC 5545 3.1).
func foldICS(s string) string {
	var w strings.Builder
	n := 0
	for _, r := range s {
		l := len(string(r))
		if n+l > 75 {
			w.WriteString("\r\n ")
			n = 1
		}
		w.WriteRune(r)
		n += l
	}
	w.WriteString("\r\n")
	return w.String()
}

// Cancellation is what cancelling a booking did: the booking as it is now,
// its slot, and the person promoted from the waitlist to the freed seat.
type Cancellation struct {
	Booking  Booking
	Slot     Slot
	Promoted *Booking
}
