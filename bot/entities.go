package bot

import (
	"html"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// entityTags are the formatting entities kept as Telegram HTML; others
// (mentions, hashtags, plain URLs) are text.
var entityTags = map[string]string{
	"bold": "b", "italic": "i", "underline": "u", "strikethrough": "s",
	"spoiler": "tg-spoiler", "code": "code", "pre": "pre", "text_link": "a",
}

// messageHTML is text with its formatting entities as Telegram HTML,
// escaped where it has none; "" for no text.
func messageHTML(text string, entities []tgbotapi.MessageEntity) string {
	if h := entitiesHTML(text, entities); h != "" {
		return h
	}
	return html.EscapeString(text)
}

// entitiesHTML writes text with its formatting entities as Telegram HTML,
// everything else escaped, so that a message someone formatted can be
// sent on as they wrote it. Offsets are in UTF-16 units, as Telegram
// gives them. Entities that do not nest within one another, fall outside
// the text, or link to anything but http(s) are left out (their text
// stays), as are those that would split a character in two. It returns "" when the text has no formatting to keep.
func entitiesHTML(text string, entities []tgbotapi.MessageEntity) string {
	units := utf16.Encode([]rune(text))
	var keep []tgbotapi.MessageEntity
	for _, e := range entities {
		_, ok := entityTags[e.Type]
		if !ok || e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > len(units) ||
			inPair(units, e.Offset) || inPair(units, e.Offset+e.Length) {
			continue
		}
		if e.Type == "text_link" {
			if u, err := url.Parse(e.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				continue
			}
		}
		keep = append(keep, e)
	}
	if len(keep) == 0 {
		return ""
	}
	slices.SortStableFunc(keep, func(a, b tgbotapi.MessageEntity) int {
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		return b.Length - a.Length // the outer one first
	})
	var b strings.Builder
	var open []tgbotapi.MessageEntity // the stack of entities open at pos
	pos := 0
	closeTo := func(at int) {
		for len(open) > 0 && open[len(open)-1].Offset+open[len(open)-1].Length <= at {
			top := open[len(open)-1]
			end := top.Offset + top.Length
			b.WriteString(html.EscapeString(string(utf16.Decode(units[pos:end]))))
			pos = end
			b.WriteString("</" + entityTags[top.Type] + ">")
			open = open[:len(open)-1]
		}
	}
	for _, e := range keep {
		closeTo(e.Offset)
		if len(open) > 0 && e.Offset+e.Length > open[len(open)-1].Offset+open[len(open)-1].Length {
			continue // overlaps its parent without nesting
		}
		b.WriteString(html.EscapeString(string(utf16.Decode(units[pos:e.Offset]))))
		pos = e.Offset
		if e.Type == "text_link" {
			b.WriteString(`<a href="` + html.EscapeString(e.URL) + `">`)
		} else {
			b.WriteString("<" + entityTags[e.Type] + ">")
		}
		open = append(open, e)
	}
	closeTo(len(units))
	b.WriteString(html.EscapeString(string(utf16.Decode(units[pos:]))))
	return b.String()
}

// inPair reports whether UTF-16 position i falls inside a surrogate pair.
func inPair(units []uint16, i int) bool {
	return i > 0 && i < len(units) && units[i] >= 0xDC00 && units[i] <= 0xDFFF
}
