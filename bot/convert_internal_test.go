package bot

import (
	"encoding/json"
	"fmt"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// A voice message, an audio file or a round video message comes with
// its file as a voice note, a video or an animation (which Telegram also
// describes as a document) as a video; a ticket takes both as
// attachments. A sticker is marked as one, without a file; text,
// documents and other messages are neither.
func TestToUpdate_MediaAndStickers(t *testing.T) {
	for _, c := range []struct {
		fields  string
		sticker bool
		file    string
	}{
		{`"voice":{"file_id":"v","file_unique_id":"v","duration":3,"mime_type":"audio/ogg","file_size":9000}`, false, "v voice audio/ogg 9000"},
		{`"audio":{"file_id":"a","file_unique_id":"a","duration":60,"file_name":"clase.mp3","mime_type":"audio/mpeg","file_size":700000}`, false, "a voice audio/mpeg 700000"},
		{`"video_note":{"file_id":"n","file_unique_id":"n","length":240,"duration":5,"file_size":300000}`, false, "n voice video/mp4 300000"},
		{`"video":{"file_id":"r","file_unique_id":"r","width":720,"height":1600,"duration":40,"mime_type":"video/mp4","file_size":61000000}`, false, "r video video/mp4 61000000"},
		{`"animation":{"file_id":"g","file_unique_id":"g","width":320,"height":240,"duration":2,"mime_type":"video/mp4","file_size":90000},"document":{"file_id":"g","file_unique_id":"g","mime_type":"video/mp4"}`, false, "g video video/mp4 90000"},
		{`"sticker":{"file_id":"s","file_unique_id":"s","type":"regular","width":512,"height":512}`, true, ""},
		{`"text":"hola"`, false, ""},
		{`"document":{"file_id":"d","file_unique_id":"d","file_name":"a.pdf"}`, false, "d document  0"},
		{`"location":{"latitude":-12.05,"longitude":-77.04}`, false, ""},
	} {
		var u tgbotapi.Update
		raw := `{"update_id":1,"message":{"message_id":2,"date":1,"from":{"id":7,"first_name":"A"},"chat":{"id":7,"type":"private"},` + c.fields + `}}`
		if err := json.Unmarshal([]byte(raw), &u); err != nil {
			t.Fatal(err)
		}
		got, ok := toUpdate(u)
		file := ""
		if f := got.File; f != nil {
			file = fmt.Sprintf("%s %s %s %d", f.ID, f.Kind, f.MIME, f.Size)
		}
		if !ok || got.Sticker != c.sticker || file != c.file {
			t.Errorf("%s: sticker %v, file %q (ok %v), want %v, %q", c.fields, got.Sticker, file, ok, c.sticker, c.file)
		}
	}
}
