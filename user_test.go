package aulabot_test

import (
	"testing"

	"github.com/aulabot/aulabot"
)

func TestLanguageFromCode(t *testing.T) {
	for code, want := range map[string]string{"es-PE": "es", "en-GB": "en", "en": "en", "pt-BR": "es", "": "es", "e": "es"} {
		if got := aulabot.LanguageFromCode(code, ""); got != want {
			t.Errorf("LanguageFromCode(%q) = %q, want %q", code, got, want)
		}
	}
}
