package handlers

import (
	"regexp"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// TestTypedWhen_PromptExamples: every example that a step asking for a day
// and a time shows, in either language, is read as a day and a time.
func TestTypedWhen_PromptExamples(t *testing.T) {
	cat := i18n.Builtin()
	lima := time.FixedZone("Lima", -5*3600)
	now := time.Date(2026, 12, 5, 1, 10, 0, 0, time.UTC)
	example := now.AddDate(0, 0, 2).In(lima).Format(aulabot.TypedWhenExample)
	code := regexp.MustCompile(`<code>([^<]*)</code>`)
	for _, key := range []string{"slot.move_ask", "announce.ask_when", "event.ask_when", "event.ask_new_when"} {
		for _, lang := range []string{"es", "en"} {
			text := cat.T(lang, key, "example", example, "zone", "Lima", "title", "T", "when", "now")
			found := code.FindAllStringSubmatch(text, -1)
			if len(found) < 2 {
				t.Errorf("%s %s shows %d examples, want the day/month one and a worded one: %s", key, lang, len(found), text)
			}
			for _, m := range found {
				if _, err := aulabot.TypedWhen(m[1], now, lima, "bad"); err != nil {
					t.Errorf("%s %s: example %q is not read: %v", key, lang, m[1], err)
				}
			}
		}
	}
}
