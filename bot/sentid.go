package bot

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// idOnly is the transport of the calls the sender reads nothing from but
// the id of the message sent or edited (sendMessage, editMessageText and
// the like). Telegram answers each with the whole message, its text,
// entities and buttons; tgbotapi decoded all of it, and the sender then
// decoded the result again for its id: two fifths of the CPU of the
// sender's calls in a profile of BenchmarkTerm.
// idOnly hands tgbotapi an answer cut down to the id when the answer is
// in Telegram's own form and encoding/json would read the same id from
// it; any other answer, errors included, goes on as it came.
type idOnly struct{ base http.RoundTripper }

func (t idOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	buf := answers.Get().(*bytes.Buffer)
	defer answers.Put(buf)
	buf.Reset()
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var body []byte
	if id, ok := sentID(buf.Bytes()); ok {
		body = strconv.AppendInt([]byte(`{"ok":true,"result":{"message_id":`), id, 10)
		body = append(body, "}}"...)
	} else {
		body = bytes.Clone(buf.Bytes())
	}
	resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// sentID reads the message id from an answer written as Telegram writes
// a sent message, {"ok":true,"result":{"message_id":N,...}}. ok is false
// for an answer in any other form, and for one where encoding/json might
// read another id: invalid JSON, a second key in the result that it would
// take for message_id (it matches keys without regard to case, and a key
// may be written with escapes), or an id it would not read into an int.
func sentID(body []byte) (id int64, ok bool) {
	const head = `{"ok":true,"result":`
	b := bytes.TrimRight(body, " \t\r\n")
	if !bytes.HasPrefix(b, []byte(head+`{"message_id":`)) || !json.Valid(b) {
		return 0, false
	}
	res := b[len(head):]
	end := valueEnd(res, 0)
	if string(res[end:]) != "}" {
		return 0, false // another member after the result
	}
	first := true
	for i := skipSpace(res, 1); i < end && res[i] == '"'; {
		k := stringEnd(res, i)
		key := res[i+1 : k-1]
		v := skipSpace(res, skipSpace(res, k)+1) // past the colon
		ve := valueEnd(res, v)
		if first {
			if id, ok = intValue(res[v:ve]); !ok {
				return 0, false
			}
			first = false
		} else if mayBeID(key) {
			return 0, false
		}
		i = skipSpace(res, ve)
		if res[i] == ',' {
			i = skipSpace(res, i+1)
		}
	}
	return id, !first
}

// mayBeID reports whether encoding/json might take key, as written in
// the JSON, for message_id.
func mayBeID(key []byte) bool {
	for _, c := range key {
		if c == '\\' || c >= 0x80 {
			return true
		}
	}
	return bytes.EqualFold(key, []byte("message_id"))
}

// intValue reads a JSON number written as an integer that fits an int.
func intValue(v []byte) (int64, bool) {
	if len(v) == 0 || len(v) > 19 {
		return 0, false
	}
	for i, c := range v {
		if (c < '0' || c > '9') && (c != '-' || i > 0) {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(string(v), 10, 0)
	return n, err == nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd is the index just past the JSON string that starts at b[i].
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// valueEnd is the index just past the JSON value that starts at b[i], in
// valid JSON.
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = stringEnd(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	}
	for i < len(b) && strings.IndexByte(",}] \t\r\n", b[i]) < 0 {
		i++
	}
	return i
}
