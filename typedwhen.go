package aulabot

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// A day and a time typed at a step that asks for both (a slot's new time,
// an announcement's, a training's), read as people type them on a phone.

// dayWords are days counted from today.
var dayWords = map[string]int{"hoy": 0, "today": 0, "manana": 1, "tomorrow": 1, "pasadomanana": 2}

// weekdayWords are weekdays in full and as their first three letters,
// without accents.
var weekdayWords = map[string]time.Weekday{
	"domingo": time.Sunday, "lunes": time.Monday, "martes": time.Tuesday, "miercoles": time.Wednesday,
	"jueves": time.Thursday, "viernes": time.Friday, "sabado": time.Saturday,
	"dom": time.Sunday, "lun": time.Monday, "mar": time.Tuesday, "mie": time.Wednesday,
	"jue": time.Thursday, "vie": time.Friday, "sab": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// monthWords are months in full and shortened, without accents.
var monthWords = map[string]time.Month{
	"enero": time.January, "ene": time.January, "january": time.January, "jan": time.January,
	"febrero": time.February, "feb": time.February, "february": time.February,
	"marzo": time.March, "mar": time.March, "march": time.March,
	"abril": time.April, "abr": time.April, "april": time.April, "apr": time.April,
	"mayo": time.May, "may": time.May,
	"junio": time.June, "jun": time.June, "june": time.June,
	"julio": time.July, "jul": time.July, "july": time.July,
	"agosto": time.August, "ago": time.August, "august": time.August, "aug": time.August,
	"septiembre": time.September, "setiembre": time.September, "sep": time.September, "sept": time.September,
	"set": time.September, "september": time.September,
	"octubre": time.October, "oct": time.October, "october": time.October,
	"noviembre": time.November, "nov": time.November, "november": time.November,
	"diciembre": time.December, "dic": time.December, "december": time.December, "dec": time.December,
}

// TypedWeekday is the weekday w, one word as TypedWords reads it, names
// in full ("lunes", "miercoles", "thursday"); false for anything else, the
// three letters among them ("mar" is also March).
func TypedWeekday(w string) (time.Weekday, bool) {
	d, ok := weekdayWords[w]
	return d, ok && len(w) > 3
}

// TypedMonth is the month w, one word as TypedWords reads it, names in
// full ("noviembre", "november", "setiembre"); false for anything else,
// the abbreviations among them ("mar" is also Tuesday's, "may" a verb).
func TypedMonth(w string) (time.Month, bool) {
	m, ok := monthWords[w]
	if !ok || len(w) < 4 || w == "sept" || w == "may" {
		return 0, false
	}
	return m, true
}

// maxWhenWords is the most words a day and a time take once the small
// words are dropped ("martes 15 dic 2026 7 pm" takes 6); longer text is
// not read as one.
const maxWhenWords = 8

// whenFiller are the small words around a day and a time ("el lunes a las
// 7", "on dec 15 at 7pm", "15 de diciembre de 2026"): skipped.
var whenFiller = map[string]bool{
	"el": true, "la": true, "las": true, "los": true, "a": true, "de": true, "del": true,
	"at": true, "on": true, "the": true, "of": true, "next": true, "this": true, "one": true,
	"proximo": true, "proxima": true, "este": true, "esta": true,
}

// accents are the lower-case letters typed with an accent and the letter
// without it; foldAccents takes them off.
var (
	accents     = []string{"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "ñ", "n"}
	foldAccents = strings.NewReplacer(accents...)
)

// whenFold takes accents off; commas part words.
var whenFold = strings.NewReplacer(append(slices.Clone(accents), ",", " ")...)

// dayParts are the phrases for a part of the day, read as what TypedClock
// reads ("7 de la tarde" is 7 pm, "12 de la noche" midnight), and for the
// day after tomorrow.
var dayParts = []struct{ words, as string }{
	{"de la manana", "am"}, {"por la manana", "am"}, {"de la madrugada", "am"}, {"in the morning", "am"},
	{"de la tarde", "pm"}, {"por la tarde", "pm"}, {"in the afternoon", "pm"}, {"in the evening", "pm"},
	{"de la noche", "night"}, {"por la noche", "night"},
	{"pasado manana", "pasadomanana"},
}

// whenWords splits typed text into lowered words without accents, with
// the phrases of dayParts joined and the small words dropped.
func whenWords(s string) []string {
	var f []string
words:
	for w := strings.Fields(whenFold.Replace(strings.ToLower(s))); len(w) > 0; {
		for _, p := range dayParts {
			pw := strings.Fields(p.words)
			if len(w) >= len(pw) && strings.Join(w[:len(pw)], " ") == p.words {
				f, w = append(f, p.as), w[len(pw):]
				continue words
			}
		}
		if word := strings.TrimRight(w[0], "."); word != "" && !whenFiller[word] {
			f = append(f, word)
		}
		w = w[1:]
	}
	return f
}

// TypedWhenExample is the layout of the examples the steps that ask for a
// day and a time show: day/month hour:minute, the shortest form TypedWhen
// reads without a word of either language.
const TypedWhenExample = "02/01 15:04"

// TypedWhen reads a day and a time of day in loc as people type them at a
// step that asks for both, either first: the day as 2026-12-15, 15/12,
// 15/12/2026, 15-12-26 or 15.12 (day first; 12/15, which can only be month
// first, too), "15 dic", "dec 15th", "15 de diciembre de 2026", hoy or
// today, mañana or tomorrow, pasado mañana, or a weekday (lunes, mon: the
// next one after today), a weekday before a date only if it is that date's;
// the time as TypedClock reads it, also "7 de la tarde". Small words ("el",
// "a las", "at", "on") are skipped. A day without a year is the next one
// from today on. Errors: EINVALID badShape when no day and time are found;
// slot.err_no_such_date for a day not on the calendar (31/02) and
// slot.err_day_mismatch for a weekday that is not the date's; TypedClock's
// when a day is found and the rest is no time; LocalTime's for a wall time
// the clock skips.
func TypedWhen(s string, now time.Time, loc *time.Location, badShape string) (time.Time, error) {
	today := localDay(now, loc)
	f := whenWords(s)
	if len(f) > maxWhenWords {
		return time.Time{}, Errorf(EINVALID, badShape)
	}
	var first error // the first refusal of a day found, if no reading works
	try := func(dw, rest []string) (time.Time, bool) {
		day, n, err := readDay(dw, today)
		if err == nil && (n != len(dw) || len(rest) == 0) {
			return time.Time{}, false
		}
		if len(rest) > 1 && (rest[0] == "am" || rest[0] == "pm" || rest[0] == "night") { // por la mañana a las 9
			rest = append(append([]string{}, rest[1:]...), rest[0])
		}
		var clock int
		var at time.Time
		if err == nil {
			clock, err = TypedClock(strings.Join(rest, " "))
		}
		if err == nil {
			at, err = LocalTime(day.Year(), day.Month(), day.Day(), clock, loc)
		}
		if err != nil {
			if first == nil {
				first = err
			}
			return time.Time{}, false
		}
		return at, true
	}
	// The day first, read from as many words as can be ("martes 15 19:00"
	// is the 15th, "martes 15" Tuesday at 15:00), then the day last.
	for k := len(f) - 1; k >= 1; k-- {
		if at, ok := try(f[:k], f[k:]); ok {
			return at, nil
		}
	}
	for k := 1; k < len(f); k++ {
		if at, ok := try(f[len(f)-k:], f[:len(f)-k]); ok {
			return at, nil
		}
	}
	if first != nil {
		return time.Time{}, first
	}
	return time.Time{}, Errorf(EINVALID, badShape)
}

// localDay is now's date in loc, as midnight UTC (readDay's today).
func localDay(now time.Time, loc *time.Location) time.Time {
	l := now.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// TypedDate reads a day typed as one word of a command (/newslot's date),
// in loc from now: YYYY-MM-DD, or a word TypedWhen
// reads as a day (hoy, mañana, today, tomorrow, a weekday: the next one
// after today, 15/12, 15/12/2026, 15.12). Errors: EINVALID slot.err_date
// naming the word; slot.err_no_such_date for a day not on the calendar.
// It is TypedDay kept to one word.
func TypedDate(word string, now time.Time, loc *time.Location) (y int, m time.Month, d int, err error) {
	if len(strings.Fields(word)) != 1 {
		return 0, 0, 0, Errorf(EINVALID, "slot.err_date", "value", word)
	}
	return TypedDay(word, now, loc)
}

// TypedDay reads a day typed as the whole answer to a step that asks for
// one (🔁 Every week's last day under the guided /newslot), in loc from
// now: any of TypedWhen's forms of a day ("15/12", "el viernes", "15 de
// diciembre", "dec 18th"), after "hasta", "until" or "till" if one is
// typed. Errors: EINVALID slot.err_date naming what was typed;
// slot.err_no_such_date, slot.err_day_mismatch as TypedWhen's.
func TypedDay(s string, now time.Time, loc *time.Location) (y int, m time.Month, d int, err error) {
	s = strings.TrimSpace(s)
	if y, m, d, err := ParseDate(s); err == nil {
		return y, m, d, nil
	}
	f := whenWords(s)
	for len(f) > 0 && untilWords[f[0]] {
		f = f[1:]
	}
	if len(f) > 0 && len(f) <= maxWhenWords {
		day, n, err := readDay(f, localDay(now, loc))
		if err != nil {
			return 0, 0, 0, err
		}
		if n == len(f) {
			return day.Year(), day.Month(), day.Day(), nil
		}
	}
	return 0, 0, 0, Errorf(EINVALID, "slot.err_date", "value", s)
}

// untilWords may come before the day TypedDay reads ("hasta el viernes").
var untilWords = map[string]bool{"hasta": true, "until": true, "till": true}

// readDay reads the day that f starts with and how many words it takes
// (0: none). A day without a year is the next one from today on.
func readDay(f []string, today time.Time) (time.Time, int, error) {
	if len(f) == 0 {
		return time.Time{}, 0, nil
	}
	w := f[0]
	if d, ok := dayWords[w]; ok {
		return today.AddDate(0, 0, d), 1, nil
	}
	if day, ok, err := numericDay(w, today); ok || err != nil {
		return day, 1, err
	}
	// 15 dic [2026], dic 15 [2026]
	if len(f) > 1 {
		d, m, ok := dayNumber(w), monthWords[f[1]], true
		if d == 0 || m == 0 {
			d, m, ok = dayNumber(f[1]), monthWords[w], monthWords[w] != 0
		}
		if ok && d > 0 {
			if len(f) > 2 && len(f[2]) == 4 {
				if y, err := strconv.Atoi(f[2]); err == nil {
					day, err := calendarDay(y, m, d, strings.Join(f[:3], " "))
					return day, 3, err
				}
			}
			day, err := nextDay(m, d, today, strings.Join(f[:2], " "))
			return day, 2, err
		}
	}
	if wd, ok := weekdayWords[w]; ok {
		if len(f) > 1 && dayNumber(f[1]) > 0 { // martes 15, if the 15th is a Tuesday
			if day, ok := monthDay(dayNumber(f[1]), today); ok && day.Weekday() == wd {
				return day, 2, nil
			}
		}
		if day, n, err := readDay(f[1:], today); n > 0 || err != nil {
			if err == nil && day.Weekday() != wd {
				err = Errorf(EINVALID, "slot.err_day_mismatch", "value", strings.Join(f[:n+1], " "))
			}
			return day, n + 1, err
		}
		return today.AddDate(0, 0, 1+(int(wd)-int(today.Weekday())+6)%7), 1, nil
	}
	return time.Time{}, 0, nil
}

// numericDay reads 2026-12-15, 15/12, 15/12/2026, 15.12.26 and the like:
// ok is false for a word of another shape.
func numericDay(w string, today time.Time) (time.Time, bool, error) {
	sep := strings.IndexAny(w, "/-.")
	if sep < 0 {
		return time.Time{}, false, nil
	}
	parts := strings.Split(w, w[sep:sep+1])
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || p == "" || p[0] == '+' || p[0] == '-' || len(p) > 4 {
			return time.Time{}, false, nil
		}
		n[i] = v
	}
	switch {
	case len(parts) == 3 && len(parts[0]) == 4: // 2026-12-15
		day, err := calendarDay(n[0], time.Month(n[1]), n[2], w)
		return day, true, err
	case len(parts) < 2 || len(parts) > 3 || len(parts[0]) > 2 || len(parts[1]) > 2:
		return time.Time{}, false, nil
	}
	d, m := n[0], n[1]
	switch {
	case m > 12 && d <= 12 && w[sep] == '/':
		d, m = m, d // 12/15: only month first is a date
	case m > 12:
		return time.Time{}, false, nil // 19.30 is a time
	}
	if len(parts) == 2 {
		day, err := nextDay(time.Month(m), d, today, w)
		return day, true, err
	}
	y := n[2]
	switch len(parts[2]) {
	case 2:
		y += 2000
	case 4:
	default:
		return time.Time{}, false, nil
	}
	day, err := calendarDay(y, time.Month(m), d, w)
	return day, true, err
}

// monthDay is the next day d of a month from today on.
func monthDay(d int, today time.Time) (time.Time, bool) {
	for i := 0; i < 3; i++ {
		first := time.Date(today.Year(), today.Month()+time.Month(i), 1, 0, 0, 0, 0, time.UTC)
		if day, err := calendarDay(first.Year(), first.Month(), d, ""); err == nil && !day.Before(today) {
			return day, true
		}
	}
	return time.Time{}, false
}

// dayNumber reads a day of the month, "15" or "15th" (0: none).
func dayNumber(w string) int {
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		w = strings.TrimSuffix(w, suffix)
	}
	d, err := strconv.Atoi(w)
	if err != nil || len(w) > 2 || w[0] == '+' || w[0] == '-' || d < 1 || d > 31 {
		return 0
	}
	return d
}

// calendarDay is y-m-d if the calendar has it; else slot.err_no_such_date
// naming typed.
func calendarDay(y int, m time.Month, d int, typed string) (time.Time, error) {
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if y < 1 || y > 9999 || day.Year() != y || day.Month() != m || day.Day() != d {
		return time.Time{}, Errorf(EINVALID, "slot.err_no_such_date", "value", typed)
	}
	return day, nil
}

// nextDay is the first m-d from today on (29 February may be years away).
func nextDay(m time.Month, d int, today time.Time, typed string) (time.Time, error) {
	for y := today.Year(); y <= today.Year()+8; y++ {
		if day, err := calendarDay(y, m, d, typed); err == nil && !day.Before(today) {
			return day, nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "slot.err_no_such_date", "value", typed)
}
