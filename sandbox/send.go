package sandbox

import (
	"encoding/json"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"
)

// Telegram's limits on message content.
const (
	maxText     = 4096
	maxCaption  = 1024
	maxCallback = 64
)

// resolveChatLocked finds the chat named by the parameter key.
func (s *Server) resolveChatLocked(p params, key string) (*chat, *apiError) {
	v := strings.TrimSpace(p.str(key))
	if v == "" {
		return nil, badRequest("%s is empty", key)
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, badRequest("chat not found")
	}
	c, ok := s.chats[id]
	if !ok {
		return nil, badRequest("chat not found")
	}
	if c.migratedTo != 0 {
		return nil, &apiError{Code: 400, Desc: "Bad Request: group chat was upgraded to a supergroup chat", MigrateTo: c.migratedTo}
	}
	if c.private() && s.blocked[id] {
		return nil, &apiError{Code: 403, Desc: "Forbidden: bot was blocked by the user"}
	}
	if c.left {
		return nil, &apiError{Code: 403, Desc: "Forbidden: bot is not a member of the group chat"}
	}
	return c, nil
}

// formatText validates text in parse mode and fills the text fields of m.
func formatText(m *Message, text, parseMode string, limit int, caption bool) *apiError {
	if !utf8.ValidString(text) {
		return badRequest("strings must be encoded in UTF-8")
	}
	m.Text, m.Plain, m.HTML, m.Entities = text, text, false, nil
	switch strings.ToLower(parseMode) {
	case "html":
		plain, ents, err := ParseHTML(text)
		if err != nil {
			return badRequest("can't parse entities: %v", err)
		}
		m.Plain, m.Entities, m.HTML = plain, ents, true
	case "", "markdown", "markdownv2":
	default:
		return badRequest("unsupported parse_mode")
	}
	n := utf8.RuneCountInString(m.Plain)
	switch {
	case caption && n > limit:
		return badRequest("message caption is too long")
	case !caption && n > limit:
		return badRequest("message is too long")
	case !caption && strings.TrimSpace(m.Plain) == "":
		return badRequest("message text is empty")
	}
	return nil
}

// parseMarkup reads a reply_markup parameter into m.
func parseMarkup(m *Message, raw string, inlineOnly bool) *apiError {
	m.Inline, m.Keyboard, m.RemoveKeyboard = nil, nil, false
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	var mk struct {
		InlineKeyboard [][]map[string]json.RawMessage `json:"inline_keyboard"`
		Keyboard       [][]json.RawMessage            `json:"keyboard"`
		RemoveKeyboard bool                           `json:"remove_keyboard"`
	}
	if json.Unmarshal([]byte(raw), &mk) != nil {
		return badRequest("can't parse reply keyboard markup JSON object")
	}
	if inlineOnly && (mk.Keyboard != nil || mk.RemoveKeyboard) {
		return badRequest("inline keyboard expected")
	}
	for _, row := range mk.InlineKeyboard {
		var r []Button
		for _, raw := range row {
			var b Button
			_ = json.Unmarshal(raw["text"], &b.Text)
			if b.Text == "" {
				return badRequest("can't parse inline keyboard button: Text must be non-empty")
			}
			data, hasData := raw["callback_data"]
			u, hasURL := raw["url"]
			switch {
			case hasData:
				_ = json.Unmarshal(data, &b.Data)
				if len(b.Data) > maxCallback || b.Data == "" {
					return badRequest("BUTTON_DATA_INVALID")
				}
			case hasURL:
				_ = json.Unmarshal(u, &b.URL)
				pu, err := url.Parse(b.URL)
				if err != nil || (pu.Scheme != "http" && pu.Scheme != "https" && pu.Scheme != "tg") || (pu.Host == "" && pu.Scheme != "tg") {
					return badRequest("inline keyboard button URL '%s' is invalid: Wrong HTTP URL", b.URL)
				}
			case len(raw) > 1: // switch_inline_query, login_url, ...
			default:
				return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
			}
			r = append(r, b)
		}
		m.Inline = append(m.Inline, r)
	}
	for _, row := range mk.Keyboard {
		var r []string
		for _, raw := range row {
			var t string
			if json.Unmarshal(raw, &t) != nil {
				var b struct{ Text string }
				_ = json.Unmarshal(raw, &b)
				t = b.Text
			}
			if t == "" {
				return badRequest("can't parse keyboard button: Text must be non-empty")
			}
			r = append(r, t)
		}
		m.Keyboard = append(m.Keyboard, r)
	}
	m.RemoveKeyboard = mk.RemoveKeyboard
	return nil
}

// replyToLocked reads reply_to_message_id (or reply_parameters) for c.
func replyToLocked(c *chat, p params) (int, *apiError) {
	id, err := p.int("reply_to_message_id")
	if err != nil {
		return 0, err
	}
	allow := p.bool("allow_sending_without_reply")
	if rp := p.str("reply_parameters"); rp != "" {
		var v struct {
			MessageID                int  `json:"message_id"`
			AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
		}
		if json.Unmarshal([]byte(rp), &v) != nil {
			return 0, badRequest("can't parse reply parameters JSON object")
		}
		id, allow = v.MessageID, v.AllowSendingWithoutReply
	}
	if id != 0 {
		if _, m := c.find(id); m == nil {
			if allow {
				return 0, nil
			}
			return 0, badRequest("message to be replied not found")
		}
	}
	return id, nil
}

// allowSendLocked applies Telegram's flood limits to one message for c:
// 30 a second overall; in any chat one a second, with short bursts of 3
// ("avoid sending more than one message per second"); in a group also 20
// a minute.
func (s *Server) allowSendLocked(c *chat) *apiError {
	if !s.opts.Limits {
		return nil
	}
	now := s.opts.Now()
	if s.opts.Strict {
		return s.allowStrictLocked(c, now)
	}
	lims, ok := s.perChat[c.id]
	if !ok {
		lims = []*rate.Limiter{s.global, rate.NewLimiter(1, 3)}
		if !c.private() {
			lims = append(lims, rate.NewLimiter(rate.Limit(20.0/60), 20))
		}
		s.perChat[c.id] = lims
	}
	var wait float64
	for _, l := range lims {
		if t := l.TokensAt(now); t < 1 {
			wait = max(wait, (1-t)/float64(l.Limit()))
		}
	}
	if wait > 0 {
		s.flooded++
		ra := max(1, int(math.Ceil(wait)))
		return &apiError{Code: 429, Desc: "Too Many Requests: retry after " + strconv.Itoa(ra), RetryAfter: ra}
	}
	for _, l := range lims {
		l.AllowN(now, 1)
	}
	return nil
}

// allowStrictLocked is allowSendLocked for Options.Strict: sliding
// windows over the times messages arrived.
func (s *Server) allowStrictLocked(c *chat, now time.Time) *apiError {
	var next time.Time // when the message would be allowed
	if len(s.arrivals) == 30 {
		next = s.arrivals[0].Add(time.Second)
	}
	mine := s.chatArrivals[c.id]
	if n := len(mine); n > 0 {
		next = later(next, mine[n-1].Add(time.Second))
	}
	if !c.private() && len(mine) == 20 {
		next = later(next, mine[0].Add(time.Minute))
	}
	if next.After(now) {
		s.flooded++
		ra := max(1, int(math.Ceil(next.Sub(now).Seconds())))
		return &apiError{Code: 429, Desc: "Too Many Requests: retry after " + strconv.Itoa(ra), RetryAfter: ra}
	}
	s.arrivals = lastN(append(s.arrivals, now), 30)
	s.chatArrivals[c.id] = lastN(append(mine, now), 20)
	return nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// lastN is the last n of ts.
func lastN(ts []time.Time, n int) []time.Time {
	if len(ts) > n {
		return append(ts[:0], ts[len(ts)-n:]...)
	}
	return ts
}

func sameContent(a, b *Message) bool {
	return a.Plain == b.Plain && reflect.DeepEqual(a.Entities, b.Entities) && reflect.DeepEqual(a.Inline, b.Inline)
}
