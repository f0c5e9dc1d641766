package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// updates calls getUpdates and decodes only the updates from id from on;
// the answer's Date, against now, tells the clocks' difference (Skew).
// Every poll brings back the updates still in flight (the poller may not
// confirm them before they commit), and under load that is most of what
// a poll returns: decoding each of them in full every time was a tenth
// of the bot's CPU. An update below from costs one read of its id.
func (c *Client) updates(cfg tgbotapi.UpdateConfig, from int64, now func() time.Time) ([]tgbotapi.Update, error) {
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf(c.endpoint, c.poll.Token, "getUpdates"), strings.NewReader(pollForm(cfg).Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.poll.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	c.noteSkew(resp.Header.Get("Date"), now())
	buf := answers.Get().(*bytes.Buffer)
	defer answers.Put(buf)
	buf.Reset()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return nil, err
	}
	return decodeUpdates(buf.Bytes(), from)
}

// pollForm is cfg as tgbotapi sends it: the fields that are not zero,
// the allowed updates as a JSON array.
func pollForm(cfg tgbotapi.UpdateConfig) url.Values {
	form := url.Values{}
	for k, v := range map[string]int{"offset": cfg.Offset, "limit": cfg.Limit, "timeout": cfg.Timeout} {
		if v != 0 {
			form.Set(k, strconv.Itoa(v))
		}
	}
	if cfg.AllowedUpdates != nil {
		b, _ := json.Marshal(cfg.AllowedUpdates) // a []string always encodes
		form.Set("allowed_updates", string(b))
	}
	return form
}

// answers are the buffers getUpdates answers are read into.
var answers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// updatesAnswer is getUpdates' answer with each update left undecoded.
type updatesAnswer struct {
	Ok          bool                         `json:"ok"`
	Result      []json.RawMessage            `json:"result"`
	ErrorCode   int                          `json:"error_code"`
	Description string                       `json:"description"`
	Parameters  *tgbotapi.ResponseParameters `json:"parameters"`
}

// decodeUpdates reads a getUpdates answer as tgbotapi's GetUpdates
// does, the same updates and the same errors, but leaves out the updates
// below from without decoding more than their id. An answer in
// Telegram's own form is split without decoding it; any other goes
// through encoding/json.
func decodeUpdates(body []byte, from int64) ([]tgbotapi.Update, error) {
	elems, ok := splitUpdates(body)
	if !ok {
		var a updatesAnswer
		if err := json.Unmarshal(body, &a); err != nil {
			return nil, err
		}
		if !a.Ok {
			e := &tgbotapi.Error{Code: a.ErrorCode, Message: a.Description}
			if a.Parameters != nil {
				e.ResponseParameters = *a.Parameters
			}
			return nil, e
		}
		elems = a.Result
	}
	var out []tgbotapi.Update
	for _, raw := range elems {
		id, err := updateID(raw)
		if err != nil {
			return nil, err
		}
		if id < from {
			continue
		}
		var u tgbotapi.Update
		if err := json.Unmarshal(raw, &u); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// splitUpdates returns the updates of an answer written as Telegram
// writes one, {"ok":true,"result":[{...},{...}]}, each a slice of body;
// ok is false for an answer in any other form.
func splitUpdates(body []byte) (elems []json.RawMessage, ok bool) {
	const head, tail = `{"ok":true,"result":[`, "]}"
	b := bytes.TrimRight(body, " \t\r\n")
	if !bytes.HasPrefix(b, []byte(head)) || !bytes.HasSuffix(b, []byte(tail)) {
		return nil, false
	}
	b = b[len(head) : len(b)-len(tail)]
	for len(b) > 0 {
		n := objectLen(b)
		if n == 0 {
			return nil, false
		}
		elems, b = append(elems, b[:n]), b[n:]
		if len(b) > 0 {
			if b[0] != ',' || len(b) == 1 {
				return nil, false
			}
			b = b[1:]
		}
	}
	return elems, true
}

// objectLen is the length of the JSON object b starts with, up to its
// closing brace (strings skipped, brackets counted), or 0.
func objectLen(b []byte) int {
	if len(b) == 0 || b[0] != '{' {
		return 0
	}
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return 0
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// updateID reads an update's id. Telegram writes it first; an update
// written otherwise, or that names update_id more than once, is read
// with encoding/json.
func updateID(raw []byte) (int64, error) {
	const key = `"update_id"`
	if rest, ok := bytes.CutPrefix(raw, []byte("{"+key+":")); ok && bytes.Count(raw, []byte(key)) == 1 {
		n := 0
		for n < len(rest) && n < 18 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n > 0 && n < len(rest) && (rest[n] == ',' || rest[n] == '}') && (n == 1 || rest[0] != '0') {
			if id, err := strconv.ParseInt(string(rest[:n]), 10, 64); err == nil {
				return id, nil
			}
		}
	}
	var id struct {
		UpdateID int64 `json:"update_id"`
	}
	err := json.Unmarshal(raw, &id)
	return id.UpdateID, err
}
