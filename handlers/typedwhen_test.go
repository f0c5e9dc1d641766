package handlers

import (
	"regexp"
	"strings"
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

// Whatever is typed under a list of timed buttons (a booking's three, a
// slot), typedWhen finds only buttons offered, "led" only when the words
// begin a label, and none for a message longer than maxYes.
func FuzzTypedWhen(f *testing.F) {
	for _, s := range []string{"cancelar la del martes", "el lunes a las 4", "a las 3", "9am", "cambiar la hora de la de las 10", "", "🙂", "la la la 3"} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	cfg := &aulabot.Config{}
	h := &Handlers{Config: cfg, Now: func() time.Time { return now }}
	offered := []choice{
		{Button: aulabot.Button{Text: "✖️ Cancelar jue 12 mar, 15:00", Data: "bk:x:1"}, at: time.Date(2026, 3, 12, 15, 0, 0, 0, time.UTC)},
		{Button: aulabot.Button{Text: "🔁 Cambiar la hora", Data: "bk:r:1:0"}, at: time.Date(2026, 3, 12, 15, 0, 0, 0, time.UTC)},
		{Button: aulabot.Button{Text: "✖️ Cancelar vie 13 mar, 10:00", Data: "bk:x:2"}, at: time.Date(2026, 3, 13, 10, 0, 0, 0, time.UTC)},
		{Button: aulabot.Button{Text: "🔁 Cambiar la hora", Data: "bk:r:2:0"}, at: time.Date(2026, 3, 13, 10, 0, 0, 0, time.UTC)},
		{Button: aulabot.Button{Text: "🎓 Formaciones", Data: "ev:l"}},
	}
	h.offers.change(7, true, now, offerChange{choices: &offered})
	f.Fuzz(func(t *testing.T, text string) {
		c := &Ctx{h: h, U: aulabot.Update{ChatID: 7, From: aulabot.Person{ID: 7}}}
		found, led := c.typedWhen(text)
		if len(text) > maxYes && len(found) > 0 {
			t.Fatalf("%q (%d bytes) read: %v", text, len(text), found)
		}
		for _, b := range found {
			if !pressing(offered, b.Data) || b.at.IsZero() {
				t.Fatalf("%q found %+v, not a timed button offered", text, b)
			}
			if led && !strings.HasPrefix(aulabot.TypedWords(b.Text), strings.Fields(aulabot.TypedWords(text) + " x")[0]) {
				t.Fatalf("%q led to %q, whose label does not begin with its first word", text, b.Text)
			}
		}
	})
}
