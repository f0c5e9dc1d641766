package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// sentAnswer is Telegram's answer to a sendMessage in a team group: the
// message, a reply, with its buttons and Spanish text escaped as Telegram
// escapes it.
const sentAnswer = `{"ok":true,"result":{"message_id":4711,"from":{"id":1,"is_bot":true,"first_name":"aulabot","username":"aulabot"},"chat":{"id":-100200,"title":"Soporte UNI","type":"supergroup"},"date":1764662400,"reply_to_message":{"message_id":4700,"from":{"id":5,"is_bot":false,"first_name":"T"},"chat":{"id":-100200,"title":"Soporte UNI","type":"supergroup"},"date":1764662390,"text":"ok"},"text":"Incidencia #12 \u00b7 Moodle no carga \u00bfHas probado otro navegador?","entities":[{"offset":0,"length":14,"type":"bold"}],"reply_markup":{"inline_keyboard":[[{"text":"Tomar","callback_data":"tk:c:12"},{"text":"Cerrar","callback_data":"tk:x:12"}]]}}}` + "\n"

// seen is what the sender reads from an answer: tgbotapi's decoding of
// it (MakeRequest), then the id from the result (messageID).
func seen(body []byte) string {
	var r tgbotapi.APIResponse
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&r); err != nil {
		return "undecodable"
	}
	if !r.Ok {
		return fmt.Sprintf("refused %d %q %+v", r.ErrorCode, r.Description, r.Parameters)
	}
	id, err := messageID(r.Result)
	if err != nil {
		return "bad result"
	}
	return "sent " + strconv.Itoa(id)
}

// cut is the answer idOnly passes on for body.
func cut(body []byte) []byte {
	base := roundTrip(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}, nil
	})
	resp, err := idOnly{base: base}.RoundTrip(sendRequest)
	if err != nil {
		panic(err)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		panic(err)
	}
	return b
}

var sendRequest = httptest.NewRequest(http.MethodPost, "/botT/sendMessage", nil)

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestSentID(t *testing.T) {
	for _, c := range []struct {
		name, body string
		cut        bool  // cut down to the id
		id         int64 // the id read, if cut
	}{
		{"a sent message, with a reply inside", sentAnswer, true, 4711},
		{"spaces", "{\"ok\":true,\"result\":{\"message_id\":7 , \"text\" : \"a\" }}\r\n", true, 7},
		{"the id alone", `{"ok":true,"result":{"message_id":0}}`, true, 0},
		{"a refusal", `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}`, false, 0},
		{"an edit of an inline message", `{"ok":true,"result":true}`, false, 0},
		{"the id again, in capitals", `{"ok":true,"result":{"message_id":1,"Message_ID":2}}`, false, 0},
		{"the id again, escaped", `{"ok":true,"result":{"message_id":1,"message\u005fid":2}}`, false, 0},
		{"a key encoding/json folds", `{"ok":true,"result":{"message_id":1,"meſſage_id":2}}`, false, 0},
		{"a fraction", `{"ok":true,"result":{"message_id":1.0}}`, false, 0},
		{"too large for an int", `{"ok":true,"result":{"message_id":99999999999999999999}}`, false, 0},
		{"a member after the result", `{"ok":true,"result":{"message_id":1},"ok":false}`, false, 0},
		{"not JSON", `{"ok":true,"result":{"message_id":1,}}`, false, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			body := []byte(c.body)
			id, ok := sentID(body)
			if ok != c.cut || id != c.id {
				t.Fatalf("sentID = %d, %v; want %d, %v", id, ok, c.id, c.cut)
			}
			passed := cut(body)
			if got, want := seen(passed), seen(body); got != want {
				t.Fatalf("the sender reads %q from the cut answer, %q from Telegram's", got, want)
			}
			if !ok && !bytes.Equal(passed, body) {
				t.Fatalf("passed on %q, not the answer as it came", passed)
			}
		})
	}
}

// FuzzSentID: whatever the answer, the sender reads from what idOnly
// passes on exactly what it would read from the answer itself.
func FuzzSentID(f *testing.F) {
	f.Add([]byte(sentAnswer))
	f.Add([]byte(`{"ok":true,"result":{"message_id":1,"MESSAGE_ID":2}}`))
	f.Add([]byte(`{"ok":true,"result":{"message_id":-0, "a":[{"message_id":3}]}}`))
	f.Add([]byte(`{"ok":false,"error_code":400,"description":"Bad Request: message is not modified"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if got, want := seen(cut(body)), seen(body); got != want {
			t.Fatalf("the sender reads %q from the cut answer, %q from Telegram's", got, want)
		}
	})
}

// BenchmarkSentAnswer reads Telegram's answer to a sent message as the
// sender does: "tgbotapi" decodes all of it, then the id from the result;
// "idOnly" is the answer cut down to the id first.
func BenchmarkSentAnswer(b *testing.B) {
	body := []byte(sentAnswer)
	b.Run("tgbotapi", func(b *testing.B) {
		for b.Loop() {
			if seen(body) != "sent 4711" {
				b.Fatal("misread")
			}
		}
	})
	b.Run("idOnly", func(b *testing.B) {
		for b.Loop() {
			if seen(cut(body)) != "sent 4711" {
				b.Fatal("misread")
			}
		}
	})
}
