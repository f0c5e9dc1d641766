package handlers

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// Telegram's limits on a message's buttons.
const (
	maxButtons       = 100 // on one message
	maxButtonsPerRow = 8
)

// Fits checks m against Telegram's limits before it is queued: the
// visible text after HTML parsing, counted as Telegram counts it (UTF-16
// code units), at most aulabot.MaxMessageText for a text and
// aulabot.MaxCaption for a file's or copy's caption; every button's data
// at most 64 bytes of UTF-8, and at most 100 buttons, 8 a row. A message
// that does not fit is a bug in the handler that built it (lists must
// page, names shorten): the error is internal, never a silent drop.
func Fits(m aulabot.Message) error {
	if m.Delete {
		return nil
	}
	limit, what := aulabot.MaxMessageText, "text"
	if m.File != nil || m.Copy != nil || m.EditCaption {
		limit, what = aulabot.MaxCaption, "caption"
	}
	if n := VisibleLen(m.Text); n > limit {
		return fmt.Errorf("message to chat %d does not fit: its %s is %d characters, Telegram takes %d", m.ChatID, what, n, limit)
	}
	n := 0
	for _, row := range m.Inline {
		if len(row) > maxButtonsPerRow {
			return fmt.Errorf("message to chat %d does not fit: a row of %d buttons, Telegram takes %d", m.ChatID, len(row), maxButtonsPerRow)
		}
		for _, b := range row {
			n++
			switch {
			case b.Data == "" && b.URL == "":
				return fmt.Errorf("message to chat %d: button %q has neither data nor a link", m.ChatID, b.Text)
			case len(b.Data) > maxCallbackData || !utf8.ValidString(b.Data):
				return fmt.Errorf("message to chat %d: button %q carries %d bytes of data, Telegram takes %d", m.ChatID, b.Text, len(b.Data), maxCallbackData)
			}
		}
	}
	if n > maxButtons {
		return fmt.Errorf("message to chat %d does not fit: %d buttons, Telegram takes %d", m.ChatID, n, maxButtons)
	}
	return nil
}

// VisibleLen is the length of Telegram HTML as Telegram counts it: tags
// removed, &lt; &gt; &amp; &quot; and numeric references as the one
// character they stand for, in UTF-16 code units (an emoji counts 2).
func VisibleLen(html string) int {
	n := 0
	for i := 0; i < len(html); {
		switch html[i] {
		case '<':
			i += tagEnd(html[i:])
		case '&':
			r, size := entity(html[i:])
			n += utf16.RuneLen(r)
			i += size
		default:
			r, size := utf8.DecodeRuneInString(html[i:])
			n += max(1, utf16.RuneLen(r))
			i += size
		}
	}
	return n
}

// tagEnd is the length of the tag at the start of s, up to its '>'
// outside quoted attribute values.
func tagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(s)
}

// entity decodes the character reference at the start of s, or reads '&'
// as itself.
func entity(s string) (rune, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 12 {
		return '&', 1
	}
	switch name := s[1:end]; {
	case name == "lt":
		return '<', end + 1
	case name == "gt":
		return '>', end + 1
	case name == "amp":
		return '&', end + 1
	case name == "quot":
		return '"', end + 1
	case strings.HasPrefix(name, "#x") || strings.HasPrefix(name, "#X"):
		if v, err := strconv.ParseUint(name[2:], 16, 32); err == nil && v != 0 && utf8.ValidRune(rune(v)) {
			return rune(v), end + 1
		}
	case strings.HasPrefix(name, "#"):
		if v, err := strconv.ParseUint(name[1:], 10, 32); err == nil && v != 0 && utf8.ValidRune(rune(v)) {
			return rune(v), end + 1
		}
	}
	return '&', 1
}

// fitting is a transaction whose Enqueue checks that a message fits
// before it is stored.
type fitting struct{ Tx }

// Enqueue stores m if it Fits; otherwise it returns the internal error.
func (tx fitting) Enqueue(m aulabot.Message) (uint64, error) {
	if err := Fits(m); err != nil {
		return 0, err
	}
	return tx.Tx.Enqueue(m)
}
