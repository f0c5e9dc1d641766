package sandbox

import (
	"html"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"
)

// RenderHTML renders plain text with Telegram entities as safe HTML for a
// browser: the text is always escaped and only a fixed set of tags is
// produced, so nothing a user or the bot wrote can inject markup. Entities
// that overlap their parent are clipped to it.
func RenderHTML(plain string, entities []Entity) string {
	u := utf16.Encode([]rune(plain))
	es := slices.Clone(entities)
	slices.SortStableFunc(es, func(a, b Entity) int {
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		return b.Length - a.Length
	})
	var b strings.Builder
	text := func(from, to int) {
		b.WriteString(html.EscapeString(string(utf16.Decode(u[from:to]))))
	}
	var rec func(start, end int, es []Entity)
	rec = func(start, end int, es []Entity) {
		pos := start
		for i := 0; i < len(es); {
			e := es[i]
			from, to := max(e.Offset, pos), min(e.Offset+e.Length, end)
			j := i + 1
			for j < len(es) && es[j].Offset < to {
				j++
			}
			if from >= to {
				i++
				continue
			}
			text(pos, from)
			open, closing := entityTags(e)
			b.WriteString(open)
			rec(from, to, es[i+1:j])
			b.WriteString(closing)
			pos, i = to, j
		}
		text(pos, end)
	}
	rec(0, len(u), es)
	return b.String()
}

// entityTags returns the opening and closing tags for one entity.
func entityTags(e Entity) (string, string) {
	switch e.Type {
	case "bold":
		return "<b>", "</b>"
	case "italic":
		return "<i>", "</i>"
	case "underline":
		return "<u>", "</u>"
	case "strikethrough":
		return "<s>", "</s>"
	case "spoiler":
		return `<span class="spoiler">`, "</span>"
	case "code":
		return "<code>", "</code>"
	case "pre":
		return `<pre data-language="` + html.EscapeString(e.Language) + `">`, "</pre>"
	case "blockquote":
		return "<blockquote>", "</blockquote>"
	case "expandable_blockquote":
		return `<blockquote class="expandable">`, "</blockquote>"
	case "bot_command":
		return `<span class="cmd">`, "</span>"
	case "text_link", "url":
		if u, err := url.Parse(e.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "tg" || u.Scheme == "mailto") {
			return `<a href="` + html.EscapeString(e.URL) + `" target="_blank" rel="noopener noreferrer">`, "</a>"
		}
		return `<span class="link">`, "</span>"
	}
	return "<span>", "</span>"
}
