package aulabot

import (
	"regexp"
	"strconv"
	"strings"
)

// typedCount is a count as people type it at a step that asks for one:
// "20", "20 personas", "hasta 20 plazas", "max. 20", "1.000", "1,000 seats".
var typedCount = regexp.MustCompile(`^(?:hasta|maximo|max\.?|up to|about|unas|unos)?\s*(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d+)\s*(?:personas?|plazas?|cupos?|lugares|asientos|participantes|people|persons|places|seats|spots|participants)?\.?$`)

// TypedCount reads a count typed at a step that asks for one: digits,
// with a thousands separator (1.000 or 1,000) or none, after "hasta",
// "máximo" or "up to" and before a word for people or places in either
// language ("20 personas", "hasta 20 plazas", "30 seats"). False for
// anything else ("veinte", "20-30", "-5"); the caller checks the range.
func TypedCount(s string) (int, bool) {
	t := foldAccents.Replace(strings.ToLower(strings.Join(strings.Fields(s), " ")))
	m := typedCount.FindStringSubmatch(t)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.NewReplacer(".", "", ",", "").Replace(m[1]))
	return n, err == nil
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
