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
		{`"voice":{"file_id":"v","file_unique_id":"v","duration":3,"mime_type":"audio/ogg","file_size":9000}`, false, "v voice audio/ogg 9000 3s"},
		{`"audio":{"file_id":"a","file_unique_id":"a","duration":60,"file_name":"clase.mp3","mime_type":"audio/mpeg","file_size":700000}`, false, "a voice audio/mpeg 700000 60s"},
		{`"video_note":{"file_id":"n","file_unique_id":"n","length":240,"duration":5,"file_size":300000}`, false, "n voice video/mp4 300000 5s"},
		{`"video":{"file_id":"r","file_unique_id":"r","width":720,"height":1600,"duration":40,"mime_type":"video/mp4","file_size":61000000}`, false, "r video video/mp4 61000000 0s"},
		{`"animation":{"file_id":"g","file_unique_id":"g","width":320,"height":240,"duration":2,"mime_type":"video/mp4","file_size":90000},"document":{"file_id":"g","file_unique_id":"g","mime_type":"video/mp4"}`, false, "g video video/mp4 90000 0s"},
		{`"sticker":{"file_id":"s","file_unique_id":"s","type":"regular","width":512,"height":512}`, true, ""},
		{`"text":"hola"`, false, ""},
		{`"document":{"file_id":"d","file_unique_id":"d","file_name":"a.pdf"}`, false, "d document  0 0s"},
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
			file = fmt.Sprintf("%s %s %s %d %ds", f.ID, f.Kind, f.MIME, f.Size, f.Seconds)
		}
		if !ok || got.Sticker != c.sticker || file != c.file {
			t.Errorf("%s: sticker %v, file %q (ok %v), want %v, %q", c.fields, got.Sticker, file, ok, c.sticker, c.file)
		}
	}
}

// A photo of an album carries the album's media_group_id; a photo alone
// none.
func TestToUpdate_Album(t *testing.T) {
	for raw, want := range map[string]string{
		`"media_group_id":"13579","photo":[{"file_id":"p","file_unique_id":"p","width":90,"height":90}]`: "13579",
		`"photo":[{"file_id":"p","file_unique_id":"p","width":90,"height":90}]`:                          "",
	} {
		var u tgbotapi.Update
		if err := json.Unmarshal([]byte(`{"update_id":1,"message":{"message_id":2,"date":1,"from":{"id":7,"first_name":"A"},"chat":{"id":7,"type":"private"},`+raw+`}}`), &u); err != nil {
			t.Fatal(err)
		}
		if got, ok := toUpdate(u); !ok || got.Album != want || got.File == nil {
			t.Errorf("%s: album %q, file %v, want %q", raw, got.Album, got.File, want)
		}
	}
}

// An edited message comes with Edited set, its new text, and the time of
// the edit as its date (the time it waited is from the edit, not from
// when it was first sent); it counts against its sender's input limit and
// waits in its chat's queue (in a group, its sender's), as a message does.
func TestToUpdate_Edited(t *testing.T) {
	var u tgbotapi.Update
	raw := `{"update_id":5,"edited_message":{"message_id":9,"date":1000,"edit_date":4600,"from":{"id":7,"first_name":"A"},"chat":{"id":-20,"type":"supergroup"},"text":"fixed"}}`
	if err := json.Unmarshal([]byte(raw), &u); err != nil {
		t.Fatal(err)
	}
	got, ok := toUpdate(u)
	if !ok || !got.Edited || got.Text != "fixed" || got.MessageID != 9 || got.ChatID != -20 || got.From.ID != 7 || got.Date.Unix() != 4600 {
		t.Errorf("edited message: %+v (ok %v)", got, ok)
	}
	if s, q := senderOf(u), queueOf(u); s != 7 || q != (queueKey{chat: -20, from: 7}) {
		t.Errorf("sender %d, queue %+v; want 7 and the sender's queue in chat -20", s, q)
	}
	var m tgbotapi.Update
	if err := json.Unmarshal([]byte(`{"update_id":6,"message":{"message_id":10,"date":1000,"from":{"id":7,"first_name":"A"},"chat":{"id":7,"type":"private"},"text":"new"}}`), &m); err != nil {
		t.Fatal(err)
	}
	if got, _ := toUpdate(m); got.Edited || got.Date.Unix() != 1000 {
		t.Errorf("a new message: edited %v, date %d", got.Edited, got.Date.Unix())
	}
}

// A button press carries the buttons of the message pressed, as Telegram
// shows them (callback data and links), so that a handler can take some
// off and keep the others, and its words as Telegram HTML; a press on a
// message Telegram does not describe carries none. It carries the message
// the one pressed replies to.
func TestToUpdate_CallbackButtons(t *testing.T) {
	var u tgbotapi.Update
	raw := `{"update_id":7,"callback_query":{"id":"c1","from":{"id":7,"first_name":"A"},"chat_instance":"x","data":"kb:h:3:1",` +
		`"message":{"message_id":12,"date":1,"chat":{"id":7,"type":"private"},"text":"answer","reply_markup":{"inline_keyboard":[` +
		`[{"text":"👍","callback_data":"kb:h:3:1"},{"text":"👎","callback_data":"kb:h:3:0"}],[{"text":"📄 Related","callback_data":"kb:a:0:x"}],[{"text":"Open","url":"https://example.edu"}]]}}}}`
	if err := json.Unmarshal([]byte(raw), &u); err != nil {
		t.Fatal(err)
	}
	got, ok := toUpdate(u)
	if !ok || got.Callback == nil || got.Callback.MessageID != 12 {
		t.Fatalf("press: %+v (ok %v)", got, ok)
	}
	if rows := fmt.Sprint(got.Callback.Inline); rows != "[[{👍 kb:h:3:1 } {👎 kb:h:3:0 }] [{📄 Related kb:a:0:x }] [{Open  https://example.edu}]]" {
		t.Errorf("the message's buttons: %s", rows)
	}
	var bare tgbotapi.Update
	if err := json.Unmarshal([]byte(`{"update_id":8,"callback_query":{"id":"c2","from":{"id":7,"first_name":"A"},"chat_instance":"x","data":"d","message":{"message_id":13,"date":1,"chat":{"id":7,"type":"private"},"text":"t"}}}`), &bare); err != nil {
		t.Fatal(err)
	}
	if got, _ := toUpdate(bare); got.Callback == nil || got.Callback.Inline != nil || got.Callback.Captioned {
		t.Errorf("a message without buttons: %+v", got.Callback)
	}
	// The message the one pressed replies to (a colleague's name under a
	// ticket's view), or none.
	var replying tgbotapi.Update
	if err := json.Unmarshal([]byte(`{"update_id":11,"callback_query":{"id":"c5","from":{"id":7,"first_name":"A"},"chat_instance":"x","data":"d","message":{"message_id":16,"date":1,"chat":{"id":7,"type":"private"},"text":"Who?","reply_to_message":{"message_id":9,"date":1,"chat":{"id":7,"type":"private"},"text":"view"}}}}`), &replying); err != nil {
		t.Fatal(err)
	}
	if got, _ := toUpdate(replying); got.Callback == nil || got.Callback.ReplyTo != 9 {
		t.Errorf("a press under a reply: %+v, want ReplyTo 9", got.Callback)
	}
	if got, _ := toUpdate(bare); got.Callback.ReplyTo != 0 {
		t.Errorf("a press under a message that replies to none: ReplyTo %d", got.Callback.ReplyTo)
	}
	// The words of the message pressed, as Telegram HTML: its formatting
	// kept, the rest escaped.
	for _, tc := range []struct{ message, html string }{
		{`"text":"Which term? 2027-I"`, "Which term? 2027-I"},
		{`"text":"Pick <one> & go","entities":[{"type":"bold","offset":0,"length":4}]`, "<b>Pick</b> &lt;one&gt; &amp; go"},
		{`"text":"a < b"`, "a &lt; b"},
	} {
		var words tgbotapi.Update
		if err := json.Unmarshal([]byte(`{"update_id":10,"callback_query":{"id":"c4","from":{"id":7,"first_name":"A"},"chat_instance":"x","data":"d","message":{"message_id":15,"date":1,"chat":{"id":7,"type":"private"},`+tc.message+`}}}`), &words); err != nil {
			t.Fatal(err)
		}
		if got, _ := toUpdate(words); got.Callback == nil || got.Callback.HTML != tc.html {
			t.Errorf("the words of %s: %+v, want %q", tc.message, got.Callback, tc.html)
		}
	}
	// A press under a file: its words are a caption, edited as one.
	for name, message := range map[string]string{
		"calendar file": `"document":{"file_id":"f","file_unique_id":"u","file_name":"training-1.ics"},"caption":"A place came free"`,
		"bare photo":    `"photo":[{"file_id":"f","file_unique_id":"u","width":1,"height":1}]`,
	} {
		var file tgbotapi.Update
		raw := `{"update_id":9,"callback_query":{"id":"c3","from":{"id":7,"first_name":"A"},"chat_instance":"x","data":"d","message":{"message_id":14,"date":1,"chat":{"id":7,"type":"private"},` + message + `}}}`
		if err := json.Unmarshal([]byte(raw), &file); err != nil {
			t.Fatal(err)
		}
		if got, _ := toUpdate(file); got.Callback == nil || !got.Callback.Captioned || got.Callback.HTML != "" {
			t.Errorf("a press under a %s: %+v", name, got.Callback)
		}
	}
}
