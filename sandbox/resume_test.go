package sandbox

import (
	"slices"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestServer_ResumesNumbering: a bot that handled updates up to 41 on an
// earlier emulator polls a new one with offset 42. The messages people
// sent before that poll are delivered, numbered from 42 on, and the
// numbering continues from there; before, they were numbered 1, 2 and
// the offset confirmed (dropped) them unseen.
func TestServer_ResumesNumbering(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	s.SendText(alice, alice, "hola")
	s.SendText(alice, alice, "¿sigues ahí?")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: 42})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, u := range ups {
		texts = append(texts, u.Message.Text)
	}
	if !slices.Equal(ids(ups), []int{42, 43}) || !slices.Equal(texts, []string{"hola", "¿sigues ahí?"}) {
		t.Fatalf("first poll with offset 42: ids %v texts %q, want [42 43] [hola ¿sigues ahí?]", ids(ups), texts)
	}
	// Redelivery finds them under their new numbers; the next update follows.
	if !s.Redeliver(43) {
		t.Error("update 43 unknown after renumbering")
	}
	s.SendText(alice, alice, "otra")
	ups, err = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: 44})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(ups), []int{43, 44}) {
		t.Errorf("after offset 44: ids %v, want the redelivered 43 and the new 44", ids(ups))
	}
	if len(s.history) != len(s.histOrder) {
		t.Errorf("history %d, order %d", len(s.history), len(s.histOrder))
	}
}
