package bot

import (
	"encoding/json"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/aulabot/aulabot"
)

// A message that carries a voice message, an audio file, a round video
// message or a sticker instead of text is marked so, for the handlers to
// answer it apart; text, files and other messages carry no mark.
func TestToUpdate_Media(t *testing.T) {
	for _, c := range []struct {
		fields, want string
	}{
		{`"voice":{"file_id":"v","file_unique_id":"v","duration":3}`, aulabot.MediaVoice},
		{`"audio":{"file_id":"a","file_unique_id":"a","duration":60}`, aulabot.MediaVoice},
		{`"video_note":{"file_id":"n","file_unique_id":"n","length":240,"duration":5}`, aulabot.MediaVoice},
		{`"sticker":{"file_id":"s","file_unique_id":"s","type":"regular","width":512,"height":512}`, aulabot.MediaSticker},
		{`"text":"hola"`, ""},
		{`"document":{"file_id":"d","file_unique_id":"d","file_name":"a.pdf"}`, ""},
		{`"location":{"latitude":-12.05,"longitude":-77.04}`, ""},
	} {
		var u tgbotapi.Update
		raw := `{"update_id":1,"message":{"message_id":2,"date":1,"from":{"id":7,"first_name":"A"},"chat":{"id":7,"type":"private"},` + c.fields + `}}`
		if err := json.Unmarshal([]byte(raw), &u); err != nil {
			t.Fatal(err)
		}
		got, ok := toUpdate(u)
		if !ok || got.Media != c.want {
			t.Errorf("%s: media %q (ok %v), want %q", c.fields, got.Media, ok, c.want)
		}
	}
}
