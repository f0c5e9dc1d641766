package aulabot_test

import (
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// Waited is a message's wait at Telegram: from its date to its receipt,
// never negative; nothing for a press, an unknown time, or a date older
// than Telegram keeps updates (a server that sends no date gives 1970).
func TestUpdate_Waited(t *testing.T) {
	at := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		u    aulabot.Update
		want time.Duration
	}{
		{"ten minutes", aulabot.Update{Date: at.Add(-10 * time.Minute), Received: at}, 10 * time.Minute},
		{"a day", aulabot.Update{Date: at.Add(-24 * time.Hour), Received: at}, 24 * time.Hour},
		{"clocks apart", aulabot.Update{Date: at.Add(time.Second), Received: at}, 0},
		{"no date", aulabot.Update{Date: time.Unix(0, 0), Received: at}, 0},
		{"a week", aulabot.Update{Date: at.Add(-7 * 24 * time.Hour), Received: at}, 0},
		{"not received", aulabot.Update{Date: at}, 0},
		{"a press", aulabot.Update{Date: at.Add(-time.Hour), Received: at, Callback: &aulabot.Callback{ID: "1"}}, 0},
	} {
		if got := tt.u.Waited(); got != tt.want {
			t.Errorf("%s: Waited() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
