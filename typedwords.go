package aulabot

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// typedNone are the words of a "none" typed where something optional is
// asked for (a course's code, a rating's comment), as TypedWords reads
// them.
var typedNone = map[string]bool{
	"no": true, "no tiene": true, "no tiene codigo": true, "no tengo": true, "no tengo codigo": true, "no hay": true,
	"sin codigo": true, "ninguno": true, "ninguna": true, "nada": true, "no lo se": true, "no se": true, "n a": true,
	"no gracias": true, "nada gracias": true, "sin comentarios": true, "sin comentario": true, "ningun comentario": true,
	"no tengo comentarios": true, "none": true, "no code": true, "it has no code": true, "there is no code": true,
	"it doesn t have one": true, "it doesnt have one": true, "no it doesn t": true, "nope": true, "i don t know": true,
	"dont know": true, "i dont know": true, "not sure": true, "no thanks": true, "no thank you": true, "nothing": true,
	"no comment": true, "no comments": true,
}

// TypedNone reports whether s, typed where something optional is asked
// for ("Does it have a code? Type it, or press Skip", "If you like, write
// a comment"), says there is none: "no tiene código", "sin código",
// "ninguno", "no gracias", "none", "no code" (any case, accents or
// marks). Until 8 December "no tiene código" became a course's code, and
// "no gracias" a session's rating comment.
func TypedNone(s string) bool { return typedNone[TypedWords(s)] }

// TypedTerm reads a term named by when it is, typed where a course's term
// is asked for: "este semestre", "this term" (the one of now), "el
// próximo ciclo", "next semester" (the one after), as TermOf names them;
// false for anything else, a term's own name ("2027-I") among it. Until 8
// December "este semestre" became a course's term.
func TypedTerm(s string, now time.Time) (string, bool) {
	words := strings.Fields(TypedWords(s))
	switch {
	case len(words) > 4:
		return "", false
	case termWords(words, termNow):
		return TermOf(now), true
	case termWords(words, termNext):
		return TermOf(now.AddDate(0, 6, 0)), true
	}
	return "", false
}

// termWords reports whether words are one of when and a term's noun
// ("este semestre", "el próximo ciclo"), or one of when alone ("el
// próximo", "next"), with at most an article or a preposition besides.
func termWords(words []string, when map[string]bool) bool {
	noun, at := false, false
	for _, w := range words {
		switch {
		case termNouns[w]:
			noun = true
		case when[w]:
			at = true
		case !termLinks[w]:
			return false
		}
	}
	return at && (noun || len(words) <= 2)
}

var (
	termNouns = map[string]bool{"semestre": true, "ciclo": true, "periodo": true, "term": true, "semester": true}
	termNow   = map[string]bool{"este": true, "actual": true, "this": true, "current": true}
	termNext  = map[string]bool{"proximo": true, "siguiente": true, "next": true, "coming": true}
	termLinks = map[string]bool{"el": true, "en": true, "the": true, "in": true, "para": true, "for": true, "one": true}
)

// WithoutPossessives is s with each English possessive "'s" (or "’s")
// after a letter or a digit taken off: "Rosa's ticket" is "Rosa ticket",
// "Tec 1's tickets" "Tec 1 tickets", so a name typed with one matches the
// name (TypedWords reads "Rosa's" as two words, "rosa s"). "it's" becomes
// "it", which no name reader minds.
func WithoutPossessives(s string) string {
	var sb strings.Builder
	prev := rune(0) // the rune before i
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == '\'' || r == '’') && (unicode.IsLetter(prev) || unicode.IsDigit(prev)) && i+n < len(s) && (s[i+n] == 's' || s[i+n] == 'S') {
			next, _ := utf8.DecodeRuneInString(s[i+n+1:])
			if i+n+1 == len(s) || !unicode.IsLetter(next) && !unicode.IsDigit(next) {
				i += n + 1 // the "s" goes with the apostrophe
				prev = 's'
				continue
			}
		}
		sb.WriteString(s[i : i+n]) // as it came, an invalid byte too
		prev = r
		i += n
	}
	return sb.String()
}
