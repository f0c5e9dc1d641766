package sandbox

import (
	"net/http"
	"slices"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// newProcess is a bot client with its own connections, as a new process
// of the bot would have.
func newProcess(t *testing.T, s *Server, endpoint string) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithClient(s.Token(), endpoint, &http.Client{Transport: &http.Transport{}})
	if err != nil {
		t.Fatal(err)
	}
	return bot
}

// TestServer_Record: everything people and the bot did is recorded in
// order, each call of the bot with the generation of the process that made
// it, even when an old process calls after a new one started.
func TestServer_Record(t *testing.T) {
	s, _, hs := newTestBot(t, Options{})
	endpoint := s.Endpoint(hs.URL)
	s.SetGeneration(1)
	first := newProcess(t, s, endpoint)
	s.SendText(alice, alice, "hola")
	if _, err := first.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
	menu := tgbotapi.NewMessage(alice, "<b>Menú</b>")
	menu.ParseMode = tgbotapi.ModeHTML
	menu.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Sí", "yes")))
	sent, err := first.Send(menu)
	if err != nil {
		t.Fatal(err)
	}
	cb := s.Press(alice, alice, sent.MessageID, "yes")

	s.SetGeneration(2)
	second := newProcess(t, s, endpoint)
	if _, err := second.GetUpdates(tgbotapi.UpdateConfig{Offset: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := second.Request(tgbotapi.NewCallback(cb, "Hecho")); err != nil {
		t.Fatal(err)
	}
	if _, err := second.Send(tgbotapi.NewEditMessageText(alice, sent.MessageID, "Editado")); err != nil {
		t.Fatal(err)
	}
	// The first process, still alive, sends once more on its connection.
	if _, err := first.Request(tgbotapi.NewDeleteMessage(alice, sent.MessageID)); err != nil {
		t.Fatal(err)
	}
	if _, err := second.Send(tgbotapi.NewMessage(alice, "")); err == nil {
		t.Fatal("empty message accepted")
	}

	type entry struct {
		Kind, Method string
		Gen          int
		Text, Data   string
	}
	var got []entry
	for _, r := range s.RecordSince(0) {
		got = append(got, entry{r.Kind, r.Method, r.Generation, r.Text, r.Data})
	}
	want := []entry{
		{RecGeneration, "", 1, "", ""},
		{RecUpdate, "", 1, "hola", ""},
		{RecPoll, "getupdates", 1, "", ""},
		{RecDeliver, "getupdates", 1, "", ""},
		{RecSend, "sendmessage", 1, "<b>Menú</b>", ""},
		{RecUpdate, "", 1, "", "yes"},
		{RecGeneration, "", 2, "", ""},
		{RecPoll, "getupdates", 2, "", ""},
		{RecDeliver, "getupdates", 2, "", ""},
		{RecAnswer, "answercallbackquery", 2, "Hecho", "yes"},
		{RecEdit, "editmessagetext", 2, "Editado", ""},
		{RecDelete, "deletemessage", 1, "Editado", ""},
		{RecError, "sendmessage", 2, "", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("record:\n got %+v\nwant %+v", got, want)
	}
	all := s.RecordSince(0)
	if r := all[4]; r.Chat != alice || r.MessageID != sent.MessageID || len(r.Buttons) != 1 || r.Buttons[0][0].Data != "yes" {
		t.Errorf("send entry = %+v", r)
	}
	if r := all[7]; r.Offset != 2 {
		t.Errorf("poll entry = %+v, want offset 2", r)
	}
	if r := all[8]; r.First != 2 || r.Last != 2 || r.Count != 1 {
		t.Errorf("deliver entry = %+v, want update 2", r)
	}
	if r := all[12]; r.Code != 400 || r.Desc != "Bad Request: message text is empty" {
		t.Errorf("error entry = %+v", r)
	}
	if got := s.RecordSince(all[10].Seq); len(got) != 2 || got[0].Kind != RecDelete {
		t.Errorf("RecordSince(%d) = %+v, want the last two", all[10].Seq, got)
	}
}

// TestServer_LeaveChat: after leaveChat the bot gets nothing from the group
// and cannot post there.
func TestServer_LeaveChat(t *testing.T) {
	s, bot, _ := newTestBot(t, Options{})
	s.AddGroup(-5001, "otro grupo", alice)
	s.SendText(alice, -5001, "/help")
	if _, err := bot.Request(tgbotapi.LeaveChatConfig{ChatID: -5001}); err != nil {
		t.Fatal(err)
	}
	if !s.Left(-5001) {
		t.Error("Left = false after leaveChat")
	}
	s.SendText(alice, -5001, "/help")
	s.Press(alice, -5001, 1, "x")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 {
		t.Fatalf("updates = %v, %v; want only the one from before leaving", ups, err)
	}
	_, err = bot.Send(tgbotapi.NewMessage(-5001, "hola"))
	if e := tgError(t, err); e.Code != 403 {
		t.Errorf("send after leaving = %v, want 403", err)
	}
	if _, err := bot.Request(tgbotapi.LeaveChatConfig{ChatID: alice}); err == nil {
		t.Error("leaving a private chat succeeded")
	}
}
