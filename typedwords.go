package aulabot

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TypedWords is s as typed words are matched against a button's: lower
// case, without accents (ñ too: "ano" is how a keyboard without it types
// "año"), its words (letters and digits) joined by single
// spaces, so "¡Celular!", "celular" and " CELULAR " read alike, as do
// "Más de 10 h" and "mas de 10 h." (not "10h": one word, not two).
func TypedWords(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return sb.String()
}
