package handlers

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/aulabot/aulabot"
)

// ticketMarks are the words after which a number names a ticket: "tomo
// el 4", "ticket 4", "caso # 4", "¿cómo va el 12?", "any news on 4?".
var ticketMarks = map[string]bool{"el": true, "al": true, "del": true, "ticket": true, "tiquet": true, "tiket": true,
	"caso": true, "reporte": true, "incidencia": true, "nro": true, "numero": true, "número": true, "n°": true,
	"number": true, "on": true, "#": true}

// maxTicketDigits bounds the digits of a ticket's number typed without
// its university's letters.
const maxTicketDigits = 6

// ticketIDTyped is text with a ticket of university uni named as people
// type it written as the bot writes it: "unma 4", "unma4", "UNMA #4",
// "#4", "ticket 4", "tomo el 4" become "UNMA-4" in their place (the id is
// read only as the bot writes it, and "tomo el 4" got an article on
// taking notes, seen in the sandbox). False when text names none so.
// What the words ask is then read as for the id written whole, so "el 4
// de diciembre" stays words (TicketAsked: only a ticket's words).
func ticketIDTyped(text, uni string) (string, bool) {
	if uni == "" || !strings.ContainsFunc(text, unicode.IsDigit) {
		return "", false
	}
	fields := strings.Fields(text)
	out := make([]string, 0, len(fields))
	changed := false
	for i := 0; i < len(fields); i++ {
		lead, core, trail := trimWord(fields[i])
		id := func(n int) string { return lead + aulabot.TicketID(uni, n) }
		switch {
		case strings.EqualFold(core, uni) && i+1 < len(fields):
			// "unma 4", "unma #4"
			_, next, nextTrail := trimWord(fields[i+1])
			if n, ok := ticketNumber(strings.TrimPrefix(next, "#")); ok {
				out, changed = append(out, id(n)+nextTrail), true
				i++
				continue
			}
		case len(core) > len(uni) && strings.EqualFold(core[:len(uni)], uni):
			if n, ok := ticketNumber(strings.TrimPrefix(core[len(uni):], "#")); ok { // "unma4", "unma#4"
				out, changed = append(out, id(n)+trail), true
				continue
			}
		case strings.HasPrefix(core, "#"):
			if n, ok := ticketNumber(core[1:]); ok { // "#4"
				out, changed = append(out, id(n)+trail), true
				continue
			}
		case i > 0:
			_, prev, _ := trimWord(fields[i-1])
			if n, ok := ticketNumber(core); ok && ticketMarks[strings.ToLower(prev)] { // "ticket 4", "el 4"
				out, changed = append(out, id(n)+trail), true
				continue
			}
		}
		out = append(out, fields[i])
	}
	if !changed {
		return "", false
	}
	return strings.Join(out, " "), true
}

// trimWord splits a field into the marks before its word ("¿"), the
// word, and the marks after it ("?", ",").
func trimWord(f string) (lead, core, trail string) {
	isMark := func(r rune) bool { return strings.ContainsRune("¿?¡!.,;:()«»\"'", r) }
	core = strings.TrimLeftFunc(f, isMark)
	lead = f[:len(f)-len(core)]
	word := strings.TrimRightFunc(core, isMark)
	return lead, word, core[len(word):]
}

// ticketNumber is s as a ticket's number: digits only, at most
// maxTicketDigits, not zero.
func ticketNumber(s string) (int, bool) {
	if s == "" || len(s) > maxTicketDigits || strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1
}

// ticketHome is the university whose tickets the person names by their
// number alone: the one whose team they are on or coordinate, or else
// their own; "" when they have several and none of their own.
func ticketHome(c *Ctx) string {
	home := ""
	for _, set := range [][]string{c.Roles.Tech, c.Roles.Coordinator} {
		for _, u := range set {
			if home != "" && u != home {
				return "" // several: the number alone names none
			}
			home = u
		}
	}
	if home == "" && c.Known {
		return c.User.University
	}
	return home
}
