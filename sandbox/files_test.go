package sandbox

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/textproto"
	"slices"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestServer_Files(t *testing.T) {
	s, bot, hs := newTestBot(t, Options{})
	t.Run("DocumentUploadDownload", func(t *testing.T) {
		doc := tgbotapi.NewDocument(alice, tgbotapi.FileBytes{Name: "notas.txt", Bytes: []byte("hola mundo")})
		doc.Caption = "<i>notas</i>"
		doc.ParseMode = tgbotapi.ModeHTML
		sent, err := bot.Send(doc)
		if err != nil {
			t.Fatal(err)
		}
		if sent.Document == nil || sent.Document.FileName != "notas.txt" || sent.Caption != "notas" {
			t.Fatalf("sent = %+v", sent)
		}
		f, err := bot.GetFile(tgbotapi.FileConfig{FileID: sent.Document.FileID})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := hs.Client().Get(hs.URL + "/file/bot" + s.Token() + "/" + f.FilePath)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if string(body) != "hola mundo" {
			t.Errorf("download = %q", body)
		}
		again, err := bot.Send(tgbotapi.NewDocument(alice, tgbotapi.FileID(sent.Document.FileID)))
		if err != nil || again.Document.FileID != sent.Document.FileID {
			t.Errorf("resend by file_id = %+v, %v", again.Document, err)
		}
	})
	t.Run("Photo", func(t *testing.T) {
		sent, err := bot.Send(tgbotapi.NewPhoto(alice, tgbotapi.FileBytes{Name: "p.png", Bytes: pngBytes(t)}))
		if err != nil {
			t.Fatal(err)
		}
		if len(sent.Photo) != 1 || sent.Photo[0].Width != 4 || sent.Photo[0].Height != 3 {
			t.Errorf("photo = %+v", sent.Photo)
		}
		if _, err := bot.Send(tgbotapi.NewPhoto(alice, tgbotapi.FileBytes{Name: "p.png", Bytes: []byte("no")})); err == nil {
			t.Error("non-image photo accepted")
		}
	})
	t.Run("FromUser", func(t *testing.T) {
		s.SendPhoto(alice, alice, "captura.png", pngBytes(t), "mi error")
		s.SendDocument(alice, alice, "log.txt", []byte("trace"), "")
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
		if err != nil || len(ups) != 2 {
			t.Fatalf("updates = %+v, %v", ups, err)
		}
		if p := ups[0].Message.Photo; len(p) != 1 || ups[0].Message.Caption != "mi error" {
			t.Errorf("photo update = %+v", ups[0].Message)
		}
		d := ups[1].Message.Document
		data, ok := s.FileData(d.FileID)
		if !ok || string(data) != "trace" {
			t.Errorf("FileData = %q, %v", data, ok)
		}
	})
	t.Run("CopyForward", func(t *testing.T) {
		s.AddGroup(-2001, "team", 3001)
		m := s.SendText(alice, alice, "ayuda")
		if _, err := bot.Request(tgbotapi.NewCopyMessage(-2001, alice, m.ID)); err != nil {
			t.Fatal(err)
		}
		fw, err := bot.Send(tgbotapi.NewForward(-2001, alice, m.ID))
		if err != nil || fw.ForwardFrom == nil || fw.ForwardFrom.ID != alice {
			t.Fatalf("forward = %+v, %v", fw, err)
		}
		if got := s.Messages(-2001); len(got) != 2 || got[0].Text != "ayuda" {
			t.Errorf("group = %+v", got)
		}
	})
}

// A person's voice note reaches the bot as Telegram sends one (voice, with
// its length and type, no document) and its bytes can be fetched; in the
// web chat, an audio file sent without a caption is a voice note.
func TestServer_Voice(t *testing.T) {
	s, bot, hs := newTestBot(t, Options{})
	s.SendVoice(alice, alice, []byte("OggS voz"), 7)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("from", "1001")
	_ = mw.WriteField("chat", "1001")
	part, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Disposition": {`form-data; name="file"; filename="nota.ogg"`}, "Content-Type": {"audio/ogg"}})
	_, _ = part.Write([]byte("OggS web"))
	mw.Close()
	resp, err := hs.Client().Post(hs.URL+"/sandbox/api/upload", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range ups {
		m := u.Message
		if m == nil || m.Voice == nil || m.Document != nil {
			t.Fatalf("update %+v, want a voice note", m)
		}
		f, err := bot.GetFile(tgbotapi.FileConfig{FileID: m.Voice.FileID})
		if err != nil {
			t.Fatal(err)
		}
		dl, err := hs.Client().Get(hs.URL + "/file/bot" + s.Token() + "/" + f.FilePath)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(dl.Body)
		dl.Body.Close()
		got = append(got, fmt.Sprintf("%s %ds %s", b, m.Voice.Duration, m.Voice.MimeType))
	}
	if want := []string{"OggS voz 7s audio/ogg", "OggS web 0s audio/ogg"}; !slices.Equal(got, want) {
		t.Errorf("voice notes %q, want %q", got, want)
	}
	// The web chat plays them: its messages say voice and how long, and
	// the file is served to play in the page, not as a download.
	var page struct{ Messages []webMessage }
	if code := webCall(t, hs, "GET", "/sandbox/api/messages?chat=1001", nil, &page); code != 200 || len(page.Messages) != 2 {
		t.Fatalf("messages = %d %+v", code, page)
	}
	m := page.Messages[0]
	if m.File == nil || !m.File.Voice || m.File.Seconds != 7 || m.FileURL == "" {
		t.Fatalf("web message %+v", m)
	}
	dl, err := hs.Client().Get(hs.URL + m.FileURL)
	if err != nil {
		t.Fatal(err)
	}
	dl.Body.Close()
	if dl.Header.Get("Content-Type") != "audio/ogg" || dl.Header.Get("Content-Disposition") != "" {
		t.Errorf("voice note served with %v", dl.Header)
	}
}
