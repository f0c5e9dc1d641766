package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// asTgbotapi reads a getUpdates answer the way tgbotapi's GetUpdates does
// (decodeAPIResponse, then the result into updates).
func asTgbotapi(body []byte) ([]tgbotapi.Update, error) {
	var resp tgbotapi.APIResponse
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&resp); err != nil {
		return nil, err
	}
	if !resp.Ok {
		e := &tgbotapi.Error{Code: resp.ErrorCode, Message: resp.Description}
		if resp.Parameters != nil {
			e.ResponseParameters = *resp.Parameters
		}
		return nil, e
	}
	var ups []tgbotapi.Update
	err := json.Unmarshal(resp.Result, &ups)
	return ups, err
}

const threeUpdates = `{"ok":true,"result":[
{"update_id":7,"message":{"message_id":1,"from":{"id":5,"first_name":"Ana","language_code":"es"},"chat":{"id":5,"type":"private"},"date":1,"text":"hola"}},
{"update_id":8,"callback_query":{"id":"c1","from":{"id":6,"first_name":"Bo"},"data":"kb:h:1"}},
{"update_id":9,"message":{"message_id":2,"from":{"id":5,"first_name":"Ana"},"chat":{"id":5,"type":"private"},"date":2,"text":"¿cómo entro a Moodle?"}}]}`

func TestDecodeUpdates_FreshOnesAsTgbotapiReadsThem(t *testing.T) {
	all, err := asTgbotapi([]byte(threeUpdates))
	if err != nil {
		t.Fatal(err)
	}
	for from, want := range map[int64][]tgbotapi.Update{0: all, 7: all, 8: all[1:], 9: all[2:], 10: nil} {
		got, err := decodeUpdates([]byte(threeUpdates), from)
		if err != nil {
			t.Fatalf("from %d: %v", from, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("from %d: got %+v, want %+v", from, got, want)
		}
	}
}

// An update in flight is not decoded again: one that no longer decodes
// (here its text is a number) does not stop the poll.
func TestDecodeUpdates_InFlightOnesOnlyByTheirID(t *testing.T) {
	body := `{"ok":true,"result":[{"update_id":3,"message":{"text":42}},{"update_id":4,"message":{"message_id":9,"text":"hi","chat":{"id":1}}}]}`
	if _, err := asTgbotapi([]byte(body)); err == nil {
		t.Fatal("tgbotapi decoded the broken update: the test shows nothing")
	}
	got, err := decodeUpdates([]byte(body), 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].UpdateID != 4 || got[0].Message.Text != "hi" {
		t.Errorf("got %+v, want update 4 only", got)
	}
	if _, err := decodeUpdates([]byte(body), 3); err == nil {
		t.Error("the broken update decoded once it was fresh")
	}
}

func TestDecodeUpdates_ErrorsAsTgbotapi(t *testing.T) {
	for _, body := range []string{
		`{"ok":false,"error_code":401,"description":"Unauthorized"}`,
		`{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}`,
		`{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request"}`,
	} {
		_, want := asTgbotapi([]byte(body))
		_, got := decodeUpdates([]byte(body), 0)
		var te *tgbotapi.Error
		if !errors.As(got, &te) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", body, got, want)
		}
	}
	if _, err := decodeUpdates([]byte("<html>502 Bad Gateway</html>"), 0); err == nil {
		t.Error("a page that is not JSON read as an answer")
	}
}

// FuzzDecodeUpdates: whatever Telegram (or something in between) answers,
// decodeUpdates does not panic; whenever tgbotapi reads a well-formed
// answer, decodeUpdates reads the same, less the updates below from.
func FuzzDecodeUpdates(f *testing.F) {
	f.Add([]byte(threeUpdates), int64(8))
	f.Add([]byte(`{"ok":false,"error_code":429,"description":"x","parameters":{"retry_after":3}}`), int64(0))
	f.Add([]byte(`{"ok":true,"result":[{"update_id":"7"}]}`), int64(1))
	f.Add([]byte(`{"ok":true,"result":null}`), int64(1))
	f.Add([]byte(`{"ok":true,"result":[{"update_id":1,"update_id":9}]}`), int64(5))
	f.Add([]byte(`{"ok":true,"result":[{"update_id":1,"message":{"text":"\"update_id\":9 }]}"}}, {"update_id":2}]}`), int64(2))
	f.Add([]byte(`{"ok":true,"result":[{"update_id":3}],"result":[{"update_id":4}]}`), int64(0))
	f.Fuzz(func(t *testing.T, body []byte, from int64) {
		got, err := decodeUpdates(body, from)
		want, werr := asTgbotapi(body)
		if werr != nil || !json.Valid(body) {
			return
		}
		if err != nil {
			t.Fatalf("tgbotapi read it, decodeUpdates: %v", err)
		}
		var fresh []tgbotapi.Update
		for _, u := range want {
			if int64(u.UpdateID) >= from {
				fresh = append(fresh, u)
			}
		}
		if !reflect.DeepEqual(got, fresh) {
			t.Fatalf("got %+v, want %+v", got, fresh)
		}
	})
}

// BenchmarkDecodeUpdates reads a poll's answer as it is under load: ten
// updates (presses, with the message and its buttons, and questions), of
// which the first eight are still in flight. "tgbotapi" decodes all of
// them, as GetUpdates does; "fresh" is decodeUpdates.
func BenchmarkDecodeUpdates(b *testing.B) {
	press := `{"update_id":%d,"callback_query":{"id":"c%d","from":{"id":300001,"is_bot":false,"first_name":"P1","language_code":"es"},"message":{"message_id":57,"from":{"id":1,"is_bot":true,"first_name":"aulabot","username":"aulabot"},"chat":{"id":300001,"first_name":"P1","type":"private"},"date":1764662400,"text":"¿Cómo entrego una tarea en Moodle? Abre el curso, entra en la tarea y pulsa «Agregar entrega». Sube el archivo y pulsa «Guardar cambios».","reply_markup":{"inline_keyboard":[[{"text":"👍 Me sirvió","callback_data":"kb:h:12:1"},{"text":"👎 No me sirvió","callback_data":"kb:h:12:0"}],[{"text":"Ver artículo completo","callback_data":"kb:a:submit-assignment"}]]}},"chat_instance":"300001","data":"kb:h:12:1"}}`
	question := `{"update_id":%d,"message":{"message_id":%d,"from":{"id":300002,"is_bot":false,"first_name":"P2","language_code":"en"},"chat":{"id":300002,"first_name":"P2","type":"private"},"date":1764662401,"text":"how do i reset my password for the campus wifi"}}`
	var body bytes.Buffer
	body.WriteString(`{"ok":true,"result":[`)
	for i := range 10 {
		if i > 0 {
			body.WriteByte(',')
		}
		if i%2 == 0 {
			fmt.Fprintf(&body, press, 1000+i, i)
		} else {
			fmt.Fprintf(&body, question, 1000+i, 100+i)
		}
	}
	body.WriteString("]}\n")
	raw := body.Bytes()
	if ups, err := decodeUpdates(raw, 1008); err != nil || len(ups) != 2 {
		b.Fatalf("%d updates, %v", len(ups), err)
	}
	b.Run("tgbotapi", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := asTgbotapi(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fresh", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeUpdates(raw, 1008); err != nil {
				b.Fatal(err)
			}
		}
	})
}
