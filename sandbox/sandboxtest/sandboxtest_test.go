package sandboxtest_test

import (
	"net/http"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/sandbox/sandboxtest"
)

// TestNew: the real client reaches the emulator through the endpoint New
// returns, a person's message arrives as an update, and each call is
// recorded as the generation's that was current when its connection
// opened.
func TestNew(t *testing.T) {
	const alice = 1001
	s, endpoint := sandboxtest.New(t, sandbox.Options{Users: []sandbox.User{{ID: alice, FirstName: "Alice"}}})
	s.SetGeneration(7)
	bot, err := tgbotapi.NewBotAPIWithClient(s.Token(), endpoint, &http.Client{Transport: &http.Transport{}})
	if err != nil {
		t.Fatal(err)
	}
	s.SendText(alice, alice, "hola")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].Message.Text != "hola" {
		t.Fatalf("updates = %+v, %v; want the message", ups, err)
	}
	polled := false
	for _, r := range s.RecordSince(0) {
		if r.Kind == sandbox.RecPoll {
			polled = true
			if r.Generation != 7 {
				t.Errorf("poll recorded as generation %d, want 7", r.Generation)
			}
		}
	}
	if !polled {
		t.Error("the poll was not recorded")
	}
}
