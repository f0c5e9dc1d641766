package aulabot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText returns s as it may be shown to other people: invalid UTF-8,
// NUL and other control characters (but newline and tab), and the
// bidirectional formatting characters that can make a name or a text
// display as something else (right-to-left override and its kin) are
// removed. Everything else, emoji and every script included, stays.
func CleanText(s string) string {
	if cleanAlready(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		if r == utf8.RuneError && size <= 1 {
			continue
		}
		if dropRune(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func cleanAlready(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if dropRune(r) {
			return false
		}
	}
	return true
}

// dropRune reports whether r is a control or bidirectional formatting
// character that CleanText removes.
func dropRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r):
		return true
	case r >= 0x202A && r <= 0x202E: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	case r == 0x200E || r == 0x200F || r == 0x061C: // LRM, RLM, ALM
		return true
	}
	return false
}
