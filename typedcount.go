package aulabot

import (
	"regexp"
	"strconv"
	"strings"
)

// typedCount is a count as people type it at a step that asks for one:
// "20", "20 personas", "hasta 20 plazas", "max. 20", "1.000", "1,000 seats".
var typedCount = regexp.MustCompile(`^(?:hasta|maximo|max\.?|up to|about|unas|unos)?\s*(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d+)\s*(?:personas?|plazas?|cupos?|lugares|asientos|participantes|people|persons?|places|seats|spots|participants)?\.?$`)

// typedCountWords is typedCount with the number in words ("doce",
// "hasta treinta y cinco plazas", "twenty-five seats"): one to three words,
// read by countWords.
var typedCountWords = regexp.MustCompile(`^(?:hasta|maximo|max\.?|up to|about|unas|unos)?\s*([a-z]+(?:[ -][a-z]+){0,2}?)\s*(?:personas?|plazas?|cupos?|lugares|asientos|participantes|people|persons?|places|seats|spots|participants)?\.?$`)

// TypedCount reads a count typed at a step that asks for one: digits,
// with a thousands separator (1.000 or 1,000) or none, or words up to a
// hundred in either language ("doce", "treinta y cinco", "twenty-five":
// a mentor on a phone may dictate it, and "doce" was refused), after
// "hasta", "máximo" or "up to" and before a word for people or places in
// either language ("20 personas", "hasta 20 plazas", "30 seats"). False
// for anything else ("20-30", "-5", "veinte o treinta"); the caller
// checks the range.
func TypedCount(s string) (int, bool) {
	t := foldAccents.Replace(strings.ToLower(strings.Join(strings.Fields(s), " ")))
	if m := typedCount.FindStringSubmatch(t); m != nil {
		n, err := strconv.Atoi(strings.NewReplacer(".", "", ",", "").Replace(m[1]))
		return n, err == nil
	}
	if m := typedCountWords.FindStringSubmatch(t); m != nil {
		return countWords(strings.Fields(strings.ReplaceAll(m[1], "-", " ")))
	}
	return 0, false
}

// The words of a number up to a hundred, accents folded: said whole
// (wholeNumbers), or a ten and a unit, in one language ("treinta y
// cinco", "thirty five", "thirty-five").
var (
	wholeNumbers = map[string]int{
		"cero": 0, "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
		"ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
		"dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
		"veintiun": 21, "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
		"veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40,
		"cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100,
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
		"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
		"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	}
	esTens    = map[string]int{"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90}
	esUnits   = map[string]int{"uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
	enTens    = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
	enUnits   = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
	hundredOf = map[string]bool{"a": true, "one": true}
)

// countWords reads the words of a number up to a hundred (wholeNumbers).
func countWords(w []string) (int, bool) {
	switch {
	case len(w) == 1:
		n, ok := wholeNumbers[w[0]]
		return n, ok
	case len(w) == 2 && hundredOf[w[0]] && w[1] == "hundred":
		return 100, true
	case len(w) == 2 && enTens[w[0]] > 0 && enUnits[w[1]] > 0:
		return enTens[w[0]] + enUnits[w[1]], true
	case len(w) == 3 && esTens[w[0]] > 0 && w[1] == "y" && esUnits[w[2]] > 0:
		return esTens[w[0]] + esUnits[w[2]], true
	}
	return 0, false
}

// The words for a length said whole ("una hora y media"), and the forms of
// one in digits: minutes ("45", "45 min"), hours ("2 h", "1,5 horas") and
// both ("1h30", "1:30", "1 hora 30 min").
var (
	lengthWords = map[string]int{
		"media hora": 30, "half an hour": 30, "half hour": 30,
		"una hora": 60, "an hour": 60, "one hour": 60,
		"hora y media": 90, "una hora y media": 90, "an hour and a half": 90, "one hour and a half": 90,
		"dos horas": 120, "two hours": 120,
	}
	lengthMinutes = regexp.MustCompile(`^(\d{1,4})\s*(?:m|min|mins|minuto|minutos|minute|minutes)?\.?$`)
	lengthHours   = regexp.MustCompile(`^(\d{1,2})(?:[.,](5|25|75))?\s*(?:h|hr|hrs|hs|hora|horas|hour|hours)\.?$`)
	lengthBoth    = regexp.MustCompile(`^(\d{1,2})\s*(?:h|hs|:|hora|horas|hour|hours)\s*(?:y\s+|and\s+)?(\d{1,2})\s*(?:m|min|mins|minuto|minutos|minute|minutes)?\.?$`)
)

// TypedMinutes reads a length typed at a step that asks for one, in
// minutes: "45", "45 min", "2 h", "1,5 horas", "1h30", "1:30", "una hora y
// media", "half an hour". False for anything else; the caller checks the
// range.
func TypedMinutes(s string) (int, bool) {
	t := foldAccents.Replace(strings.ToLower(strings.Join(strings.Fields(s), " ")))
	if n, ok := lengthWords[t]; ok {
		return n, true
	}
	if m := lengthMinutes.FindStringSubmatch(t); m != nil {
		n, err := strconv.Atoi(m[1])
		return n, err == nil
	}
	if m := lengthHours.FindStringSubmatch(t); m != nil {
		h, _ := strconv.Atoi(m[1])
		frac := map[string]int{"": 0, "5": 30, "25": 15, "75": 45}[m[2]]
		return h*60 + frac, true
	}
	if m := lengthBoth.FindStringSubmatch(t); m != nil {
		h, _ := strconv.Atoi(m[1])
		mm, _ := strconv.Atoi(m[2])
		return h*60 + mm, mm < 60
	}
	return 0, false
}

// noLimits are the ways of typing "no limit" at a step that takes a
// number of places or none, accents folded.
var noLimits = map[string]bool{
	"sin limite": true, "sin limites": true, "ilimitado": true, "ilimitada": true, "ilimitadas": true, "ilimitados": true,
	"sin tope": true, "sin cupo": true, "sin limite de plazas": true, "no hay limite": true,
	"no limit": true, "no limits": true, "unlimited": true, "no cap": true, "none": true, "∞": true,
}

// TypedNoLimit reports whether s says there is no limit, as people type
// it where the No limit button is offered: "sin límite", "ilimitado", "no
// limit", "unlimited".
func TypedNoLimit(s string) bool {
	t := foldAccents.Replace(strings.ToLower(strings.Join(strings.Fields(s), " ")))
	return noLimits[strings.TrimRight(t, ".!")]
}
