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
