package i18n

import (
	"fmt"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// Dates and times as people say them, for every list and message that
// shows one: "vie 4 dic, 15:00" in Spanish, "Fri 4 Dec, 15:00" in English,
// and a time zone as its city ("hora de Lima", "Lima time") rather than an
// IANA id. Callers convert t to the zone it is shown in first.

var (
	weekdays = map[string][7]string{
		aulabot.LangES: {"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
		aulabot.LangEN: {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	}
	months = map[string][12]string{
		aulabot.LangES: {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
		aulabot.LangEN: {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	}
)

// Day is t's date in lang: "vie 4 dic", "Fri 4 Dec". A language the bot
// does not speak reads as Spanish, as the catalogue does.
func Day(lang string, t time.Time) string {
	if _, ok := weekdays[lang]; !ok {
		lang = aulabot.LangES
	}
	return fmt.Sprintf("%s %d %s", weekdays[lang][t.Weekday()], t.Day(), months[lang][t.Month()-1])
}

// Month is m's short name in lang: "dic", "Dec".
func Month(lang string, m time.Month) string {
	if _, ok := months[lang]; !ok {
		lang = aulabot.LangES
	}
	return months[lang][m-1]
}

// When is t's date and time in lang: "vie 4 dic, 15:00".
func When(lang string, t time.Time) string { return Day(lang, t) + ", " + t.Format("15:04") }

// Zone names loc as people do, by its city: "hora de Lima", "Lima time";
// "America/Argentina/Buenos_Aires" is Buenos Aires. UTC and zones without
// a city read "UTC" and their name.
func Zone(lang string, loc *time.Location) string {
	name := loc.String()
	i := strings.LastIndexByte(name, '/')
	if i < 0 {
		return name
	}
	city := strings.ReplaceAll(name[i+1:], "_", " ")
	if lang == aulabot.LangEN {
		return city + " time"
	}
	return "hora de " + city
}
