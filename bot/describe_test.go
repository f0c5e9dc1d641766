package bot_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/aulabot/aulabot/bot"
)

// The descriptions reach Telegram per language; a refused one is logged
// once and the others are still set.
func TestSender_SetDescriptions(t *testing.T) {
	e := newEnv(t)
	var logs bytes.Buffer
	e.sender.Log = slog.New(slog.NewTextHandler(&logs, nil))
	e.sender.SetDescriptions(map[string]bot.Description{
		"es": {Long: "Apoyo en línea", Short: "Apoyo"},
		"":   {Long: "Online support", Short: "Support"},
		"en": {Long: "Online support", Short: strings.Repeat("x", 121)}, // over Telegram's 120
	})
	for _, c := range []struct{ field, lang, want string }{
		{"description", "es", "Apoyo en línea"}, {"short_description", "es", "Apoyo"},
		{"description", "", "Online support"}, {"short_description", "", "Support"},
		{"description", "en", "Online support"}, {"short_description", "en", ""},
	} {
		if got := e.sb.Description(c.field, c.lang); got != c.want {
			t.Errorf("%s for %q = %q, want %q", c.field, c.lang, got, c.want)
		}
	}
	if n := strings.Count(logs.String(), "optional call failed"); n != 1 || !strings.Contains(logs.String(), "setMyShortDescription") {
		t.Errorf("logged %d warnings, want one for setMyShortDescription:\n%s", n, logs.String())
	}
}
