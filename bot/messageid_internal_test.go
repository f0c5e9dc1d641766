package bot

import (
	"encoding/json"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// messageID reads what tgbotapi's Send would have returned, from a whole
// message as Telegram sends it back, and fails where Send failed: an edit
// of an inline message answers true, which is not a message.
func TestMessageID_AsSendReadsIt(t *testing.T) {
	result := json.RawMessage(`{"message_id":4711,"from":{"id":1,"is_bot":true,"first_name":"aulabot"},
		"chat":{"id":-1001,"type":"supergroup","title":"Soporte"},"date":1764000000,
		"text":"UNMA-12 «message_id»: 9","entities":[{"type":"bold","offset":0,"length":7}],
		"reply_markup":{"inline_keyboard":[[{"text":"Tomar","callback_data":"tk:c:UNMA-12"}]]}}`)
	var want tgbotapi.Message
	if err := json.Unmarshal(result, &want); err != nil {
		t.Fatal(err)
	}
	got, err := messageID(result)
	if err != nil || got != want.MessageID || got != 4711 {
		t.Fatalf("messageID = %d, %v; Send read %d", got, err, want.MessageID)
	}
	var msg tgbotapi.Message
	sendErr := json.Unmarshal(json.RawMessage(`true`), &msg)
	if _, err := messageID(json.RawMessage(`true`)); err == nil || sendErr == nil {
		t.Fatalf("an answer of true: messageID error %v, Send's %v; both must fail", err, sendErr)
	}
}
