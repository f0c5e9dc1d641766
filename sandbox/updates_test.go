package sandbox

import (
	"slices"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ids returns the update ids of a getUpdates answer.
func ids(ups []tgbotapi.Update) []int {
	out := []int{}
	for _, u := range ups {
		out = append(out, u.UpdateID)
	}
	return out
}

// TestServer_OffsetSemantics checks Telegram's confirmation by offset: a
// poll with offset N confirms and forgets every update below N; updates
// not confirmed are returned again by every poll, also to a restarted bot
// (a new client); nothing at or above the offset is ever forgotten.
func TestServer_OffsetSemantics(t *testing.T) {
	s, bot, hs := newTestBot(t, Options{})
	poll := func(b *tgbotapi.BotAPI, offset, limit int) []int {
		t.Helper()
		ups, err := b.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Limit: limit})
		if err != nil {
			t.Fatalf("getUpdates offset %d: %v", offset, err)
		}
		return ids(ups)
	}
	want := func(step string, got []int, want ...int) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Fatalf("%s: got updates %v, want %v", step, got, want)
		}
	}
	for _, txt := range []string{"1", "2", "3", "4", "5"} {
		s.SendText(alice, alice, txt)
	}
	want("first poll", poll(bot, 0, 0), 1, 2, 3, 4, 5)
	want("not confirmed: again", poll(bot, 0, 0), 1, 2, 3, 4, 5)
	want("limit 2", poll(bot, 0, 2), 1, 2)
	want("limit does not confirm the rest", poll(bot, 1, 0), 1, 2, 3, 4, 5)

	// The bot is killed here, before confirming anything: a new process
	// (a new client, new connections) gets every update again.
	restarted, err := tgbotapi.NewBotAPIWithClient(s.Token(), s.Endpoint(hs.URL), hs.Client())
	if err != nil {
		t.Fatal(err)
	}
	want("after a restart", poll(restarted, 0, 0), 1, 2, 3, 4, 5)

	want("offset 3 confirms 1 and 2", poll(restarted, 3, 0), 3, 4, 5)
	if got := s.Pending(); got != 3 {
		t.Errorf("pending after offset 3 = %d, want 3", got)
	}
	want("confirmed updates are forgotten, even for a lower offset", poll(restarted, 0, 0), 3, 4, 5)
	s.SendText(alice, alice, "6")
	want("nothing else is forgotten", poll(bot, 3, 0), 3, 4, 5, 6)
	want("offset above all confirms all", poll(bot, 7, 0))
	if got := s.Pending(); got != 0 {
		t.Errorf("pending after offset 7 = %d, want 0", got)
	}

	for _, txt := range []string{"7", "8", "9"} {
		s.SendText(alice, alice, txt)
	}
	want("negative offset keeps the last ones", poll(bot, -1, 0), 9)
	want("and forgets the others", poll(bot, 0, 0), 9)

	var offsets []int
	for _, r := range s.RecordSince(0) {
		if r.Kind == RecPoll {
			offsets = append(offsets, r.Offset)
		}
	}
	if w := []int{0, 0, 0, 1, 0, 3, 0, 3, 7, -1, 0}; !slices.Equal(offsets, w) {
		t.Errorf("recorded poll offsets %v, want %v", offsets, w)
	}
}

// TestServer_Edit: a person edits their own message: the chat shows the
// new text and the bot gets an edited_message update with it and the time
// of the edit, unless it asked for other kinds only. A message of the
// bot's or of someone else cannot be edited by them.
func TestServer_Edit(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	m := s.SendText(alice, alice, "helo")
	if _, ok := s.Edit(alice+1, alice, m.ID, "hello"); ok {
		t.Error("someone else edited alice's message")
	}
	if _, ok := s.Edit(alice, alice, m.ID+100, "hello"); ok {
		t.Error("a message that does not exist was edited")
	}
	edited, ok := s.Edit(alice, alice, m.ID, "hello")
	if !ok || edited.Text != "hello" || edited.ID != m.ID {
		t.Fatalf("Edit = %+v, %v", edited, ok)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ups) != 2 || ups[0].Message == nil || ups[0].Message.Text != "helo" {
		t.Fatalf("updates %+v, want the message then its edit", ups)
	}
	e := ups[1].EditedMessage
	if e == nil || e.Text != "hello" || e.MessageID != m.ID || e.EditDate == 0 || e.From == nil || e.From.ID != alice {
		t.Fatalf("edit update %+v", ups[1])
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[1].UpdateID + 1, AllowedUpdates: []string{"message"}}); err != nil {
		t.Fatal(err)
	}
	s.Edit(alice, alice, m.ID, "hello!")
	s.SendText(alice, alice, "next")
	ups, err = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[1].UpdateID + 1, AllowedUpdates: []string{"message"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ups) != 1 || ups[0].Message == nil || ups[0].Message.Text != "next" {
		t.Errorf("with only messages allowed got %+v", ups)
	}
	if _, r := s.chats[alice].find(m.ID); r == nil || r.Text != "hello!" {
		t.Errorf("the chat shows %+v", r)
	}
}
