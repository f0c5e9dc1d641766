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

// typedYes are the words of a yes typed at a question that asks to
// confirm, as TypedWords reads them.
var typedYes = map[string]bool{
	"si": true, "sip": true, "si claro": true, "claro": true, "claro que si": true, "si por favor": true, "si gracias": true,
	"ok": true, "okey": true, "okay": true, "dale": true, "vale": true, "de acuerdo": true, "listo": true,
	"confirmo": true, "confirmar": true, "si confirmo": true, "reservar": true, "reservo": true, "si reservar": true,
	"yes": true, "yep": true, "yeah": true, "sure": true, "yes please": true, "confirm": true, "book": true, "book it": true,
}

// TypedYes reports whether s, typed at a question that asks to confirm
// ("Confirm the booking?"), is a yes: "sí", "Sí, confirmo", "ok", "dale",
// "yes please" (any case, accents or marks). Words that add anything else
// ("sí pero otro día") are not.
func TypedYes(s string) bool { return YesWords(TypedWords(s)) }

// YesWords is TypedYes of words TypedWords has read already.
func YesWords(words string) bool { return typedYes[words] }
