package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// People on a phone type requests as they chat: "q tengo mañana", "kiero
// reservar una mentoria", "mis resevas", "cancelr mi reserva". The
// intents read whole words, and such messages got small talk, "I don't
// know" or the booking article (seen in the sandbox).
// asMeant reads them as the words meant before the intents do; the
// search has its own correction and does not use this.

// chatSpellings are the chat's spellings of words the intents read, as
// talkWords gives them.
var chatSpellings = map[string]string{
	"q": "que", "k": "que", "ke": "que", "xq": "porque", "pq": "porque", "porq": "porque", "xk": "porque",
	"kiero": "quiero", "qiero": "quiero", "kero": "quiero", "pa": "para", "x": "por", "d": "de", "tmb": "tambien",
	"tb": "tambien", "dnd": "donde", "cdo": "cuando", "cnd": "cuando", "msj": "mensaje", "mnn": "manana",
}

// typoTargets are the words of the requests that a slip of one letter
// is read as ("resevas": reservas, "cancelr": cancelar, "mntria" is two
// slips and is not): the nouns and verbs that name what is asked for, by
// their first letter and length (a slip in the first letter is not
// read: rare on a phone, and every word of a message is looked up).
// Words of fewer than typoMin letters are not corrected: too many words
// are one letter from them.
var typoTargets = byStart(intentBooking, intentBook, intentMentor, intentCancel, intentChange, intentTicket,
	intentReport, intentFailure, intentLanguage, intentErase, intentHelp,
	// the staff's: "mi ajenda" (a mentor's "I don't know", seen in the
	// sandbox)
	agendaWords, slotWords, trainingWords, surveyWords, reportWords, announceWords,
	// "mis cusos", "quiero incribirme a la capacitación" (suggestions or
	// "I don't know", seen in the sandbox)
	courseWords, trainingAttend)

// typoMin is the shortest word corrected (typoTargets).
const typoMin = 5

// typoKey is where typoTargets keeps the words of a first letter and a
// length.
type typoKey struct {
	first rune
	n     int
}

// byStart is the words of sets of typoMin letters or more, by their
// first letter and length in letters.
func byStart(sets ...map[string]bool) map[typoKey][]string {
	out := map[typoKey][]string{}
	for w := range union(sets...) {
		if n := utf8.RuneCountInString(w); n >= typoMin {
			first, _ := utf8.DecodeRuneInString(w)
			out[typoKey{first, n}] = append(out[typoKey{first, n}], w)
		}
	}
	return out
}

// asMeant is words with the chat's spellings read as the words meant
// (chatSpellings) and a word no request knows, the staff's included,
// read as the one request word it is a slip of one letter from (oneSlip),
// if there is one; words itself when nothing changes.
func asMeant(words []string) []string {
	var out []string
	for i, w := range words {
		meant, ok := chatSpellings[w]
		if !ok && !intentKnown(w) && !staffKnown[w] {
			meant, ok = oneSlip(w)
		}
		if !ok || meant == w {
			continue
		}
		if out == nil {
			out = append([]string(nil), words...)
		}
		out[i] = meant
	}
	if out == nil {
		return words
	}
	return out
}

// oneSlip is the one word of typoTargets that w is one slip from: a
// letter left out, the slip people make most on a phone ("cancelr":
// cancelar, though "cancela" is one letter changed), or else a letter too
// many, one changed, or two side by side swapped; false for none, or
// several of the same kind of slip.
func oneSlip(w string) (string, bool) {
	n := utf8.RuneCountInString(w)
	if n < typoMin {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(w)
	for _, lengths := range [][]int{{n + 1}, {n - 1, n}} {
		found := ""
		for _, l := range lengths {
			for _, t := range typoTargets[typoKey{first, l}] {
				if slipped(w, t) {
					if found != "" {
						return "", false // two words it could be
					}
					found = t
				}
			}
		}
		if found != "" {
			return found, true
		}
	}
	return "", false
}

// slipped reports whether a and b, different, are one slip apart (oneSlip).
func slipped(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	switch {
	case len(x) == len(y) && i == len(x):
		return false // the same
	case len(x) == len(y):
		if i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:]) {
			return true // two swapped
		}
		return string(x[i+1:]) == string(y[i+1:]) // one changed
	case len(y)-len(x) == 1:
		return string(x[i:]) == string(y[i+1:]) // one left out
	}
	return false
}

// Meant is text as aulabot.TypedWords reads it, each word read as meant
// as the intents read it (asMeant): the readers of words beside the
// intents ("kiero ver mis cursos", "tomo el sigiente") use it.
func Meant(text string) string {
	words := strings.Fields(aulabot.TypedWords(text))
	return strings.Join(asMeant(words), " ")
}
