package sandbox

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Entity is a Telegram message entity. Offset and Length count UTF-16 code
// units of the plain text, as in the Bot API.
type Entity struct {
	Type     string `json:"type"`
	Offset   int    `json:"offset"`
	Length   int    `json:"length"`
	URL      string `json:"url,omitempty"`
	Language string `json:"language,omitempty"`
}

// htmlTags maps the tags Telegram accepts in HTML parse mode to entity types.
var htmlTags = map[string]string{
	"b": "bold", "strong": "bold",
	"i": "italic", "em": "italic",
	"u": "underline", "ins": "underline",
	"s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
	"span": "spoiler", "tg-spoiler": "spoiler",
	"a":          "text_link",
	"code":       "code",
	"pre":        "pre",
	"blockquote": "blockquote",
	"tg-emoji":   "custom_emoji",
}

type openTag struct {
	name   string
	start  int // UTF-16 offset in plain text
	index  int // of its entity: open order is Telegram's entity order
	entity Entity
}

// ParseHTML parses text in Telegram's HTML parse mode the way the Bot API
// does and returns the plain text with its entities. It returns an error
// worded like Telegram's "can't parse entities" reasons for unsupported or
// unbalanced tags and bad attributes. Only &lt; &gt; &amp; &quot; and numeric
// character references are decoded; any other '&' stays literal.
func ParseHTML(text string) (plain string, entities []Entity, err error) {
	var b strings.Builder
	u16 := 0 // UTF-16 length of b
	var stack []openTag
	write := func(s string) {
		b.WriteString(s)
		u16 += utf16Len(s)
	}
	i := 0
	for i < len(text) {
		c := text[i]
		switch c {
		case '&':
			s, n := decodeEntity(text[i:])
			write(s)
			i += n
		case '<':
			start := i
			if i+1 < len(text) && text[i+1] == '/' {
				j := i + 2
				for j < len(text) && isTagChar(text[j]) {
					j++
				}
				name := strings.ToLower(text[i+2 : j])
				for j < len(text) && isSpace(text[j]) {
					j++
				}
				if j >= len(text) || text[j] != '>' {
					return "", nil, fmt.Errorf("Unclosed end tag at byte offset %d", start)
				}
				if len(stack) == 0 {
					return "", nil, fmt.Errorf("Unexpected end tag at byte offset %d", start)
				}
				top := stack[len(stack)-1]
				if name != top.name {
					return "", nil, fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", start, top.name, name)
				}
				stack = stack[:len(stack)-1]
				e := top.entity
				e.Offset, e.Length = top.start, u16-top.start
				if e.Type == "code" && len(stack) > 0 && stack[len(stack)-1].name == "pre" {
					// <pre><code class="language-x"> is one pre entity.
					if e.Language != "" {
						stack[len(stack)-1].entity.Language = e.Language
					}
					e.Type = ""
				}
				entities[top.index] = e
				i = j + 1
				continue
			}
			j := i + 1
			for j < len(text) && isTagChar(text[j]) {
				j++
			}
			name := strings.ToLower(text[i+1 : j])
			typ, ok := htmlTags[name]
			if !ok {
				return "", nil, fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, start)
			}
			attrs, n, err := parseAttrs(text[j:])
			if err != nil {
				return "", nil, fmt.Errorf("%s at byte offset %d", err.Error(), start)
			}
			i = j + n
			e := Entity{Type: typ}
			switch name {
			case "a":
				href := attrs["href"]
				if href == "" {
					e.Type = "" // no link: plain text
				}
				e.URL = href
			case "span":
				if attrs["class"] != "tg-spoiler" {
					return "", nil, fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", start)
				}
			case "code":
				if l, ok := strings.CutPrefix(attrs["class"], "language-"); ok {
					e.Language = l
				}
			case "blockquote":
				if _, ok := attrs["expandable"]; ok {
					e.Type = "expandable_blockquote"
				}
			case "tg-emoji":
				if attrs["emoji-id"] == "" {
					return "", nil, fmt.Errorf("Custom emoji identifier must be non-empty at byte offset %d", start)
				}
			}
			stack = append(stack, openTag{name: name, start: u16, index: len(entities), entity: e})
			entities = append(entities, Entity{})
		default:
			j := i + 1
			for j < len(text) && text[j] != '&' && text[j] != '<' {
				j++
			}
			write(text[i:j])
			i = j
		}
	}
	if len(stack) > 0 {
		return "", nil, fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	var out []Entity
	for _, e := range entities {
		if e.Type != "" && e.Length > 0 {
			out = append(out, e)
		}
	}
	return b.String(), out, nil
}

// parseAttrs reads attributes up to and including the closing '>' and
// returns them with the number of bytes consumed.
func parseAttrs(s string) (map[string]string, int, error) {
	attrs := map[string]string{}
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return nil, 0, fmt.Errorf("Unclosed start tag")
		}
		if s[i] == '>' {
			return attrs, i + 1, nil
		}
		j := i
		for j < len(s) && isTagChar(s[j]) {
			j++
		}
		if j == i {
			return nil, 0, fmt.Errorf("Empty attribute name in the tag")
		}
		name := strings.ToLower(s[i:j])
		i = j
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			attrs[name] = ""
			continue
		}
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return nil, 0, fmt.Errorf("Unclosed start tag")
		}
		var raw string
		if q := s[i]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return nil, 0, fmt.Errorf("Unclosed start tag")
			}
			raw = s[i+1 : i+1+end]
			i += end + 2
		} else {
			j := i
			for j < len(s) && !isSpace(s[j]) && s[j] != '>' && s[j] != '"' && s[j] != '\'' {
				j++
			}
			raw = s[i:j]
			i = j
		}
		var v strings.Builder
		for k := 0; k < len(raw); {
			if raw[k] == '&' {
				d, n := decodeEntity(raw[k:])
				v.WriteString(d)
				k += n
				continue
			}
			v.WriteByte(raw[k])
			k++
		}
		attrs[name] = v.String()
	}
}

// decodeEntity decodes the character reference at the start of s (which
// begins with '&'). Unknown references decode to a literal "&".
func decodeEntity(s string) (string, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 12 {
		return "&", 1
	}
	name := s[1:end]
	switch name {
	case "lt":
		return "<", end + 1
	case "gt":
		return ">", end + 1
	case "amp":
		return "&", end + 1
	case "quot":
		return "\"", end + 1
	}
	if name[0] != '#' {
		return "&", 1
	}
	var n uint64
	var err error
	if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
		n, err = strconv.ParseUint(name[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(name[1:], 10, 32)
	}
	if err != nil || n == 0 || n > utf8.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
		return "&", 1
	}
	return string(rune(n)), end + 1
}

func isTagChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// utf16Len counts the UTF-16 code units of s, as Telegram's offsets do.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if utf16.RuneLen(r) == 2 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// EscapeHTML escapes s for Telegram's HTML parse mode (&, <, > and ").
func EscapeHTML(s string) string {
	return htmlEscaper.Replace(s)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;")

// urlRE finds the web addresses Telegram links by itself in a message.
var urlRE = regexp.MustCompile(`https?://[^\s<>"]+`)

// AutoEntities adds to entities what Telegram's apps detect by themselves
// in plain text: /commands (tapping one sends it) and web addresses (a
// link), where no entity of the message covers them already. The result
// is sorted by offset.
func AutoEntities(plain string, entities []Entity) []Entity {
	out := slices.Clone(entities)
	covered := func(from, to int) bool {
		for _, e := range entities {
			if from < e.Offset+e.Length && e.Offset < to {
				return true
			}
		}
		return false
	}
	add := func(typ string, start, end int) {
		from, to := utf16Len(plain[:start]), utf16Len(plain[:end])
		if to > from && !covered(from, to) {
			e := Entity{Type: typ, Offset: from, Length: to - from}
			if typ == "url" {
				e.URL = plain[start:end]
			}
			out = append(out, e)
		}
	}
	for _, loc := range botCommandRE.FindAllStringSubmatchIndex(plain, -1) {
		add("bot_command", loc[2], loc[3])
	}
	for _, loc := range urlRE.FindAllStringIndex(plain, -1) {
		end := loc[1]
		for end > loc[0] && strings.ContainsRune(".,;:!?)»", rune(plain[end-1])) {
			end-- // a sentence's full stop is not part of the address
		}
		add("url", loc[0], end)
	}
	slices.SortStableFunc(out, func(a, b Entity) int { return a.Offset - b.Offset })
	return out
}
